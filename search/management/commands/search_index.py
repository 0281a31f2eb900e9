"""``manage.py search_index --rebuild | --sync | --refresh-items``."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.indexing import flush_outbox
from search.rebuild import derive_items, rebuild_index


def progress_bar(label, stream):
    def show(done, total):
        width = 30
        filled = int(width * done / total) if total else width
        percent = 100 * done // total if total else 100
        stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({percent}%)")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "Maintain the search index: rebuild it behind its alias, or replay pending updates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh-items",
            action="store_true",
            help="Re-derive every knowledge item from the pages (database copy).",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Build a new Elasticsearch index and swap the alias to it."
        )
        parser.add_argument("--sync", action="store_true", help="Send pending updates (the outbox) to Elasticsearch.")

    def handle(self, *args, refresh_items: bool, rebuild: bool, sync: bool, **options):
        if not (refresh_items or rebuild or sync):
            raise CommandError("Say what to do: --refresh-items, --rebuild and/or --sync.")
        if refresh_items:
            total = derive_items(progress_bar("Items  ", self.stdout))
            self.stdout.write(f"{total} knowledge items derived from the pages.")
        if (rebuild or sync) and not elastic.is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: the site searches the database only.")
        if rebuild:
            result = rebuild_index(progress_bar("Index  ", self.stdout))
            analysis = "Dutch analysis" if result["dutch_analysis"] else "standard analyzer (no analysis-common)"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Index {result['index']} built with {result['documents']} documents ({analysis}); "
                    f"alias {elastic.alias_name()} points to it."
                )
            )
        if sync:
            sent, failed = flush_outbox()
            if failed:
                raise CommandError(f"{sent} updates sent, {failed} still pending: Elasticsearch refused or is down.")
            self.stdout.write(self.style.SUCCESS(f"{sent} pending updates sent."))
