"""News about shared civil-service organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock

from .knowledge import KnowledgeItemPage
from .listing import ListingPage


class NewsPage(KnowledgeItemPage):
    date = models.DateField(_("news date"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = (
        KnowledgeItemPage.content_panels
        + [
            FieldPanel("date"),
            FieldPanel("summary"),
            FieldPanel("image"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.taxonomy_panels
    )
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    page_related = ("image",)
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class NewsIndexPage(ListingPage):
    template = "cms/listing_page.html"
    item_model = NewsPage
    count_text = ngettext_lazy("%(count)s news item", "%(count)s news items", "count")
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news overview")
