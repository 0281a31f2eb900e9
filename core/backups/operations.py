"""What the ``backup_site`` and ``restore_site`` commands run: write a backup, and stage,
verify and apply a restore, the database and the media folder together."""

import json
import os
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils import timezone

from core.backups import BackupError
from core.backups.archive import (
    MANIFEST,
    MEDIA,
    add_bytes,
    add_file,
    applied_migration_heads,
    archive_path,
    build_manifest,
    code_migration_heads,
    migration_differences,
    private_file,
    unpack,
    verified_manifest,
)
from core.backups.databases import current_database
from core.backups.media import MediaFolder, media_files


@dataclass
class Backup:
    path: Path
    manifest: dict


def create_backup(output=None):
    """Write the archive; return where it is and its manifest. Nothing is left behind on failure:
    the archive is written under a ``.partial`` name and renamed when complete."""
    database = current_database()
    target = archive_path(output).absolute()
    if target.exists():
        raise BackupError(f"{target} already exists; choose another --output.")
    partial = target.with_name(target.name + ".partial")
    created_at = timezone.now()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as scratch:
            migrations = applied_migration_heads()
            dump = Path(scratch) / "database"
            database.dump(dump)
            with private_file(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                files = {database.member: add_file(tar, dump, database.member)}
                for path, name in media_files(Path(settings.MEDIA_ROOT)):
                    files[name] = add_file(tar, path, name)
                manifest = build_manifest(created_at, database, migrations, files)
                add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.replace(partial, target)
    except OSError as exc:
        _remove(partial)
        raise BackupError(f"Could not write the backup {target}: {exc}") from exc
    except BaseException:
        _remove(partial)
        raise
    return Backup(target, manifest)


def _remove(path):
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # it was never created (the folder is missing or not a folder)


@dataclass
class StagedRestore:
    """A verified archive, unpacked next to MEDIA_ROOT, ready to replace the site's data."""

    archive: Path
    manifest: dict
    database: object
    staging: Path
    media: "MediaFolder"

    @property
    def media_count(self):
        return sum(1 for name in self.manifest["files"] if name.startswith(f"{MEDIA}/"))

    @cached_property
    def migration_differences(self):
        return migration_differences(self.manifest.get("migrations") or {}, code_migration_heads())

    def apply(self):
        """Swap the media folder in, then replace the database; if the database fails, the
        old media files go back. Returns what was done, line by line."""
        unpacked = self.staging / MEDIA
        unpacked.mkdir(exist_ok=True)
        try:
            swap = self.media.replace_with(unpacked)
        except OSError as exc:
            raise BackupError(
                f"Could not put the restored files in place in {self.media.root} ({exc}). Nothing was changed."
            ) from exc
        connections.close_all()
        try:
            self.database.restore(self.staging / self.database.member)
        except BaseException as exc:
            try:
                swap.undo()
            except OSError as undo_error:
                raise BackupError(
                    f"{exc}\nPutting the old media files back failed too ({undo_error}); they are in {swap.old}."
                ) from exc
            if isinstance(exc, BackupError):
                raise BackupError(
                    f"{exc}\nThe database restore runs as one transaction, so the database was left as it "
                    "was, and the old media files were put back. Nothing was changed."
                ) from exc
            raise
        finally:
            connections.close_all()
        swap.finish()
        return [
            f"Database restored: {self.database.describe()}.",
            f"Media folder replaced: {self.media_count} files in {self.media.root}.",
            _clear_cache(),
        ]


@contextmanager
def staged_restore(archive):
    """Unpack ``archive`` next to MEDIA_ROOT and verify it; yield a StagedRestore. Nothing of
    the site changes until its ``apply()``; the unpacked copy is removed in every case."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Archive not found: {archive}")
    database = current_database()
    media = MediaFolder(settings.MEDIA_ROOT)
    try:
        staging = media.make_staging()
    except OSError as exc:
        raise BackupError(f"Could not create a folder to unpack into in {media.work}: {exc}") from exc
    try:
        manifest_data, found = unpack(archive, staging)
        manifest = verified_manifest(archive, manifest_data, found, database)
        yield StagedRestore(archive, manifest, database, staging, media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _clear_cache():
    """Cached pages and counters describe the data from before the restore."""
    try:
        for alias in settings.CACHES:
            caches[alias].clear()
    except Exception as exc:  # every cache backend fails in its own way; the restore itself is done
        return f"Could not clear the cache ({exc}); clear it yourself or wait for it to expire."
    return "Cache cleared."
