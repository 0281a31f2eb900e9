"""``/health/``: is this app server fit to serve, and is anything behind it falling behind?

Each check answers ``ok``, ``degraded`` (the site serves, but something needs attention) or
``failing`` (the site cannot serve). The answer is HTTP 200 unless a check fails (503), so a
load balancer or Docker takes an app server out only when it really cannot serve: with
Elasticsearch down the search answers from the database, which is ``degraded``, not ``failing``.

The body says which check is in which state and how old the oldest waiting e-mail and index
update are; reasons (error messages) go to the log only, never to the visitor.
"""

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

OK, DEGRADED, FAILING = "ok", "degraded", "failing"
SEVERITY = {OK: 0, DEGRADED: 1, FAILING: 2}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK, {}


def check_caches():
    probe = f"health:{uuid.uuid4().hex}"
    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set(probe, "1", 30)
        if cache.get(probe) != "1":
            raise RuntimeError(f"cache {alias!r} did not return what was stored")
        cache.delete(probe)
    return OK, {}


def check_storage():
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return OK, {}


def check_search():
    from search import elastic

    if not elastic.is_configured():
        return OK, {"engine": "database"}
    try:
        elastic.client().options(request_timeout=settings.ELASTICSEARCH_TIMEOUT).cluster.health()
    except Exception as error:  # any failure: the database engine answers meanwhile
        logger.warning("Health: Elasticsearch does not answer (%s); search falls back to the database.", error)
        return DEGRADED, {"engine": "database (fallback)"}
    return OK, {"engine": "elasticsearch"}


def _age_in_minutes(oldest, now):
    return None if oldest is None else round((now - oldest).total_seconds() / 60, 1)


def check_outboxes():
    """E-mail and index updates wait in outboxes until their server takes them; an old entry
    means a worker or a server is down (``HEALTH_OUTBOX_MAX_AGE_MINUTES``)."""
    from django.db.models import Min

    from search.models import IndexOutbox

    from .models import OutgoingMail

    now = timezone.now()
    oldest_mail = OutgoingMail.objects.filter(next_attempt_at__isnull=False).aggregate(oldest=Min("created_at"))
    ages = {
        "oldest_unsent_mail_minutes": _age_in_minutes(oldest_mail["oldest"], now),
        "oldest_index_update_minutes": _age_in_minutes(
            IndexOutbox.objects.aggregate(oldest=Min("created_at"))["oldest"], now
        ),
        "mail_given_up": OutgoingMail.objects.filter(next_attempt_at__isnull=True).count(),
    }
    limit = timedelta(minutes=settings.HEALTH_OUTBOX_MAX_AGE_MINUTES).total_seconds() / 60
    late = any(age is not None and age > limit for key, age in ages.items() if key.endswith("_minutes"))
    return (DEGRADED if late or ages["mail_given_up"] else OK), ages


CHECKS = {
    "database": check_database,
    "cache": check_caches,
    "storage": check_storage,
    "search": check_search,
    "outbox": check_outboxes,
}
# Without these the site cannot serve; the others only degrade it.
ESSENTIAL = {"database", "cache", "storage"}


def run_checks():
    """{"status": worst state, "checks": {name: {"status": ..., ...details}}}"""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            status, details = check()
        except Exception as error:
            logger.error("Health: %s check failed: %s", name, error, exc_info=True)
            status, details = (FAILING if name in ESSENTIAL else DEGRADED), {}
        results[name] = {"status": status, "ms": round((time.monotonic() - started) * 1000, 1), **details}
    worst = max((result["status"] for result in results.values()), key=SEVERITY.__getitem__)
    return {"status": worst, "checks": results}


@never_cache
def health(request):
    report = run_checks()
    return JsonResponse(report, status=503 if report["status"] == FAILING else 200)
