"""``KnowledgeSearch``: the one entry point for searching, whatever engine answers.

Elasticsearch answers when it is configured and reachable; otherwise the database engine
does, and the results say so (``fallback``) so the page can show a discreet notice. After a
failure Elasticsearch is left alone for a while, so an outage costs one timeout, not one per
request.
"""

import logging
import time

from django.conf import settings
from elasticsearch import ApiError, TransportError

from . import elastic
from .engines import database, elasticsearch
from .models import SearchQueryLog

logger = logging.getLogger(__name__)
ENGINE_ERRORS = (TransportError, ApiError, ConnectionError, OSError)


class ElasticsearchCircuit:
    """Remembers a failure for ELASTICSEARCH_RETRY_AFTER_SECONDS (per process)."""

    failed_at = None

    @classmethod
    def available(cls):
        if cls.failed_at is None:
            return True
        return time.monotonic() - cls.failed_at >= settings.ELASTICSEARCH_RETRY_AFTER_SECONDS

    @classmethod
    def trip(cls):
        cls.failed_at = time.monotonic()

    @classmethod
    def reset(cls):
        cls.failed_at = None


class KnowledgeSearch:
    def _call(self, method, *args):
        if elastic.is_configured() and ElasticsearchCircuit.available():
            try:
                result = getattr(elasticsearch, method)(*args)
                ElasticsearchCircuit.reset()
                return result, False
            except ENGINE_ERRORS as error:
                if isinstance(error, ApiError) and error.meta.status < 500:
                    # The cluster is fine; this request was refused. Don't send everyone else away.
                    logger.error("Elasticsearch refused a search (%s); answering it from the database.", error)
                else:
                    logger.warning("Elasticsearch did not answer (%s); searching the database.", error)
                    ElasticsearchCircuit.trip()
        return getattr(database, method)(*args), elastic.is_configured()

    def search(self, request):
        results, fallback = self._call("search", request)
        results.fallback = fallback
        return results

    def autocomplete(self, prefix, limit=8):
        suggestions, _ = self._call("autocomplete", prefix, limit)
        return suggestions


def log_search(results):
    """Record a search for the analytics (first results page of a typed query only)."""
    request = results.request
    if request.query and request.page == 1:
        SearchQueryLog.objects.create(
            query=request.query.lower()[:200],
            filters=request.filters,
            results=0 if results.approximate else results.total,
            engine=results.engine,
        )
