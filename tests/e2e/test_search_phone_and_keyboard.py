"""Searching on a phone and with the keyboard alone (issue #16), in a real browser.

At 1280 and at 390 px: the first result is in the first screen; on the phone the filters wait
behind the "Filteren" button, which says how many are on; ticking a filter applies it without
reloading the page, keeps the focus on that box and the panel open, and changes the text of
the result count (a live region, so it is read out); the sort select does nothing while the
arrow keys move through its options and applies on Enter, with the focus staying on it.
At 1280, keyboard only: Tab to the search box, type, Enter, Tab to a filter, Space to tick it,
the focus stays where it was and moves on from there, and Tab gets all the way to the footer
(no keyboard trap). Every step is kept as a screenshot and scanned with axe.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, Walk, artifact_folder
from .test_search_journey import facet_box

MARK_PAGE = "window.kpSamePage = true; document.getElementById('resultaten').dataset.kept = 'yes'"


@pytest.fixture(scope="module")
def artifacts():
    return artifact_folder("search")


def same_page(page):
    """True while no navigation has replaced the page marked with MARK_PAGE."""
    return page.evaluate("window.kpSamePage === true")


def focused(page):
    return page.evaluate("""() => {
        const e = document.activeElement;
        return e ? [e.tagName.toLowerCase(), e.id, e.getAttribute('name'), e.getAttribute('value'),
                    e.textContent.trim().slice(0, 40)] : null;
    }""")


def hit_dates(page):
    return page.locator(".kp-hits .kp-card__meta time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_filter_and_sort_keep_the_visitors_place(browser, live_site, axe_source, artifacts, screen):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS[screen])
    page = context.new_page()
    walk = Walk(page, artifacts, screen, axe_source)
    search_requests = []
    page.on("request", lambda r: search_requests.append(r.url) if "/zoeken/?" in r.url else None)
    try:
        page.goto("/zoeken/?q=verrekenen")
        first_hit = page.locator(".kp-hits .kp-card").first
        top = first_hit.bounding_box()["y"]
        assert top < VIEWPORTS[screen]["height"] - 150, f"the first result starts {top:.0f}px down"
        panel, toggle = page.locator("#filters"), page.locator("#filters > summary")
        bar = facet_box(page, "Samenwerking", "BAR-organisatie")
        count, active = page.locator("#resultaten"), page.locator("#filters-active")
        expect(count).to_have_attribute("role", "status")
        expect(active).to_have_text("")
        if screen == "phone":
            expect(toggle).to_be_visible()  # results first: the filters wait behind one button
            expect(bar).to_be_hidden()
        else:
            expect(toggle).to_be_hidden()  # the sidebar is always open
            expect(bar).to_be_visible()
        walk.step("1-results-first")
        page.evaluate(MARK_PAGE)

        # Sorting by keyboard: moving through the options applies nothing; Enter applies.
        sort = page.get_by_label("Sorteer op")
        sort.focus()
        requests_before = len(search_requests)
        page.keyboard.press("ArrowDown")
        expect(sort).to_have_value("date")
        page.wait_for_timeout(400)
        assert len(search_requests) == requests_before and "sort=date" not in page.url
        apply = page.locator(".kp-sort__apply")
        expect(apply).to_be_visible()  # the way to apply it, right after the select
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(300)
        assert len(search_requests) == requests_before
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"sort=date"))
        expect(sort).to_be_focused()
        expect(apply).to_be_hidden()
        dates = hit_dates(page)
        assert len(dates) > 2 and dates == sorted(dates, reverse=True)
        assert same_page(page)
        walk.step("2-sorted")

        # Ticking a filter: applied in place, the focus on the box, the count read out.
        if screen == "phone":
            toggle.focus()
            page.keyboard.press("Enter")
            expect(panel).to_have_attribute("open", "")
            expect(bar).to_be_visible()
            walk.step("3-filters")
        before = count.inner_text()
        bar.check()
        expect(page).to_have_url(re.compile(r"collaboration=bar-organisatie"))
        expect(count).not_to_have_text(before)
        expect(bar).to_be_checked()
        expect(bar).to_be_focused()
        expect(count).to_have_attribute("data-kept", "yes")  # the same live region, new text
        expect(active).to_have_text(re.compile(r"^\s*\(1\b"))
        expect(sort).to_have_value("date")  # the sort order stays
        assert same_page(page)
        total = re.search(r"\d+", count.inner_text()).group(0)
        if screen == "phone":
            expect(panel).to_have_attribute("open", "")  # still where the visitor was
            show = page.locator("#search-show-results")
            expect(show).to_be_visible()
            expect(show).to_contain_text(total)
            walk.step("4-filtered")
            show.click()
            expect(panel).not_to_have_attribute("open", "")
            expect(count).to_be_focused()
            expect(count).to_be_in_viewport()
        walk.step("5-results")

        # Back, twice: the states before, swapped in place again.
        page.go_back()
        expect(page).not_to_have_url(re.compile(r"collaboration="))
        expect(page.locator("#search-facets input[name=collaboration][value=bar-organisatie]")).not_to_be_checked()
        expect(active).to_have_text("")
        page.go_back()
        expect(page).not_to_have_url(re.compile(r"sort=date"))
        expect(sort).to_have_value("relevance")
        assert same_page(page)
        assert walk.problems() == {}
    finally:
        context.close()


def tab_until(page, test, limit=60, back=False):
    """Press Tab (or Shift+Tab) until ``test(focused)`` holds; the elements passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if test(now):
            return passed
        passed.append(now)
    raise AssertionError(f"Tab never got there; it passed {passed[-10:]}")


def test_the_search_page_with_the_keyboard_alone(browser, live_site, axe_source, artifacts):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    walk = Walk(page, artifacts, "keyboard", axe_source)
    try:
        page.goto("/zoeken/")
        tab_until(page, lambda f: f[1] == "search-q")
        page.keyboard.type("verrekenen", delay=20)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/zoeken/\?q=verrekenen(&sort=relevance)?$"))
        walk.step("1-results")

        # From the box: the search button, then straight to the first filter.
        tab_until(page, lambda f: f[1] == "search-q")
        page.keyboard.press("Tab")
        expect(page.locator("#search-form").get_by_role("button", name="Zoeken")).to_be_focused()
        page.keyboard.press("Tab")
        assert focused(page)[0] == "input" and page.locator("#search-facets input:focus").count() == 1
        tab_until(page, lambda f: f[2:4] == ["collaboration", "bar-organisatie"])
        page.evaluate(MARK_PAGE)
        page.keyboard.press("Space")
        bar = facet_box(page, "Samenwerking", "BAR-organisatie")
        expect(page).to_have_url(re.compile(r"collaboration=bar-organisatie"))
        expect(bar).to_be_checked()
        expect(bar).to_be_focused()
        assert same_page(page)
        walk.step("2-ticked")

        # The focus moves on from the box, not from the top of the page.
        page.keyboard.press("Tab")
        after = focused(page)
        # The next filter box: another collaboration, or the first of the facet after it.
        assert after[0] == "input" and page.locator("#search-facets input:focus").count() == 1, after
        page.keyboard.press("Shift+Tab")
        expect(bar).to_be_focused()

        # No trap: Tab gets through the filters, the results and the paging to the footer.
        passed = tab_until(page, lambda f: f[0] == "a" and f[4] == "Sitemap", limit=200)
        assert any(f[1] == "search-sort" for f in passed)
        assert any(f[0] == "a" and f[4] for f in passed)  # the results' links
        page.keyboard.press("Shift+Tab")
        assert focused(page)[4] == "Documenten (RSS)"
        walk.step("3-footer")
        assert walk.problems() == {}
    finally:
        context.close()


def test_on_a_phone_without_javascript_the_filters_apply_and_land_on_the_results(browser, live_site, artifacts):
    context = browser.new_context(
        base_url=live_site, locale="nl-NL", viewport=VIEWPORTS["phone"], java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/zoeken/?q=verrekenen")
        page.locator("#filters > summary").click()
        facet_box(page, "Samenwerking", "BAR-organisatie").check()
        apply = page.get_by_role("button", name="Filters toepassen")
        expect(apply).to_be_in_viewport()  # it stays at the bottom of the screen while scrolling the filters
        apply.click()
        expect(page).to_have_url(re.compile(r"collaboration=bar-organisatie.*#resultaten$"))
        expect(page.locator("#resultaten")).to_be_in_viewport()
        expect(page.locator("#filters > summary")).to_be_in_viewport()  # with the button above it
        expect(page.locator("#filters-active")).to_have_text(re.compile(r"^\s*\(1\b"))
        page.screenshot(path=str(artifacts / "phone-no-javascript.png"))
    finally:
        context.close()
