"""Following a search by e-mail: subscribing (double opt-in), confirming, changing, ending.

A search is stored as its canonical query string: ``SearchRequest`` reads the URL as the search
page does and writes back only what it understood, facet values sorted, without sort or page. So
identical searches by one address are one alert, and the alert run (search/alert_run.py) can
evaluate each distinct search once. Anonymous visitors confirm through a mailed link; members'
alerts go to their account's (verified) address and need no confirmation. Unconfirmed
subscriptions expire; the number of alerts per address and the confirmation mails an address or
IP address can cause are limited, so nobody can use the site to flood someone's mailbox.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox, ratelimit

from .labels import facet_labels
from .models_alerts import SearchAlert
from .query import FACETS, SearchRequest

RATE_PERIOD = 60 * 60
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def canonical_request(query_string):
    """The ``SearchRequest`` an alert on ``query_string`` runs: relevance order, first page."""
    request = SearchRequest.from_querydict(QueryDict(query_string or ""))
    request.filters = {name: sorted(values) for name, values in request.filters.items()}
    request.sort, request.page, request.notices = "relevance", 1, ()
    return request


def canonical_query_string(query_string):
    return urlencode(canonical_request(query_string).query_pairs())


def search_key(canonical):
    return hashlib.sha256(canonical.encode()).hexdigest()


def describe(query_string):
    """The search in a few words, for mails and the account page: ("words", [(label, values)])."""
    request = canonical_request(query_string)
    parts = []
    for facet in FACETS:
        selected = request.selected(facet.name)
        if selected:
            labels = facet_labels(facet.name, selected)  # names, not slugs: "BEL Combinatie"
            parts.append((str(facet.label), ", ".join(labels[value] for value in selected)))
    if request.date_from or request.date_to:
        parts.append(
            (str(_("Published")), " – ".join(d.isoformat() if d else "…" for d in (request.date_from, request.date_to)))
        )
    return request.query, parts


def search_url_of(query_string):
    return outbox.site_url(reverse("search") + (f"?{query_string}" if query_string else ""))


def search_url(alert):
    return search_url_of(alert.query_string)


def confirm_url(alert):
    return outbox.site_url(reverse("search_alert_confirm", args=[alert.token]))


def unsubscribe_url(alert):
    return outbox.site_url(reverse("search_alert_unsubscribe", args=[alert.token]))


@dataclass
class Outcome:
    status: str  # "mailed" (check your mail), "active" (member: on at once), "limit", "throttled"
    alert: SearchAlert | None = None


def subscribe(email, query_string, frequency, *, user=None, client_address=""):
    """Follow a search. Anonymous: a confirmation mail (again, when one is pending); the answer
    is the same whether or not the address already follows it, so it tells nobody what someone
    else follows. A member: the alert is on at once, at the account's address."""
    canonical = canonical_query_string(query_string)
    key = search_key(canonical)
    email = (user.email if user else email).strip().lower()
    if user is None and not ratelimit.consume_all(
        [
            ("search-alert-address", email, settings.SEARCH_ALERTS_SUBSCRIBE_LIMIT, RATE_PERIOD),
            ("search-alert-ip", client_address, 4 * settings.SEARCH_ALERTS_SUBSCRIBE_LIMIT, RATE_PERIOD),
        ]
    ):
        return Outcome("throttled")
    with transaction.atomic():
        alert = SearchAlert.objects.select_for_update().filter(email=email, search_key=key).first()
        if alert is None:
            if SearchAlert.objects.filter(email=email).count() >= settings.SEARCH_ALERTS_PER_ADDRESS:
                return Outcome("limit")
            try:
                with transaction.atomic():
                    alert = SearchAlert.objects.create(
                        email=email, query_string=canonical, search_key=key, frequency=frequency
                    )
            except IntegrityError:  # a double submit got there first
                alert = SearchAlert.objects.get(email=email, search_key=key)
        if user is not None:
            if alert.confirmed_at is None:
                _activate(alert)
            alert.user, alert.frequency = user, frequency
            alert.save(update_fields=["user", "frequency", "confirmed_at", "checked_until"])
            return Outcome("active", alert)
        if alert.confirmed_at is None:
            alert.frequency = frequency
            alert.save(update_fields=["frequency"])
            _queue_confirmation(alert)
        return Outcome("mailed", alert)


def _activate(alert, now=None):
    now = now or timezone.now()
    alert.confirmed_at = now
    alert.checked_until = now  # report what is added from now on, not the whole archive


def _queue_confirmation(alert):
    words, parts = describe(alert.query_string)
    outbox.queue_mail(
        "search/email/alert_confirm",
        alert.email,
        {
            "alert": alert,
            "words": words,
            "parts": parts,
            "search_url": search_url(alert),
            "confirm_url": confirm_url(alert),
            "days": settings.SEARCH_ALERTS_CONFIRM_DAYS,
        },
        purpose="search-alert-confirm",
    )


def expiry_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.SEARCH_ALERTS_CONFIRM_DAYS)


def find(token):
    """The alert with this token, or None (unknown, tampered, or an expired confirmation)."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None  # not one we made (NUL and the like never reach the database)
    alert = SearchAlert.objects.filter(token=token).first()
    if alert is not None and alert.confirmed_at is None and alert.created_at < expiry_cutoff():
        return None
    return alert


def confirm(alert):
    """Turn the alert on (a second confirmation changes nothing)."""
    if alert.confirmed_at is None:
        _activate(alert)
        alert.save(update_fields=["confirmed_at", "checked_until"])
    return alert


def unsubscribe(alert):
    """End the alert, and drop its mail that was queued but not sent yet."""
    with transaction.atomic():
        key = alert.subscription_key
        SearchAlert.objects.filter(pk=alert.pk).delete()
        outbox.withdraw(key)


def change_frequency(alert, frequency):
    if frequency in SearchAlert.Frequency.values and alert.frequency != frequency:
        alert.frequency = frequency
        alert.save(update_fields=["frequency"])


def expire_unconfirmed(now=None):
    """Delete subscriptions nobody confirmed in time. Returns how many."""
    deleted, _ = SearchAlert.objects.filter(confirmed_at__isnull=True, created_at__lt=expiry_cutoff(now)).delete()
    return deleted
