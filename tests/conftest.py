"""Shared fixtures: the test database holds the demo site, built once per test session.

Tests run inside a transaction that is rolled back, so each test starts from the same demo
content and may change it freely.
"""

import io

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from tests.factories import make_superuser


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Uploads made by tests (and the demo files) land in a temporary folder, never in media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _empty_caches():
    """The test settings keep both caches in memory, which a rolled-back transaction does not
    empty: each test starts without rate-limit counters or cached pages from the one before."""
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(scope="session")
def django_db_setup(_media_in_tmp, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", "--no-editor", "--force", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def editor(db):
    """A Wagtail superuser, for tests that go through the admin."""
    return make_superuser()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
