"""Who may do what in the community: one place, so views, templates and tests agree.

Roles: anonymous visitors, members (logged in, e-mail verified, not suspended), moderators
(the ``community.moderate`` permission: the Moderators and Editors groups, superusers) and
editors (staff; moderate too).
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import CategoryAccess, ProfileVisibility, Suspension

MODERATE_PERMISSION = "community.moderate"


def has_verified_address(user_field="pk"):
    """The query form of "is a member": the account (``user_field`` of the rows filtered) has
    a verified primary e-mail address."""
    from allauth.account.models import EmailAddress

    return Exists(EmailAddress.objects.filter(user=OuterRef(user_field), verified=True, primary=True))


def is_member(user):
    if not (user.is_authenticated and user.is_active):
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()


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


def may_report(user):
    """Members report posts to moderators; a suspended member cannot (no flooding the queue)."""
    return is_member(user) and not active_suspension(user)


def can_flag(user, post, may_report_posts=None):
    """``may_report_posts``: ``may_report(user)`` when already known (a page of posts)."""
    if may_report_posts is None:
        may_report_posts = may_report(user)
    return may_report_posts and post.author_id != user.pk and not post.hidden


def can_view_profile(viewer, profile):
    """Profiles (and their photos) are for members: a verified member sees the profiles in the
    directory, a moderator hidden ones too, the owner always their own. Accounts that are
    inactive or have no verified address have no profile page."""
    user = profile.user
    if not viewer.is_authenticated or not user.is_active:
        return False
    if viewer.pk == user.pk:
        return True
    if not is_member(user):
        return False
    if is_moderator(viewer):
        return True
    return is_member(viewer) and profile.visibility == ProfileVisibility.MEMBERS
