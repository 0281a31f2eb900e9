"""Settings for the test suite (pytest): the development settings made fast and self-contained.

The browser tests' server and the subprocess tests keep their own settings (they name
``kennisplatform.settings.dev``); the database still comes from DATABASE_URL (SQLite unless
it says PostgreSQL), as in development.
"""

from .dev import *  # noqa: F403

# Hashing a password with PBKDF2 takes tens of milliseconds, and almost every test makes users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Both purposes in process memory instead of database tables; tests/conftest.py empties them
# before each test (a rolled-back transaction no longer does). tests/test_caches.py overrides
# CACHES with the real backends on purpose.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kennisplatform_cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kennisplatform_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kennisplatform_fragments",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

# Tasks run inline right after the transaction commits, whatever TASKS_BACKEND says.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Sent mail is kept in django.core.mail.outbox; mail sent other than through core.outbox fails.
EMAIL_DELIVERY_BACKEND = "tests.mail_guard.OutboxOnlyBackend"
EMAIL_BULK_PER_MINUTE = 0
