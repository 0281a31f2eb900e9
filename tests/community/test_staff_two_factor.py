"""Two-factor authentication for every staff capability (admin, moderation, exports), decided
by permission, and only for a session that actually passed the second factor.

Before: the requirement covered only /admin/ and was decided by group names, so a moderator
without an authenticator app could move members-only topics, read hidden posts and suspend
members at /moderatie/, and a session that logged in with the password alone was enough.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse

from community.models import Topic
from tests.factories import PASSWORD, MemberFactory

from .conftest import current_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.STAFF_MFA_REQUIRED = True
    cache.clear()  # allauth's rate limits
    yield
    cache.clear()


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def with_app(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("url", ["/admin/pages/", "/moderatie/", "/moderatie/logboek/", "/discussies/", "/"])
def test_a_moderator_without_an_app_must_set_one_up_first(client, url):
    client.force_login(MemberFactory(username="moderator", groups=["Moderators"]))
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_activate_totp"))
    assert "next=" in response.url


def test_no_moderation_action_goes_through_without_the_second_factor(client, public_category):
    moderator = MemberFactory(username="moderator", groups=["Moderators"])
    author = MemberFactory(username="auteur")
    topic = Topic.objects.create(category=public_category, title="Onderwerp", author=author)
    client.force_login(moderator)
    response = client.post(reverse("community:moderation_topic", args=[topic.pk]), {"action": "lock"})
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_activate_totp"))
    topic.refresh_from_db()
    assert not topic.locked


def test_a_session_without_the_code_is_asked_for_it(client):
    editor = MemberFactory(username="redacteur", groups=["Editors"])
    secret = with_app(editor)
    client.force_login(editor)  # e.g. a session from before the app was set up
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_logging_in_with_the_code_opens_the_admin_and_moderation(client):
    editor = MemberFactory(username="redacteur", groups=["Editors"])
    secret = with_app(editor)
    response = log_in(client, editor)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200
    assert client.get("/moderatie/").status_code == 200


def test_setting_up_the_app_counts_as_passing_the_second_factor(rf):
    """allauth sends authenticator_added after the activation commits, inside the request (in
    a test transaction the callback would only run after the response, so it is sent here)."""
    from allauth.mfa import signals
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.backends.db import SessionStore

    from core.security import passed_two_factor

    editor = MemberFactory(username="redacteur", groups=["Editors"])
    request = rf.get("/account/2fa/totp/activate/")
    request.user, request.session = editor, SessionStore()
    assert not passed_two_factor(request)
    authenticator = TOTP.activate(editor, generate_totp_secret()).instance
    signals.authenticator_added.send(sender=Authenticator, request=request, user=editor, authenticator=authenticator)
    assert passed_two_factor(request)


def test_the_requirement_follows_the_permission_not_the_group_name(client):
    """A group with any other name that may export registrations is staff too; a group named
    'Moderators' that lost its permissions is not."""
    exporters = Group.objects.create(name="Evenementenbureau")
    exporters.permissions.add(Permission.objects.get(codename="view_eventregistration"))
    organiser = MemberFactory(username="organisator")
    organiser.groups.add(exporters)
    client.force_login(organiser)
    assert client.get("/").url.startswith(reverse("mfa_activate_totp"))

    hollow = Group.objects.create(name="Moderators (oud)")
    former = MemberFactory(username="oud-moderator")
    former.groups.add(hollow)
    client.force_login(former)
    assert client.get("/").status_code == 200


def test_members_never_need_a_second_factor(client):
    member = MemberFactory(username="lid")
    response = log_in(client, member)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(member.pk)
    assert client.get("/discussies/").status_code == 200


def test_the_account_pages_stay_open_to_set_it_up_or_log_out(client):
    client.force_login(MemberFactory(username="moderator", groups=["Moderators"]))
    assert client.get(reverse("mfa_activate_totp"), follow=True).status_code == 200  # via allauth's password check
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
