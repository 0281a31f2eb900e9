"""Wagtail's per-request site lookups, answered from memory per content generation.

Wagtail asks the database which ``Site`` a request is for (``Site.find_for_request``), then for
its home page (twice: the page, then its specific type) to route the path from, and for every
``{% pageurl %}`` the sites' root paths from the default cache, which by default is a database
table: four queries on every page. Both change only when sites or pages change, which
starts a new content generation (``core.page_cache``), so they are kept per generation.
"""

import copy

from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from core.content_cache import remember


def _site_and_home(request):
    site = Site._find_for_request(request)
    return (site, site.root_page.specific) if site is not None else (None, None)


def site_for(request):
    """The request's Site with its home page (Wagtail routes every path from there): fresh
    copies, so that nothing set on them during one request is seen by another."""
    key = f"site for {request.get_host()}:{request.get_port()}"
    site, home = remember(key, lambda: _site_and_home(request))
    if site is None:
        return None
    site = copy.copy(site)
    site._state.fields_cache = {"root_page": copy.copy(home)}
    return site


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = site_for(request)
        except DisallowedHost:  # Django answers these with a 400 itself
            return self.get_response(request)
        request._wagtail_cached_site_root_paths = remember("site root paths", Site.get_site_root_paths)
        return self.get_response(request)
