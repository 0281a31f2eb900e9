"""Wagtail hooks of the site's infrastructure: the anonymous page cache."""

from wagtail import hooks

from core import page_cache


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.mark_cacheable(request, page)
