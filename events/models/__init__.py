"""Event models: the pages (with their extra questions) and the registrations; import from here.

The tables keep the names they had when these models lived in ``cms`` (see migration 0001).
"""

from .pages import Audience, EventIndexPage, EventPage, EventQuestion
from .registrations import EventCancellation, EventRegistration, RegistrationStatus

__all__ = [
    "Audience",
    "EventCancellation",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "EventRegistration",
    "RegistrationStatus",
]
