"""Who must use two-factor authentication, and the middleware that sends them to set it up."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

STAFF_GROUPS = ("Editors", "Moderators")


def needs_two_factor(user):
    """Editors, moderators and other staff: everyone who can change what the public sees."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists()


def has_two_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffTwoFactorMiddleware:
    """Staff without an authenticator app reach the admin only after setting one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path.startswith("/admin/")
            and needs_two_factor(request.user)
            and not has_two_factor(request.user)
        ):
            messages.warning(request, _("Set up two-factor authentication before you continue to the admin."))
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
