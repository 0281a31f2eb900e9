"""The e-mails around a registration. Each kind has a subject and a message template in
``templates/events/email/``; invitations carry the event as an ``.ics`` attachment.

Every e-mail goes through the site's outbox (core/outbox.py): recorded in the registration's
own transaction and sent after the commit, retried when the mail server is down or refuses, so
a registration never fails and no e-mail is lost.
"""

from django.conf import settings
from django.urls import reverse

from core import outbox

from .calendar import event_ics

CONFIRM_ADDRESS = "confirm_address"  # guest: follow this link to confirm
ALREADY_REGISTERED = "already_registered"  # guest registered again with the same address
SEAT_CONFIRMED = "seat_confirmed"  # you have a place (with .ics)
WAITLISTED = "waitlisted"  # you are on the waiting list
PROMOTED = "promoted"  # a place came free for you (with .ics)
CANCELLED = "cancelled"  # your cancellation is done
EVENT_CANCELLED = "event_cancelled"  # the event is called off (with a cancelling .ics)
REMINDER = "reminder"  # the event is near (with .ics)
MESSAGE = "organiser_message"  # a message from the organiser

WITH_INVITATION = {SEAT_CONFIRMED, PROMOTED, REMINDER}


def links(registration):
    return {
        "event_url": registration.event.full_url,
        "confirm_url": outbox.site_url(reverse("registration_confirm", args=[registration.token])),
        "cancel_url": outbox.site_url(reverse("registration_cancel", args=[registration.token])),
        "my_registrations_url": outbox.site_url(reverse("my_registrations")),
    }


def subscription(registration):
    """The outbox key of a registration's mail, so it can be withdrawn when the data goes."""
    return f"registration:{registration.pk}"


def attachments(registration, kind):
    if kind in WITH_INVITATION:
        return [("uitnodiging.ics", event_ics(registration.event, for_attendee=True), "text/calendar; method=PUBLISH")]
    if kind == EVENT_CANCELLED:
        return [("afgelast.ics", event_ics(registration.event, cancelled=True), "text/calendar; method=CANCEL")]
    return []


def send_later(registration, kind, **extra):
    """Record the e-mail in the caller's transaction; it is sent after the commit."""
    if not registration.email:  # anonymised: nobody to write to
        return None
    context = {
        "registration": registration,
        "event": registration.event,
        "retention_months": settings.REGISTRATION_RETENTION_MONTHS,
        **links(registration),
        **extra,
    }
    return outbox.queue_mail(
        f"events/email/{kind}",
        registration.email,
        context,
        purpose=f"events.{kind}",
        subscription=subscription(registration),
        attachments=attachments(registration, kind),
    )
