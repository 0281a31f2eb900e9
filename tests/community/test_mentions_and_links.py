"""Mentions (a cap per post, one lookup, a daily mail limit per author) and the new-member link
limit, counted in the post as readers get it."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import markup, posting
from community.models import Post
from community.notifications import recipients
from tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def fresh_counters(db):
    caches["default"].clear()  # the rate-limit counters


def test_a_post_with_too_many_mentions_is_refused_and_keeps_the_text(client, member, public_category, settings):
    settings.COMMUNITY_MAX_MENTIONS_PER_POST = 3
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    body = "Wat vinden @een @twee @drie en @vier hiervan? En @Een nog eens."  # four distinct names
    client.force_login(member)
    response = client.post(reverse("community:reply", args=[topic.pk]), {"body": body})
    assert response.status_code == 400
    assert "@vier hiervan?" in response.content.decode()  # the text is back in the form
    assert topic.posts.count() == 1
    posting.reply(member, topic, "Wat vinden @een @twee en @drie hiervan? @Een?")  # three: fine
    post = topic.posts.last()
    with pytest.raises(posting.PostingRefused):
        posting.edit(member, post, body)


def test_mentions_are_looked_up_in_one_query_and_only_up_to_the_cap(db, settings):
    settings.COMMUNITY_MAX_MENTIONS_PER_POST = 10
    for index in range(12):
        MemberFactory(username=f"lid{index:02d}")
    storm = " ".join(f"@lid{index:02d}" for index in range(12)) + " " + " ".join(f"@onbekend{n}" for n in range(2000))
    with CaptureQueriesContext(connection) as queries:
        html = posting.render_body(storm)
    assert len(queries) == 1
    linked = re.findall(r'href="/leden/([^/]+)/"', html)
    assert linked == [f"lid{index:02d}" for index in range(10)]


def test_a_mention_storm_in_an_old_post_mails_no_more_than_the_cap(member, public_category, settings):
    """Posts written before the cap (or by other paths) are capped when mail goes out."""
    settings.COMMUNITY_MAX_MENTIONS_PER_POST = 10
    mentioned = [MemberFactory(username=f"lid{index:02d}") for index in range(12)]
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    body = " ".join(f"@{user.username}" for user in mentioned) + " " + " ".join(f"@x{n}" for n in range(3000))
    post = Post.objects.create(topic=topic, author=member, body=body, body_html="")
    got = recipients(post)
    assert sorted(user.username for user, why in got if why == "mention") == [f"lid{index:02d}" for index in range(10)]


def test_mentions_find_members_in_any_case_but_not_unverified_accounts(member, public_category):
    mixed = MemberFactory(username="Bert.Jansen")
    MemberFactory(username="nieuw", verified=False)
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    post = posting.reply(member, topic, "Vraag aan @bert.jansen en @nieuw")
    assert [(user, why) for user, why in recipients(post)] == [(mixed, "mention")]
    assert 'href="/leden/Bert.Jansen/"' in post.body_html and "/leden/nieuw/" not in post.body_html


def test_quoted_and_code_names_are_not_mentions(db):
    text = "> **@anna**:\n> vraag het @bert\n\n`@carl` en [@dirk](https://example.org) maar wel @eva"
    assert markup.mentioned_usernames(text) == ["eva"]


def test_mention_mails_per_author_per_day_are_limited(
    member, other_member, public_category, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_MENTION_MAILS_PER_DAY = 3
    mentioned = [MemberFactory(username=f"lid{index}") for index in range(5)]
    topic = posting.start_topic(other_member, public_category, "Onderwerp", "Tekst")
    names = " ".join(f"@{user.username}" for user in mentioned)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(member, topic, f"Graag jullie mening, {names}")
    # Three mention mails (the daily limit) and the topic's subscriber, who gets one anyway.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([other_member.email] + [u.email for u in mentioned[:3]])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(member, topic, f"Nog een keer, @{other_member.username} {names}")
    # The limit is used up: only the subscriber (mentioned too, so no mention mail is counted).
    assert [m.to for m in mailoutbox] == [[other_member.email]]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(other_member, topic, f"Mijn beurt, {names}")  # another author has a budget of their own
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.email] + [u.email for u in mentioned[:3]])


# --- Links of new members ----------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "[a](//spam.example/1) [b](//spam.example/2) [c](//spam.example/3)",
        "<http://a.example> <https://b.example> <https://c.example>",
        "[a][1], [b][2] en [c][3]\n\n[1]: //a.example\n[2]: //b.example\n[3]: //c.example",
        "www.a.example www.b.example www.c.example",
        "[x](//a.example) <https://b.example> en www.c.example",
        "<mailto:a@example.org> [b](mailto:b@example.org) [c](/\\spam.example)",
    ],
)
def test_every_form_of_link_counts_for_new_members(public_category, settings, body):
    settings.COMMUNITY_NEW_MEMBER_MAX_LINKS = 2
    newcomer = MemberFactory(username="nieuwkomer", joined_days_ago=1)
    with pytest.raises(posting.PostingRefused):
        posting.start_topic(newcomer, public_category, "Links", body)


def test_a_link_counts_once_and_mentions_are_not_links(member, other_member, public_category, settings):
    settings.COMMUNITY_NEW_MEMBER_MAX_LINKS = 2
    newcomer = MemberFactory(username="nieuwkomer", joined_days_ago=1)
    assert markup.count_links("[https://a.example](https://a.example) en `https://code.example`") == 2
    posting.start_topic(
        newcomer, public_category, "Vraag", "Zie [https://a.example](https://a.example), @anna en @bert"
    )
