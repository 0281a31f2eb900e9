"""The community's roles asked of the database, one question each; ``viewer.Viewer`` asks them
once per request and holds the rules for topics and posts built on them.

Roles: anonymous visitors, members (logged in, e-mail verified, not suspended), moderators
(the ``community.moderate`` permission: the Moderators and Editors groups, superusers) and
editors (staff; moderate too).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import ProfileVisibility, Suspension

MODERATE_PERMISSION = "community.moderate"


def has_verified_address(user_field="pk"):
    """The query form of "is a member": the account (``user_field`` of the rows filtered) has
    a verified primary e-mail address."""
    from allauth.account.models import EmailAddress

    return Exists(EmailAddress.objects.filter(user=OuterRef(user_field), verified=True, primary=True))


def has_verified_primary_address(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()


def is_member(user):
    return user.is_authenticated and user.is_active and has_verified_primary_address(user)


def is_moderator(user):
    """``user.has_perm(MODERATE_PERMISSION)`` as Django's ModelBackend answers it (active
    superusers, or the permission given to the user or one of their groups), in one query
    instead of two: the header asks it of every member on every page."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    from django.contrib.auth.models import Permission

    app_label, codename = MODERATE_PERMISSION.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return granted.filter(Q(user=user) | Q(group__user=user)).exists()


def active_suspension(user):
    if not user.is_authenticated:
        return None
    now = timezone.now()
    return (
        Suspension.objects.filter(member=user, lifted_at__isnull=True, starts_at__lte=now)
        .exclude(ends_at__lt=now)
        .order_by("-starts_at")
        .first()
    )


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
