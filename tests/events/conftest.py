"""Fixtures for the event registration tests: fresh events with registration, members, mail."""

import pytest

from tests.factories import EventPageFactory, UserFactory


@pytest.fixture
def event(db):
    return EventPageFactory()


@pytest.fixture
def make_member(db):
    def make(name="Anna de Vries", email="anna@ridderkerk.nl"):
        first, _, last = name.partition(" ")
        return UserFactory(username=email.split("@")[0], email=email, first_name=first, last_name=last)

    return make


@pytest.fixture
def member(make_member):
    return make_member()


def seats(event):
    from events.availability import confirmed_count

    return confirmed_count(event)
