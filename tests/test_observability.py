"""Observability: /health/ tells fit from degraded from failing, every request and background
task leaves one log line (JSON with LOG_FORMAT=json) with its id, and errors reach Sentry
without personal data."""

import gzip
import json
import logging
import os
import subprocess
import sys
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from core.logs import JsonFormatter
from core.models import OutgoingMail
from core.sentry import scrub

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def health(client):
    response = client.get("/health/")
    return response.status_code, response.json()


def test_a_healthy_site_says_ok(client, settings):
    settings.ELASTICSEARCH_URL = ""
    status, report = health(client)
    assert status == 200 and report["status"] == "ok"
    assert set(report["checks"]) == {"database", "cache", "storage", "search", "outbox"}
    assert report["checks"]["search"]["engine"] == "database"
    assert "no-store" in client.get("/health/")["Cache-Control"]


def test_elasticsearch_down_is_degraded_not_failing(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    from search import elastic

    elastic.client.cache_clear()
    try:
        status, report = health(client)
    finally:
        elastic.client.cache_clear()
    assert status == 200 and report["status"] == "degraded"
    assert report["checks"]["search"] == {
        **report["checks"]["search"],
        "status": "degraded",
        "engine": "database (fallback)",
    }


def test_a_real_elasticsearch_is_ok(client, settings):
    url = os.environ.get("ELASTICSEARCH_TEST_URL")
    if not url:
        pytest.skip("no Elasticsearch test server")
    settings.ELASTICSEARCH_URL = url
    from search import elastic

    elastic.client.cache_clear()
    try:
        status, report = health(client)
    finally:
        elastic.client.cache_clear()
    assert report["checks"]["search"]["status"] == "ok" and report["checks"]["search"]["engine"] == "elasticsearch"


def test_an_old_unsent_mail_makes_it_degraded(client, settings):
    settings.ELASTICSEARCH_URL = ""
    pending = OutgoingMail.objects.create(purpose="events.reminder", to="anna@bel.nl", subject="Herinnering", body="-")
    OutgoingMail.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(hours=3))
    status, report = health(client)
    assert status == 200 and report["status"] == "degraded"
    assert report["checks"]["outbox"]["oldest_unsent_mail_minutes"] >= 180


def test_a_broken_cache_is_failing_and_says_no_more_than_that(client, settings):
    settings.ELASTICSEARCH_URL = ""
    broken = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    caches = {"default": settings.CACHES["default"], "pages": broken}
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=0):
        response = client.get("/health/")
    assert response.status_code == 503 and response.json()["status"] == "failing"
    assert response.json()["checks"]["cache"]["status"] == "failing"
    assert "127.0.0.1:9" not in response.content.decode() and "Error" not in response.content.decode()


def test_every_request_gets_an_id_and_one_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="kennisplatform.requests")
    response = client.get("/robots.txt")
    request_id = response["X-Request-ID"]
    lines = [r for r in caplog.records if r.name == "kennisplatform.requests"]
    assert len(lines) == 1
    line = json.loads(JsonFormatter().format(lines[0]))
    assert line["request_id"] == request_id and line["method"] == "GET" and line["path"] == "/robots.txt"
    assert line["status"] == 200 and line["duration_ms"] >= 0 and line["level"] == "INFO"


def test_a_proxys_request_id_is_kept_and_a_forged_one_replaced(client):
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID="abcdef0123456789")["X-Request-ID"] == "abcdef0123456789"
    forged = client.get("/robots.txt", HTTP_X_REQUEST_ID='x\n{"level": "ERROR"}')["X-Request-ID"]
    assert "\n" not in forged and len(forged) == 32


def test_lines_written_during_a_request_carry_its_id(client, caplog):
    caplog.set_level(logging.WARNING)
    response = client.get("/bestaat-niet/")
    warning = next(r for r in caplog.records if r.name == "django.request")
    from core.logs import RequestIdFilter

    RequestIdFilter().filter(warning)
    assert warning.request_id == response["X-Request-ID"]


def test_every_background_task_leaves_a_line(caplog):
    from community.tasks import notify_about_post

    caplog.set_level(logging.INFO, logger="kennisplatform.tasks")
    notify_about_post.enqueue(0)
    line = json.loads(JsonFormatter().format(next(r for r in caplog.records if r.name == "kennisplatform.tasks")))
    assert line["task"] == "community.tasks.notify_about_post" and line["task_status"] == "SUCCESSFUL"
    assert "duration_ms" in line


def test_scrubbing_removes_personal_data():
    event = {
        "message": "Mail to anna@bel.nl refused",
        "request": {
            "cookies": {"sessionid": "x"},
            "data": {"password": "geheim"},
            "query_string": "email=anna@bel.nl",
            "headers": {"Cookie": "sessionid=x", "User-Agent": "Firefox", "X-Forwarded-For": "10.0.0.1"},
        },
        "user": {"id": 7, "email": "anna@bel.nl", "ip_address": "10.0.0.1"},
        "exception": {"values": [{"type": "SMTPRecipientsRefused", "value": "{'anna@bel.nl': (550, b'no')}"}]},
    }
    text = json.dumps(scrub(event))
    assert "anna@bel.nl" not in text and "geheim" not in text and "sessionid" not in text and "10.0.0.1" not in text
    assert event["user"] == {"id": 7} and event["request"]["headers"] == {"User-Agent": "Firefox"}


class _Collector(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append(gzip.decompress(body) if self.headers.get("Content-Encoding") == "gzip" else body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_an_error_reaches_sentry_without_the_address(tmp_path):
    """A real sentry-sdk, configured by SENTRY_DSN, sending to a local collector."""
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
    script = (
        "import logging, sentry_sdk; logging.getLogger('kennisplatform.test').error('Mail to anna@bel.nl refused'); "
        "sentry_sdk.flush(5)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(SENTRY_DSN=dsn, DJANGO_SETTINGS_MODULE="kennisplatform.settings.dev")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    server.shutdown()
    assert result.returncode == 0, result.stderr
    sent = b"".join(_Collector.received).decode("utf-8", "replace")
    assert "Mail to [e-mail] refused" in sent and "anna@bel.nl" not in sent
