"""Digests and follow modes: who gets a mail per post, what a daily or weekly digest holds (only
what the member may read now, grouped by category, linking to the first unread post), and
that unsubscribing from a mail link works in one click and withdraws what was queued."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community import following, posting
from community.digests import send_digests
from community.following import DIGEST, unsubscribe_token
from community.models import (
    CategoryFollow,
    NotificationMode,
    Post,
    Suspension,
    Topic,
    TopicReadMark,
    TopicSubscription,
)
from community.notifications import recipients
from core import outbox
from core.models import OutgoingMail
from tests.factories import CategoryFactory, MemberFactory

DAILY, WEEKLY, EACH, OFF = (
    NotificationMode.DAILY,
    NotificationMode.WEEKLY,
    NotificationMode.EACH,
    NotificationMode.OFF,
)


def topic_in(category, title, author, hours_ago=48):
    topic = Topic.objects.create(category=category, title=title, author=author)
    add_post(topic, author, f"Start van {title}", hours_ago)
    return topic


def add_post(topic, author, body, hours_ago, hidden=False):
    when = timezone.now() - timedelta(hours=hours_ago)
    return Post.objects.create(topic=topic, author=author, body=body, body_html=body, created_at=when, hidden=hidden)


def digests(frequency=DAILY, now=None):
    """Run the digests and send them: {recipient: mail}."""
    send_digests(frequency, now=now)
    mail.outbox.clear()
    outbox.send_due()
    return {message.to[0]: message for message in mail.outbox}


@pytest.fixture
def reader(db):
    return MemberFactory(username="lezer")


def test_only_each_post_followers_get_a_mail_per_post(public_category, member, other_member):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    daily_topic, category_each, muted, category_daily = (MemberFactory(username=n) for n in "abcd")
    following.set_topic_mode(daily_topic, topic, DAILY)
    following.set_category_mode(category_each, public_category, EACH)
    following.set_category_mode(muted, public_category, EACH)
    following.set_topic_mode(muted, topic, OFF)  # the topic's own mode wins
    following.set_category_mode(category_daily, public_category, DAILY)
    post = posting.reply(other_member, topic, "Een antwoord")
    got = {user.username: why for user, why in recipients(post)}
    assert got == {"anna": "subscription", "b": "category"}


def test_a_mention_still_mails_whatever_the_mode(public_category, member, other_member):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    following.set_topic_mode(member, topic, WEEKLY)
    post = posting.reply(other_member, topic, "Wat vind jij, @anna?")
    assert [(user.username, why) for user, why in recipients(post)] == [("anna", "mention")]


def test_the_per_post_mail_uses_the_templates_and_one_click_unsubscribe(
    public_category, member, other_member, django_capture_on_commit_callbacks, mailoutbox
):
    following.set_category_mode(member, public_category, EACH)
    topic = topic_in(public_category, "Kosten", other_member)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(other_member, topic, "Nieuw bericht")
    (message,) = mailoutbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body and reverse("community:notification_settings") in message.body
    response = Client(enforce_csrf_checks=True).post(re.search(r"https?://[^/]+(/\S+)", url).group(1))
    assert response.status_code == 200
    assert not CategoryFollow.objects.filter(user=member).exists()


def test_a_digest_groups_by_category_and_links_to_the_first_unread_post(
    client, public_category, member, other_member, reader
):
    second = CategoryFactory(name="Inkoop (test)", slug="test-inkoop", sort_order=public_category.sort_order + 1)
    following.set_category_mode(reader, public_category, DAILY)
    busy = topic_in(public_category, "Druk onderwerp", member, hours_ago=30)
    for number in range(22):  # two pages before the new posts start
        add_post(busy, member, f"Oud {number}", hours_ago=29)
    read = add_post(busy, other_member, "Gelezen", hours_ago=5)
    client.force_login(reader)
    client.get(busy.get_absolute_url() + "?page=2")  # has read up to and including "Gelezen"
    assert TopicReadMark.objects.get(user=reader, topic=busy).read_until == read.created_at
    client.get(busy.get_absolute_url())  # page 1 again: the mark never goes back
    assert TopicReadMark.objects.get(user=reader, topic=busy).read_until == read.created_at
    first_unread = add_post(busy, other_member, "Ongelezen", hours_ago=4)
    add_post(busy, member, "Nog een", hours_ago=3)
    elsewhere = topic_in(second, "Elders", member, hours_ago=2)
    following.set_topic_mode(reader, elsewhere, DAILY)

    message = digests()[reader.email]
    body = message.body
    assert body.index("Verrekening (test)") < body.index("Druk onderwerp") < body.index("Inkoop (test)")
    assert body.index("Inkoop (test)") < body.index("Elders")
    assert f"{busy.get_absolute_url()}?page=2#bericht-{first_unread.pk}" in body
    assert "(2 " in body and "(1 " in body  # two unread posts in the busy topic, one elsewhere
    assert message.extra_headers["List-Unsubscribe"] and OutgoingMail.objects.count() == 0


def test_nothing_new_means_no_digest_and_no_post_twice(public_category, member, reader):
    following.set_category_mode(reader, public_category, WEEKLY)
    assert digests(WEEKLY, now=timezone.now() - timedelta(days=7, hours=1)) == {}
    topic = topic_in(public_category, "Nieuw", member, hours_ago=1)
    assert topic.title in digests(WEEKLY)[reader.email].body
    assert digests(WEEKLY) == {}  # at most one a week: running the job again sends nothing
    later = timezone.now() + timedelta(days=8)
    assert digests(WEEKLY, now=later) == {}  # the cursor moved on: the same post is not reported again
    assert digests(DAILY, now=later) == {}  # a weekly choice makes no daily digest


def test_members_only_and_hidden_content_never_reach_a_digest(
    public_category, members_category, member, moderator, reader
):
    unverified = MemberFactory(username="onbevestigd", verified=False)
    inactive = MemberFactory(username="inactief", is_active=False)
    suspended = MemberFactory(username="geschorst")
    Suspension.objects.create(member=suspended, reason="spam")
    everyone = (reader, unverified, inactive, suspended, moderator)
    for user in everyone:
        following.set_category_mode(user, members_category, DAILY)
        following.set_category_mode(user, public_category, DAILY)
    secret = topic_in(members_category, "Besloten onderwerp", member, hours_ago=2)
    hidden_topic = topic_in(public_category, "Verborgen onderwerp", member, hours_ago=2)
    Topic.objects.filter(pk=hidden_topic.pk).update(hidden=True)
    public = topic_in(public_category, "Openbaar onderwerp", member, hours_ago=2)
    add_post(public, member, "Verborgen bericht", hours_ago=1, hidden=True)

    sent = digests()
    assert set(sent) == {reader.email, moderator.email}  # no mail for the others at all
    for message in sent.values():
        assert "Besloten onderwerp" in message.body and "Openbaar onderwerp" in message.body
        assert "Verborgen" not in message.body and "(1 " in message.body

    # Who may read is asked when the digest is made: an account that lost its verified address
    # gets nothing more, not even from a category it chose while it was a member.
    reader.emailaddress_set.update(verified=False)
    add_post(secret, member, "Nog iets geheims", hours_ago=0)
    sent = digests(now=timezone.now() + timedelta(days=1))
    assert reader.email not in sent and "Nog iets" not in str([m.body for m in sent.values()])


def test_unsubscribing_from_a_digest_stops_it_and_withdraws_queued_mail(public_category, member, reader):
    following.set_category_mode(reader, public_category, DAILY)
    topic = topic_in(public_category, "Onderwerp", member, hours_ago=1)
    following.set_topic_mode(reader, topic, DAILY)
    send_digests(DAILY)
    assert OutgoingMail.objects.filter(to=reader.email, subscription=f"digest:daily:{reader.pk}").count() == 1
    path = reverse("community:unsubscribe", args=[unsubscribe_token(DIGEST, DAILY, reader.pk)])
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200  # a page with a button: a link scanner ends nothing
    assert CategoryFollow.objects.filter(user=reader).exists()
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 200  # twice is harmless
    assert not CategoryFollow.objects.filter(user=reader).exists()
    assert TopicSubscription.objects.get(user=reader, topic=topic).mode == OFF
    assert not OutgoingMail.objects.filter(to=reader.email).exists()  # the queued digest is withdrawn
    add_post(topic, member, "Later", hours_ago=0)
    assert digests(now=timezone.now() + timedelta(days=1)) == {}


def test_the_link_of_a_deleted_account_ends_nothing_and_breaks_nothing(public_category, member):
    gone = MemberFactory(username="weg")
    topic = topic_in(public_category, "Onderwerp", member)
    path = reverse("community:unsubscribe", args=[unsubscribe_token(following.TOPIC, topic.pk, gone.pk)])
    gone.delete()
    assert Client().post(path).status_code == 200
    assert not TopicSubscription.objects.filter(topic=topic).exists()


@pytest.mark.parametrize("token", ["x", "abc:def:ghi", unsubscribe_token(DIGEST, DAILY, 1)[:-2] + "xx"])
def test_a_bad_unsubscribe_link_gets_a_friendly_page(client, db, token):
    for method in (client.get, client.post):
        response = method(reverse("community:unsubscribe", args=[token]))
        assert response.status_code == 404 and b"utrecht-heading-1" in response.content


def test_the_settings_page_saves_modes_and_refuses_junk(client, public_category, members_category, member, reader):
    topic = topic_in(public_category, "Gevolgd", member)
    TopicSubscription.objects.create(user=reader, topic=topic)
    client.force_login(reader)
    url = reverse("community:notification_settings")
    html = client.get(url).content.decode()
    assert f'for="category-{members_category.pk}"' in html and f'for="topic-{topic.pk}"' in html
    response = client.post(url, {f"category-{public_category.pk}": "weekly", f"topic-{topic.pk}": "daily"})
    assert response.status_code == 302
    assert CategoryFollow.objects.get(user=reader).mode == WEEKLY
    assert TopicSubscription.objects.get(user=reader).mode == DAILY
    for junk in ({f"category-{public_category.pk}": "hourly"}, {f"topic-{topic.pk}": "\x00"}, {"category-x": "1"}):
        assert client.post(url, junk).status_code in (302, 400)
    assert CategoryFollow.objects.get(user=reader).mode == WEEKLY
    post = reverse("community:topic_mode", args=[topic.pk])
    assert client.post(post, {"mode": "nonsense"}).status_code == 302
    assert client.post(post, {"mode": "off"}).status_code == 302
    assert TopicSubscription.objects.get(user=reader).mode == OFF
    category_url = reverse("community:category_mode", args=[public_category.slug])
    assert client.post(category_url, {"mode": "each"}).status_code == 302
    assert CategoryFollow.objects.get(user=reader).mode == EACH


def test_a_members_only_category_cannot_be_followed_by_a_visitor_or_unverified(client, members_category):
    url = reverse("community:category_mode", args=[members_category.slug])
    assert client.post(url, {"mode": "daily"}).status_code == 302  # to the login
    client.force_login(MemberFactory(username="onbevestigd", verified=False))
    assert client.post(url, {"mode": "daily"}).status_code == 404
    html = client.get(reverse("community:notification_settings")).content.decode()
    assert f"category-{members_category.pk}" not in html
    assert not CategoryFollow.objects.exists()


def test_the_topic_and_category_pages_offer_the_choice(client, public_category, member):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    client.force_login(member)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert 'id="topic-mode"' in html and 'label class="utrecht-form-label" for="topic-mode"' in html
    html = client.get(public_category.get_absolute_url()).content.decode()
    assert 'for="category-mode"' in html


def group_category(member):
    from community.models import CategoryAccess, Group, GroupMembership

    group = Group.objects.create(name="BEL-medewerkers", slug="bel-medewerkers")
    GroupMembership.objects.create(group=group, member=member, status=GroupMembership.Status.APPROVED)
    return CategoryFactory(name="BEL intern", slug="bel-intern", access=CategoryAccess.GROUP, group=group), group


@pytest.mark.parametrize("kind", ["public", "members", "group"])
def test_queries_per_batch_do_not_grow_with_the_members(public_category, members_category, member, kind):
    """Whatever the category: who may read it (membership, groups, moderators) is asked once
    per batch, never once per member."""
    from community.models import GroupMembership

    category, group = {"public": (public_category, None), "members": (members_category, None)}.get(kind) or (
        group_category(member)
    )
    topic = topic_in(category, "Onderwerp", member, hours_ago=1)

    def queries(count, prefix):
        for number in range(count):
            user = MemberFactory(username=f"{prefix}{number}")
            if group is not None and number % 2:
                GroupMembership.objects.create(group=group, member=user, status=GroupMembership.Status.APPROVED)
            following.set_category_mode(user, category, DAILY)
            TopicReadMark.objects.create(user=user, topic=topic, read_until=timezone.now() - timedelta(days=2))
        with CaptureQueriesContext(connection) as captured:
            _, queued = send_digests(DAILY)
        CategoryFollow.objects.filter(mode=DAILY).delete()
        return len(captured), queued

    few, many = queries(3, "weinig"), queries(12, "veel")
    assert few[0] == many[0]
    expected = {"public": (3, 12), "members": (3, 12), "group": (1, 6)}[kind]  # group: only its members
    assert (few[1], many[1]) == expected


def test_the_settings_page_keeps_a_query_budget(client, public_category, member, reader):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("community:notification_settings")).status_code == 200
        return len(captured)

    client.force_login(reader)
    TopicSubscription.objects.create(user=reader, topic=topic_in(public_category, "Eerste", member))
    count()  # warm the per-process caches
    few = count()
    for number in range(10):
        TopicSubscription.objects.create(user=reader, topic=topic_in(public_category, f"Nog {number}", member))
        following.set_category_mode(reader, CategoryFactory(), DAILY)
    assert count() == few <= 20
