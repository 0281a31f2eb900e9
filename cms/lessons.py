"""Named queries for lessons learned: which lessons visitors may see, for the overview at
/lessen/, the phase pages ("lessons for a phase") and anything else that lists them.

A lesson is visible exactly when its collaboration profile is: live, and without a view
restriction on the profile or any page above it. Draft lessons live only in the profile's
revisions, never in these rows, so they cannot appear either.
"""

from wagtail.models import Page

from cms.models.lessons import Lesson
from cms.queries import visible


def visible_lessons(**tag_filter):
    """Visible lessons, narrowed by e.g. ``phase=phase``, ``theme=theme`` or
    ``page__collaboration=collaboration``, with their profile, collaboration, phase and theme
    fetched in the same query, grouped by collaboration (do's before don'ts, in the editor's
    order)."""
    visible_pages = visible(Page).values("pk")
    return (
        Lesson.objects.filter(page__in=visible_pages, **tag_filter)
        .select_related("page__collaboration", "phase", "theme")
        .order_by("page__collaboration__short_name", "page_id", "kind", "sort_order", "pk")
    )
