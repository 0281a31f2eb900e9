"""Search test fixtures: every behavioural test runs against both engines.

The Elasticsearch engine is tested against a real server (ELASTICSEARCH_TEST_URL, started by
`scripts/elasticsearch start`; CI always has one). Without it those tests are skipped
locally and fail on CI. Each test gets its own index, built from the demo content.
"""

import os
import uuid

import pytest
from elasticsearch import Elasticsearch

from search import elastic
from search.rebuild import rebuild_index
from search.service import ElasticsearchCircuit

ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")


def elasticsearch_available():
    if not ES_URL:
        return False
    try:
        # Not ping(): the test distribution does not serve GET /.
        # Waits for a freshly started cluster to be ready rather than failing the first test.
        health = Elasticsearch(ES_URL, request_timeout=70).cluster.health(wait_for_status="yellow", timeout="60s")
        return not health["timed_out"]
    except Exception:
        return False


@pytest.fixture(scope="session")
def es_url():
    if not elasticsearch_available():
        reason = f"no Elasticsearch at ELASTICSEARCH_TEST_URL={ES_URL!r} (run scripts/elasticsearch start)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return ES_URL


def reset_search_state():
    elastic.client.cache_clear()
    ElasticsearchCircuit.reset()


@pytest.fixture
def elasticsearch(es_url, settings, db):
    """Elasticsearch configured with a fresh index holding the demo content."""
    settings.ELASTICSEARCH_URL = es_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    reset_search_state()
    rebuild_index()
    yield elastic.client()
    elastic.maintenance_client().indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
    )
    reset_search_state()


@pytest.fixture
def database_engine(settings, db):
    settings.ELASTICSEARCH_URL = ""
    reset_search_state()
    yield
    reset_search_state()


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, db):
    """Run the test once per engine; the value is the engine's name.

    ``db`` is named here, not only reached through ``getfixturevalue``, so pytest-django sorts
    these tests with the database tests; sorted after a transactional test they would find the
    demo content flushed away.
    """
    request.getfixturevalue("database_engine" if request.param == "database" else "elasticsearch")
    return request.param


def refresh(es):
    es.indices.refresh(index=elastic.alias_name())
