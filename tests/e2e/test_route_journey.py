"""The route through an ambtelijke fusie in a real browser (issue #13): a visitor goes from the
home page to a phase, reads a question's answer, finds a lesson learned in that phase and
compares two collaborations; every step is scanned with axe and checked on a phone-sized and a
desktop screen."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import Walk, artifact_folder

SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", SCREENS)
def test_home_to_a_phase_a_question_a_lesson_and_a_comparison(browser, live_site, axe_source, screen):
    context = browser.new_context(base_url=live_site, viewport=SCREENS[screen])
    page = context.new_page()
    walk = Walk(page, artifact_folder("route-journey"), screen, axe_source)
    try:
        page.goto("/")
        if screen == "phone":
            page.locator("header details.kp-menu summary").click()
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Fasen").click()
        expect(page).to_have_url(re.compile(r"/fasen/$"))
        walk.step("phases")

        page.get_by_role("link", name="Besluiten en inrichten").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Besluiten en inrichten")
        expect(page.get_by_role("heading", name="Vragen in deze fase")).to_be_visible()
        walk.step("phase")

        question = "Hoe verdeelde BEL de rollen van raden, colleges, algemeen en dagelijks bestuur?"
        page.get_by_role("link", name=question).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(question)
        walk.step("question")

        page.go_back()
        lessons = page.get_by_role("region", name="Geleerde lessen in deze fase")
        expect(lessons.get_by_text("Samen ontwerpen")).to_be_visible()
        lessons.get_by_role("link", name="BEL Combinatie").first.click()
        expect(page).to_have_url(re.compile(r"/samenwerkingen/bel-combinatie/#lessons$"))
        expect(page.get_by_text("Samen ontwerpen")).to_be_visible()
        walk.step("lesson-on-profile")

        page.goto("/samenwerkingen/")
        page.get_by_label("BEL Combinatie").check()
        page.get_by_label("BAR-organisatie").check()
        page.get_by_role("button", name="Vergelijken").click()
        expect(page).to_have_url(re.compile(r"/samenwerkingen/vergelijken/\?s=bar-organisatie&s=bel-combinatie$"))
        table = page.get_by_role("table").first
        expect(table.get_by_role("columnheader", name="BEL Combinatie")).to_be_visible()
        expect(table.get_by_role("columnheader", name="BAR-organisatie")).to_be_visible()
        walk.step("comparison")

        assert walk.problems() == {}
    finally:
        context.close()
