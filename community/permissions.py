"""Who may do what in the community: one place, so views, templates and tests agree.

Roles: anonymous visitors, members (logged in, e-mail verified, not suspended), moderators
(the ``community.moderate`` permission: the Moderators and Editors groups, superusers) and
editors (staff; moderate too).
"""

from django.utils import timezone

from .models import CategoryAccess, Suspension

MODERATE_PERMISSION = "community.moderate"


def is_member(user):
    if not (user.is_authenticated and user.is_active):
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def is_moderator(user):
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


def active_suspension(user):
    if not user.is_authenticated:
        return None
    now = timezone.now()
    return (
        Suspension.objects.filter(member=user, lifted_at__isnull=True, starts_at__lte=now)
        .exclude(ends_at__lt=now).order_by("-starts_at").first()
    )


def readable_categories(user, queryset):
    if is_member(user) or is_moderator(user):
        return queryset
    return queryset.filter(access=CategoryAccess.PUBLIC)


def can_read(user, topic):
    if topic.hidden and not is_moderator(user):
        return False
    return topic.category.is_public or is_member(user) or is_moderator(user)


def can_post(user, topic=None):
    if not is_member(user) or active_suspension(user):
        return False
    if topic is not None and (topic.locked or topic.hidden) and not is_moderator(user):
        return False
    return True


def can_edit(user, post):
    return post.author_id == user.pk and can_post(user, post.topic) and not post.hidden


def can_flag(user, post):
    return is_member(user) and post.author_id != user.pk and not post.hidden
