"""A member's journey with what the site knows about them (issue #16), at 1280 and 390 px:
starting a topic with an @mention chosen from the suggestions with the keyboard alone, a
preview that names the @name nobody has, registering for an event with the form filled in
from the profile, and cancelling through the page that asks first. Every new screen passes
axe and nothing is refused by the Content-Security-Policy.

The member is made on the server (``manage.py shell``) with a profile and a logged-in session,
so this journey does not depend on the account screens (test_community_journey.py walks those).
Screenshots of every step are kept in ``$E2E_ARTIFACTS`` (default: <tmp>/kennisplatform-e2e),
under members/; the path is printed.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, artifact_folder, run_on_site, serious_accessibility_violations

CATEGORY_URL = "/discussies/financien-en-verrekening/"
EVENT_URL = "/evenementen/dag-van-de-ambtelijke-fusie/"
EVENT_TITLE = "Dag van de Ambtelijke Fusie"
ORGANISATION = "Gemeente Ridderkerk"
FUNCTION = "beleidsadviseur financiën"

MAKE_MEMBER = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from community.models import MemberProfile
user = get_user_model().objects.create_user(USERNAME, USERNAME + "@example.nl", None, first_name="Jet", last_name=LAST)
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
MemberProfile.objects.create(user=user, organisation=ORGANISATION, function=FUNCTION)
print(session_for(user))
"""


def make_logged_in_member(site_workdir, mail_dir, username, last_name):
    """A verified member with a profile, and the id of a session in which they are logged in."""
    code = "\n".join(
        [
            f"USERNAME, LAST, ORGANISATION, FUNCTION = {username!r}, {last_name!r}, {ORGANISATION!r}, {FUNCTION!r}",
            MAKE_MEMBER,
        ]
    )
    return run_on_site(site_workdir, mail_dir, code)


@pytest.fixture(scope="module")
def artifacts():
    return artifact_folder("members")


class Journey:
    """One member's browser at one screen width, with a shot and a scan per step."""

    def __init__(self, page, name, artifacts, axe_source):
        self.page, self.name, self.artifacts, self.axe_source = page, name, artifacts, axe_source
        self.violations, self.refused = {}, []
        page.on("console", lambda m: self.refused.append(m.text) if "Content Security Policy" in m.text else None)

    def check(self, step):
        self.page.screenshot(path=self.artifacts / f"{self.name}-{step}.png", full_page=True)
        found = serious_accessibility_violations(self.page, self.axe_source)
        if found:
            self.violations[step] = found
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{step}: the page scrolls sideways by {overflow}px"


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_a_member_mentions_previews_registers_and_cancels(
    browser, live_site, site_workdir, mail_dir, axe_source, artifacts, screen
):
    width = VIEWPORTS[screen]["width"]
    username = f"jet.{screen}.{uuid.uuid4().hex[:6]}"
    session_key = make_logged_in_member(site_workdir, mail_dir, username, f"Jansen {width}")
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS[screen])
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": live_site}])
    page = context.new_page()
    journey = Journey(page, screen, artifacts, axe_source)
    try:
        # --- Her @name is on her profile -------------------------------------------------
        page.goto(f"/leden/{username}/")
        expect(page.locator("main .kp-handle")).to_contain_text(f"@{username}")
        journey.check("1-profile")

        # --- A topic with a mention chosen from the suggestions, keyboard only ----------------
        page.goto(CATEGORY_URL)
        page.get_by_role("link", name="Begin een onderwerp").click()
        form = page.locator("main form.kp-form")
        title = f"Verrekenen per product ({screen}, {uuid.uuid4().hex[:4]})"
        form.get_by_label("Titel").focus()
        page.keyboard.type(title)
        page.keyboard.press("Tab")  # the phase of the route: optional, left empty
        expect(form.get_by_label("Fase van de route (niet verplicht)")).to_be_focused()
        page.keyboard.press("Tab")  # "a question?": not this time
        expect(form.get_by_label("Ik stel een vraag")).to_be_focused()
        page.keyboard.press("Tab")
        message = form.get_by_label("Uw bericht")
        expect(message).to_be_focused()
        page.keyboard.type("Wie rekent per product? Vraag het @Pe")
        suggestions = page.get_by_role("listbox")
        option = suggestions.get_by_role("option", name=re.compile(r"^Peter de Boer \(@demo-peter\)"))
        expect(option).to_be_visible()
        expect(message).to_have_attribute("aria-controls", suggestions.get_attribute("id"))
        expect(page.locator(".kp-mention [role=status]")).to_have_text(re.compile(r"\S"))  # announced
        journey.check("2-suggestions")
        page.keyboard.press("ArrowDown")
        expect(option).to_have_attribute("aria-selected", "true")
        expect(message).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
        page.keyboard.press("Enter")
        expect(suggestions).to_be_hidden()
        expect(message).to_have_value("Wie rekent per product? Vraag het @demo-peter ")
        page.keyboard.type("of @onbekend-lid: hoe doen jullie dat?")
        page.keyboard.press("Escape")  # closes a list, if one is open; the text stays
        expect(message).to_have_value(
            "Wie rekent per product? Vraag het @demo-peter of @onbekend-lid: hoe doen jullie dat?"
        )

        # The preview (Tab past "post" to "preview") renders it and names the unknown @name.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(form.locator("button[name=voorbeeld]")).to_be_focused()
        page.keyboard.press("Enter")
        preview = page.locator("#voorbeeld")
        expect(preview.locator(".kp-preview__body").get_by_role("link", name="@demo-peter")).to_have_attribute(
            "href", "/leden/demo-peter/"
        )
        expect(preview.locator(".kp-preview__unknown")).to_contain_text("@onbekend-lid")
        expect(preview.locator(".kp-preview__unknown")).not_to_contain_text("demo-peter")
        expect(page.locator("main form.kp-form").get_by_label("Uw bericht")).to_have_value(re.compile(r"@onbekend-lid"))
        journey.check("3-preview")

        # Posting it: a message says so, the mention is a link, her @name is on her post.
        page.locator("main form.kp-form button[type=submit]").first.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".kp-messages .kp-alert--success")).to_be_visible()
        post = page.locator("main ol.kp-posts > li").first
        expect(post.locator(".kp-post__body").get_by_role("link", name="@demo-peter")).to_be_visible()
        expect(post.locator(".kp-post__meta .kp-handle")).to_have_text(f"@{username}")
        journey.check("4-topic")

        # --- Registering with the form filled in from her profile ------------------------------
        page.goto(EVENT_URL)
        registration = page.locator("#aanmelden form.kp-form")
        expect(registration.get_by_label("Organisatie")).to_have_value(ORGANISATION)
        expect(registration.get_by_label("Functie", exact=True)).to_have_value(FUNCTION)
        registration.get_by_label("Workshopronde").select_option(label="Verrekenmodellen")
        journey.check("5-event-form")
        registration.get_by_role("button", name=re.compile("^(Aanmelden|Op de wachtlijst)")).click()
        expect(page.locator(".kp-messages .kp-alert--success")).to_be_visible()

        # --- Cancelling from "my registrations" asks first ----------------------------------
        page.goto("/mijn-aanmeldingen/")
        row = page.locator("main tbody tr").filter(has=page.get_by_role("link", name=EVENT_TITLE, exact=True))
        journey.check("6-my-registrations")
        row.get_by_role("link", name=re.compile("^Annuleren")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding annuleren")
        expect(page.locator("main")).to_contain_text(EVENT_TITLE)
        journey.check("7-cancel-asks-first")
        page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
        expect(page).to_have_url(re.compile(r"/mijn-aanmeldingen/$"))
        expect(page.locator(".kp-messages .kp-alert--success")).to_contain_text(EVENT_TITLE)
        expect(row).to_contain_text("Geannuleerd")
        expect(row.get_by_role("link", name=re.compile("^Annuleren"))).to_have_count(0)
        journey.check("8-cancelled")

        assert journey.violations == {}
        assert journey.refused == []
    finally:
        context.close()
