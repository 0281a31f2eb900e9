"""Visitor journeys in a real browser."""

import re

from playwright.sync_api import expect


def test_home_to_collaboration_to_document_download(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisplatform Ambtelijke Fusie")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Samenwerkingen").click()
    expect(page).to_have_url(re.compile(r"/samenwerkingen/$"))
    page.get_by_role("link", name="BEL Combinatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("BEL Combinatie")
    expect(page.get_by_text("Besparingen te vroeg inboeken")).to_be_visible()

    page.get_by_role("link", name="Gemeenschappelijke regeling BEL Combinatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeenschappelijke regeling BEL Combinatie")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_skip_link_is_first_and_moves_focus_to_the_content(page):
    page.goto("/documenten/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_library_filters_work_with_the_keyboard(page):
    page.goto("/documenten/")
    page.get_by_label("Samenwerking").select_option(label="BAR-organisatie")
    page.get_by_label("Jaar").fill("2013")
    page.get_by_label("Jaar").press("Enter")
    expect(page).to_have_url(re.compile(r"collaboration=bar-organisatie"))
    expect(page.get_by_role("link", name="Verrekenen in de BAR-samenwerking")).to_be_visible()
    expect(page.get_by_role("link", name="Rekenkamerrapport haalBARe kaart")).to_have_count(0)


def test_pages_fit_a_phone_screen(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for url in ["/", "/samenwerkingen/bel-combinatie/", "/documenten/"]:
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"
    finally:
        context.close()
