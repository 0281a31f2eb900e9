"""An organiser's journey (issue #16), at 1280 and 390 px: from the event in the admin to the
registrations list, whose download buttons are in sight (not behind a menu), to a CSV with one
column per extra question, named after the event and its date.

The organiser and two registrations are made on the server (``manage.py shell``); screenshots
are kept in ``$E2E_ARTIFACTS`` (default: <tmp>/kennisplatform-e2e), under organiser/.
"""

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, artifact_folder, run_on_site

EVENT_SLUG = "dag-van-de-ambtelijke-fusie"

PREPARE = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from events import registration
from events.models import EventPage
event = EventPage.objects.get(slug=EVENT_SLUG)
labels = [question.label for question in event.questions.order_by("sort_order")]
choice = next(q for q in event.questions.all() if q.choices).choices.splitlines()[0].strip()
for name in ("Anna de Vries", "Bert Bos"):
    username = name.split()[0].lower() + SUFFIX
    member = get_user_model().objects.create_user(username, username + "@voorbeeld.nl", None)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    registration.register_member(event, member, name=name + " " + SUFFIX,
                                 answers={q.label: choice for q in event.questions.all() if q.choices})
organiser = get_user_model().objects.create_superuser(
    "organisator" + SUFFIX, "organisator" + SUFFIX + "@voorbeeld.nl", None
)
EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
print(json.dumps({"session": session_for(organiser), "event": event.pk, "labels": labels,
                  "date": event.start.date().isoformat()}))
"""


def prepare(site_workdir, mail_dir, suffix):
    code = f"EVENT_SLUG, SUFFIX = {EVENT_SLUG!r}, {suffix!r}\n" + PREPARE
    return json.loads(run_on_site(site_workdir, mail_dir, code))


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_an_organiser_downloads_the_registrations_with_a_column_per_question(
    browser, live_site, site_workdir, mail_dir, screen
):
    artifacts = artifact_folder("organiser")
    suffix = uuid.uuid4().hex[:6]
    site = prepare(site_workdir, mail_dir, suffix)
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS[screen], accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": site["session"], "url": live_site}])
    page = context.new_page()
    try:
        page.goto(f"/admin/aanmeldingen/?event={site['event']}")
        expect(page.get_by_text(f"Anna de Vries {suffix}")).to_be_visible()
        download_csv = page.get_by_role("link", name="CSV downloaden")
        expect(download_csv).to_be_visible()  # in the list's header, not behind a menu
        expect(page.get_by_role("link", name="XLSX downloaden")).to_be_visible()
        page.screenshot(path=artifacts / f"{screen}-registrations.png", full_page=True)

        with page.expect_download() as download:
            download_csv.click()
        assert download.value.suggested_filename == f"aanmeldingen-{EVENT_SLUG}-{site['date']}.csv"
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        heading = rows[0]
        for label in site["labels"]:
            assert label in heading, f"no column for the question {label!r}: {heading}"
        ours = [row for row in rows[1:] if any(suffix in cell for cell in row)]
        assert len(ours) == 2
    finally:
        context.close()
