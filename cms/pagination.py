"""Paging for listings: one place that decides page size and how bad page numbers behave."""

from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 12


def paginate(request, object_list, per_page=DEFAULT_PAGE_SIZE):
    """Return the requested page; a missing, invalid or too-high number gives a valid page."""
    paginator = Paginator(object_list, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page


def query_without_page(request):
    """The current query string minus ``page``, so paging links keep the active filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
