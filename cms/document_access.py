"""Who may download an uploaded file.

Wagtail's download view checks only the privacy of the file's collection, so the file of a
private or unpublished page would download for anyone who has (or guesses) its link. Here a
file is served only when a live page that uses it (as its file, or through a link in its text)
may be viewed by this request, or to editors who may manage it in the admin. The check runs on
every download, so old links stop working the moment a page is restricted or unpublished.

Which pages use a file comes from Wagtail's reference index, which follows foreign keys, rich
text and StreamField alike and is rebuilt from the saved (live) page after every change.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex
from wagtail.permissions import policy_registry

EDITOR_ACTIONS = ["add", "change", "choose"]


def pages_using(document):
    """The live pages whose current content uses ``document``."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])


def may_view_page(page, request):
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def is_editor_of(document, user):
    policy = policy_registry.get_by_type(type(document))
    return user.is_authenticated and policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, document)


def check_download(document, request):
    """None when this request may download ``document``; otherwise the response to give:
    the login page when logging in could open a page that uses it, else a plain 404 (a file
    used by no public page does not exist for the visitor)."""
    if is_editor_of(document, request.user):
        return None
    pages = list(pages_using(document))
    if any(may_view_page(page, request) for page in pages):
        return None
    login_helps = any(
        restriction.restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)
        for page in pages
        for restriction in page.get_view_restrictions()
    )
    if login_helps and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
