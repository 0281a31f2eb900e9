"""The indexing pipeline against a real Elasticsearch: publish, unpublish, move, delete and
privacy changes reach the index after the commit; an outage loses nothing."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import (
    DocumentLibraryPage,
    DocumentType,
    KnowledgeDocumentPage,
    LibraryFile,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)
from search import elastic
from search.indexing import flush_outbox
from search.models import IndexOutbox, KnowledgeItem
from search.service import ElasticsearchCircuit

from .conftest import refresh
from .helpers import all_titles, run

pytestmark = pytest.mark.django_db


def new_document(title, parent=None):
    page = KnowledgeDocumentPage(
        title=title,
        date="2021-03-04",
        summary=f"{title}: een nieuw stuk over de werkorganisatie.",
        file=LibraryFile.objects.first(),
        document_type=DocumentType.objects.get(name="Evaluatie"),
        live=False,
    )
    (parent or DocumentLibraryPage.objects.get()).add_child(instance=page)
    return page


def publish(page, callbacks):
    with callbacks(execute=True):
        page.save_revision().publish()


def test_publishing_indexes_after_commit(elasticsearch, django_capture_on_commit_callbacks):
    page = new_document("Evaluatie werkorganisatie Zuidplas")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        assert IndexOutbox.objects.filter(document_id=str(page.pk)).exists()
    # Before the commit nothing was sent: the update waits for the transaction.
    refresh(elasticsearch)
    assert "Evaluatie werkorganisatie Zuidplas" not in all_titles("q=Zuidplas")
    for callback in callbacks:
        callback()
    refresh(elasticsearch)
    assert all_titles("q=Zuidplas") == {"Evaluatie werkorganisatie Zuidplas"}
    assert not IndexOutbox.objects.exists()


def test_unpublishing_and_deleting_remove_from_the_index(elasticsearch, django_capture_on_commit_callbacks):
    news = NewsPage.objects.get(title="Btw-plicht gemeenten bij ambtelijke fusie")
    document = KnowledgeDocumentPage.objects.get(title="Convenant Samenwerking Best en Veldhoven")
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    refresh(elasticsearch)
    assert not all_titles("q=btw")
    assert "Convenant Samenwerking Best en Veldhoven" not in all_titles("q=convenant")
    assert not KnowledgeItem.objects.filter(title__in=[news.title, document.title]).exists()
    assert elasticsearch.count(index=elastic.alias_name())["count"] == KnowledgeItem.objects.count()


def test_moving_updates_the_url(elasticsearch, django_capture_on_commit_callbacks):
    page = new_document("Verhuisd verslag")
    publish(page, django_capture_on_commit_callbacks)
    archive = StandardPage(title="Archief", slug="archief")
    DocumentLibraryPage.objects.get().get_parent().add_child(instance=archive)
    # Documents live in the library; move this one into a sub-library made for the test.
    sub_library = DocumentLibraryPage(title="Oud", slug="oud")
    archive.add_child(instance=sub_library)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(sub_library, pos="last-child")
    refresh(elasticsearch)
    hit = run("q=verhuisd").hits[0]
    assert hit.url == "/archief/oud/verhuisd-verslag/"


def test_making_a_page_private_removes_it(elasticsearch, django_capture_on_commit_callbacks):
    page = KnowledgeDocumentPage.objects.get(title="Eindrapport Meierijsamenwerking")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    refresh(elasticsearch)
    assert "Eindrapport Meierijsamenwerking" not in all_titles("q=meierijsamenwerking")
    results = run("collaboration=meierijsamenwerking&type=document")
    assert results.total == 0
    assert not any(
        s["title"] == page.title
        for s in __import__("search.service").service.KnowledgeSearch().autocomplete("eindrapport")
    )


def test_unpublished_and_private_content_never_counts(engine, django_capture_on_commit_callbacks):
    before = run("type=news")
    news = NewsPage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    if engine == "elasticsearch":
        refresh(elastic.client())
    after = run("type=news")
    assert after.total == before.total - 1
    assert news.title not in {hit.title for hit in run("type=news", page_size=50).hits}
    counts = {v.value: v.count for f in after.facets if f.name == "type" for v in f.values}
    assert counts["news"] == after.total


def test_an_outage_loses_nothing(elasticsearch, settings, django_capture_on_commit_callbacks):
    """Elasticsearch unreachable: saves succeed, search falls back, the outbox replays later."""
    working_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    elastic.client.cache_clear()
    ElasticsearchCircuit.reset()

    page = new_document("Tijdens de storing geschreven")
    publish(page, django_capture_on_commit_callbacks)
    gone = NewsPage.objects.get(title="Een ambtelijke fusie: hoe stuur je daar op?")
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    assert IndexOutbox.objects.count() == 2
    assert IndexOutbox.objects.get(document_id=str(page.pk)).attempts >= 1

    results = run("q=storing")
    assert results.fallback and results.engine == "database"
    assert [hit.title for hit in results.hits] == ["Tijdens de storing geschreven"]

    settings.ELASTICSEARCH_URL = working_url
    elastic.client.cache_clear()
    ElasticsearchCircuit.reset()
    assert flush_outbox() == (2, 0)
    refresh(elasticsearch)
    results = run("q=storing")
    assert results.engine == "elasticsearch" and not results.fallback
    assert [hit.title for hit in results.hits] == ["Tijdens de storing geschreven"]
    assert "Een ambtelijke fusie: hoe stuur je daar op?" not in all_titles("q=stuur")
    assert not IndexOutbox.objects.exists()


def test_without_elasticsearch_nothing_is_queued(database_engine, django_capture_on_commit_callbacks):
    page = new_document("Alleen in de database")
    publish(page, django_capture_on_commit_callbacks)
    assert not IndexOutbox.objects.exists()
    assert all_titles("q=database") >= {"Alleen in de database"}


def test_news_index_children_are_indexed_with_their_kind(database_engine):
    assert KnowledgeItem.objects.filter(kind="news").count() == NewsPage.objects.live().count()
    assert NewsIndexPage.objects.exists()
