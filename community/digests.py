"""Daily and weekly digests: for each member who chose one, the new posts since their last digest
in the categories and topics they chose, grouped by category, each topic linking to the first
post they have not read. One bulk mail per member (or none when nothing is new).

Only what the member may read now gets in (``Viewer.can_read``): members-only categories for
members, never a hidden post or topic; a suspended, inactive or unverified account gets no digest.
A topic's own mode wins over its category's (models/digests.py).

Built for scale: the run's new posts are loaded once; members are handled in batches with a
fixed number of queries per batch (their accounts, suspensions, choices, read marks and
cursors, then one INSERT of the mails and one of the cursors), never a query per member.
Run by ``manage.py send_digests --frequency daily|weekly``; ``send_pending_mail`` sends.
"""

import bisect
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from core import outbox

from .following import DIGEST, subscription_key, unsubscribe_token
from .models import (
    CategoryFollow,
    DigestCursor,
    GroupMembership,
    Post,
    Suspension,
    Topic,
    TopicReadMark,
    TopicSubscription,
)
from .permissions import MODERATE_PERMISSION, has_verified_address
from .posting import POSTS_PER_PAGE
from .viewer import Viewer

BATCH_SIZE = 500
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"
PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# A member gets at most one digest per period (less this slack, for a job that starts a bit
# early), so running the job again, or the weekly one every day, sends nothing twice.
SLACK = timedelta(hours=2)
# A member's first digest covers one period; after an outage, at most this far back.
LOOKBACK = {"daily": timedelta(days=7), "weekly": timedelta(days=35)}


@dataclass
class Window:
    """The posts of the run's window, loaded once: per topic (created_at, pk, author_id,
    hidden) in page order, and how many posts each topic had before the window."""

    start: object
    topics: dict = field(default_factory=dict)
    posts: dict = field(default_factory=lambda: defaultdict(list))
    times: dict = field(default_factory=lambda: defaultdict(list))
    before: dict = field(default_factory=dict)
    by_category: dict = field(default_factory=lambda: defaultdict(list))
    urls: dict = field(default_factory=dict)  # topic_id -> its address: reversed once per run

    @classmethod
    def load(cls, start, end):
        window = cls(start)
        rows = (
            Post.objects.filter(created_at__gte=start, created_at__lte=end, topic__hidden=False)
            .order_by("created_at", "pk")
            .values_list("topic_id", "created_at", "pk", "author_id", "hidden")
        )
        for topic_id, *post in rows:
            window.posts[topic_id].append(tuple(post))
            window.times[topic_id].append(post[0])
        topics = Topic.objects.filter(pk__in=list(window.posts), hidden=False).select_related("category")
        window.topics = {topic.pk: topic for topic in topics}
        for topic in window.topics.values():
            window.by_category[topic.category_id].append(topic.pk)
            window.urls[topic.pk] = outbox.site_url(topic.get_absolute_url())
        counts = Post.objects.filter(topic_id__in=list(window.topics), created_at__lt=start)
        window.before = dict(counts.values("topic_id").annotate(n=Count("pk")).values_list("topic_id", "n"))
        return window

    def unread(self, topic_id, after, reader_id):
        """The visible posts of a topic after ``after`` not written by the reader."""
        posts = self.posts[topic_id]
        first = bisect.bisect_right(self.times[topic_id], after)
        return [
            (index, post) for index, post in enumerate(posts[first:], first) if not post[3] and post[2] != reader_id
        ]

    def link(self, topic, index, post_pk):
        page = (self.before.get(topic.pk, 0) + index) // POSTS_PER_PAGE + 1
        query = f"?page={page}" if page > 1 else ""
        return f"{self.urls[topic.pk]}{query}#bericht-{post_pk}"


@dataclass
class Choices:
    """A batch of members' choices for this frequency, asked once for the whole batch."""

    categories: dict  # user_id -> {category_id}
    topic_modes: dict  # user_id -> {topic_id: mode}, for the window's topics
    read: dict  # (user_id, topic_id) -> read_until
    cursors: dict  # user_id -> sent_until
    group_roles: dict = field(default_factory=dict)  # user_id -> {group_id: role}, approved only
    moderators: set = field(default_factory=set)  # user_ids who read every category

    @classmethod
    def load(cls, frequency, user_ids, window):
        categories, topic_modes = defaultdict(set), defaultdict(dict)
        follows = CategoryFollow.objects.filter(user_id__in=user_ids, mode=frequency)
        for user_id, category_id in follows.values_list("user_id", "category_id"):
            categories[user_id].add(category_id)
        subscriptions = TopicSubscription.objects.filter(user_id__in=user_ids, topic_id__in=list(window.topics))
        for user_id, topic_id, mode in subscriptions.values_list("user_id", "topic_id", "mode"):
            topic_modes[user_id][topic_id] = mode
        marks = TopicReadMark.objects.filter(user_id__in=user_ids, topic_id__in=list(window.topics))
        read = {(u, t): when for u, t, when in marks.values_list("user_id", "topic_id", "read_until")}
        cursors = DigestCursor.objects.filter(user_id__in=user_ids, frequency=frequency)
        # What each member's Viewer would ask one by one: their groups and whether they moderate.
        group_roles = defaultdict(dict)
        approved = GroupMembership.objects.filter(member_id__in=user_ids, status=GroupMembership.Status.APPROVED)
        for user_id, group_id, role in approved.values_list("member_id", "group_id", "role"):
            group_roles[user_id][group_id] = role
        # allauth's backend answers permissions as Django's ModelBackend does.
        moderators = get_user_model().objects.with_perm(MODERATE_PERMISSION, backend=PERMISSIONS_BACKEND)
        moderators = moderators.filter(pk__in=user_ids)
        return cls(
            categories,
            topic_modes,
            read,
            dict(cursors.values_list("user_id", "sent_until")),
            group_roles,
            set(moderators.values_list("pk", flat=True)),
        )


def digest_members(frequency):
    """The ids of members with any choice of this frequency, in order."""
    ids = set(CategoryFollow.objects.filter(mode=frequency).values_list("user_id", flat=True))
    ids |= set(TopicSubscription.objects.filter(mode=frequency).values_list("user_id", flat=True))
    return sorted(ids)


def readers(user_ids, now):
    """The batch's accounts that may get a digest: active, verified, with an address, not suspended."""
    suspended = set(
        Suspension.objects.filter(member_id__in=user_ids, lifted_at__isnull=True, starts_at__lte=now)
        .exclude(ends_at__lt=now)
        .values_list("member_id", flat=True)
    )
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return [user for user in users.filter(has_verified_address()) if user.pk not in suspended]


def groups_for(user, frequency, since, window, choices):
    """[(category, [(topic, new post count, link to the first unread)])], categories in their
    order, topics newest first; [] when nothing is new for this member."""
    viewer = Viewer(user)
    viewer.verified = True  # ``readers`` checked it in the batch query
    viewer.group_roles = choices.group_roles.get(user.pk, {})  # and ``Choices`` the rest
    viewer.moderator = user.pk in choices.moderators
    modes = choices.topic_modes.get(user.pk, {})
    candidates = {t for c in choices.categories.get(user.pk, ()) for t in window.by_category.get(c, ())}
    candidates |= {t for t, mode in modes.items() if mode == frequency}
    entries = []
    for topic_id in candidates:
        topic = window.topics[topic_id]
        if modes.get(topic_id, frequency) != frequency or not viewer.can_read(topic):
            continue
        read_until = choices.read.get((user.pk, topic_id))
        unread = window.unread(topic_id, max(since, read_until) if read_until else since, user.pk)
        if unread:
            index, first = unread[0]
            entries.append((topic, len(unread), window.link(topic, index, first[1]), unread[-1][1][0]))
    entries.sort(key=lambda e: (e[0].category.sort_order, e[0].category.name, e[0].category_id, -e[3].timestamp()))
    return [
        (category, [{"topic": t, "count": n, "new": new_posts_text(n), "url": url} for t, n, url, _ in items])
        for category, items in groupby(entries, key=lambda e: e[0].category)
    ]


@functools.cache
def new_posts_text(count):
    """ "3 new posts" in the site's language, worded once per count rather than per line of
    every digest (a run writes tens of thousands of lines)."""
    with translation.override(settings.LANGUAGE_CODE):
        return ngettext("%(count)d new post", "%(count)d new posts", count) % {"count": count}


def mail_for(user, frequency, groups):
    token = unsubscribe_token(DIGEST, frequency, user.pk)
    context = {
        "user": user,
        "frequency": frequency,
        "groups": groups,
        "settings_url": outbox.site_url(reverse("community:notification_settings")),
    }
    unsubscribe_url = outbox.site_url(reverse("community:unsubscribe", args=[token]))
    return user.email, context, unsubscribe_url, subscription_key(DIGEST, frequency, user.pk)


def send_digests(frequency, now=None, batch_size=BATCH_SIZE, on_batch=None):
    """Queue this frequency's digests; returns (members looked at, mails queued)."""
    now = now or timezone.now()
    window = Window.load(now - LOOKBACK[frequency], now)
    members = digest_members(frequency)
    queued = 0
    for offset in range(0, len(members), batch_size):
        batch = members[offset : offset + batch_size]
        with transaction.atomic():
            queued += _send_batch(frequency, batch, window, now)
        if on_batch:
            on_batch(len(batch))
    return len(members), queued


def _send_batch(frequency, user_ids, window, now):
    choices = Choices.load(frequency, user_ids, window)
    default_since = now - PERIOD[frequency]
    due_before = now - PERIOD[frequency] + SLACK
    user_ids = [pk for pk in user_ids if choices.cursors.get(pk, default_since) <= due_before]
    mails = []
    for user in readers(user_ids, now) if user_ids else []:
        since = max(choices.cursors.get(user.pk, default_since), window.start)
        groups = groups_for(user, frequency, since, window, choices)
        if groups:
            mails.append(mail_for(user, frequency, groups))
    queued = outbox.queue_bulk_mails("community/email/digest", mails, purpose="community.digest")
    DigestCursor.objects.bulk_create(
        [DigestCursor(user_id=pk, frequency=frequency, sent_until=now) for pk in user_ids],
        update_conflicts=True,
        unique_fields=["user", "frequency"],
        update_fields=["sent_until"],
    )
    return queued
