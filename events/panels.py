"""The summary panel on an event's "Registration" tab in the admin: the numbers, and links to
the list, the exports, the message to attendees and cancelling the event.

Imported by the page model, so it reads everything through the event it is given.
"""

from django.urls import reverse
from wagtail.admin.panels import Panel


def registration_counts(event):
    counts = {"pending": 0, "confirmed": 0, "waitlisted": 0, "cancelled": 0}
    for row in event.registrations.values("status").order_by():
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


class RegistrationSummaryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/registration_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            if event.pk is None:
                return context
            listing = reverse("events_eventregistration:index") + f"?event={event.pk}"
            context.update(
                {
                    "event": event,
                    "counts": registration_counts(event),
                    "listing_url": listing,
                    "export_csv_url": f"{listing}&export=csv",
                    "export_xlsx_url": f"{listing}&export=xlsx",
                    "message_url": reverse("event_message_attendees", args=[event.pk]),
                    "cancel_url": reverse("event_cancel", args=[event.pk]),
                }
            )
            return context
