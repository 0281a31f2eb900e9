"""Members' profiles as others see them: who is in the directory, whose profile page (and
photo) a viewer may open, and a member's own profile. Reading never writes: a profile row is
made when its owner saves it (or at sign-up), never because someone opened a page."""

from django.db.models import Q

from .models import MemberProfile, ProfileVisibility
from .permissions import can_view_profile, has_verified_address, is_moderator

MENTION_SUGGESTIONS = 8
# markup.MENTION_NAME for the database (SQLite and PostgreSQL read this the same way).
_MENTIONABLE_USERNAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,30}[A-Za-z0-9]$"


def directory_profiles():
    """Verified, active members who chose to be listed (staff without a profile never are)."""
    return (
        MemberProfile.objects.filter(visibility=ProfileVisibility.MEMBERS, user__is_active=True)
        .filter(has_verified_address("user"))
        .select_related("user", "municipality", "collaboration")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def visible_profile(viewer, username):
    """The profile behind ``username`` if ``viewer`` may see it, else None."""
    profile = (
        MemberProfile.objects.select_related("user", "municipality", "collaboration")
        .filter(user__username=username, user__is_active=True)
        .first()
    )
    return profile if profile is not None and can_view_profile(viewer, profile) else None


def own_profile(user):
    """The member's profile to edit: the saved one, or a new one that is saved with the form."""
    return MemberProfile.objects.filter(user=user).first() or MemberProfile(user=user)


def mention_candidates(viewer, typed):
    """Up to MENTION_SUGGESTIONS members ``viewer`` may see (``can_view_profile``: the directory,
    for a moderator also hidden profiles) whose username, first or last name starts with what
    was typed after "@". Only usernames a post reads as mentions; never the viewer."""
    typed = (typed or "").strip().removeprefix("@")
    if not typed or len(typed) > 30 or not typed.isprintable():  # printable: no NUL for PostgreSQL
        return []
    if is_moderator(viewer):
        profiles = MemberProfile.objects.filter(user__is_active=True).filter(has_verified_address("user"))
    else:
        profiles = directory_profiles()
    starts = (
        Q(user__username__istartswith=typed)
        | Q(user__first_name__istartswith=typed)
        | Q(user__last_name__istartswith=typed)
        | Q(user__last_name__icontains=f" {typed}")
    )
    for separator in "-._":  # "pe" finds demo-peter
        starts |= Q(user__username__icontains=separator + typed)
    return list(
        profiles.filter(starts, user__username__regex=_MENTIONABLE_USERNAME)
        .exclude(user=viewer)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")[:MENTION_SUGGESTIONS]
    )
