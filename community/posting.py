"""Starting topics, replying and editing: the rules for what members write.

New members (registered less than COMMUNITY_NEW_MEMBER_DAYS ago) may post a limited number
of links per post and posts per hour, which stops most spam without a moderator's work.
Every member may mention at most COMMUNITY_MAX_MENTIONS_PER_POST members in one post: a
post with more is refused (the text is kept), so nobody's mention silently goes nowhere.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import markup, mentions, notifications
from .models import Post, Topic, TopicSubscription
from .viewer import Viewer

POSTS_PER_PAGE = 20  # a topic page's length: where a post lands (views, digest links)


class PostingRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def render_body(text):
    return markup.render(text, mentions=mentions.mention_links(text))


@dataclass
class Preview:
    """A post as readers will get it, before it is posted."""

    html: str
    unknown_names: list = field(default_factory=list)  # @names that match no member: nobody is told
    problem: str = ""  # why posting it would be refused, if it would


def preview(body):
    """The post rendered exactly as posting renders it (one lookup of the names), and the
    @names it mentions that are no member's, so the writer can fix them before posting."""
    links = mentions.mention_links(body)
    unknown = [name for name in mentions.mentioned_names(body) if name not in links]
    try:
        check_mentions(body)
    except PostingRefused as refused:
        return Preview(markup.render(body, mentions=links), unknown, refused.message)
    return Preview(markup.render(body, mentions=links), unknown)


def check_mentions(body):
    limit = settings.COMMUNITY_MAX_MENTIONS_PER_POST
    count = len(markup.mentioned_usernames(body))
    if count > limit:
        raise PostingRefused(
            _(
                "This post mentions too many members: %(count)d, and the maximum is %(limit)d. "
                "Remove some @names, or mention the others in a separate post."
            )
            % {"count": count, "limit": limit}
        )


def is_new_member(user):
    return user.date_joined > timezone.now() - timedelta(days=settings.COMMUNITY_NEW_MEMBER_DAYS)


def check_limits(user, body):
    check_mentions(body)
    check_new_member_limits(user, body)


def check_new_member_limits(user, body):
    if not is_new_member(user):
        return
    links = markup.count_links(body)
    if links > settings.COMMUNITY_NEW_MEMBER_MAX_LINKS:
        raise PostingRefused(
            ngettext(
                "New members may include at most %(count)d link per post.",
                "New members may include at most %(count)d links per post.",
                settings.COMMUNITY_NEW_MEMBER_MAX_LINKS,
            )
            % {"count": settings.COMMUNITY_NEW_MEMBER_MAX_LINKS}
        )
    recent = Post.objects.filter(author=user, created_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= settings.COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR:
        raise PostingRefused(_("You have posted a lot in the last hour. Please wait a while before posting again."))


def _subscribe(topic, user):
    TopicSubscription.objects.get_or_create(topic=topic, user=user)


def start_topic(user, category, title, body, phase=None, is_question=False):
    viewer = Viewer(user)
    if not (viewer.can_post() and viewer.can_read_category(category)):
        raise PostingRefused(_("You cannot post at the moment."))
    check_limits(user, body)
    with transaction.atomic():
        topic = Topic.objects.create(category=category, title=title, author=user, phase=phase, is_question=is_question)
        post = Post.objects.create(topic=topic, author=user, body=body, body_html=render_body(body))
        _subscribe(topic, user)
        notifications.post_created(post)
    return topic


def reply(user, topic, body):
    viewer = Viewer(user)
    if not (viewer.can_post(topic) and viewer.can_read(topic)):
        raise PostingRefused(
            _("This topic is closed for new replies.") if topic.locked else _("You cannot post at the moment.")
        )
    check_limits(user, body)
    with transaction.atomic():
        post = Post.objects.create(topic=topic, author=user, body=body, body_html=render_body(body))
        Topic.objects.filter(pk=topic.pk).update(last_activity_at=post.created_at)
        _subscribe(topic, user)
        notifications.post_created(post)
    return post


def edit(user, post, body):
    if not Viewer(user).can_edit(post):
        raise PostingRefused(_("You cannot edit this post."))
    check_mentions(body)
    if markup.count_links(body) > markup.count_links(post.body):
        check_new_member_limits(user, body)  # editing in links counts like posting them
    post.body, post.body_html, post.edited_at = body, render_body(body), timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post
