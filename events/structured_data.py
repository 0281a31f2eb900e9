"""schema.org ``Event`` data for search engines and calendars that read web pages."""

from wagtail.models import Site

from .availability import RegistrationState, registration_state, seats_left


def event_site(event, request=None):
    """The site the event belongs to: the request's own when it is that one (no query)."""
    url_parts = event.get_url_parts(request)
    if url_parts is None:
        return None
    request_site = Site.find_for_request(request) if request is not None else None
    if request_site is not None and request_site.pk == url_parts[0]:
        return request_site
    return Site.objects.get(pk=url_parts[0])


def event_schema(event, request=None, state=None, seats=None):
    """``state`` and ``seats``: the registration state and free places when the page has them
    already (``events.views.registration_context``), so they are not counted again."""
    site = event_site(event, request)
    full_url = event.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "url": full_url,
        "organizer": {"@type": "Organization", "name": site.site_name if site else ""},
    }
    places = []
    if event.venue or event.address:
        places.append({"@type": "Place", "name": event.venue or event.address, "address": event.address or event.venue})
    if event.online_url:
        virtual = {"@type": "VirtualLocation"}
        if event.public_online_url:
            virtual["url"] = event.public_online_url
        places.append(virtual)
    if places:
        data["location"] = places[0] if len(places) == 1 else places
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(places) == 2
            else "https://schema.org/OnlineEventAttendanceMode"
            if event.online_url
            else "https://schema.org/OfflineEventAttendanceMode"
        )
    if event.registration_enabled:
        state = state or registration_state(event)
        availability = {
            RegistrationState.OPEN: "https://schema.org/InStock",
            RegistrationState.WAITING_LIST: "https://schema.org/SoldOut",
            RegistrationState.FULL: "https://schema.org/SoldOut",
            RegistrationState.NOT_YET_OPEN: "https://schema.org/PreOrder",
        }.get(state, "https://schema.org/Discontinued")
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": availability,
            "url": full_url,
        }
        if event.capacity:
            data["maximumAttendeeCapacity"] = event.capacity
            data["remainingAttendeeCapacity"] = seats if seats is not None else seats_left(event)
    return data
