"""Security headers on every response that Django's SecurityMiddleware does not set.

Content-Security-Policy comes from django-csp, configured in settings (``CONTENT_SECURITY_POLICY``):
scripts, styles, fonts and images from this origin only, no inline scripts, no framing.
Wagtail's admin (8.0) still ships a few inline scripts (date pickers, inline panels) and
inline styles, and shows page previews in a same-origin frame, so below the admin path those
three directives are relaxed; every public and member page gets the strict policy.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"
ADMIN_ALLOWANCES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**ADMIN_ALLOWANCES, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses, for it and anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
