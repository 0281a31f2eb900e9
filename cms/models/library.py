"""The document library: uploaded files and the knowledge document pages that present them."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.filters import LibraryFilter
from cms.uploads import check_document_content

from .knowledge import KnowledgeItemPage
from .listing import ListingPage


class LibraryFile(AbstractDocument):
    """Wagtail's document model, refusing files whose content does not match their type."""

    admin_form_fields = Document.admin_form_fields

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        DONE = "done", _("Text read")
        EMPTY = "empty", _("No text found")
        FAILED = "failed", _("Could not be read")
        TOO_LARGE = "too_large", _("Too large: read in part or not at all")

    # The file's text, read in the background by cms/file_text.py (not in the request).
    text = models.TextField(_("text"), blank=True, editable=False)
    # Where each PDF page starts in ``text`` (0-based character offsets), for "p. 12".
    text_page_offsets = models.JSONField(_("page offsets"), default=list, blank=True, editable=False)
    text_status = models.CharField(
        _("text status"), max_length=16, choices=TextStatus.choices, default=TextStatus.PENDING, editable=False
    )
    text_reason = models.CharField(_("text status reason"), max_length=255, blank=True, editable=False)
    text_read_at = models.DateTimeField(_("text read at"), null=True, blank=True, editable=False)
    # "name|hash" of the file the text belongs to: a save with another file queues a new reading.
    text_source = models.CharField(max_length=400, blank=True, editable=False)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def clean(self):
        super().clean()  # extension allowlist (WAGTAILDOCS_EXTENSIONS)
        if self.file and not getattr(self.file, "_committed", True):
            try:
                check_document_content(self.file, self.file.name)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    @property
    def search_note(self):
        """What a visitor should know about searching this file's text (document pages show it)."""
        notes = {
            self.TextStatus.DONE: _("The text of this file is searched by the site's search."),
            self.TextStatus.TOO_LARGE: _("Only the first part of this file's text is searched by the site's search."),
            self.TextStatus.EMPTY: _(
                "This file has no text layer (a scanned document?), so the site's search cannot look inside it."
            ),
            self.TextStatus.FAILED: _(
                "The text of this file could not be read, so the site's search cannot look inside it."
            ),
            self.TextStatus.PENDING: _("The text of this file is being read for the site's search."),
        }
        return notes.get(self.text_status, "")

    @property
    def text_source_key(self):
        return f"{self.file.name}|{self.file_hash}" if self.file else ""


class KnowledgeDocumentPage(KnowledgeItemPage):
    """A report, covenant, council proposal, evaluation or settlement model, with its file."""

    date = models.DateField(_("document date"))
    document_type = models.ForeignKey(
        "cms.DocumentType",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("document type"),
    )
    file = models.ForeignKey(
        "cms.LibraryFile",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = (
        KnowledgeItemPage.content_panels
        + [
            FieldPanel("date"),
            FieldPanel("document_type"),
            FieldPanel("file"),
            FieldPanel("summary"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.taxonomy_panels
    )
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("document_type", [index.SearchField("name")]),
    ]
    listing_related = ("document_type", "file")
    page_related = ("document_type", "file")
    parent_page_types = ["cms.DocumentLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge document")
        verbose_name_plural = _("knowledge documents")


class DocumentLibraryPage(ListingPage):
    item_model = KnowledgeDocumentPage
    subpage_types = ["cms.KnowledgeDocumentPage"]
    max_count = 1

    filterset_class = LibraryFilter
    count_text = ngettext_lazy("%(count)s document", "%(count)s documents", "count")

    class Meta:
        verbose_name = _("document library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["search_url"] = documents_search_url(context["applied_filters"])
        return context


def documents_search_url(applied_filters):
    """The search, on documents only, with the library's filters: where the visitor can combine
    several values and see the counts (the library's filters share the search's names)."""
    return reverse("search") + "?" + urlencode([("type", "document"), *applied_filters])
