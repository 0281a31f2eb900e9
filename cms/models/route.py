"""The route through an ambtelijke fusie: an overview of the three phases (/fasen/) and a page
per phase with its questions, the decisions councils and colleges take in it, a checklist, and
what the platform holds for it (``cms.route``)."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import route
from cms.child_routing import route_to_child
from cms.queries import visible

from .restrictions import KnownViewRestrictions
from .taxonomy import Phase

INTRO_FEATURES = ["bold", "italic", "link"]


DECIDED_BY = [
    ("raad", _("council")),
    ("college", _("board of mayor and aldermen")),
    ("raad-en-college", _("council and board")),
]


class DecisionValue(blocks.StructValue):
    def by_label(self):
        """Who takes the decision, in words."""
        return dict(DECIDED_BY).get(self.get("by"), "")


class DecisionBlock(blocks.StructBlock):
    """A decision of the phase and who takes it."""

    by = blocks.ChoiceBlock(label=_("Taken by"), choices=DECIDED_BY)
    text = blocks.CharBlock(label=_("Decision"), max_length=300)

    class Meta:
        icon = "tick"
        label = _("Decision")
        value_class = DecisionValue


class QuestionsBlock(blocks.StreamBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)


class DecisionsBlock(blocks.StreamBlock):
    decision = DecisionBlock()


class ChecklistBlock(blocks.StreamBlock):
    # Read as a list: ticking items off is the reader's business, not the page's.
    item = blocks.CharBlock(label=_("Checklist item"), max_length=300)


class PhaseIndexPage(KnownViewRestrictions, Page):
    """The route: the three phases in order, each with its one-line description."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PhasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("route by phase")

    def route(self, request, path_components):
        routed = route_to_child(self, request, path_components, PhasePage)
        return routed if routed is not None else super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phase_pages"] = visible(PhasePage).child_of(self).select_related("phase").order_by("phase__number")
        return context


class PhasePage(KnownViewRestrictions, Page):
    """One phase of the route."""

    phase = models.OneToOneField(Phase, on_delete=models.PROTECT, related_name="route_page", verbose_name=_("phase"))
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions of this phase"), blank=True)
    decisions = StreamField(
        DecisionsBlock(),
        verbose_name=_("decisions"),
        blank=True,
        help_text=_("The decisions councils and boards take in this phase."),
    )
    checklist = StreamField(ChecklistBlock(), verbose_name=_("checklist"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("phase"),
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("decisions"),
        FieldPanel("checklist"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("questions"),
        index.SearchField("decisions"),
        index.SearchField("checklist"),
    ]
    parent_page_types = ["cms.PhaseIndexPage"]
    subpage_types = []
    page_related = ("phase",)  # fetched with the page when the route routes to it
    page_prefetch = ()

    class Meta:
        verbose_name = _("phase page")
        verbose_name_plural = _("phase pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        private = route.private_sections()  # read once for all the lists below
        phase = self.phase
        # Lazy: asked for only when the template renders the blocks that show them, which are
        # kept until content changes (templates/cms/phase_page.html). The discussions are the
        # community's: asked each time.
        context["holdings"] = SimpleLazyObject(lambda: route.content_holdings_for(phase, private, request))
        neighbours = SimpleLazyObject(lambda: route.neighbours(self, private))
        context["previous_phase"] = SimpleLazyObject(lambda: neighbours[0])
        context["next_phase"] = SimpleLazyObject(lambda: neighbours[1])
        context["discussions"] = route.discussions_in_phase(phase)
        context["search_url"] = route.search_url(phase)
        return context
