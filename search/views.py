"""The search page and the autocomplete endpoint."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.models import DocumentLibraryPage
from cms.queries import first_visible
from core.pagination import paginate

from .query import MAX_QUERY_LENGTH, SearchRequest, one_line
from .service import KnowledgeSearch, log_search
from .urlstate import active_filter_count, date_filter, facet_links, query_string

AUTOCOMPLETE_MIN_LENGTH = 2


@require_GET
def search_page(request):
    search_request = SearchRequest.from_querydict(request.GET)
    first_page_asked = search_request.page == 1  # only those are logged, also if clamped below
    results = KnowledgeSearch().search(search_request)
    if not results.hits and search_request.page > results.page_count > 0:
        # Past the last page (an old bookmark, a hand-edited URL): show the last page, as listings do.
        search_request.page = results.page_count
        results = KnowledgeSearch().search(search_request)
    if first_page_asked:
        log_search(results)
    facets = facet_links(search_request, results.facets)
    return render(
        request,
        "search/search_page.html",
        {
            "results": results,
            "search": search_request,
            "facets": facets,
            "active_filters": active_filter_count(facets, search_request),
            "date_filter": date_filter(search_request),
            # A page object over the hit numbers, so the site's pagination template can be reused.
            "items": paginate(
                request,
                range(results.page_count * search_request.page_size),
                search_request.page_size,
                number=search_request.page,
            ),
            "query_string": query_string(search_request),
            "has_filters": search_request.has_filters,
            "library": first_visible(DocumentLibraryPage) if not results.hits else None,
        },
    )


@require_GET
@never_cache
def autocomplete(request):
    prefix = one_line(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    if len(prefix) < AUTOCOMPLETE_MIN_LENGTH:
        return JsonResponse({"suggestions": []})
    return JsonResponse({"suggestions": KnowledgeSearch().autocomplete(prefix)})
