"""Delete logged search queries older than the retention period. Safe to run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.analytics import purge_old_searches


class Command(BaseCommand):
    help = "Delete search queries logged more than N days ago (the editors' search analytics)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SEARCH_LOG_RETENTION_DAYS,
            help="Retention in days (default: SEARCH_LOG_RETENTION_DAYS=%(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        count = purge_old_searches(days=days)
        self.stdout.write(f"Deleted {count} search quer{'y' if count == 1 else 'ies'} logged over {days} day(s) ago.")
