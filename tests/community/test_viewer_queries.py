"""A topic page asks who is looking once per request (``community.viewer.Viewer``), not once
per post: twenty posts cost the same queries as five, for a visitor, a member and a moderator."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Post, Topic


def _topic_with_posts(category, authors, count):
    topic = Topic.objects.create(category=category, title=f"Onderwerp met {count} berichten", author=authors[0])
    for number in range(count):
        author = authors[number % len(authors)]
        Post.objects.create(topic=topic, author=author, body=f"Bericht {number}", body_html=f"<p>Bericht {number}</p>")
    return topic


def _queries(client, topic):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["visitor", "member", "moderator"])
def test_a_topic_page_does_not_ask_more_per_post(client, who, member, other_member, moderator, public_category):
    if who != "visitor":
        client.force_login({"member": member, "moderator": moderator}[who])
    authors = [member, other_member]  # the member's own posts are editable, the others' reportable
    few, many = _topic_with_posts(public_category, authors, 5), _topic_with_posts(public_category, authors, 20)
    _queries(client, few)  # warm the per-process caches (site, content types) before counting
    assert _queries(client, many) == _queries(client, few)


def test_a_topic_page_with_twenty_posts_keeps_its_budget(
    client, member, other_member, public_category, django_assert_max_num_queries
):
    topic = _topic_with_posts(public_category, [member, other_member], 20)
    client.force_login(member)
    client.get(topic.get_absolute_url())
    with django_assert_max_num_queries(20):
        assert client.get(topic.get_absolute_url()).status_code == 200
