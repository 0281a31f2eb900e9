"""Template context for every page."""

from django.conf import settings


def site_name(request):
    """The site's name for titles and the footer (WAGTAIL_SITE_NAME, from SITE_NAME), and the
    address of its accessibility statement for the footer (no query: a setting)."""
    return {
        "WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "ACCESSIBILITY_STATEMENT_URL": settings.ACCESSIBILITY_STATEMENT_URL,
    }
