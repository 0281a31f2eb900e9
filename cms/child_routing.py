"""Routing to an item page in one query, with what its page shows.

Wagtail routes ``/documenten/<slug>/`` by asking for the child ``Page`` with that slug, then
for its specific row (``Page.specific``), and the page's template then asks for each foreign
key it shows (the document type, the file) one by one. A section page knows the one model its
children have, so it asks for that model directly, with those relations in the same query.
Anything else (no such child, a child of another type, a route of the section's own such as
``ical/``) goes to Wagtail's routing as before.
"""

from django.http import Http404


def is_own_route(page, path_components):
    """Whether a routable page (RoutablePageMixin) answers this path itself."""
    if not hasattr(page, "resolve_subpage") or not page.live:
        return False
    try:
        page.resolve_subpage("/" + "/".join(path_components) + "/")
    except Http404:
        return False
    return True


def route_to_child(parent, request, path_components, model):
    """Wagtail's ``Page.route`` for a child of type ``model``, or None to let Wagtail route."""
    if not path_components or model is None or is_own_route(parent, path_components):
        return None
    children = model.objects.child_of(parent).select_related(*model.page_related)
    try:
        child = children.prefetch_related(*model.page_prefetch).get(slug=path_components[0])
    except model.DoesNotExist:
        return None
    child._cached_parent_obj = parent  # as Wagtail does: its breadcrumbs need no query for it
    return child.route(request, path_components[1:])
