"""Queue the search alert mails of one frequency (cron: daily, and weekly on Monday), and delete
subscriptions nobody confirmed in time. Safe to run again: an alert reports an item once."""

from django.core.management.base import BaseCommand

from search.alert_run import run
from search.models_alerts import SearchAlert


class Command(BaseCommand):
    help = "Queue e-mails listing what is new for every due search alert of the given frequency."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=SearchAlert.Frequency.values)

    def handle(self, *args, frequency, **options):
        stats = run(frequency)
        self.stdout.write(
            f"{stats.alerts_due} {frequency} alert(s) due, {stats.new_items} new item(s), "
            f"{stats.mails} mail(s) queued, {stats.expired} unconfirmed subscription(s) expired "
            f"({stats.engine or 'no search needed'}, {stats.seconds:.1f} s)."
        )
