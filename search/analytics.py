"""Search analytics for editors: what people look for and what they do not find.

Works on ``SearchQueryLog``, which holds queries only (no user, address or session), so
these figures can be shown to every editor. Queries are still what people typed (sometimes a
name): they are kept SEARCH_LOG_RETENTION_DAYS, then ``purge_old_searches`` removes them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, Max, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import SearchQueryLog

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30


@dataclass
class DayActivity:
    day: object
    searches: int
    zero_results: int


def period_start(days, now=None):
    """Midnight (local time) ``days - 1`` days ago, so a 7-day period is today and the six before."""
    today = timezone.localdate(now)
    start = today - timedelta(days=days - 1)
    return timezone.make_aware(timezone.datetime.combine(start, timezone.datetime.min.time()))


def logged_since(since):
    return SearchQueryLog.objects.filter(searched_at__gte=since)


def summary(since):
    totals = logged_since(since).aggregate(
        searches=Count("pk"),
        zero_results=Count("pk", filter=Q(results=0)),
        distinct=Count("query", distinct=True),
    )
    searches = totals["searches"]
    totals["zero_share"] = round(100 * totals["zero_results"] / searches) if searches else 0
    return totals


def popular_queries(since, limit=25):
    return list(
        logged_since(since)
        .values("query")
        .annotate(searches=Count("pk"), average_results=Avg("results"), last_searched=Max("searched_at"))
        .order_by("-searches", "query")[:limit]
    )


def zero_result_queries(since, limit=25):
    return list(
        logged_since(since)
        .filter(results=0)
        .values("query")
        .annotate(searches=Count("pk"), last_searched=Max("searched_at"))
        .order_by("-searches", "-last_searched")[:limit]
    )


def daily_activity(since, now=None):
    """One entry per day from ``since`` to today, days without searches included."""
    rows = {
        row["day"]: row
        for row in logged_since(since)
        .annotate(day=TruncDate("searched_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(searches=Count("pk"), zero_results=Count("pk", filter=Q(results=0)))
    }
    first, last = timezone.localdate(since), timezone.localdate(now)
    days = []
    day = first
    while day <= last:
        row = rows.get(day, {})
        days.append(DayActivity(day, row.get("searches", 0), row.get("zero_results", 0)))
        day += timedelta(days=1)
    return days


def purge_old_searches(days=None, now=None):
    """Delete logged searches older than ``days`` (default SEARCH_LOG_RETENTION_DAYS); return how many."""
    days = settings.SEARCH_LOG_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = SearchQueryLog.objects.filter(searched_at__lt=cutoff).delete()
    return deleted
