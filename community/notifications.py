"""E-mail about new posts: to the topic's subscribers and to members mentioned with @name.

Each e-mail carries a link that ends the subscription without logging in (a signed token).
After the post is committed a background task puts one e-mail per recipient in the outbox,
which sends and retries each on its own.
"""

import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from core import outbox, ratelimit

from . import mentions
from .tasks import notify_about_post
from .viewer import Viewer

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "community.unsubscribe"
MENTION_MAIL_SCOPE = "community-mention-mail"


def unsubscribe_token(topic_id, user_id):
    return signing.dumps([topic_id, user_id], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(topic_id, user_id), or None for a tampered token."""
    try:
        topic_id, user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return topic_id, user_id


def post_created(post):
    def enqueue():
        try:
            notify_about_post.enqueue(post.pk)
        except Exception:
            logger.exception("Could not queue notifications for post %s.", post.pk)

    transaction.on_commit(enqueue)


def recipients(post):
    """[(user, why)] for a new post: mentioned members first, then subscribers; never the author.

    Mentions are looked up once for the whole post and capped (``community.mentions``). A
    mention that mails someone who would not get this mail anyway (as a subscriber) counts
    against the author's COMMUNITY_MENTION_MAILS_PER_DAY; beyond that, no mention mail.
    """

    def may_mail(user):
        return user.pk != post.author_id and user.email and user.is_active and Viewer(user).can_read(post.topic)

    subscribers = {s.user_id: s.user for s in post.topic.subscriptions.select_related("user")}
    found = {}
    for user in mentions.mentioned_members(post.body).values():
        profile = getattr(user, "profile", None)
        if (profile is None or profile.notify_on_mention) and may_mail(user):
            if user.pk in subscribers or _mention_mail_allowed(post.author_id):
                found[user.pk] = (user, "mention")
    for user_id, user in subscribers.items():
        if user_id not in found and may_mail(user):
            found[user_id] = (user, "subscription")
    return list(found.values())


def _mention_mail_allowed(author_id):
    return author_id is None or ratelimit.consume(
        MENTION_MAIL_SCOPE,
        author_id,
        limit=settings.COMMUNITY_MENTION_MAILS_PER_DAY,
        period=24 * 60 * 60,
    )


def send_post_notifications(post):
    """Put one e-mail per recipient in the outbox (core/outbox.py), in one
    transaction; each is sent on its own, so a recipient the mail server refuses does not
    stop the others and is retried later. Returns the number of e-mails queued."""
    site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    queued = 0
    with transaction.atomic():
        for user, why in recipients(post):
            context = {
                "post": post,
                "topic": post.topic,
                "why": why,
                "site_name": settings.WAGTAIL_SITE_NAME,
                "author": post.author.get_full_name() or post.author.get_username() if post.author else "",
                "topic_url": site + post.topic.get_absolute_url() + f"#bericht-{post.pk}",
                "unsubscribe_url": site
                + reverse("community:unsubscribe", args=[unsubscribe_token(post.topic_id, user.pk)]),
            }
            outbox.queue(
                purpose="community.new_post",
                to=user.email,
                subject=" ".join(render_to_string("community/email/new_post_subject.txt", context).split()),
                body=render_to_string("community/email/new_post.txt", context),
                headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
            )
            queued += 1
    return queued
