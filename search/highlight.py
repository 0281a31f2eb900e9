"""Snippets with the query's words marked (the database engine; Elasticsearch marks its own),
and the page of a file a snippet comes from ("p. 12")."""

import bisect
import re
from html import unescape

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import StrIndex
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .text import fold, query_stems

SNIPPET_LENGTH = 220


def _pattern(query):
    stems = sorted((s for s in query_stems(query) if len(s) >= 2), key=len, reverse=True)
    if not stems:
        return None
    return re.compile("|".join(rf"\b{re.escape(s)}\w*" for s in stems))


def first_match(text, query):
    """Where the first of the query's words starts in ``text``, or None."""
    pattern = _pattern(query)
    found = pattern.search(fold(text or "")) if pattern else None
    return found.start() if found else None


def snippet(text, query):
    """A part of ``text`` around the first match, HTML-escaped, matches in <mark>."""
    text = " ".join((text or "").split())
    pattern = _pattern(query)
    folded = fold(text)  # same length as text for Latin script, so positions carry over
    if pattern is None or len(folded) != len(text):
        return escape(Truncator(text).chars(SNIPPET_LENGTH))
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


def file_snippet(file_text, page_offsets, query):
    """(snippet, page) for a match in a file's text; page is None when the file has no pages
    (not a PDF) or nothing matches; the snippet is "" when nothing matches."""
    position = first_match(file_text, query)
    if position is None:
        return "", None
    start = file_text.rfind(" ", 0, max(0, position - 60)) + 1  # a word's start, not its middle
    found = snippet(file_text[start : position + SNIPPET_LENGTH * 2], query)
    return mark_safe(("… " if start else "") + found), page_at(page_offsets, position)


def page_at(page_offsets, position):
    """The 1-based page holding character ``position``, given where each page starts."""
    if not page_offsets or position is None:
        return None
    return max(bisect.bisect_right(page_offsets, position), 1)


def plain_fragment(fragment):
    """A highlight fragment (escaped HTML with <mark>) as the plain text it was taken from."""
    return unescape(strip_tags(fragment))


def pages_of_fragments(fragments):
    """{page id: page} for Elasticsearch fragments of file text ({page id: fragment}): where
    the fragment's text occurs in the stored file text, in one query that returns positions only."""
    from .models import KnowledgeItem

    wanted = {page_id: plain_fragment(fragment) for page_id, fragment in fragments.items()}
    wanted = {page_id: text for page_id, text in wanted.items() if text.strip()}
    if not wanted:
        return {}
    position = Case(
        *[When(page_id=page_id, then=StrIndex("file_text", Value(text))) for page_id, text in wanted.items()],
        output_field=IntegerField(),
    )
    rows = KnowledgeItem.objects.filter(page_id__in=wanted).annotate(position=position)
    return {
        page_id: page_at(offsets, found - 1)
        for page_id, offsets, found in rows.values_list("page_id", "file_page_offsets", "position")
        if found
    }
