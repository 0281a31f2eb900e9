"""Dump and restore the database, per engine: SQLite through its online backup API,
PostgreSQL through pg_dump, pg_restore and psql."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient

from core.backups import CHUNK_SIZE, BackupError

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Where Debian and Ubuntu install each PostgreSQL version (scripts/postgres looks there too).
POSTGRES_INSTALL_ROOT = Path("/usr/lib/postgresql")


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
            process = self._start(
                "pg_dump",
                "--format=custom",
                f"--file={target}",
                *self._connection_options(),
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
            _raise_on_failure("pg_dump", process.wait(), errors)

    def restore(self, dump):
        """pg_restore turns the dump into SQL and psql runs it, after DROP_OWN_TABLES, in one
        transaction. COMMIT is sent only once pg_restore has written the whole script: after
        any error psql ends with the transaction open, PostgreSQL rolls it back, and the
        database is as it was. (The site keeps no large objects, whose data pg_restore would
        wrap in transactions of its own.)"""
        with tempfile.TemporaryFile() as script_errors, tempfile.TemporaryFile() as apply_errors:
            script = self._start(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--file=-",
                str(dump),
                stdout=subprocess.PIPE,
                stderr=script_errors,
            )
            apply = self._start(
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                *self._connection_options(),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=apply_errors,
            )
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
