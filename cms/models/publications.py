"""Publications: books, articles, columns and research about shared civil-service organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES

from .knowledge import KnowledgeItemPage
from .listing import ListingPage


class PublicationPage(KnowledgeItemPage):
    class Kind(models.TextChoices):
        BOOK = "boek", _("book")
        ARTICLE = "artikel", _("article")
        COLUMN = "column", _("column")
        RESEARCH = "onderzoek", _("research")

    date = models.DateField(_("publication date"))
    kind = models.CharField(_("kind of publication"), max_length=16, choices=Kind.choices)
    publisher = models.CharField(
        _("publisher or medium"),
        max_length=150,
        blank=True,
        help_text=_("Where it appeared, e.g. a publisher, journal or website."),
    )
    external_url = models.URLField(_("link to the publication"), blank=True)
    file = models.ForeignKey(
        "cms.LibraryFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    body = RichTextField(_("text"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = (
        KnowledgeItemPage.content_panels
        + [
            FieldPanel("date"),
            FieldPanel("kind"),
            InlinePanel("authors", label=_("authors")),
            FieldPanel("publisher"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("external_url"),
            FieldPanel("file"),
        ]
        + KnowledgeItemPage.taxonomy_panels
    )
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("publisher"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    taxonomy_prefetch = KnowledgeItemPage.taxonomy_prefetch + ("authors",)
    page_related = ("file",)
    page_prefetch = ("authors",)
    parent_page_types = ["cms.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def author_names(self):
        return ", ".join(author.name for author in self.authors.all())


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)

    panels = [FieldPanel("name"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class PublicationIndexPage(ListingPage):
    template = "cms/listing_page.html"
    item_model = PublicationPage
    count_text = ngettext_lazy("%(count)s publication", "%(count)s publications", "count")
    subpage_types = ["cms.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("publications overview")
