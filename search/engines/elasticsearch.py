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
from ..highlight import SNIPPET_LENGTH
from ..labels import build_facet_values, kind_label
from ..query import FACETS, Facet, Hit, SearchResults
from ..synonyms import expand
from ..text import stemmed_text

NAME = "elasticsearch"
TEXT_FIELDS = ["title^4", "summary^2", "tags^2", "body"]
# Terms aggregations return 10 buckets unless told otherwise; there are 342 municipalities.
FACET_SIZE = 1000


def text_query(query):
    """Any synonym variant may match; within a variant every word must."""
    should = []
    for variant in expand(query):
        should.append(Q("multi_match", query=variant, fields=TEXT_FIELDS, operator="and", type="cross_fields"))
        should.append(Q("match", stems={"query": stemmed_text(variant), "operator": "and", "boost": 0.5}))
    return Q("bool", should=should, minimum_should_match=1)


def base_search(query, removed=()):
    """The text query (or all) without the documents whose removal is still in the outbox."""
    search = Search(using=elastic.client(), index=elastic.alias_name())
    search = search.query(text_query(query) if query else Q("match_all"))
    return search.exclude("ids", values=list(removed)) if removed else search


def build(request, removed=()):
    search = base_search(request.query, removed).extra(track_total_hits=True)
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
        ).highlight("summary", "body")
        search = search.suggest("spelling", request.query, term={"field": "spelling", "suggest_mode": "popular"})
    if request.sort == "date" or not request.query:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.source(["title", "url", "kind", "date", "summary"])
    return search[request.offset : request.offset + request.page_size]


def search(request):
    removed = visibility.pending_removals()
    response = build(request, removed).execute()
    # One query for the page: a hit whose item is gone (and whose removal the outbox no
    # longer holds, e.g. after a restore) is dropped; the total can only discount this page's.
    visible = visibility.visible_ids([hit.meta.id for hit in response.hits])
    hits = [_hit(hit) for hit in response.hits if hit.meta.id in visible]
    total = max(response.hits.total.value - (len(response.hits) - len(hits)), 0)
    facets = []
    for facet in FACETS:
        buckets = getattr(response.aggregations, facet.name).values.buckets
        counts = {str(bucket.key): bucket.doc_count for bucket in buckets}
        facets.append(
            Facet(facet.name, str(facet.label), build_facet_values(facet, counts, request.selected(facet.name)))
        )
    suggestion = _suggestion(response, request.query) if not total else ""
    return SearchResults(
        request=request,
        hits=hits,
        total=total,
        facets=facets,
        engine=NAME,
        suggestion=suggestion if suggestion and _finds_something(suggestion, removed) else "",
    )


def _hit(hit):
    highlight = getattr(hit.meta, "highlight", None)
    fragments = (list(getattr(highlight, "summary", [])) + list(getattr(highlight, "body", []))) if highlight else []
    if fragments:
        snippet = mark_safe(fragments[0])  # Elasticsearch escaped the text (encoder=html)
    else:
        snippet = escape(Truncator(getattr(hit, "summary", "") or "").chars(SNIPPET_LENGTH))
    return Hit(
        title=hit.title,
        url=hit.url,
        kind=hit.kind,
        kind_label=kind_label(hit.kind),
        date=_date(getattr(hit, "date", None)),
        snippet=snippet,
    )


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
