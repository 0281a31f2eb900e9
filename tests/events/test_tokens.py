"""A link mailed for one registration never acts on a later one: registering again (one row per
address per event) gives a new token."""

from django.urls import reverse

from events import registration as service
from events.models import EventRegistration, RegistrationStatus
from tests.factories import EventPageFactory

Status = RegistrationStatus


def test_a_member_who_registers_again_gets_a_new_token(client, member):
    event = EventPageFactory(questions=[])
    first = service.register_member(event, member, name="Anna").registration
    old_token = first.token
    service.cancel(first)
    again = service.register_member(event, member, name="Anna").registration
    assert again.pk == first.pk and again.token != old_token
    assert client.post(reverse("registration_cancel", args=[old_token])).status_code == 404
    assert EventRegistration.objects.get(pk=again.pk).status == Status.CONFIRMED


def test_a_guest_who_registers_again_gets_a_new_token(client, db):
    event = EventPageFactory(questions=[])
    first = service.register_guest(event, name="Gijs", email="gijs@laren.nl").registration
    old_token = first.token
    service.cancel(first)
    again = service.register_guest(event, name="Gijs", email="gijs@laren.nl").registration
    assert again.pk == first.pk and again.token != old_token and again.status == Status.PENDING
    assert client.post(reverse("registration_confirm", args=[old_token])).status_code == 404
    assert client.post(reverse("registration_cancel", args=[old_token])).status_code == 404
    assert EventRegistration.objects.get(pk=again.pk).status == Status.PENDING


def test_a_member_taking_over_an_unconfirmed_guest_row_gets_a_new_token(client, member):
    event = EventPageFactory(questions=[])
    pending = service.register_guest(event, name="Iemand", email="anna@ridderkerk.nl").registration
    registration = service.register_member(event, member, name="Anna de Vries").registration
    assert registration.pk == pending.pk and registration.status == Status.CONFIRMED
    assert registration.token != pending.token and registration.user == member
    assert client.post(reverse("registration_cancel", args=[pending.token])).status_code == 404


def test_a_guest_reusing_a_members_cancelled_row_is_a_guest_registration(member):
    event = EventPageFactory(questions=[])
    service.cancel(service.register_member(event, member, name="Anna de Vries").registration)
    again = service.register_guest(event, name="Anna", email="anna@ridderkerk.nl").registration
    assert again.status == Status.PENDING and again.user is None
