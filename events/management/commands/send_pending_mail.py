"""Send the e-mails the mail server did not accept earlier: registration e-mails and every
other e-mail in the outbox (discussion notifications). Schedule it every few minutes; each
e-mail waits for its own next attempt, so running it often is harmless."""

from django.core.management.base import BaseCommand

from core.outbox import send_due
from events.mail import send_pending


class Command(BaseCommand):
    help = "Retry e-mails that could not be sent yet."

    def handle(self, *args, **options):
        registration_sent, registration_pending = send_pending()
        other_sent, other_pending = send_due()
        self.stdout.write(
            f"Sent {registration_sent + other_sent} e-mail(s); "
            f"{registration_pending + other_pending} still waiting for a retry."
        )
