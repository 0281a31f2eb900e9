"""Snippets with the query's words marked, for the database engine (Elasticsearch makes its own)."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .text import fold, query_stems

SNIPPET_LENGTH = 220


def snippet(text, query):
    """A part of ``text`` around the first match, HTML-escaped, matches in <mark>."""
    text = " ".join((text or "").split())
    stems = [s for s in query_stems(query) if len(s) >= 2]
    if not stems:
        return escape(Truncator(text).chars(SNIPPET_LENGTH))
    folded = fold(text)  # same length as text for Latin script, so positions carry over
    if len(folded) != len(text):
        return escape(Truncator(text).chars(SNIPPET_LENGTH))
    pattern = re.compile("|".join(rf"\b{re.escape(s)}\w*" for s in sorted(stems, key=len, reverse=True)))
    first = pattern.search(folded)
    start = max(0, (first.start() - 60) if first else 0)
    start = folded.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET_LENGTH)
    parts, position = [], start
    for match in pattern.finditer(folded, start, end):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    return mark_safe(("… " if start else "") + "".join(parts) + (" …" if end < len(text) else ""))
