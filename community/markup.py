"""Members write Markdown; readers get sanitised HTML.

Markdown is rendered with raw HTML disabled, then cleaned with an nh3 allowlist as a second
line of defence: only formatting tags survive, links get rel="nofollow ugc" and open nothing
but http(s) and mailto, and @-mentions become links to members' profiles.

What counts (mentions, links) is read from the rendered HTML, never from the source text, so
every Markdown form of a link (inline, reference, autolink, protocol-relative) counts alike.
"""

import re
from html.parser import HTMLParser

import nh3
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# A username that can be mentioned (allauth makes most usernames like this; see is_mentionable).
MENTION_NAME = r"[a-z0-9][a-z0-9_.-]{1,30}[a-z0-9]"
MENTION = re.compile(rf"(?<![\w@/])@({MENTION_NAME})", re.IGNORECASE)
# Addresses in plain text: not clickable (no linkify), but a reader can copy them.
BARE_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
# Where an @name is not the writer's mention: inside links, code, and quoted text.
NO_MENTIONS_IN = {"a", "code", "pre", "blockquote"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-z0-9]+)", re.IGNORECASE)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable("image")


def _heading_levels(html):
    # A post sits under the page's h1 and the topic's h2: keep its headings below those.
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    return re.sub(r"<(/?)h[56]>", r"<\1h4>", html)


def _markdown_html(text):
    return _heading_levels(_markdown.render(text or ""))


def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def render(text, mentions=None):
    """HTML for a post body. ``mentions`` maps a lower-case username to its profile URL: those
    @names become links, any other stays text (see ``posting.resolve_mentions``)."""
    html = _markdown_html(text)
    if mentions:
        html = _link_mentions(html, mentions)
    return _clean(html)


def _mention_text_parts(html):
    """Split markdown-it's HTML (which escapes every < and > in text and attributes) into
    parts, with a flag saying whether a part is text in which @names are mentions."""
    skipping = 0
    for part in _TAG.split(html):
        tag = _TAG_NAME.match(part) if part.startswith("<") else None
        if tag is not None:
            if tag.group(2).lower() in NO_MENTIONS_IN:
                skipping = max(0, skipping + (-1 if tag.group(1) else 1))
            yield part, False
        else:
            yield part, not skipping and not part.startswith("<")


def _link_mentions(html, mentions):
    def link(match):
        url = mentions.get(match.group(1).lower())
        return f'<a href="{url}">@{match.group(1)}</a>' if url else match.group(0)

    return "".join(MENTION.sub(link, part) if is_text else part for part, is_text in _mention_text_parts(html))


def is_mentionable(username):
    """Whether ``@username`` in a post is read as a mention of this member."""
    return bool(re.fullmatch(MENTION_NAME, username or "", re.IGNORECASE))


def mentioned_usernames(text):
    """The distinct @names (lower case) the writer mentions, in order of appearance; @names in
    code, links and quotes are not the writer's mentions and are left out."""
    names = {}
    for part, is_text in _mention_text_parts(_markdown_html(text)):
        if is_text:
            names.update((name.lower(), None) for name in MENTION.findall(part))
    return list(names)


class _LinkCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = 0
        self.in_link = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.in_link += 1
            self.links += any(name == "href" and value for name, value in attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_link = max(0, self.in_link - 1)

    def handle_data(self, data):
        if not self.in_link:
            self.links += len(BARE_LINK.findall(data))


def count_links(text):
    """Links in the post as readers get it: every link the sanitised HTML keeps, in whatever
    Markdown form it was written, plus web addresses written as plain text."""
    counter = _LinkCounter()
    counter.feed(render(text))
    counter.close()
    return counter.links


def quote(text, author_username=None):
    """The Markdown a reply starts with when it quotes a post. The author is named by username,
    never by full name, which would outlive a deleted account in other members' posts."""
    author = f"@{author_username}" if author_username else _("deleted user")
    quoted = "\n".join(f"> {line}" if line else ">" for line in (text or "").strip().splitlines())
    return f"> **{author}**:\n{quoted}\n\n"
