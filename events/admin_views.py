"""The organiser's actions on an event in the admin: a message to the attendees, and cancelling."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from events.models import EventPage

from . import registration as service
from .messaging import message_attendees


class AttendeeMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))
    include_waiting_list = forms.BooleanField(label=_("Also send to the waiting list"), required=False)


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the event's page and sent to everyone who registered."),
    )
    confirm = forms.BooleanField(label=_("Yes, cancel this event and tell everyone who registered"))


class EventActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/event_action.html"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(EventPage, pk=kwargs["event_id"])
        if not self.event.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.edit_url(), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.event.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, back_url=self.edit_url(), **kwargs)


class MessageAttendeesView(EventActionView):
    form_class = AttendeeMessageForm
    page_title = _("Message to attendees")

    def form_valid(self, form):
        sent = message_attendees(self.event, **form.cleaned_data)
        log(
            instance=self.event,
            action="cms.event.message",
            user=self.request.user,
            data={"subject": form.cleaned_data["subject"], "recipients": sent},
        )
        messages.success(
            self.request,
            ngettext(
                "The message is being sent to %(count)d person.",
                "The message is being sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(self.edit_url())


class CancelEventView(EventActionView):
    form_class = CancelEventForm
    page_title = _("Cancel event")

    def form_valid(self, form):
        if self.event.is_cancelled:
            messages.info(self.request, _("This event was already cancelled."))
            return redirect(self.edit_url())
        told = service.cancel_event(self.event, form.cleaned_data["reason"], user=self.request.user)
        log(
            instance=self.event,
            action="cms.event.cancel",
            user=self.request.user,
            data={"reason": form.cleaned_data["reason"], "told": told},
        )
        messages.success(
            self.request,
            ngettext(
                "The event is cancelled; %(count)d person is being told.",
                "The event is cancelled; %(count)d people are being told.",
                told,
            )
            % {"count": told},
        )
        return redirect(self.edit_url())
