"""A ``next`` parameter leads only into this site: never to an address someone put in a link."""

import pytest
from django.urls import reverse

from community import posting
from core.redirects import safe_next
from tests.factories import MemberFactory

OUTSIDE = [
    "https://evil.example/",
    "//evil.example/pad",
    "http://evil.example",
    "javascript:alert(1)",
    "https:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
]


@pytest.mark.parametrize("target", OUTSIDE)
def test_addresses_outside_the_site_are_refused(rf, target):
    assert safe_next(rf.get("/"), target) is None


def test_paths_on_the_site_are_followed(rf):
    assert safe_next(rf.get("/"), "/discussies/?page=2") == "/discussies/?page=2"
    assert safe_next(rf.get("/"), "") is None


@pytest.mark.django_db
@pytest.mark.parametrize("target", OUTSIDE)
def test_a_moderation_form_does_not_send_the_moderator_elsewhere(client, target, public_category):
    author = MemberFactory(username="auteur")
    topic = posting.start_topic(author, public_category, "Verdeelsleutel", "Hoe verdelen jullie de kosten?")
    client.force_login(MemberFactory(username="moderator", groups=["Moderators"]))
    post = topic.posts.first()
    response = client.post(reverse("community:moderation_post", args=[post.pk]), {"action": "dismiss", "next": target})
    assert response.status_code == 302 and response.url == reverse("community:moderation_queue")
    followed = client.post(
        reverse("community:moderation_post", args=[post.pk]), {"action": "dismiss", "next": topic.get_absolute_url()}
    )
    assert followed.url == topic.get_absolute_url()
