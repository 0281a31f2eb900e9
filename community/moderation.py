"""What moderators do to posts, topics and members. Every action is logged with its reason,
in the same transaction as the action (never one without the other); hiding a post resolves
its open flags."""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import Flag, ModerationAction, Post, Suspension

Kind = ModerationAction.Kind


def _log(moderator, kind, reason="", post=None, topic=None, member=None):
    return ModerationAction.objects.create(
        moderator=moderator, kind=kind, reason=reason, post=post, topic=topic, member=member
    )


def _resolve_flags(moderator, post):
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=moderator)


@transaction.atomic
def hide_post(moderator, post, reason):
    post.hidden, post.hidden_reason = True, reason
    post.save(update_fields=["hidden", "hidden_reason"])
    _resolve_flags(moderator, post)
    if post.topic.posts.order_by("created_at", "pk").first() == post:
        # The opening post carries the topic: hide the topic with it.
        post.topic.hidden = True
        post.topic.save(update_fields=["hidden"])
    _log(moderator, Kind.HIDE, reason, post=post, topic=post.topic, member=post.author)


@transaction.atomic
def restore_post(moderator, post, reason=""):
    post.hidden, post.hidden_reason = False, ""
    post.save(update_fields=["hidden", "hidden_reason"])
    if post.topic.hidden and post.topic.posts.order_by("created_at", "pk").first() == post:
        post.topic.hidden = False
        post.topic.save(update_fields=["hidden"])
    _log(moderator, Kind.RESTORE, reason, post=post, topic=post.topic, member=post.author)


@transaction.atomic
def dismiss_flags(moderator, post, reason=""):
    _resolve_flags(moderator, post)
    _log(moderator, Kind.DISMISS, reason, post=post, topic=post.topic, member=post.author)


@transaction.atomic
def set_locked(moderator, topic, locked, reason=""):
    topic.locked = locked
    topic.save(update_fields=["locked"])
    _log(moderator, Kind.LOCK if locked else Kind.UNLOCK, reason, topic=topic)


@transaction.atomic
def set_pinned(moderator, topic, pinned, reason=""):
    topic.pinned = pinned
    topic.save(update_fields=["pinned"])
    _log(moderator, Kind.PIN if pinned else Kind.UNPIN, reason, topic=topic)


@transaction.atomic
def move_topic(moderator, topic, category, reason=""):
    old = topic.category
    topic.category = category
    topic.save(update_fields=["category"])
    _log(moderator, Kind.MOVE, reason or f"{old} → {category}", topic=topic)


@transaction.atomic
def suspend(moderator, member, reason, ends_at=None):
    suspension = Suspension.objects.create(member=member, reason=reason, ends_at=ends_at, created_by=moderator)
    _log(moderator, Kind.SUSPEND, reason, member=member)
    return suspension


@transaction.atomic
def lift_suspensions(moderator, member, reason=""):
    Suspension.objects.filter(member=member, lifted_at__isnull=True).update(lifted_at=timezone.now())
    _log(moderator, Kind.UNSUSPEND, reason, member=member)


def open_flags():
    """Posts with unresolved flags, most-flagged first."""
    return (
        Post.objects.annotate(
            open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
            last_flagged=Max("flags__created_at"),
        )
        .filter(open_flags__gt=0)
        .select_related("topic__category", "author__profile")
        .order_by("-open_flags", "-last_flagged")
    )
