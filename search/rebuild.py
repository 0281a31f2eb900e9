"""Whole-index operations: re-deriving every knowledge item from the pages, and building a
fresh Elasticsearch index behind the alias without interrupting searches."""

import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from elasticsearch.helpers import scan

from . import elastic
from .discussions import extract_topic, searchable_topics
from .indexing import flush_outbox
from .items import EXTRACT_RELATED, extract, province_map, searchable_pages, update_search_vectors
from .models import KnowledgeItem, document_id

logger = logging.getLogger(__name__)
BATCH = 1000
DERIVE_BATCH = 500  # pages per query: below SQLite's 999 parameters
WRITERS = 2  # bulk requests in flight while the index is built


def _noop(done, total):
    pass


def derive_items(progress=_noop):
    """Make KnowledgeItem match the page tree and the public discussions exactly (adds,
    updates and removes items).

    Works in batches: the sources of a batch are read with their tags in a few queries, and
    only the items whose values or tags differ are written (as ``sync_item`` would write them).
    """
    from django.contrib.contenttypes.models import ContentType

    ids_by_type = {}
    for pk, content_type_id in searchable_pages().order_by("pk").values_list("pk", "content_type_id"):
        ids_by_type.setdefault(content_type_id, []).append(pk)
    topic_ids = list(searchable_topics().order_by("pk").values_list("pk", flat=True))
    total = sum(len(ids) for ids in ids_by_type.values()) + len(topic_ids)
    province_of = province_map()
    seen_pages, seen_topics = set(), set()
    done = 0
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        select, prefetch = EXTRACT_RELATED[model]
        for start in range(0, len(ids), DERIVE_BATCH):
            chunk = ids[start : start + DERIVE_BATCH]
            pages = model.objects.filter(pk__in=chunk).select_related(*select).prefetch_related(*prefetch)
            with transaction.atomic():
                _write_items("page_id", [(page.pk, *extract(page, province_of)) for page in pages])
            seen_pages.update(chunk)
            done += len(chunk)
            progress(done, total)
    for start in range(0, len(topic_ids), DERIVE_BATCH):
        topics = searchable_topics().filter(pk__in=topic_ids[start : start + DERIVE_BATCH])
        extracted = [(topic.pk, extract_topic(topic, province_of)) for topic in topics]
        extracted = [(pk, *values) for pk, values in extracted if values is not None]
        with transaction.atomic():
            _write_items("topic_id", extracted)
        seen_topics.update(pk for pk, _, _ in extracted)
        done += len(topic_ids[start : start + DERIVE_BATCH])
        progress(done, total)
    # Compared in Python: an IN clause with 100,000 ids is too much for SQLite.
    stale = [
        pk
        for pk, page_id, topic_id in KnowledgeItem.objects.values_list("pk", "page_id", "topic_id")
        if page_id not in seen_pages and topic_id not in seen_topics
    ]
    for start in range(0, len(stale), BATCH):
        KnowledgeItem.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    return total


ITEM_FIELDS = (
    "kind",
    "title",
    "url",
    "date",
    "summary",
    "body",
    "year",
    "document_type",
    "search_text",
    "file_text",
    "file_page_offsets",
)
TAG_NAMES = ("collaborations", "municipalities", "provinces", "themes", "phases")


def _write_items(source, extracted):
    """Create or update the items of ``extracted`` ((source id, fields, tags), ...) in bulk;
    ``source`` names the id: "page_id" or "topic_id"."""
    source_ids = [source_id for source_id, _, _ in extracted]
    existing = {
        getattr(item, source): item
        for item in KnowledgeItem.objects.filter(**{f"{source}__in": source_ids}).prefetch_related(*TAG_NAMES)
    }
    now = timezone.now()
    new, changed, retag = [], [], []
    for source_id, fields, tags in extracted:
        tag_ids = {name: {value.pk for value in values} for name, values in tags.items()}
        item = existing.get(source_id)
        if item is None:
            item = KnowledgeItem(**{source: source_id}, **fields)
            new.append((item, tag_ids))
            continue
        if any(getattr(item, name) != fields[name] for name in ITEM_FIELDS if name != "document_type") or (
            item.document_type_id != (fields["document_type"].pk if fields["document_type"] else None)
        ):
            for name, value in fields.items():
                setattr(item, name, value)
            item.updated_at = now
            changed.append(item)
        if any({value.pk for value in getattr(item, name).all()} != tag_ids[name] for name in TAG_NAMES):
            retag.append((item, tag_ids))
    KnowledgeItem.objects.bulk_create([item for item, _ in new], batch_size=DERIVE_BATCH)
    KnowledgeItem.objects.bulk_update(changed, [*ITEM_FIELDS, "updated_at"], batch_size=100)
    # Tags changed on an otherwise equal item: it changed all the same (the index must follow).
    touched = {item.pk for item in changed}
    retagged = [item for item, _ in retag if item.pk not in touched]
    KnowledgeItem.objects.filter(pk__in=[item.pk for item in retagged]).update(updated_at=now)
    for name in TAG_NAMES:
        field = KnowledgeItem._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through.objects.filter(**{f"{source}__in": [item.pk for item, _ in retag]}).delete()
        through.objects.bulk_create(
            [
                through(**{source: item.pk, target: value_id})
                for item, tag_ids in new + retag
                for value_id in sorted(tag_ids[name])
            ],
            batch_size=1000,
        )
    update_search_vectors(KnowledgeItem.objects.filter(pk__in=[item.pk for item, _ in new] + list(touched)))


def items_for_index():
    return KnowledgeItem.objects.order_by("pk").select_related("document_type").prefetch_related(*elastic.ITEM_PREFETCH)


def _item_batches():
    """Every item in batches of BATCH, with its tags attached as ``prefetch_related`` would.

    The tags come from the through tables, and every item with the same tags shares one
    read-only result list of shared taxonomy instances, instead of a model instance per tag
    row: several times faster, and the same documents (``elastic.document_for``) come out.
    """
    taxonomy, shared = {}, {}
    for name in elastic.ITEM_PREFETCH:
        field = KnowledgeItem._meta.get_field(name)
        values = list(field.related_model.objects.all())  # in the model's default ordering
        taxonomy[name] = (field, {value.pk: rank for rank, value in enumerate(values)}, values)

    def tag_queryset(name, ranks):
        key = (name, ranks)
        if key not in shared:
            field, _, values = taxonomy[name]
            # What prefetch_related leaves behind: a QuerySet with its results filled in.
            queryset = QuerySet(field.related_model)
            queryset._result_cache = [values[rank] for rank in ranks]
            queryset._prefetch_done = True
            shared[key] = queryset
        return shared[key]

    last = 0
    while True:
        items = list(
            KnowledgeItem.objects.filter(pk__gt=last)
            .order_by("pk")
            .select_related("document_type")
            .defer("search_text", "search_vector")[:BATCH]
        )
        if not items:
            return
        last = items[-1].pk
        ids = [item.pk for item in items]
        for name, (field, rank_of, _) in taxonomy.items():
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            tags = {}
            for item_id, value_id in through.objects.filter(**{f"{source}__in": ids}).values_list(source, target):
                tags.setdefault(item_id, []).append(rank_of[value_id])
            for item in items:
                ranks = tuple(sorted(tags.get(item.pk, ())))
                item.__dict__.setdefault("_prefetched_objects_cache", {})[name] = tag_queryset(name, ranks)
        yield items


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
    # Faster bulk loading: no refreshes or replicas until the index is complete, and no fsync
    # of the translog per bulk request (a crash now only loses an index nobody searches yet).
    es.indices.put_settings(
        index=name,
        settings={
            "refresh_interval": "-1",
            "number_of_replicas": 0,
            "translog.durability": "async",
        },
    )
    total = KnowledgeItem.objects.count()
    done = 0
    # Two bulk writers: one turns a batch into documents while the other waits for
    # Elasticsearch, and this thread reads the next batch from the database meanwhile.
    with ThreadPoolExecutor(max_workers=WRITERS) as writers:
        pending = deque()
        for batch in _item_batches():
            pending.append(writers.submit(elastic.write, batch, [], index=name, es=es))
            while len(pending) > WRITERS:
                done += pending.popleft().result()
                progress(done, total)
        while pending:
            done += pending.popleft().result()
            progress(done, total)
    if not done:
        progress(done, total)
    es.indices.put_settings(
        index=name,
        settings={
            "refresh_interval": "1s",
            "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
            "translog.durability": "request",
        },
    )
    es.indices.refresh(index=name)
    # Commit to disk before anyone searches it: documents bulk-loaded with the asynchronous
    # translog are otherwise lost if the node is killed soon after (found by make faulttest).
    es.indices.flush(index=name, wait_if_ongoing=True)
    elastic.swap_alias(name, es)
    catch_up(since=started, es=es)
    return {"index": name, "documents": done, "dutch_analysis": dutch}


def catch_up(since, es=None):
    """Re-send items changed since ``since`` and drop documents whose item no longer exists."""
    es = es or elastic.maintenance_client()
    changed = list(items_for_index().filter(updated_at__gte=since))
    sources = KnowledgeItem.objects.values_list("page_id", "topic_id")
    known = {document_id(page_id, topic_id) for page_id, topic_id in sources}
    indexed = {
        hit["_id"] for hit in scan(es, index=elastic.alias_name(), query={"query": {"match_all": {}}}, _source=False)
    }
    elastic.write(changed, sorted(indexed - known), es=es, refresh=True)
    flush_outbox()


def file_text_counts():
    """Document files by the state of their text: {status: count}, every status listed."""
    from cms.models import LibraryFile

    counts = dict(LibraryFile.objects.values_list("text_status").annotate(n=Count("pk")).order_by())
    return {value: counts.get(value, 0) for value in LibraryFile.TextStatus.values}


def status():
    """Facts for `manage.py search_status`."""
    from .models import IndexOutbox

    facts = {
        "configured": elastic.is_configured(),
        "database_items": KnowledgeItem.objects.count(),
        "pending_updates": IndexOutbox.objects.count(),
        "oldest_pending": IndexOutbox.objects.order_by("created_at").values_list("created_at", flat=True).first(),
        "items_with_file_text": KnowledgeItem.objects.exclude(file_text="").count(),
        "file_text": file_text_counts(),
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
