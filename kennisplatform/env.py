"""Reading configuration from the environment, with safe defaults for local runs.

Settings modules call these helpers so that parsing rules (what counts as "true", how lists
are split) live in one place instead of being repeated in every settings file.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def require_production_safety(*, debug, secret_key):
    """Refuse to start a production process that would leak data or sign with a known key."""
    if debug:
        raise ImproperlyConfigured("DEBUG is on in production settings. Unset DEBUG (or set DEBUG=false).")
    if not secret_key or secret_key.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY is missing. Set a long random SECRET_KEY in the environment.")
    if len(secret_key) < 50 or len(set(secret_key)) < 5:
        raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 50 random characters.")


def cache_from_url(url, *, table, max_entries, key_prefix=""):
    """A CACHES entry from a cache URL: ``db`` (a table in the database, shared by every app
    process), ``file:///path`` (a folder shared by the processes of one machine),
    ``redis://host:6379/0``, or ``locmem`` (one process only).

    ``table`` names the database table (and the locmem store, and the file cache's subfolder)
    so that each purpose has its own; ``max_entries`` is where the db, file and locmem backends
    start culling (Redis evicts by its own ``maxmemory-policy``, see README.md, "Caches").
    """
    options = {"MAX_ENTRIES": max_entries}
    if url in ("", "db"):
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table, "OPTIONS": options}
    if url == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": table, "OPTIONS": options}
    if url.startswith("file:///"):
        folder = Path(url.removeprefix("file://")) / table
        backend = "django.core.cache.backends.filebased.FileBasedCache"
        return {"BACKEND": backend, "LOCATION": str(folder), "OPTIONS": options}
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": key_prefix}
    raise ImproperlyConfigured(f"CACHE_URL must be db, file:///folder, locmem or a redis:// URL, not {url!r}.")


def page_cache_url(cache_url, page_cache_url, folder):
    """Where the page cache (and the content fragments, and the content generation) live.

    By default not in the database, so that a cached page costs no query: with ``db`` a folder
    of files (``folder``) that every process on this machine shares; with ``locmem`` its own
    store. With Redis it must be named apart (``PAGE_CACHE_URL``): on one Redis database a
    ``clear`` or the eviction policy would take the rate limits with the pages."""
    if not page_cache_url:
        if cache_url.startswith(("redis://", "rediss://")):
            raise ImproperlyConfigured(
                "CACHE_URL is Redis: set PAGE_CACHE_URL to another Redis database or server for the page cache "
                '(e.g. redis://host:6379/1; README.md, "Caches").'
            )
        return "locmem" if cache_url == "locmem" else f"file://{Path(folder).resolve()}"
    if page_cache_url == cache_url and cache_url.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured("PAGE_CACHE_URL must not be the same Redis database as CACHE_URL.")
    return page_cache_url
