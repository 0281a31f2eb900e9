"""The e-mail backend Django, Wagtail and allauth send through: it records, it does not send.

Mail that other code hands to Django's mail API (Wagtail's workflow notifications, password
resets, error reports) lands in the outbox like the site's own mail, in the caller's
transaction, and is delivered by ``core.outbox.deliver`` through ``EMAIL_DELIVERY_BACKEND``
(SMTP in production, the console locally). So no mail leaves the site past the outbox's
retries, and no request waits for a mail server.
"""

from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from . import outbox  # the outbox imports the mail API; import it only when sending

        return sum(outbox.queue_message(email, purpose="django") for email in email_messages)
