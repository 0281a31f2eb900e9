"""E-mail about each new post: to members who chose "each post" for its topic or its category,
and to members mentioned with @name.

A topic's own mode wins over its category's (models/digests.py): a topic set to a digest or to
"nothing" sends its follower no mail per post, even when its category is followed post by post;
digests are ``community.digests``' job. Mentions keep their own rules (the member's profile
setting and the author's daily limit). Each mail carries a one-click unsubscribe link
(RFC 8058) and the subscription key that withdraws it when the member unsubscribes. After the
post is committed a background task puts one e-mail per recipient in the outbox.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from core import outbox, ratelimit

from . import mentions
from .following import CATEGORY, TOPIC, subscription_key
from .following import unsubscribe_token as _token
from .models import CategoryFollow, NotificationMode
from .permissions import has_verified_address
from .tasks import notify_about_post
from .viewer import Viewer

logger = logging.getLogger(__name__)
MENTION_MAIL_SCOPE = "community-mention-mail"


def unsubscribe_token(topic_id, user_id):
    """The token that mutes a topic for a member (the link in its per-post mail)."""
    return _token(TOPIC, topic_id, user_id)


def post_created(post):
    def enqueue():
        try:
            notify_about_post.enqueue(post.pk)
        except Exception:
            logger.exception("Could not queue notifications for post %s.", post.pk)

    transaction.on_commit(enqueue)


def _viewer(user):
    viewer = Viewer(user)
    viewer.verified = user.verified  # annotated: no query per recipient
    return viewer


def followers(post):
    """{user_id: (user, "subscription" | "category")}: who wants each post of this topic."""
    topic = post.topic
    topic_modes = {}
    found = {}
    for subscription in topic.subscriptions.select_related("user").annotate(verified=has_verified_address("user")):
        subscription.user.verified = subscription.verified
        topic_modes[subscription.user_id] = subscription.mode
        if subscription.mode == NotificationMode.EACH:
            found[subscription.user_id] = (subscription.user, "subscription")
    follows = CategoryFollow.objects.filter(category_id=topic.category_id, mode=NotificationMode.EACH)
    for follow in follows.select_related("user").annotate(verified=has_verified_address("user")):
        if follow.user_id not in topic_modes:
            follow.user.verified = follow.verified
            found[follow.user_id] = (follow.user, "category")
    return found


def recipients(post):
    """[(user, why)] for a new post: mentioned members first, then followers; never the author.

    Mentions are looked up once for the whole post and capped (``community.mentions``). A
    mention that mails someone who would not get this mail anyway (as a follower) counts
    against the author's COMMUNITY_MENTION_MAILS_PER_DAY; beyond that, no mention mail.
    """

    def may_mail(user):
        return user.pk != post.author_id and user.email and user.is_active and _viewer(user).can_read(post.topic)

    following = followers(post)
    found = {}
    for user in mentions.mentioned_members(post.body).values():
        user.verified = True  # mentions.mentioned_members only finds verified members
        profile = getattr(user, "profile", None)
        if (profile is None or profile.notify_on_mention) and may_mail(user):
            if user.pk in following or _mention_mail_allowed(post.author_id):
                found[user.pk] = (user, "mention")
    for user_id, (user, why) in following.items():
        if user_id not in found and may_mail(user):
            found[user_id] = (user, why)
    return list(found.values())


def _mention_mail_allowed(author_id):
    return author_id is None or ratelimit.consume(
        MENTION_MAIL_SCOPE,
        author_id,
        limit=settings.COMMUNITY_MENTION_MAILS_PER_DAY,
        period=24 * 60 * 60,
    )


def send_post_notifications(post):
    """Put one e-mail per recipient in the outbox (core/outbox.py), in one transaction; each is
    sent on its own, so a recipient the mail server refuses does not stop the others and is
    retried later. Returns the number of e-mails queued."""
    topic = post.topic
    author = (post.author.get_full_name() or post.author.get_username()) if post.author else ""
    topic_url = outbox.site_url(topic.get_absolute_url() + f"#bericht-{post.pk}")
    queued = 0
    with transaction.atomic():
        for user, why in recipients(post):
            # A category follower ends the category; a topic follower (or someone mentioned) mutes the topic.
            kind, ident = (CATEGORY, topic.category_id) if why == "category" else (TOPIC, topic.pk)
            outbox.queue_mail(
                "community/email/new_post",
                user.email,
                {"post": post, "topic": topic, "why": why, "author": author, "topic_url": topic_url},
                purpose="community.new_post",
                unsubscribe_url=outbox.site_url(reverse("community:unsubscribe", args=[_token(kind, ident, user.pk)])),
                subscription=subscription_key(kind, ident, user.pk),
            )
            queued += 1
    return queued
