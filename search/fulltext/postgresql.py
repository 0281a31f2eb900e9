"""PostgreSQL: the Dutch text-search configuration on a stored vector with a GIN index.

Weights: title A, summary B, body and tags C, file text D. The rank adds the rank of the
title words alone and of the summary alone (from the same vector), and a bonus when the
query's words occur as a phrase, so a title match beats a document that only mentions the
words in passing and an exact phrase beats scattered words.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.functions import Left

CONFIG = "dutch"
# A tsvector holds at most 1 MB: the first part of a very long file is enough to find it.
VECTOR_FILE_CHARS = 300_000
# A title match weighs most; ts_rank values are small (about 0.1 for one matching word).
TITLE_BONUS, SUMMARY_BONUS, PHRASE_BONUS = 10.0, 5.0, 0.3


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


def _rank_in(weight_class, query):
    """ts_rank over the stored vector counting only one weight class (A title, B summary):
    no text is parsed again per row, unlike a to_tsvector of the title at query time."""
    weights = {"A": [0.0, 0.0, 0.0, 1.0], "B": [0.0, 0.0, 1.0, 0.0]}[weight_class]
    return SearchRank(F("search_vector"), query, weights=weights)


def ranked(items, variants):
    query = _query(variants)
    phrase = _query(variants, "phrase")
    return items.annotate(
        rank=SearchRank(F("search_vector"), query)
        + TITLE_BONUS * _rank_in("A", query)
        + SUMMARY_BONUS * _rank_in("B", query)
        + Case(When(search_vector=phrase, then=Value(PHRASE_BONUS)), default=Value(0.0), output_field=FloatField())
    )
