"""Seat allocation, the waiting list, guests' confirmation and cancellation (the service layer)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from events import registration as service
from events.availability import RegistrationState, registration_state
from events.models import Audience, EventRegistration, RegistrationStatus
from tests.factories import EventPageFactory

from .conftest import seats

Status = RegistrationStatus


def guest(event, email, name="Gast"):
    return service.register_guest(event, name=name, email=email, organisation="Gemeente Laren").registration


def confirmed_guest(event, email, name="Gast"):
    return service.confirm_address(guest(event, email, name)).registration


def test_a_member_gets_a_seat_at_once(event, member, sending, mailoutbox):
    with sending():
        outcome = service.register_member(event, member, name="Anna de Vries", answers={"Functie": "griffier"})
    registration = outcome.registration
    assert registration.status == Status.CONFIRMED
    assert registration.email == "anna@ridderkerk.nl" and registration.user == member
    assert seats(event) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["anna@ridderkerk.nl"]
    assert event.title in message.subject
    assert registration.token in message.body  # the cancellation link
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and event.title in content


def test_registering_twice_keeps_one_registration(event, member):
    first = service.register_member(event, member, name="Anna")
    second = service.register_member(event, member, name="Anna")
    assert second.already_registered and second.registration.pk == first.registration.pk
    assert EventRegistration.objects.filter(event=event).count() == 1


def test_a_guest_counts_only_after_confirming_the_address(event, sending, mailoutbox):
    with sending():
        registration = guest(event, "Piet@Eemnes.nl")
    assert registration.status == Status.PENDING and registration.email == "piet@eemnes.nl"
    assert seats(event) == 0
    assert "bevestigen" in mailoutbox[0].body and registration.token in mailoutbox[0].body
    assert not mailoutbox[0].attachments
    with sending():
        confirmed = service.confirm_address(registration).registration
    assert confirmed.status == Status.CONFIRMED and seats(event) == 1
    assert mailoutbox[1].attachments  # now the invitation
    assert service.confirm_address(confirmed).already_registered  # the link clicked twice


def test_a_guest_registering_again_is_told_by_mail_not_on_the_page(event, sending, mailoutbox):
    first = confirmed_guest(event, "piet@eemnes.nl")
    mailoutbox.clear()  # the address's earlier confirmation mails
    caches["default"].clear()  # the resend window after the first e-mail has passed
    with sending():
        outcome = service.register_guest(event, name="Iemand anders", email="PIET@eemnes.nl")
        service.register_guest(event, name="Iemand anders", email="piet@eemnes.nl")  # within the window
    assert outcome.already_registered and outcome.registration.pk == first.pk
    assert outcome.registration.name == "Gast"  # nothing overwritten by the second form
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == f"U bent al aangemeld: {event.title}"


def test_a_full_event_puts_people_on_the_waiting_list_in_order(make_member):
    event = EventPageFactory(capacity=2)
    members = [make_member(f"Lid {n}", f"lid{n}@bar.nl") for n in range(4)]
    statuses = [service.register_member(event, m, name=m.first_name).registration.status for m in members]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]
    assert registration_state(event) == RegistrationState.WAITING_LIST


def test_cancelling_promotes_the_first_on_the_waiting_list(make_member, sending, mailoutbox):
    event = EventPageFactory(capacity=1)
    first, second, third = (
        service.register_member(event, make_member(f"Lid {n}", f"lid{n}@bel.nl"), name=f"Lid {n}").registration
        for n in range(3)
    )
    mailoutbox.clear()
    with sending():
        service.cancel(first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CONFIRMED and third.status == Status.WAITLISTED
    assert seats(event) == 1
    recipients = {tuple(message.to): message for message in mailoutbox}
    assert ("lid1@bel.nl",) in recipients and recipients[("lid1@bel.nl",)].attachments
    assert ("lid0@bel.nl",) in recipients  # the cancellation confirmation
    assert service.cancel(first).status == Status.CANCELLED  # cancelling twice is harmless
    assert seats(event) == 1


def test_without_waiting_list_a_full_event_refuses(member, make_member):
    event = EventPageFactory(capacity=1, waiting_list=False)
    service.register_member(event, member, name="Anna")
    with pytest.raises(service.RegistrationRefused) as refused:
        service.register_member(event, make_member("Bob", "bob@oostzaan.nl"), name="Bob")
    assert "vol" in str(refused.value.message)
    assert registration_state(event) == RegistrationState.FULL


@pytest.mark.parametrize(
    "overrides, state",
    [
        ({"registration_opens": timezone.now() + timedelta(days=2)}, RegistrationState.NOT_YET_OPEN),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, RegistrationState.CLOSED),
        ({"start": timezone.now() - timedelta(days=3)}, RegistrationState.PAST),
        ({"registration_enabled": False}, RegistrationState.NONE),
    ],
)
def test_closed_states_refuse_with_a_reason(overrides, state, member):
    event = EventPageFactory(**overrides)
    assert registration_state(event) == state
    with pytest.raises(service.RegistrationRefused) as refused:
        service.register_member(event, member, name="Anna")
    assert refused.value.message
    assert not EventRegistration.objects.filter(event=event).exists()


def test_members_only_events_refuse_guests(db):
    event = EventPageFactory(audience=Audience.MEMBERS)
    with pytest.raises(service.RegistrationRefused):
        guest(event, "gast@wormerland.nl")


def test_cancelling_an_event_tells_everyone_once(make_member, sending, mailoutbox):
    event = EventPageFactory(capacity=1)
    service.register_member(event, make_member("Lid A", "a@bar.nl"), name="A")
    service.register_member(event, make_member("Lid B", "b@bar.nl"), name="B")  # waiting list
    guest(event, "c@bar.nl")  # never confirmed
    mailoutbox.clear()
    with sending():
        told = service.cancel_event(event, "De zaal is niet beschikbaar.")
    assert told == 3
    assert service.cancel_event(event, "nogmaals") == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["a@bar.nl", "b@bar.nl", "c@bar.nl"]
    assert all("De zaal is niet beschikbaar." in m.body for m in mailoutbox)
    assert "STATUS:CANCELLED" in mailoutbox[0].attachments[0][1]
    event.refresh_from_db()
    assert registration_state(event) == RegistrationState.CANCELLED
    assert set(event.registrations.values_list("status", flat=True)) == {Status.CANCELLED}


def test_raising_the_capacity_moves_people_up(make_member):
    event = EventPageFactory(capacity=1)
    for n in range(3):
        service.register_member(event, make_member(f"Lid {n}", f"lid{n}@over.nl"), name=f"Lid {n}")
    event.capacity = 2
    event.save_revision().publish()
    assert seats(event) == 2
    assert event.registrations.filter(status=Status.WAITLISTED).count() == 1


def test_a_cancelled_registration_can_register_again(event, member):
    first = service.register_member(event, member, name="Anna").registration
    service.cancel(first)
    again = service.register_member(event, member, name="Anna").registration
    assert again.pk == first.pk and again.status == Status.CONFIRMED
