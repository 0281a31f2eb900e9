"""Whole-index operations: re-deriving every knowledge item from the pages, and building a
fresh Elasticsearch index behind the alias without interrupting searches."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from elasticsearch.helpers import scan

from . import elastic
from .indexing import flush_outbox
from .items import searchable_pages, sync_item
from .models import KnowledgeItem

logger = logging.getLogger(__name__)
BATCH = 1000


def _noop(done, total):
    pass


def derive_items(progress=_noop):
    """Make KnowledgeItem match the page tree exactly (adds, updates and removes items)."""
    pages = searchable_pages()
    total = pages.count()
    seen = set()
    for done, page in enumerate(pages.iterator(chunk_size=BATCH), start=1):
        with transaction.atomic():
            sync_item(page)
        seen.add(page.pk)
        if done % 100 == 0 or done == total:
            progress(done, total)
    # Compared in Python: an IN clause with 100,000 ids is too much for SQLite.
    stale = [pk for pk, page_id in KnowledgeItem.objects.values_list("pk", "page_id") if page_id not in seen]
    for start in range(0, len(stale), BATCH):
        KnowledgeItem.objects.filter(pk__in=stale[start:start + BATCH]).delete()
    return total


def items_for_index():
    return (
        KnowledgeItem.objects.order_by("pk")
        .select_related("document_type")
        .prefetch_related(*elastic.ITEM_PREFETCH)
    )


def rebuild_index(progress=_noop):
    """Build a new index from the items, then swap the alias to it in one step.

    Searches keep using the old index until the swap. Changes saved during the rebuild reach
    the old index through the outbox; they are written again to the new index after the swap,
    and documents deleted meanwhile are removed.
    """
    es = elastic.maintenance_client()
    started = timezone.now()
    name = elastic.new_index_name()
    dutch = elastic.create_index(name, es)
    # Faster bulk loading: no refreshes or replicas until the index is complete.
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1", "number_of_replicas": 0})
    items = items_for_index()
    total = items.count()
    done = 0
    batch = []
    for item in items.iterator(chunk_size=BATCH):
        batch.append(item)
        if len(batch) == BATCH:
            done += elastic.write(batch, [], index=name, es=es)
            batch = []
            progress(done, total)
    done += elastic.write(batch, [], index=name, es=es)
    progress(done, total)
    es.indices.put_settings(index=name, settings={
        "refresh_interval": "1s", "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
    })
    es.indices.refresh(index=name)
    elastic.swap_alias(name, es)
    catch_up(since=started, es=es)
    return {"index": name, "documents": done, "dutch_analysis": dutch}


def catch_up(since, es=None):
    """Re-send items changed since ``since`` and drop documents whose item no longer exists."""
    es = es or elastic.maintenance_client()
    changed = list(items_for_index().filter(updated_at__gte=since))
    known = set(KnowledgeItem.objects.values_list("page_id", flat=True))
    indexed = {int(hit["_id"]) for hit in scan(es, index=elastic.alias_name(), query={"query": {"match_all": {}}}, _source=False)}
    elastic.write(changed, sorted(indexed - known), es=es, refresh=True)
    flush_outbox()


def status():
    """Facts for `manage.py search_status`."""
    from .models import IndexOutbox

    facts = {
        "configured": elastic.is_configured(),
        "database_items": KnowledgeItem.objects.count(),
        "pending_updates": IndexOutbox.objects.count(),
        "oldest_pending": IndexOutbox.objects.order_by("created_at").values_list("created_at", flat=True).first(),
    }
    if not facts["configured"]:
        return facts
    es = elastic.client()
    try:
        health = es.cluster.health()
        facts["cluster"] = f"{health['cluster_name']} ({health['status']}, {health['number_of_nodes']} nodes)"
        facts["dutch_analysis"] = elastic.has_dutch_analysis(es)
        indices = elastic.indices_behind_alias(es)
        facts["alias"] = elastic.alias_name()
        facts["index"] = ", ".join(indices) or None
        facts["index_documents"] = es.count(index=elastic.alias_name())["count"] if indices else 0
    except Exception as error:  # report, don't crash: this command is for diagnosing outages
        facts["cluster"] = f"unreachable: {error}"
    return facts
