"""Admin registration: the taxonomy as snippets grouped under one menu item, and the event
registrations with the organiser's actions."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import document_access
from cms.events import converters  # noqa: F401 (registers <row_id:...>)
from cms.events.admin import EventRegistrationViewSet
from cms.events.admin_views import CancelEventView, MessageAttendeesView
from cms.models import Collaboration, DocumentType, Municipality, Province, Theme


class CollaborationViewSet(SnippetViewSet):
    model = Collaboration
    icon = "group"
    list_display = ["short_name", "name", "form", "founded"]
    list_filter = ["form", "legal_form"]
    search_fields = ["name", "short_name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "cbs_code", "province"]
    list_filter = ["province"]
    search_fields = ["name", "cbs_code"]


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    search_fields = ["name"]


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        CollaborationViewSet,
        MunicipalityViewSet,
        ProvinceViewSet,
        ThemeViewSet,
        DocumentTypeViewSet,
    )


register_snippet(TaxonomyViewSetGroup)


# --- Events: registrations, the organiser's actions, and their audit-log entries ----------
@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return EventRegistrationViewSet("cms_eventregistration", url_prefix="aanmeldingen")


@hooks.register("register_admin_urls")
def register_event_action_urls():
    return [
        path("bijeenkomsten/<row_id:event_id>/bericht/", MessageAttendeesView.as_view(), name="event_message_attendees"),
        path("bijeenkomsten/<row_id:event_id>/annuleren/", CancelEventView.as_view(), name="event_cancel"),
    ]


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    actions.register_action("cms.event.message", _("Message to attendees"), _("Message sent to attendees"))
    actions.register_action("cms.event.cancel", _("Cancel event"), _("Event cancelled"))


@hooks.register("before_serve_document")
def check_document_download(document, request):
    """Page privacy for files: Wagtail itself checks only the collection (cms/document_access.py)."""
    return document_access.check_download(document, request)
