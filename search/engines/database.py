"""The database engine: the same faceted search over ``KnowledgeItem`` with the ORM.

Text matching uses PostgreSQL's Dutch full-text search where available and stem matching on
the folded text elsewhere (SQLite). Facet counts are disjunctive: each facet is counted with
every selection except its own, so choosing "BAR" still shows what "BEL" would give.
"""

import functools

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When

from .. import spelling
from ..highlight import snippet
from ..labels import build_facet_values, kind_label
from ..models import KnowledgeItem
from ..query import FACETS, Facet, Hit, SearchResults
from ..synonyms import expand
from ..text import match_fragments, query_stems, words

NAME = "database"


def search(request):
    items = KnowledgeItem.objects.all()
    variants = expand(request.query) if request.query else []
    if variants:
        items = _match_text(items, request.query, variants)
    results = _filtered(items, request.filters)
    total = results.count()
    ordered = _ordered(results, request)
    page = list(ordered[request.offset : request.offset + request.page_size])
    return SearchResults(
        request=request,
        hits=[_hit(item, " ".join(variants)) for item in page],
        total=total,
        facets=[_facet(items, facet, request) for facet in FACETS],
        engine=NAME,
        suggestion=suggest(request.query) if request.query and total == 0 else "",
    )


def _filtered(items, filters, skip=None):
    for facet in FACETS:
        values = filters.get(facet.name)
        if values and facet.name != skip:
            # A subquery per facet: OR within the facet, AND across facets, no duplicate rows.
            matching = KnowledgeItem.objects.filter(**{f"{facet.db_path}__in": values}).values("pk")
            items = items.filter(pk__in=matching)
    return items


def _facet(items, facet, request):
    rows = (
        _filtered(items, request.filters, skip=facet.name)
        .exclude(**{f"{facet.db_path}__isnull": True})
        .values_list(facet.db_path)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    counts = {value: count for value, count in rows}
    return Facet(facet.name, str(facet.label), build_facet_values(facet, counts, request.selected(facet.name)))


def _match_text(items, query, variants):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        search_query = None
        for variant in variants:
            part = SearchQuery(variant, config="dutch", search_type="websearch")
            search_query = part if search_query is None else search_query | part
        # A title match first, then PostgreSQL's rank of the whole text.
        title_hit = Case(When(title_vector=search_query, then=Value(1.0)), default=Value(0.0))
        return (
            items.filter(search_vector=search_query)
            .annotate(title_vector=SearchVector("title", config="dutch"))
            .annotate(rank=title_hit + SearchRank(F("search_vector"), search_query))
        )
    condition = Q()
    for variant in variants:
        fragments = match_fragments(variant)
        if fragments:
            variant_condition = Q()
            for fragment in fragments:
                variant_condition &= Q(search_text__contains=fragment)
            condition |= variant_condition
    stems = query_stems(query)
    # Rank: how many of the query's words occur in the title.
    title_hits = [
        Case(When(title__icontains=s, then=Value(1)), default=Value(0), output_field=IntegerField()) for s in stems
    ] or [Value(0)]
    return items.filter(condition).annotate(rank=sum(title_hits[1:], title_hits[0]))


def _ordered(items, request):
    if request.sort == "relevance" and request.query:
        return items.order_by("-rank", "-date", "-pk")
    return items.order_by("-date", "-pk")


def _hit(item, query):
    return Hit(
        title=item.title,
        url=item.url,
        kind=item.kind,
        kind_label=kind_label(item.kind),
        date=item.date,
        snippet=snippet(item.summary or item.body, query),
    )


def _vocabulary():
    """Words of all titles and summaries, ready for suggestions; rebuilt when the items change."""
    state = KnowledgeItem.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    return _prepared_vocabulary(f"search:vocabulary:{state['count']}:{changed}")


@functools.lru_cache(maxsize=1)
def _prepared_vocabulary(key):
    """The trigram index is built once per process and vocabulary; the word list is shared
    through the cache, so not every process reads all items."""
    word_list = cache.get(key)
    if word_list is None:
        vocabulary = set()
        for title, summary in KnowledgeItem.objects.values_list("title", "summary").iterator():
            vocabulary.update(word for word in words(f"{title} {summary}") if len(word) >= spelling.MIN_LENGTH)
        word_list = sorted(vocabulary)
        cache.set(key, word_list, 60 * 60)
    return spelling.Vocabulary(word_list)


def suggest(query):
    """ "Did you mean": the query with unknown words replaced by the closest known word."""
    return spelling.suggest(query, _vocabulary())


def autocomplete(prefix, limit=8):
    """Titles with a word starting with what was typed."""
    prefix = prefix.strip()
    items = KnowledgeItem.objects.filter(Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}"))
    return list(items.order_by("-date", "-pk").values("title", "url")[:limit])
