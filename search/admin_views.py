"""The editors' search analytics page in the Wagtail admin (Reports → Search queries)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import analytics

VIEW_PERMISSION = "knowledge_search.view_searchquerylog"
CHART_WIDTH = 720
CHART_HEIGHT = 160


def activity_chart(days):
    """Bar geometry for an inline SVG: searches per day, with the zero-result part in a second colour."""
    peak = max((day.searches for day in days), default=0) or 1
    slot = CHART_WIDTH / max(len(days), 1)
    bars = []
    for index, day in enumerate(days):
        height = CHART_HEIGHT * day.searches / peak
        zero_height = CHART_HEIGHT * day.zero_results / peak
        bars.append(
            {
                "day": day,
                "x": round(index * slot + slot * 0.1, 1),
                "width": round(max(slot * 0.8, 1), 1),
                "y": round(CHART_HEIGHT - height, 1),
                "height": round(height, 1),
                "zero_y": round(CHART_HEIGHT - zero_height, 1),
                "zero_height": round(zero_height, 1),
            }
        )
    return {
        "bars": bars,
        "peak": peak if any(day.searches for day in days) else 0,
        "first_day": days[0].day if days else None,
        "last_day": days[-1].day if days else None,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
    }


class SearchAnalyticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/analytics.html"
    page_title = _("Search queries")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def period(self):
        try:
            days = int(self.request.GET.get("days", analytics.DEFAULT_PERIOD))
        except ValueError:
            return analytics.DEFAULT_PERIOD
        return days if days in analytics.PERIODS else analytics.DEFAULT_PERIOD

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.period()
        since = analytics.period_start(days)
        context.update(
            {
                "days": days,
                "periods": analytics.PERIODS,
                "summary": analytics.summary(since),
                "popular": analytics.popular_queries(since),
                "zero_results": analytics.zero_result_queries(since),
                "chart": activity_chart(analytics.daily_activity(since)),
            }
        )
        return context
