"""Meetings such as the "Dag van de Ambtelijke Fusie", with their registration settings.

Who may register and when is decided in ``events.availability``; the registrations
themselves are ``events.models.registrations``. What a page does at request time (its context,
its routes) lives in modules built on these models (``events.views``, ``events.queries``): the
page methods import them when called, so loading the models never loads them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.child_routing import route_to_child
from cms.models import KnowledgeItemPage
from cms.models.restrictions import KnownViewRestrictions
from core.pagination import paginate
from events.panels import RegistrationSummaryPanel


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members only")
    EVERYONE = "everyone", _("Members and guests")


class EventPage(RoutablePageMixin, KnowledgeItemPage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("programme and description"), blank=True)

    registration_enabled = models.BooleanField(
        _("registration on this site"),
        default=False,
        help_text=_("Visitors register here; you see and export the registrations in the admin."),
    )
    audience = models.CharField(_("who may register"), max_length=10, choices=Audience, default=Audience.EVERYONE)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, new registrations join a waiting list and move up when someone cancels."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open at once."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the event starts."),
    )

    content_panels = (
        KnowledgeItemPage.content_panels
        + [
            MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")),
            MultiFieldPanel([FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")], heading=_("Where")),
            FieldPanel("summary"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.taxonomy_panels
    )
    registration_panels = [
        RegistrationSummaryPanel(heading=_("Registrations so far")),
        FieldPanel("registration_enabled"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("capacity"), FieldPanel("waiting_list")]),
        FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
        InlinePanel("questions", heading=_("Extra questions"), label=_("Question")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(KnowledgeItemPage.promote_panels, heading=_("Promote")),
            ObjectList(KnowledgeItemPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    listing_order = ("-start", "-pk")
    listing_related = ("cancellation",)  # a card says "Cancelled"
    page_related = ("cancellation",)
    page_prefetch = ("questions",)  # the registration form asks them
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        db_table = "cms_eventpage"  # the table from before events were their own app (migration 0001)
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("An event cannot end before it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration cannot close after the event has ended.")
        if errors:
            raise ValidationError(errors)

    @property
    def date(self):
        """The local calendar day it starts, so events sort and display like other items."""
        return timezone.localtime(self.start).date()

    @property
    def is_cancelled(self):
        return hasattr(self, "cancellation")

    @property
    def public_online_url(self):
        """The meeting link for everyone, unless people register: then only for those with a place."""
        return "" if self.registration_enabled else self.online_url

    @property
    def closes_at(self):
        return self.registration_closes or self.start

    def get_context(self, request, *args, **kwargs):
        from events.views import registration_context

        context = super().get_context(request, *args, **kwargs)
        context.update(registration_context(request, self))
        return context

    @path("aanmelden/")
    def register(self, request):
        if request.method != "POST":  # a bookmarked or reloaded form address
            return redirect(self.url)
        from events.views import register

        return register(request, self)

    @path("aanmelden/verstuurd/")
    def registration_sent(self, request):
        from events.views import registration_sent

        return registration_sent(request, self)

    @path("ical/")
    def calendar_file(self, request):
        from events.views import event_calendar_file

        return event_calendar_file(request, self)


class EventQuestion(Orderable):
    """An extra question on the registration form, e.g. organisation, function or dietary wishes."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short answer")
        LONG_TEXT = "long_text", _("Long answer")
        CHOICE = "choice", _("One of a list")
        YES_NO = "yes_no", _("Yes or no")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=255, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line (for “one of a list”)."))
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("help_text"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        db_table = "cms_eventquestion"  # the table from before events were their own app (migration 0001)
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})


class EventIndexPage(RoutablePageMixin, KnownViewRestrictions, Page):
    """Upcoming events first, then a paged archive of past ones; also the subscribable calendar."""

    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        db_table = "cms_eventindexpage"  # the table from before events were their own app (migration 0001)
        verbose_name = _("events overview")

    def route(self, request, path_components):
        routed = route_to_child(self, request, path_components, EventPage)
        return routed if routed is not None else super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from events.queries import past_events, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        # The cards here show no tags: nothing to prefetch.
        context["upcoming"] = upcoming_events().descendant_of(self).prefetch_related(None)
        context["past"] = paginate(request, past_events().descendant_of(self).prefetch_related(None))
        return context

    @path("ical/")
    def calendar_feed(self, request):
        from events.views import upcoming_calendar_feed

        return upcoming_calendar_feed(request, self)
