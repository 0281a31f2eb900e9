"""Query-string filters for the document library (type, collaboration, theme, year).

The full faceted search lives in ``search/``; this keeps the library browsable on its own.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models.taxonomy import Collaboration, DocumentType, Municipality, Theme


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
    year = django_filters.NumberFilter(
        field_name="date__year",
        label=_("Year"),
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100, "inputmode": "numeric"}),
    )
