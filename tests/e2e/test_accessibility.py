"""axe-core scan of every page type: no serious or critical WCAG 2.1 A/AA violations, and
nothing on the page refused by the Content-Security-Policy (a style or script the policy
blocks is a page that looks or works differently in production). The pages whose layout
changes on a phone are scanned at 390 px too, with their menus and filter panels closed and
open."""

import pytest

from .conftest import serious_accessibility_violations

PAGES = [
    "/",
    "/samenwerkingen/",
    "/samenwerkingen/bel-combinatie/",
    "/samenwerkingen/vergelijken/?s=bel-combinatie&s=bar-organisatie",
    "/samenwerkingen/vergelijken/?s=bel-combinatie&s=bestaat-niet",  # a bad choice: the 400 page with the chooser
    "/gemeenten/",
    "/gemeenten/ridderkerk/",
    "/documenten/",
    "/documenten/?collaboration=bar-organisatie&year=abc",
    "/documenten/verrekenen-in-de-bar-samenwerking/",
    "/lessen/",
    "/lessen/?kind=dont&phase=bestaat-niet",  # a filter value that does not validate: the error shown
    "/publicaties/",
    "/publicaties/ambtelijk-fuseren-groei/",
    "/nieuws/",
    "/nieuws/btw-plicht-gemeenten-bij-ambtelijke-fusie/",
    "/evenementen/",
    "/evenementen/dag-van-de-ambtelijke-fusie-2017/",
    "/evenementen/dag-van-de-ambtelijke-fusie/",  # with the registration form
    "/evenementen/intervisie-griffiers/",  # members only: a link to log in instead of the form
    "/fasen/",
    "/fasen/besluiten-en-inrichten/",  # questions, decisions, checklist, holdings and a timeline
    "/vragen/",
    "/vragen/?phase=besluiten-en-inrichten&theme=bestaat-niet",  # an unknown value: the form error
    "/vragen/hoe-verdeelde-bel-de-rollen-van-raden-colleges-algemeen-en-dagelijks-bestuur/",
    "/over/",
    "/toegankelijkheid/",
    "/zoeken/",
    "/zoeken/?q=principi%C3%ABle+keuze+taakgebieden",  # a hit found inside a file, with its page
    "/zoeken/?q=verrekenen&from=2010-01-01&to=2015-12-31",  # a date range
    "/zoeken/volgen/?q=verrekenen&theme=bedrijfsvoering",  # follow a search by e-mail
    "/zoeken/volgen/verstuurd/",
    "/zoeken/volgen/bevestigen/onbekend/",  # an unknown token: the clear page
    "/zoeken/?q=verrekenen&from=2024-13-45",  # a date that is not recognised: the notice
    "/zoeken/?q=verrekenen",
    "/zoeken/?q=verrekenen&collaboration=bar-organisatie&year=2013&sort=date",
    "/zoeken/?q=zzzqqqxx&collaboration=de-kompanjie",
    "/zoeken/?q=verekenmodel",
    "/bestaat-niet/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/discussies/",
    "/discussies/financien-en-verrekening/",
    "/discussies/sturing-en-de-raden/",
    "/groepen/",
    "/groepen/bel-combinatie/",  # to a visitor: what the group is, and a link to log in
]
# The form with errors, the check-your-e-mail page and the e-mailed confirm and cancel pages
# need a POST or a token: test_event_journey.py scans them along the way.
# Topic pages (their URLs hold a database id), allauth's sign-up errors and e-mail confirmation,
# and the pages only members and moderators see: test_community_pages_accessibility.py scans them.


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_accessibility_violations(page, axe_source, url):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert refused == []
    assert serious_accessibility_violations(page, axe_source) == []


PHONE = {"width": 390, "height": 844}
PHONE_PAGES = [
    "/",
    "/zoeken/?q=verrekenen",
    "/zoeken/?q=verrekenen&collaboration=bar-organisatie&year=2013&sort=date",
    "/documenten/",
    "/documenten/?collaboration=bar-organisatie&year=abc",
    "/discussies/",
    "/discussies/financien-en-verrekening/",
    "/account/login/",
]
# The pages only members and moderators see are scanned at 390 px by test_phones.py.


@pytest.mark.parametrize("url", PHONE_PAGES)
def test_no_serious_accessibility_violations_on_a_phone(browser, live_site, axe_source, url):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert serious_accessibility_violations(page, axe_source) == []
        disclosures = page.locator("header details.kp-menu > summary, details.kp-filter-panel > summary")
        assert disclosures.count() >= 1
        for summary in disclosures.all():
            summary.click()
        assert serious_accessibility_violations(page, axe_source) == []
        assert refused == []
    finally:
        context.close()
