"""Members write Markdown; readers get sanitised HTML.

Markdown is rendered with raw HTML disabled, then cleaned with an nh3 allowlist as a second
line of defence: only formatting tags survive, links get rel="nofollow ugc" and open nothing
but http(s) and mailto, and @-mentions become links to members' profiles.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9_.-]{1,30}[a-z0-9])", re.IGNORECASE)
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable("image")


def _heading_levels(html):
    # A post sits under the page's h1 and the topic's h2: keep its headings below those.
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    return re.sub(r"<(/?)h[56]>", r"<\1h4>", html)


def render(text, mention_url=None):
    """HTML for a post body. ``mention_url(username)`` gives a profile URL, or None if unknown."""
    html = _heading_levels(_markdown.render(text or ""))
    if mention_url is not None:
        html = _link_mentions(html, mention_url)
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def _link_mentions(html, mention_url):
    # Only in text, never inside tags or existing links.
    parts = re.split(r"(<a\b.*?</a>|<[^>]+>)", html, flags=re.S)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            continue
        parts[index] = MENTION.sub(lambda m: _mention(m, mention_url), part)
    return "".join(parts)


def _mention(match, mention_url):
    url = mention_url(match.group(1))
    return f'<a href="{url}">@{match.group(1)}</a>' if url else match.group(0)


def mentioned_usernames(text):
    return {name.lower() for name in MENTION.findall(text or "")}


def count_links(text):
    return len(LINK.findall(text or ""))


def quote(text, author_name):
    """The Markdown a reply starts with when it quotes a post."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in (text or "").strip().splitlines())
    return f"> **{author_name}**:\n{quoted}\n\n"
