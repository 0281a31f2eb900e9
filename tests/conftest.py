"""Shared fixtures: the test database holds the demo site, built once per test session.

Tests run inside a transaction that is rolled back, so each test starts from the same demo
content and may change it freely.
"""

import io
from collections.abc import MutableSequence

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from tests.factories import make_superuser


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Uploads made by tests (and the demo files) land in a temporary folder, never in media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session", autouse=True)
def _all_mail_through_the_outbox(django_test_environment):
    """Django's test set-up swaps EMAIL_BACKEND for its in-memory one; put the outbox back in
    front of it, as in production (the outbox delivers through EMAIL_DELIVERY_BACKEND)."""
    settings.EMAIL_BACKEND = "core.mail_backend.OutboxBackend"


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


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """``with sending():`` runs the after-commit callbacks, so the e-mail queued inside goes out
    (every mail waits in the outbox until its transaction commits; a test never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


class DeliveredMail(MutableSequence):
    """pytest-django's ``mailoutbox``, delivered first: every mail waits in the site's outbox
    until its transaction commits, which a test's never does, so looking at the mail sends
    what is due (core.outbox.send_due) and then shows what was sent."""

    def __init__(self, sent):
        self.sent = sent

    def _delivered(self):
        from core import outbox

        outbox.send_due()
        return self.sent

    def __getitem__(self, index):
        return self._delivered()[index]

    def __setitem__(self, index, value):
        self._delivered()[index] = value

    def __delitem__(self, index):
        del self._delivered()[index]

    def __len__(self):
        return len(self._delivered())

    def insert(self, index, value):
        self._delivered().insert(index, value)

    def __eq__(self, other):
        return list(self._delivered()) == list(other)

    def __repr__(self):
        return repr(self._delivered())


@pytest.fixture
def mailoutbox(mailoutbox):
    return DeliveredMail(mailoutbox)
