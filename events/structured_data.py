"""schema.org ``Event`` data for search engines and calendars that read web pages."""

from .availability import RegistrationState, registration_state, seats_left


def event_schema(event):
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
        "url": event.full_url,
        "organizer": {"@type": "Organization", "name": event.get_site().site_name if event.get_site() else ""},
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
        state = registration_state(event)
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
            "url": event.full_url,
        }
        if event.capacity:
            data["maximumAttendeeCapacity"] = event.capacity
            data["remainingAttendeeCapacity"] = seats_left(event)
    return data
