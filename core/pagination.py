"""Paging for listings: one place that decides page size and how bad page numbers behave."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 12


def paginate(request, object_list, per_page=DEFAULT_PAGE_SIZE, number=None):
    """Return the requested page (``number``, or the URL's); a missing, invalid or too-high
    number gives a valid page."""
    paginator = Paginator(object_list, per_page)
    page = paginator.get_page(request.GET.get("page") if number is None else number)
    page.elided_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page


def query_without_page(request, keep):
    """The query string for paging links: the parameters named in ``keep`` (the page's own
    filters), each once, without ``page``; links never carry what a visitor added that the
    page does not understand."""
    return urlencode([(name, request.GET[name]) for name in keep if name != "page" and name in request.GET])
