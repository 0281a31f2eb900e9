"""Two-factor authentication for everyone who can change what others see or read what they
should not: the admin, moderation and exports. Decided by permission, never by a group's name,
and checked on every request of such an account, not only below ``/admin/``: a moderator reads
hidden posts on ordinary topic pages.

Having an authenticator app is not enough: the session itself must have passed the second
factor (a code at login, at re-authentication, or when the app was set up in this session), so
a password alone, or a session from before the app was added, does not open staff powers.
"""

from allauth.mfa import signals as mfa_signals
from django.conf import settings
from django.contrib import messages
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from community.permissions import MODERATE_PERMISSION

# Each of these is a staff capability: the admin, moderation, the registrations (and their
# exports, with names and addresses) and the search analytics.
STAFF_PERMISSIONS = (
    "wagtailadmin.access_admin",
    MODERATE_PERMISSION,
    "events.view_eventregistration",
    "events.change_eventregistration",
    "knowledge_search.view_searchquerylog",  # search analytics (search.admin_views.VIEW_PERMISSION)
)
# Where a staff account still goes before the second factor: allauth's own pages (log out, set
# up the app, enter a code).
OPEN_PATHS = ("/account/",)
SESSION_KEY = "staff_two_factor_user"


def needs_two_factor(user):
    """Everyone with a staff capability, whichever group gave it to them."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or any(user.has_perm(permission) for permission in STAFF_PERMISSIONS)


def has_two_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_two_factor(request):
    return request.session.get(SESSION_KEY) == str(request.user.pk)


@receiver(mfa_signals.authenticator_used)
@receiver(mfa_signals.authenticator_added)
def remember_second_factor(sender, request, user, **kwargs):
    """A code was entered (login, re-authentication, recovery code) or the app was just set up
    with one: this session has passed the second factor. Logging in again starts a new one."""
    if request is not None:
        request.session[SESSION_KEY] = str(user.pk)


def second_factor_step(request):
    """Where a staff account must go first, or None when it may continue."""
    if not has_two_factor(request.user):
        messages.warning(request, _("Set up two-factor authentication before you continue."))
        return reverse("mfa_activate_totp")
    if not passed_two_factor(request):
        messages.info(request, _("Enter the code from your authenticator app to continue."))
        return reverse("mfa_reauthenticate")
    return None


class StaffTwoFactorMiddleware:
    """Staff accounts use the site only with a session that passed the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_MFA_REQUIRED and not request.path.startswith(OPEN_PATHS) and needs_two_factor(request.user):
            step = second_factor_step(request)
            if step:
                return redirect(f"{step}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
