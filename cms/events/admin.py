"""The registrations in the Wagtail admin: a searchable, filterable, exportable list."""

import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.models import EventPage, EventRegistration


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are made by visitors through the site, where the capacity is enforced;
    the admin can look, correct a name and export, never add one past the limit."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


class EventChoiceField(forms.ModelChoiceField):
    """An event id from the query string. Anything but a number the database can hold is
    "not one of the choices" (SQLite fails on a larger number instead of finding nothing)."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"[0-9]{1,18}", str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    event = EventFilter(label=_("event"), queryset=EventPage.objects.all())

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class RegistrationIndexView(IndexView):
    def to_row_dict(self, item):
        # What the organiser reads: the Dutch status, and local times without microseconds.
        row = super().to_row_dict(item)
        row["status"] = item.get_status_display()
        for field in ("created_at", "confirmed_at"):
            if row.get(field):
                row[field] = timezone.localtime(row[field]).replace(microsecond=0, tzinfo=None)
        return row

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # A guest who calls themselves "=HYPERLINK(...)" must not become a formula in Excel.
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value


register_permission_policy(EventRegistration, RegistrationPermissionPolicy(EventRegistration), exact_class=True)


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 240
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["name", "organisation"]
    list_display = ["name", "email", "organisation", "event", "status", "created_at"]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None  # plain database search; registrations are not in a search index
    list_export = ["event", "name", "email", "organisation", "status", "created_at", "confirmed_at", "answers_text"]
    export_headings = {"answers_text": _("Answers")}
    export_filename = "aanmeldingen"
    ordering = ["event", "created_at"]
