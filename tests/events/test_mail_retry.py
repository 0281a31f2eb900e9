"""A mail server that refuses: the registration is recorded, the e-mail waits and is retried.

The refusing server is real: a socket on 127.0.0.1 that answers every SMTP connection with
"554 no service", which Django's SMTP backend meets exactly as it would meet a broken relay.
"""

import socket
import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import OutgoingMail
from core.outbox import RETRY_PAUSES, send_due
from events import registration as service
from events.models import EventRegistration, RegistrationStatus


class RefusingMailServer:
    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.sendall(b"554 5.3.2 Service unavailable, try again later\r\n")

    def close(self):
        self.socket.close()


@pytest.fixture
def refusing_mail_server(settings):
    server = RefusingMailServer()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    yield server
    server.close()


def mail_server_is_back(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def test_a_refused_mail_keeps_the_registration_and_is_sent_when_the_server_is_back(
    event,
    member,
    sending,
    refusing_mail_server,
    settings,
):
    with sending():
        outcome = service.register_member(event, member, name="Anna de Vries", answers={"Functie": "griffier"})
    assert EventRegistration.objects.get(pk=outcome.registration.pk).status == RegistrationStatus.CONFIRMED
    assert refusing_mail_server.connections == 1
    pending = OutgoingMail.objects.get(to="anna@ridderkerk.nl", purpose="events.seat_confirmed")
    assert pending.attempts == 1 and "554" in pending.last_error
    assert pending.next_attempt_at > timezone.now()

    mail_server_is_back(settings)
    assert send_due() == (0, 1)  # not due yet: the pause is respected
    assert send_due(now=timezone.now() + RETRY_PAUSES[0]) == (1, 0)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@ridderkerk.nl"]
    assert not OutgoingMail.objects.exists()


def test_the_registration_page_still_thanks_a_guest_when_mail_fails(event, client, sending, refusing_mail_server):
    question = event.questions.get()
    with sending():
        response = client.post(
            f"{event.url}aanmelden/",
            {
                "name": "Gijs Gast",
                "email": "gijs@laren.nl",
                "organisation": "Gemeente Laren",
                f"question_{question.pk}": "griffier",
            },
            follow=True,
        )
    assert response.status_code == 200 and refusing_mail_server.connections == 1
    registration = EventRegistration.objects.get(email="gijs@laren.nl")
    assert OutgoingMail.objects.get(to=registration.email).attempts == 1


def test_retries_slow_down_and_end_after_about_a_day(event, member, sending, refusing_mail_server):
    with sending():
        service.register_member(event, member, name="Anna de Vries", answers={"Functie": "griffier"})
    moment = timezone.now()
    for pause in RETRY_PAUSES:
        moment += pause
        assert send_due(now=moment) == (0, 1 if pause != RETRY_PAUSES[-1] else 0)
    pending = OutgoingMail.objects.get()
    assert pending.attempts == len(RETRY_PAUSES) + 1 and pending.next_attempt_at is None
    assert sum(RETRY_PAUSES, timedelta()) < timedelta(days=1, hours=1)


def test_the_command_reports_what_it_did(event, member, sending, refusing_mail_server, settings):
    with sending():
        service.register_member(event, member, name="Anna de Vries", answers={"Functie": "griffier"})
    output = StringIO()
    call_command("send_pending_mail", stdout=output)
    assert "Sent 0 e-mail(s); 1 still waiting" in output.getvalue()
