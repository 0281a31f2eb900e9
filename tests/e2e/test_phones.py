"""The site on a phone (issue #16), in a real browser at 390 and at 1280 px.

On the main pages (home, search, library, discussions, a category, a topic, "Mijn aanmeldingen",
the members' directory and, for a moderator, the moderation log): the page never scrolls
sideways; on the phone the menus fold behind one "Menu" button (the header takes a sixth of the
screen, not half), which opens and closes with the keyboard; tables stack into one block per
row and no word in a table is broken across lines ("Gesta/rt"); no breadcrumb separator is left
at the start of a line or after the last crumb. On a short page in a tall window the footer
sits at the bottom and the header keeps its own height. Every page is kept as a screenshot and
scanned with axe, at both widths.

The member and the moderator (with a topic, a pinned topic in the log and a registration) are
made on the server with ``manage.py shell``, as in test_members_journey.py.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, Walk, artifact_folder, run_on_site

TALL = {"desktop": {"width": 1280, "height": 1600}, "phone": {"width": 390, "height": 1400}}

SET_UP = """
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from events import registration as registrations
from events.models import EventPage
from community import moderation, posting
from community.models import Category, MemberProfile

def person(username, first, last, groups=()):
    user = get_user_model().objects.create_user(
        username, username + "@example.nl", None, first_name=first, last_name=last
    )
    user.date_joined = timezone.now() - timedelta(days=100)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    MemberProfile.objects.create(user=user, organisation="Gemeente Ridderkerk", function="beleidsadviseur")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user, session_for(user)

member, member_session = person("tabel-" + SUFFIX, "Tine", "Tabel")
moderator, moderator_session = person("moderator-" + SUFFIX, "Mo", "Mulder", groups=["Moderators"])
category = Category.objects.get(slug="financien-en-verrekening")
topic = posting.start_topic(
    member, category, "Bestuursopdrachten en dienstverleningsovereenkomsten " + SUFFIX, "Gestart en bevestigd."
)
moderation.set_pinned(moderator, topic, True, "Veelgestelde vraag")
event = EventPage.objects.live().filter(registration_enabled=True, start__gt=timezone.now()).order_by("start").first()
registrations.register_member(event, member, name="Tine Tabel", organisation="Gemeente Ridderkerk")
print(member_session, moderator_session, topic.get_absolute_url())
"""

# Who sees which page. "topic" is the topic made above.
PAGES = [
    ("visitor", "/"),
    ("visitor", "/zoeken/?q=verrekenen"),
    ("visitor", "/documenten/"),
    ("visitor", "/discussies/"),
    ("visitor", "/discussies/financien-en-verrekening/"),
    ("visitor", "topic"),
    ("member", "/mijn-aanmeldingen/"),
    ("member", "/leden/"),
    ("moderator", "/moderatie/logboek/"),
]

# Words of a table cell that the browser laid out on more than one line.
BROKEN_WORDS = """table => {
    const broken = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""

# Breadcrumbs: a separator that starts a line (it would come after the line's last crumb link)
# or that follows the last crumb.
LONE_SEPARATORS = """nav => {
    const items = [...nav.querySelectorAll('li')];
    const lone = [];
    items.forEach((item, i) => {
        const before = getComputedStyle(item, '::before').content, after = getComputedStyle(item, '::after').content;
        if (before !== 'none' && before !== 'normal') lone.push('before ' + item.textContent.trim());
        if (i === items.length - 1) {
            if (after !== 'none' && after !== 'normal') lone.push('after the last crumb ' + item.textContent.trim());
            return;
        }
        const text = item.firstElementChild.getClientRects();
        const lastLine = text[text.length - 1];
        if (item.getBoundingClientRect().bottom - lastLine.bottom > 2)
            lone.push('alone after ' + item.textContent.trim());
    });
    return lone;
}"""


@pytest.fixture(scope="module")
def people(live_site, site_workdir, mail_dir):
    code = f"SUFFIX = {uuid.uuid4().hex[:6]!r}\n" + SET_UP
    member, moderator, topic = run_on_site(site_workdir, mail_dir, code).split()
    return {"member": member, "moderator": moderator, "topic": topic}


@pytest.fixture(scope="module")
def artifacts():
    return artifact_folder("phones")


def browser_as(browser, live_site, who, people, viewport):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=viewport)
    if who != "visitor":
        context.add_cookies([{"name": "sessionid", "value": people[who], "url": live_site}])
    return context


def slug(url):
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_the_main_pages_fit_the_screen(browser, live_site, axe_source, artifacts, people, screen):
    viewport = VIEWPORTS[screen]
    problems = {}
    for who, url in PAGES:
        url = people["topic"] if url == "topic" else url
        context = browser_as(browser, live_site, who, people, viewport)
        page = context.new_page()
        walk = Walk(page, artifacts, f"{screen}-{slug(url)}", axe_source)
        try:
            page.goto(url)
            menu_button = page.locator("header .kp-menu > summary")
            main_menu = page.get_by_role("navigation", name="Hoofdmenu")
            if screen == "phone":
                # One row for the logo and the Menu button, one for the search box.
                header = page.locator("header.kp-header").bounding_box()["height"]
                assert header <= viewport["height"] / 5, f"{url}: the header takes {header:.0f}px"
                expect(menu_button).to_be_visible()
                expect(main_menu).to_be_hidden()
            else:
                expect(menu_button).to_be_hidden()
                expect(main_menu.get_by_role("link", name="Discussies")).to_be_visible()
            walk.step("page")

            for table in page.locator("main table").all():
                broken = table.evaluate(BROKEN_WORDS)
                assert broken == [], f"{url}: words broken across lines in a table: {broken}"
                if screen == "phone":
                    row = table.locator("tbody tr").first
                    assert row.evaluate("r => getComputedStyle(r).display") == "block", (
                        f"{url}: the table does not stack"
                    )
                    assert table.locator("thead").bounding_box()["height"] <= 1  # read out, not shown
                    spilling = row.evaluate("r => [...r.cells].filter(c => c.scrollHeight > c.clientHeight + 1).length")
                    assert spilling == 0, f"{url}: a stacked cell is too low for its text (it runs into the next)"
                    labelled = row.locator("td[data-label]").first
                    label = labelled.evaluate("td => getComputedStyle(td, '::before').content")
                    assert labelled.get_attribute("data-label") in label
            for trail in page.locator("main nav.kp-breadcrumbs").all():
                assert trail.evaluate(LONE_SEPARATORS) == [], url
            if walk.problems():
                problems[f"{who} {url}"] = walk.problems()
        finally:
            context.close()
    assert problems == {}


def test_the_phone_menu_opens_and_closes_with_the_keyboard(browser, live_site, axe_source, artifacts, people):
    context = browser_as(browser, live_site, "moderator", people, VIEWPORTS["phone"])
    page = context.new_page()
    walk = Walk(page, artifacts, "phone-menu", axe_source)
    try:
        page.goto("/documenten/")
        menu = page.locator("header details.kp-menu")
        main_menu = page.get_by_role("navigation", name="Hoofdmenu")
        account = page.get_by_role("navigation", name="Uw account")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the logo
        page.keyboard.press("Tab")
        expect(menu.locator("summary")).to_be_focused()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("open", "")
        expect(main_menu.get_by_role("link", name="Documenten")).to_have_attribute("aria-current", "page")
        expect(account.get_by_role("link", name="Moderatie")).to_be_visible()
        expect(account.get_by_role("button", name="Uitloggen")).to_be_visible()
        for link in main_menu.get_by_role("link").all() + account.get_by_role("link").all():
            assert link.bounding_box()["height"] >= 44, link.inner_text()  # tap targets
        walk.step("open")
        page.keyboard.press("Tab")  # into the menu: its first link
        expect(account.get_by_role("link").first).to_be_focused()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        expect(menu).not_to_have_attribute("open", "")
        expect(main_menu).to_be_hidden()
        walk.step("closed")
        assert walk.problems() == {}
    finally:
        context.close()


@pytest.mark.parametrize("screen", TALL)
def test_a_short_page_in_a_tall_window_has_its_footer_at_the_bottom(browser, live_site, artifacts, screen):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=TALL[screen])
    page = context.new_page()
    try:
        page.goto("/account/password/reset/")  # a short page
        page.screenshot(path=str(artifacts / f"tall-{screen}.png"))
        sizes = page.evaluate("""() => {
            const box = s => document.querySelector(s).getBoundingClientRect();
            const header = document.querySelector('header.kp-header');
            const content = [...header.children].reduce((h, c) => Math.max(h, c.getBoundingClientRect().bottom), 0);
            return {window: innerHeight, page: document.documentElement.scrollHeight,
                    footer: box('footer').bottom, header: box('header.kp-header').height,
                    headerContent: content - box('header.kp-header').top};
        }""")
        assert sizes["page"] == sizes["window"], sizes  # nothing to scroll
        assert abs(sizes["footer"] - sizes["window"]) <= 1, sizes  # the footer at the bottom
        # The header is as tall as what is in it (plus its padding and edge): no empty band.
        assert sizes["header"] - sizes["headerContent"] <= 24, sizes
    finally:
        context.close()
