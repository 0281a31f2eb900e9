"""Template tags for the site chrome: main menu, breadcrumbs and municipality links."""

from django import template
from django.urls import reverse
from wagtail.models import Site

from cms.queries import municipality_index

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return {"entries": [], "request": request}
    current = context.get("page")
    pages = [root, *root.get_children().live().public().in_menu()]
    entries = []
    for page in pages:
        is_current = current is not None and current.pk == page.pk
        in_section = (
            not is_current and page.pk != root.pk and current is not None and current.path.startswith(page.path)
        )
        entries.append({"page": page, "is_current": is_current, "in_section": in_section})
    # The discussions are not a Wagtail page, but belong in the menu all the same.
    in_discussions = request is not None and request.path.startswith(reverse("community:categories"))
    # The request goes along so {% pageurl %} looks up the sites once per request, not per link.
    return {"entries": entries, "root": root, "in_discussions": in_discussions, "request": request}


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, extra_label=None):
    """Ancestors of the page from the home page down; ``extra_label`` adds a routed sub-page."""
    page = page or context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "request": context.get("request")}
    ancestors = page.get_ancestors().filter(depth__gte=2).live()
    return {"ancestors": ancestors, "page": page, "extra_label": extra_label, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def municipality_url(context, municipality):
    """URL of the municipality's page; the index page is looked up once per request."""
    request = context.get("request")
    index = municipality_index(request)
    if not index:
        return ""
    return index.municipality_url(municipality, request)
