"""A new member's first screens in a real browser, on a desktop (1280 px) and on a phone (390 px):
sign up, follow the link in the verification mail, log in, set up two-factor authentication,
and log in again with a recovery code. Every screen passes axe and is kept as a screenshot (in
$E2E_ARTIFACTS, or a temporary folder whose path is printed). On the phone the login page's
fields and buttons are tap targets of at least 44 px, and every link, field and button on it
shows the same focus ring.
"""

import uuid

import pytest
from playwright.sync_api import expect

from ..community.conftest import current_code
from .community import (
    CONFIRM_EMAIL_LINK,
    PASSWORD,
    body_of,
    link_in,
    wait_for_message,
)
from .conftest import VIEWPORTS, artifact_folder, serious_accessibility_violations

TAP_TARGET = 44


@pytest.fixture(scope="module")
def artifacts():
    return artifact_folder("accounts")


class Screens:
    """Takes a screenshot of each step and scans it with axe."""

    def __init__(self, page, axe_source, folder, device):
        self.page, self.axe_source, self.folder, self.device = page, axe_source, folder, device
        self.violations = {}
        self.count = 0

    def __call__(self, step):
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.device}-{self.count:02d}-{step}.png"), full_page=True)
        found = serious_accessibility_violations(self.page, self.axe_source)
        if found:
            self.violations[step] = found


def log_out(page):
    """On a phone the account links are in the menu: open it first."""
    menu_button = page.locator("header .kp-menu > summary")
    if menu_button.is_visible():
        menu_button.click()
    page.locator(".kp-account-nav").get_by_role("button", name="Uitloggen").click()


def code_for(secret):
    return current_code(secret)


def fill_login(page, email, password):
    form = page.locator("main form").first
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(password)
    form.get_by_role("button", name="Inloggen").click()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_new_member_signs_up_logs_in_and_sets_up_two_factor(
    browser, live_site, mail_dir, axe_source, artifacts, device
):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS[device])
    page = context.new_page()
    screen = Screens(page, axe_source, artifacts, device)
    email = f"e2e-account-{uuid.uuid4().hex[:10]}@example.nl"
    try:
        # Sign up: first a mistake, summed up above the form.
        page.goto("/account/signup/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Registreren")
        screen("sign-up")
        form = page.locator("main form")
        form.get_by_label("E-mail").fill(email)
        form.get_by_label("Voornaam").fill("Femke")
        form.get_by_label("Achternaam").fill("Fonteyn")
        form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
        form.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD + "x")
        form.get_by_role("button", name="Registreren").click()
        summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Controleer het formulier"))
        expect(summary).to_contain_text("Vul twee keer hetzelfde wachtwoord in.")
        screen("sign-up-with-errors")
        summary.get_by_role("link").click()
        expect(form.get_by_label("Wachtwoord (bevestigen)")).to_be_focused()
        form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
        form.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
        form.get_by_role("button", name="Registreren").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
        screen("verification-sent")

        # The mail greets her by name and links to the confirmation page.
        message = wait_for_message(mail_dir, email, "Bevestig uw e-mailadres")
        body = body_of(message)
        assert "Femke Fonteyn" in body.splitlines()[0] and "Kennisplatform Ambtelijke Fusie" in body
        page.goto(link_in(body, CONFIRM_EMAIL_LINK))
        expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig e-mailadres")
        expect(page.locator("main")).to_contain_text("Femke Fonteyn")
        screen("confirm-email")
        page.locator("main").get_by_role("button", name="Bevestigen").click()
        expect(page.locator(".kp-messages")).to_contain_text("Femke Fonteyn")  # by name, not by username
        log_out(page)

        # Log in: a wrong password first.
        page.goto("/account/login/")
        screen("login")
        fill_login(page, email, "niet-mijn-wachtwoord")
        expect(page.get_by_role("alert")).to_contain_text("klopt niet")
        screen("login-with-errors")
        fill_login(page, email, PASSWORD)
        expect(page.locator(".kp-messages")).to_contain_text("U bent ingelogd als Femke Fonteyn.")

        # Two-factor authentication: confirm the password, scan (here: read) the secret, enter a code.
        page.goto("/account/2fa/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
        screen("two-factor")
        page.locator("main").get_by_role("link", name="Instellen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Toegang bevestigen")
        screen("reauthenticate")
        page.locator("main form").get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
        page.locator("main form").get_by_role("button", name="Bevestigen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app instellen")
        expect(page.locator("main img.kp-qr-code")).to_be_visible()
        screen("activate-app")
        secret = page.get_by_label("Geheime sleutel").input_value()
        page.get_by_label("Code uit de app").fill(code_for(secret))
        page.locator("main form").get_by_role("button", name="Instellen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
        codes = page.locator("#recovery_codes").input_value().split()
        assert len(codes) == 10
        screen("recovery-codes")

        # Logging in again asks for a code; a recovery code will do.
        log_out(page)
        page.goto("/account/login/")
        fill_login(page, email, PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
        screen("enter-code")
        page.get_by_label("Code").fill(codes[0])
        page.locator("main form").first.get_by_role("button", name="Inloggen").click()
        expect(page.locator(".kp-messages")).to_contain_text("U bent ingelogd als Femke Fonteyn.")

        assert screen.violations == {}
    finally:
        context.close()


def test_the_login_page_has_tap_targets_of_44_px_on_a_phone(browser, live_site):
    context = browser.new_context(base_url=live_site, locale="nl-NL", viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto("/account/login/")
        form = page.locator("main form")
        targets = form.locator("input:not([type=hidden]), button")
        assert targets.count() >= 4  # address, password, "stay logged in", the button
        small = []
        for i in range(targets.count()):
            target = targets.nth(i)
            # A checkbox's target is its label too.
            if target.get_attribute("type") == "checkbox":
                target = form.locator(f"label[for={target.get_attribute('id')}]")
            box = target.bounding_box()
            if box["height"] < TAP_TARGET or box["width"] < TAP_TARGET:
                small.append(f"{target.evaluate('e => e.outerHTML')[:80]}: {box['width']:.0f}x{box['height']:.0f}")
        assert small == []
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()


FOCUS_RING = """e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow].join(' | '); }"""


def test_every_link_field_and_button_shows_the_same_focus_ring(page):
    page.goto("/account/login/")
    rings = {}
    page.keyboard.press("Tab")  # the skip link
    for _ in range(40):
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 60)")
        if focused.startswith("<body"):
            break
        rings[focused] = page.evaluate(f"({FOCUS_RING})(document.activeElement)")
        page.keyboard.press("Tab")
    kinds = " ".join(rings)
    assert "<a" in kinds and "<button" in kinds and "<input" in kinds
    assert set(rings.values()) == {"solid | 3px | rgb(0, 0, 0) | 2px | rgb(255, 191, 71) 0px 0px 0px 3px"}, rings
