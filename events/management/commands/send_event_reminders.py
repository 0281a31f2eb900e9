"""E-mail a reminder to confirmed attendees shortly before an event. Safe to run often:
nobody gets the same reminder twice."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.retention import send_reminders


class Command(BaseCommand):
    help = "Send reminders for events starting within N days (each registration once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EVENT_REMINDER_DAYS,
            help="How many days ahead (default: EVENT_REMINDER_DAYS=%(default)s).",
        )

    def handle(self, *args, days, **options):
        count = send_reminders(days=days)
        self.stdout.write(f"Queued {count} reminder(s) for events starting within {days} day(s).")
