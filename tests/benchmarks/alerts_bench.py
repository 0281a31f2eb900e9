"""Benchmark of the search alert run (``send_search_alerts``): N subscriptions, M new items.

Not part of the test suite (``make bench-alerts``). It works in a bench database of its own
(``BENCH_DATABASE_URL``, e.g. a PostgreSQL database; default the SQLite file
``.bench/alerts_bench.sqlite3``; never the site's own DATABASE_URL), seeded once with the demo
site plus M extra document pages (kept for the next run). Each run makes those M items "new",
creates N confirmed daily alerts on searches drawn from the corpus's words and facet values
(popular searches are followed by many people, so there are fewer distinct searches than alerts:
ALERTS_BENCH_DISTINCT), runs the alert run once on the database engine (or Elasticsearch, when
ELASTICSEARCH_URL is set and the index is built) and reports wall time, queries per batch and per
subscription, mails queued and corpus size; printed and written to ``.bench/alerts.json``.

Environment: ALERTS_BENCH_SUBSCRIPTIONS (10000), ALERTS_BENCH_ITEMS (1000), ALERTS_BENCH_DISTINCT
(3000), BENCH_DATABASE_URL, ELASTICSEARCH_URL (then also ELASTICSEARCH_INDEX_PREFIX, e.g.
kp-alerts-bench: the index is rebuilt before the run).
"""

import io
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SUBSCRIPTIONS = int(os.environ.get("ALERTS_BENCH_SUBSCRIPTIONS") or 10_000)
ITEMS = int(os.environ.get("ALERTS_BENCH_ITEMS") or 1_000)
DISTINCT = int(os.environ.get("ALERTS_BENCH_DISTINCT") or 3_000)
TITLE_PREFIX = "Bench alert item"


def setup():
    sys.path.insert(0, str(PROJECT))
    (PROJECT / ".bench").mkdir(exist_ok=True)
    default = f"sqlite:///{PROJECT / '.bench' / 'alerts_bench.sqlite3'}"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or default
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.dev")
    import django

    django.setup()


def seed(rng):
    """The demo site once, then the bench pages (and their knowledge items) up to ITEMS."""
    from django.core.management import call_command

    from cms.models import DocumentLibraryPage, DocumentType, KnowledgeDocumentPage, LibraryFile
    from search.items import sync_item
    from search.models import KnowledgeItem

    call_command("migrate", verbosity=0)
    if not KnowledgeItem.objects.exists():
        print("Seeding the demo site (once)...", flush=True)
        call_command("seed_demo", "--no-editor", "--force", verbosity=0, stdout=io.StringIO())
    words = vocabulary()
    library = DocumentLibraryPage.objects.first()
    document_types = list(DocumentType.objects.all())
    library_file = LibraryFile.objects.first()
    have = KnowledgeDocumentPage.objects.filter(title__startswith=TITLE_PREFIX).count()
    if have < ITEMS:
        print(f"Adding {ITEMS - have} bench documents (once)...", flush=True)
    for number in range(have, ITEMS):
        text = " ".join(rng.choice(words) for _ in range(12))
        page = KnowledgeDocumentPage(
            title=f"{TITLE_PREFIX} {number}: {' '.join(rng.sample(words, 3))}",
            date=f"{rng.randint(2015, 2026)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            slug=f"bench-alert-item-{number}",
            summary=text,
            document_type=rng.choice(document_types),
            file=library_file,
            live=True,
        )
        library.add_child(instance=page)
        sync_item(page)


def vocabulary():
    from search.models import KnowledgeItem
    from search.text import words

    found = set()
    for title, summary in KnowledgeItem.objects.exclude(title__startswith=TITLE_PREFIX).values_list("title", "summary"):
        found.update(word for word in words(f"{title} {summary}") if len(word) >= 5)
    return sorted(found)


def facet_values():
    """Some values of each facet that the corpus has."""
    from search.models import KnowledgeItem
    from search.query import FACETS

    values = {}
    for facet in FACETS:
        found = KnowledgeItem.objects.exclude(**{f"{facet.db_path}__isnull": True})
        values[facet.name] = sorted({str(v) for v in found.values_list(facet.db_path, flat=True).distinct()[:200]})
    return {name: found for name, found in values.items() if found}


def searches(rng, words, facets):
    """DISTINCT searches: words, words and a facet, a facet alone, a date range."""
    from urllib.parse import urlencode

    made = set()
    while len(made) < DISTINCT:
        pairs = []
        shape = rng.random()
        if shape < 0.8:
            pairs.append(("q", " ".join(rng.sample(words, 1 if rng.random() < 0.7 else 2))))
        if shape > 0.5:
            name = rng.choice(sorted(facets))
            pairs.append((name, rng.choice(facets[name])))
        if rng.random() < 0.1:
            pairs.append(("from", f"{rng.randint(2016, 2024)}-01-01"))
        made.add(urlencode(pairs))
    return sorted(made)


def prepare_run(rng, now):
    """The bench items become new; N confirmed daily alerts, their searches Zipf-distributed."""
    from core.models import OutgoingMail
    from search import alerts
    from search.models import KnowledgeItem
    from search.models_alerts import SearchAlert

    SearchAlert.objects.all().delete()
    OutgoingMail.objects.filter(purpose="search-alert").delete()
    KnowledgeItem.objects.filter(title__startswith=TITLE_PREFIX).update(created_at=now - timedelta(hours=1))
    KnowledgeItem.objects.exclude(title__startswith=TITLE_PREFIX).update(created_at=now - timedelta(days=30))
    pool = searches(rng, vocabulary(), facet_values())
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    chosen = rng.choices(pool, weights=weights, k=SUBSCRIPTIONS)
    rows = []
    for number, query_string in enumerate(chosen):
        canonical = alerts.canonical_query_string(query_string)
        rows.append(
            SearchAlert(
                email=f"lezer{number}@voorbeeld.nl",
                query_string=canonical,
                search_key=alerts.search_key(canonical),
                frequency="daily",
                confirmed_at=now - timedelta(days=3),
                checked_until=now - timedelta(days=1),
            )
        )
    SearchAlert.objects.bulk_create(rows, batch_size=1000)
    return len(set(chosen))


def main():
    setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from core.models import OutgoingMail
    from search import alert_run
    from search.models import KnowledgeItem

    rng = random.Random(2026)
    seed(rng)
    now = timezone.now()
    distinct = prepare_run(rng, now)
    if settings.ELASTICSEARCH_URL:
        from search.rebuild import rebuild_index

        rebuild_index()  # the bench items in the index (ELASTICSEARCH_INDEX_PREFIX: use a bench prefix)
    started = time.monotonic()
    if os.environ.get("ALERTS_BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        stats = profiler.runcall(alert_run.run, "daily", now=now)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    else:
        stats = alert_run.run("daily", now=now)
    wall = time.monotonic() - started
    queued = OutgoingMail.objects.filter(purpose="search-alert").count()
    result = {
        "database": connection.vendor,
        "engine": stats.engine,
        "elasticsearch_url": bool(settings.ELASTICSEARCH_URL),
        "corpus_items": KnowledgeItem.objects.count(),
        "new_items": stats.new_items,
        "subscriptions": stats.alerts_due,
        "distinct_searches": distinct,
        "batch_size": alert_run.BATCH_SIZE,
        "batches": stats.batches,
        "engine_requests": stats.engine_requests,
        "mails_queued": queued,
        "wall_seconds": round(wall, 2),
        "queries_per_batch_max": max(stats.queries, default=0),
        "queries_per_batch": stats.queries,
        "queries_per_subscription": round(sum(stats.queries) / max(stats.alerts_due, 1), 3),
        "under_a_minute": wall < 60,
    }
    OutgoingMail.objects.filter(purpose="search-alert").delete()
    report = PROJECT / ".bench" / "alerts.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v for k, v in result.items() if k != "queries_per_batch"}, indent=2))
    print(f"Written to {report.relative_to(PROJECT)}")
    return 0 if result["under_a_minute"] else 1


if __name__ == "__main__":
    sys.exit(main())
