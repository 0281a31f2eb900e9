"""View restrictions of a served page, without asking the database when none can apply.

Wagtail checks every page it serves with two queries (the ancestors, then their restrictions).
Which sections are private is known per content generation (``cms.queries``), so a page
outside them answers "none" from memory; any other page asks Wagtail as before.
"""

from wagtail.models import PageViewRestriction

from cms.queries import may_be_restricted


class KnownViewRestrictions:
    """Mixed into every page model of the site, before Wagtail's ``Page``."""

    def get_view_restrictions(self):
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
