"""Questions and answers ("vragen"): a question visitors ask on the route, a short answer for
listings and search, the full answer, and the sources it rests on.

A question can start as a reply in a discussion (``cms.promote``): it then credits the member
and links back to the topic; deleting the post or its author later leaves the page intact.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import structured_data
from cms.blocks import BodyBlock
from cms.filters import QuestionFilter
from cms.queries import public_topic, question_sources

from .knowledge import KnowledgeItemPage
from .listing import ListingPage


class QuestionPage(KnowledgeItemPage):
    """One question with its answer ("vraag"); ``summary`` is the short answer."""

    # Like every item's date: the order of listings and the date in search results.
    date = models.DateField(
        _("answer date"), default=datetime.date.today, help_text=_("When the answer was written or last checked.")
    )
    question = models.TextField(
        _("question in full"), blank=True, help_text=_("Optional: the question in more words than the title.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("full answer"), blank=True)
    credited_name = models.CharField(
        _("answered by"),
        max_length=150,
        blank=True,
        help_text=_("The public name of the member whose contribution the answer is based on, if any."),
    )
    # Where the answer came from; SET_NULL: a deleted post, topic or account never breaks the page.
    source_topic = models.ForeignKey(
        "community.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("discussion topic"),
    )
    source_post = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("discussion reply"),
    )

    content_panels = (
        KnowledgeItemPage.content_panels
        + [
            FieldPanel("question"),
            FieldPanel("summary", heading=_("Short answer")),
            FieldPanel("body"),
            InlinePanel("sources", label=_("sources")),
            FieldPanel("date"),
            MultiFieldPanel(
                [FieldPanel("credited_name"), FieldPanel("source_topic", read_only=True)],
                heading=_("From the discussions"),
            ),
        ]
        + KnowledgeItemPage.taxonomy_panels
    )
    search_fields = KnowledgeItemPage.search_fields + [
        index.SearchField("question"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.QuestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sources"] = question_sources(self)
        context["source_topic"] = public_topic(self.source_topic_id)
        context["structured_data"] = structured_data.script(structured_data.qa_page(self, self.get_full_url(request)))
        return context


class QuestionSource(Orderable):
    """A document or publication the answer rests on, or a page elsewhere."""

    page = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="sources")
    document = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document or publication"),
    )
    external_url = models.URLField(_("link elsewhere"), blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("For example a chapter or page."))

    panels = [
        PageChooserPanel("document", ["cms.KnowledgeDocumentPage", "cms.PublicationPage"]),
        FieldPanel("external_url"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.note or self.external_url or str(self.document_id or "")

    def clean(self):
        super().clean()
        if not self.document_id and not self.external_url:
            raise ValidationError(_("Choose a document or publication, or give a link."))


def faq_script(items):
    """The questions on this page of the overview as FAQPage JSON-LD, or ""."""
    faq = structured_data.faq_page(list(items))
    return structured_data.script(faq) if faq else ""


class QuestionIndexPage(ListingPage):
    """/vragen/: the questions, filtered by phase, theme and collaboration."""

    item_model = QuestionPage
    filterset_class = QuestionFilter
    count_text = ngettext_lazy("%(count)s question", "%(count)s questions", "count")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("questions overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template keeps it with the listing until content changes.
        context["structured_data"] = SimpleLazyObject(lambda: faq_script(context["items"]))
        return context
