"""Fault tests that need real servers to fail (``make faulttest``; not in the suite: they
kill and restart the project's Elasticsearch and PostgreSQL, so nothing else may use them).

Against gunicorn with production settings on 127.0.0.1 and demo content plus ``FAULT_SCALE``
(500) synthetic items in a database of its own, prepared with the search benchmark's steps:

* Elasticsearch killed (SIGKILL) while visitors search: no 5xx, searches fall back to the
  database (which also finds what was published during the outage), and after a restart the
  outbox brings the index up to date and searches use Elasticsearch again.
* PostgreSQL restarted: the same gunicorn (no restart) serves pages again as soon as the
  database is back.

Quick faults are in the suite: a full disk on upload (tests/cms/test_full_disk.py) and a mail
server that refuses (tests/events/test_mail_retry.py).
"""

import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.benchmarks.bench_corpus import PROJECT, PYTHON, django_env, env_int, prepared_corpus, production_server

PORT = env_int("FAULT_PORT", 18767)
BASE = f"http://127.0.0.1:{PORT}"
RETRY_AFTER_SECONDS = 5
FALLBACK_NOTICE = "tijdelijk niet beschikbaar"
QUERIES = [
    "/zoeken/?q=verrekenmodel",
    "/zoeken/?q=dienstverlening&type=document",
    "/zoeken/?q=ambtelijke+fusie",
    "/zoeken/?collaboration=bar-organisatie",
    "/zoeken/?q=evaluatie&theme=financien-verrekening",
]


@pytest.fixture(scope="module")
def corpus():
    return prepared_corpus("fault", env_int("FAULT_SCALE", 500))


@pytest.fixture(scope="module")
def site(corpus):
    with production_server(
        corpus,
        2,
        PORT,
        "gunicorn-fault.log",
        ELASTICSEARCH_RETRY_AFTER_SECONDS=RETRY_AFTER_SECONDS,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    ):
        yield BASE


def fetch(path, timeout=30):
    """(status, body) of a GET; errors are answers too, never exceptions."""
    try:
        with urllib.request.urlopen(BASE + path, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return 0, str(error)


class Visitors:
    """Threads that keep searching and reading pages, recording every answer."""

    def __init__(self, count=6):
        self.answers, self.stop = [], threading.Event()
        self.threads = [threading.Thread(target=self._visit, args=(n,)) for n in range(count)]

    def _visit(self, number):
        paths = QUERIES + ["/", "/documenten/", "/nieuws/"]
        position = number
        while not self.stop.is_set():
            path = paths[position % len(paths)]
            status, body = fetch(path)
            self.answers.append((time.monotonic(), path, status, FALLBACK_NOTICE in body))
            position += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def manage(corpus, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
        env=django_env(corpus, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ).stdout


def publish_news_title(corpus, title):
    manage(
        corpus,
        "shell",
        "-c",
        (
            "from cms.models import NewsPage; page = NewsPage.objects.live().order_by('pk').first(); "
            f"page.title = {title!r}; page.save_revision().publish()"
        ),
    )


def kill_elasticsearch():
    pid = int((PROJECT / ".services/elasticsearch/elasticsearch.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def script(name, action):
    subprocess.run([str(PROJECT / "scripts" / name), action], cwd=PROJECT, check=True, capture_output=True, timeout=300)


def test_elasticsearch_killed_under_load(corpus, site):
    word = f"storingstest{uuid.uuid4().hex[:8]}"
    with Visitors() as visitors:
        time.sleep(5)
        killed_at = time.monotonic()
        kill_elasticsearch()
        time.sleep(5)
        # Published while Elasticsearch is down: the database copy has it at once.
        publish_news_title(corpus, f"Nieuws tijdens de storing {word}")
        status, body = fetch(f"/zoeken/?q={word}")
        assert status == 200 and word in body and FALLBACK_NOTICE in body
        time.sleep(5)
        script("elasticsearch", "start")
        restarted_at = time.monotonic()
        time.sleep(RETRY_AFTER_SECONDS + 5)
    answers = visitors.answers
    assert len(answers) > 50
    assert [a for a in answers if a[2] != 200] == []  # no 5xx, no refused connections, nothing else
    during = [a for a in answers if killed_at + 1 < a[0] < restarted_at and a[1].startswith("/zoeken/")]
    assert during and all(fallback for *_, fallback in during)
    print(
        f"\n{len(answers)} answers, all 200; {len(during)} searches while Elasticsearch was down, all from the database"
    )

    # Catching up: the outbox entry written during the outage reaches the new index.
    manage(corpus, "search_index", "--sync")
    status_report = manage(corpus, "search_status")
    assert "Pending:       0 updates" in status_report, status_report
    documents = re.search(r"Documents:\s+(\d+)", status_report).group(1)
    items = re.search(r"Database:\s+(\d+)", status_report).group(1)
    assert documents == items, status_report
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, body = fetch(f"/zoeken/?q={word}")
        if FALLBACK_NOTICE not in body:
            break
        time.sleep(1)
    assert status == 200 and word in body and FALLBACK_NOTICE not in body


def test_postgres_restart_without_restarting_the_app(corpus, site):
    assert fetch("/nieuws/")[0] == 200
    script("postgres", "stop")
    try:
        outage = [fetch(path)[0] for path in ("/nieuws/", "/zoeken/?q=raad", "/documenten/")]
    finally:
        script("postgres", "start")
    assert all(status in (200, 500, 503) for status in outage)  # an error page, not a hang
    statuses = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (not statuses or statuses[-1] != 200):
        statuses.append(fetch("/documenten/?page=2")[0])
        time.sleep(0.5)
    assert statuses[-1] == 200, statuses
    after = [fetch(path)[0] for path in ("/", "/nieuws/", "/zoeken/?q=verrekenmodel", "/documenten/") * 5]
    assert after == [200] * len(after)  # every gunicorn worker reconnected by itself
    print(f"\nduring the outage: {outage}; back after {len(statuses)} tries (0.5 s apart); then {len(after)} x 200")
