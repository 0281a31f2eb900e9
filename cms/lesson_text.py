"""Splitting the old rich-text lesson lists of a collaboration profile into single lessons.

Used by the migration that turned ``lessons_do``/``lessons_dont`` into Lesson rows (and by the
demo builder): each list item, paragraph or heading becomes one lesson, in document order, with
its inline markup (bold, italic, links) kept, so no text and no link is lost. A nested list's
items become lessons of their own after their parent's.
"""

from bs4 import BeautifulSoup, NavigableString, Tag

# Elements that hold one lesson each; their inline content is the lesson's text.
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "ul", "ol"}


def split_lessons(html):
    """The lessons in ``html`` as a list of rich-text fragments ("<p>...</p>"), in order."""
    lessons = []
    _walk(BeautifulSoup(html or "", "html.parser"), lessons)
    return lessons


def _walk(node, lessons):
    inline = []
    for child in node.children:
        if isinstance(child, Tag) and (child.name in BLOCKS or child.find(BLOCKS)):
            _flush(inline, lessons)
            inline = []
            _walk(child, lessons)
        elif isinstance(child, (Tag, NavigableString)):
            inline.append(child)
    _flush(inline, lessons)


def _flush(inline, lessons):
    if "".join(part.get_text() for part in inline).strip():
        lessons.append("<p>" + "".join(str(part) for part in inline).strip() + "</p>")
