"""The alert run (``manage.py send_search_alerts --frequency daily|weekly``).

For every confirmed alert of that frequency that is due, the items added since its high-water
mark that its search finds are mailed (bulk mail, sent throttled by ``send_pending_mail``);
nothing new, no mail. The search is run as an anonymous visitor would: only public knowledge
items exist to it (search/alert_matching.py). Identical searches are evaluated once and every
distinct text is asked of the engine once per run, so the queries of a batch of alerts are
bounded by its distinct texts, plus a fixed few. Each batch is one transaction: its mails and
its new high-water marks are written together, so a crash neither loses nor repeats a report.
"""

import functools
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.formats import date_format

from core import outbox

from .alert_matching import FacetIndex, NewItem, TextMatcher, new_items
from .alerts import canonical_request, describe, expire_unconfirmed, search_url, unsubscribe_url
from .labels import kind_label
from .models_alerts import SearchAlert

PERIODS = {SearchAlert.Frequency.DAILY: timedelta(days=1), SearchAlert.Frequency.WEEKLY: timedelta(days=7)}
# A run that starts a little earlier than the one before still counts the alert as due.
SLACK = timedelta(hours=2)
BATCH_SIZE = 500
ITEMS_PER_MAIL = 25


@dataclass
class RunStats:
    frequency: str
    alerts_due: int = 0
    new_items: int = 0
    mails: int = 0
    expired: int = 0
    batches: int = 0
    engine: str = ""
    engine_requests: int = 0  # full-text queries (database) or multi-search requests (Elasticsearch)
    queries: list = field(default_factory=list)  # per batch
    seconds: float = 0.0


class QueryCounter:
    """Counts the database queries of one batch (reported by the command and the benchmark)."""

    count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def due_alerts(frequency, now):
    return SearchAlert.objects.filter(
        frequency=frequency, confirmed_at__isnull=False, checked_until__lte=now - PERIODS[frequency] + SLACK
    )


def run(frequency, now=None, batch_size=BATCH_SIZE):
    started = time.monotonic()
    now = now or timezone.now()
    stats = RunStats(frequency=str(frequency))
    stats.expired = expire_unconfirmed(now)
    due = due_alerts(frequency, now)
    oldest = due.aggregate(oldest=Min("checked_until"))["oldest"]
    if oldest is None:
        stats.seconds = time.monotonic() - started
        return stats
    items = new_items(oldest, now)
    stats.new_items = len(items)
    matcher = TextMatcher(items, oldest, now)
    index = FacetIndex(items)
    rendered = {}  # shared by the batches: a popular search's followers are spread over them
    stats.engine = matcher.engine
    last_pk = 0
    while True:
        counter = QueryCounter()
        with connection.execute_wrapper(counter), transaction.atomic():
            # Locked for the batch: an unsubscribe waits, and then withdraws what was queued.
            batch = list(due.filter(pk__gt=last_pk).order_by("pk").select_for_update()[:batch_size])
            if not batch:
                break
            last_pk = batch[-1].pk
            stats.alerts_due += len(batch)
            stats.mails += _run_batch(batch, items, index, matcher, now, rendered)
        stats.batches += 1
        stats.queries.append(counter.count)
    stats.engine = matcher.engine  # the database, when Elasticsearch failed during the run
    stats.engine_requests = matcher.queries
    stats.seconds = time.monotonic() - started
    return stats


def _run_batch(batch, items, index, matcher, now, rendered):
    requests = {}
    for alert in batch:
        if alert.search_key not in requests:
            requests[alert.search_key] = canonical_request(alert.query_string)
    matcher.prepare(request.query for request in requests.values())
    found_by_search = {}
    for key, request in requests.items():
        found = index.matching(request, within=matcher.matches(request.query))
        # Newest first, as ``items`` is ordered.
        found_by_search[key] = [item for item in items if item.pk in found] if found else []
    mailed, mails = [], []
    for alert in batch:
        fresh = [item for item in found_by_search[alert.search_key] if item.created_at > alert.checked_until]
        if fresh:
            mails.append(_alert_mail(alert, fresh, rendered))
            mailed.append(alert.pk)
    outbox.queue_rendered_bulk(mails, purpose="search-alert")
    SearchAlert.objects.filter(pk__in=[alert.pk for alert in batch]).update(checked_until=now)
    if mailed:
        SearchAlert.objects.filter(pk__in=mailed).update(last_sent_at=now)
    return len(mailed)


def _alert_mail(alert, fresh: list[NewItem], rendered):
    """The mail of one alert, for ``outbox.queue_rendered_bulk``. The mail of a search and its
    new items is rendered once and shared by everyone who follows that search (only the
    unsubscribe address differs): the run renders once per distinct search, not per subscriber."""
    key = (alert.search_key, fresh[0].pk, len(fresh))
    if key not in rendered:
        rendered[key] = _render(alert, fresh)
    url = unsubscribe_url(alert)
    subject, text, html = (part.replace(UNSUBSCRIBE_PLACEHOLDER, url) for part in rendered[key])
    return alert.email, subject, text, html, url, alert.subscription_key


UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/placeholder"


def _render(alert, fresh):
    words, parts = describe(alert.query_string)
    shown = fresh[:ITEMS_PER_MAIL]
    context = {
        "words": words,
        "parts": parts,
        "items": [_mail_item(item) for item in shown],
        "count": len(fresh),
        "more": len(fresh) - len(shown),
        "search_url": search_url(alert),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    return outbox.render_mail("search/email/alert", context)


def _mail_item(item):
    url = outbox.site_url(item.url) if item.url.startswith("/") else item.url
    day = _day(item.date) if item.date else ""
    return {"title": item.title, "url": url, "kind": kind_label(item.kind), "date": day, "summary": item.summary}


@functools.lru_cache(maxsize=4096)
def _day(value):
    """A date as the mail writes it, in the site's language (formatting dates is the slow part
    of rendering many mails; there are few distinct dates)."""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(value, "j F Y")
