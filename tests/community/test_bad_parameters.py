"""No community URL answers 500 to junk in its parameters: bad values are ignored (or refused
with a message), and a quote never carries a deleted member's real name."""

import re

import pytest
from django.urls import reverse

from community import posting
from community.models import ModerationAction
from community.privacy import delete_account

JUNK = [
    "abc",
    "",
    "-1",
    "0",
    "1.5",
    "1e3",
    "99999999999999999999999999",
    "\x00",
    "１２",
    "%",
    "' OR 1=1 --",
    "x" * 5000,
]


def reply_box(html):
    return re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1).strip()


@pytest.fixture
def topic(member, public_category):
    return posting.start_topic(member, public_category, "Onderwerp", "Eerste bericht")


@pytest.mark.parametrize("value", JUNK)
def test_a_bad_quote_parameter_quotes_nothing(client, topic, other_member, value):
    client.force_login(other_member)
    response = client.get(topic.get_absolute_url(), {"citeer": value})
    assert response.status_code == 200 and reply_box(response.content.decode()) == ""


def test_a_quote_of_a_deleted_account_names_nobody(client, topic, member, other_member):
    post = topic.posts.get()
    delete_account(member)
    client.force_login(other_member)
    box = reply_box(client.get(topic.get_absolute_url(), {"citeer": post.pk}).content.decode())
    assert "verwijderde gebruiker" in box and "Eerste bericht" in box
    assert "Anna" not in box and "Vries" not in box and "@anna" not in box


def _community_urls(topic):
    post = topic.posts.get()
    return [
        reverse("community:categories"),
        topic.category.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("community:edit_post", args=[post.pk]),
        reverse("community:flag_post", args=[post.pk]),
        reverse("community:directory"),
        reverse("community:member", args=["anna"]),
        reverse("community:member_photo", args=["anna"]),
        reverse("community:edit_profile"),
        reverse("community:my_data"),
        reverse("community:notification_settings"),
        reverse("community:moderation_queue"),
        reverse("community:moderation_log"),
        reverse("community:moderation_member", args=["anna"]),
        reverse("community:unsubscribe", args=["x:y:z"]),
        "/discussies/onderwerp/99999999999999999999999999/",
        "/discussies/bericht/99999999999999999999999/wijzigen/",
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "moderator"])
def test_no_community_page_answers_500_to_junk(client, topic, member, moderator, role):
    if role != "anonymous":
        client.force_login(member if role == "member" else moderator)
    for value in JUNK:
        query = {
            "page": value,
            "citeer": value,
            "collaboration": value,
            "municipality": value,
            "function": value,
            "v": value,
        }
        for url in _community_urls(topic):
            response = client.get(url, query)
            assert response.status_code < 500, (url, value, response.status_code)


@pytest.mark.parametrize("value", JUNK)
def test_moving_a_topic_to_a_bad_category_changes_nothing(client, topic, moderator, value):
    client.force_login(moderator)
    response = client.post(
        reverse("community:moderation_topic", args=[topic.pk]), {"action": "move", "category": value}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.category.slug == "test-verrekening" and not ModerationAction.objects.exists()


def test_moderation_goes_back_only_to_this_site(client, topic, moderator):
    post = topic.posts.get()
    client.force_login(moderator)
    url = reverse("community:moderation_post", args=[post.pk])
    for target in ["https://elders.example/", "//elders.example/", "javascript:alert(1)", "/\\elders.example"]:
        response = client.post(url, {"action": "dismiss", "next": target})
        assert response.status_code == 302 and response["Location"] == reverse("community:moderation_queue"), target
    response = client.post(url, {"action": "dismiss", "next": topic.get_absolute_url()})
    assert response["Location"] == topic.get_absolute_url()


def test_forms_answer_junk_with_their_errors(client, topic, member, moderator):
    client.force_login(member)
    response = client.post(
        reverse("community:edit_profile"),
        {
            "first_name": "Anna",
            "visibility": "\x00",
            "municipality": "abc",
            "collaboration": "-1",
            "avatar-clear": "x",
        },
    )
    assert response.status_code == 200 and "utrecht-form-field--invalid" in response.content.decode()
    client.force_login(moderator)
    response = client.post(
        reverse("community:moderation_member", args=["anna"]),
        {"action": "suspend", "reason": "x", "ends_at": "gisteren"},
    )
    assert response.status_code == 200 and not member.suspensions.exists()
