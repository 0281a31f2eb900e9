"""The registration pages as a visitor and a member use them, and the calendar downloads."""

import json
import re

import pytest
from django.urls import reverse

from events import registration as service
from events.models import Audience, EventRegistration, RegistrationStatus
from tests.factories import EventPageFactory

from .conftest import seats


def guest_form(**overrides):
    data = {"name": "Petra Jansen", "email": "petra@laren.nl", "organisation": "Gemeente Laren", "website": ""}
    data.update(overrides)
    return data


def register_url(event):
    return event.url + "aanmelden/"


def question_field(event):
    return f"question_{event.questions.get().pk}"


def test_the_event_page_shows_the_form_places_and_structured_data(client, event):
    html = client.get(event.url).content.decode()
    assert 'id="aanmelden"' in html and 'name="email"' in html and "10 plaatsen, nog 10 vrij" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == event.title
    assert data["location"]["address"] == "Koningsplein 1, Ridderkerk"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert "verwijderen ze 6 maanden na het evenement" in html  # what is kept, and how long


def test_a_guest_registers_confirms_by_link_and_cancels(client, event, sending, mailoutbox):
    with sending():
        response = client.post(register_url(event), {**guest_form(), question_field(event): "beleidsadviseur"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Kijk in uw e-mail" in page and "petra@laren.nl" in page
    assert client.get(response.url).status_code == 200  # a reload shows it again, without a new post
    registration = EventRegistration.objects.get(event=event)
    assert registration.answers == {"Functie": "beleidsadviseur"}
    link = re.search(r"http://\S+/aanmelding/\S+/bevestigen/", mailoutbox[0].body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    # Opening the link (as a mail scanner would) does not confirm; the button does.
    assert "Bevestig mijn aanmelding" in client.get("/" + path).content.decode()
    assert seats(event) == 0
    with sending():
        page = client.post("/" + path).content.decode()
    assert "U bent aangemeld" in page and seats(event) == 1
    cancel = reverse("registration_cancel", args=[registration.token])
    assert "Ja, annuleer mijn aanmelding" in client.get(cancel).content.decode()
    client.post(cancel)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED and seats(event) == 0


def test_errors_keep_what_was_typed(client, event):
    response = client.post(register_url(event), guest_form(email="geen-adres", name="Petra Jansen"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Controleer het formulier" in html
    assert 'value="Petra Jansen"' in html and 'value="Gemeente Laren"' in html
    assert 'aria-invalid="true"' in html
    assert not EventRegistration.objects.filter(event=event).exists()


def test_the_honeypot_stops_bots(client, event):
    client.post(register_url(event), {**guest_form(website="http://spam.example"), question_field(event): "x"})
    assert not EventRegistration.objects.filter(event=event).exists()


def test_a_refusal_says_why(client, make_member):
    event = EventPageFactory(capacity=1, waiting_list=False, questions=[])
    page_html = client.get(event.url).content.decode()
    assert "Registration" not in page_html and "Aanmelden" in page_html  # the page is Dutch
    service.register_member(event, make_member(), name="Anna")  # the last place goes while the form is open
    html = client.post(register_url(event), guest_form()).content.decode()
    assert 'role="alert"' in html and "Dit evenement is vol." in html
    assert not EventRegistration.objects.filter(email="petra@laren.nl").exists()


def test_a_member_registers_with_one_click(client, member, sending, mailoutbox):
    event = EventPageFactory(questions=[])
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert 'value="Anna de Vries"' in html and "anna@ridderkerk.nl" in html and 'name="email"' not in html
    with sending():
        response = client.post(register_url(event), {"name": "Anna de Vries", "organisation": "BAR-organisatie"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "U bent aangemeld voor dit evenement." in page
    assert seats(event) == 1 and len(mailoutbox) == 1
    # A double submit changes nothing.
    client.post(register_url(event), {"name": "Anna de Vries"})
    assert EventRegistration.objects.filter(event=event).count() == 1


def test_members_only_events_send_guests_to_the_login(client, db):
    event = EventPageFactory(audience=Audience.MEMBERS, questions=[])
    html = client.get(event.url).content.decode()
    assert "alleen voor leden" in html and reverse("account_login") in html
    response = client.post(register_url(event), guest_form())
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not EventRegistration.objects.filter(event=event).exists()


def test_my_registrations_lists_and_cancels(client, member):
    event = EventPageFactory(questions=[])
    registration = service.register_member(event, member, name="Anna").registration
    assert client.get(reverse("my_registrations")).status_code == 302  # log in first
    client.force_login(member)
    html = client.get(reverse("my_registrations")).content.decode()
    assert event.title in html and "Bevestigd" in html
    response = client.post(reverse("registration_cancel", args=[registration.token]), {"next": "my_registrations"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.parametrize(
    "overrides, text",
    [
        ({"registration_closes": "past"}, "De aanmelding voor dit evenement is gesloten."),
        ({"registration_opens": "future"}, "Aanmelden kan vanaf"),
        ({"start": "past"}, "heeft plaatsgevonden"),
    ],
)
def test_closed_events_say_so(client, db, overrides, text):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    values = {"past": now - timedelta(days=2), "future": now + timedelta(days=2)}
    event = EventPageFactory(**{key: values[value] for key, value in overrides.items()})
    html = client.get(event.url).content.decode()
    assert text in html and 'name="email"' not in html


def test_a_cancelled_event_says_so(client, event):
    service.cancel_event(event, "De zaal is onbruikbaar na een lekkage.")
    html = client.get(event.url).content.decode()
    assert "Dit evenement is geannuleerd." in html and "lekkage" in html
    assert 'name="email"' not in html
    assert "EventCancelled" in html


def test_unknown_tokens_are_not_found(client, db):
    unknown = "onbekend-" * 4
    assert client.get(reverse("registration_confirm", args=[unknown])).status_code == 404
    assert client.post(reverse("registration_cancel", args=[unknown])).status_code == 404


def test_event_ics_and_the_upcoming_calendar(client, event):
    response = client.get(event.url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and f"SUMMARY:{event.title}" in body and "DTSTART" in body
    feed = client.get(event.get_parent().url + "ical/").content.decode()
    assert feed.count("BEGIN:VEVENT") >= 3  # the demo's upcoming events and this one
    assert event.title in feed and "Dag van de Ambtelijke Fusie 2017" not in feed  # upcoming only


def test_the_meeting_link_is_only_for_people_with_a_place(client, member):
    event = EventPageFactory(online_url="https://meet.example.nl/geheim", questions=[])
    assert "meet.example.nl/geheim" not in client.get(event.url).content.decode()
    assert "meet.example.nl/geheim" not in client.get(event.url + "ical/").content.decode()
    assert "meet.example.nl/geheim" not in client.get(event.get_parent().url + "ical/").content.decode()
    service.register_member(event, member, name="Anna")
    client.force_login(member)
    assert "meet.example.nl/geheim" in client.get(event.url).content.decode()


def test_a_cancelled_event_is_marked_in_listings(client, event):
    service.cancel_event(event, "Geen zaal.")
    html = client.get(event.get_parent().url).content.decode()
    card = html[html.index(event.title) - 600 : html.index(event.title)]
    assert "Geannuleerd" in card


def test_opening_the_form_address_leads_to_the_event(client, event):
    response = client.get(register_url(event))
    assert response.status_code == 302 and response.url == event.url


def test_page_titles_carry_the_site_name(client, event):
    html = client.get(event.url).content.decode()
    assert f"<title>{event.title} · Kennisplatform Ambtelijke Fusie</title>" in html
