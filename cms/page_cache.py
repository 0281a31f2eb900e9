"""A whole-page cache for anonymous visitors of the Wagtail pages.

A page rendered for someone without a session is the same for every such visitor, so it is
kept in the cache (``PAGE_CACHE_SECONDS``). Any content change (publishing, moving or deleting
a page, editing taxonomy, documents or images, a registration that changes the places left)
starts a new cache generation, so nobody sees an old page after an editor publishes; the time
limit bounds what changes with the clock (upcoming events).

Never cached, so nobody is served another person's page: requests with a session or messages
cookie (members, editors), responses that set a cookie or carry a CSRF token (every form),
anything that is not a Wagtail page (search, discussions, accounts), and non-200 responses.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
# Models whose changes cannot show on a public page (drafts, logs, editors' bookkeeping).
IGNORED_MODELS = {
    "wagtailcore.revision", "wagtailcore.pagelogentry", "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription", "wagtailcore.workflowstate", "wagtailcore.taskstate",
    "wagtailcore.comment", "wagtailcore.commentreply", "wagtailcore.pagelock", "wagtailcore.referenceindex",
    "cms.pendingregistrationmail",
}
WATCHED_APPS = {"cms", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def may_use_cache(request):
    """Only anonymous reads: a session or messages cookie means the page may be personal."""
    cookies = request.COOKIES
    return (
        is_enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def mark_cacheable(request):
    """Called when Wagtail serves a page (wagtail_hooks.before_serve_page)."""
    request.is_wagtail_page = True


def may_store(request, response):
    return (
        getattr(request, "is_wagtail_page", False)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and "private" not in response.get("Cache-Control", "")
    )


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def content_changed():
    """Start a new generation: every cached page is out of date at once."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def key_for(request, generation):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{generation}:{request.get_host()}:{translation.get_language()}:{path}"


def is_watched(model):
    meta = model._meta
    return meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        key = key_for(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            response[HEADER] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response


def on_model_change(sender, **kwargs):
    """post_save, post_delete and m2m_changed of anything a public page may show."""
    # Migrations save through historical models (module "__fake__"), maybe before the cache table exists.
    if is_enabled() and is_watched(sender) and sender.__module__ != "__fake__":
        content_changed()
