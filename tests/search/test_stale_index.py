"""Elasticsearch behind the database: what was hidden, made private or unpublished is gone
from results, counts, suggestions and "did you mean" at once, before the outbox is flushed
(security review #10, item 13). Real Elasticsearch; the outbox is deliberately not flushed."""

import pytest
from wagtail.models import PageViewRestriction

from community import moderation
from community.models import Topic
from search import elastic
from search.indexing import flush_outbox
from search.models import IndexOutbox, KnowledgeItem
from search.service import KnowledgeSearch
from tests.factories import MemberFactory

from .conftest import refresh
from .helpers import all_titles, facet, run
from .test_indexing import new_document

pytestmark = pytest.mark.django_db

PUBLIC_TOPIC = "Verrekenen op basis van inwoneraantallen of op productniveau?"
PRIVATE_PAGE = "Eindrapport Meierijsamenwerking"


def still_in_elasticsearch(es, document_id):
    """The change really has not reached Elasticsearch: the test is about that window."""
    refresh(es)
    assert IndexOutbox.objects.filter(document_id=document_id).exists()
    return es.exists(index=elastic.alias_name(), id=document_id)


def suggested_titles(prefix):
    return [suggestion["title"] for suggestion in KnowledgeSearch().autocomplete(prefix)]


def test_a_hidden_topic_is_gone_before_the_outbox_is_flushed(elasticsearch, client, django_capture_on_commit_callbacks):
    topic = Topic.objects.get(title=PUBLIC_TOPIC)
    assert facet(run(""), "type")["discussion"].count == 2
    opening = topic.posts.order_by("created_at", "pk").first()
    with django_capture_on_commit_callbacks(execute=False):  # no flush after the commit
        moderation.hide_post(MemberFactory(username="mod", groups=["Moderators"]), opening, "Bevat persoonsgegevens")
    assert still_in_elasticsearch(elasticsearch, f"topic-{topic.pk}")

    assert PUBLIC_TOPIC not in all_titles("q=verdeelsleutel")
    discussions = run("type=discussion")
    assert discussions.total == 1 and len(discussions.hits) == 1
    assert facet(run(""), "type")["discussion"].count == 1
    assert PUBLIC_TOPIC not in suggested_titles("Verrekenen op")
    page = client.get("/zoeken/?q=verdeelsleutel")
    assert page.status_code == 200 and PUBLIC_TOPIC.encode() not in page.content
    assert PUBLIC_TOPIC not in [
        s["title"] for s in client.get("/zoeken/suggesties/?q=Verrekenen").json()["suggestions"]
    ]


@pytest.mark.parametrize("change", ["private", "unpublished"])
def test_a_private_or_unpublished_page_is_gone_before_the_outbox_is_flushed(
    elasticsearch,
    change,
    django_capture_on_commit_callbacks,
):
    from cms.models import KnowledgeDocumentPage

    page = KnowledgeDocumentPage.objects.get(title=PRIVATE_PAGE)
    collaboration = "collaboration=meierijsamenwerking&type=document"
    assert run(collaboration).total == 1
    with django_capture_on_commit_callbacks(execute=False):
        if change == "private":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        else:
            page.unpublish()
    assert still_in_elasticsearch(elasticsearch, str(page.pk))

    assert PRIVATE_PAGE not in all_titles("q=meierijsamenwerking")
    results = run(collaboration)
    assert results.total == 0 and not results.hits
    assert "meierijsamenwerking" not in facet(run("type=document"), "collaboration")
    assert PRIVATE_PAGE not in suggested_titles("Eindrapport")

    assert flush_outbox() == (1, 0)  # once flushed, Elasticsearch agrees
    refresh(elasticsearch)
    assert not elasticsearch.exists(index=elastic.alias_name(), id=str(page.pk))
    assert run(collaboration).total == 0


def test_did_you_mean_never_offers_a_word_only_a_removed_item_had(elasticsearch, django_capture_on_commit_callbacks):
    page = new_document("Kwartiermakersnotitie Zuiderveen")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    refresh(elasticsearch)
    assert run("q=kwartiermakersnotite").suggestion == "kwartiermakersnotitie"
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert still_in_elasticsearch(elasticsearch, str(page.pk))
    results = run("q=kwartiermakersnotite")
    assert results.total == 0 and results.suggestion == ""


def test_a_hit_whose_item_is_gone_is_dropped_even_if_the_outbox_lost_it(elasticsearch):
    """E.g. a database restored from a backup: the database still decides."""
    item = KnowledgeItem.objects.get(title=PRIVATE_PAGE)
    before = run("q=meierijsamenwerking")
    item.delete()  # behind the pipeline's back: no outbox row
    assert not IndexOutbox.objects.exists()
    results = run("q=meierijsamenwerking")
    assert PRIVATE_PAGE not in {hit.title for hit in results.hits}
    assert results.total == before.total - 1
    assert PRIVATE_PAGE not in suggested_titles("Eindrapport")
