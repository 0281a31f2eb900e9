"""Filters live in the URL, so results are bookmarkable and the back button works. This
builds, for every facet value, the link that adds or removes just that value, the links of
the date range (quick choices, removal), and the query string paging links carry; all from
the parsed ``SearchRequest``, never from the raw URL, so a parameter the search does not
know is not passed on."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from .dates import QUICK_CHOICES, range_label, years_before

DATE_PARAMETERS = ("from", "to")


def query_string(request):
    """The search request as a query string without the page (for paging links)."""
    return urlencode(request.query_pairs())


def facet_links(request, facets):
    """Each facet value with the URL that toggles it (page reset to 1)."""
    pairs = request.query_pairs()
    for facet in facets:
        for value in facet.values:
            toggled = [(name, v) for name, v in pairs if not (name == facet.name and v == value.value)]
            if not value.selected:
                toggled.append((facet.name, value.value))
            value.toggle_url = "?" + urlencode(toggled)
        facet.selected_count = sum(1 for v in facet.values if v.selected)
    return facets


@dataclass
class Link:
    label: str
    url: str
    current: bool = False


@dataclass
class DateFilter:
    choices: list  # quick choices (Link), "last year" first
    chip: Link | None  # the range in words with the link that removes it, when one is set


def date_filter(request, today=None):
    """The date range's links. A quick choice sets ``from`` and drops ``to`` ("the last year"
    runs to today); it and the removal keep the text, facets and sort."""
    today = today or timezone.localdate()
    kept = [(name, value) for name, value in request.query_pairs() if name not in DATE_PARAMETERS]
    choices = []
    for years, label in QUICK_CHOICES:
        start = years_before(today, years)
        current = request.date_from == start and request.date_to is None
        choices.append(Link(str(label), "?" + urlencode([*kept, ("from", start.isoformat())]), current))
    chip = None
    if request.date_from or request.date_to:
        chip = Link(range_label(request.date_from, request.date_to), "?" + urlencode(kept))
    return DateFilter(choices, chip)


def active_filter_count(facets, request):
    """How many filters are on (after ``facet_links``): what the "Filteren" button says. A date
    range counts as one."""
    return sum(facet.selected_count for facet in facets) + bool(request.date_from or request.date_to)
