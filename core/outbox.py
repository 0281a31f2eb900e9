"""The site's one way to send e-mail: render a templated mail, record it, send it after the commit.

``queue_mail`` renders ``<template>_subject.txt`` and ``<template>_message.txt`` (and
``<template>_message.html`` when it exists) and writes one ``OutgoingMail`` per recipient in the
caller's transaction. After the commit a background task sends it; mail marked ``bulk``
(alerts, digests) waits for ``manage.py send_pending_mail``, which sends at most
``EMAIL_BULK_PER_MINUTE``. Nothing else in the site sends e-mail (a test enforces it).

Sending claims a row with a short lease instead of holding a database lock through the SMTP
conversation, so a mail server that stalls (up to ``EMAIL_TIMEOUT``) blocks neither the table
nor the other workers. A failed row is retried with growing pauses; after the last one it stays,
visible in the admin (Settings → Unsent e-mail) with "send again".

Mail that belongs to a subscription carries its ``subscription`` key; ``withdraw(key)`` removes
what was queued but not yet sent, so someone who unsubscribes gets nothing more, even from a
batch already queued. Bulk mail carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post``
(RFC 8058 one-click unsubscribe).
"""

import base64
import contextvars
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail
from .tasks import send_outgoing_mail

logger = logging.getLogger(__name__)

# Pauses after the 1st, 2nd, ... failed attempt: about a day of trying in all.
RETRY_PAUSES = [timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720)]

# Set while ``deliver`` talks to the mail server; the test suite's mail backend refuses any
# mail sent without it (tests/mail_guard.py), so nothing can bypass the outbox unnoticed.
delivering = contextvars.ContextVar("outbox_delivering", default=False)


def site_url(path=""):
    """An absolute address on this site, for links in e-mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_mail(template, context):
    """(subject, text, html or "") of a templated mail, in the site's language."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "site_url": site_url(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_message.txt", context)
        try:
            html = render_to_string(f"{template}_message.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, text, html


def queue_mail(
    template,
    to,
    context,
    *,
    purpose,
    unsubscribe_url="",
    subscription="",
    attachments=(),
    bulk=False,
):
    """Render ``template`` for ``to`` and record it; it is sent after the commit. Returns the row.

    ``unsubscribe_url`` (absolute) goes into the context and the List-Unsubscribe headers; that
    address must end the subscription on a POST without a session (RFC 8058).
    ``attachments`` are (filename, text, mimetype) triples, e.g. an .ics invitation.
    """
    subject, text, html, headers = _rendered(template, context, unsubscribe_url)
    return queue(
        purpose=purpose,
        to=to,
        subject=subject,
        body=text,
        html_body=html,
        headers=headers,
        subscription=subscription,
        attachments=attachments,
        bulk=bulk,
    )


def unsubscribe_headers(unsubscribe_url):
    """The headers of one-click unsubscribe (RFC 8058), or none without an address."""
    if not unsubscribe_url:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _rendered(template, context, unsubscribe_url):
    if unsubscribe_url:
        context = {**context, "unsubscribe_url": unsubscribe_url}
    subject, text, html = render_mail(template, context)
    return subject, text, html, unsubscribe_headers(unsubscribe_url)


def queue_bulk_mails(template, mails, *, purpose):
    """``queue_mail(..., bulk=True)`` for many recipients in one INSERT: ``mails`` are
    (to, context, unsubscribe_url, subscription). For digest and alert runs, whose queries per
    batch of subscribers must not grow with the batch. Returns the number queued."""
    rendered = []
    for to, context, unsubscribe_url, subscription in mails:
        subject, text, html, _ = _rendered(template, context, unsubscribe_url)
        rendered.append((to, subject, text, html, unsubscribe_url, subscription))
    return queue_rendered_bulk(rendered, purpose=purpose)


def queue_rendered_bulk(mails, *, purpose):
    """Bulk mail already rendered, in one INSERT: ``mails`` are (to, subject, text, html,
    unsubscribe_url, subscription). For a run that renders one mail for many subscribers (the
    alert run). Returns the number queued."""
    rows = [
        OutgoingMail(
            purpose=purpose,
            to=to,
            subject=subject[:255],
            body=text,
            html_body=html,
            headers=unsubscribe_headers(unsubscribe_url),
            subscription=subscription,
            bulk=True,
        )
        for to, subject, text, html, unsubscribe_url, subscription in mails
    ]
    OutgoingMail.objects.bulk_create(rows)
    return len(rows)


def queue(*, purpose, to, subject, body, html_body="", headers=None, subscription="", attachments=(), bulk=False):
    """Record one already rendered e-mail (allauth renders its own; everything else calls
    ``queue_mail``). Returns the row."""
    mail = OutgoingMail.objects.create(
        purpose=purpose,
        to=to,
        subject=subject[:255],
        body=body,
        html_body=html_body,
        headers=headers or {},
        subscription=subscription,
        attachments=[_stored_attachment(*attachment) for attachment in attachments],
        bulk=bulk,
    )
    if not bulk:
        transaction.on_commit(lambda: _enqueue(mail))
    return mail


def queue_message(email, *, purpose):
    """Record an e-mail message that other code built (allauth, Wagtail, Django): one row per
    recipient. Returns how many."""
    html = next((content for content, mimetype in getattr(email, "alternatives", []) if mimetype == "text/html"), "")
    attachments = [tuple(attachment) for attachment in email.attachments if not hasattr(attachment, "get_payload")]
    for recipient in email.recipients():
        queue(
            purpose=purpose,
            to=recipient,
            subject=email.subject,
            body=email.body,
            html_body=html,
            headers=dict(email.extra_headers),
            attachments=attachments,
        )
    return len(email.recipients())


def _stored_attachment(filename, content, mimetype):
    if isinstance(content, bytes):
        content = base64.b64encode(content).decode("ascii")
        return {"filename": filename, "base64": content, "mimetype": mimetype}
    return {"filename": filename, "text": content, "mimetype": mimetype}


def _enqueue(mail):
    try:
        send_outgoing_mail.enqueue(mail.pk)
    except Exception:
        logger.exception("Could not queue %s e-mail %s; it stays pending.", mail.purpose, mail.pk)


def withdraw(*subscriptions):
    """Remove the unsent mail of subscriptions that have just ended. Returns how many."""
    keys = [key for key in subscriptions if key]
    if not keys:
        return 0
    deleted, _ = OutgoingMail.objects.filter(subscription__in=keys, next_attempt_at__isnull=False).delete()
    return deleted


def forget_addresses(addresses):
    """Remove the unsent mail to these addresses (an account or registration that is deleted)."""
    match = Q()
    for address in filter(None, addresses):
        match |= Q(to__iexact=address)
    if not match:
        return 0
    deleted, _ = OutgoingMail.objects.filter(match, next_attempt_at__isnull=False).delete()
    return deleted


def message(mail):
    """The EmailMessage for an outbox row."""
    sender = settings.DEFAULT_FROM_EMAIL
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    email = EmailMultiAlternatives(
        mail.subject, mail.body, sender, [mail.to], headers=mail.headers, connection=connection
    )
    if mail.html_body:
        email.attach_alternative(mail.html_body, "text/html")
    for attachment in mail.attachments:
        content = attachment.get("text")
        if content is None:
            content = base64.b64decode(attachment["base64"])
        email.attach(attachment["filename"], content, attachment["mimetype"])
    return email


def _lease():
    # Long enough for one SMTP conversation that runs into EMAIL_TIMEOUT, then free again.
    return timedelta(seconds=3 * settings.EMAIL_TIMEOUT + 30)


def claim(mail_id, now=None):
    """Take one due row for this worker until the lease ends; None when it is sent, given up
    on, not due, or claimed by another worker. One UPDATE, no lock held afterwards."""
    now = now or timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + _lease())
    )
    return OutgoingMail.objects.filter(pk=mail_id).first() if claimed else None


def record_failure(row, error, description):
    """Note a failed attempt on an outbox row and schedule the next one, or give up after the
    last pause."""
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    row.claimed_until = None
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
    row.save(update_fields=["attempts", "last_error", "next_attempt_at", "claimed_until"])


def deliver(mail_id, now=None):
    """Try to send one e-mail; True when the mail server accepted it. Never raises."""
    mail = claim(mail_id, now)
    if mail is None:
        return False
    token = delivering.set(True)
    try:
        message(mail).send()
    except Exception as error:  # refused, unreachable, timed out (EMAIL_TIMEOUT)...
        record_failure(mail, error, f"the {mail.purpose} e-mail {mail.pk}")
        return False
    finally:
        delivering.reset(token)
    # Deleted only if still ours: a withdrawn row is simply gone already.
    OutgoingMail.objects.filter(pk=mail.pk).delete()
    return True


def send_again(queryset):
    """An administrator's "send again" for mail that was given up on: a fresh set of attempts."""
    return queryset.update(next_attempt_at=timezone.now(), attempts=0, claimed_until=None)


def send_due(now=None, *, sleep=time.sleep):
    """Send every e-mail that is due, bulk mail at most EMAIL_BULK_PER_MINUTE. Returns
    (sent, still pending)."""
    now = now or timezone.now()
    due = OutgoingMail.objects.filter(next_attempt_at__lte=now).order_by("bulk", "next_attempt_at", "pk")
    pause = 60 / settings.EMAIL_BULK_PER_MINUTE if settings.EMAIL_BULK_PER_MINUTE else 0
    sent = 0
    for pk, bulk in list(due.values_list("pk", "bulk")):
        delivered = deliver(pk, now)
        sent += delivered
        if delivered and bulk and pause:
            sleep(pause)
    return sent, OutgoingMail.objects.filter(next_attempt_at__isnull=False).count()
