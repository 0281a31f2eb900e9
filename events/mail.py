"""The e-mails around a registration. Each kind has a subject and a body template in
``templates/events/email/``; invitations carry the event as an ``.ics`` attachment.

Every e-mail is first recorded as a ``PendingRegistrationMail`` in the registration's own
transaction, then sent in the background after the commit. When the mail server is down or
refuses, the row stays and is retried with growing pauses (``manage.py send_pending_mail``,
scheduled every few minutes), so a registration never fails and no e-mail is lost.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import outbox
from events.models import PendingRegistrationMail

from .calendar import event_ics
from .tasks import send_registration_mail

logger = logging.getLogger(__name__)

CONFIRM_ADDRESS = "confirm_address"  # guest: follow this link to confirm
ALREADY_REGISTERED = "already_registered"  # guest registered again with the same address
SEAT_CONFIRMED = "seat_confirmed"  # you have a place (with .ics)
WAITLISTED = "waitlisted"  # you are on the waiting list
PROMOTED = "promoted"  # a place came free for you (with .ics)
CANCELLED = "cancelled"  # your cancellation is done
EVENT_CANCELLED = "event_cancelled"  # the event is called off (with a cancelling .ics)
REMINDER = "reminder"  # the event is near (with .ics)
MESSAGE = "message"  # a message from the organiser

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


RETRY_PAUSES = outbox.RETRY_PAUSES  # the site's one retry schedule for e-mail


def send_later(registration, kind, **extra):
    """Record the e-mail now and send it after the commit; a broken queue or mail server never
    breaks the registration (the record stays for ``send_pending``)."""
    pending = PendingRegistrationMail.objects.create(registration=registration, kind=kind, extra=extra)

    def enqueue():
        try:
            send_registration_mail.enqueue(pending.pk)
        except Exception:
            logger.exception(
                "Could not queue the %s e-mail for registration %s; it stays pending.", kind, registration.pk
            )

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
    subject = render_to_string(f"events/email/{kind}_subject.txt", context)
    body = render_to_string(f"events/email/{kind}.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if kind in WITH_INVITATION:
        message.attach(
            "uitnodiging.ics", event_ics(registration.event, for_attendee=True), "text/calendar; method=PUBLISH"
        )
    elif kind == EVENT_CANCELLED:
        message.attach("afgelast.ics", event_ics(registration.event, cancelled=True), "text/calendar; method=CANCEL")
    return message


def deliver(pending_id):
    """Try to send one pending e-mail; True when the mail server accepted it. Never raises."""
    with transaction.atomic():
        # Locked and skipped by others, so two workers never send the same e-mail twice.
        pending = (
            PendingRegistrationMail.objects.select_for_update(skip_locked=True)
            .select_related("registration__event")
            .filter(pk=pending_id, next_attempt_at__isnull=False)
            .first()
        )
        if pending is None:
            return False  # sent, given up on, or being sent by another worker
        registration = pending.registration
        if not registration.email:  # anonymised meanwhile: nobody to write to
            pending.delete()
            return False
        try:
            build(registration, pending.kind, pending.extra).send()
        except Exception as error:  # refused, unreachable, timed out...
            outbox.record_failure(pending, error, f"the {pending.kind} e-mail for registration {registration.pk}")
            return False
        pending.delete()
        return True


def send_pending(now=None):
    """Send every pending e-mail that is due. Returns (sent, still pending)."""
    now = now or timezone.now()
    due = list(PendingRegistrationMail.objects.filter(next_attempt_at__lte=now).values_list("pk", flat=True))
    sent = sum(deliver(pk) for pk in due)
    return sent, PendingRegistrationMail.objects.filter(next_attempt_at__isnull=False).count()
