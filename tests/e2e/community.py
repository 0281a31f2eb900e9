"""What the community's browser tests share: the e-mails the test server writes to
``mail_dir`` (and the links in them), signing up and verifying a member, logging in, making a
moderator on the server's own database, and the topic page's parts.
"""

import re
import time
import uuid
from dataclasses import dataclass
from email import message_from_bytes, policy
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import run_on_site

PASSWORD = "Verdeelsleutel-2024-geheim"
CATEGORY = "Financiën en verrekening"
CATEGORY_URL = "/discussies/financien-en-verrekening/"
MEMBERS_CATEGORY = "Griffiersoverleg"
MEMBERS_CATEGORY_URL = "/discussies/griffiersoverleg/"
DEMO_TOPIC = "Verrekenen op basis van inwoneraantallen of op productniveau?"
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
CONFIRM_EMAIL_LINK = re.compile(r"https?://\S+?/account/confirm-email/[^/\s]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+?/discussies/afmelden/[^/\s]+/")
TOPIC_LINK = re.compile(r"https?://\S+?/discussies/onderwerp/\d+/#bericht-\d+")


# --- e-mail -------------------------------------------------------------------------------


def new_address():
    return f"e2e-community-{uuid.uuid4().hex[:10]}@example.nl"


def sent_messages(mail_dir, to):
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(MAIL_SEPARATOR):
            if chunk.strip():
                message = message_from_bytes(chunk.lstrip(b"\n"), policy=policy.default)
                if to in str(message["To"]):
                    messages.append(message)
    return messages


def wait_for_message(mail_dir, to, subject, timeout=15):
    """The first e-mail to ``to`` whose subject starts with ``subject``."""
    deadline = time.monotonic() + timeout
    while True:
        for message in sent_messages(mail_dir, to):
            if str(message["Subject"]).startswith(subject):
                return message
        if time.monotonic() > deadline:
            sent = [str(m["Subject"]) for m in sent_messages(mail_dir, to)]
            raise AssertionError(f"no e-mail to {to} with a subject starting {subject!r}; sent to them: {sent}")
        time.sleep(0.2)


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(text, pattern):
    """The path of the first link matching ``pattern``: mails carry the configured site address."""
    match = pattern.search(text)
    assert match, f"no link like {pattern.pattern} in:\n{text}"
    parts = urlsplit(match.group(0))
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


# --- members ------------------------------------------------------------------------------


@dataclass
class Member:
    first_name: str
    last_name: str
    email: str
    context: object
    page: object

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"


def account_nav(page):
    return page.get_by_role("navigation", name="Uw account")


def sign_up_and_verify(browser, live_site, mail_dir, first_name, last_name):
    """A new member in a browser context of their own, signed up, verified and logged in."""
    context = browser.new_context(base_url=live_site, locale="nl-NL")
    page = context.new_page()
    email = new_address()

    page.goto("/account/signup/")
    form = page.locator("main form")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Voornaam").fill(first_name)
    form.get_by_label("Achternaam").fill(last_name)
    form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(PASSWORD)
    form.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    form.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
    expect(account_nav(page).get_by_role("link", name="Inloggen")).to_be_visible()  # not in yet

    # allauth's confirm page needs a button press: following the link alone confirms nothing.
    message = wait_for_message(mail_dir, email, "Bevestig uw e-mailadres")
    page.goto(link_in(body_of(message), CONFIRM_EMAIL_LINK))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig e-mailadres")
    expect(page.locator("main").get_by_text(email)).to_be_visible()
    page.locator("main").get_by_role("button", name="Bevestigen").click()

    # Confirming in the browser that signed up logs the new member in (LOGIN_ON_EMAIL_CONFIRMATION).
    expect(account_nav(page).get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(account_nav(page).get_by_role("link", name="Mijn profiel")).to_be_visible()
    return Member(first_name, last_name, email, context, page)


def log_in(page, email, password=PASSWORD):
    form = page.locator("main form")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Wachtwoord (verplicht)", exact=True).fill(password)
    form.get_by_role("button", name="Inloggen").click()


def make_moderator(site_workdir, mail_dir, email):
    code = (
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group; "
        f"get_user_model().objects.get(email={email!r}).groups.add(Group.objects.get(name='Moderators'))"
    )
    run_on_site(site_workdir, mail_dir, code)


def open_demo_topic(page):
    page.goto(CATEGORY_URL)
    page.get_by_role("link", name=DEMO_TOPIC).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_TOPIC)
    return page.url


def posts(page):
    return page.locator("main ol.kp-posts > li")


def reply_section(page):
    return page.locator("section#reageren")


def reply_as(page, topic_path, text):
    page.goto(topic_path)
    reply_section(page).get_by_label("Uw bericht").fill(text)
    reply_section(page).get_by_role("button", name="Reactie plaatsen").click()
