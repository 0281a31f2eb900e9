"""One outbox for all mail (issue 14): nothing in the site sends past it, mail from Django,
Wagtail and allauth lands in it, a row is claimed without a lock, subscriptions withdraw what
they queued, bulk mail is throttled and one-click unsubscribable, and administrators see and
resend what was given up on."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone

from community import privacy
from core import outbox
from core.models import OutgoingMail
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = ("cms", "community", "core", "events", "search", "kennisplatform")
SENDING_NAMES = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
}
ALLOWED = {"core/outbox.py"}  # the one place that talks to the mail server


def sending_imports(path):
    """The names of Django's mail API a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.core.mail"):
            found |= {alias.name for alias in node.names} & SENDING_NAMES
        elif isinstance(node, ast.Attribute) and node.attr in SENDING_NAMES and ast.unparse(node).startswith("mail."):
            found.add(node.attr)
    return found


def test_nothing_in_the_site_sends_mail_but_the_outbox():
    offenders = {}
    for package in FIRST_PARTY:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in ALLOWED:
                continue
            names = sending_imports(path)
            if names:
                offenders[relative] = sorted(names)
    assert offenders == {}


def test_mail_sent_outside_the_outbox_fails_the_test_suite():
    from tests.mail_guard import MailSentOutsideTheOutbox

    connection = mail.get_connection("tests.mail_guard.OutboxOnlyBackend")
    with pytest.raises(MailSentOutsideTheOutbox):
        mail.EmailMessage("Onderwerp", "Tekst", to=["ineke@voorbeeld.nl"], connection=connection).send()


def test_django_s_own_send_mail_lands_in_the_outbox_and_leaves_after_the_commit(sending):
    with sending():
        send_mail("Werkstroom", "Een pagina wacht op goedkeuring.", None, ["redactie@voorbeeld.nl"])
        row = OutgoingMail.objects.get()
        assert (row.to, row.purpose, row.subject) == ("redactie@voorbeeld.nl", "django", "Werkstroom")
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.to for m in mail.outbox] == [["redactie@voorbeeld.nl"]]
    assert not OutgoingMail.objects.exists()


def test_a_templated_bulk_mail_carries_one_click_unsubscribe_and_waits_for_the_run():
    row = outbox.queue_mail(
        "events/email/reminder",
        "ineke@voorbeeld.nl",
        {"registration": None, "event": None},
        purpose="test.bulk",
        unsubscribe_url="https://kennis.example/afmelden/abc/",
        subscription="alert:1",
        bulk=True,
    )
    assert row.headers == {
        "List-Unsubscribe": "<https://kennis.example/afmelden/abc/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert outbox.send_due() == (1, 0)
    (sent,) = mail.outbox
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_attachment_and_an_html_part_survive_the_outbox():
    outbox.queue(
        purpose="test",
        to="ineke@voorbeeld.nl",
        subject="Uitnodiging",
        body="Tekst",
        html_body="<p>Tekst</p>",
        attachments=[("uitnodiging.ics", "BEGIN:VCALENDAR", "text/calendar"), ("data.bin", b"\x00\x01", "x/y")],
    )
    outbox.send_due()
    (sent,) = mail.outbox
    assert sent.alternatives[0][1] == "text/html"
    assert [(a[0], a[1]) for a in sent.attachments] == [
        ("uitnodiging.ics", "BEGIN:VCALENDAR"),
        ("data.bin", b"\x00\x01"),
    ]


def test_unsubscribing_withdraws_a_batch_that_was_already_queued():
    for address in ("a@voorbeeld.nl", "b@voorbeeld.nl"):
        outbox.queue(purpose="alert", to=address, subject="Nieuw", body="-", subscription="alert:7", bulk=True)
    outbox.queue(purpose="alert", to="c@voorbeeld.nl", subject="Nieuw", body="-", subscription="alert:8", bulk=True)
    assert outbox.withdraw("alert:7") == 2
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [["c@voorbeeld.nl"]]


def test_a_claimed_mail_is_not_sent_twice_and_no_lock_is_held_meanwhile():
    row = outbox.queue(purpose="test", to="ineke@voorbeeld.nl", subject="Een", body="-", bulk=True)
    claimed = outbox.claim(row.pk)
    assert claimed is not None and claimed.claimed_until > timezone.now()
    assert outbox.claim(row.pk) is None  # a second worker skips it
    assert outbox.deliver(row.pk) is False and mail.outbox == []
    # The row is not locked: others can read and update it while the first worker talks SMTP.
    assert OutgoingMail.objects.filter(pk=row.pk).update(subject="Een") == 1
    # A worker that died mid-send: the lease runs out and the mail goes after all.
    later = claimed.claimed_until + timedelta(seconds=1)
    assert outbox.deliver(row.pk, now=later) is True and len(mail.outbox) == 1


def test_bulk_mail_is_throttled_by_a_setting(settings):
    settings.EMAIL_BULK_PER_MINUTE = 120
    for number in range(3):
        outbox.queue(purpose="digest", to=f"lid{number}@voorbeeld.nl", subject="Overzicht", body="-", bulk=True)
    outbox.queue(purpose="account", to="nieuw@voorbeeld.nl", subject="Bevestig", body="-")
    pauses = []
    assert outbox.send_due(sleep=pauses.append) == (4, 0)
    assert pauses == [0.5, 0.5, 0.5]  # only bulk mail waits, 120 a minute
    assert mail.outbox[0].to == ["nieuw@voorbeeld.nl"]  # personal mail goes first


def test_a_deleted_account_gets_nothing_more():
    member = MemberFactory(email="weg@voorbeeld.nl")
    outbox.queue(purpose="digest", to="WEG@voorbeeld.nl", subject="Overzicht", body="-", bulk=True)
    outbox.queue(purpose="digest", to="blijft@voorbeeld.nl", subject="Overzicht", body="-", bulk=True)
    privacy.delete_account(member)
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [["blijft@voorbeeld.nl"]]


def given_up_mail():
    row = outbox.queue(purpose="community.new_post", to="ineke@voorbeeld.nl", subject="Nieuw bericht", body="-")
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=None, attempts=8, last_error="SMTPRecipientsRefused")
    return row


def test_administrators_see_given_up_mail_and_send_it_again(editor_client):
    row = given_up_mail()
    page = editor_client.get("/admin/onverzonden-mail/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ineke@voorbeeld.nl" in html and "SMTPRecipientsRefused" in html and f'value="{row.pk}"' in html
    assert editor_client.post("/admin/onverzonden-mail/", {"mail": str(row.pk)}).status_code == 302
    row.refresh_from_db()
    assert row.next_attempt_at is not None and row.attempts == 0
    assert outbox.send_due() == (1, 0) and mail.outbox[0].subject == "Nieuw bericht"


def test_send_again_ignores_garbage_and_others_are_refused(editor_client, client):
    row = given_up_mail()
    assert editor_client.post("/admin/onverzonden-mail/", {"mail": "x'; drop"}).status_code == 302
    assert editor_client.post("/admin/onverzonden-mail/", {"all": "given-up"}).status_code == 302
    row.refresh_from_db()
    assert row.next_attempt_at is not None
    member = MemberFactory()
    client.force_login(member)
    assert client.get("/admin/onverzonden-mail/").status_code in (302, 403)
