"""What every open-data endpoint does around its own work: a rate limit per IP address, the
cache, ETag / Cache-Control, CORS, and errors as JSON.

- Rate limit: ``RATE_LIMIT`` requests per ``RATE_PERIOD`` seconds per address (core/ratelimit.py,
  counters in the ``default`` cache); past it a 429 JSON answer with Retry-After.
- Cache: answers are kept in the ``pages`` cache alias (the one visitors may fill, bounded),
  under the page cache's content generation (core/page_cache.py): any content change
  (publishing, a snippet edit, a view restriction) starts a new generation, so an answer is never
  older than the content. Only the endpoint's known parameters make a variant, numbers
  normalised, and only 200 answers are stored (a 400 for a made-up slug is not). PAGE_CACHE_SECONDS
  bounds an entry's life and 0 switches this cache off with the page cache.
- HTTP caching: a strong ETag (a hash of the body) answers If-None-Match with 304; browsers and
  proxies may keep an answer ``BROWSER_SECONDS``.
- CORS: the data is public, so any origin may GET it (``Access-Control-Allow-Origin: *``); no
  credentials are involved, as the API reads no session.
"""

import functools
import hashlib
import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from core import page_cache, ratelimit

from .parameters import ApiError, read

logger = logging.getLogger(__name__)
RATE_SCOPE = "open-data"
RATE_LIMIT = 120
RATE_PERIOD = 60
BROWSER_SECONDS = 60
CACHE_HEADER = "X-API-Cache"
JSON = "application/json"


def render_json(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), JSON, {}


def error(message, status, **headers):
    response = HttpResponse(json.dumps({"error": message}, ensure_ascii=False), content_type=JSON, status=status)
    response["Cache-Control"] = "no-store"
    return with_cors(response, **headers)


def with_cors(response, **headers):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def preflight():
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return with_cors(response)


def cache_key(request, params, generation):
    variant = request.path + "?" + "&".join(f"{name}={value}" for name, value in sorted(params.items()))
    digest = hashlib.sha256(variant.encode()).hexdigest()
    return f"open-data:{generation}:{translation.get_language()}:{digest}"


def stored_answer(body, content_type, headers):
    return {
        "body": body,
        "content_type": content_type,
        "headers": headers,
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
    }


def respond(request, answer, cache_state):
    if answer["etag"] in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        body = b"" if request.method == "HEAD" else answer["body"]
        response = HttpResponse(body, content_type=answer["content_type"])
        for name, value in answer["headers"].items():
            response[name] = value
    response["ETag"] = answer["etag"]
    response["Cache-Control"] = f"public, max-age={BROWSER_SECONDS}"
    response[CACHE_HEADER] = cache_state
    return with_cors(response)


def endpoint(parameters=(), render=render_json):
    """Wrap ``view(request, params, **kwargs)``, which returns data for ``render`` or raises
    ApiError; ``parameters`` are the query parameters it understands."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, **kwargs):
            if request.method == "OPTIONS":
                return preflight()
            if request.method not in ("GET", "HEAD"):
                return error(_("Only GET is allowed."), 405, Allow="GET, HEAD, OPTIONS")
            address = ratelimit.client_address(request)
            if not ratelimit.consume(RATE_SCOPE, address, limit=RATE_LIMIT, period=RATE_PERIOD):
                message = _("Too many requests; try again in a minute.")
                return error(message, 429, Retry_After=str(RATE_PERIOD))
            try:
                params = read(request.GET, parameters)
            except ApiError as problem:
                return error(problem.message, problem.status)
            key = lookup = None
            if page_cache.is_enabled():
                try:
                    key = cache_key(request, params, page_cache.current_generation())
                    lookup = page_cache.cache().get(key)
                except Exception:  # a cache that is down slows the API; it must not break it
                    logger.warning("API cache unavailable: serving uncached.", exc_info=True)
            if lookup is not None:
                return respond(request, lookup, "hit")
            try:
                answer = stored_answer(*render(view(request, params, **kwargs)))
            except ApiError as problem:
                return error(problem.message, problem.status)
            if key is not None:
                try:
                    page_cache.cache().set(key, answer, settings.PAGE_CACHE_SECONDS)
                except Exception:
                    logger.warning("API cache unavailable: answer not stored.", exc_info=True)
            return respond(request, answer, "miss" if key else "off")

        return wrapper

    return decorator
