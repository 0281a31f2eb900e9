"""The database engine: the same faceted search over ``KnowledgeItem`` with the ORM.

Text matching and ranking are the database's own full-text search (``search.fulltext``):
PostgreSQL's Dutch text search, or SQLite's FTS5. Facet counts are disjunctive: each facet is counted with
every selection except its own, so choosing "BAR" still shows what "BEL" would give.
"""

import functools
from dataclasses import replace

from django.core.cache import cache
from django.db.models import CharField, Count, F, Max, Q, Value
from django.db.models.functions import Cast

from .. import fulltext, spelling
from ..highlight import file_snippet, first_match, snippet
from ..labels import build_facet_values, kind_label
from ..models import KnowledgeItem
from ..query import FACETS, Facet, Hit, SearchResults
from ..synonyms import expand
from ..text import words

NAME = "database"
# Undated items (collaboration profiles) last, as Elasticsearch orders them; PostgreSQL would
# put them first.
NEWEST_FIRST = F("date").desc(nulls_last=True)


def search(request):
    """The results of ``request``; when its words find nothing but a "did you mean" spelling
    does, the results of that spelling, marked as such (``corrected``)."""
    results = _search(request)
    if request.query and not results.total and results.suggestion:
        corrected = _search(replace(request, query=results.suggestion))
        if corrected.total:
            corrected.request, corrected.corrected_query = request, results.suggestion
            corrected.approximate = True
            return corrected
    return results


def _search(request):
    items = _in_date_range(KnowledgeItem.objects.all(), request)
    variants = expand(request.query) if request.query else []
    if variants:
        items = fulltext.backend().matching(items, variants)
    results = _filtered(items, request.filters)
    total = results.count()
    ordered = _ordered(results, request, variants)
    page = list(
        ordered.defer("file_text", "search_text", "search_vector")[request.offset : request.offset + request.page_size]
    )
    return SearchResults(
        request=request,
        hits=_hits(page, " ".join(variants)),
        total=total,
        facets=_facets(items, request),
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


def _in_date_range(items, request):
    """The "published between" range narrows everything, hits and every facet count alike;
    an item without a date is outside any range."""
    if request.date_from:
        items = items.filter(date__gte=request.date_from)
    if request.date_to:
        items = items.filter(date__lte=request.date_to)
    return items


def _facets(items, request):
    """Every facet with its counts, all counted in one query: a UNION ALL of one grouped count
    per facet, each row tagged with its facet's name."""
    parts = [_facet_counts(items, facet, request) for facet in FACETS]
    counts = {facet.name: {} for facet in FACETS}
    for name, value, count in parts[0].union(*parts[1:], all=True):
        counts[name][value] = count
    return [
        Facet(facet.name, str(facet.label), build_facet_values(facet, counts[facet.name], request.selected(facet.name)))
        for facet in FACETS
    ]


def _facet_counts(items, facet, request):
    """(facet name, value as text, count) per value of ``facet``, counted with every selection
    but its own. Values are text in every part, as a union wants one type per column (years
    are numbers); ``build_facet_values`` makes them text anyway."""
    return (
        _filtered(items, request.filters, skip=facet.name)
        .exclude(**{f"{facet.db_path}__isnull": True})
        .values_list(facet.db_path)
        .annotate(facet=Value(facet.name, output_field=CharField()), count=Count("pk", distinct=True))
        .values_list("facet", Cast(facet.db_path, CharField()), "count")
        .order_by()
    )


def _ordered(items, request, variants):
    if request.sort == "relevance" and variants:
        return fulltext.backend().ranked(items, variants).order_by("-rank", NEWEST_FIRST, "-pk")
    return items.order_by(NEWEST_FIRST, "-pk")


def _hits(items, query):
    """Hits with a snippet from the summary or body where the query's words occur there, else
    from the file's text (read only for those items: a file's text can be long)."""
    hits = {item.pk: _hit(item, query) for item in items}
    elsewhere = [item.pk for item in items if query and not _matches_fields(item, query)]
    rows = KnowledgeItem.objects.filter(pk__in=elsewhere).exclude(file_text="")
    for pk, file_text, offsets in rows.values_list("pk", "file_text", "file_page_offsets"):
        found, page = file_snippet(file_text, offsets, query)
        if found:
            hits[pk].snippet, hits[pk].in_file, hits[pk].file_page = found, True, page
    return list(hits.values())


def _matches_fields(item, query):
    return first_match(item.summary, query) is not None or first_match(item.body, query) is not None


def _hit(item, query):
    return Hit(
        title=item.title,
        url=item.url,
        kind=item.kind,
        kind_label=kind_label(item.kind),
        date=item.date,
        snippet=snippet(item.summary or item.body, query),
        answered=item.answered,
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
