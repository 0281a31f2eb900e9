"""Searching in a real browser: the header search box, facets, the back button, autocomplete
with the keyboard, and the page without JavaScript. The live site searches its database
(no Elasticsearch configured), the engine visitors get when Elasticsearch is down."""

import re
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import expect

from .conftest import serious_accessibility_violations

SETTLEMENT = "Verrekenen in de BAR-samenwerking"


def url_params(page):
    return sorted(parse_qsl(urlsplit(page.url).query))


def facet_box(page, facet_label, value_label):
    return page.get_by_role("group", name=facet_label).get_by_role(
        "checkbox", name=re.compile(rf"^{re.escape(value_label)} \(\d+\)$")
    )


def hit_titles(page):
    return page.locator(".kp-hits .kp-card__title a").all_inner_texts()


def test_search_from_the_header_refine_and_go_back(page):
    page.goto("/")
    header_search = page.get_by_role("banner").get_by_role("searchbox", name="Zoek in het kennisplatform")
    header_search.fill("verrekenen")
    header_search.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenen$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoek in het kennisplatform")
    expect(page.locator(".kp-count")).to_contain_text("voor “verrekenen”")
    unfiltered = page.locator(".kp-count").inner_text()

    # Filters apply as soon as a box is ticked; each one lands in the URL.
    bar = facet_box(page, "Samenwerking", "BAR-organisatie")
    expect(bar).not_to_be_checked()
    bar.check()
    expect(page).to_have_url(re.compile(r"collaboration=bar-organisatie"))
    facet_box(page, "Jaar", "2013").check()
    expect(page).to_have_url(re.compile(r"year=2013"))
    assert url_params(page) == [
        ("collaboration", "bar-organisatie"),
        ("q", "verrekenen"),
        ("sort", "relevance"),
        ("year", "2013"),
    ]
    expect(page.locator(".kp-hits .kp-card__title a").first).to_have_text(SETTLEMENT)
    expect(facet_box(page, "Samenwerking", "BAR-organisatie")).to_be_checked()
    expect(facet_box(page, "Jaar", "2013")).to_be_checked()
    expect(page.get_by_role("list", name="Actieve filters").get_by_role("link")).to_have_count(3)

    # Back: the year filter is gone from the URL, and from the boxes and results.
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"year="))
    assert ("collaboration", "bar-organisatie") in url_params(page)
    expect(facet_box(page, "Samenwerking", "BAR-organisatie")).to_be_checked()
    expect(facet_box(page, "Jaar", "2013")).not_to_be_checked()

    # Back again: no filters at all, whatever the boxes looked like when we left.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenen$"))
    expect(facet_box(page, "Samenwerking", "BAR-organisatie")).not_to_be_checked()
    expect(page.locator(".kp-count")).to_have_text(unfiltered)
    expect(page.get_by_role("list", name="Actieve filters")).to_have_count(0)

    # Forward returns to the filtered state; the chip removes just that filter.
    page.go_forward()
    expect(facet_box(page, "Samenwerking", "BAR-organisatie")).to_be_checked()
    page.get_by_role("link", name=re.compile(r"^Samenwerking: BAR-organisatie")).click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenen(&sort=relevance)?$"))
    expect(facet_box(page, "Samenwerking", "BAR-organisatie")).not_to_be_checked()


def test_autocomplete_with_the_keyboard(page, axe_source):
    page.goto("/zoeken/")
    box = page.get_by_role("combobox", name=re.compile("^Zoek in documenten"))
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("verre", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    options = listbox.get_by_role("option")
    expect(options.filter(has_text=SETTLEMENT)).to_have_count(1)
    assert serious_accessibility_violations(page, axe_source) == []

    # Arrow down highlights the first option; arrow up from there wraps to the last.
    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(box).to_be_focused()
    box.press("ArrowUp")
    expect(options.last).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")

    # Escape closes the list and keeps what was typed.
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("verre")

    # Type on; Enter on the highlighted option opens that page.
    box.press_sequentially("kenen", delay=40)
    expect(options.filter(has_text=SETTLEMENT)).to_have_count(1)
    index = options.all_inner_texts().index(SETTLEMENT)
    for _ in range(index + 1):
        box.press("ArrowDown")
    expect(options.nth(index)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/documenten/verrekenen-in-de-bar-samenwerking/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SETTLEMENT)

    # Back on the search page the list is closed again.
    page.go_back()
    expect(page.get_by_role("combobox", name=re.compile("^Zoek in documenten"))).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(page.get_by_role("listbox")).to_be_hidden()


def test_typing_on_after_choosing_an_option_searches_what_was_typed(page):
    """A highlight belongs to the list it was made in: new suggestions start unhighlighted, so
    Enter searches the typed words instead of opening a page nobody picked."""
    page.goto("/zoeken/")
    box = page.get_by_role("combobox", name=re.compile("^Zoek in documenten"))
    box.press_sequentially("verre", delay=40)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press_sequentially("kenm", delay=40)
    expect(options.first).to_contain_text(re.compile("verrekenmodel", re.IGNORECASE))
    expect(page.get_by_role("listbox").locator("[aria-selected=true]")).to_have_count(0)
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile("."))
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenm"))


def test_autocomplete_with_the_mouse(page):
    page.goto("/zoeken/")
    box = page.get_by_role("combobox", name=re.compile("^Zoek in documenten"))
    box.press_sequentially("verre", delay=40)
    option = page.get_by_role("listbox").get_by_role("option").filter(has_text=SETTLEMENT)
    expect(option).to_be_visible()
    option.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SETTLEMENT)


def test_the_search_page_works_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto("/zoeken/?q=verrekenen")
        apply = page.get_by_role("button", name="Filters toepassen")
        expect(apply).to_be_visible()
        facet_box(page, "Samenwerking", "BAR-organisatie").check()
        facet_box(page, "Jaar", "2013").check()
        apply.click()
        expect(page).to_have_url(re.compile(r"year=2013"))
        assert ("collaboration", "bar-organisatie") in url_params(page)
        assert hit_titles(page)[0] == SETTLEMENT
        expect(page.get_by_role("listbox")).to_have_count(0)
        # Back: the boxes show the filters of the URL, not the ticks made before leaving.
        page.go_back()
        expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenen$"))
        expect(facet_box(page, "Samenwerking", "BAR-organisatie")).not_to_be_checked()
        expect(facet_box(page, "Jaar", "2013")).not_to_be_checked()
    finally:
        context.close()
