"""Members' profiles as others see them: who is in the directory, whose profile page (and
photo) a viewer may open, and a member's own profile. Reading never writes: a profile row is
made when its owner saves it (or at sign-up), never because someone opened a page."""

from .models import MemberProfile, ProfileVisibility
from .permissions import can_view_profile, has_verified_address


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
        .filter(user__username=username, user__is_active=True).first()
    )
    return profile if profile is not None and can_view_profile(viewer, profile) else None


def own_profile(user):
    """The member's profile to edit: the saved one, or a new one that is saved with the form."""
    return MemberProfile.objects.filter(user=user).first() or MemberProfile(user=user)

