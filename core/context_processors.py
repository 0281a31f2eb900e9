"""Template context every page gets from ``core``: the content generation, for fragments.

``{% cache 300 "name" content_generation %}`` keeps a fragment until content changes
(``core.page_cache.current_generation``). The value is lazy: a page without such a fragment
never reads it.
"""

from django.utils.functional import SimpleLazyObject

from core.page_cache import current_generation


def content_generation(request):
    return {"content_generation": SimpleLazyObject(current_generation)}
