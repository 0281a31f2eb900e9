"""Filters live in the URL, so results are bookmarkable and the back button works. This
builds, for every facet value, the link that adds or removes just that value, and the query
string paging links carry; both from the parsed ``SearchRequest``, never from the raw URL,
so a parameter the search does not know is not passed on."""

from urllib.parse import urlencode


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


def active_filter_count(facets):
    """How many filter values are on (after ``facet_links``): what the "Filteren" button says."""
    return sum(facet.selected_count for facet in facets)
