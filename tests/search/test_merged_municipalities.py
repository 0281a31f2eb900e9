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
