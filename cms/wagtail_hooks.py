"""Admin registration: the taxonomy as snippets grouped under one menu item, the page cache and
the document download check and "read text again". The event registrations are in ``events/wagtail_hooks.py``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import document_access
from cms.admin_views import reread_document_text
from cms.models import Collaboration, DocumentType, Municipality, Phase, Province, Theme


class CollaborationViewSet(SnippetViewSet):
    model = Collaboration
    icon = "group"
    list_display = ["short_name", "name", "form", "status", "phase"]
    list_filter = ["status", "phase", "form", "legal_form"]
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


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "list-ol"


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
        PhaseViewSet,
    )


register_snippet(TaxonomyViewSetGroup)


@hooks.register("before_serve_document")
def check_document_download(document, request):
    """Page privacy for files: Wagtail itself checks only the collection (cms/document_access.py)."""
    return document_access.check_download(document, request)


@hooks.register("register_admin_urls")
def register_document_text_url():
    return [path("documents/tekst/<int:pk>/", reread_document_text, name="cms_reread_document_text")]
