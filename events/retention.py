"""Privacy and reminders: jobs that run on a schedule (see the management commands)."""

import calendar
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core import outbox
from events.models import EventRegistration, RegistrationStatus

from . import mail


def months_before(moment, months):
    """The same day and time ``months`` earlier (the month's last day when that day is missing)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_personal_data(months=None, now=None):
    """Remove name, address, organisation and answers of registrations for events that ended
    more than ``months`` ago. The rows stay, with their status, so the numbers remain."""
    months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    expired = EventRegistration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
    outbox.withdraw(*(mail.subscription(registration) for registration in expired.only("pk")))
    return expired.update(
        name="",
        email="",
        organisation="",
        answers={},
        user=None,
        anonymised_at=timezone.now(),
    )


def send_reminders(days=None, now=None):
    """Remind confirmed attendees of events starting within ``days`` days. Each registration is
    claimed before its e-mail is queued, so two runs (even at once) never send it twice."""
    days = settings.EVENT_REMINDER_DAYS if days is None else days
    now = now or timezone.now()
    due = EventRegistration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__start__gt=now,
        event__start__lte=now + timedelta(days=days),
        event__live=True,
        event__cancellation__isnull=True,
    ).select_related("event")
    sent = 0
    for registration in due:
        claimed = EventRegistration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            mail.send_later(registration, mail.REMINDER)
            sent += 1
    return sent
