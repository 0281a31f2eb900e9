"""Remove personal data of event registrations after the retention period. Safe to run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.retention import purge_personal_data


class Command(BaseCommand):
    help = "Remove personal data of registrations for events that ended more than N months ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.REGISTRATION_RETENTION_MONTHS,
            help="Retention in months after the event (default: REGISTRATION_RETENTION_MONTHS=%(default)s).",
        )

    def handle(self, *args, months, **options):
        if months < 0:
            self.stderr.write("--months cannot be negative.")
            return
        count = purge_personal_data(months=months)
        self.stdout.write(
            f"Removed personal data from {count} registration(s) of events that ended over {months} month(s) ago."
        )
