"""The mail outbox: a refused recipient does not stop the others and is retried; a mail server
that stalls cannot hold a worker (EMAIL_TIMEOUT); nothing is lost."""

import signal
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from community import posting
from community.models import Category, CategoryAccess, TopicSubscription
from community.tasks import notify_about_post
from core import outbox
from core.models import OutgoingMail
from tests.factories import MemberFactory

from .mailservers import SMTPServer, StallingSMTPServer, use_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server(settings):
    server = SMTPServer(refuse="weigeren")
    use_smtp(settings, server)
    yield server
    server.close()


def test_email_timeout_comes_from_the_environment_with_a_safe_default():
    assert django_settings.EMAIL_TIMEOUT == 10


def test_a_refused_subscriber_does_not_stop_the_others(mail_server):
    public_category = Category.objects.create(
        name="Verrekening (test)", slug="test-verrekening", access=CategoryAccess.PUBLIC
    )
    author = MemberFactory(username="auteur")
    topic = posting.start_topic(author, public_category, "Verrekenmodel", "Hoe verrekenen jullie de kosten?")
    followers = [MemberFactory(username=name) for name in ("ineke", "weigeren", "joost")]
    for follower in followers:
        TopicSubscription.objects.get_or_create(topic=topic, user=follower)
    post = posting.reply(author, topic, "Per product, naar rato van het gebruik.")

    notify_about_post.enqueue(post.pk)  # immediate backend: queues, then sends each after commit
    rows = OutgoingMail.objects.filter(purpose="community.new_post")
    assert sorted(rows.values_list("to", flat=True)) == sorted(f.email for f in followers)
    sent, pending = outbox.send_due()

    delivered = sorted(address for recipients, _ in mail_server.delivered for address in recipients)
    assert delivered == ["ineke@voorbeeld.nl", "joost@voorbeeld.nl"] and (sent, pending) == (2, 1)
    refused = OutgoingMail.objects.get()
    assert refused.to == "weigeren@voorbeeld.nl" and "550" in refused.last_error
    assert refused.attempts == 1 and refused.next_attempt_at > timezone.now()

    mail_server.refuse = "niemand"  # the address works again: the retry delivers it
    assert outbox.send_due(now=refused.next_attempt_at) == (1, 0)
    assert not OutgoingMail.objects.exists()


def test_a_stalling_mail_server_cannot_hold_a_worker(settings):
    server = StallingSMTPServer()
    use_smtp(settings, server, timeout=1)
    mail = outbox.queue(purpose="test", to="ineke@voorbeeld.nl", subject="Onderwerp", body="Tekst")

    def hung(signum, frame):
        raise AssertionError("deliver() hung on a stalling mail server")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)  # without a timeout the send would wait for ever
    started = time.monotonic()
    try:
        assert outbox.deliver(mail.pk) is False
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        server.close()
    assert time.monotonic() - started < 15
    mail.refresh_from_db()
    assert mail.attempts == 1 and "timed out" in mail.last_error.lower()


def test_the_retry_command_sends_the_outbox_too(mail_server):
    outbox.queue(purpose="test", to="ineke@voorbeeld.nl", subject="Onderwerp", body="Tekst")
    output = __import__("io").StringIO()
    call_command("send_pending_mail", stdout=output)
    assert "Sent 1 e-mail(s); 0 still waiting" in output.getvalue()
    assert mail_server.delivered[0][0] == ["ineke@voorbeeld.nl"]
