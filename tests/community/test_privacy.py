"""A member's data: the JSON export, and deleting the account."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from community import posting
from community.models import MemberProfile
from events import registration as registrations
from events.models import EventRegistration, RegistrationStatus
from tests.factories import PASSWORD, EventPageFactory, MemberFactory


@pytest.fixture
def active_member(member, public_category):
    MemberProfile.objects.create(user=member, function="griffier", organisation="Gemeente Laren")
    topic = posting.start_topic(member, public_category, "Raadsinformatie", "Hoe informeren jullie drie raden?")
    return member, topic


def test_the_export_holds_everything_about_the_member(client, active_member):
    member, topic = active_member
    event = EventPageFactory(questions=[])
    registrations.register_member(event, member, name="Anna de Vries", organisation="Gemeente Laren")
    client.force_login(member)
    response = client.get(reverse("community:download_my_data"))
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["function"] == "griffier"
    assert data["topics_started"][0]["title"] == "Raadsinformatie"
    assert data["posts"][0]["text"] == "Hoe informeren jullie drie raden?"
    assert data["event_registrations"][0]["event"] == event.title
    assert "password" not in response.content.decode()


def test_the_export_holds_the_member_s_search_alerts_and_deleting_ends_them(client, active_member):
    from community.privacy import delete_account
    from search import alerts
    from search.models_alerts import SearchAlert

    member, _ = active_member
    alerts.subscribe("", "q=verrekenmodel", "weekly", user=member)
    client.force_login(member)
    data = json.loads(client.get(reverse("community:download_my_data")).content)
    assert data["search_alerts"] == [
        {"search": "q=verrekenmodel", "frequency": "weekly", "since": data["search_alerts"][0]["since"]}
    ]
    delete_account(member)
    assert not SearchAlert.objects.filter(email=member.email).exists()


def test_deleting_needs_the_password(client, active_member):
    member, _ = active_member
    client.force_login(member)
    response = client.post(reverse("community:my_data"), {"password": "verkeerd", "confirm": "on"})
    assert response.status_code == 200 and get_user_model().objects.filter(pk=member.pk).exists()


def test_deleting_keeps_the_threads_and_frees_the_places(client, active_member, other_member):
    member, topic = active_member
    posting.reply(other_member, topic, "Wij sturen een maandelijkse brief.")
    event = EventPageFactory(capacity=1, questions=[])
    registrations.register_member(event, member, name="Anna")
    waiting = registrations.register_member(event, MemberFactory(username="wachtende"), name="W").registration
    past = EventPageFactory(start=timezone.now() - timedelta(days=30), questions=[])
    EventRegistration.objects.create(
        event=past, user=member, name="Anna", email=member.email, status=RegistrationStatus.CONFIRMED
    )

    client.force_login(member)
    response = client.post(reverse("community:my_data"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in client.session
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Hoe informeren jullie drie raden?" in html and "verwijderde gebruiker" in html
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED  # moved up into the freed place
    assert not EventRegistration.objects.filter(email__iexact="anna@voorbeeld.nl").exists()
    assert past.registrations.get().anonymised_at and past.registrations.get().status == RegistrationStatus.CONFIRMED
