"""Lessons learned: the do's and don'ts of a collaboration, each an item of its own.

A lesson is an inline child of its collaboration profile (CollaborationPage), so it is edited,
revisioned, published and access-controlled together with that page: a lesson is visible
exactly when its profile is. Phase and theme are single optional tags (a foreign key each),
which a plain Orderable child can hold and a page revision stores without further machinery.
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

LESSON_TEXT_FEATURES = ["bold", "italic", "link"]
EXPLANATION_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class Lesson(Orderable):
    class Kind(models.TextChoices):
        DO = "do", _("Do")
        DONT = "dont", _("Don't")

    page = ParentalKey("cms.CollaborationPage", on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.DO)
    text = RichTextField(
        _("lesson"), features=LESSON_TEXT_FEATURES, help_text=_("The lesson itself, in one or two sentences.")
    )
    explanation = RichTextField(
        _("explanation"),
        blank=True,
        features=EXPLANATION_FEATURES,
        help_text=_("Optional: why, or how it went in this collaboration."),
    )
    phase = models.ForeignKey(
        "cms.Phase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
        verbose_name=_("phase"),
    )
    theme = models.ForeignKey(
        "cms.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
        verbose_name=_("theme"),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("explanation"),
        FieldPanel("phase"),
        FieldPanel("theme"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self):
        return Truncator(self.plain_text).chars(80)

    @property
    def plain_text(self):
        return strip_tags(self.text).strip()


def group_by_kind(lessons):
    """``lessons`` by kind, do's first: [{"kind", "label", "lessons"}], empty kinds left out."""
    lessons = list(lessons)
    groups = []
    for kind in Lesson.Kind:
        of_kind = [lesson for lesson in lessons if lesson.kind == kind]
        if of_kind:
            groups.append({"kind": kind.value, "label": kind.label, "lessons": of_kind})
    return groups
