"""A cache whose failures are misses: for content fragments, which the page can always render.

Django's ``{% cache %}`` tag lets a cache error end the page with a 500. A fragment is only a
shortcut, so ``ForgivingCache`` wraps the real backend (``OPTIONS["CACHE"]``, a CACHES entry)
and turns its errors into a logged miss: with Redis or the cache folder unavailable, pages are
rendered in full, as the page cache does (``core.page_cache``).
"""

import logging

from django.core.cache.backends.base import BaseCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ForgivingCache(BaseCache):
    def __init__(self, location, params):
        super().__init__({})
        inner = dict(params["OPTIONS"]["CACHE"])
        backend = import_string(inner["BACKEND"])
        self.cache = backend(inner.get("LOCATION", ""), inner)

    def _forgive(self, action, default, *args, **kwargs):
        try:
            return getattr(self.cache, action)(*args, **kwargs)
        except Exception:
            logger.warning("Fragment cache unavailable (%s): rendering in full.", action, exc_info=True)
            return default

    def get(self, key, default=None, version=None):
        return self._forgive("get", default, key, default, version=version)

    def set(self, key, value, timeout=300, version=None):
        self._forgive("set", None, key, value, timeout, version=version)

    def add(self, key, value, timeout=300, version=None):
        return self._forgive("add", False, key, value, timeout, version=version)

    def delete(self, key, version=None):
        return self._forgive("delete", False, key, version=version)

    def touch(self, key, timeout=300, version=None):
        return self._forgive("touch", False, key, timeout, version=version)

    def has_key(self, key, version=None):
        return self._forgive("has_key", False, key, version=version)

    def clear(self):
        self._forgive("clear", None)
