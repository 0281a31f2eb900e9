"""Fixtures for the event registration tests: fresh events with registration, members, mail."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import Audience, EventIndexPage, EventPage, EventQuestion

_numbers = itertools.count(1)


def make_event(**overrides):
    """A published event three weeks ahead that takes registrations, with one required question."""
    start = overrides.pop("start", timezone.now() + timedelta(days=21))
    number = next(_numbers)
    fields = {
        "title": f"Werkconferentie ambtelijke samenwerking {number}",
        "slug": f"werkconferentie-{number}-{timezone.now().timestamp():.0f}",
        "start": start,
        "end": start + timedelta(hours=6),
        "venue": "Stadhuis Ridderkerk",
        "address": "Koningsplein 1, Ridderkerk",
        "summary": "Een dag over sturing en verrekening in de ambtelijke fusie.",
        "registration_enabled": True,
        "capacity": 10,
        "waiting_list": True,
        "audience": Audience.EVERYONE,
    }
    fields.update(overrides)
    questions = fields.pop("questions", [EventQuestion(label="Functie", kind=EventQuestion.Kind.TEXT, required=True)])
    event = EventPage(**fields)
    event.questions = questions
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def event(db):
    return make_event()


@pytest.fixture
def make_member(db):
    def make(name="Anna de Vries", email="anna@ridderkerk.nl"):
        first, _, last = name.partition(" ")
        return get_user_model().objects.create_user(
            email.split("@")[0], email, "een-lang-wachtwoord-2026", first_name=first, last_name=last,
        )
    return make


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """``with sending():`` runs the after-commit callbacks, so the e-mails queued inside go out."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def seats(event):
    from events.availability import confirmed_count

    return confirmed_count(event)
