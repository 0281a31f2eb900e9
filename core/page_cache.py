"""A whole-page cache for anonymous visitors of the Wagtail pages.

A page rendered for someone without a session is the same for every such visitor, so it is
kept in the cache (``PAGE_CACHE_SECONDS``). Any content change (publishing, moving or deleting
a page, editing taxonomy, documents or images, a registration that changes the places left)
starts a new cache generation; a model says which of its rows' changes cannot show on a public
page (``changes_public_pages``, e.g. an unconfirmed registration), so nobody sees an old page
after an editor publishes; the time limit bounds what changes with the clock (upcoming events).

Never cached, so nobody is served another person's page: requests with a session or messages
cookie (members, editors), responses that set a cookie or carry a CSRF token (every form),
anything that is not a Wagtail page (search, discussions, accounts), and non-200 responses.

Only known query parameters make a cached variant (``page`` and the page's own filters, see
``ListingPage.cache_query_parameters``); any other query string is served uncached, so a
visitor cannot fill the cache with ``?x=1``, ``?x=2``, ... The entries live in a cache alias of
their own (``pages``), bounded, apart from the rate limits in ``default``.
"""

import contextvars
import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import post_delete
from django.utils import translation

logger = logging.getLogger(__name__)
PAGE_CACHE = "pages"
GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
# Models whose changes cannot show on a public page (drafts, logs, editors' bookkeeping).
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagelock",
    "wagtailcore.referenceindex",
    "events.pendingregistrationmail",
}
WATCHED_APPS = {"cms", "events", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}
# A query value longer than this is no filter anyone clicked: serve it uncached.
MAX_PARAMETER_LENGTH = 100


def cache():
    return caches[PAGE_CACHE]


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0


@functools.cache
def known_query_parameters():
    """Every query parameter some page varies on: ``page`` and the listing pages' filters."""
    from wagtail.models import get_page_models

    names = {"page"}
    for model in get_page_models():
        names.update(getattr(model, "cache_query_parameters", ()))
    return frozenset(names)


def has_only(request, allowed):
    """True when every query parameter is in ``allowed``, given once, and short."""
    query = request.GET
    return all(
        name in allowed and len(values) == 1 and len(values[0]) <= MAX_PARAMETER_LENGTH
        for name, values in query.lists()
    )


def may_use_cache(request):
    """Only anonymous reads of known variants: a session or messages cookie means the page may
    be personal, an unknown query parameter that someone is making variants up."""
    cookies = request.COOKIES
    return (
        is_enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and has_only(request, known_query_parameters())
    )


def mark_cacheable(request, page):
    """Called when Wagtail serves a page (wagtail_hooks.before_serve_page): the page may be
    stored if the query string holds only the parameters this page varies on."""
    allowed = {"page", *getattr(page.specific_class, "cache_query_parameters", ())}
    request.is_wagtail_page = has_only(request, allowed)


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


def _generation_key():
    # Per database: a cache folder that outlives one database (a test database, a restored
    # one under another name) never hands its generation, and so its entries, to another.
    name = str(connection.settings_dict["NAME"])
    return f"{GENERATION_KEY}:{hashlib.sha256(name.encode()).hexdigest()[:16]}"


# The generation as read once in this request (AnonymousPageCacheMiddleware sets and resets it):
# a page asks for it many times, and each read is a file or Redis round trip.
_request_generation = contextvars.ContextVar("content_generation", default=None)


def current_generation():
    """The content generation: a number that changes whenever content a public page may show
    changes. Pages, fragments (``{% cache ... content_generation %}``) and per-process memos
    (``cms.queries``) are keyed to it. It lives in the page cache's store, not the database.
    If that store is unavailable, every call answers a new number: nothing is reused."""
    generation = _request_generation.get()
    if generation is not None:
        return generation
    key = _generation_key()
    try:
        generation = cache().get(key)
        if generation is None:
            generation = time.time_ns()
            cache().add(key, generation, None)
            generation = cache().get(key, generation)
    except Exception:
        logger.warning("Page cache unavailable: no content generation, nothing is reused.", exc_info=True)
        return time.time_ns()
    return generation


def content_changed():
    """Start a new generation: every cached page and fragment is out of date at once.

    Again when the transaction commits: a page rendered by another process between the change
    and the commit still read the old content (and must not be kept under the new generation,
    least of all with the old view restrictions)."""
    _start_generation()
    transaction.on_commit(_start_generation)


def _start_generation():
    generation = time.time_ns()
    if _request_generation.get() is not None:
        _request_generation.set(generation)  # the rest of this request sees its own change
    try:
        cache().set(_generation_key(), generation, None)
    except Exception:  # the content is saved; a cache that is down must not undo that
        logger.exception("Page cache unavailable: could not start a new content generation.")


def key_for(request, generation):
    # Parameters in a fixed order, so ?a=1&b=2 and ?b=2&a=1 are one variant.
    variant = request.path + "?" + "&".join(f"{name}={value}" for name, value in sorted(request.GET.items()))
    path = hashlib.sha256(variant.encode()).hexdigest()
    return f"page-cache:{generation}:{request.get_host()}:{translation.get_language()}:{path}"


def is_watched(model):
    meta = model._meta
    return meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(None)
        try:
            _request_generation.set(current_generation())
            return self.serve(request)
        finally:
            _request_generation.reset(token)

    def serve(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        try:
            key = key_for(request, current_generation())
            cached = cache().get(key)
        except Exception:  # a cache that is down or full slows the site; it must not break it
            logger.warning("Page cache unavailable: serving uncached.", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            response[HEADER] = "miss"
            try:
                cache().set(key, response, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable: page not stored.", exc_info=True)
        return response


def shows_publicly(sender, instance, signal):
    """Whether saving or deleting ``instance`` may change a public page. A model answers for its
    rows with ``changes_public_pages(deleted)``, so that a flood of rows no public page shows
    (unconfirmed registrations) cannot empty the cache; without it, every change does."""
    hook = getattr(instance, "changes_public_pages", None)
    if hook is None or not isinstance(instance, sender):  # m2m_changed: the sender is the through model
        return True
    return hook(deleted=signal is post_delete)


def on_model_change(sender, signal=None, instance=None, **kwargs):
    """post_save, post_delete and m2m_changed of anything a public page may show."""
    # Migrations save through historical models (module "__fake__"), maybe before the cache table exists.
    if is_watched(sender) and sender.__module__ != "__fake__" and shows_publicly(sender, instance, signal):
        content_changed()
