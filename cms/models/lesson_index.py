"""The lessons overview (/lessen/): every visible lesson of every collaboration, filtered."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cms.filters import LessonFilter
from cms.lessons import visible_lessons
from cms.queries import first_visible

from .listing import ListingPage


class LessonIndexPage(ListingPage):
    """Lessons learned across all collaborations; each links to its collaboration's profile."""

    filterset_class = LessonFilter
    count_text = ngettext_lazy("%(count)s lesson", "%(count)s lessons", "count")
    page_size = 20
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("lessons overview")

    def listed_items(self):
        return visible_lessons()


def lessons_overview_url(request=None, **params):
    """Link to the lessons overview filtered on e.g. one collaboration, or None."""
    overview = first_visible(LessonIndexPage)
    return f"{overview.get_url(request)}?{urlencode(params)}" if overview else None
