"""Following a search in a real browser: a visitor follows a search, confirms from the e-mail the
server wrote, an editor publishes a matching document, the alert run mails it, and the link in
that mail stops the alert. The live site searches its database (no Elasticsearch)."""

import re
import time
import uuid

from playwright.sync_api import expect

from .community import body_of, link_in, sent_messages
from .conftest import run_on_site, serious_accessibility_violations

CONFIRM_LINK = re.compile(r"https?://\S+?/zoeken/volgen/bevestigen/[\w-]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+?/zoeken/volgen/afmelden/[\w-]+/")
WORD = "kroosbestrijding"
TITLE = "Kroosbestrijding in de gezamenlijke buitendienst"

PUBLISH = f"""
from cms.models import DocumentLibraryPage, DocumentType, KnowledgeDocumentPage, LibraryFile
page = KnowledgeDocumentPage(title={TITLE!r}, date="2026-01-05", summary="Hoe de buitendienst kroos bestrijdt.",
    file=LibraryFile.objects.first(), document_type=DocumentType.objects.first(), live=False)
DocumentLibraryPage.objects.first().add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""
# The daily run, as cron starts it a day later (the alert was confirmed just now), then the
# sending of bulk mail (manage.py send_pending_mail).
RUN_A_DAY_LATER = """
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
from search.alert_run import run
stats = run("daily", now=timezone.now() + timedelta(days=1))
call_command("send_pending_mail")
print(stats.mails)
"""


def wait_for_messages(mail_dir, to, count, timeout=15):
    deadline = time.monotonic() + timeout
    while len(messages := sent_messages(mail_dir, to)) < count:
        assert time.monotonic() < deadline, f"{len(messages)} e-mail(s) to {to}, expected {count}"
        time.sleep(0.2)
    return messages


def test_follow_a_search_confirm_and_receive_the_new_document(page, live_site, mail_dir, site_workdir, axe_source):
    email = f"e2e-alert-{uuid.uuid4().hex[:10]}@example.nl"
    page.goto(f"/zoeken/?q={WORD}")
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    expect(feed).to_have_attribute("href", f"/zoeken/atom/?q={WORD}")

    follow = page.locator(".kp-follow")
    follow.locator("#follow-email").fill(email)
    follow.locator('input[name="frequency"][value="daily"]').check()
    follow.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/zoeken/volgen/verstuurd/$"))
    assert serious_accessibility_violations(page, axe_source) == []

    # The confirmation mail: its link shows a button; the button confirms.
    [confirmation] = wait_for_messages(mail_dir, email, 1)
    page.goto(link_in(body_of(confirmation), CONFIRM_LINK))
    assert serious_accessibility_violations(page, axe_source) == []
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main [role=status]")).to_be_visible()

    # An editor publishes a document that the search finds; the next daily run mails it.
    run_on_site(site_workdir, mail_dir, PUBLISH)
    assert run_on_site(site_workdir, mail_dir, RUN_A_DAY_LATER) == "1"
    alert_mail = wait_for_messages(mail_dir, email, 2)[1]
    text = body_of(alert_mail)
    assert TITLE in text
    assert alert_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The feed of the same search has it too.
    atom = page.request.get(f"/zoeken/atom/?q={WORD}")
    assert atom.ok and TITLE in atom.text()

    # The link in the mail stops the alert (after a button: link scanners only GET).
    page.goto(link_in(text, UNSUBSCRIBE_LINK))
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    assert run_on_site(site_workdir, mail_dir, RUN_A_DAY_LATER) == "0"
