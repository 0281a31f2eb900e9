"""The e-mails around a registration. Each kind has a subject and a body template in
``templates/cms/events/email/``; invitations carry the event as an ``.ics`` attachment."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cms.models import EventRegistration

from .calendar import event_ics

logger = logging.getLogger(__name__)

CONFIRM_ADDRESS = "confirm_address"        # guest: follow this link to confirm
ALREADY_REGISTERED = "already_registered"  # guest registered again with the same address
SEAT_CONFIRMED = "seat_confirmed"          # you have a place (with .ics)
WAITLISTED = "waitlisted"                  # you are on the waiting list
PROMOTED = "promoted"                      # a place came free for you (with .ics)
CANCELLED = "cancelled"                    # your cancellation is done
EVENT_CANCELLED = "event_cancelled"        # the event is called off (with a cancelling .ics)
REMINDER = "reminder"                      # the event is near (with .ics)
MESSAGE = "message"                        # a message from the organiser

WITH_INVITATION = {SEAT_CONFIRMED, PROMOTED, REMINDER}


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links(registration):
    return {
        "event_url": registration.event.full_url,
        "confirm_url": site_url(reverse("registration_confirm", args=[registration.token])),
        "cancel_url": site_url(reverse("registration_cancel", args=[registration.token])),
        "my_registrations_url": site_url(reverse("my_registrations")),
    }


def send_later(registration, kind, **extra):
    """Queue the e-mail for after the commit; a broken queue never breaks the registration."""
    from .tasks import send_registration_mail

    def enqueue():
        try:
            send_registration_mail.enqueue(registration.pk, kind, extra)
        except Exception:
            logger.exception("Could not queue the %s e-mail for registration %s.", kind, registration.pk)

    transaction.on_commit(enqueue)


def build(registration, kind, extra=None):
    context = {
        "registration": registration,
        "event": registration.event,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "retention_months": settings.REGISTRATION_RETENTION_MONTHS,
        **links(registration),
        **(extra or {}),
    }
    subject = render_to_string(f"cms/events/email/{kind}_subject.txt", context)
    body = render_to_string(f"cms/events/email/{kind}.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if kind in WITH_INVITATION:
        message.attach("uitnodiging.ics", event_ics(registration.event, for_attendee=True), "text/calendar; method=PUBLISH")
    elif kind == EVENT_CANCELLED:
        message.attach("afgelast.ics", event_ics(registration.event, cancelled=True), "text/calendar; method=CANCEL")
    return message


def deliver(registration_id, kind, extra):
    registration = EventRegistration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return False  # deleted or anonymised meanwhile: nobody to write to
    build(registration, kind, extra).send()
    return True
