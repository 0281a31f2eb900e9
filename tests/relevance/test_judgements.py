"""The judged set itself: well formed, covering what issue #12 names, and naming only items
the demo content really has (a renamed demo page must not silently turn a query into a miss)."""

from collections import Counter

import pytest

from search.models import KnowledgeItem
from search.query import FACET_BY_NAME
from tests.relevance.evaluate import describe_failures, load_queries, request_for
from tests.relevance.metrics import must_items

CATEGORIES = {"plain", "inflection", "compound", "typo", "acronym", "phrase", "file_text", "facet"}
QUERIES = load_queries()


def test_the_set_is_large_enough_and_covers_every_category():
    assert len(QUERIES) >= 45
    counts = Counter(query["category"] for query in QUERIES)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) >= 5, counts


def test_every_query_is_well_formed():
    assert len({query["id"] for query in QUERIES}) == len(QUERIES), "query ids must be unique"
    for query in QUERIES:
        assert must_items(query["relevant"]), f"{query['id']} has no item graded 2"
        assert set(query["relevant"].values()) <= {1, 2}, query["id"]
        assert set(query.get("filters", {})) <= set(FACET_BY_NAME), query["id"]
        request = request_for(query)
        assert request.query == query.get("q", ""), f"{query['id']}: the search page would change the query"
        assert request.filters == query.get("filters", {}), f"{query['id']}: the search page would drop a filter"
        if query["category"] == "facet":
            assert not query.get("q") and query.get("filters"), query["id"]
        else:
            assert query.get("q"), query["id"]


@pytest.mark.django_db
def test_every_judged_item_is_in_the_demo_content():
    titles = set(KnowledgeItem.objects.values_list("title", flat=True))
    unknown = {(query["id"], key) for query in QUERIES for key in query["relevant"] if key not in titles}
    assert not unknown


def test_the_failure_message_names_each_missed_query():
    report = {
        "per_query": [
            {"id": "typo-x", "category": "typo", "q": "Blarikum", "filters": {}, "hit_at_3": False, "top": ["A", "B"]},
            {"id": "plain-y", "category": "plain", "q": "mythe", "filters": {}, "hit_at_3": True, "top": ["C"]},
            {
                "id": "facet-z",
                "category": "facet",
                "q": "",
                "filters": {"year": ["2012"]},
                "hit_at_3": False,
                "top": [],
            },
        ]
    }
    lines = describe_failures(report).splitlines()
    assert len(lines) == 2
    assert "[typo] typo-x ('Blarikum')" in lines[0] and "['A', 'B']" in lines[0]
    assert "facet-z" in lines[1] and "2012" in lines[1]
