"""Named queries for events: the visible ones still to come and those that have passed."""

from django.utils import timezone

from cms.queries import knowledge_items
from events.models import EventPage


def upcoming_events(now=None):
    now = now or timezone.now()
    return knowledge_items(EventPage).filter(end__gte=now).order_by("start", "pk")


def past_events(now=None):
    now = now or timezone.now()
    return knowledge_items(EventPage).filter(end__lt=now).order_by("-start", "-pk")
