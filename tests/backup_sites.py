"""What the backup tests share: a demo site in its own processes and database (``DemoSite``),
which engines to try, and ways to tamper with an archive or break a site before a restore.
"""

import base64
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
POSTGRES_URL = DATABASE_URL if DATABASE_URL.startswith(("postgres://", "postgresql://")) else ""
ENGINES = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason="DATABASE_URL is not PostgreSQL")),
]
MARK = "Gewijzigd na de back-up"

# Runs inside the site's own process: fetch pages as an anonymous visitor and write them to the
# JSON file named first; the URLs to fetch come second, or are picked from the demo content.
SNAPSHOT = """
import base64, json, sys
import django
django.setup()
from django.test import Client
from cms.models import CollaborationPage, KnowledgeDocumentPage, NewsIndexPage

if len(sys.argv) > 2:
    urls = json.loads(sys.argv[2])
else:
    document = KnowledgeDocumentPage.objects.live().order_by("path").first()
    urls = [
        "/", document.url, document.file.url,
        CollaborationPage.objects.live().order_by("path").first().url,
        NewsIndexPage.objects.live().first().url,
        "/zoeken/?q=verrekenen",
    ]
client = Client()
pages = {}
for url in urls:
    response = client.get(url)
    pages[url] = {"status": response.status_code, "type": response["Content-Type"],
                  "body": base64.b64encode(response.getvalue()).decode()}
with open(sys.argv[1], "w") as handle:
    json.dump(pages, handle)
"""


@dataclass
class DemoSite:
    """A demo site in its own folder and database, driven through manage.py."""

    engine: str
    workdir: Path
    database_url: str

    @property
    def media(self):
        return self.workdir / "media"

    @property
    def env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {
                "DATABASE_URL",
                "SECRET_KEY",
                "MEDIA_ROOT",
                "ELASTICSEARCH_URL",
                "TASKS_BACKEND",
                "CACHE_URL",
                "DEBUG",
            }
        }
        env.update(
            DJANGO_SETTINGS_MODULE="kennisplatform.settings.dev",
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media),
            DEBUG="true",
            LOG_LEVEL="WARNING",
        )
        return env

    def start(self, *args):
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def manage(self, *args):
        process = self.start("manage.py", *args)
        stdout, stderr = process.communicate(timeout=600)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def snapshot(self, urls=None):
        """{url: (status, content type, body)} as an anonymous visitor gets them."""
        target = self.workdir / f"snapshot-{secrets.token_hex(4)}.json"
        process = self.start("-c", SNAPSHOT, str(target), *([json.dumps(urls)] if urls else []))
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        pages = json.loads(target.read_text())
        target.unlink()
        return {url: (page["status"], page["type"], base64.b64decode(page["body"])) for url, page in pages.items()}

    def sql(self, statement):
        """Run one statement straight on the site's database; return the rows it gives."""
        if self.engine == "sqlite":
            with sqlite3.connect(urlsplit(self.database_url).path) as db:
                return db.execute(statement).fetchall()
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as db:
            cursor = db.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def home_title(self):
        return self.sql("SELECT title FROM wagtailcore_page WHERE depth = 2")[0][0]

    def leftovers(self):
        """Folders a restore unpacks into or moves aside; none may outlive it."""
        return sorted(path.name for path in self.workdir.glob(".kennisplatform-*"))


def run_together(sites, *args):
    """Run one manage.py command on every site at once: building the sites is the slow part."""
    processes = [(site, site.start("manage.py", *args)) for site in sites]
    for site, process in processes:
        stdout, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, f"{' '.join(args)} on {site.engine} failed:\n{stdout}\n{stderr}"


def postgres_admin(statement):
    """A statement for the server (CREATE or DROP DATABASE), through the test run's database."""
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as db:
        db.execute(statement)


def rewrite(archive, target, change):
    """Copy an archive member by member; ``change(name, data)`` returns the data to write."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def with_database(archive, target, data):
    """A copy of the archive with other database bytes, and a manifest that vouches for them."""

    def change(name, content):
        if name.startswith("database/"):
            return data
        if name == "manifest.json":
            manifest = json.loads(content)
            for member in manifest["files"]:
                if member.startswith("database/"):
                    manifest["files"][member] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            return json.dumps(manifest).encode()
        return content

    return rewrite(archive, target, change)


def destroy(site):
    """Undo-worthy damage. SQLite: the database file is gone (a lost disk). PostgreSQL: the
    database moved on past the backup, as after a failed upgrade: content changed, and a table
    and a foreign key the dump does not know (pg_restore --clean alone cannot drop past those).
    Either way the media folder holds the wrong files."""
    if site.engine == "sqlite":
        Path(urlsplit(site.database_url).path).unlink()
    else:
        site.sql(f"UPDATE wagtailcore_page SET title = '{MARK}' WHERE depth = 2")
        site.sql("CREATE TABLE added_after_backup (id serial PRIMARY KEY, page_id integer REFERENCES wagtailcore_page)")
        site.sql("ALTER TABLE cms_province ADD COLUMN newer_page_id integer REFERENCES wagtailcore_page")
    shutil.rmtree(site.media)
    site.media.mkdir()
    (site.media / "stray.txt").write_text("not from the backup")


def without_csrf_tokens(body):
    return re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", body)
