"""Send the registration e-mails the mail server did not accept earlier. Schedule it every
few minutes; each e-mail waits for its own next attempt, so running it often is harmless."""

from django.core.management.base import BaseCommand

from cms.events.mail import send_pending


class Command(BaseCommand):
    help = "Retry registration e-mails that could not be sent yet."

    def handle(self, *args, **options):
        sent, pending = send_pending()
        self.stdout.write(f"Sent {sent} e-mail(s); {pending} still waiting for a retry.")
