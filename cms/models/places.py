"""Collaboration profiles and the municipality pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import structured_data
from cms.blocks import BodyBlock
from cms.queries import first_visible, items_about
from cms.widgets import FilterableCheckboxes

from .collaborations import Collaboration
from .lesson_index import lessons_overview_url
from .lessons import group_by_kind
from .library import DocumentLibraryPage
from .taxonomy import Municipality, Province

GOVERNANCE_FEATURES = ["ul", "bold", "italic", "link"]


def library_filter_url(**params):
    """Link to the document library filtered on e.g. one collaboration, or None."""
    library = first_visible(DocumentLibraryPage)
    return f"{library.url}?{urlencode(params)}" if library else None


class CollaborationPage(Page):
    """The profile of one collaboration: facts from the taxonomy plus its story."""

    collaboration = models.OneToOneField(
        Collaboration, on_delete=models.PROTECT, related_name="profile", verbose_name=_("collaboration")
    )
    summary = models.TextField(_("summary"), help_text=_("Shown in the overview and in search results."))
    body = StreamField(BodyBlock(), verbose_name=_("profile"), blank=True)
    governance = RichTextField(_("governance"), blank=True, features=GOVERNANCE_FEATURES)
    themes = ParentalManyToManyField("cms.Theme", blank=True, verbose_name=_("themes"))

    content_panels = Page.content_panels + [
        FieldPanel("collaboration"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("governance"),
        InlinePanel("lessons", heading=_("Lessons learned"), label=_("Lesson")),
        FieldPanel("themes", widget=FilterableCheckboxes),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("governance"),
        index.RelatedFields("lessons", [index.SearchField("text"), index.SearchField("explanation")]),
        index.RelatedFields("collaboration", [index.SearchField("name"), index.SearchField("short_name")]),
    ]
    parent_page_types = ["cms.CollaborationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("collaboration profile")
        verbose_name_plural = _("collaboration profiles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = self.collaboration.municipalities.select_related("province")
        context.update(items_about(collaborations=self.collaboration))
        context["library_filter_url"] = library_filter_url(collaboration=self.collaboration.slug)
        context["lesson_groups"] = group_by_kind(self.lessons.select_related("phase", "theme"))
        if context["lesson_groups"]:  # the link to the overview is only looked up when it has some
            context["lessons_url"] = lessons_overview_url(collaboration=self.collaboration.slug)
        return context


class CollaborationIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.CollaborationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("collaborations overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profiles"] = (
            CollaborationPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("collaboration")
            .prefetch_related("collaboration__municipalities")
            .order_by("collaboration__short_name")
        )
        return context


class MunicipalityIndexPage(RoutablePageMixin, Page):
    """All municipalities by province; each has a page with its collaborations and documents."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("municipalities overview")

    @path("")
    def overview(self, request):
        provinces = Province.objects.prefetch_related("municipalities")
        return self.render(request, context_overrides={"provinces": provinces})

    @path("<slug:slug>/", name="municipality")
    def municipality(self, request, slug):
        municipality = get_object_or_404(
            Municipality.objects.select_related("province").prefetch_related(
                "successors", "predecessors", "populations"
            ),
            slug=slug,
        )
        # What was written about the municipalities it absorbed belongs to its story too.
        about = [municipality, *municipality.predecessors.all()]
        context = {
            "municipality": municipality,
            # The site's own address (SITE_URL), not the request's Host: the page may be cached.
            "structured_data": structured_data.script(
                structured_data.municipality(municipality, settings.WAGTAILADMIN_BASE_URL.rstrip("/") + request.path)
            ),
            "collaborations": municipality.collaborations.select_related("profile"),
            **items_about(municipalities__in=about),
            "library_filter_url": library_filter_url(municipality=municipality.slug),
        }
        return self.render(request, context_overrides=context, template="cms/municipality_page.html")

    def municipality_url(self, municipality, request=None):
        return self.get_url(request) + self.reverse_subpage("municipality", kwargs={"slug": municipality.slug})
