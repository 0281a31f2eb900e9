"""allauth's e-mails and messages address people by name and are signed with the site's name.

Before: "Hallo van 127.0.0.1:8000!" and "Bedankt voor het gebruiken van 127.0.0.1:8000!" (the
request's host as the site's name), "gebruiker anna" (the generated username, which members
never see anywhere else) and "U bent ingelogd als anna".
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

USERNAME = "lid-7f3k"  # allauth makes usernames like this one; nobody knows theirs
HOST = "testserver"  # the host of the test client's requests


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # allauth's rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return MemberFactory(username=USERNAME, first_name="Anna", last_name="de Vries")


def words(body):
    """The mail's text without its links and addresses: where a host or username must not be."""
    return re.sub(r"\S+@\S+", "", re.sub(r"https?://\S+", "", body))


def assert_signed_by_the_site(body):
    assert settings.WAGTAIL_SITE_NAME in body
    assert HOST not in words(body)
    for allauth_greeting in ("Hello from", "Hallo van", "Thank you for using", "Bedankt voor het"):
        assert allauth_greeting not in body


def assert_greets(body, name):
    first_line = body.splitlines()[0]
    assert name in first_line
    assert USERNAME not in words(body)


def the_mail(mailoutbox, to):
    mails = [mail for mail in mailoutbox if to in mail.to]
    assert len(mails) == 1, [mail.subject for mail in mailoutbox]
    return mails[0]


def test_the_verification_mail_greets_the_new_member_by_name(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@laren.nl",
            "first_name": "Nina",
            "last_name": "Nieuwenhuis",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    body = the_mail(mailoutbox, "nieuw@laren.nl").body
    assert_greets(body, "Nina Nieuwenhuis")
    assert_signed_by_the_site(body)
    assert re.search(r"https?://\S+/account/confirm-email/\S+/", body)
    assert get_user_model().objects.get(email="nieuw@laren.nl").get_username() not in words(body)


def test_a_new_verification_mail_greets_by_name_too(client, member, mailoutbox):
    EmailAddress.objects.create(user=member, email="tweede@bel.nl", verified=False, primary=False)
    client.force_login(member)
    client.post(reverse("account_email"), {"action_send": "", "email": "tweede@bel.nl"})
    body = the_mail(mailoutbox, "tweede@bel.nl").body
    assert_greets(body, "Anna de Vries")
    assert_signed_by_the_site(body)


def test_the_password_reset_mail_greets_by_name(client, member, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": member.email})
    body = the_mail(mailoutbox, member.email).body
    assert_greets(body, "Anna de Vries")
    assert_signed_by_the_site(body)
    assert re.search(r"https?://\S+/account/password/reset/key/\S+/", body)


def test_signing_up_with_a_known_address_tells_its_owner_by_name(client, member, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": member.email,
            "first_name": "Iemand",
            "last_name": "Anders",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    body = the_mail(mailoutbox, member.email).body
    assert_greets(body, "Anna de Vries")  # the owner of the address, not the name typed in the form
    assert "Iemand" not in body
    assert_signed_by_the_site(body)


def test_a_mail_to_an_address_without_an_account_greets_nobody_by_name(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "onbekend@over.nl"})
    body = the_mail(mailoutbox, "onbekend@over.nl").body
    assert "onbekend" not in body.splitlines()[0]
    assert_signed_by_the_site(body)


def test_security_notifications_greet_by_name(client, member, mailoutbox, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "een-nieuw-wachtwoord-2026",
            "password2": "een-nieuw-wachtwoord-2026",
        },
    )
    body = the_mail(mailoutbox, member.email).body
    assert_greets(body, "Anna de Vries")
    assert_signed_by_the_site(body)


def test_logging_in_says_the_member_s_name_not_the_username(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD}, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert any("Anna de Vries" in message for message in said), said
    assert not any(USERNAME in message for message in said)


def test_an_account_without_a_name_is_shown_by_its_address(client):
    nameless = MemberFactory(username="redacteur-9x2", first_name="", last_name="")
    client.force_login(nameless)
    page = client.get(reverse("account_reset_password")).content.decode()  # "You are already logged in as ..."
    assert nameless.email in page and "redacteur-9x2 " not in page.replace(nameless.email, "")
