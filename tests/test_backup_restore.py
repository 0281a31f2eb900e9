"""Backups: one archive with the database and the media folder, and a restore that brings back
a site serving the same pages.

A restore replaces a whole database, so the site under test is never the one this test run
uses: like the browser tests' ``live_site``, it runs in its own processes on its own SQLite
file, migrated and seeded once for the module. When DATABASE_URL points at PostgreSQL (as on
CI) the same tests also run on a scratch PostgreSQL database on that server, dropped at the end.
"""

import hashlib
import io
import json
import re
import secrets
import shutil
import tarfile
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command

from core.backups import BackupError
from core.backups.archive import archive_path, code_migration_heads
from core.backups.databases import find_postgres_tool
from core.backups.media import MediaFolder
from core.backups.operations import staged_restore

from .backup_sites import (
    ENGINES,
    MARK,
    POSTGRES_URL,
    DemoSite,
    destroy,
    postgres_admin,
    rewrite,
    run_together,
    with_database,
    without_csrf_tokens,
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The demo site on SQLite, and on a scratch PostgreSQL database when there is a server."""
    workdir = tmp_path_factory.mktemp("site-sqlite")
    found = {"sqlite": DemoSite("sqlite", workdir, f"sqlite:///{workdir / 'site.sqlite3'}")}
    if POSTGRES_URL:
        name = f"kennisplatform_restore_{secrets.token_hex(4)}"
        postgres_admin(f'CREATE DATABASE "{name}"')
        url = urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{name}"))
        found["postgresql"] = DemoSite("postgresql", tmp_path_factory.mktemp("site-postgresql"), url)
    try:
        run_together(found.values(), "migrate", "--noinput", "-v0")
        run_together(found.values(), "seed_demo", "--no-editor")
        yield found
    finally:
        if POSTGRES_URL:
            postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=ENGINES)
def site(request, sites):
    return sites[request.param]


@pytest.fixture(scope="module")
def archive(site, tmp_path_factory):
    """A backup of the freshly seeded site."""
    folder = tmp_path_factory.mktemp(f"archive-{site.engine}")
    result = site.manage("backup_site", "--output", f"{folder}/")
    assert result.returncode == 0, result.stderr
    [path] = folder.glob("kennisplatform-backup-*.tar.gz")
    return path


# --- the round trip -----------------------------------------------------------------------


def test_backup_holds_the_database_the_media_and_a_manifest(site, archive):
    assert archive.stat().st_mode & 0o777 == 0o600  # accounts and registrations are in it
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        contents = {member.name: tar.extractfile(member).read() for member in members}
    assert members[-1].name == "manifest.json"
    manifest = json.loads(contents.pop("manifest.json"))
    database_member = {"sqlite": "database/site.sqlite3", "postgresql": "database/site.pgdump"}[site.engine]
    media = {
        f"media/{path.relative_to(site.media).as_posix()}": path.read_bytes()
        for path in site.media.rglob("*")
        if path.is_file()
    }
    assert len(media) >= 6 and all(name.startswith("media/documents/") for name in media)
    assert set(contents) == set(media) | {database_member}
    assert all(contents[name] == data for name, data in media.items())
    assert manifest["format"] == "kennisplatform-backup" and manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == site.engine
    assert manifest["file_count"] == len(contents)
    for name, data in contents.items():
        assert manifest["files"][name] == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    # A freshly migrated site: the newest applied migration of every app is the code's newest.
    assert manifest["migrations"] == code_migration_heads()
    assert manifest["created_at"].startswith("20")


def test_restored_site_serves_the_same_pages(site, tmp_path):
    before = site.snapshot()
    assert all(status == 200 for status, _, _ in before.values()), {url: page[0] for url, page in before.items()}
    download = next(url for url in before if url.startswith("/documents/"))
    assert before[download][2] == (site.media / "documents" / download.rsplit("/", 1)[1]).read_bytes()

    backup = site.manage("backup_site", "--output", str(tmp_path / "site.tar.gz"))
    assert backup.returncode == 0, backup.stderr
    assert "Backup written to" in backup.stdout
    destroy(site)

    restore = site.manage("restore_site", str(tmp_path / "site.tar.gz"), "--yes")
    assert restore.returncode == 0, restore.stderr
    assert "Database restored" in restore.stdout and "Media folder replaced" in restore.stdout
    assert "search_index --rebuild" in restore.stdout

    after = site.snapshot(list(before))
    for url, (status, content_type, body) in before.items():
        assert after[url][:2] == (status, content_type), url
        assert without_csrf_tokens(after[url][2]) == without_csrf_tokens(body), url
    assert not (site.media / "stray.txt").exists()
    assert site.leftovers() == []
    if site.engine == "postgresql":
        assert site.sql("SELECT to_regclass('added_after_backup')") == [(None,)]


# --- refusals: nothing changes ------------------------------------------------------------


def test_tampered_archive_is_refused_before_anything_changes(site, archive, tmp_path):
    tampered = rewrite(
        archive,
        tmp_path / "tampered.tar.gz",
        lambda name, data: data.replace(b"%PDF", b"%PDX") if name.endswith(".pdf") else data,
    )
    site.sql(f"UPDATE wagtailcore_page SET title = '{MARK}' WHERE depth = 2")
    marker = site.media / "added-after-the-backup.txt"
    marker.write_text("still here")

    result = site.manage("restore_site", str(tampered), "--yes")

    assert result.returncode != 0
    assert "checksum mismatch: media/documents/" in result.stderr and ".pdf" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert site.home_title() == MARK
    assert marker.read_text() == "still here"
    assert site.leftovers() == []


def test_archive_from_the_other_database_engine_is_refused(site, archive, tmp_path):
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[site.engine]

    def claim_other_engine(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other
        return json.dumps(manifest).encode()

    foreign = rewrite(archive, tmp_path / "foreign.tar.gz", claim_other_engine)
    site.sql(f"UPDATE wagtailcore_page SET title = '{MARK}' WHERE depth = 2")

    result = site.manage("restore_site", str(foreign), "--yes")

    assert result.returncode != 0
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    assert f"holds a {names[other]} database, but this site runs on {names[site.engine]}" in result.stderr
    assert site.home_title() == MARK
    assert site.leftovers() == []


def test_failed_database_restore_puts_the_media_folder_back(site, archive, tmp_path):
    broken = with_database(archive, tmp_path / "broken.tar.gz", b"not a database dump\n" * 100)
    site.sql(f"UPDATE wagtailcore_page SET title = '{MARK}' WHERE depth = 2")
    marker = site.media / "added-after-the-backup.txt"
    marker.write_text("still here")

    result = site.manage("restore_site", str(broken), "--yes")

    assert result.returncode != 0
    expected = {"sqlite": "Could not restore the SQLite database", "postgresql": "pg_restore failed"}[site.engine]
    assert expected in result.stderr
    assert "the old media files were put back. Nothing was changed." in result.stderr
    assert site.home_title() == MARK
    assert marker.read_text() == "still here"
    assert site.leftovers() == []


def test_restore_asks_for_yes_when_not_run_from_a_terminal(sites, tmp_path):
    site = sites["sqlite"]
    result = site.manage("restore_site", str(tmp_path / "whatever.tar.gz"))
    assert result.returncode != 0
    assert "confirm with --yes" in result.stderr


def test_restore_check_verifies_without_changing_anything(site, archive):
    site.sql(f"UPDATE wagtailcore_page SET title = '{MARK}' WHERE depth = 2")
    result = site.manage("restore_site", str(archive), "--check")
    assert result.returncode == 0, result.stderr
    assert "all checksums match" in result.stdout and "Nothing was changed" in result.stdout
    assert site.home_title() == MARK


# --- in this process: only steps that come before anything is changed --------------------


def test_missing_archive_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Archive not found: .*nowhere.tar.gz"):
        call_command("restore_site", str(tmp_path / "nowhere.tar.gz"), "--yes")


def test_truncated_archive_is_refused(archive, tmp_path, settings):
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(BackupError, match="not a readable backup archive"):
        with staged_restore(truncated):
            pass
    assert sorted(path.name for path in tmp_path.iterdir()) == ["truncated.tar.gz"]


def test_entries_outside_database_and_media_are_refused(tmp_path, settings):
    crafted = tmp_path / "crafted.tar.gz"
    with tarfile.open(crafted, "w:gz") as tar:
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    with pytest.raises(BackupError, match="unexpected entry 'media/../../escaped.txt'"):
        with staged_restore(crafted):
            pass
    assert not list(tmp_path.rglob("escaped.txt"))


@pytest.mark.parametrize("mounted", [False, True], ids=["folder", "mount-point"])
def test_media_folder_swap_and_undo(tmp_path, mounted):
    """A mount point (a Docker volume) cannot be renamed: its entries are swapped instead."""
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "old.pdf").write_bytes(b"old")
    media = MediaFolder(root, mounted=mounted)
    staging = media.make_staging()
    assert staging.parent == (root if mounted else tmp_path)
    (staging / "media" / "documents").mkdir(parents=True)
    (staging / "media" / "documents" / "new.pdf").write_bytes(b"new")

    swap = media.replace_with(staging / "media")
    assert [path.name for path in (root / "documents").iterdir()] == ["new.pdf"]
    swap.undo()
    assert [path.name for path in (root / "documents").iterdir()] == ["old.pdf"]

    media.replace_with(staging / "media").finish()
    shutil.rmtree(staging)
    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*")) == [
        "media",
        "media/documents",
        "media/documents/new.pdf",
    ]


def test_unwritable_output_is_reported(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(CommandError, match="Could not write the backup .*a-file/backup.tar.gz"):
        call_command("backup_site", "--output", str(tmp_path / "a-file" / "backup.tar.gz"))


def test_output_names_a_folder_or_the_archive(tmp_path):
    assert re.fullmatch(r"kennisplatform-backup-\d{8}-\d{6}\.tar\.gz", archive_path(tmp_path).name)
    assert archive_path(f"{tmp_path}/new-folder/").parent == tmp_path / "new-folder"
    assert archive_path(tmp_path / "nightly.tar.gz") == tmp_path / "nightly.tar.gz"


def test_postgres_tools_come_from_path_or_the_newest_installed_version(tmp_path):
    for version in ("9.6", "15", "16"):
        tool = tmp_path / "lib" / version / "bin" / "pg_dump"
        tool.parent.mkdir(parents=True)
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
    assert find_postgres_tool("pg_dump", search_path="", install_root=tmp_path / "lib") == str(
        tmp_path / "lib" / "16" / "bin" / "pg_dump"
    )
    on_path = tmp_path / "lib" / "9.6" / "bin"
    assert find_postgres_tool("pg_dump", search_path=str(on_path), install_root=tmp_path / "lib") == str(
        on_path / "pg_dump"
    )
    with pytest.raises(BackupError, match="pg_restore not found on PATH or in .*/lib/<version>/bin"):
        find_postgres_tool("pg_restore", search_path="", install_root=tmp_path / "lib")
