"""Fixtures for the community tests: categories, members with verified addresses, moderators
(made by tests/factories.py), and the authenticator app's current code."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from community.models import CategoryAccess
from tests.factories import CategoryFactory, MemberFactory


def current_code(secret):
    """The authenticator app's code now, taken early enough in its 30-second period that the
    server still accepts it (allauth allows no clock drift by default)."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def public_category(db):
    return CategoryFactory(name="Verrekening (test)", slug="test-verrekening", access=CategoryAccess.PUBLIC)


@pytest.fixture
def members_category(db):
    return CategoryFactory(name="Besloten overleg (test)", slug="test-besloten", access=CategoryAccess.MEMBERS)


@pytest.fixture
def member(db):
    return MemberFactory(username="anna", first_name="Anna", last_name="de Vries")


@pytest.fixture
def other_member(db):
    return MemberFactory(username="bert", first_name="Bert", last_name="Bos")


@pytest.fixture
def moderator(db):
    return MemberFactory(username="moderator", groups=["Moderators"])
