"""``manage.py restore_site ARCHIVE [--yes] [--check]``: put a backup_site archive back.

The work is in core/backups/: the archive is unpacked and verified before anything changes;
this command asks for confirmation and reports.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError
from core.backups.databases import ENGINE_NAMES
from core.backups.operations import staged_restore
from search import elastic


class Command(BaseCommand):
    help = "Replace the database and the uploaded files (MEDIA_ROOT) with those in a backup_site archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by backup_site.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (needed when not run from a terminal)."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive (complete, checksums, database engine); change nothing.",
        )

    def handle(self, *args, archive, yes, check, **options):
        if not (yes or check or sys.stdin.isatty()):
            raise CommandError(
                "restore_site replaces the database and the media folder; "
                "it is not run from a terminal, so confirm with --yes. Nothing was changed."
            )
        started = time.monotonic()
        try:
            with staged_restore(archive) as staged:
                self.describe(staged)
                if check:
                    self.stdout.write(self.style.SUCCESS("The archive is complete and intact. Nothing was changed."))
                    return
                if not yes:
                    self.confirm(staged)
                try:
                    done = staged.apply()
                except BackupError as exc:  # its message says what did and did not change
                    raise CommandError(str(exc)) from exc
        except BackupError as exc:
            raise CommandError(f"{exc}\nNothing was changed.") from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} in {time.monotonic() - started:.1f} s:"))
        for line in done:
            self.stdout.write(f"  {line}")
        self.advise(staged)

    def describe(self, staged):
        manifest = staged.manifest
        self.stdout.write(
            f"Archive {staged.archive}: made {manifest.get('created_at')}, "
            f"{ENGINE_NAMES[manifest['database']['vendor']]} database and {staged.media_count} media files; "
            "all checksums match."
        )
        differences = staged.migration_differences
        if differences:
            self.stdout.write(
                self.style.WARNING(
                    "The database schema in the archive differs from this code's migrations:\n  "
                    + "\n  ".join(differences)
                    + "\nAfter restoring an older backup, run `python manage.py migrate`; for a newer one, "
                    "deploy the code version that made it."
                )
            )

    def confirm(self, staged):
        answer = input(
            f"This replaces {staged.database.describe()} and everything in {staged.media.root}.\n"
            "Type 'yes' to restore: "
        )
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled. Nothing was changed.")

    def advise(self, staged):
        if staged.migration_differences:
            self.stdout.write("Next: run `python manage.py migrate` (see the warning above).")
        if elastic.is_configured():
            self.stdout.write(
                "The search index is not in the backup. Rebuild it from the restored database:\n"
                "  python manage.py search_index --rebuild"
            )
        else:
            self.stdout.write(
                "ELASTICSEARCH_URL is empty, so the site searches the restored database; "
                "with Elasticsearch, run `python manage.py search_index --rebuild`."
            )
