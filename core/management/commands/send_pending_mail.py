"""Send what is waiting in the mail outbox: bulk mail (alerts, digests), throttled by
EMAIL_BULK_PER_MINUTE, and every e-mail the mail server did not accept earlier. Schedule it
every few minutes; each e-mail waits for its own next attempt, so running it often is harmless."""

from django.core.management.base import BaseCommand

from core.outbox import send_due


class Command(BaseCommand):
    help = "Send the e-mail that is due: bulk mail and retries."

    def handle(self, *args, **options):
        sent, pending = send_due()
        self.stdout.write(f"Sent {sent} e-mail(s); {pending} still waiting for a retry.")
