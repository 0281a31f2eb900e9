"""Small helpers for the search tests."""

from django.http import QueryDict

from search import elastic
from search.query import SearchRequest
from search.rebuild import derive_items, rebuild_index
from search.service import KnowledgeSearch


def run(query_string="", page_size=10):
    request = SearchRequest.from_querydict(QueryDict(query_string))
    request.page_size = page_size
    return KnowledgeSearch().search(request)


def titles(results):
    return [hit.title for hit in results.hits]


def all_titles(query_string=""):
    return set(titles(run(query_string, page_size=500)))


def facet(results, name):
    return {value.value: value for value in next(f for f in results.facets if f.name == name).values}


def reindex_everything():
    """After changing content behind the pipeline's back: rebuild both copies."""
    derive_items()
    if elastic.is_configured():
        rebuild_index()
