"""Which of the newly added knowledge items each followed search finds.

The alert run asks this for thousands of searches over the same few hundred new items, so it
works the other way round from the search page: the new items are read once with their facet
values (one query per many-to-many facet), facets and date ranges are checked in Python, and
the engine is asked only about the words, once per distinct text. The answering engine is the
one the search page uses: Elasticsearch (many texts per request, restricted to the new items)
when it is configured, reachable and not behind; otherwise the database's full-text search.
Only ``KnowledgeItem`` rows are considered, and those are live, public content only (members-only,
private, unpublished and group content never becomes one), so nothing else can be reported.
"""

import logging
from dataclasses import dataclass, field

from elasticsearch_dsl import MultiSearch

from . import elastic, fulltext
from .engines.elasticsearch import base_search
from .models import IndexOutbox, KnowledgeItem
from .query import FACETS
from .service import ENGINE_ERRORS, ElasticsearchCircuit
from .synonyms import expand

logger = logging.getLogger(__name__)
ES_SEARCHES_PER_REQUEST = 25
# A run in the background may wait longer for a request of many searches than a visitor would.
ES_RUN_TIMEOUT = 30
# Single-valued facets are read with the item; the others (many-to-many) one query each.
ITEM_FACETS = {"type": "kind", "year": "year", "document_type": "document_type__slug"}


@dataclass
class NewItem:
    pk: int
    document_id: str
    title: str
    url: str
    kind: str
    date: object
    summary: str
    created_at: object
    facets: dict = field(default_factory=dict)  # facet name -> set of values (as strings)


def new_items(after, until):
    """The knowledge items added in (after, until], newest first, with their facet values."""
    rows = (
        KnowledgeItem.objects.filter(created_at__gt=after, created_at__lte=until)
        .order_by("-created_at", "-pk")
        .values(
            "pk", "page_id", "topic_id", "title", "url", "kind", "date", "summary", "created_at", *ITEM_FACETS.values()
        )
    )
    items = {}
    for row in rows:
        item = NewItem(
            pk=row["pk"],
            document_id=str(row["page_id"]) if row["page_id"] else f"topic-{row['topic_id']}",
            **{name: row[name] for name in ("title", "url", "kind", "date", "summary", "created_at")},
        )
        item.facets = {name: {str(row[path])} if row[path] is not None else set() for name, path in ITEM_FACETS.items()}
        items[item.pk] = item
    if items:
        for facet in FACETS:
            if facet.name in ITEM_FACETS:
                continue
            for item in items.values():
                item.facets[facet.name] = set()
            tags = KnowledgeItem.objects.filter(created_at__gt=after, created_at__lte=until)
            for pk, value in tags.exclude(**{f"{facet.db_path}__isnull": True}).values_list("pk", facet.db_path):
                if pk in items:
                    items[pk].facets[facet.name].add(str(value))
    return list(items.values())


class FacetIndex:
    """The new items by facet value, so a search's filters are set intersections, not a loop
    over every item for every search."""

    def __init__(self, items):
        self.items = {item.pk: item for item in items}
        self.by_value = {}
        for item in items:
            for name, values in item.facets.items():
                for value in values:
                    self.by_value.setdefault((name, value), set()).add(item.pk)

    def matching(self, request, within=None):
        """The pks of the items (among ``within``, when given) that pass ``request``'s filters:
        OR within a facet, AND across facets; an item without a date is outside any range."""
        found = set(self.items) if within is None else set(within)
        for name, values in request.filters.items():
            found &= set().union(*(self.by_value.get((name, value), ()) for value in values))
        if request.date_from or request.date_to:
            found = {pk for pk in found if _in_range(self.items[pk].date, request)}
        return found


def _in_range(day, request):
    if day is None:
        return False
    return not (request.date_from and day < request.date_from) and not (request.date_to and day > request.date_to)


class TextMatcher:
    """The new items each text finds (item pks), asked of one engine per run and remembered."""

    def __init__(self, items, after, until):
        self.items, self.after, self.until = items, after, until
        self.found = {}
        self.queries = 0
        self.engine = "elasticsearch" if self._elasticsearch_usable() else "database"

    def _elasticsearch_usable(self):
        """Elasticsearch answers only when it is up to date: an item whose copy is still in the
        outbox would be missed, and the run moves the alerts' high-water mark past it."""
        if not (elastic.is_configured() and ElasticsearchCircuit.available()):
            return False
        return not IndexOutbox.objects.exists()

    def prepare(self, texts):
        """Look up every text not asked before; afterwards ``matches`` answers from memory."""
        texts = [text for text in dict.fromkeys(texts) if text and text not in self.found]
        if not texts or not self.items:
            for text in texts:
                self.found[text] = set()
            return
        if self.engine == "elasticsearch":
            try:
                self._ask_elasticsearch(texts)
                return
            except ENGINE_ERRORS as error:
                logger.warning("Elasticsearch did not answer the alert run (%s); using the database.", error)
                ElasticsearchCircuit.trip()
                self.engine = "database"
        for text in texts:
            self._ask_database(text)

    def matches(self, text):
        return None if not text else self.found[text]

    def _ask_database(self, text):
        items = KnowledgeItem.objects.filter(created_at__gt=self.after, created_at__lte=self.until)
        variants = expand(text)
        self.queries += 1
        self.found[text] = set(fulltext.backend().matching(items, variants).values_list("pk", flat=True))

    def _ask_elasticsearch(self, texts):
        by_document = {item.document_id: item.pk for item in self.items}
        ids = list(by_document)
        for start in range(0, len(texts), ES_SEARCHES_PER_REQUEST):
            chunk = texts[start : start + ES_SEARCHES_PER_REQUEST]
            client = elastic.client().options(request_timeout=ES_RUN_TIMEOUT)
            multi = MultiSearch(using=client, index=elastic.alias_name())
            for text in chunk:
                search = base_search(text).filter("ids", values=ids).source(False).extra(track_total_hits=False)
                multi = multi.add(search[: len(ids)])
            self.queries += 1
            for text, response in zip(chunk, multi.execute(), strict=True):
                self.found[text] = {by_document[hit.meta.id] for hit in response.hits if hit.meta.id in by_document}
