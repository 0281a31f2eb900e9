"""Page benchmark (``make bench-pages``; not part of the test suite).

Measures how fast the site serves its main pages: requests/s and p50/p95 latency at 1 and at 8
concurrent requests, measured with ApacheBench (``ab``, package apache2-utils) against gunicorn
with production settings (DEBUG off, ``BENCH_PAGES_WORKERS`` = 3 sync workers, like the load
test; the database search engine unless ``BENCH_PAGES_SEARCH=elasticsearch``), on the demo
content plus ``BENCH_PAGES_SCALE`` (10,000) synthetic items. The pages: home, the news and
document listings, a document, publication, news, event and collaboration page, a discussion
topic with 20 posts, the members' directory and the search page (``?q=verrekenmodel``); and a
trivial WSGI answer (tests/benchmarks/trivial_wsgi.py) from the same gunicorn set-up, for
reference. Three modes:

* anonymous, cache on: a visitor without cookies, page cache warmed first (the mode column
  says "not cached" when the page never comes from the cache: search and discussions);
* anonymous, cache off: the same on a second server with ``PAGE_CACHE_SECONDS=0``;
* member: a verified member logged in through the login form (the only mode for the
  directory, which needs a login).

The table also gives the SQL queries each page costs per mode, counted once in-process
(django.test.Client and CaptureQueriesContext, production settings, the same database) on a
repeated request, so warm caches count as they do on the server. Any answer that is not a 2xx,
a failed request or a member page served logged out makes the run exit non-zero.

The database is prepared like the load test's (tests/benchmarks/bench_corpus.py: seeded once,
kept in ``.bench/`` or PostgreSQL): ``kennisplatform_pages_<scale>_v<version>`` on PostgreSQL
(``BENCH_POSTGRES_URL``, default ``scripts/postgres url``), ``BENCH_DATABASE=sqlite`` for a SQLite
file, or ``BENCH_DATABASE_URL`` for a database of your choice. The report is printed as a
Markdown table and written to ``.bench/pages.json``, with the load average before and after:
the machine is shared (2 cores, ab included), so the figures are this machine's, not a server's.

Run::

    make bench-pages
    BENCH_DATABASE=sqlite BENCH_PAGE_REQUESTS=200 make bench-pages

Environment (all optional): ``BENCH_PAGE_REQUESTS`` requests per measurement at c=1 (500),
``BENCH_PAGE_REQUESTS_C8`` at c=8 (the same), ``BENCH_PAGE_SECONDS`` the most one measurement
may take (10: a page slower than 50 requests/s is measured on fewer requests, which keeps the
run near 15 minutes; the JSON has every count), ``BENCH_PAGE_WARMUP`` requests per page first (6),
``BENCH_PAGES`` (a comma list of page keys, default all), ``BENCH_PAGES_WORKERS`` (3),
``BENCH_PAGES_PORT`` (18767; the trivial app on the next port).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks import apachebench
from tests.benchmarks.bench_corpus import (
    BENCH_DIR,
    PROJECT,
    PYTHON,
    django_env,
    env_int,
    fresh_page_cache,
    gunicorn_server,
    load_average,
    prepared_corpus,
    production_env,
    production_server,
)
from tests.benchmarks.pages_site import LABELS, MEMBERS_ONLY, PAGES, check_page, log_in

MODES = ("anonymous, cache on", "anonymous, cache off", "member")
DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"


def config():
    requests = env_int("BENCH_PAGE_REQUESTS", 500)
    only = [key.strip() for key in os.environ.get("BENCH_PAGES", "").split(",") if key.strip()]
    return {
        "scale": env_int("BENCH_PAGES_SCALE", 10_000),
        "requests": {1: requests, 8: env_int("BENCH_PAGE_REQUESTS_C8", requests)},
        "seconds": env_int("BENCH_PAGE_SECONDS", 10),
        "warmup": env_int("BENCH_PAGE_WARMUP", 6),
        "workers": env_int("BENCH_PAGES_WORKERS", 3),
        "port": env_int("BENCH_PAGES_PORT", 18767),
        "search": "elasticsearch" if os.environ.get("BENCH_PAGES_SEARCH") == "elasticsearch" else "database",
        "pages": [key for key, *_ in PAGES if not only or key in only],
    }


def in_django(step, corpus, env, output):
    """Run ``step`` of pages_site.py in a fresh Django process; return the JSON it wrote."""
    env = dict(env, BENCH_OUTPUT=str(output))
    subprocess.run([PYTHON, str(Path(__file__).with_name("pages_site.py")), step], cwd=PROJECT, env=env, check=True)
    return json.loads(output.read_text())


def measure(url, settings, cookie=None):
    """Warm the workers up (a few requests, at most 5 s), then ab at c=1 and c=8: {concurrency: figures}."""
    apachebench.run(url, settings["warmup"], 3, min(settings["seconds"], 5), cookie)
    return {
        concurrency: apachebench.run(url, settings["requests"][concurrency], concurrency, settings["seconds"], cookie)
        for concurrency in (1, 8)
    }


def run_mode(report, mode, base, site, settings, cookie=None):
    """Measure every page of ``mode`` against the server at ``base``; failures are recorded."""
    for key in settings["pages"]:
        if key in MEMBERS_ONLY and mode != "member":
            continue
        url = base + site["urls"][key]
        row = {"page": key, "label": LABELS[key], "mode": mode, "url": site["urls"][key]}
        report["rows"].append(row)
        try:
            row["cache"] = check_page(url, cookie, member=mode == "member", warm=mode == MODES[0])
            row["figures"] = measure(url, settings, cookie)
            row["load"] = load_average()  # the machine is shared: what else ran meanwhile
        except (RuntimeError, OSError) as error:  # BenchError, an HTTP error, no login
            row["error"] = str(error)
            print(f"  FAILED {key} ({mode}): {error}", flush=True)
            continue
        print(f"  {key:<16} {mode:<22} {format_figures(row['figures'][1])} | {format_figures(row['figures'][8])}")


def format_figures(figures):
    return f"{figures['rps']:8.1f} req/s  p50 {figures['p50']:6.1f} / p95 {figures['p95']:6.1f} ms"


def rate(rps):
    return f"{rps:.0f}" if rps >= 100 else f"{rps:.1f}"


def table(report):
    lines = [
        "| page | mode | c=1 req/s | c=1 p50/p95 ms | c=8 req/s | c=8 p50/p95 ms | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report["rows"]:
        mode = row["mode"] + (" (not cached)" if row["mode"] == MODES[0] and row.get("cache") != "hit" else "")
        if "error" in row:
            lines.append(f"| {row['label']} | {mode} | FAILED | – | FAILED | – | {row.get('queries', '–')} |")
            continue
        cells = [
            f"{rate(row['figures'][c]['rps'])} | {row['figures'][c]['p50']:.1f} / {row['figures'][c]['p95']:.1f}"
            for c in (1, 8)
        ]
        lines.append(f"| {row['label']} | {mode} | {cells[0]} | {cells[1]} | {row.get('queries', '–')} |")
    return "\n".join(lines)


def main():
    if not apachebench.ab_path():
        print(apachebench.INSTALL_HINT, file=sys.stderr)
        sys.exit(2)
    settings = config()
    started = time.monotonic()
    engine = settings["search"]
    corpus = prepared_corpus("pages", settings["scale"], engine=engine, url=os.environ.get("BENCH_DATABASE_URL"))
    print(f"== Page benchmark: demo + {corpus['scale']:,} synthetic items, {corpus['database']}, {engine} search")
    fresh_page_cache(corpus)
    site = in_django("_site", corpus, django_env(corpus, EMAIL_BACKEND=DUMMY_MAIL), BENCH_DIR / "pages-site.json")
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "database": corpus["database"],
        "search": engine,
        "settings": {key: value for key, value in settings.items() if key != "pages"},
        "load_before": load_average(),
        "rows": [],
    }
    print(f"Load average before: {report['load_before']}", flush=True)
    port, workers = settings["port"], settings["workers"]
    server_env = {"EMAIL_BACKEND": DUMMY_MAIL, "SECURE_COOKIES": "false"}  # plain HTTP: cookies must come back

    trivial = "tests.benchmarks.trivial_wsgi:application"
    with gunicorn_server(trivial, workers, port + 1, "gunicorn-trivial.log", production_env(corpus), "/"):
        row = {"page": "trivial", "label": "trivial WSGI answer (reference)", "mode": "–", "cache": "–"}
        row["figures"] = measure(f"http://127.0.0.1:{port + 1}/", settings)
        report["rows"].append(row)
        print(f"  {'trivial':<16} {'':<22} {format_figures(row['figures'][1])} | {format_figures(row['figures'][8])}")

    base = f"http://127.0.0.1:{port}"
    with production_server(corpus, workers, port, "gunicorn-pages.log", **server_env):
        run_mode(report, MODES[0], base, site, settings)
        cookie = log_in(base, site["member_email"], site["password"])
        run_mode(report, MODES[2], base, site, settings, cookie)
    with production_server(corpus, workers, port, "gunicorn-pages-uncached.log", PAGE_CACHE_SECONDS=0, **server_env):
        run_mode(report, MODES[1], base, site, settings)
    report["load_after"] = load_average()

    query_env = dict(production_env(corpus, **server_env), ALLOWED_HOSTS="127.0.0.1,testserver")
    queries = in_django("_queries", corpus, query_env, BENCH_DIR / "pages-queries.json")
    for row in report["rows"]:
        row["queries"] = queries.get(row["mode"], {}).get(row["page"], "–")
    # The table: the reference first, then per page its modes.
    order = ["trivial", *settings["pages"]], ["–", *MODES]
    report["rows"].sort(key=lambda row: (order[0].index(row["page"]), order[1].index(row["mode"])))

    print("\n" + table(report))
    report["minutes"] = round((time.monotonic() - started) / 60, 1)
    print(f"\nLoad average before/after: {report['load_before']} / {report['load_after']}; {report['minutes']} min")
    output = BENCH_DIR / "pages.json"
    output.write_text(json.dumps(report, indent=1))
    print(f"Results: {output}")
    failed = [row for row in report["rows"] if "error" in row]
    if failed:
        print(f"{len(failed)} measurement(s) FAILED:", file=sys.stderr)
        for row in failed:
            print(f"  {row['page']} ({row['mode']}): {row['error']}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
