"""Template tags for the site chrome: main menu, breadcrumbs and municipality links."""

from django import template
from django.urls import reverse
from wagtail.models import Site

from cms.queries import municipality_index, private_q
from core.content_cache import remember

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request else None


def _menu_pages(site, request):
    """(pk, title, url, path) of the home page and its live, public children shown in menus."""
    root = site.root_page
    children = root.get_children().live().exclude(private_q()).in_menu()
    return tuple((page.pk, page.title, page.get_url(request), page.path) for page in [root, *children])


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = _site(request)
    if site is None:
        return {"entries": [], "request": request}
    # The same for every visitor of this site until the content changes: kept per generation.
    pages = remember(f"main menu {site.pk}", lambda: _menu_pages(site, request))
    current = context.get("page")
    root_pk = site.root_page_id
    entries = []
    for pk, title, url, path in pages:
        is_current = current is not None and current.pk == pk
        in_section = not is_current and pk != root_pk and current is not None and current.path.startswith(path)
        entries.append(
            {"url": url, "title": title, "is_home": pk == root_pk, "is_current": is_current, "in_section": in_section}
        )
    # The discussions are not a Wagtail page, but belong in the menu all the same.
    in_discussions = request is not None and request.path.startswith(reverse("community:categories"))
    return {"entries": entries, "in_discussions": in_discussions, "request": request}


def _ancestors(page, request):
    """(title, url) of the page's live ancestors from the home page down."""
    ancestors = page.get_ancestors().filter(depth__gte=2).live()
    return tuple((ancestor.title, ancestor.get_url(request)) for ancestor in ancestors)


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, extra_label=None):
    """Ancestors of the page from the home page down; ``extra_label`` adds a routed sub-page."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "request": request}
    if page.pk is None or getattr(request, "is_preview", False):
        # A draft being previewed (perhaps not saved yet, or moved): asked, never kept.
        ancestors = _ancestors(page, request)
    else:
        site = _site(request)
        key = f"breadcrumbs {site.pk if site else None} {page.pk} {page.path}"
        ancestors = remember(key, lambda: _ancestors(page, request))
    return {"ancestors": ancestors, "page": page, "extra_label": extra_label, "request": request}


@register.simple_tag(takes_context=True)
def municipality_url(context, municipality):
    """URL of the municipality's page; the index page is looked up once per request."""
    request = context.get("request")
    index = municipality_index(request)
    if not index:
        return ""
    return index.municipality_url(municipality, request)
