"""The members' community in a real browser: two people sign up and verify their addresses,
one starts a topic in Markdown, the other replies and mentions her, she gets the e-mail and
stops the follow through its link. Anonymous visitors do not see members-only categories; an
empty reply shows its error where the member is (test_community_pages_accessibility.py runs
axe over the community's pages).

The test server writes its e-mails to ``mail_dir`` (Django's file-based backend), where these
tests read the links a member would click. A moderator is made by adding a member to the
Moderators group with ``manage.py shell`` on the server's own SQLite database.
"""

import re
import time
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .community import (
    CATEGORY,
    MEMBERS_CATEGORY,
    MEMBERS_CATEGORY_URL,
    TOPIC_LINK,
    UNSUBSCRIBE_LINK,
    body_of,
    link_in,
    log_in,
    open_demo_topic,
    posts,
    reply_as,
    reply_section,
    sent_messages,
    sign_up_and_verify,
    wait_for_message,
)

# --- the journey --------------------------------------------------------------------------


def test_members_start_a_topic_reply_with_a_mention_and_stop_following_by_e_mail(browser, live_site, mail_dir):
    anna = sign_up_and_verify(browser, live_site, mail_dir, "Anna", "Aalbers")
    bram = None
    try:
        # Anna starts a topic in Markdown and sees it rendered.
        page = anna.page
        title = f"Verdeelsleutel voor ICT-kosten ({uuid.uuid4().hex[:6]})"
        page.goto("/")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Discussies").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Discussies")
        page.get_by_role("link", name=CATEGORY).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(CATEGORY)
        page.get_by_role("link", name="Begin een onderwerp").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Begin een onderwerp")
        form = page.locator("main form.kp-form")
        form.get_by_label("Titel").fill(title)
        form.get_by_label("Uw bericht").fill(
            "Wij verdelen ICT-kosten met een **vaste sleutel** per inwoner.\n\n"
            "Zie [het verrekenmodel](https://example.org/verrekenmodel) voor de details."
        )
        form.get_by_role("button", name="Onderwerp plaatsen").click()

        expect(page).to_have_url(re.compile(r"/discussies/onderwerp/\d+/$"))
        topic_path = urlsplit(page.url).path
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        first = posts(page).first
        body = first.locator(".kp-post__body")
        expect(body.locator("strong")).to_have_text("vaste sleutel")
        link = body.get_by_role("link", name="het verrekenmodel")
        expect(link).to_have_attribute("href", "https://example.org/verrekenmodel")
        expect(link).to_have_attribute("rel", re.compile(r"\bnofollow\b"))
        expect(body).not_to_contain_text("**")
        expect(body).not_to_contain_text("](")
        # Starting a topic follows it.
        expect(page.get_by_role("button", name="Dit onderwerp niet meer volgen")).to_be_visible()

        # Her username (made by allauth from her name) is in the author link of her post.
        author_link = first.locator(".kp-post__meta").get_by_role("link", name=anna.name)
        href = author_link.get_attribute("href")
        username = re.fullmatch(r"/leden/([^/]+)/", href).group(1)
        author_link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(anna.name)
        expect(page.get_by_role("link", name=title)).to_be_visible()  # under "Topics started"

        # Bram signs up in a browser of his own and finds the topic.
        bram = sign_up_and_verify(browser, live_site, mail_dir, "Bram", "Bakker")
        page = bram.page
        page.goto("/discussies/")
        page.get_by_role("link", name=CATEGORY).click()
        page.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(posts(page).first.get_by_role("link", name=anna.name)).to_have_attribute("href", href)

        # He quotes her post (by username: a full name would outlive her account) and mentions her.
        posts(page).first.get_by_role("link", name="Citeren dit bericht").click()
        textarea = reply_section(page).get_by_label("Uw bericht")
        expect(textarea).to_have_value(re.compile(rf"^> \*\*@{re.escape(username)}\*\*:\n> Wij verdelen ICT-kosten"))
        textarea.press("ControlOrMeta+End")
        textarea.press_sequentially(f"Herkenbaar, @{username}! Hoe verdelen jullie de licenties?")
        reply_section(page).get_by_role("button", name="Reactie plaatsen").click()
        expect(page).to_have_url(re.compile(r"/discussies/onderwerp/\d+/\?page=1#bericht-\d+$"))
        reply = page.locator(f"#{urlsplit(page.url).fragment}")
        expect(reply.locator(".kp-post__meta")).to_contain_text(bram.name)
        expect(reply.locator("blockquote")).to_contain_text("Wij verdelen ICT-kosten met een vaste sleutel")
        mention = reply.locator(".kp-post__body").get_by_role("link", name=f"@{username}")
        expect(mention).to_have_attribute("href", href)
        # Replying follows the topic too.
        expect(page.get_by_role("button", name="Dit onderwerp niet meer volgen")).to_be_visible()

        # Anna gets an e-mail about the mention (one, although she also follows her topic).
        message = wait_for_message(mail_dir, anna.email, "U bent genoemd in:")
        assert str(message["Subject"]) == f"U bent genoemd in: {title}"
        text = body_of(message)
        assert f"{bram.name} noemde u in “{title}”:" in text
        assert f"Herkenbaar, @{username}! Hoe verdelen jullie de licenties?" in text
        read_link = link_in(text, TOPIC_LINK)
        assert read_link.startswith(topic_path + "#bericht-")
        unsubscribe_link = link_in(text, UNSUBSCRIBE_LINK)
        assert link_in(str(message["List-Unsubscribe"]), UNSUBSCRIBE_LINK) == unsubscribe_link  # one-click in mail apps
        subjects = [str(m["Subject"]) for m in sent_messages(mail_dir, anna.email)]
        assert subjects.count(f"U bent genoemd in: {title}") == 1

        page = anna.page
        page.goto(read_link)
        expect(page.locator(f"#{read_link.split('#')[1]}")).to_contain_text(f"@{username}")

        # The unsubscribe link asks first (mail scanners open links); the button stops the follow.
        page.goto(unsubscribe_link)
        expect(page.get_by_role("heading", level=1)).to_have_text("E-mails stoppen")
        expect(page.locator("main")).to_contain_text(f"Geen e-mails meer over nieuwe reacties in “{title}”?")
        page.get_by_role("button", name="Ja, stop deze e-mails").click()
        expect(page.locator("main")).to_contain_text(f"U ontvangt geen e-mails meer over “{title}”.")
        expect(page.get_by_role("button", name="Ja, stop deze e-mails")).to_have_count(0)
        page.goto(topic_path)
        expect(page.get_by_role("button", name="Dit onderwerp volgen per e-mail")).to_be_visible()

        # Bram replies again without mentioning her: no e-mail for Anna now.
        sent_before = len(sent_messages(mail_dir, anna.email))
        reply_as(bram.page, topic_path, "Wij kopen licenties centraal in en verdelen ze met de sleutel.")
        expect(bram.page.locator("main")).to_contain_text("Wij kopen licenties centraal in")
        time.sleep(1)  # notifications go out right after the post is committed (immediate tasks)
        assert len(sent_messages(mail_dir, anna.email)) == sent_before

        # Following again with the button brings the e-mails back.
        page.get_by_role("button", name="Dit onderwerp volgen per e-mail").click()
        expect(page.locator(".kp-messages")).to_contain_text("U krijgt een e-mail als iemand reageert.")
        expect(page.get_by_role("button", name="Dit onderwerp niet meer volgen")).to_be_visible()
        reply_as(bram.page, topic_path, "En de kosten van de servers rekenen we per gebruiker af.")
        message = wait_for_message(mail_dir, anna.email, "Nieuwe reactie in:")
        assert str(message["Subject"]) == f"Nieuwe reactie in: {title}"
        assert f"{bram.name} reageerde in “{title}”:" in body_of(message)
        assert "En de kosten van de servers rekenen we per gebruiker af." in body_of(message)
    finally:
        anna.context.close()
        if bram is not None:
            bram.context.close()


# --- anonymous visitors -------------------------------------------------------------------


def test_anonymous_visitors_do_not_see_members_only_categories_and_are_sent_to_log_in(page):
    page.goto("/discussies/")
    main = page.locator("main")
    expect(main.get_by_role("link", name=CATEGORY)).to_be_visible()
    expect(main.get_by_role("link", name="Sturing en de raden")).to_be_visible()
    expect(main.get_by_text(MEMBERS_CATEGORY)).to_have_count(0)
    expect(main.get_by_text("alleen leden")).to_have_count(0)

    page.goto(MEMBERS_CATEGORY_URL)
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/discussies/griffiersoverleg/$"))
    expect(page.locator("main input[type=password]")).to_be_visible()

    # A public topic is readable, with a link to log in instead of the reply form.
    open_demo_topic(page)
    expect(posts(page)).to_have_count(3)
    expect(reply_section(page).locator("form")).to_have_count(0)
    expect(page.get_by_role("button", name="Dit onderwerp volgen per e-mail")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Melden"))).to_have_count(0)
    reply_section(page).get_by_role("link", name="Log in om te reageren").click()
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/discussies/onderwerp/\d+/$"))


def test_members_see_the_members_only_category_after_logging_in(browser, live_site, member):
    # In a fresh browser: the category's URL asks to log in and then opens the category.
    context = browser.new_context(base_url=live_site, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(MEMBERS_CATEGORY_URL)
        log_in(page, member.email)
        expect(page).to_have_url(re.compile(re.escape(MEMBERS_CATEGORY_URL) + "$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(MEMBERS_CATEGORY)
        expect(page.get_by_role("link", name="Agenda volgende intervisie")).to_be_visible()
        page.goto("/discussies/")
        heading = page.locator("main").get_by_role("heading", name=re.compile("^" + MEMBERS_CATEGORY))
        expect(heading).to_contain_text("alleen leden")
    finally:
        context.close()


# --- the reply form's errors ----------------------------------------------------------------


def test_an_empty_reply_shows_the_error_where_the_member_is_and_its_link_focuses_the_field(member):
    page = member.page
    open_demo_topic(page)
    section = reply_section(page)
    section.get_by_role("button", name="Reactie plaatsen").click()

    summary = section.get_by_role("alert").filter(has=page.get_by_role("heading", name="Controleer het formulier"))
    expect(summary).to_be_visible()
    # Three posts above the form: the member must land at the error, not at the top of the page.
    expect(summary).to_be_in_viewport()
    textarea = section.get_by_label("Uw bericht")
    expect(textarea).to_have_attribute("aria-invalid", "true")
    described_by = textarea.get_attribute("aria-describedby").split()
    assert any("Dit is een verplicht veld." in page.locator(f"#{id_}").inner_text() for id_ in described_by)

    link = summary.get_by_role("link", name=re.compile("^Uw bericht"))
    link.click()
    expect(textarea).to_be_focused()
    expect(textarea).to_be_in_viewport()

    # With the keyboard alone: submit with Enter, Tab reaches the error link, Enter the field.
    open_demo_topic(page)
    section.get_by_role("button", name="Reactie plaatsen").focus()
    page.keyboard.press("Enter")
    expect(summary).to_be_visible()
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(textarea).to_be_focused()
    # And the field can be filled and sent from there.
    page.keyboard.type("Dank voor de tip.")
    page.keyboard.press("Tab")
    expect(section.get_by_role("button", name="Reactie plaatsen")).to_be_focused()


def test_an_empty_report_links_its_error_to_the_first_choice(member):
    page = member.page
    open_demo_topic(page)
    posts(page).first.get_by_role("link", name=re.compile("^Melden")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht melden")
    page.get_by_role("button", name="Naar de moderatoren sturen").click()
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Controleer het formulier"))
    expect(summary).to_be_visible()
    summary.get_by_role("link", name=re.compile("^Wat is er mis met dit bericht")).click()
    choices = page.get_by_role("group", name=re.compile("^Wat is er mis met dit bericht"))
    expect(choices.get_by_role("radio").first).to_be_focused()


def test_a_new_member_is_in_the_directory(browser, live_site, mail_dir, member):
    newcomer = sign_up_and_verify(browser, live_site, mail_dir, "Evi", "Evers")
    newcomer.context.close()
    member.page.goto("/leden/")
    expect(member.page.locator("main").get_by_role("link", name="Evi Evers")).to_be_visible(timeout=2000)
