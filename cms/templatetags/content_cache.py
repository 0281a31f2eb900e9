"""``{% content_cache "name" vary_on... %}...{% endcontent_cache %}``: Django's ``{% cache %}``
for blocks that show content only (pages, taxonomy, documents), kept until the content changes.

The key is the fragment's name, the content generation (``core.page_cache.current_generation``,
which changes whenever content a public page may show changes) and the ``vary_on`` values; the
fragments live in the "template_fragments" cache alias, as with ``{% cache %}``. Only for markup
that is the same for every viewer: no user, no CSRF token, nothing members-only, nothing that
follows the clock or the community.

In a Wagtail preview the block is rendered and not cached: the page there is a draft, which no
visitor may get from the cache, and the editor must see the draft, not the published block.
"""

from django import template
from django.templatetags.cache import CacheNode

from core.page_cache import current_generation

register = template.Library()

# The generation ends a fragment when content changes; the time limit only bounds the store.
TIMEOUT = 3600


class ContentCacheNode(CacheNode):
    def render(self, context):
        if getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)
        return super().render(context)


class Generation:
    """The current content generation, as a ``vary_on`` value of ``CacheNode``: the request's
    (the ``content_generation`` context variable, read once per request), else read now."""

    def resolve(self, context):
        generation = context.get("content_generation")
        return generation if generation is not None else current_generation()


@register.tag("content_cache")
def content_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% content_cache %} takes a fragment name, then what it varies on")
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    vary_on = [Generation(), *(parser.compile_filter(bit) for bit in bits[2:])]
    return ContentCacheNode(nodelist, parser.compile_filter(str(TIMEOUT)), bits[1], vary_on, None)
