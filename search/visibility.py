"""What Elasticsearch may still hold but nobody may see any more.

Elasticsearch is a replica that can lag behind the database: a topic hidden or a page made
private is removed from ``KnowledgeItem`` in the same transaction, but from Elasticsearch only
when the outbox is flushed (after the commit, or later when Elasticsearch was down). The
database decides: the Elasticsearch engine leaves out the documents of pending removals in its
query (so hits, counts, facets and suggestions agree), and keeps only the hits that still are
knowledge items (one query per results page), whatever the outbox knows.
"""

from django.db.models import Q

from .models import IndexOutbox, KnowledgeItem, document_id, split_document_ids

# Pending changes read per search. Past this many (a long outage being replayed) counts may
# include removed items for a while; hits never do.
MAX_PENDING = 1000


def visible_ids(document_ids):
    """The ``document_ids`` that are knowledge items now (live and public), in one query."""
    page_ids, topic_ids = split_document_ids(document_ids)
    if not page_ids and not topic_ids:
        return set()
    rows = KnowledgeItem.objects.filter(Q(page_id__in=page_ids) | Q(topic_id__in=topic_ids))
    return {document_id(page_id, topic_id) for page_id, topic_id in rows.values_list("page_id", "topic_id")}


def pending_removals(limit=MAX_PENDING):
    """Document ids Elasticsearch may still serve although their item is gone (newest rows first).
    One query when the outbox is empty, as it nearly always is; two otherwise."""
    pending = list(IndexOutbox.objects.order_by("-pk").values_list("document_id", flat=True)[:limit])
    if not pending:
        return []
    return sorted(set(pending) - visible_ids(pending))
