"""What changes only with the content, computed once per content generation in each process.

Every page asks the same things again and again: which sections are private, where the news
overview is, the main menu, facet labels, filter choices, the synonym list. They change only
when content changes, and every content change starts a new generation
(``core.page_cache.current_generation``, read once per request from the page cache's store,
not the database). So ``remember`` keeps each answer in this process's memory until the
generation moves on: the next request after an editor's change asks the database again.

Data that pages do not show but that must still be fresh at once (the synonym list) starts a
new generation itself when it changes (``page_cache.content_changed``).
"""

from core.page_cache import current_generation

_memo = {"generation": None, "values": {}}


def remember(name, compute):
    """``compute()``, asked once per content generation in this process. ``name`` says what it
    is, with whatever it depends on (e.g. ``f"breadcrumbs {page.pk}"``)."""
    generation = current_generation()
    if _memo["generation"] != generation:
        _memo.update(generation=generation, values={})
    values = _memo["values"]
    if name not in values:
        values[name] = compute()
    return values[name]
