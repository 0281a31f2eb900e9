"""Event registration in a real browser: a guest registers, confirms through the e-mailed link
and cancels; the form works with the keyboard alone and on a phone; every step passes axe.

The test server writes its e-mails to ``mail_dir`` (Django's file-based backend), where these
tests read the links a visitor would click.
"""

import re
import time
import uuid
from email import message_from_bytes, policy
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import serious_accessibility_violations

EVENT_URL = "/evenementen/dag-van-de-ambtelijke-fusie/"
EVENT_TITLE = "Dag van de Ambtelijke Fusie"
MEMBERS_EVENT_URL = "/evenementen/intervisie-griffiers/"
CONFIRM_LINK = re.compile(r"https?://\S+?/aanmelding/[^/\s]+/bevestigen/")
CANCEL_LINK = re.compile(r"https?://\S+?/aanmelding/[^/\s]+/annuleren/")
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


# --- helpers ------------------------------------------------------------------------------


def new_address():
    return f"e2e-{uuid.uuid4().hex[:10]}@example.nl"


def _sent_messages(mail_dir):
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(message_from_bytes(chunk.lstrip(b"\n"), policy=policy.default))
    return messages


def mail_link(mail_dir, to, pattern, timeout=15):
    """The path of the first link matching ``pattern`` in an e-mail the server sent to ``to``."""
    deadline = time.monotonic() + timeout
    while True:
        for message in _sent_messages(mail_dir):
            if to not in str(message["To"]):
                continue
            body = message.get_body(preferencelist=("plain",)).get_content()
            match = pattern.search(body)
            if match:
                # The links carry the configured site address; open them on the test server.
                return urlsplit(match.group(0)).path
        if time.monotonic() > deadline:
            sent = [(str(m["To"]), str(m["Subject"])) for m in _sent_messages(mail_dir)]
            raise AssertionError(f"no e-mail to {to} with a link like {pattern.pattern}; sent: {sent}")
        time.sleep(0.2)


def registration_form(page):
    return page.locator("#aanmelden form.kp-form")


def register_as_guest(page, email, *, name="Anna de Vries", organisation="Gemeente Laren"):
    form = registration_form(page)
    form.get_by_label("Naam").fill(name)
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Organisatie").fill(organisation)
    form.get_by_label("Workshopronde").select_option(label="Verrekenmodellen")
    form.get_by_role("button", name="Aanmelden").click()


def tab_stops(page, limit=250):
    """Press Tab through the whole page; return the focused elements as (id, tag, in_form, outline)."""
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops = []
    for number in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """(number) => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                // Remember each element by its own mark: two links can look alike.
                if (el.dataset.tabStop === undefined) el.dataset.tabStop = String(number);
                return [el.id, el.tagName.toLowerCase(), !!el.closest('form.kp-form'),
                        getComputedStyle(el).outlineStyle, el.dataset.tabStop];
            }""",
            number,
        )
        if stop is None or stop[4] == "0" and stops:
            break  # back at the start: the whole page has been visited
        stops.append(tuple(stop[:4]))
    return stops


# --- the journey --------------------------------------------------------------------------


def test_guest_registers_confirms_and_cancels(page, mail_dir):
    email = new_address()
    page.goto("/")
    page.get_by_role("link", name=EVENT_TITLE, exact=True).first.click()
    expect(page).to_have_url(re.compile(re.escape(EVENT_URL) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    expect(page.get_by_role("heading", name="Aanmelding", exact=True)).to_be_visible()

    register_as_guest(page, email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    expect(page.get_by_text(email)).to_be_visible()

    # The e-mail's link shows a button; only pressing it confirms (mail scanners open links).
    page.goto(mail_link(mail_dir, email, CONFIRM_LINK))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw aanmelding")
    page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent aangemeld")
    expect(page.get_by_text(EVENT_TITLE).first).to_be_visible()
    # The calendar file is offered right there, not only in the e-mail.
    expect(page.get_by_role("link", name="Zet in mijn agenda (.ics)")).to_have_attribute("href", EVENT_URL + "ical/")

    # The confirmation e-mail (with the invitation) carries the cancellation link.
    page.goto(mail_link(mail_dir, email, CANCEL_LINK))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding annuleren")
    page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanmelding is geannuleerd")
    expect(page.get_by_text(f"U bent niet meer aangemeld voor “{EVENT_TITLE}”.")).to_be_visible()

    # Following the link again keeps saying so, without a button to press.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanmelding is geannuleerd")
    expect(page.get_by_role("button", name="Ja, annuleer mijn aanmelding")).to_have_count(0)


def test_members_only_event_asks_guests_to_log_in(page):
    page.goto(MEMBERS_EVENT_URL)
    section = page.locator("#aanmelden")
    expect(section.get_by_text("Dit evenement is alleen voor leden.")).to_be_visible()
    expect(section.locator("form.kp-form")).to_have_count(0)
    section.get_by_role("link", name="Log in om u aan te melden").click()
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/evenementen/intervisie-griffiers/$"))
    expect(page.locator("main input[type=password]")).to_be_visible()


# --- keyboard and phone -------------------------------------------------------------------


def test_tab_reaches_every_field_and_the_button_in_order_but_not_the_honeypot(page):
    page.goto(EVENT_URL)
    expected = page.evaluate(
        """() => [...document.querySelectorAll('form.kp-form :is(input, select, textarea, button)')]
              .filter(el => el.type !== 'hidden' && !el.closest('.kp-honeypot'))
              .map(el => el.id || el.tagName.toLowerCase())"""
    )
    assert expected[:3] == ["id_name", "id_email", "id_organisation"]
    assert expected[-1] == "button" and len(expected) >= 7  # three fields, three questions, the button

    stops = tab_stops(page)
    in_form = [stop_id or tag for stop_id, tag, inside, _outline in stops if inside]
    assert in_form == expected
    assert "id_website" not in [stop_id for stop_id, *_ in stops], "the honeypot is reachable by Tab"
    # The form's stops follow each other: nothing else sits between the fields.
    first = next(i for i, stop in enumerate(stops) if stop[2])
    assert all(stop[2] for stop in stops[first : first + len(expected)])
    # And each shows where the focus is.
    assert [stop[0] or stop[1] for stop in stops if stop[2] and stop[3] == "none"] == []


def test_empty_form_shows_an_error_summary_whose_links_focus_the_fields(page):
    page.goto(EVENT_URL)
    registration_form(page).get_by_role("button", name="Aanmelden").click()

    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Controleer het formulier"))
    expect(summary).to_be_visible()
    expect(summary).to_be_in_viewport()  # the visitor lands at the errors, not at the top of the page
    links = summary.get_by_role("link")
    expect(links).to_have_count(3)  # name, e-mail address and the required workshop round
    form = registration_form(page)
    for link_text, label in [("Naam", "Naam"), ("E-mailadres", "E-mailadres"), ("Workshopronde", "Workshopronde")]:
        summary.get_by_role("link", name=re.compile("^" + link_text)).click()
        field = form.get_by_label(label)
        expect(field).to_be_focused()
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_be_in_viewport()

    # With the keyboard: Tab from the top of the registration section reaches the first error link.
    page.goto(EVENT_URL)
    registration_form(page).get_by_role("button", name="Aanmelden").press("Enter")
    expect(summary).to_be_visible()
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.get_by_label("Naam")).to_be_focused()


def test_event_page_and_form_fit_a_phone_screen(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(EVENT_URL)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the event page scrolls sideways by {overflow}px on a phone"
        registration_form(page).get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_in_viewport(ratio=1)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the form with errors scrolls sideways by {overflow}px on a phone"
        for selector in ["#id_name", "#id_email", "#id_organisation", "button[type=submit]"]:
            box = page.locator(f"form.kp-form {selector}").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"{selector} sticks out: {box}"
    finally:
        context.close()


# --- accessibility of the pages that need a POST or an e-mailed token ---------------------


def test_registration_pages_have_no_serious_accessibility_violations(page, axe_source, mail_dir):
    found = {}

    def scan(step):
        found[step] = serious_accessibility_violations(page, axe_source)

    page.goto(EVENT_URL)
    registration_form(page).get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    scan("event page, form with errors")

    email = new_address()
    register_as_guest(page, email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    scan("check your e-mail")

    page.goto(mail_link(mail_dir, email, CONFIRM_LINK))
    expect(page.get_by_role("button", name="Bevestig mijn aanmelding")).to_be_visible()
    scan("confirm page")
    page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent aangemeld")
    scan("confirm page, confirmed")

    page.goto(mail_link(mail_dir, email, CANCEL_LINK))
    expect(page.get_by_role("button", name="Ja, annuleer mijn aanmelding")).to_be_visible()
    scan("cancel page")
    page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanmelding is geannuleerd")
    scan("cancel page, cancelled")

    assert {step: violations for step, violations in found.items() if violations} == {}
