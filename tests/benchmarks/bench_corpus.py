"""What the search benchmarks, the load test and the fault tests share: the bench corpora (their
databases, seeded once and kept in ``.bench/``), the environment a Django process for a corpus
runs with, and a gunicorn server with production settings in front of one.

The environment variables are described in search_bench.py.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DIR = PROJECT / ".bench"
PYTHON = sys.executable
BENCH_SCRIPT = Path(__file__).with_name("search_bench.py")  # its worker steps run inside Django


# --- configuration -------------------------------------------------------------------------


def env_int(name, default):
    return int(os.environ.get(name) or default)


def script_output(*args):
    try:
        return subprocess.run(args, cwd=PROJECT, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# The synthetic corpus's version: part of every bench database's name, so a corpus built by an
# older version (kept between runs) is never measured as if it were the current one.
# 2: a third of the items carry file text (cms/demo/synthetic_text.py).
CORPUS_VERSION = 2


def db_prefix():
    """The first part of the bench databases' and indexes' names (BENCH_DB_PREFIX), so that
    two people's benchmarks on one server do not share databases."""
    return (os.environ.get("BENCH_DB_PREFIX") or "kennisplatform_bench").lower()


def corpus_name(scale, purpose=None):
    prefix = db_prefix() if purpose is None else f"{db_prefix().removesuffix('_bench')}_{purpose}"
    return f"{prefix}_{scale}_v{CORPUS_VERSION}"


def corpora(only=None):
    """The corpora and the environment each runs in: the database engine on each database of
    BENCH_DATABASES (PostgreSQL and SQLite) at BENCH_DB_SCALE, Elasticsearch (its items in
    BENCH_DATABASE) at BENCH_SCALE. ``only``: "elasticsearch", "database", "postgresql" or
    "sqlite" (the database engine on that database)."""
    es_scale, db_scale = env_int("BENCH_SCALE", 100_000), env_int("BENCH_DB_SCALE", 10_000)
    es_url = (
        os.environ.get("BENCH_ELASTICSEARCH_URL")
        or script_output("scripts/elasticsearch", "url")
        or "http://127.0.0.1:19200"
    )
    vendors = [v.strip() for v in os.environ.get("BENCH_DATABASES", "postgresql,sqlite").split(",") if v.strip()]
    plan = [("database", db_scale, vendor) for vendor in vendors]
    plan.append(("elasticsearch", es_scale, os.environ.get("BENCH_DATABASE", "postgresql")))
    found = []
    for engine, scale, vendor in plan:
        if only and only not in (engine, vendor if engine == "database" else None):
            continue
        name = corpus_name(scale)
        database, db_label = database_url(name, vendor)
        found.append(
            {
                "name": name,
                "engine": engine,
                "vendor": vendor,
                "label": engine if engine == "elasticsearch" else vendor,
                "scale": scale,
                "database": db_label,
                "database_url": database,
                "index_prefix": name.replace("_", "-") if engine == "elasticsearch" else None,
                "elasticsearch_url": es_url if engine == "elasticsearch" else "",
            }
        )
    return found


def state_path(corpus):
    """Where what the first run of a corpus measured is kept (per database: the same name can
    be a PostgreSQL database and a SQLite file)."""
    return str(BENCH_DIR / f"{corpus['name']}-{corpus['vendor']}.json")


def prepared_corpus(purpose, scale, engine="elasticsearch", url=None):
    """A corpus of its own for another harness (load test, fault tests, page benchmark):
    database ``kennisplatform_<purpose>_<scale>_v<version>`` (or ``url``), index prefix the same
    with dashes, created, seeded and (``engine="elasticsearch"``) indexed by the benchmark's own
    prepare step; ``engine="database"`` leaves Elasticsearch out (the database search engine)."""
    corpus = corpora("elasticsearch")[0]
    if url:
        name = urllib.parse.urlsplit(url).path.lstrip("/").rsplit("/", 1)[-1].removesuffix(".sqlite3")
        label = f"{'PostgreSQL' if url.startswith('postgres') else 'SQLite'} {name}"
        corpus["vendor"] = "postgresql" if url.startswith("postgres") else "sqlite"
    else:
        name = corpus_name(scale, purpose)
        url, label = database_url(name, corpus["vendor"])
    corpus.update(
        name=name, scale=scale, index_prefix=name.replace("_", "-"), database_url=url, database=label, label=purpose
    )
    if engine == "database":
        corpus.update(engine="database", index_prefix=None, elasticsearch_url="")
    BENCH_DIR.mkdir(exist_ok=True)
    ensure_database(corpus)
    run_worker("prepare", corpus, scale=scale, state=state_path(corpus))
    return corpus


def database_url(name, vendor="postgresql"):
    """(DATABASE_URL, label) of a bench database called ``name`` on ``vendor``."""
    if vendor == "sqlite":
        path = BENCH_DIR / f"{name}.sqlite3"
        return f"sqlite:///{path}", f"SQLite {path.relative_to(PROJECT)}"
    base = (
        os.environ.get("BENCH_POSTGRES_URL")
        or script_output("scripts/postgres", "url")
        or "postgres://kennisplatform:kennisplatform@127.0.0.1:15432/kennisplatform"
    )
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(
        parts._replace(path=f"/{name}")
    ), f"PostgreSQL {name} on {parts.hostname}:{parts.port}"


def ensure_database(corpus):
    """Create the corpus's PostgreSQL database (owned by the project's role) if it is missing."""
    url = corpus["database_url"]
    if not url.startswith("postgres"):
        BENCH_DIR.mkdir(exist_ok=True)
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}", flush=True)


def page_cache_dir(corpus):
    return BENCH_DIR / "cache" / Path(urllib.parse.urlsplit(corpus["database_url"]).path).name


def fresh_page_cache(corpus):
    """Empty the corpus's page and fragment cache, so that no page or fragment rendered by
    earlier code is measured."""
    shutil.rmtree(page_cache_dir(corpus), ignore_errors=True)


def django_env(corpus, settings="kennisplatform.settings.dev", **extra):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": corpus["database_url"],
            "ELASTICSEARCH_URL": corpus["elasticsearch_url"],
            "ELASTICSEARCH_INDEX_PREFIX": corpus["index_prefix"] or "bench-unused",
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(PROJECT),
            # The page cache, the fragments and the content generation are files (unless
            # CACHE_URL says otherwise): one folder per corpus, never shared with another database.
            "PAGE_CACHE_DIR": str(page_cache_dir(corpus)),
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


# --- the search page over HTTP --------------------------------------------------------------


def production_env(corpus, **extra_env):
    """The environment of the site with production settings (DEBUG off) for ``corpus``."""
    return django_env(
        corpus,
        settings="kennisplatform.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_CONN_MAX_AGE=60,
        **extra_env,
    )


@contextlib.contextmanager
def production_server(corpus, workers, port, log_name, **extra_env):
    """gunicorn with production settings (DEBUG off) for ``corpus`` on 127.0.0.1:``port``."""
    env = production_env(corpus, **extra_env)
    # Production settings serve static files through a manifest: collect them once (quick when
    # nothing changed).
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=PROJECT, env=env, check=True
    )
    with gunicorn_server("kennisplatform.wsgi", workers, port, log_name, env, "/zoeken/") as server:
        yield server


@contextlib.contextmanager
def gunicorn_server(app, workers, port, log_name, env, probe_path):
    """gunicorn serving the WSGI ``app`` with ``workers`` sync workers on 127.0.0.1:``port``,
    once ``probe_path`` answers."""
    gunicorn = Path(PYTHON).with_name("gunicorn")
    log = open(BENCH_DIR / log_name, "w")
    server = subprocess.Popen(
        [
            str(gunicorn),
            app,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}{probe_path}", server)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def wait_for(url, server, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}); see {BENCH_DIR}/gunicorn-*.log")
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError, RuntimeError):
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def get(url):
    """(milliseconds, body) of one GET, connection set-up to the last byte; non-200 raises."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    return elapsed, body


def load_average():
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def run_worker(step, corpus, **params):
    """Run ``step`` of search_bench.py in a fresh process configured for ``corpus``; return its JSON."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", dir=BENCH_DIR) as result:
        env = django_env(corpus, BENCH_RESULT=result.name, BENCH_PARAMS=json.dumps(params))
        subprocess.run([PYTHON, str(BENCH_SCRIPT), f"_{step}", corpus["engine"]], cwd=PROJECT, env=env, check=True)
        return json.load(open(result.name))
