"""Search benchmarks (``make bench-search``; not part of the test suite).

Measures, per corpus, and prints as a table next to the targets of the search issue:

* bulk indexing throughput: ``rebuild_index`` (a new Elasticsearch index written in bulk and
  swapped behind the alias), in items/s; item derivation (``derive_items``: pages ->
  ``KnowledgeItem``) is reported separately, and so is the time seeding took;
* latency p50/p95/p99 of the engine alone (``KnowledgeSearch().search(SearchRequest(...))`` in
  one process) and of the search page end to end (HTTP GET of ``/zoeken/?...`` against gunicorn
  on 127.0.0.1 with production settings, DEBUG off), each for four scenarios: text only, text
  plus three facets (collaboration, theme, year), facet browsing without text, and text that
  occurs only inside files ("file text");
* the corpus's file text (items with text, average size and pages) and a check that the
  database's full-text index (PostgreSQL's vector, SQLite's FTS5 table) covers every item.

A third of the synthetic items carry file text, 20 KB on average in pages of about 3,000
characters (``cms/demo/synthetic_text.py``). Three corpora, each in its own database (never
the dev or test databases), named ``<BENCH_DB_PREFIX>_<scale>_v<CORPUS_VERSION>``:

* ``elasticsearch``: demo content + ``BENCH_SCALE`` (100,000) synthetic items in PostgreSQL
  (``BENCH_DATABASE``), Elasticsearch index prefix the same name with dashes (alias
  ``<prefix>-knowledge``) on ``scripts/elasticsearch``;
* ``postgresql`` and ``sqlite``: demo content + ``BENCH_DB_SCALE`` (10,000) synthetic items,
  ``ELASTICSEARCH_URL`` empty (the database engine), in a PostgreSQL database on
  ``scripts/postgres`` and in a SQLite file in ``.bench/`` (``BENCH_DATABASES``).

The databases are kept (a new corpus version gets new ones): the next run finds the pages
seeded (``seed_demo --scale`` only adds what is missing) and the items derived (derivation is
skipped while every searchable page has its item), so only the index build and the latency
runs are repeated; the report repeats what the first run measured for seeding and derivation
(kept in ``.bench/<database>-<vendor>.json``).
``BENCH_REDERIVE=1`` empties ``KnowledgeItem`` first to time a full derivation again; drop the
databases to time seeding again. Media files go to ``.bench/media``, collected static files to
``.bench/static``, gunicorn's log to ``.bench/gunicorn-<label>.log``, the results (every
timing, the queries) to ``.bench/search.json``.

Each page is checked to show the engine's first hit for the same query, so an error page or
an empty state is never timed as a result page.

Before file text, a first run at full scale took about 25 minutes here (seeding 100,000 pages
about 10, deriving their items about 3.5, the index build under 1, the latency runs about 10).

Run::

    make bench-search                                   # starts PostgreSQL and Elasticsearch if needed
    BENCH_SCALE=20000 BENCH_DB_SCALE=5000 make bench-search     # smaller corpora, quicker
    .venv/bin/python tests/benchmarks/search_bench.py --only sqlite --requests 100

Environment (all optional): ``BENCH_SCALE`` (100000), ``BENCH_DB_SCALE`` (10000),
``BENCH_REQUESTS`` measured requests per scenario and layer (300), ``BENCH_WARMUP`` (30),
``BENCH_WORKERS`` gunicorn workers (2), ``BENCH_PORT`` (18765), ``BENCH_REDERIVE`` (0),
``BENCH_POSTGRES_URL`` (``scripts/postgres url``; the database name is replaced),
``BENCH_DB_PREFIX`` (``kennisplatform_bench``: the first part of database and index names),
``BENCH_DATABASES`` (``postgresql,sqlite``: the database engine's corpora),
``BENCH_DATABASE=sqlite`` (the Elasticsearch corpus's items in a SQLite file instead),
``BENCH_ELASTICSEARCH_URL`` (``scripts/elasticsearch url``), ``BENCH_OUTPUT``
(``.bench/search.json``).

The machine is shared (2 cores): figures depend on what else runs; the report records the load
average before and after.
"""

import argparse
import html
import json
import os
import platform
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_corpus import (
    BENCH_DIR,
    PROJECT,
    corpora,
    ensure_database,
    env_int,
    get,
    load_average,
    production_server,
    run_worker,
    state_path,
)
from tests.benchmarks.bench_report import print_report, summarise

# The synthetic vocabulary (cms/demo/synthetic.py) plus what people type around it: synonyms,
# abbreviations, inflections, two-word queries and the odd typo.
TEXT_QUERIES = [
    "verrekenmodel",
    "gemeenschappelijke regeling",
    "begroting",
    "dienstverleningsovereenkomst",
    "bestuurskrachtmeting",
    "ondernemingsraad",
    "klanttevredenheid",
    "informatiebeveiliging",
    "inkoop en aanbesteding",
    "sociaal domein",
    "personeelsbeleid",
    "huisvesting",
    "archief",
    "belastingen",
    "jeugdzorg",
    "Wmo",
    "omgevingswet",
    "rekenkameronderzoek",
    "evaluatie",
    "kostenverdeelsleutel",
    "shared service centrum",
    "cultuurtraject",
    "opdrachtgeverschap",
    "verrekenen",
    "verrekening",
    "GR",
    "SSC",
    "plan van aanpak",
    "raadsinformatiebrief omgevingswet",
    "evaluatie samenwerking",
    "kaderbrief begroting",
    "voortgangsrapportage jeugdzorg",
    "onderzoek naar huisvesting",
    "handreiking opdrachtgeverschap",
    "besluit verdeelsleutel",
    "werkorganisatie",
    "nulmeting",
    "begrooting",
    "informatiebevijliging",
]


# --- workers (run inside Django) ------------------------------------------------------------


def setup_django():
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def worker_result(data):
    with open(os.environ["BENCH_RESULT"], "w") as handle:
        json.dump(data, handle, default=str)


def worker_prepare(engine):
    """Migrate, seed, derive the items and (Elasticsearch) build the index, timing each step."""
    setup_django()
    from django.core.management import call_command

    from cms.demo.builder import DemoSite
    from cms.demo.synthetic import add_synthetic_items
    from search.items import searchable_pages
    from search.models import KnowledgeItem
    from search.rebuild import derive_items, rebuild_index

    params = json.loads(os.environ["BENCH_PARAMS"])
    scale = params["scale"]
    # What the first run of this corpus measured (seeding, full derivation), for later runs.
    state_path = Path(params["state"])
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    now = datetime.now().isoformat(timespec="seconds")
    out = {}
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the site's database cache, if it uses one

    started = time.perf_counter()
    DemoSite(log=lambda *args: None).build()
    step = max(scale // 10, 1000)
    added = add_synthetic_items(scale, log=lambda line: print(line, flush=True))
    out["seed"] = {"added": added, "seconds": time.perf_counter() - started, "measured": now}
    print(f"  seed: {added} synthetic pages added in {out['seed']['seconds']:.1f} s", flush=True)
    if added >= scale / 2:
        state["seed"] = out["seed"]

    if params.get("rederive"):
        KnowledgeItem.objects.all().delete()
    # Pages' items only: discussion topics are items too (the load and page benchmarks add some).
    before, pages = KnowledgeItem.objects.filter(page__isnull=False).count(), searchable_pages().count()
    if before == pages and not added:
        # The items were derived by an earlier run (only the bench writes to this database):
        # deriving them again takes minutes and writes nothing. BENCH_REDERIVE=1 times it anew.
        out["derive"] = {"skipped": True}
        print("  derive: skipped, the items are there (BENCH_REDERIVE=1 derives them again)", flush=True)
    else:
        started = time.perf_counter()
        total = derive_items(progress=progress_printer("  derive", step))
        seconds = time.perf_counter() - started
        # "full": (nearly) every item is new; "incremental": only differences are written.
        mode = "full" if before < pages / 2 else "incremental"
        out["derive"] = {"items": total, "seconds": seconds, "mode": mode, "existing_before": before, "measured": now}
        print(f"  derive ({mode}): {total} items in {seconds:.1f} s", flush=True)
        if mode == "full":
            state["derive"] = out["derive"]
    out["first_run"] = state
    state_path.write_text(json.dumps(state, indent=1))
    out["items"] = KnowledgeItem.objects.count()
    out["pages"] = pages
    out["fulltext"] = check_fulltext()
    out["file_text"] = file_text_stats()
    print(
        f"  file text: {out['file_text']['items']} items ({out['file_text']['share']:.0%}), "
        f"{out['file_text']['mean_kb']:.1f} KB and {out['file_text']['mean_pages']:.1f} pages on average; "
        f"full-text index: {out['fulltext']}",
        flush=True,
    )

    if engine == "elasticsearch":
        marks = []

        def index_progress(done, total):
            marks.append((time.perf_counter(), done))

        started = time.perf_counter()
        result = rebuild_index(progress=index_progress)
        seconds = time.perf_counter() - started
        bulk_seconds = marks[-1][0] - started if marks else seconds
        out["index"] = {
            "documents": result["documents"],
            "seconds": seconds,
            "bulk_seconds": bulk_seconds,
            "index": result["index"],
            "dutch_analysis": result["dutch_analysis"],
        }
        print(
            f"  index: {result['documents']} documents in {seconds:.1f} s "
            f"({result['documents'] / seconds:.0f} items/s)",
            flush=True,
        )
    worker_result(out)


def check_fulltext():
    """Make sure the database's full-text index covers every item (PostgreSQL: a stored vector,
    SQLite: a row in the FTS5 table); fill in what is missing, in batches, and say how many."""
    from django.db import connection

    from search.fulltext.sqlite import TABLE
    from search.items import update_search_vectors
    from search.models import KnowledgeItem

    if connection.vendor == "postgresql":
        missing = list(KnowledgeItem.objects.filter(search_vector__isnull=True).values_list("pk", flat=True))
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {KnowledgeItem._meta.db_table} WHERE id NOT IN (SELECT rowid FROM {TABLE})")
            missing = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(missing), 500):
        update_search_vectors(KnowledgeItem.objects.filter(pk__in=missing[start : start + 500]))
    where = "vector" if connection.vendor == "postgresql" else f"{TABLE} row"
    return f"every item has its {where}" + (f" ({len(missing)} filled in now)" if missing else "")


def file_text_stats():
    from django.db.models.functions import Length

    from search.models import KnowledgeItem

    with_text = KnowledgeItem.objects.exclude(file_text="")
    lengths = list(with_text.annotate(chars=Length("file_text")).values_list("chars", "file_page_offsets"))
    count, total = len(lengths), KnowledgeItem.objects.count()
    return {
        "items": count,
        "share": count / total if total else 0,
        "mean_kb": sum(chars for chars, _ in lengths) / count / 1000 if count else 0,
        "mean_pages": sum(len(offsets) for _, offsets in lengths) / count if count else 0,
        "total_mb": sum(chars for chars, _ in lengths) / 1e6,
    }


def progress_printer(label, every):
    state = {"next": every}

    def show(done, total):
        if done >= state["next"] or done == total:
            print(f"{label}: {done}/{total}", flush=True)
            state["next"] = (done // every + 1) * every

    return show


def worker_engine(engine):
    """Latency of KnowledgeSearch().search() in this process, per scenario."""
    setup_django()
    from django.http import QueryDict

    from search.query import SearchRequest
    from search.service import KnowledgeSearch

    params = json.loads(os.environ["BENCH_PARAMS"])
    scenarios = build_scenarios(params["requests"], params["warmup"])
    search = KnowledgeSearch()
    out = {"scenarios": scenarios, "latency": {}}
    for name, queries in scenarios.items():
        requests = [SearchRequest.from_querydict(QueryDict(query)) for query in queries["warmup"] + queries["measure"]]
        warmup = len(queries["warmup"])
        timings, totals, first_titles = [], [], []
        for number, request in enumerate(requests):
            started = time.perf_counter()
            results = search.search(request)
            elapsed = time.perf_counter() - started
            if results.engine != engine or results.fallback:
                raise RuntimeError(f"{engine} expected, {results.engine} answered (fallback={results.fallback})")
            if number >= warmup:
                timings.append(elapsed * 1000)
                totals.append(results.total)
                # The page run checks that it shows the same first hit.
                first_titles.append(results.hits[0].title if results.hits else None)
        out["latency"][name] = {
            "ms": timings,
            "mean_total": sum(totals) / len(totals),
            "zero_results": sum(1 for total in totals if total == 0),
        }
        queries["first_titles"] = first_titles
    worker_result(out)


def build_scenarios(count, warmup, seed=2026):
    """Query strings for each scenario (the same for the engine and the page runs)."""
    from cms.models import Collaboration, DocumentType, Theme
    from search.models import KnowledgeItem

    rng = random.Random(seed)
    collaborations = list(Collaboration.objects.values_list("slug", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    types = list(DocumentType.objects.values_list("slug", flat=True))
    years = sorted(y for y in KnowledgeItem.objects.values_list("year", flat=True).distinct() if y)
    municipalities = list(
        KnowledgeItem.municipalities.through.objects.values_list("municipality__slug", flat=True).distinct()
    )
    provinces = list(KnowledgeItem.provinces.through.objects.values_list("province__slug", flat=True).distinct())
    kinds = list(KnowledgeItem.objects.values_list("kind", flat=True).distinct())
    browse_facets = {
        "type": kinds,
        "collaboration": collaborations,
        "municipality": municipalities,
        "province": provinces,
        "theme": themes,
        "document_type": types,
        "year": years,
    }

    def text():
        return [("q", rng.choice(TEXT_QUERIES))] + ([("sort", "date")] if rng.random() < 0.1 else [])

    def text_facets():
        return [
            ("q", rng.choice(TEXT_QUERIES)),
            ("collaboration", rng.choice(collaborations)),
            ("theme", rng.choice(themes)),
            ("year", rng.choice(years)),
        ]

    def browse():
        names = rng.sample(sorted(browse_facets), k=rng.randint(1, 3))
        params = [(name, rng.choice(browse_facets[name])) for name in names]
        if rng.random() < 0.15:  # a second value in one facet (OR)
            params.append((names[0], rng.choice(browse_facets[names[0]])))
        if rng.random() < 0.2:
            params.append(("page", rng.randint(2, 3)))
        return params

    from cms.demo.synthetic_text import FILE_ONLY_QUERIES

    def file_text():
        return [("q", rng.choice(FILE_ONLY_QUERIES))]

    makers = {"text": text, "text+3 facets": text_facets, "facets only": browse, "file text": file_text}
    return {
        name: {
            "warmup": [urllib.parse.urlencode(make()) for _ in range(warmup)],
            "measure": [urllib.parse.urlencode(make()) for _ in range(count)],
        }
        for name, make in makers.items()
    }


def measure_page(corpus, scenarios, workers, port):
    """Start gunicorn (production settings) for ``corpus`` and time GET /zoeken/?... ."""
    base = f"http://127.0.0.1:{port}/zoeken/"
    with production_server(corpus, workers, port, f"gunicorn-{corpus['label']}.log"):
        out = {}
        for name, queries in scenarios.items():
            for query in queries["warmup"]:
                get(f"{base}?{query}")
            timings, sizes, wrong = [], [], []
            for query, title in zip(queries["measure"], queries["first_titles"], strict=False):
                elapsed, body = get(f"{base}?{query}")
                timings.append(elapsed)
                sizes.append(len(body))
                # The page must show what the engine found (its first hit), or it measured
                # something else (an error page, another engine, an empty state).
                if title and html.escape(title).encode() not in body:
                    wrong.append(query)
                    if len(wrong) == 1:
                        sample = BENCH_DIR / f"unexpected-{corpus['label']}-{name.replace(' ', '_')}.html"
                        sample.write_bytes(body)
                        print(
                            f"  warning: /zoeken/?{query} does not show the engine's first hit; saved as {sample}",
                            flush=True,
                        )
            out[name] = {"ms": timings, "mean_bytes": sum(sizes) / len(sizes), "not_matching_engine": wrong}
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        choices=["elasticsearch", "database", "postgresql", "sqlite"],
        help="run one engine only (database: on PostgreSQL and SQLite; postgresql, sqlite: on that database)",
    )
    parser.add_argument("--requests", type=int, default=env_int("BENCH_REQUESTS", 300))
    parser.add_argument("--warmup", type=int, default=env_int("BENCH_WARMUP", 30))
    parser.add_argument("--no-page", action="store_true", help="skip the HTTP measurements")
    args = parser.parse_args()
    BENCH_DIR.mkdir(exist_ok=True)
    workers = env_int("BENCH_WORKERS", 2)
    port = env_int("BENCH_PORT", 18765)
    report = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_before": load_average(),
        "gunicorn_workers": workers,
        "requests_per_scenario": args.requests,
        "warmup_per_scenario": args.warmup,
        "corpora": [],
    }
    for corpus in corpora(args.only):
        print(f"== {corpus['label']}: {corpus['scale']:,} synthetic items, {corpus['database']}", flush=True)
        ensure_database(corpus)
        corpus["prepare"] = run_worker(
            "prepare",
            corpus,
            scale=corpus["scale"],
            state=state_path(corpus),
            rederive=os.environ.get("BENCH_REDERIVE", "") not in ("", "0"),
        )
        print("  engine latency...", flush=True)
        engine = run_worker("engine", corpus, requests=args.requests, warmup=args.warmup)
        corpus["engine_latency"] = engine["latency"]
        corpus["queries"] = {name: queries["measure"] for name, queries in engine["scenarios"].items()}
        if not args.no_page:
            print("  search page latency (gunicorn)...", flush=True)
            corpus["page_latency"] = measure_page(corpus, engine["scenarios"], workers, port)
        corpus["rows"] = summarise(corpus)
        corpus.pop("database_url")
        report["corpora"].append(corpus)
    report["load_after"] = load_average()
    print_report(report)
    output = Path(os.environ.get("BENCH_OUTPUT") or BENCH_DIR / "search.json")
    output.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nResults (with every timing): {output}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] in ("_prepare", "_engine"):
        {"_prepare": worker_prepare, "_engine": worker_engine}[sys.argv[1]](sys.argv[2])
    else:
        main()
