"""Query-string filters for the listings: the document library (type, collaboration, theme, year),
the lessons overview (collaboration, its status, phase, theme, do or don't) and the questions
overview (phase, theme, collaboration).

The full faceted search lives in ``search/``; this keeps the library browsable on its own.
A value that does not validate (an unknown slug, a year the database cannot hold) is left
out of the filtering and shown as an error on the filter form; the list still renders.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models.collaborations import Collaboration
from cms.models.lessons import Lesson
from cms.models.taxonomy import DocumentType, Municipality, Phase, Theme

MIN_YEAR, MAX_YEAR = 1900, 2100


class YearFilter(django_filters.NumberFilter):
    """A whole year in a range dates can hold: "10000", "1e5" or "2020.5" are form errors."""

    field_class = forms.IntegerField

    def get_max_validator(self):
        return None  # the field's own max_value bounds it


def applied_filters(filterset):
    """Names of the filters that validated and narrow the list: what paging links carry on."""
    filterset.form.is_valid()  # validates; cleaned_data then holds the valid values only
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return [name for name, value in cleaned.items() if value not in (None, "")]


def slug_choice(model, field_name, label, empty_label):
    """A filter on one taxonomy term of ``model``, chosen by its slug in the query string."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        to_field_name="slug",
        label=label,
        empty_label=empty_label,
    )


class LibraryFilter(django_filters.FilterSet):
    document_type = slug_choice(DocumentType, "document_type", _("Document type"), _("All types"))
    collaboration = slug_choice(Collaboration, "collaborations", _("Collaboration"), _("All collaborations"))
    municipality = slug_choice(Municipality, "municipalities", _("Municipality"), _("All municipalities"))
    theme = slug_choice(Theme, "themes", _("Theme"), _("All themes"))
    year = YearFilter(
        field_name="date__year",
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def choice(field_name, choices, label, empty_label):
    """A filter on one of ``choices``; the empty choice is given here, so it is listed once."""
    return django_filters.ChoiceFilter(
        field_name=field_name, choices=[("", empty_label), *choices], label=label, empty_label=None
    )


class LessonFilter(django_filters.FilterSet):
    collaboration = slug_choice(Collaboration, "page__collaboration", _("Collaboration"), _("All collaborations"))
    status = choice(
        "page__collaboration__status", Collaboration.Status.choices, _("Status of the collaboration"), _("Any status")
    )
    phase = slug_choice(Phase, "phase", _("Phase"), _("All phases"))
    theme = slug_choice(Theme, "theme", _("Theme"), _("All themes"))
    kind = choice("kind", Lesson.Kind.choices, _("Do or don't"), _("Do's and don'ts"))


class QuestionFilter(django_filters.FilterSet):
    """The questions overview (/vragen/): one phase, theme or collaboration at a time."""

    phase = slug_choice(Phase, "phases", _("Phase"), _("All phases"))
    theme = slug_choice(Theme, "themes", _("Theme"), _("All themes"))
    collaboration = slug_choice(Collaboration, "collaborations", _("Collaboration"), _("All collaborations"))
