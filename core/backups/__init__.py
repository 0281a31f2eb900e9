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

The package, by responsibility: ``archive`` (the archive's format, manifest and verification),
``databases`` (dump and restore per database engine), ``media`` (the media folder and its swap)
and ``operations`` (what the ``backup_site`` and ``restore_site`` commands run).
"""

# Files are read and written in pieces of this size (archives hold whole media folders).
CHUNK_SIZE = 1024 * 1024


class BackupError(Exception):
    """Why a backup or restore cannot go on, in words for the operator."""
