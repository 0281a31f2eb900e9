"""Accounts: sign-up with verification, no account enumeration, rate-limited logins, one login
for members and the admin, and two-factor authentication required for staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, MemberFactory


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()  # rate-limit counters are in the cache
    yield
    cache.clear()


def verified_member(email="lid@bel.nl", **extra):
    return MemberFactory(username=email.split("@")[0], email=email, **extra)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_up_requires_a_strong_password_and_a_verified_address(client, mailoutbox):
    weak = client.post(
        reverse("account_signup"), {"email": "nieuw@laren.nl", "password1": "wachtwoord", "password2": "wachtwoord"}
    )
    assert "Dit wachtwoord is te kort" in weak.content.decode()  # in Dutch
    assert not get_user_model().objects.filter(email="nieuw@laren.nl").exists()
    client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@laren.nl",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nieuw",
            "last_name": "Lid",
        },
    )
    user = get_user_model().objects.get(email="nieuw@laren.nl")
    assert user.get_full_name() == "Nieuw Lid"  # members appear by name, not by a generated username
    assert len(mailoutbox) == 1 and "nieuw@laren.nl" in mailoutbox[0].to
    client.logout()
    response = log_in(client, "nieuw@laren.nl")  # not verified yet: no session
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://\S+/account/confirm-email/\S+", mailoutbox[0].body).group(0)
    client.post(link.split("//", 1)[1][link.split("//", 1)[1].index("/") :])
    assert EmailAddress.objects.get(email="nieuw@laren.nl").verified
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")


def test_password_reset_does_not_reveal_who_has_an_account(client, mailoutbox):
    verified_member("bestaat@bar.nl")
    known = client.post(reverse("account_reset_password"), {"email": "bestaat@bar.nl"})
    unknown = client.post(reverse("account_reset_password"), {"email": "bestaat-niet@bar.nl"})
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert [m.to for m in mailoutbox] == [
        ["bestaat@bar.nl"],
        ["bestaat-niet@bar.nl"],
    ]  # the unknown one is told there is no account


def test_repeated_failed_logins_are_rate_limited(client):
    verified_member("doelwit@over.nl")
    pages = [log_in(client, "doelwit@over.nl", "fout-wachtwoord-123").content.decode() for _ in range(6)]
    limited = "Te veel inlogpogingen"
    assert limited not in pages[0] and limited in pages[-1]
    assert limited in log_in(client, "doelwit@over.nl").content.decode()  # even the right password, for now
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_the_site_login(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) and "next=/admin/pages/" in response.url
    assert client.get("/admin/").url.startswith(reverse("account_login"))


def test_members_do_not_need_two_factor(client, settings, db):
    settings.STAFF_MFA_REQUIRED = True
    member = verified_member("lid@wormerland.nl")
    response = log_in(client, "lid@wormerland.nl")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(member.pk)


def test_the_login_page_is_dutch_and_in_the_site_layout(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="kp-header"' in html and "Wachtwoord" in html


def test_a_member_opening_the_admin_is_not_sent_round_in_circles(client, db):
    member = verified_member("nieuwsgierig@bar.nl")
    client.force_login(member)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200 and len(response.redirect_chain) <= 3
    assert response.request["PATH_INFO"] == reverse("account_login")


def test_a_bot_filling_the_honeypot_gets_no_account(client, db):
    client.post(
        reverse("account_signup"),
        {
            "email": "bot@spam.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Bot",
            "last_name": "Bot",
            "website": "http://spam.example",
        },
    )
    assert not get_user_model().objects.filter(email="bot@spam.example").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/abc-123/",
        "/admin/password_reset/complete/",
    ],
)
def test_the_admin_has_no_password_reset_of_its_own(client, mailoutbox, path):
    """Wagtail's reset had none of allauth's limits and leaked by timing whether an address exists."""
    verified_member("redacteur@bel.nl", is_staff=True)
    response = client.post(path, {"email": "redacteur@bel.nl"})
    assert response.status_code == 302 and response.url == reverse("account_reset_password")
    assert mailoutbox == []
    assert 'href="/admin/password_reset/"' not in client.get(reverse("account_login")).content.decode()
