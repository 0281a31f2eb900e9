"""Elasticsearch: connection, the knowledge-item index (defined with elasticsearch-dsl),
building a new index behind an alias, and writing documents.

The index's analysis is chosen from what the cluster offers: the full Dutch chain when the
``analysis-common`` module is present (every regular distribution), the core ``standard``
analyzer otherwise (the test distribution used in development and CI).
"""

import logging
import time
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk
from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from .text import stemmed_text

logger = logging.getLogger(__name__)

DUTCH_ANALYZER = analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("dutch_stop", type="stop", stopwords="_dutch_"),
        token_filter("dutch_stemmer", type="stemmer", language="dutch"),
    ],
)


def text_field(dutch, **kwargs):
    return Text(analyzer=DUTCH_ANALYZER if dutch else "standard", **kwargs)


def knowledge_item_document(dutch):
    """The index mapping; ``dutch`` says whether the Dutch analysis chain is available."""

    class KnowledgeItemDocument(Document):
        kind = Keyword()
        title = text_field(dutch, copy_to="spelling", fields={"raw": Keyword()})
        summary = text_field(dutch, copy_to="spelling")
        body = text_field(dutch)
        # The attached file's text; offsets stored so highlighting a long text stays fast.
        file_text = text_field(dutch, index_options="offsets")
        tags = text_field(dutch)  # names of collaborations, municipalities, themes, type
        # Our own folded, stemmed words (search.text): recall on clusters without Dutch analysis.
        stems = Text(analyzer="standard")
        spelling = Text(analyzer="standard")  # the "did you mean" suggester reads this
        url = Keyword(index=False)
        date = Date()
        year = Integer()
        collaborations = Keyword()
        municipalities = Keyword()
        provinces = Keyword()
        themes = Keyword()
        phases = Keyword()
        statuses = Keyword()  # of the collaborations it is about
        document_type = Keyword()
        answered = Boolean()  # a discussion with an accepted answer: "beantwoord" in results
        suggest = Completion(analyzer="simple")

    return KnowledgeItemDocument


MAINTENANCE_TIMEOUT_SECONDS = 120


@lru_cache(maxsize=1)
def client():
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=0,
        retry_on_timeout=False,
    )


def maintenance_client():
    """The client with a patient timeout, for index builds: a search may give up after a few
    seconds, creating an index on a busy cluster may not."""
    return client().options(request_timeout=MAINTENANCE_TIMEOUT_SECONDS)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-knowledge"


def has_dutch_analysis(es=None):
    """True when every node carries the analysis-common module (stemmer, folding, stop words)."""
    es = es or client()
    nodes = es.nodes.info(metric="plugins")["nodes"].values()
    return bool(nodes) and all(
        any(module["name"] == "analysis-common" for module in node.get("modules", [])) for node in nodes
    )


def create_index(name, es=None):
    """Create an empty index ``name`` with the mapping and analysis this cluster supports."""
    es = es or client()
    dutch = has_dutch_analysis(es)
    if dutch:
        logger.info("Creating search index %s with Dutch analysis (stemmer, stop words, folding).", name)
    else:
        logger.warning(
            "Creating search index %s with the core standard analyzer: the cluster has no "
            "analysis-common module (no Dutch stemmer or folding).",
            name,
        )
    index_settings = {
        "number_of_shards": settings.ELASTICSEARCH_SHARDS,
        "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
    }
    index = Index(name)
    index.settings(**index_settings)
    index.document(knowledge_item_document(dutch))
    index.create(using=es)
    return dutch


def new_index_name():
    return f"{alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 100000}"


def indices_behind_alias(es=None):
    es = es or client()
    if not es.indices.exists_alias(name=alias_name()):
        return []
    return list(es.indices.get_alias(name=alias_name()))


def ensure_index(es=None):
    """Make sure the alias points at an index (creating an empty one the first time)."""
    es = es or client()
    if indices_behind_alias(es):
        return
    name = new_index_name()
    create_index(name, es)
    es.indices.put_alias(index=name, name=alias_name())


def swap_alias(new_index, es=None):
    """Point the alias at ``new_index`` in one atomic step and drop the indices it pointed at."""
    es = es or client()
    old = indices_behind_alias(es)
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    es.indices.update_aliases(actions=actions)
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)


def document_for(item):
    """The Elasticsearch source of a KnowledgeItem (with its tags prefetched)."""
    collaborations = list(item.collaborations.all())
    municipalities = list(item.municipalities.all())
    themes = list(item.themes.all())
    tag_names = [c.name for c in collaborations] + [c.short_name for c in collaborations]
    tag_names += [m.name for m in municipalities] + [t.name for t in themes]
    if item.document_type:
        tag_names.append(item.document_type.name)
    return {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "file_text": item.file_text,
        "tags": " ".join(tag_names),
        "stems": stemmed_text(item.title, item.summary, item.body, *tag_names),
        "url": item.url,
        "date": item.date.isoformat() if item.date else None,
        "year": item.year,
        "collaborations": [c.slug for c in collaborations],
        "municipalities": [m.slug for m in municipalities],
        "provinces": [p.slug for p in item.provinces.all()],
        "themes": [t.slug for t in themes],
        "phases": [p.slug for p in item.phases.all()],
        "statuses": sorted({c.status for c in collaborations if c.status}),
        "document_type": item.document_type.slug if item.document_type else None,
        "answered": item.answered,
        "suggest": {"input": [item.title] + [c.short_name + " " + item.title for c in collaborations][:3]},
    }


ITEM_PREFETCH = ("collaborations", "municipalities", "provinces", "themes", "phases")


def index_actions(items, index):
    for item in items:
        yield {"_op_type": "index", "_index": index, "_id": item.document_id, "_source": document_for(item)}


def write(items, deleted_ids, index=None, es=None, refresh=False):
    """Index ``items`` and delete the documents ``deleted_ids`` in one bulk request."""
    es = es or client()
    index = index or alias_name()
    actions = list(index_actions(items, index))
    actions += [{"_op_type": "delete", "_index": index, "_id": value} for value in deleted_ids]
    if not actions:
        return 0
    success, errors = bulk(es, actions, raise_on_error=False, refresh=refresh)
    real_errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if real_errors:
        raise RuntimeError(f"Elasticsearch refused {len(real_errors)} updates: {real_errors[:2]}")
    return success
