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

from kennisplatform import outbox

from . import markup

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "community.unsubscribe"


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
        from .tasks import notify_about_post

        try:
            notify_about_post.enqueue(post.pk)
        except Exception:
            logger.exception("Could not queue notifications for post %s.", post.pk)

    transaction.on_commit(enqueue)


def recipients(post):
    """[(user, why)] for a new post: mentioned members first, then subscribers; never the author."""
    from django.contrib.auth import get_user_model

    from .permissions import can_read

    found = {}
    names = markup.mentioned_usernames(post.body)
    if names:
        mentioned = get_user_model().objects.filter(username__in=names, is_active=True).select_related("profile")
        for user in mentioned:
            profile = getattr(user, "profile", None)
            if profile is None or profile.notify_on_mention:
                found[user.pk] = (user, "mention")
    for subscription in post.topic.subscriptions.select_related("user"):
        found.setdefault(subscription.user_id, (subscription.user, "subscription"))
    found.pop(post.author_id, None)
    return [(user, why) for user, why in found.values() if user.email and user.is_active and can_read(user, post.topic)]


def send_post_notifications(post):
    """Put one e-mail per recipient in the outbox (kennisplatform/outbox.py), in one
    transaction; each is sent on its own, so a recipient the mail server refuses does not
    stop the others and is retried later. Returns the number of e-mails queued."""
    site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    queued = 0
    with transaction.atomic():
        for user, why in recipients(post):
            context = {
                "post": post, "topic": post.topic, "why": why, "site_name": settings.WAGTAIL_SITE_NAME,
                "author": post.author.get_full_name() or post.author.get_username() if post.author else "",
                "topic_url": site + post.topic.get_absolute_url() + f"#bericht-{post.pk}",
                "unsubscribe_url": site + reverse("community:unsubscribe", args=[unsubscribe_token(post.topic_id, user.pk)]),
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
