"""The registrations in the Wagtail admin: a searchable, filterable, exportable list.

The exports have one column per extra question (an organiser sorts by workshop round) and are
named after the event and its date; the download buttons sit in the list's header."""

import re
from functools import cached_property

import django_filters
from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.coreutils import multigetattr
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from events.models import EventPage, EventQuestion, EventRegistration


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
QUESTION_COLUMN = "question:"  # export columns named "question:<label>" hold the answers


def question_labels(registrations):
    """The extra questions of these registrations, one export column each: the events' current
    questions in their order, then questions answered earlier that have since been renamed."""
    events = set(registrations.order_by().values_list("event_id", flat=True))
    labels = dict.fromkeys(
        EventQuestion.objects.filter(event_id__in=events)
        .order_by("event_id", "sort_order")
        .values_list("label", flat=True)
    )
    for answers in registrations.order_by().values_list("answers", flat=True):
        labels.update(dict.fromkeys(answers or {}))
    return list(labels)


def export_filename(event, today=None):
    """ "aanmeldingen-<event slug>-<event date>", or "aanmeldingen-<today>" for several events;
    ASCII only, as a download's file name must be."""
    if event is None:
        return f"aanmeldingen-{(today or timezone.localdate()).isoformat()}"
    slug = slugify(event.slug) or "evenement"
    return f"aanmeldingen-{slug}-{timezone.localdate(event.start).isoformat()}"


class RegistrationIndexView(IndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.list_export = [*self.list_export, *(QUESTION_COLUMN + label for label in question_labels(queryset))]
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def selected_event(self):
        """The event the list is filtered on, if any (a bad value filters nothing)."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    def get_filename(self):
        return export_filename(self.selected_event())

    def get_heading(self, queryset, field):
        if field.startswith(QUESTION_COLUMN):
            return field.removeprefix(QUESTION_COLUMN)
        return super().get_heading(queryset, field)

    @cached_property
    def header_buttons(self):
        # The downloads in sight, not in the header's "more" menu.
        return [
            *super().header_buttons,
            *(
                HeaderButton(label, url=url, icon_name="download")
                for label, url in ((_("Download XLSX"), self.xlsx_export_url), (_("Download CSV"), self.csv_export_url))
            ),
        ]

    @cached_property
    def header_more_buttons(self):
        exports = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in exports]

    def to_row_dict(self, item):
        # What the organiser reads: the Dutch status, and local times without microseconds.
        row = {
            field: (item.answers or {}).get(field.removeprefix(QUESTION_COLUMN), "")
            if field.startswith(QUESTION_COLUMN)
            else multigetattr(item, field)
            for field in self.list_export
        }
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
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "status",
        "created_at",
        "confirmed_at",
    ]  # + a column per question
    ordering = ["event", "created_at"]
