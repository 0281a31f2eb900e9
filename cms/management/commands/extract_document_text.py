"""``manage.py extract_document_text [--all]``: read the text of document files now.

Without --all only files whose text is pending or failed; with --all every file. Reads in this
process (not through the task queue), with a progress line on stderr and a summary at the end.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from cms.file_text import read_and_store
from cms.models import LibraryFile


class Command(BaseCommand):
    help = "Read the text of document files (default: those pending or failed; --all: every file)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read every file again, also those already read.")

    def handle(self, *args, all, **options):
        files = LibraryFile.objects.order_by("pk")
        if not all:
            files = files.filter(text_status__in=[LibraryFile.TextStatus.PENDING, LibraryFile.TextStatus.FAILED])
        ids = list(files.values_list("pk", flat=True))
        statuses = Counter()
        for number, file_id in enumerate(ids, start=1):
            statuses[read_and_store(file_id)] += 1
            self.stderr.write(f"\r{number}/{len(ids)}", ending="")
        if ids:
            self.stderr.write("")
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str)) or "-"
        self.stdout.write(f"{len(ids)} files read ({summary}).")
