"""Filters live in the URL, so results are bookmarkable and the back button works. This
builds, for every facet value, the link that adds or removes just that value."""

from urllib.parse import urlencode


def _without(params, key, value=None):
    pairs = []
    for name, values in params.lists():
        for v in values:
            if name == "page" or (name == key and (value is None or v == value)):
                continue
            pairs.append((name, v))
    return pairs


def facet_links(params, facets):
    """Each facet value with the URL that toggles it (page reset to 1)."""
    for facet in facets:
        for value in facet.values:
            pairs = _without(params, facet.name, value.value)
            if not value.selected:
                pairs.append((facet.name, value.value))
            value.toggle_url = "?" + urlencode(pairs)
        facet.selected_count = sum(1 for v in facet.values if v.selected)
    return facets

