"""Moderation (flag → hide → restore, lock, pin, move, suspend, the log), the permission
matrix, XSS payloads in every user field, and CSRF on every form."""

from html.parser import HTMLParser
from unittest.mock import patch

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from community import moderation, posting
from community.models import Category, Flag, MemberProfile, ModerationAction, Post, Suspension, Topic
from tests.factories import MemberFactory

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"><svg onload=alert(1)>'


@pytest.fixture
def topic(member, public_category):
    return posting.start_topic(member, public_category, "Kostenverdeling", "Onze ervaring met de verdeelsleutel")


def test_flag_then_hide_then_restore(client, topic, member, other_member, moderator):
    post = posting.reply(member, topic, "Koop nu goedkope horloges")
    client.force_login(other_member)
    client.post(reverse("community:flag_post", args=[post.pk]), {"reason": "spam", "explanation": "reclame"})
    client.post(reverse("community:flag_post", args=[post.pk]), {"reason": "spam"})  # twice: still one
    assert Flag.objects.filter(post=post).count() == 1
    client.force_login(moderator)
    queue = client.get(reverse("community:moderation_queue")).content.decode()
    assert "Koop nu goedkope horloges" in queue and "reclame" in queue
    client.post(reverse("community:moderation_post", args=[post.pk]), {"action": "hide", "reason": ""})
    post.refresh_from_db()
    assert not post.hidden  # a reason is required
    client.post(reverse("community:moderation_post", args=[post.pk]), {"action": "hide", "reason": "Spam"})
    post.refresh_from_db()
    assert post.hidden and Flag.objects.get(post=post).resolved_at
    assert "Koop nu" not in client.get(reverse("community:moderation_queue")).content.decode()
    client.logout()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Koop nu" not in html and "door een moderator verborgen" in html
    client.force_login(moderator)
    client.post(reverse("community:moderation_post", args=[post.pk]), {"action": "restore"})
    post.refresh_from_db()
    assert not post.hidden
    kinds = list(ModerationAction.objects.order_by("created_at").values_list("kind", flat=True))
    assert kinds == ["hide", "restore"]
    assert "Spam" in client.get(reverse("community:moderation_log")).content.decode()


def test_hiding_the_opening_post_hides_the_topic(client, topic, moderator):
    moderation.hide_post(moderator, topic.posts.get(), "Privacy")
    topic.refresh_from_db()
    assert topic.hidden
    assert client.get(topic.get_absolute_url()).status_code in (302, 404)
    assert "Kostenverdeling" not in client.get(topic.category.get_absolute_url()).content.decode()


def test_lock_pin_and_move(client, topic, moderator, members_category, other_member):
    client.force_login(moderator)
    url = reverse("community:moderation_topic", args=[topic.pk])
    client.post(url, {"action": "lock"})
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "move", "category": members_category.pk})
    topic.refresh_from_db()
    assert topic.locked and topic.pinned and topic.category == members_category
    with pytest.raises(posting.PostingRefused):
        posting.reply(other_member, topic, "Nog iets")
    assert ModerationAction.objects.filter(topic=topic).count() == 3


def test_a_suspended_member_cannot_post_and_sees_why(client, topic, other_member, moderator):
    client.force_login(moderator)
    client.post(
        reverse("community:moderation_member", args=[other_member.username]),
        {"action": "suspend", "reason": "Herhaald schelden"},
    )
    with pytest.raises(posting.PostingRefused):
        posting.reply(other_member, topic, "Toch")
    client.force_login(other_member)
    assert "Herhaald schelden" in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(moderator)
    client.post(reverse("community:moderation_member", args=[other_member.username]), {"action": "lift"})
    assert posting.reply(other_member, topic, "Weer welkom")


# --- Permission matrix -------------------------------------------------------------------
ROLES = ["anonymous", "member", "moderator", "editor"]


@pytest.fixture
def as_role(client, db):
    users = {
        "member": lambda: MemberFactory(username="gewoonlid"),
        "moderator": lambda: MemberFactory(username="mod", groups=["Moderators"]),
        "editor": lambda: MemberFactory(username="red", groups=["Editors"], is_staff=True),
    }

    def login(role):
        if role != "anonymous":
            client.force_login(users[role]())
        return client

    return login


def _urls(topic, members_topic):
    post = topic.posts.get()
    return {
        "read public topic": ("get", topic.get_absolute_url(), {}),
        "read members-only topic": ("get", members_topic.get_absolute_url(), {}),
        "reply": ("post", reverse("community:reply", args=[topic.pk]), {"body": "Reactie"}),
        "start topic": (
            "post",
            reverse("community:new_topic", args=[topic.category.slug]),
            {"title": "T", "body": "B"},
        ),
        "edit someone's post": ("post", reverse("community:edit_post", args=[post.pk]), {"body": "Gekaapt"}),
        "flag": ("post", reverse("community:flag_post", args=[post.pk]), {"reason": "spam"}),
        "directory": ("get", reverse("community:directory"), {}),
        "moderation queue": ("get", reverse("community:moderation_queue"), {}),
        "hide a post": (
            "post",
            reverse("community:moderation_post", args=[post.pk]),
            {"action": "hide", "reason": "x"},
        ),
        "lock a topic": ("post", reverse("community:moderation_topic", args=[topic.pk]), {"action": "lock"}),
    }


ALLOWED = {
    "read public topic": {"anonymous", "member", "moderator", "editor"},
    "read members-only topic": {"member", "moderator", "editor"},
    "reply": {"member", "moderator", "editor"},
    "start topic": {"member", "moderator", "editor"},
    "edit someone's post": set(),
    "flag": {"member", "moderator", "editor"},
    "directory": {"member", "moderator", "editor"},
    "moderation queue": {"moderator", "editor"},
    "hide a post": {"moderator", "editor"},
    "lock a topic": {"moderator", "editor"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(as_role, role, action, member, public_category, members_category):
    topic = posting.start_topic(member, public_category, "Openbaar", "Tekst")
    members_topic = posting.start_topic(member, members_category, "Besloten", "Tekst")
    method, url, data = _urls(topic, members_topic)[action]
    response = getattr(as_role(role), method)(url, data)
    if role in ALLOWED[action]:
        # A page is shown; a form that was sent redirects to where its result is.
        assert response.status_code == (200 if method == "get" else 302)
        assert "/account/login/" not in response.get("Location", "")
    else:
        assert response.status_code in (302, 403, 404, 405)
        if response.status_code == 302:
            assert "/account/login/" in response["Location"]
    if action == "edit someone's post":
        assert topic.posts.get().body == "Tekst"


# --- XSS and CSRF --------------------------------------------------------------------------
class ActiveContent(HTMLParser):
    """Collects what a browser would run: event-handler attributes, javascript: URLs, and
    scripts or SVGs that came from user input."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append((tag, name, value))
        if tag in ("script", "svg", "iframe"):
            self.in_script = tag == "script"
            if tag != "script":
                self.found.append((tag, "", ""))

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append(("script", "", data))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


def test_xss_in_every_user_field_is_harmless(client, member, other_member, public_category, moderator):
    member.first_name = XSS
    member.save()
    MemberProfile.objects.create(user=member, function=XSS, organisation=XSS, bio=XSS)
    topic = posting.start_topic(member, public_category, XSS, f"{XSS}\n\n[klik](javascript:alert(1))")
    post = topic.posts.get()
    Flag.objects.create(post=post, reporter=other_member, reason="spam", explanation=XSS)
    moderation.suspend(moderator, other_member, XSS)
    client.force_login(moderator)
    pages = [
        topic.get_absolute_url(),
        public_category.get_absolute_url(),
        reverse("community:directory"),
        reverse("community:member", args=[member.username]),
        reverse("community:moderation_queue"),
        reverse("community:moderation_log"),
        reverse("community:moderation_member", args=[other_member.username]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert active_content(html) == [], url
        assert "&lt;script&gt;" in html or "alert" not in html, url  # shown as text, if at all


def test_every_community_form_needs_a_csrf_token(member, moderator, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    post = topic.posts.get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    posts = [
        (reverse("community:reply", args=[topic.pk]), {"body": "x"}),
        (reverse("community:new_topic", args=[public_category.slug]), {"title": "x", "body": "x"}),
        (reverse("community:flag_post", args=[post.pk]), {"reason": "spam"}),
        (reverse("community:subscription", args=[topic.pk]), {}),
        (reverse("community:edit_profile"), {"first_name": "x"}),
        (reverse("community:moderation_post", args=[post.pk]), {"action": "hide", "reason": "x"}),
        (reverse("community:moderation_topic", args=[topic.pk]), {"action": "lock"}),
        (reverse("community:moderation_member", args=[member.username]), {"action": "suspend", "reason": "x"}),
    ]
    for url, data in posts:
        assert strict.post(url, data).status_code == 403, url
    topic.refresh_from_db()
    assert not topic.locked and topic.posts.count() == 1


def test_the_queue_lists_only_posts_with_open_reports(topic, member, other_member, moderator):
    reported = posting.reply(member, topic, "Gemeld")
    Flag.objects.create(post=reported, reporter=other_member, reason="spam")
    assert list(moderation.open_flags()) == [reported]
    moderation.dismiss_flags(moderator, reported)
    assert list(moderation.open_flags()) == []


# --- An action and its log line: both or neither ----------------------------------------------
ACTIONS = {
    "lock": lambda mod, topic, post, member: moderation.set_locked(mod, topic, True),
    "pin": lambda mod, topic, post, member: moderation.set_pinned(mod, topic, True),
    "move": lambda mod, topic, post, member: moderation.move_topic(
        mod, topic, Category.objects.exclude(pk=topic.category_id).first()
    ),
    "hide": lambda mod, topic, post, member: moderation.hide_post(mod, post, "Spam"),
    "restore": lambda mod, topic, post, member: moderation.restore_post(mod, post),
    "dismiss": lambda mod, topic, post, member: moderation.dismiss_flags(mod, post),
    "suspend": lambda mod, topic, post, member: moderation.suspend(mod, member, "Schelden"),
    "lift": lambda mod, topic, post, member: moderation.lift_suspensions(mod, member),
}


def _state(topic, post, member):
    topic.refresh_from_db()
    post.refresh_from_db()
    return (
        topic.locked,
        topic.pinned,
        topic.category_id,
        topic.hidden,
        post.hidden,
        list(Flag.objects.filter(post=post).values_list("resolved_at", flat=True)),
        list(Suspension.objects.filter(member=member).values_list("pk", "lifted_at")),
    )


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_action_whose_log_line_fails_is_undone(action, topic, member, other_member, moderator, members_category):
    post = posting.reply(member, topic, "Koop nu")
    Flag.objects.create(post=post, reporter=other_member, reason="spam")
    if action == "restore":
        moderation.hide_post(moderator, post, "Spam")
    if action == "lift":
        moderation.suspend(moderator, member, "Schelden")
    before, logged = _state(topic, post, member), ModerationAction.objects.count()
    with patch.object(ModerationAction.objects, "create", side_effect=DatabaseError("the log is unavailable")):
        with pytest.raises(DatabaseError):
            ACTIONS[action](moderator, Topic.objects.get(pk=topic.pk), Post.objects.get(pk=post.pk), member)
    assert _state(topic, post, member) == before and ModerationAction.objects.count() == logged
