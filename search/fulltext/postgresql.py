"""PostgreSQL: the Dutch text-search configuration on a stored vector with a GIN index.

Weights: title A, summary B, body and tags C, file text D. The rank adds a bonus when the
query's stems are all in the title (or the summary), and when its words occur as a phrase, so
a title match beats a document that only mentions the words in passing and an exact phrase
beats scattered words.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.functions import Left

CONFIG = "dutch"
# A tsvector holds at most 1 MB: the first part of a very long file is enough to find it.
VECTOR_FILE_CHARS = 300_000
TITLE_BONUS, SUMMARY_BONUS, PHRASE_BONUS = 1.0, 0.5, 0.3


def store(items):
    items.update(
        search_vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("search_text", weight="C", config=CONFIG)
        + SearchVector(Left("file_text", VECTOR_FILE_CHARS), weight="D", config=CONFIG)
    )


def _query(variants, search_type="websearch"):
    query = None
    for variant in variants:
        part = SearchQuery(variant, config=CONFIG, search_type=search_type)
        query = part if query is None else query | part
    return query


def matching(items, variants):
    return items.filter(search_vector=_query(variants))


def _bonus(field, query, weight):
    return Case(When(**{field: query}, then=Value(weight)), default=Value(0.0), output_field=FloatField())


def ranked(items, variants):
    query = _query(variants)
    return items.annotate(
        title_vector=SearchVector("title", config=CONFIG),
        summary_vector=SearchVector("summary", config=CONFIG),
    ).annotate(
        rank=SearchRank(F("search_vector"), query)
        + _bonus("title_vector", query, TITLE_BONUS)
        + _bonus("summary_vector", query, SUMMARY_BONUS)
        + _bonus("search_vector", _query(variants, "phrase"), PHRASE_BONUS)
    )
