"""iCalendar (RFC 5545) for events: one event as an invitation, or all upcoming events as a feed."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Kennisplatform Ambtelijke Fusie//NL"


def _uid(event):
    host = settings.WAGTAILADMIN_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    return f"event-{event.pk}@{host}"


def _location(event, online_url):
    parts = [part for part in (event.venue, event.address) if part]
    if not parts and online_url:
        return online_url
    return ", ".join(parts)


def vevent(event, cancelled=False, for_attendee=False):
    """``for_attendee``: the invitation of someone with a place, which may carry the meeting link."""
    online_url = event.online_url if for_attendee else event.public_online_url
    entry = Event()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    entry.add("summary", event.title)
    entry.add("description", f"{event.summary}\n\n{event.full_url or ''}".strip())
    if location := _location(event, online_url):
        entry.add("location", location)
    if event.full_url:
        entry.add("url", event.full_url)
    # A later message with the same UID updates or cancels the earlier one in the calendar.
    entry.add("sequence", 1 if cancelled else 0)
    entry.add("status", "CANCELLED" if cancelled or event.is_cancelled else "CONFIRMED")
    return entry


def calendar(events, name=None, method=None):
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(vevent(event))
    return cal


def event_ics(event, cancelled=False, for_attendee=False):
    """One event as bytes, for a download or an e-mail attachment."""
    cal = calendar([], method="CANCEL" if cancelled else "PUBLISH")
    cal.add_component(vevent(event, cancelled=cancelled, for_attendee=for_attendee))
    return cal.to_ical()


def feed_ics(events, name):
    return calendar(events, name=name).to_ical()
