"""Collaboration profiles and the municipality pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import structured_data
from cms.blocks import BodyBlock
from cms.child_routing import route_to_child
from cms.queries import first_visible, items_about, municipality_index, visible
from cms.widgets import FilterableCheckboxes

from .collaborations import Collaboration, CollaborationMembership
from .lesson_index import lessons_overview_url
from .lessons import group_by_kind
from .library import DocumentLibraryPage
from .restrictions import KnownViewRestrictions
from .taxonomy import Municipality, Province

GOVERNANCE_FEATURES = ["ul", "bold", "italic", "link"]


def library_filter_url(request=None, **params):
    """Link to the document library filtered on e.g. one collaboration, or None."""
    library = first_visible(DocumentLibraryPage)
    return f"{library.get_url(request)}?{urlencode(params)}" if library else None


class CollaborationPage(KnownViewRestrictions, Page):
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
    # The collaboration and its phase come with the page (the template shows both).
    page_related = ("collaboration__phase",)
    page_prefetch = ()

    class Meta:
        verbose_name = _("collaboration profile")
        verbose_name_plural = _("collaboration profiles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not came_with_phase(self):  # e.g. a preview: the collaboration and its phase in one query
            self.collaboration = Collaboration.objects.select_related("phase").get(pk=self.collaboration_id)
        # Lazy: asked for only when the template renders the blocks that show them, which are
        # kept until content changes (templates/cms/collaboration_page.html).
        collaboration = self.collaboration
        members = collaboration.memberships.select_related("municipality__province").order_by("municipality__name")
        memberships = SimpleLazyObject(lambda: list(members))
        current = SimpleLazyObject(lambda: [m for m in memberships if m.is_current])
        context["current_members"] = current
        context["former_members"] = SimpleLazyObject(lambda: [m for m in memberships if not m.is_current])
        context["figures"] = collaboration.figures.all()
        context["structured_data"] = SimpleLazyObject(
            lambda: self.structured_data([m.municipality for m in current], request)
        )
        context.update(items_about(collaborations=collaboration))
        context["library_filter_url"] = library_filter_url(request, collaboration=collaboration.slug)
        lesson_groups = SimpleLazyObject(lambda: group_by_kind(self.lessons.select_related("phase", "theme")))
        context["lesson_groups"] = lesson_groups
        # The link to the overview is only looked up when there are lessons.
        context["lessons_url"] = SimpleLazyObject(
            lambda: lessons_overview_url(request, collaboration=collaboration.slug) if lesson_groups else None
        )
        return context

    def structured_data(self, municipalities, request):
        """JSON-LD for the profile: the collaboration with its members and their TOOI ids."""
        index = municipality_index(request)
        member_urls = [
            (m, structured_data.site_url(index.municipality_url(m, request)) if index else None) for m in municipalities
        ]
        url = structured_data.page_url(self, request)
        return structured_data.script(structured_data.collaboration(self.collaboration, url, member_urls))


def came_with_phase(profile):
    """Whether the profile's collaboration, with its phase, was fetched along with the page."""
    if not CollaborationPage.collaboration.is_cached(profile):
        return False
    collaboration = profile.collaboration
    return collaboration.pk == profile.collaboration_id and Collaboration.phase.is_cached(collaboration)


class CollaborationIndexPage(RoutablePageMixin, KnownViewRestrictions, Page):
    """The collaboration profiles, and the comparison of two to four of them (vergelijken/)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.CollaborationPage"]
    max_count = 1
    # No cache_query_parameters: a comparison repeats ``s``, which the page cache never stores
    # (core/page_cache.py keeps one value per name), so declaring it would only let
    # /samenwerkingen/?s=<anything> fill the cache with copies of the overview.

    class Meta:
        verbose_name = _("collaborations overview")

    def route(self, request, path_components):
        routed = route_to_child(self, request, path_components, CollaborationPage)
        return routed if routed is not None else super().route(request, path_components)

    def visible_profiles(self):
        return visible(CollaborationPage).descendant_of(self)

    @path("vergelijken/", name="compare")
    def compare(self, request):
        # Imported here: the comparison reads the models this module is part of.
        from cms import comparison

        profiles = self.visible_profiles()
        result = comparison.compare(request.GET.getlist(comparison.PARAMETER), profiles)
        is_problem = isinstance(result, comparison.Problem)
        context = {
            "comparison": None if is_problem else result,
            "problem": result if is_problem else None,
            "selected": result.selected,
            "choices": comparison.choices(profiles),
            "key_documents": comparison.KEY_DOCUMENTS,
            "library": first_visible(DocumentLibraryPage),
            # Printed under the title: where the reader of a briefing finds it (the site's own
            # address, not the request's Host).
            "address": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + request.get_full_path(),
        }
        response = self.render(request, context_overrides=context, template="cms/collaboration_comparison.html")
        response.status_code = result.status if is_problem else 200
        return response

    def compare_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("compare")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profiles"] = (
            visible(CollaborationPage)
            .descendant_of(self)
            .select_related("collaboration")
            .prefetch_related(
                Prefetch(
                    "collaboration__memberships",
                    queryset=CollaborationMembership.objects.current().select_related("municipality"),
                    to_attr="current_memberships",
                )
            )
            .order_by("collaboration__short_name")
        )
        return context


class MunicipalityIndexPage(RoutablePageMixin, KnownViewRestrictions, Page):
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
        # Its successors, predecessors, populations and collaborations are asked for where the
        # template shows them, inside a block kept until content changes: none on most requests.
        municipality = get_object_or_404(Municipality.objects.select_related("province"), slug=slug)
        # What was written about the municipalities it absorbed belongs to its story too (a
        # subquery: the lists are only asked for when the block is rendered).
        about = Municipality.objects.filter(Q(pk=municipality.pk) | Q(successors=municipality)).values("pk")
        context = {
            "municipality": municipality,
            # The site's own address (SITE_URL), not the request's Host: the page may be cached.
            "structured_data": structured_data.script(
                structured_data.municipality(municipality, settings.WAGTAILADMIN_BASE_URL.rstrip("/") + request.path)
            ),
            "collaborations": municipality.collaborations.select_related("profile"),
            **items_about(municipalities__in=about),
            "library_filter_url": library_filter_url(request, municipality=municipality.slug),
        }
        return self.render(request, context_overrides=context, template="cms/municipality_page.html")

    def municipality_url(self, municipality, request=None):
        return self.get_url(request) + self.reverse_subpage("municipality", kwargs={"slug": municipality.slug})
