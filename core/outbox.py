"""Sending e-mail without losing any: record first, send after the commit, retry with pauses.

``queue`` writes an ``OutgoingMail`` per recipient in the caller's transaction and sends each
after the commit in a background task. When the mail server is down, refuses a recipient or
stalls past ``EMAIL_TIMEOUT``, that row stays and is retried with growing pauses
(``manage.py send_pending_mail``, every few minutes); the other recipients are not affected.
Registration e-mail (events/mail.py) keeps its own rows but shares the retry rules here.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import OutgoingMail
from .tasks import send_outgoing_mail

logger = logging.getLogger(__name__)

# Pauses after the 1st, 2nd, ... failed attempt: about a day of trying in all.
RETRY_PAUSES = [timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720)]


def record_failure(row, error, description):
    """Note a failed attempt on an outbox row (any model with attempts, last_error and
    next_attempt_at) and schedule the next one, or give up after the last pause."""
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts > len(RETRY_PAUSES):
        row.next_attempt_at = None
        logger.error("Giving up on %s after %d attempts: %s", description, row.attempts, row.last_error)
    else:
        row.next_attempt_at = timezone.now() + RETRY_PAUSES[row.attempts - 1]
        logger.warning(
            "%s was not sent (attempt %d), retrying at %s: %s",
            description,
            row.attempts,
            row.next_attempt_at,
            row.last_error,
        )
    row.save(update_fields=["attempts", "last_error", "next_attempt_at"])


def queue(*, purpose, to, subject, body, headers=None):
    """Record one e-mail now; it is sent after the commit. Returns the row."""
    mail = OutgoingMail.objects.create(purpose=purpose, to=to, subject=subject[:255], body=body, headers=headers or {})

    def enqueue():
        try:
            send_outgoing_mail.enqueue(mail.pk)
        except Exception:
            logger.exception("Could not queue %s e-mail %s; it stays pending.", purpose, mail.pk)

    transaction.on_commit(enqueue)
    return mail


def deliver(mail_id):
    """Try to send one e-mail; True when the mail server accepted it. Never raises."""
    with transaction.atomic():
        # Locked and skipped by others, so two workers never send the same e-mail twice.
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, next_attempt_at__isnull=False)
            .first()
        )
        if mail is None:
            return False  # sent, given up on, or being sent by another worker
        message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to], headers=mail.headers)
        try:
            message.send()
        except Exception as error:  # refused, unreachable, timed out (EMAIL_TIMEOUT)...
            record_failure(mail, error, f"the {mail.purpose} e-mail {mail.pk}")
            return False
        mail.delete()
        return True


def send_due(now=None):
    """Send every e-mail that is due. Returns (sent, still pending)."""
    now = now or timezone.now()
    due = list(OutgoingMail.objects.filter(next_attempt_at__lte=now).values_list("pk", flat=True))
    sent = sum(deliver(pk) for pk in due)
    return sent, OutgoingMail.objects.filter(next_attempt_at__isnull=False).count()
