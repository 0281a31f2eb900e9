"""Production settings refuse to start when unsafe, and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kennisplatform.env import env_bool, env_list, require_production_safety

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = secrets.token_urlsafe(64)


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="kennisplatform.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_debug():
    result = run_manage("check", DEBUG="true", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DEBUG is on in production settings" in result.stderr


def test_production_refuses_a_missing_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "django-insecure-abc", "short", "a" * 60])
def test_weak_secret_keys_are_refused(key):
    with pytest.raises(ImproperlyConfigured):
        require_production_safety(debug=False, secret_key=key)


def test_env_parsing(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")
    monkeypatch.setenv("HOSTS", "a.nl, b.nl,,")
    assert env_list("HOSTS") == ["a.nl", "b.nl"]


def database_engine(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="kennisplatform.settings.dev", **env)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


def test_sqlite_without_configuration_and_postgresql_from_database_url():
    assert database_engine() == "django.db.backends.sqlite3"
    assert database_engine(DATABASE_URL="postgres://u:p@127.0.0.1:5432/kennis") == "django.db.backends.postgresql"


def test_production_can_keep_media_in_a_private_s3_bucket():
    script = (
        'from django.conf import settings; from django.core.files.storage import storages; s = storages["default"]; '
        "print(type(s).__name__, s.bucket_name, s.default_acl, s.file_overwrite, s.querystring_auth)"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=STRONG_KEY,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="kennisplatform-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.nl",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == ["S3Storage", "kennisplatform-media", "private", "False", "True"]
    refused = run_manage("check", SECRET_KEY=STRONG_KEY, MEDIA_STORAGE="s3")
    assert refused.returncode != 0 and "AWS_STORAGE_BUCKET_NAME" in refused.stderr
