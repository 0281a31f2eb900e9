"""The archive's format: its members, the manifest with a sha256 per file and the schema
(migrations) of the dump, writing members while hashing them, and unpacking and verifying an
archive before a restore uses it."""

import gzip
import hashlib
import io
import json
import os
import tarfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from core.backups import CHUNK_SIZE, BackupError
from core.backups.databases import ENGINE_NAMES

FORMAT = "kennisplatform-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"


# --- migrations ---------------------------------------------------------------------------


def applied_migration_heads():
    """Per app, the newest migration applied to the database: what schema the dump holds."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = {key for key in loader.applied_migrations if key in loader.graph.nodes}
    heads = {}
    for app, name in sorted(applied):
        children = loader.graph.node_map[(app, name)].children
        if not any(child[0] == app and child in applied for child in children):
            heads.setdefault(app, []).append(name)
    return heads


def code_migration_heads():
    """Per app, the newest migration in the code that is running."""
    heads = {}
    for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()):
        heads.setdefault(app, []).append(name)
    return heads


def migration_differences(archived, code):
    """Apps whose schema in the archive differs from the code's, one line each."""
    return [
        f"{app}: archive {', '.join(archived.get(app) or ['-'])}, code {', '.join(code.get(app) or ['-'])}"
        for app in sorted(archived.keys() | code.keys())
        if archived.get(app) != code.get(app)
    ]


# --- writing ------------------------------------------------------------------------------


def archive_path(output=None, now=None):
    """``--output`` may name a folder (existing, or ending in a slash) or the archive itself."""
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    name = f"kennisplatform-backup-{stamp}.tar.gz"
    if output is None:
        return Path.cwd() / name
    output = str(output)
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return Path(output) / name
    return Path(output)


def build_manifest(created_at, database, migrations, files):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(timespec="seconds"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "software": {"django": django.get_version(), "wagtail": wagtail.__version__},
        "database": {"vendor": database.vendor, "file": database.member},
        "migrations": migrations,
        "media_root": str(settings.MEDIA_ROOT),
        "file_count": len(files),
        "files": files,
    }


@contextmanager
def private_file(path):
    """The archive holds personal data (accounts, registrations): readable by its owner only."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        yield handle


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def add_file(tar, path, name):
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
            reader = _HashingReader(handle)
            tar.addfile(info, reader)
    except OSError as exc:
        raise BackupError(f"Could not add {path} to the archive: {exc}") from exc
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    tar.addfile(info, io.BytesIO(data))


# --- reading ------------------------------------------------------------------------------


def unpack(archive, staging):
    """Write every member under ``staging``, hashing as it goes; return the manifest's bytes
    and {name: {size, sha256}} of what was found."""
    found, manifest = {}, None
    try:
        with tarfile.open(archive, mode="r|gz") as tar:
            for member in tar:
                name = _member_name(member)
                if member.isdir():
                    continue
                if name in found or (name == MANIFEST and manifest is not None):
                    raise BackupError(f"{archive} holds {name} twice; it was not made by backup_site.")
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest = source.read()
                else:
                    found[name] = _write(source, staging / name, member.mtime)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(f"{archive} is not a readable backup archive (damaged or incomplete): {exc}") from exc
    except OSError as exc:
        raise BackupError(f"Could not unpack {archive} into {staging}: {exc}") from exc
    if manifest is None:
        raise BackupError(f"{archive} holds no {MANIFEST}: it is not a complete backup made by backup_site.")
    return manifest, found


def _member_name(member):
    """Only regular files and folders under database/ and media/, plus the manifest: nothing
    that could write outside the unpacking folder (absolute paths, "..", links, devices)."""
    path = PurePosixPath(member.name)
    allowed = str(path) == MANIFEST or (path.parts and path.parts[0] in ("database", MEDIA) and len(path.parts) > 1)
    if path.is_absolute() or ".." in path.parts or not allowed or not (member.isfile() or member.isdir()):
        raise BackupError(f"The archive holds an unexpected entry {member.name!r}; it was not made by backup_site.")
    return str(path)


def _write(source, target, mtime):
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    os.utime(target, (mtime, mtime))
    return {"size": size, "sha256": digest.hexdigest()}


def verified_manifest(archive, data, found, database):
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise BackupError(f"The {MANIFEST} in {archive} is not valid JSON: {exc}") from exc
    if not (
        isinstance(manifest, dict) and manifest.get("format") == FORMAT and isinstance(manifest.get("files"), dict)
    ):
        raise BackupError(f"{archive} is not a backup made by backup_site.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} has format version {manifest.get('format_version')}; this code reads version {FORMAT_VERSION}."
        )
    vendor = (manifest.get("database") or {}).get("vendor")
    if vendor != database.vendor:
        raise BackupError(
            f"{archive} holds a {ENGINE_NAMES.get(vendor, vendor)} database, but this site runs on "
            f"{ENGINE_NAMES[database.vendor]} (DATABASE_URL). Restore it on a site with the same database engine."
        )
    expected = manifest["files"]
    problems = [f"missing from the archive: {name}" for name in sorted(expected.keys() - found.keys())]
    problems += [f"not in the manifest: {name}" for name in sorted(found.keys() - expected.keys())]
    problems += [
        f"checksum mismatch: {name}"
        for name in sorted(expected.keys() & found.keys())
        if not isinstance(expected[name], dict)
        or (expected[name].get("size"), expected[name].get("sha256")) != (found[name]["size"], found[name]["sha256"])
    ]
    if manifest.get("file_count") != len(expected):
        problems.append(f"the manifest counts {manifest.get('file_count')} files but lists {len(expected)}")
    if database.member not in expected:
        problems.append(f"no database dump ({database.member})")
    if problems:
        shown = "\n  ".join(problems[:20]) + ("\n  ..." if len(problems) > 20 else "")
        raise BackupError(f"{archive} is damaged or was altered; it failed verification:\n  {shown}")
    return manifest
