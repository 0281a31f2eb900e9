"""Every community page passes axe in a real browser, also the ones only members and
moderators see (behind a login, a POST or an e-mailed token); the moderation queue lists only
reported posts. The ``member`` and ``moderator`` fixtures are in conftest.py.
"""

import re

from playwright.sync_api import expect

from .community import (
    CATEGORY_URL,
    CONFIRM_EMAIL_LINK,
    DEMO_TOPIC,
    MEMBERS_CATEGORY_URL,
    PASSWORD,
    account_nav,
    body_of,
    link_in,
    new_address,
    open_demo_topic,
    posts,
    reply_section,
    wait_for_message,
)
from .conftest import serious_accessibility_violations

# --- accessibility of the pages behind a login, a POST or an e-mailed token -----------------


def test_demo_topic_page_has_no_serious_accessibility_violations(page, axe_source):
    open_demo_topic(page)
    assert serious_accessibility_violations(page, axe_source) == []


def test_sign_up_and_verification_pages_have_no_serious_accessibility_violations(page, axe_source, mail_dir):
    found = {}

    def scan(step):
        found[step] = serious_accessibility_violations(page, axe_source)

    email = new_address()
    page.goto("/account/signup/")
    form = page.locator("main form")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Voornaam").fill("Fenna")
    form.get_by_label("Achternaam").fill("Fokkema")
    form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
    form.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD + "x")
    form.get_by_role("button", name="Registreren").click()  # the browser checks empty fields itself
    expect(form).to_contain_text("Vul twee keer hetzelfde wachtwoord in.")
    scan("sign-up form with errors")

    form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
    form.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    form.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
    scan("check your e-mail")

    page.goto(link_in(body_of(wait_for_message(mail_dir, email, "Bevestig uw e-mailadres")), CONFIRM_EMAIL_LINK))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig e-mailadres")
    scan("confirm e-mail address")

    assert {step: violations for step, violations in found.items() if violations} == {}


def test_member_pages_have_no_serious_accessibility_violations(member, axe_source):
    page = member.page
    found = {}

    def scan(step):
        found[step] = serious_accessibility_violations(page, axe_source)

    for url in [
        "/discussies/",
        MEMBERS_CATEGORY_URL,
        "/leden/",
        "/leden/demo-marieke/",
        "/account/profiel/",
        "/account/mijn-gegevens/",
        "/account/meldingen/",
        "/groepen/bel-combinatie/",  # not in the group: "ask to join"
        CATEGORY_URL + "nieuw/",  # last: the form is sent empty next
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scan(url)

    page.locator("main form.kp-form").get_by_role("button", name="Onderwerp plaatsen").click()
    expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    scan("new topic, form with errors")

    page.goto("/account/mijn-gegevens/")
    page.locator("main form.kp-form").get_by_role("button", name="Mijn account verwijderen").click()
    expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    scan("my data, delete form with errors")

    open_demo_topic(page)
    expect(reply_section(page).get_by_label("Uw bericht")).to_be_visible()
    scan("topic with the reply form")
    reply_section(page).get_by_role("button", name="Reactie plaatsen").click()
    expect(reply_section(page).get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    scan("topic, reply form with errors")

    open_demo_topic(page)
    posts(page).nth(1).get_by_role("link", name=re.compile("^Melden")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht melden")
    scan("report form")
    page.get_by_role("button", name="Naar de moderatoren sturen").click()
    expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    scan("report form with errors")

    assert {step: violations for step, violations in found.items() if violations} == {}


def test_moderator_pages_have_no_serious_accessibility_violations(member, moderator, axe_source):
    # Something in the queue: the member reports a demo post.
    open_demo_topic(member.page)
    reported = posts(member.page).nth(2).get_attribute("id").removeprefix("bericht-")
    posts(member.page).nth(2).get_by_role("link", name=re.compile("^Melden")).click()
    member.page.get_by_label("Spam of reclame").check()
    member.page.get_by_role("button", name="Naar de moderatoren sturen").click()
    expect(member.page.locator(".kp-messages")).to_contain_text("Dank u. Een moderator bekijkt dit bericht.")

    page = moderator.page
    found = {}

    def scan(step):
        found[step] = serious_accessibility_violations(page, axe_source)

    page.goto("/")
    account_nav(page).get_by_role("link", name="Moderatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemelde berichten")
    report = page.locator("main section").filter(has=page.locator(f"#melding-{reported}"))
    expect(report.get_by_role("heading", name=DEMO_TOPIC)).to_be_visible()
    expect(report).to_contain_text("Spam of reclame")
    scan("/moderatie/ with a report")

    # Dismissing the report puts a line in the log.
    report.get_by_role("button", name="Meldingen afwijzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemelde berichten")
    page.get_by_role("link", name="Moderatielogboek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderatielogboek")
    expect(page.locator("main table tbody tr")).not_to_have_count(0)
    scan("/moderatie/logboek/")

    page.goto("/moderatie/lid/demo-peter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peter de Boer")
    scan("/moderatie/lid/demo-peter/")

    open_demo_topic(page)
    page.get_by_text("Dit onderwerp modereren").click()  # open the <details> with the topic tools
    scan("topic with the moderation tools")

    assert {step: violations for step, violations in found.items() if violations} == {}


def test_the_moderation_queue_lists_only_reported_posts(moderator):
    page = moderator.page
    page.goto("/moderatie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemelde berichten")
    expect(page.locator("main").get_by_text(re.compile(r"\b0 meldingen\b"))).to_have_count(0, timeout=2000)
