"""Meetings such as the "Dag van de Ambtelijke Fusie". Registration arrives with the events issue."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.pagination import paginate
from cms.queries import past_events, upcoming_events

from .knowledge import KnowledgeItemPage


class EventPage(KnowledgeItemPage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("programme and description"), blank=True)

    content_panels = KnowledgeItemPage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")], heading=_("Where")
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ] + KnowledgeItemPage.taxonomy_panels
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    listing_order = ("-start", "-pk")
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def date(self):
        """The local calendar day it starts, so events sort and display like other items."""
        return timezone.localtime(self.start).date()


class EventIndexPage(Page):
    """Upcoming events first, then a paged archive of past ones."""

    subpage_types = ["cms.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = upcoming_events().descendant_of(self)
        context["past"] = paginate(request, past_events().descendant_of(self))
        return context
