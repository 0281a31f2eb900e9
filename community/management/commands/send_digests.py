"""Queue the daily or weekly discussion digests; ``send_pending_mail`` sends them, throttled.

Safe to run more often than its frequency: a member gets at most one digest per day or week
(``community.digests.SLACK``), so the weekly job may run daily (each member's week then starts
on the day of their first digest) or once a week.
"""

from django.core.management.base import BaseCommand

from community.digests import send_digests


class Command(BaseCommand):
    help = "Queue the daily or weekly digest of new discussion posts for the members who chose it."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args, frequency, **options):
        members, queued = send_digests(frequency)
        self.stdout.write(f"{frequency} digests: {members} members looked at, {queued} e-mails queued.")
