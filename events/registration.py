"""Registering, confirming and cancelling: every change of a registration's status.

Seats are allocated under a lock on the event's row, so concurrent requests can never give
away more places than the event has (on SQLite, writers are serialised by the database).
E-mails go out after the transaction commits, so nobody is told about a seat that was
rolled back.

One row per address per event: registering again after a cancellation reuses the row with a
new token, so a link mailed for the earlier registration never acts on the new one. A guest's
form never changes an existing registration (that needs the link in the mail), and sends at
most one e-mail per address and event in a window (``limits``).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import EventCancellation, EventPage, EventRegistration, RegistrationStatus
from events.models.registrations import new_token

from . import limits, mail
from .availability import RegistrationState, confirmed_count, guests_welcome, registration_state

Status = RegistrationStatus


class RegistrationRefused(Exception):
    """The registration cannot be taken; ``message`` says why, for the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


REFUSALS = {
    RegistrationState.NONE: _("This event does not take registrations through this site."),
    RegistrationState.CANCELLED: _("This event has been cancelled."),
    RegistrationState.PAST: _("This event has already taken place."),
    RegistrationState.NOT_YET_OPEN: _("Registration for this event has not opened yet."),
    RegistrationState.CLOSED: _("Registration for this event has closed."),
    RegistrationState.FULL: _("This event is full."),
}


@dataclass
class Outcome:
    registration: EventRegistration
    already_registered: bool = False


def lock_event(event):
    """The event's row, locked until the end of the transaction."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _check_open(event):
    state = registration_state(event)
    if not state.accepts_registrations:
        raise RegistrationRefused(REFUSALS[state])


def _allocate(event, registration, now):
    """Give a seat, or a place on the waiting list. Call with the event locked."""
    if event.capacity is None or confirmed_count(event) < event.capacity:
        registration.status = Status.CONFIRMED
        registration.queued_at = None
    elif event.waiting_list:
        registration.status = Status.WAITLISTED
        registration.queued_at = now
    else:
        raise RegistrationRefused(REFUSALS[RegistrationState.FULL])
    registration.cancelled_at = None


def _existing(event, email):
    return EventRegistration.objects.filter(event=event, email=email).first()


def _new_registration(event, email, earlier):
    """A new registration for ``email``, on the row of an ``earlier`` one that is over
    (cancelled, or unconfirmed and taken over by the member): with a new token, so the links
    mailed for the earlier one cannot cancel or confirm this one."""
    if earlier is None:
        return EventRegistration(event=event, email=email)
    earlier.token = new_token()
    earlier.reminder_sent_at = None
    return earlier


def register_member(event, user, *, name, organisation="", answers=None):
    """A logged-in member registers: a seat (or waiting-list place) at once, no e-mail round trip.

    Registering twice (a double click, a second tab) returns the existing registration.
    """
    email = user.email.strip().lower()
    with transaction.atomic():
        event = lock_event(event)
        registration = _existing(event, email)
        if registration and registration.is_active:
            return Outcome(registration, already_registered=True)
        _check_open(event)
        now = timezone.now()
        registration = _new_registration(event, email, registration)
        registration.user = user
        registration.name, registration.organisation = name, organisation
        registration.answers = answers or {}
        registration.confirmed_at = now
        _allocate(event, registration, now)
        registration.save()
        mail.send_later(
            registration, mail.SEAT_CONFIRMED if registration.status == Status.CONFIRMED else mail.WAITLISTED
        )
    return Outcome(registration)


def register_guest(event, *, name, email, organisation="", answers=None):
    """A guest registers; the seat counts once they confirm through the e-mailed link.

    Anyone can type any address, so the form never changes a registration that exists: the
    details of the first submission stand until it is confirmed or cancelled through the mailed
    link (after which one registers again). A repeat only mails the address again, at most once
    per window. The answer on the page is the same whether or not the address was registered
    before, so the form tells nobody who else is coming; the e-mail says what applies.
    """
    email = email.strip().lower()
    if not guests_welcome(event):
        raise RegistrationRefused(_("This event is for members only. Log in to register."))
    with transaction.atomic():
        event = lock_event(event)
        _check_open(event)
        registration = _existing(event, email)
        if registration and registration.status != Status.CANCELLED:
            if limits.first_mail_in_window(event, email):
                kind = mail.CONFIRM_ADDRESS if registration.status == Status.PENDING else mail.ALREADY_REGISTERED
                mail.send_later(registration, kind)
            return Outcome(registration, already_registered=True)
        registration = _new_registration(event, email, registration)
        registration.user = None  # a guest registration, even on a member's cancelled row
        registration.name, registration.organisation = name, organisation
        registration.answers = answers or {}
        registration.status = Status.PENDING
        registration.confirmed_at = registration.cancelled_at = registration.queued_at = None
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same address in a parallel request: that one wins
            return Outcome(_existing(event, email), already_registered=True)
        # Always mailed: only the address's owner could have cancelled the earlier one. Starts the window.
        limits.first_mail_in_window(event, email)
        mail.send_later(registration, mail.CONFIRM_ADDRESS)
    return Outcome(registration)


def confirm_address(registration):
    """The guest followed the link: allocate a seat or a waiting-list place (idempotent)."""
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            return Outcome(registration, already_registered=True)
        state = registration_state(event)
        if state in (RegistrationState.CANCELLED, RegistrationState.PAST, RegistrationState.NONE):
            raise RegistrationRefused(REFUSALS[state])
        now = timezone.now()
        registration.confirmed_at = now
        _allocate(event, registration, now)
        registration.save()
        mail.send_later(
            registration, mail.SEAT_CONFIRMED if registration.status == Status.CONFIRMED else mail.WAITLISTED
        )
    return Outcome(registration)


def cancel(registration):
    """The person cancels; their seat goes to the first on the waiting list. Idempotent."""
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration
        held_a_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.queued_at = None
        registration.save()
        mail.send_later(registration, mail.CANCELLED)
        if held_a_seat:
            promote_waiting_list(event)
    return registration


def promote_waiting_list(event):
    """Fill free seats from the waiting list, first come first served. Call with the event locked."""
    if event.is_cancelled or event.end < timezone.now():
        return []
    promoted = []
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("queued_at", "pk")
    if event.capacity is not None:
        free = event.capacity - confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.queued_at = None
        registration.save(update_fields=["status", "queued_at"])
        mail.send_later(registration, mail.PROMOTED)
        promoted.append(registration)
    return promoted


def capacity_changed(event):
    """After an editor raised the number of places: move people up from the waiting list."""
    with transaction.atomic():
        return promote_waiting_list(lock_event(event))


def cancel_event(event, reason, user=None):
    """An editor calls the event off; everyone who registered is told. Idempotent."""
    with transaction.atomic():
        event = lock_event(event)
        if event.is_cancelled:
            return 0
        EventCancellation.objects.create(event=event, reason=reason, cancelled_by=user)
        now = timezone.now()
        told = 0
        for registration in event.registrations.exclude(status=Status.CANCELLED).select_for_update():
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.queued_at = None
            registration.save(update_fields=["status", "cancelled_at", "queued_at"])
            mail.send_later(registration, mail.EVENT_CANCELLED, reason=reason)
            told += 1
    return told
