"""What every knowledge item (document, publication, news, event) has in common.

Items are tagged with collaborations, municipalities, themes and phases of the route; listings, the municipality
and collaboration pages, feeds and the search index all read these three relations.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.widgets import FilterableCheckboxes

from .restrictions import KnownViewRestrictions


class KnowledgeItemPage(KnownViewRestrictions, Page):
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences, shown in listings, feeds and search results.")
    )
    collaborations = ParentalManyToManyField("cms.Collaboration", blank=True, verbose_name=_("collaborations"))
    municipalities = ParentalManyToManyField("cms.Municipality", blank=True, verbose_name=_("municipalities"))
    themes = ParentalManyToManyField("cms.Theme", blank=True, verbose_name=_("themes"))
    phases = ParentalManyToManyField(
        "cms.Phase", blank=True, verbose_name=_("phases"), help_text=_("The phases of the route it helps with.")
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("collaborations", widget=FilterableCheckboxes),
                FieldPanel("municipalities", widget=FilterableCheckboxes),
                FieldPanel("themes", widget=FilterableCheckboxes),
                FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Tagging"),
        )
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("collaborations", [index.SearchField("name"), index.SearchField("short_name")]),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("phases", [index.SearchField("name")]),
    ]

    # Parent pages list their children through this relation, prefetched in one go.
    taxonomy_prefetch = ("collaborations", "municipalities", "themes")
    listing_order = ("-date", "-pk")

    class Meta:
        abstract = True
