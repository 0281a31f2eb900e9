"""Whether an event takes registrations right now, and if not, why not."""

from enum import Enum

from django.utils import timezone

from events.models import Audience, RegistrationStatus


class RegistrationState(Enum):
    NONE = "none"  # no registration through this site
    CANCELLED = "cancelled"
    PAST = "past"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    OPEN = "open"
    WAITING_LIST = "waiting_list"  # full, new registrations join the waiting list
    FULL = "full"  # full and no waiting list

    @property
    def accepts_registrations(self):
        return self in (RegistrationState.OPEN, RegistrationState.WAITING_LIST)


def confirmed_count(event):
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def seats_left(event, confirmed=None):
    """Free places, or None when the event has no limit."""
    if event.capacity is None:
        return None
    confirmed = confirmed_count(event) if confirmed is None else confirmed
    return max(event.capacity - confirmed, 0)


def registration_state(event, now=None, seats=None):
    """``seats``: the free places when the caller has counted them already (``seats_left``)."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return RegistrationState.NONE
    if event.is_cancelled:
        return RegistrationState.CANCELLED
    if event.end < now:
        return RegistrationState.PAST
    if event.registration_opens and now < event.registration_opens:
        return RegistrationState.NOT_YET_OPEN
    if now >= event.closes_at:
        return RegistrationState.CLOSED
    if (seats if seats is not None else seats_left(event)) == 0:
        return RegistrationState.WAITING_LIST if event.waiting_list else RegistrationState.FULL
    return RegistrationState.OPEN


def guests_welcome(event):
    return event.audience == Audience.EVERYONE
