"""Lookups that change only with the content (facet labels, filter choices, the synonym list),
kept per content generation in the "template_fragments" cache, which is not a database table:
reading them costs no query. The generation (``core.page_cache.current_generation``) changes
with any content change, so nobody sees a label after its taxonomy term was renamed."""

from django.conf import settings
from django.core.cache import caches

from core.page_cache import current_generation

ALIAS = "template_fragments"
TIMEOUT = 60 * 60


def _store():
    # Without that cache (an older configuration) every lookup goes to the database, as before.
    return caches[ALIAS] if ALIAS in settings.CACHES else None


def _key(name):
    return f"content:{name}:{current_generation()}"


def remember(name, compute):
    """``compute()``, cached for this content generation."""
    store = _store()
    if store is None:
        return compute()
    key = _key(name)
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, TIMEOUT)
    return value


def forget(name):
    """Drop ``name`` of this generation: for data that changes without a new generation."""
    store = _store()
    if store is not None:
        store.delete(_key(name))
