"""Fixtures for the community tests: categories, members with verified addresses, moderators."""

import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from community.models import Category, CategoryAccess

PASSWORD = "een-lang-wachtwoord-2026"


def current_code(secret):
    """The authenticator app's code now, taken early enough in its 30-second period that the
    server still accepts it (allauth allows no clock drift by default)."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def make_user(username, *, verified=True, joined_days_ago=100, groups=(), **extra):
    user = get_user_model().objects.create_user(username, f"{username}@voorbeeld.nl", PASSWORD, **extra)
    user.date_joined = timezone.now() - timedelta(days=joined_days_ago)
    user.save(update_fields=["date_joined"])
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def public_category(db):
    return Category.objects.create(name="Verrekening (test)", slug="test-verrekening", access=CategoryAccess.PUBLIC)


@pytest.fixture
def members_category(db):
    return Category.objects.create(name="Besloten overleg (test)", slug="test-besloten", access=CategoryAccess.MEMBERS)


@pytest.fixture
def member(db):
    return make_user("anna", first_name="Anna", last_name="de Vries")


@pytest.fixture
def other_member(db):
    return make_user("bert", first_name="Bert", last_name="Bos")


@pytest.fixture
def moderator(db):
    return make_user("moderator", groups=["Moderators"])
