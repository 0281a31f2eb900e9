"""``manage.py backup_site [--output DIR or FILE]``: one archive with the database and MEDIA_ROOT.

The work is in core/backups/; this command only reports. Safe to run while the site serves.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError
from core.backups.databases import ENGINE_NAMES
from core.backups.operations import create_backup


class Command(BaseCommand):
    help = "Write one .tar.gz archive holding the database, the uploaded files (MEDIA_ROOT) and a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR_OR_FILE",
            help="A folder (the archive gets a dated name) or the archive's file name. Default: the current folder.",
        )

    def handle(self, *args, output, **options):
        started = time.monotonic()
        try:
            backup = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.manifest
        size_mb = backup.path.stat().st_size / 1024 / 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {backup.path} ({size_mb:.1f} MB, {ENGINE_NAMES[manifest['database']['vendor']]} "
                f"database and {manifest['file_count'] - 1} media files) in {time.monotonic() - started:.1f} s."
            )
        )
