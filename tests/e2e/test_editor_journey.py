"""An editor's journey (issue #16), at 1280 and 390 px: from the admin's page tree to a new news
item, published, and read on the site in the news overview.

The editor is made on the server (``manage.py shell``); screenshots are kept in
``$E2E_ARTIFACTS`` (default: <tmp>/kennisplatform-e2e), under editor/.
"""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, artifact_folder, run_on_site

PREPARE = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from cms.models import NewsIndexPage
editor = get_user_model().objects.create_superuser("redacteur" + SUFFIX, "redacteur" + SUFFIX + "@voorbeeld.nl", None)
EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
news = NewsIndexPage.objects.live().get()
print(json.dumps({"session": session_for(editor), "news": news.pk, "news_url": news.url}))
"""


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_an_editor_publishes_a_news_item_and_reads_it_on_the_site(browser, live_site, site_workdir, mail_dir, screen):
    artifacts = artifact_folder("editor")
    suffix = uuid.uuid4().hex[:6]
    site = json.loads(run_on_site(site_workdir, mail_dir, f"SUFFIX = {suffix!r}\n" + PREPARE))
    title = f"Werkbezoek aan de BAR-organisatie {suffix}"
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS[screen])
    context.add_cookies([{"name": "sessionid", "value": site["session"], "url": live_site}])
    page = context.new_page()
    try:
        page.goto(f"/admin/pages/{site['news']}/")
        page.screenshot(path=artifacts / f"{screen}-explorer.png", full_page=True)
        page.goto(f"/admin/pages/add/cms/newspage/{site['news']}/")
        page.get_by_label(re.compile("^Titel")).fill(title)
        page.locator("#id_date").fill("2026-11-26")
        page.locator("#id_date").press("Escape")  # closes the date picker
        page.get_by_label(re.compile("^Samenvatting")).fill(
            "Een korte samenvatting voor overzichten, feeds en zoekresultaten."
        )
        page.screenshot(path=artifacts / f"{screen}-new-news-item.png", full_page=True)

        page.locator("footer").get_by_role("button", name=re.compile("Meer acties")).click()
        page.get_by_role("button", name=re.compile("^Publiceren")).click()
        expect(page.get_by_role("status")).to_contain_text(f"'{title}' aangemaakt en gepubliceerd")
        page.screenshot(path=artifacts / f"{screen}-published.png", full_page=True)

        page.goto(site["news_url"])
        item = page.get_by_role("link", name=title)
        expect(item).to_be_visible()
        item.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        page.screenshot(path=artifacts / f"{screen}-on-the-site.png", full_page=True)
    finally:
        context.close()
