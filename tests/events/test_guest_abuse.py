"""The guest form cannot be used to send (or flood) mail from the platform, nor to change
someone else's registration: limits per IP and per address, one mail per address and event in
a window, and the first unconfirmed details stand."""

import re

import pytest
from django.core.cache import caches

from events import registration as service
from events.models import EventRegistration, RegistrationStatus
from tests.factories import EventPageFactory

Status = RegistrationStatus


def guest_form(**overrides):
    data = {"name": "Petra Jansen", "email": "petra@laren.nl", "organisation": "Gemeente Laren", "website": ""}
    data.update(overrides)
    return data


def post(client, event, ip="192.0.2.1", **overrides):
    return client.post(event.url + "aanmelden/", guest_form(**overrides), REMOTE_ADDR=ip)


def mail_window_passes():
    """The resend window (and the hourly limits) end: their counters leave the cache."""
    caches["default"].clear()


@pytest.fixture
def open_event(db):
    return EventPageFactory(questions=[])


def test_one_address_cannot_be_flooded_across_events(client, db, settings, sending, mailoutbox):
    settings.EVENT_GUEST_REGISTRATIONS_PER_ADDRESS_PER_HOUR = 3
    events = [EventPageFactory(questions=[]) for _ in range(4)]
    with sending():
        for number, event in enumerate(events[:3]):
            assert post(client, event, ip=f"192.0.2.{number}").status_code == 302
    assert len(mailoutbox) == 3
    with sending():
        response = post(client, events[3], ip="198.51.100.7", name="Iemand Anders")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'role="alert"' in html and 'value="Iemand Anders"' in html and 'value="petra@laren.nl"' in html
    assert len(mailoutbox) == 3  # nothing sent
    assert not EventRegistration.objects.filter(event=events[3]).exists()  # nothing saved


def test_one_ip_address_cannot_register_address_after_address(client, settings, open_event, sending, mailoutbox):
    settings.EVENT_GUEST_REGISTRATIONS_PER_IP_PER_HOUR = 3
    with sending():
        statuses = [post(client, open_event, email=f"gast{n}@laren.nl").status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
    assert EventRegistration.objects.filter(event=open_event).count() == 3
    assert (
        post(client, open_event, ip="198.51.100.7", email="gast9@laren.nl").status_code == 302
    )  # others are not blocked


def test_a_repeat_within_the_window_sends_nothing_and_the_page_says_the_same(client, open_event, sending, mailoutbox):
    with sending():
        first = post(client, open_event)
        first_page = client.get(first.url).content.decode()
        again = post(client, open_event, name="Nep Naam", organisation="Nep BV")
    assert again.status_code == first.status_code == 302 and again.url == first.url
    assert client.get(again.url).content.decode() == first_page  # no hint that it was known
    assert len(mailoutbox) == 1
    registration = EventRegistration.objects.get(event=open_event)
    assert (registration.name, registration.organisation) == ("Petra Jansen", "Gemeente Laren")

    mail_window_passes()
    with sending():
        post(client, open_event, name="Nep Naam")
    assert len(mailoutbox) == 2  # the confirmation link once more, with the first details
    assert "Petra Jansen" in mailoutbox[1].body and "Nep Naam" not in mailoutbox[1].body
    assert registration.token in mailoutbox[1].body


def test_a_known_address_gets_the_same_page_as_a_new_one(client, open_event, member, sending, mailoutbox):
    service.register_member(open_event, member, name="Anna de Vries")  # anna@ridderkerk.nl has a place
    with sending():
        known = post(client, open_event, email="anna@ridderkerk.nl", ip="192.0.2.1")
        known_page = client.get(known.url).content.decode()
        new = post(client, open_event, email="nieuw@laren.nl", ip="192.0.2.2")
        new_page = client.get(new.url).content.decode()
    assert known.url == new.url
    assert known_page.replace("anna@ridderkerk.nl", "ADRES") == new_page.replace("nieuw@laren.nl", "ADRES")
    mailoutbox.clear()
    with sending():
        post(client, open_event, email="anna@ridderkerk.nl", ip="192.0.2.3")
    assert mailoutbox == []  # the "already registered" mail went out once in this window


def test_an_unconfirmed_registration_keeps_its_first_details(open_event):
    first = service.register_guest(
        open_event,
        name="Petra Jansen",
        email="petra@laren.nl",
        organisation="Gemeente Laren",
        answers={"Dieet": "geen"},
    ).registration
    service.register_guest(
        open_event,
        name="Nep Naam",
        email="PETRA@laren.nl",
        organisation="Nep BV",
        answers={"Dieet": "<a href=https://phish.example>klik</a>"},
    )
    first_token = first.token
    first.refresh_from_db()
    assert (first.name, first.organisation, first.answers) == ("Petra Jansen", "Gemeente Laren", {"Dieet": "geen"})
    assert first.status == Status.PENDING and first.token == first_token
    assert service.confirm_address(first).registration.name == "Petra Jansen"


@pytest.mark.parametrize("capacity, status", [(5, Status.CONFIRMED), (0, Status.WAITLISTED)])
def test_a_guest_cannot_change_a_members_registration(make_member, capacity, status):
    event = EventPageFactory(questions=[], capacity=capacity)
    member = make_member()
    registration = service.register_member(
        event, member, name="Anna de Vries", organisation="BAR", answers={"Dieet": "vegetarisch"}
    ).registration
    assert registration.status == status
    service.register_guest(event, name="Nep Naam", email="anna@ridderkerk.nl", organisation="Nep BV")
    after = EventRegistration.objects.get(pk=registration.pk)
    assert (after.name, after.organisation, after.answers, after.user, after.token, after.status) == (
        "Anna de Vries",
        "BAR",
        {"Dieet": "vegetarisch"},
        member,
        registration.token,
        status,
    )


def test_a_typo_is_fixed_by_cancelling_through_the_mail_and_registering_again(client, open_event, sending, mailoutbox):
    with sending():
        post(client, open_event, name="Petra Jansne")
    cancel_link = re.search(r"https?://[^/\s]+(/aanmelding/\S+/annuleren/)", mailoutbox[0].body).group(1)
    with sending():
        client.post(cancel_link)
    with sending():
        post(client, open_event, name="Petra Jansen")  # within the resend window: a new registration is mailed
    registration = EventRegistration.objects.get(event=open_event)
    assert registration.status == Status.PENDING and registration.name == "Petra Jansen"
    assert "Petra Jansen" in mailoutbox[-1].body and registration.token in mailoutbox[-1].body
