"""Admin registration for events: the registrations, the organiser's actions and their
audit-log entries."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from events import converters  # noqa: F401 (registers <row_id:...>)
from events.admin import EventRegistrationViewSet
from events.admin_views import CancelEventView, MessageAttendeesView


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return EventRegistrationViewSet("events_eventregistration", url_prefix="aanmeldingen")


@hooks.register("register_admin_urls")
def register_event_action_urls():
    return [
        path(
            "bijeenkomsten/<row_id:event_id>/bericht/", MessageAttendeesView.as_view(), name="event_message_attendees"
        ),
        path("bijeenkomsten/<row_id:event_id>/annuleren/", CancelEventView.as_view(), name="event_cancel"),
    ]


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    # The action names are stored in the audit log, so they keep the "cms." they were given.
    actions.register_action("cms.event.message", _("Message to attendees"), _("Message sent to attendees"))
    actions.register_action("cms.event.cancel", _("Cancel event"), _("Event cancelled"))
