"""Logs an operator can follow: one line per request and per background task, each request with
an id that every log line written while handling it carries too.

``LOG_FORMAT=json`` writes every line as one JSON object (for Loki, Elastic, journald
collectors); the default ``text`` is for people reading a terminal. Request lines are written at
INFO, so ``LOG_LEVEL=WARNING`` silences them without losing errors.
"""

import contextvars
import json
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy (nginx's $request_id) is kept when it looks like one; anything else is
# replaced, so a visitor cannot write into the logs through the header.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Fields a record may carry (through ``extra``) that belong in the JSON line.
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id", "task", "task_id", "task_status")

current_request_id = contextvars.ContextVar("request_id", default=None)
# The site's names for its request and task lines (what log collectors filter on), not module paths.
request_logger = logging.getLogger("kennisplatform.requests")
task_logger = logging.getLogger("kennisplatform.tasks")


class RequestIdFilter(logging.Filter):
    """Gives every record written while a request is handled that request's id."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                line[field] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


JsonFormatter.converter = time.gmtime


def logging_config(*, log_format, level):
    """The LOGGING setting for ``LOG_FORMAT`` (json or text) and ``LOG_LEVEL``."""
    if log_format not in ("json", "text"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {log_format!r}.")
    formatter = (
        {"()": JsonFormatter}
        if log_format == "json"
        else {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Our own request and task lines replace these (no double lines per request).
            "django.server": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            # Wagtail's page audit messages are too chatty at INFO.
            "wagtail": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING"},
        },
    }


class RequestLogMiddleware:
    """Outermost middleware: gives the request an id (also in the response's ``X-Request-ID``)
    and writes one line when the response is ready: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # Not reset at the end: Django writes its "Not Found" and error lines after the
        # middleware returns, and they should carry the id too. The next request sets its own.
        current_request_id.set(request.id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.id
        user = getattr(request, "user", None)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


def log_task(sender, task_result, **kwargs):
    """One line per background task that ran (index updates, e-mail), with its outcome
    (connected to django-tasks' ``task_finished`` in ``core.apps``)."""
    started, finished = task_result.started_at, task_result.finished_at
    duration = round((finished - started).total_seconds() * 1000, 1) if started and finished else None
    level = logging.ERROR if task_result.status == "FAILED" else logging.INFO
    task_logger.log(
        level,
        "task %s %s",
        task_result.task.module_path,
        task_result.status,
        extra={
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "task_status": str(task_result.status),
            "duration_ms": duration,
        },
    )
