"""Messages from the organiser to the people registered for an event."""

from django.db import transaction

from events.models import RegistrationStatus

from . import mail


def message_attendees(event, subject, body, include_waiting_list=False):
    """Queue one e-mail per confirmed attendee (and the waiting list if asked); returns how many."""
    statuses = [RegistrationStatus.CONFIRMED] + ([RegistrationStatus.WAITLISTED] if include_waiting_list else [])
    recipients = list(event.registrations.filter(status__in=statuses).exclude(email=""))
    with transaction.atomic():
        for registration in recipients:
            mail.send_later(registration, mail.MESSAGE, subject=subject, body=body)
    return len(recipients)
