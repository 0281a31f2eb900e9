"""A merged municipality's documents stay findable under its successors (issue #13, item 2),
on every engine: the search rows carry the successors as tags too."""

import pytest

from tests.cms.test_municipality_history import haaren_documents

from .helpers import all_titles

pytestmark = pytest.mark.django_db


def test_search_finds_a_merged_municipalitys_documents_under_its_successors(engine):
    documents = haaren_documents()
    for successor in ("tilburg", "oisterwijk"):
        assert documents <= all_titles(f"municipality={successor}")
    assert documents <= all_titles("municipality=haaren")


def test_a_merger_recorded_in_the_admin_reaches_search_at_once(engine, django_capture_on_commit_callbacks):
    """No rebuild: giving a municipality an end and successors re-derives the items tagged with it."""
    from datetime import date

    from cms.models import KnowledgeDocumentPage, Municipality
    from search import elastic

    best = Municipality.objects.get(slug="best")
    documents = set(KnowledgeDocumentPage.objects.live().filter(municipalities=best).values_list("title", flat=True))
    assert documents and not documents <= all_titles("municipality=oisterwijk")
    with django_capture_on_commit_callbacks(execute=True):
        best.valid_until = date(2030, 12, 31)
        best.save()
        best.successors.set([Municipality.objects.get(slug="oisterwijk")])
    if engine == "elasticsearch":
        elastic.client().indices.refresh(index=elastic.alias_name())
    assert documents <= all_titles("municipality=oisterwijk")
