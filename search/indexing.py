"""The indexing pipeline: content changes (pages, discussion topics) -> knowledge items (same transaction) -> outbox ->
Elasticsearch (after commit, in the background).

The database copy is updated synchronously, so the database engine is never behind. The
Elasticsearch copy is updated from the outbox by a background task; when Elasticsearch is down
the outbox keeps the change and `manage.py search_index --sync` (or the next successful flush)
replays it. A save never fails because of search.
"""

import logging

from django.db import transaction
from django.db.models import F, Q

from . import elastic
from .discussions import sync_topic_items
from .items import sync_item
from .models import IndexOutbox, KnowledgeItem, document_id, split_document_ids
from .tasks import flush_index_outbox

logger = logging.getLogger(__name__)
FLUSH_BATCH = 500


def page_changed(page):
    """Re-derive the item of ``page`` and queue its Elasticsearch update."""
    sync_item(page)
    queue_for_elasticsearch([document_id(page_id=page.pk)])


def subtree_changed(page):
    """A move or a privacy change affects the page and everything below it."""
    for descendant in page.get_descendants(inclusive=True).specific():
        sync_item(descendant)
    page_ids = page.get_descendants(inclusive=True).values_list("pk", flat=True)
    queue_for_elasticsearch([document_id(page_id=pk) for pk in page_ids])


def municipality_changed(municipality):
    """A municipality renamed or given an end and successors: the items tagged with it follow
    (its successors become their tags too, see ``items.with_successors``)."""
    _tagged_items_changed(KnowledgeItem.objects.filter(municipalities=municipality))


def collaboration_changed(collaboration):
    """A collaboration renamed, or its status or phase changed: the items tagged with it carry
    these as tags and facets (the status facet counts the items about ended collaborations)."""
    _tagged_items_changed(KnowledgeItem.objects.filter(collaborations=collaboration))


def _tagged_items_changed(items):
    from wagtail.models import Page

    sources = items.values_list("page_id", "topic_id")
    page_ids = [page_id for page_id, _ in sources if page_id]
    topic_ids = [topic_id for _, topic_id in sources if topic_id]
    for page in Page.objects.filter(pk__in=page_ids).specific():
        sync_item(page)
    queue_for_elasticsearch([document_id(page_id=pk) for pk in page_ids])
    if topic_ids:
        topics_changed(topic_ids)


def page_deleted(page_id):
    KnowledgeItem.objects.filter(page_id=page_id).delete()
    queue_for_elasticsearch([document_id(page_id=page_id)])


def topics_changed(topic_ids):
    """Re-derive the items of these discussion topics (new posts, moderation, a category
    turned members-only...) and queue their Elasticsearch updates."""
    sync_topic_items(topic_ids)
    queue_for_elasticsearch([document_id(topic_id=topic_id) for topic_id in topic_ids])


def topic_deleted(topic_id):
    KnowledgeItem.objects.filter(topic_id=topic_id).delete()
    queue_for_elasticsearch([document_id(topic_id=topic_id)])


def queue_for_elasticsearch(document_ids):
    """Record that these items' Elasticsearch copies are stale; flush after the commit."""
    if not elastic.is_configured():
        return  # nothing to replicate to; `search_index --rebuild` builds the index later
    for value in document_ids:
        updated = IndexOutbox.objects.filter(document_id=value).update(version=F("version") + 1)
        if not updated:
            IndexOutbox.objects.create(document_id=value)
    transaction.on_commit(_enqueue_flush)


def _enqueue_flush():
    try:
        flush_index_outbox.enqueue()
    except Exception:  # a broken task queue must not break the save that triggered it
        logger.exception("Could not queue the search index update; the outbox keeps it.")


def flush_outbox(batch_size=FLUSH_BATCH):
    """Send every pending change to Elasticsearch. Returns (sent, failed). Never raises."""
    if not elastic.is_configured():
        return 0, 0
    sent = failed = 0
    last_id = 0
    while True:
        batch = list(IndexOutbox.objects.filter(pk__gt=last_id).order_by("pk")[:batch_size])
        if not batch:
            return sent, failed
        last_id = batch[-1].pk
        try:
            _send(batch)
        except Exception as error:  # connection refused, timeout, rejected documents...
            logger.warning("Elasticsearch update failed; %d changes stay in the outbox: %s", len(batch), error)
            IndexOutbox.objects.filter(pk__in=[row.pk for row in batch]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:2000]
            )
            failed += len(batch)
            return sent, failed + IndexOutbox.objects.filter(pk__gt=last_id).count()
        for row in batch:
            # Only drop the row if no newer change arrived while we were sending.
            IndexOutbox.objects.filter(pk=row.pk, version=row.version).delete()
        sent += len(batch)


def _send(batch):
    document_ids = [row.document_id for row in batch]
    page_ids, topic_ids = split_document_ids(document_ids)
    items = list(
        KnowledgeItem.objects.filter(Q(page_id__in=page_ids) | Q(topic_id__in=topic_ids))
        .select_related("document_type")
        .prefetch_related(*elastic.ITEM_PREFETCH)
    )
    present = {item.document_id for item in items}
    elastic.ensure_index()
    elastic.write(items, [value for value in document_ids if value not in present])
