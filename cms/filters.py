"""Query-string filters for the document library (type, collaboration, theme, year).

The full faceted search lives in ``search/``; this keeps the library browsable on its own.
A value that does not validate (an unknown slug, a year the database cannot hold) is left
out of the filtering and shown as an error on the filter form; the list still renders.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models.taxonomy import Collaboration, DocumentType, Municipality, Theme


MIN_YEAR, MAX_YEAR = 1900, 2100


class YearFilter(django_filters.NumberFilter):
    """A whole year in a range dates can hold: "10000", "1e5" or "2020.5" are form errors."""

    field_class = forms.IntegerField

    def get_max_validator(self):
        return None  # the field's own max_value bounds it


def applied_filters(filterset):
    """Names of the filters that validated and narrow the list: what paging links carry on."""
    filterset.errors  # validates; cleaned_data then holds the valid values only
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return [name for name, value in cleaned.items() if value not in (None, "")]


class LibraryFilter(django_filters.FilterSet):
    document_type = django_filters.ModelChoiceFilter(
        queryset=DocumentType.objects.all(),
        field_name="document_type",
        to_field_name="slug",
        label=_("Document type"),
        empty_label=_("All types"),
    )
    collaboration = django_filters.ModelChoiceFilter(
        queryset=Collaboration.objects.all(),
        field_name="collaborations",
        to_field_name="slug",
        label=_("Collaboration"),
        empty_label=_("All collaborations"),
    )
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        field_name="municipalities",
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("All municipalities"),
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        field_name="themes",
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    year = YearFilter(
        field_name="date__year",
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
