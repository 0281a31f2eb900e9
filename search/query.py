"""What a search asks and what it answers, independent of the engine that answers it.

The search page builds a ``SearchRequest`` from the URL, an engine turns it into
``SearchResults``; the template only ever sees these classes.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from .dates import read_range

PAGE_SIZE = 10
MAX_PAGE = 100  # Elasticsearch pages through at most 10,000 hits; nobody reads that far
MAX_QUERY_LENGTH = 200
SORTS = ("relevance", "date")


@dataclass(frozen=True)
class FacetSpec:
    name: str  # URL parameter
    label: str
    db_path: str  # ORM lookup on KnowledgeItem
    es_field: str  # keyword field in the index
    newest_first: bool = False  # order values by value (years) instead of by count


FACETS = (
    FacetSpec("type", _("Content type"), "kind", "kind"),
    FacetSpec("phase", _("Phase"), "phases__slug", "phases"),
    FacetSpec("collaboration", _("Collaboration"), "collaborations__slug", "collaborations"),
    # The status of the collaborations an item is about: "ended" finds the lessons of those that stopped.
    FacetSpec("status", _("Collaboration status"), "collaborations__status", "statuses"),
    FacetSpec("municipality", _("Municipality"), "municipalities__slug", "municipalities"),
    FacetSpec("province", _("Province"), "provinces__slug", "provinces"),
    FacetSpec("theme", _("Theme"), "themes__slug", "themes"),
    FacetSpec("document_type", _("Document type"), "document_type__slug", "document_type"),
    FacetSpec("year", _("Year"), "year", "year", newest_first=True),
)
FACET_BY_NAME = {facet.name: facet for facet in FACETS}


MAX_VALUE_LENGTH = 100


def one_line(value, limit):
    """``value`` as one line of printable text of at most ``limit`` characters: control
    characters (NUL among them, which PostgreSQL refuses) become spaces, runs of space one."""
    value = value[: limit * 4]  # no need to look at all of a 10,000-character value
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())[:limit]


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> list of selected values
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    # The "published between" range (``from`` and ``to`` in the URL): a filter, not a facet.
    date_from: date | None = None
    date_to: date | None = None
    notices: tuple = ()  # what was wrong with the URL and how it was read (for the page)

    @classmethod
    def from_querydict(cls, params):
        """Read a request from the URL; anything malformed falls back to a sensible default."""
        filters = {}
        for facet in FACETS:
            values = [one_line(v, MAX_VALUE_LENGTH) for v in params.getlist(facet.name)]
            values = [v for v in values if v]
            if facet.name == "year":
                # Four ASCII digits: "²" is a digit to Python, and 99999999999 overflows the engines.
                values = [v for v in values if len(v) == 4 and v.isascii() and v.isdigit()]
            if values:
                filters[facet.name] = list(dict.fromkeys(values))[:50]
        try:
            page = min(max(int(params.get("page", 1)), 1), MAX_PAGE)
        except ValueError:
            page = 1
        sort = params.get("sort", "relevance")
        dates = read_range(params.get("from", ""), params.get("to", ""))
        return cls(
            query=one_line(params.get("q", ""), MAX_QUERY_LENGTH),
            filters=filters,
            sort=sort if sort in SORTS else "relevance",
            page=page,
            date_from=dates.start,
            date_to=dates.end,
            notices=dates.notices,
        )

    def query_pairs(self):
        """This request as URL parameters, without the page: only what ``from_querydict``
        understood, so links never carry unknown or invalid parameters along."""
        pairs = [("q", self.query)] if self.query else []
        if self.sort != SORTS[0]:
            pairs.append(("sort", self.sort))
        for facet in FACETS:
            pairs += [(facet.name, value) for value in self.selected(facet.name)]
        return pairs + self.date_pairs()

    def date_pairs(self):
        """The date range as URL parameters (ISO dates, as a date input sends them)."""
        pairs = [("from", self.date_from.isoformat())] if self.date_from else []
        return pairs + ([("to", self.date_to.isoformat())] if self.date_to else [])

    @property
    def has_filters(self):
        """Whether anything narrows the results besides the text: facets or a date range."""
        return bool(self.filters or self.date_from or self.date_to)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def selected(self, facet_name):
        return self.filters.get(facet_name, [])


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    kind_label: str
    date: object
    snippet: str  # safe HTML: escaped text with <mark> around matches
    in_file: bool = False  # the snippet comes from the attached file's text
    file_page: int | None = None  # its page in the file, where known (PDF)
    answered: bool = False  # a discussion that asked a question and has its accepted answer


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list
    total: int
    facets: list
    engine: str
    suggestion: str = ""
    # The "did you mean" spelling whose results are shown, when the query as typed found nothing.
    corrected_query: str = ""
    # The words as typed found nothing: these hits are close matches (a corrected spelling on
    # the database engines, typos allowed on Elasticsearch). Analytics counts such a search as
    # one without results.
    approximate: bool = False
    fallback: bool = False  # Elasticsearch was configured but did not answer

    @property
    def page_count(self):
        return min(math.ceil(self.total / self.request.page_size), MAX_PAGE) if self.total else 0
