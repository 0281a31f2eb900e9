"""The home page and plain content pages."""

from functools import partial

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.queries import first_visible, latest
from cms.widgets import FilterableCheckboxes

from .library import DocumentLibraryPage, KnowledgeDocumentPage
from .news import NewsIndexPage, NewsPage
from .publications import PublicationIndexPage, PublicationPage
from .restrictions import KnownViewRestrictions


class HomePage(KnownViewRestrictions, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    featured_collaborations = ParentalManyToManyField(
        "cms.Collaboration",
        blank=True,
        verbose_name=_("featured collaborations"),
        help_text=_("Shown on the home page; only those with a published profile appear."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_collaborations", widget=FilterableCheckboxes),
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Events are their own app, which builds on this one: imported here, not at the top.
        from events.models import EventIndexPage
        from events.queries import upcoming_events

        context = super().get_context(request, *args, **kwargs)
        # Callables: the template calls them only when its fragment is not in the cache.
        context.update(
            latest_news=partial(latest, NewsPage, 3),
            latest_documents=partial(latest, KnowledgeDocumentPage, 4),
            latest_publications=partial(latest, PublicationPage, 4),
            upcoming_events=lambda: upcoming_events()[:3],
            sections={
                "news": first_visible(NewsIndexPage),
                "events": first_visible(EventIndexPage),
                "library": first_visible(DocumentLibraryPage),
                "publications": first_visible(PublicationIndexPage),
            },
            featured=lambda: (
                self.featured_collaborations.filter(profile__live=True)
                .select_related("profile")
                .prefetch_related("municipalities")
            ),
        )
        return context


class StandardPage(KnownViewRestrictions, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
