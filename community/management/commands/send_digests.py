"""Queue the daily or weekly discussion digests (cron: daily at 06:00, weekly on Monday 06:15);
``send_pending_mail`` sends them, throttled."""

from django.core.management.base import BaseCommand

from community.digests import send_digests


class Command(BaseCommand):
    help = "Queue the daily or weekly digest of new discussion posts for the members who chose it."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args, frequency, **options):
        members, queued = send_digests(frequency)
        self.stdout.write(f"{frequency} digests: {members} members looked at, {queued} e-mails queued.")
