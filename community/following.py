"""Following categories and topics: setting a member's e-mail mode, ending a subscription from
an e-mail link (signed token, no login), and remembering how far a member has read a topic.

Tokens name what they end: a topic (mute it), a category (stop following it) or the daily or
weekly digest (all of that frequency off). Ending one also withdraws the mail of that
subscription that is queued but not yet sent (``outbox.withdraw``), so nothing more arrives.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from core import outbox

from .models import Category, CategoryFollow, NotificationMode, Topic, TopicReadMark, TopicSubscription

UNSUBSCRIBE_SALT = "community.unsubscribe"
TOPIC, CATEGORY, DIGEST = "t", "c", "d"
CATEGORY_MODES = (NotificationMode.EACH, NotificationMode.DAILY, NotificationMode.WEEKLY, NotificationMode.OFF)


def _with_viewer_mode(queryset, user, model, field):
    """``queryset`` annotated with ``viewer_mode``: ``user``'s e-mail mode for each row, from
    ``model`` (None: not following), read in the same query; unchanged for a visitor."""
    if not user.is_authenticated:
        return queryset
    modes = model.objects.filter(user=user, **{field: OuterRef("pk")}).order_by("pk").values("mode")[:1]
    return queryset.annotate(viewer_mode=Subquery(modes))


def with_viewer_mode(topics, user):
    return _with_viewer_mode(topics, user, TopicSubscription, "topic")


def with_viewer_category_mode(categories, user):
    return _with_viewer_mode(categories, user, CategoryFollow, "category")


def subscription_key(kind, ident, user_id):
    """The outbox's key for one member's mail of a topic, category or digest frequency."""
    return f"{ {TOPIC: 'topic', CATEGORY: 'category', DIGEST: 'digest'}[kind] }:{ident}:{user_id}"


def unsubscribe_token(kind, ident, user_id):
    if kind == TOPIC:
        return signing.dumps([ident, user_id], salt=UNSUBSCRIBE_SALT)  # as the first mails had it
    return signing.dumps([kind, ident, user_id], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(kind, id or frequency, user_id), or None for a tampered or malformed token."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if isinstance(value, list) and len(value) == 2:
        value = [TOPIC, *value]
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[2], int)):
        return None
    kind, ident, user_id = value
    if kind in (TOPIC, CATEGORY) and isinstance(ident, int):
        return kind, ident, user_id
    if kind == DIGEST and ident in (NotificationMode.DAILY, NotificationMode.WEEKLY):
        return kind, ident, user_id
    return None


def subject_of(kind, ident):
    """The topic or category a token is about (None when it is gone), or the frequency."""
    if kind == TOPIC:
        return Topic.objects.filter(pk=ident).first()
    if kind == CATEGORY:
        return Category.objects.filter(pk=ident).first()
    return NotificationMode(ident).label


@transaction.atomic
def end_subscription(kind, ident, user_id):
    """What the unsubscribe button does; repeating it is harmless, and so is a link of an
    account deleted since (there is nothing left to end)."""
    if not get_user_model().objects.filter(pk=user_id).exists():
        return
    if kind == TOPIC:
        TopicSubscription.objects.update_or_create(
            topic_id=ident, user_id=user_id, defaults={"mode": NotificationMode.OFF}
        )
    elif kind == CATEGORY:
        CategoryFollow.objects.filter(category_id=ident, user_id=user_id, mode=NotificationMode.EACH).delete()
    else:
        turn_off_digests(user_id, ident)
    outbox.withdraw(subscription_key(kind, ident, user_id))


def turn_off_digests(user_id, frequency):
    CategoryFollow.objects.filter(user_id=user_id, mode=frequency).delete()
    TopicSubscription.objects.filter(user_id=user_id, mode=frequency).update(mode=NotificationMode.OFF)


@transaction.atomic
def set_category_mode(user, category, mode):
    if mode == NotificationMode.OFF:
        CategoryFollow.objects.filter(user=user, category=category).delete()
    else:
        CategoryFollow.objects.update_or_create(user=user, category=category, defaults={"mode": mode})
    if mode != NotificationMode.EACH:
        outbox.withdraw(subscription_key(CATEGORY, category.pk, user.pk))


@transaction.atomic
def set_topic_mode(user, topic, mode):
    TopicSubscription.objects.update_or_create(user=user, topic=topic, defaults={"mode": mode})
    if mode != NotificationMode.EACH:
        outbox.withdraw(subscription_key(TOPIC, topic.pk, user.pk))


def save_settings(user, data, categories, subscriptions):
    """Apply the settings form: ``category-<id>`` and ``topic-<id>`` fields with a mode, for the
    categories and followed topics shown. False (nothing saved) when a value is not a mode."""
    modes = {mode.value for mode in NotificationMode}
    wanted = [(category, data.get(f"category-{category.pk}")) for category in categories]
    wanted_topics = [(s, data.get(f"topic-{s.topic_id}")) for s in subscriptions]
    if any(value not in modes for _, value in wanted + wanted_topics if value is not None):
        return False
    with transaction.atomic():
        current = dict(CategoryFollow.objects.filter(user=user).values_list("category_id", "mode"))
        for category, mode in wanted:
            if mode is not None and mode != current.get(category.pk, NotificationMode.OFF):
                set_category_mode(user, category, mode)
        for subscription, mode in wanted_topics:
            if mode is not None and mode != subscription.mode:
                set_topic_mode(user, subscription.topic, mode)
    return True


def mark_read(user, topic_id, read_until):
    """Remember that ``user`` has seen ``topic_id`` up to the post of ``read_until``: one
    statement, and never backwards (re-reading page 1 keeps what page 3 marked)."""
    table = TopicReadMark._meta.db_table
    newest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, topic_id, read_until) VALUES (%s, %s, %s) "
            f"ON CONFLICT (user_id, topic_id) "
            f"DO UPDATE SET read_until = {newest}({table}.read_until, excluded.read_until)",
            [user.pk, topic_id, connection.ops.adapt_datetimefield_value(read_until)],
        )
