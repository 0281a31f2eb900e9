"""Whole-index operations against the real server: an alias rebuild while searches run, the
status and index commands, and a real stop and restart of Elasticsearch."""

import io
import os
import subprocess
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.models import KnowledgeDocumentPage, NewsPage
from search import elastic
from search.models import IndexOutbox, KnowledgeItem
from search.rebuild import rebuild_index
from search.service import ElasticsearchCircuit

from .conftest import ES_URL, refresh
from .helpers import all_titles, run
from .test_indexing import new_document, publish

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"


def test_rebuild_swaps_the_alias_while_searches_keep_answering(elasticsearch):
    expected = run().total
    old_index = elastic.indices_behind_alias()
    failures, totals, stop = [], [], threading.Event()

    def keep_searching():
        from django.db import connection

        try:
            while not stop.is_set():
                try:
                    results = run("&".join(f"type={kind}" for kind in KnowledgeItem.Kind.values))
                    totals.append((results.engine, results.total))
                except Exception as error:
                    failures.append(error)
        finally:
            connection.close()

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _ in range(2):
            result = rebuild_index()
    finally:
        stop.set()
        searcher.join()
    assert not failures
    assert len(totals) > 5
    assert set(totals) == {("elasticsearch", expected)}
    assert elastic.indices_behind_alias() == [result["index"]] != old_index
    assert not elasticsearch.indices.exists(index=old_index[0])


def test_status_and_sync_commands(elasticsearch, django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("search_status", stdout=out)
    text = out.getvalue()
    assert f"{KnowledgeItem.objects.count()} knowledge items" in text
    assert f"{KnowledgeItem.objects.count()} in the index" in text
    assert "In step." in text
    IndexOutbox.objects.create(document_id=str(KnowledgeDocumentPage.objects.first().pk))
    out = io.StringIO()
    call_command("search_status", stdout=out)
    assert "1 updates in the outbox" in out.getvalue()
    out = io.StringIO()
    call_command("search_index", "--sync", stdout=out)
    assert "1 pending updates sent." in out.getvalue()
    assert not IndexOutbox.objects.exists()


def test_rebuild_command_prints_progress(elasticsearch):
    out = io.StringIO()
    call_command("search_index", "--refresh-items", "--rebuild", stdout=out)
    text = out.getvalue()
    assert f"{KnowledgeItem.objects.count()}/{KnowledgeItem.objects.count()} (100%)" in text
    assert "alias" in text


def _script(command):
    return subprocess.run([str(SCRIPT), command], capture_output=True, text=True, timeout=240)


OWN_SERVER_URL = f"http://127.0.0.1:{os.environ.get('ES_PORT', '19200')}"


@pytest.mark.skipif(ES_URL != OWN_SERVER_URL, reason="only with the project's own test server (scripts/elasticsearch)")
def test_real_outage_stop_publish_delete_restart_sync(elasticsearch, django_capture_on_commit_callbacks):
    assert _script("stop").returncode == 0
    try:
        ElasticsearchCircuit.reset()
        page = new_document("Geschreven terwijl de zoekserver uit stond")
        publish(page, django_capture_on_commit_callbacks)  # the save succeeds
        gone = NewsPage.objects.get(title="Onderzoek naar effecten ambtelijke fusies")
        with django_capture_on_commit_callbacks(execute=True):
            gone.delete()
        results = run("q=zoekserver")
        assert results.fallback and [h.title for h in results.hits] == [page.title]
        assert IndexOutbox.objects.count() == 2
    finally:
        started = _script("start")
        assert started.returncode == 0, started.stdout + started.stderr
    elastic.client.cache_clear()
    ElasticsearchCircuit.reset()
    out = io.StringIO()
    call_command("search_index", "--sync", stdout=out)
    assert "2 pending updates sent." in out.getvalue()
    refresh(elastic.client())
    results = run("q=zoekserver")
    assert results.engine == "elasticsearch" and not results.fallback
    assert [h.title for h in results.hits] == [page.title]
    assert "Onderzoek naar effecten ambtelijke fusies" not in all_titles("q=onderzoek")
    assert elastic.client().count(index=elastic.alias_name())["count"] == KnowledgeItem.objects.count()
