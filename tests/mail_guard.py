"""The test suite's mail backend: Django's in-memory backend that refuses any e-mail not sent by
the outbox (core/outbox.py). A ``send_mail`` or ``EmailMessage.send`` anywhere else in the site
makes the test that reaches it fail, which is how "nothing else sends" stays true."""

from django.core.mail.backends.locmem import EmailBackend

from core import outbox


class MailSentOutsideTheOutbox(AssertionError):
    pass


class OutboxOnlyBackend(EmailBackend):
    def send_messages(self, messages):
        if not outbox.delivering.get():
            subjects = ", ".join(repr(m.subject) for m in messages)
            raise MailSentOutsideTheOutbox(f"E-mail sent outside core.outbox: {subjects}")
        return super().send_messages(messages)
