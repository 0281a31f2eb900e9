"""What every knowledge item (document, publication, news, event) has in common.

Items are tagged with collaborations, municipalities, themes and phases of the route; listings, the municipality
and collaboration pages, feeds and the search index all read these three relations.
"""

from django import forms
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.widgets import FilterableCheckboxes

from .collaborations import Collaboration
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

    # Parent pages list their children through these relations, prefetched in one go; each
    # collaboration comes with its profile page, which its tag links to.
    taxonomy_prefetch = (
        Prefetch("collaborations", queryset=Collaboration.objects.select_related("profile")),
        "municipalities",
        "themes",
    )
    # Foreign keys a listing card shows, fetched in the listing's own query.
    listing_related = ()
    # What the item's own page shows, fetched with the page when its section routes to it
    # (cms/child_routing.py): foreign keys (select_related) and child rows (prefetch_related).
    page_related = ()
    page_prefetch = ()
    listing_order = ("-date", "-pk")

    class Meta:
        abstract = True

    def tag_collaborations(self):
        """The collaborations it is tagged with, each with its profile: prefetched in listings,
        one query on the item's own page."""
        if "collaborations" in getattr(self, "_prefetched_objects_cache", {}):
            return self.collaborations.all()
        return self.collaborations.select_related("profile")
