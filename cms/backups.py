"""Back up and restore the whole site: the database and the uploaded files (MEDIA_ROOT).

A backup is one ``.tar.gz`` archive, so an operator copies, keeps and checks a single file::

    database/site.sqlite3 or database/site.pgdump   the database (SQLite copy, or pg_dump -Fc)
    media/...                                       every file under MEDIA_ROOT
    manifest.json                                   what is in it, with a sha256 per file

The manifest is the last member: each file is hashed while it is written, so the checksums
describe exactly the bytes in the archive, and the backup reads everything once while the site
keeps running. The database is dumped before the media folder is read, so a document uploaded
in between becomes an unused file after a restore, never a page that points at a missing file.

A restore unpacks the whole archive next to MEDIA_ROOT and checks every checksum and the
database engine before it touches anything. Only then does it put the unpacked media folder in
place with renames and replace the database (in one transaction on PostgreSQL, in one step of
SQLite's backup API on SQLite); when the database fails, the old media files go back, so a
failed restore leaves the site as it was.

The Elasticsearch index and the cache are derived data and stay out of the archive.
"""

import gzip
import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "kennisplatform-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Where Debian and Ubuntu install each PostgreSQL version (scripts/postgres looks there too).
POSTGRES_INSTALL_ROOT = Path("/usr/lib/postgresql")
CHUNK_SIZE = 1024 * 1024
# Folders a restore unpacks into and moves the old files to, next to (or inside) MEDIA_ROOT.
WORK_PREFIX = ".kennisplatform-"


class BackupError(Exception):
    """Why a backup or restore cannot go on, in words for the operator."""


# --- the database engines --------------------------------------------------------------


class SQLiteDatabase:
    """One file, copied with SQLite's online backup API: a consistent snapshot even while the
    site writes, which a plain file copy cannot promise."""

    vendor = "sqlite"
    member = "database/site.sqlite3"

    def __init__(self, settings_dict):
        self.path = Path(settings_dict["NAME"])

    def describe(self):
        return f"SQLite database {self.path}"

    def dump(self, target):
        if not self.path.is_file():
            raise BackupError(f"The SQLite database {self.path} does not exist.")
        with _sqlite_errors("copy"), closing(_read_only(self.path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)

    def restore(self, dump):
        """Write the copy into the live database through the same API, under SQLite's locks:
        a process that still has the database open sees the old one or the new one, no mix."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _sqlite_errors("restore"), closing(_read_only(dump)) as source:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("The database in the archive fails SQLite's integrity check.")
            with closing(sqlite3.connect(self.path, timeout=30)) as live:
                source.backup(live)


def _read_only(path):
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)


@contextmanager
def _sqlite_errors(action):
    try:
        yield
    except sqlite3.Error as exc:
        raise BackupError(f"Could not {action} the SQLite database: {exc}") from exc


# Sent first in the restore's transaction. A database migrated past the backup has tables and
# foreign keys the dump does not know, and pg_restore --clean stops at them ("other objects
# depend on it"); so every table of ours in the schemas Django uses goes first.
DROP_OWN_TABLES = """
SET client_min_messages = warning;
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT schemaname, tablename FROM pg_catalog.pg_tables
              WHERE tableowner = current_user AND schemaname = ANY (current_schemas(false)) LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', item.schemaname, item.tablename);
  END LOOP;
END $$;
"""


class PostgreSQLDatabase:
    """pg_dump's custom format (compressed, and pg_restore recreates each object from it). The
    password reaches the tools in PGPASSWORD, as with Django's own ``dbshell``, never on the
    command line, where other users of the machine could read it."""

    vendor = "postgresql"
    member = "database/site.pgdump"

    def __init__(self, settings_dict):
        self.settings = settings_dict

    def describe(self):
        host = self.settings.get("HOST") or "the local socket"
        port = f":{self.settings['PORT']}" if self.settings.get("PORT") else ""
        return f"PostgreSQL database {self.settings.get('NAME')} on {host}{port}"

    def dump(self, target):
        with tempfile.TemporaryFile() as errors:
            process = self._start("pg_dump", "--format=custom", f"--file={target}", *self._connection_options(),
                                  stdout=subprocess.DEVNULL, stderr=errors)
            _raise_on_failure("pg_dump", process.wait(), errors)

    def restore(self, dump):
        """pg_restore turns the dump into SQL and psql runs it, after DROP_OWN_TABLES, in one
        transaction. COMMIT is sent only once pg_restore has written the whole script: after
        any error psql ends with the transaction open, PostgreSQL rolls it back, and the
        database is as it was. (The site keeps no large objects, whose data pg_restore would
        wrap in transactions of its own.)"""
        with tempfile.TemporaryFile() as script_errors, tempfile.TemporaryFile() as apply_errors:
            script = self._start("pg_restore", "--clean", "--if-exists", "--no-owner", "--file=-", str(dump),
                                 stdout=subprocess.PIPE, stderr=script_errors)
            apply = self._start("psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", *self._connection_options(),
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=apply_errors)
            try:
                apply.stdin.write(b"BEGIN;\n" + DROP_OWN_TABLES.encode())
                shutil.copyfileobj(script.stdout, apply.stdin, CHUNK_SIZE)
                if script.wait() == 0:
                    apply.stdin.write(b"COMMIT;\n")
                apply.stdin.close()
            except BrokenPipeError:
                pass  # psql stopped at an error, which it wrote to apply_errors
            finally:
                with suppress(BrokenPipeError):
                    apply.stdin.close()
                script.stdout.close()
                script.wait()
                apply.wait()
            _raise_on_failure("psql", apply.returncode, apply_errors)
            _raise_on_failure("pg_restore", script.returncode, script_errors)

    def _start(self, tool, *arguments, **streams):
        command = [find_postgres_tool(tool), *arguments]
        if tool != "pg_restore":  # pg_restore only writes the script; psql does the connecting
            command.insert(1, "--no-password")
        _, password_env = DatabaseClient.settings_to_cmd_args_env(self.settings, [])
        try:
            return subprocess.Popen(command, env={**os.environ, **(password_env or {})}, **streams)
        except OSError as exc:
            raise BackupError(f"Could not run {command[0]}: {exc}") from exc

    def _connection_options(self):
        options = []
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"), ("--dbname", "NAME")):
            if self.settings.get(key):
                options.append(f"{flag}={self.settings[key]}")
        return options


def _raise_on_failure(tool, returncode, stderr_file):
    if returncode != 0:
        stderr_file.seek(0)
        detail = "\n".join(stderr_file.read().decode(errors="replace").strip().splitlines()[-20:])
        raise BackupError(f"{tool} failed (exit status {returncode}): {detail}")


def find_postgres_tool(name, search_path=None, install_root=POSTGRES_INSTALL_ROOT):
    """``pg_dump``, ``pg_restore`` or ``psql`` from PATH (on Debian a wrapper that picks the right
    version), else from the newest ``<install_root>/<version>/bin``: pg_dump refuses a server
    newer than itself, so the newest installed version is the one most likely to work."""
    found = shutil.which(name, path=search_path)
    if found:
        return found
    candidates = [path for path in Path(install_root).glob(f"*/bin/{name}") if os.access(path, os.X_OK)]
    if candidates:
        return str(max(candidates, key=lambda path: _version_key(path.parent.parent.name)))
    raise BackupError(
        f"{name} not found on PATH or in {install_root}/<version>/bin. Install the PostgreSQL "
        "client tools of the server's version or newer (Debian: apt-get install postgresql-client)."
    )


def _version_key(text):
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (-1,)


def current_database():
    """The engine for DATABASES["default"], the database the site runs on."""
    engines = {engine.vendor: engine for engine in (SQLiteDatabase, PostgreSQLDatabase)}
    if connection.vendor not in engines:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return engines[connection.vendor](connection.settings_dict)


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


# --- backup -------------------------------------------------------------------------------


@dataclass
class Backup:
    path: Path
    manifest: dict


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
            with _private_file(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                files = {database.member: _add_file(tar, dump, database.member)}
                for path, name in _media_files(Path(settings.MEDIA_ROOT)):
                    files[name] = _add_file(tar, path, name)
                manifest = _manifest(created_at, database, migrations, files)
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.replace(partial, target)
    except OSError as exc:
        _remove(partial)
        raise BackupError(f"Could not write the backup {target}: {exc}") from exc
    except BaseException:
        _remove(partial)
        raise
    return Backup(target, manifest)


def _manifest(created_at, database, migrations, files):
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


def _remove(path):
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # it was never created (the folder is missing or not a folder)


@contextmanager
def _private_file(path):
    """The archive holds personal data (accounts, registrations): readable by its owner only."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        yield handle


def _media_files(media_root):
    """Every regular file under MEDIA_ROOT, in a stable order, with its name in the archive
    (without the work folders of a restore, which live inside a mounted MEDIA_ROOT)."""
    if not media_root.is_dir():
        return
    for folder, subfolders, names in os.walk(media_root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(WORK_PREFIX))
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file():
                yield path, f"{MEDIA}/{path.relative_to(media_root).as_posix()}"


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar, path, name):
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


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    tar.addfile(info, io.BytesIO(data))


# --- restore ------------------------------------------------------------------------------


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
            raise BackupError(f"Could not put the restored files in place in {self.media.root} ({exc}). "
                              "Nothing was changed.") from exc
        connections.close_all()
        try:
            self.database.restore(self.staging / self.database.member)
        except BaseException as exc:
            try:
                swap.undo()
            except OSError as undo_error:
                raise BackupError(f"{exc}\nPutting the old media files back failed too ({undo_error}); "
                                  f"they are in {swap.old}.") from exc
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
        manifest_data, found = _unpack(archive, staging)
        manifest = _verified_manifest(archive, manifest_data, found, database)
        yield StagedRestore(archive, manifest, database, staging, media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(archive, staging):
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


def _verified_manifest(archive, data, found, database):
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise BackupError(f"The {MANIFEST} in {archive} is not valid JSON: {exc}") from exc
    if not (isinstance(manifest, dict) and manifest.get("format") == FORMAT
            and isinstance(manifest.get("files"), dict)):
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


class MediaFolder:
    """MEDIA_ROOT, replaced by renames within one file system, so the files never exist half
    old and half new: the whole folder in one rename, or, when MEDIA_ROOT is a mount point (a
    Docker volume) and cannot be renamed, entry by entry, with the work folders inside it. The
    old files stay until the restore has succeeded, so a failure can put them back."""

    def __init__(self, root, mounted=None):
        self.root = Path(root).absolute()
        self.mounted = self.root.is_mount() if mounted is None else mounted
        self.work = self.root if self.mounted else self.root.parent

    def make_staging(self):
        self.work.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}restore-", dir=self.work))

    def replace_with(self, new):
        """Put the files in ``new`` where MEDIA_ROOT's are; return the _Swap that undoes it."""
        old = self.work / f"{WORK_PREFIX}replaced-{secrets.token_hex(8)}"
        if self.mounted:
            old.mkdir()
            moves = [(entry, old / entry.name) for entry in sorted(self.root.iterdir())
                     if not entry.name.startswith(WORK_PREFIX)]
            moves += [(entry, self.root / entry.name) for entry in sorted(new.iterdir())]
        else:
            # mkdtemp made the new folder private; the web server may need to read MEDIA_ROOT.
            os.chmod(new, self.root.stat().st_mode & 0o7777 if self.root.exists() else 0o755)
            moves = ([(self.root, old)] if self.root.exists() else []) + [(new, self.root)]
        swap = _Swap(old)
        try:
            for source, target in moves:
                os.rename(source, target)
                swap.done.append((source, target))
        except OSError:
            swap.undo()
            raise
        return swap


@dataclass
class _Swap:
    old: Path
    done: list = field(default_factory=list)

    def undo(self):
        for source, target in reversed(self.done):
            os.rename(target, source)
        self.done.clear()
        shutil.rmtree(self.old, ignore_errors=True)  # gone, or empty: everything went back

    def finish(self):
        shutil.rmtree(self.old, ignore_errors=True)


def _clear_cache():
    """Cached pages and counters describe the data from before the restore."""
    try:
        for alias in settings.CACHES:
            caches[alias].clear()
    except Exception as exc:  # every cache backend fails in its own way; the restore itself is done
        return f"Could not clear the cache ({exc}); clear it yourself or wait for it to expire."
    return "Cache cleared."
