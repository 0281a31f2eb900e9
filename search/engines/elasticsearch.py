"""The Elasticsearch engine: one request per results page carries the query, the selected
filters (as a post_filter), a filtered aggregation per facet (disjunctive counts), highlights
and the "did you mean" suggester. The database has the last word on what may be shown
(``search.visibility``): Elasticsearch may not have received a removal yet."""

from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from elasticsearch_dsl import A, Q, Search

from .. import elastic, visibility
from ..highlight import SNIPPET_LENGTH, pages_of_fragments
from ..labels import build_facet_values, kind_label
from ..models import TOPIC_PREFIX
from ..query import FACETS, Facet, Hit, SearchResults
from ..synonyms import expand
from ..text import query_stems

NAME = "elasticsearch"
# A file's text weighs least: a title, summary or body match comes first.
TEXT_FIELDS = ["title^4", "summary^2", "tags^2", "body", "file_text^0.5"]
# Typos: no edits below 5 letters (so GR, BEL, DVO are never "corrected" into other
# abbreviations), one up to 7, two from 8 ("Nymegen" for "Nijmegen"). Not on the file text.
FUZZY_FIELDS = ["title^2", "summary", "tags", "body"]
FUZZINESS = "AUTO:5,8"
# Terms aggregations return 10 buckets unless told otherwise; there are 342 municipalities.
FACET_SIZE = 1000


def text_query(query, fuzzy=False):
    """Any synonym variant may match; within a variant every word must. ``fuzzy`` also lets
    words with a typo match: asked only when the exact words found nothing, as "storing" must
    not also find "sturing" when both are real words."""
    should = []
    for variant in expand(query):
        should.append(Q("multi_match", query=variant, fields=TEXT_FIELDS, operator="and", type="cross_fields"))
        should.append(Q("match", stems={"query": " ".join(query_stems(variant)), "operator": "and", "boost": 0.5}))
        # The words as written, in this order: an exact phrase beats scattered words.
        should.append(Q("multi_match", query=variant, fields=TEXT_FIELDS, type="phrase", boost=2))
        if fuzzy:
            should.append(
                Q(
                    "multi_match",
                    query=variant,
                    fields=FUZZY_FIELDS,
                    operator="and",
                    fuzziness=FUZZINESS,
                    prefix_length=1,
                    max_expansions=20,
                    boost=0.3,
                )
            )
    return Q("bool", should=should, minimum_should_match=1)


def base_search(query, removed=(), fuzzy=False):
    """The text query (or all) without the documents whose removal is still in the outbox."""
    search = Search(using=elastic.client(), index=elastic.alias_name())
    search = search.query(text_query(query, fuzzy) if query else Q("match_all"))
    return search.exclude("ids", values=list(removed)) if removed else search


def date_range(request):
    """The "published between" range as a filter, or None. It goes into the query itself (not
    the post_filter), so it narrows the hits and every facet's counts; a missing date never matches."""
    bounds = {"gte": request.date_from, "lte": request.date_to}
    bounds = {name: value.isoformat() for name, value in bounds.items() if value}
    return Q("range", date={**bounds, "format": "yyyy-MM-dd"}) if bounds else None


def build(request, removed=(), fuzzy=False):
    search = base_search(request.query, removed, fuzzy).extra(track_total_hits=True)
    if (dates := date_range(request)) is not None:
        search = search.filter(dates)
    selected = {
        facet.name: Q("terms", **{facet.es_field: request.selected(facet.name)})
        for facet in FACETS
        if request.selected(facet.name)
    }
    if selected:
        search = search.post_filter(Q("bool", filter=list(selected.values())))
    for facet in FACETS:
        others = [q for name, q in selected.items() if name != facet.name]
        order = {"_key": "desc"} if facet.newest_first else [{"_count": "desc"}, {"_key": "asc"}]
        bucket = A("filter", Q("bool", filter=others))
        bucket.bucket("values", "terms", field=facet.es_field, size=FACET_SIZE, order=order)
        search.aggs.bucket(facet.name, bucket)
    if request.query:
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=SNIPPET_LENGTH,
            number_of_fragments=1,
            no_match_size=0,
        ).highlight("summary", "body", "file_text")
        search = search.suggest("spelling", request.query, term={"field": "spelling", "suggest_mode": "popular"})
    if request.sort == "date" or not request.query:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.source(["title", "url", "kind", "date", "summary", "answered"])
    return search[request.offset : request.offset + request.page_size]


def search(request):
    removed = visibility.pending_removals()
    response = build(request, removed).execute()
    approximate = bool(request.query) and not response.hits.total.value
    suggestion = _suggestion(response, request.query) if approximate else ""
    if approximate:
        response = build(request, removed, fuzzy=True).execute()  # typos: one more request
    # One query for the page: a hit whose item is gone (and whose removal the outbox no
    # longer holds, e.g. after a restore) is dropped; the total can only discount this page's.
    visible = visibility.visible_ids([hit.meta.id for hit in response.hits])
    hits = _hits([hit for hit in response.hits if hit.meta.id in visible])
    total = max(response.hits.total.value - (len(response.hits) - len(hits)), 0)
    facets = []
    for facet in FACETS:
        buckets = getattr(response.aggregations, facet.name).values.buckets
        counts = {str(bucket.key): bucket.doc_count for bucket in buckets}
        facets.append(
            Facet(facet.name, str(facet.label), build_facet_values(facet, counts, request.selected(facet.name)))
        )
    return SearchResults(
        request=request,
        hits=hits,
        total=total,
        facets=facets,
        engine=NAME,
        suggestion=suggestion if suggestion and _finds_something(suggestion, removed) else "",
        approximate=approximate,
    )


def _hits(es_hits):
    """Hits with a snippet from the summary or body, else from the file's text with its page."""
    hits, file_fragments = [], {}
    for es_hit in es_hits:
        hit, file_fragment = _hit(es_hit)
        hits.append(hit)
        if file_fragment and not es_hit.meta.id.startswith(TOPIC_PREFIX):
            file_fragments[int(es_hit.meta.id)] = (hit, file_fragment)
    pages = pages_of_fragments({page_id: fragment for page_id, (_, fragment) in file_fragments.items()})
    for page_id, (hit, _) in file_fragments.items():
        hit.file_page = pages.get(page_id)
    return hits


def _hit(es_hit):
    """The Hit of an Elasticsearch hit, and the file-text fragment its snippet came from."""
    highlight = getattr(es_hit.meta, "highlight", None)
    fragments = list(getattr(highlight, "summary", [])) + list(getattr(highlight, "body", [])) if highlight else []
    file_fragments = list(getattr(highlight, "file_text", [])) if highlight else []
    if fragments:
        snippet = mark_safe(fragments[0])  # Elasticsearch escaped the text (encoder=html)
    elif file_fragments:
        snippet = mark_safe(file_fragments[0])
    else:
        snippet = escape(Truncator(getattr(es_hit, "summary", "") or "").chars(SNIPPET_LENGTH))
    in_file = not fragments and bool(file_fragments)
    hit = Hit(
        title=es_hit.title,
        url=es_hit.url,
        kind=es_hit.kind,
        kind_label=kind_label(es_hit.kind),
        date=_date(getattr(es_hit, "date", None)),
        snippet=snippet,
        in_file=in_file,
        answered=bool(getattr(es_hit, "answered", False)),
    )
    return hit, file_fragments[0] if in_file else ""


def _date(value):
    return date.fromisoformat(str(value)[:10]) if value else None


def _suggestion(response, query):
    """The query with the spelling suggester's corrections, or "" when it has none."""
    suggest = getattr(response, "suggest", None)
    if not query or suggest is None or "spelling" not in suggest:
        return ""
    words, changed = [], False
    for entry in suggest.spelling:
        if entry.options:
            words.append(entry.options[0].text)
            changed = True
        else:
            words.append(entry.text)
    return " ".join(words) if changed else ""


def _finds_something(query, removed, sample=10):
    """True when ``query`` finds a visible item. The suggester reads the index's words, which
    include those of documents removed since (until Elasticsearch merges them away)."""
    response = base_search(query, removed).source(False)[:sample].execute()
    return bool(visibility.visible_ids([hit.meta.id for hit in response.hits]))


def autocomplete(prefix, limit=8):
    search = Search(using=elastic.client(), index=elastic.alias_name()).source(["title", "url"])
    # Room for suggestions of items removed since Elasticsearch last heard (dropped below).
    search = search.suggest(
        "titles", prefix, completion={"field": "suggest", "size": 2 * limit, "skip_duplicates": True}
    )
    options = search.execute().suggest.titles[0].options
    visible = visibility.visible_ids([option._id for option in options])
    return [{"title": option._source.title, "url": option._source.url} for option in options if option._id in visible][
        :limit
    ]
