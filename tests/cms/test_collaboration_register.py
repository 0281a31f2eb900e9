"""The register over time (issue #13, item 1): status, phase, dates as precise as the sources
give them, members with the dates they joined and left, key figures with their source; an
ended collaboration stays and says so. What is unknown is shown as unknown."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from cms import partial_dates
from cms.models import Collaboration, CollaborationFigures, CollaborationMembership, Municipality, Phase

pytestmark = pytest.mark.django_db


def profile(client, slug):
    response = client.get(f"/samenwerkingen/{slug}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def facts(soup):
    """The facts list as {term: text}."""
    terms = soup.select(".kp-facts dt")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in terms}


@pytest.mark.parametrize(
    ("value", "words"),
    [("2012", "2012"), ("2006-06", "juni 2006"), ("2008-01-01", "1 januari 2008"), ("", "")],
)
def test_partial_dates_are_shown_as_precisely_as_they_are_known(value, words):
    with translation.override("nl"):
        assert partial_dates.in_words(value) == words


@pytest.mark.parametrize("value", ["2006-13", "2021-02-30", "06-2006", "2006/06", "20066", "juni 2006"])
def test_impossible_partial_dates_are_refused_with_a_message(value):
    with pytest.raises(ValidationError) as error:
        partial_dates.validate(value)
    assert error.value.code == "invalid_partial_date"
    assert partial_dates.in_words(value) == ""


def test_the_demo_register_states_what_the_sources_say():
    bel = Collaboration.objects.get(short_name="BEL")
    assert (bel.status, bel.decided_on, bel.started_on, bel.founded) == ("actief", "2006-06", "2008-01", 2008)
    assert bel.phase.slug == "starten-en-doorontwikkelen"
    meierij = Collaboration.objects.get(short_name="Meierij")
    assert meierij.status == "" and meierij.phase is None  # not in the sources
    haaren = CollaborationMembership.objects.get(collaboration=meierij, municipality__slug="haaren")
    assert haaren.left_on == "2020-12-31" and not haaren.is_current
    assert list(Phase.objects.values_list("number", "slug")) == [
        (1, "initieren-en-verkennen"),
        (2, "besluiten-en-inrichten"),
        (3, "starten-en-doorontwikkelen"),
    ]


def test_the_profile_shows_status_dates_and_phase(client):
    shown = facts(profile(client, "bel-combinatie"))
    assert shown["Status"] == "Actief"
    assert shown["Fase"] == "Starten en doorontwikkelen"
    assert shown["Besluit"] == "juni 2006"
    assert shown["Start"] == "januari 2008"


def test_unknown_facts_say_they_are_unknown(client):
    soup = profile(client, "meierijsamenwerking")
    shown = facts(soup)
    assert shown["Status"] == "Status niet bekend"
    assert shown["Besluit"] == shown["Start"] == shown["Rechtsvorm"] == "Niet bekend"
    assert "Haaren" not in shown["Deelnemende gemeenten"]
    assert shown["Voormalige deelnemers"] == "Haaren (tot 31 december 2020)"
    assert soup.select_one("#figures").find_next("p").get_text(strip=True).startswith("Er zijn nog geen kerncijfers")


def test_an_ended_collaboration_stays_and_says_why_and_what_followed(client):
    kompanjie = Collaboration.objects.get(short_name="Kompanjie")
    kompanjie.status = Collaboration.Status.ENDED
    kompanjie.phase = None
    kompanjie.ended_on = "2023"
    kompanjie.end_reason = "Test: de raden besloten te stoppen."
    kompanjie.followed_by = "Test: een herindeling."
    kompanjie.save()
    soup = profile(client, "de-kompanjie")
    note = soup.select_one(".kp-ended").get_text(" ", strip=True)
    assert "beëindigd (2023)" in note and "Test: een herindeling." in note
    shown = facts(soup)
    assert shown["Status"] == "Beëindigd" and "Fase" not in shown
    assert shown["Einde"] == "2023" and shown["Waarom beëindigd"] == "Test: de raden besloten te stoppen."
    card = next(
        li
        for li in BeautifulSoup(client.get("/samenwerkingen/").content.decode(), "html.parser").select(".kp-card")
        if "De Kompanjie" in li.get_text()
    )
    assert card.select_one(".kp-status--beeindigd").get_text(strip=True) == "Beëindigd"


def test_key_figures_are_shown_per_year_with_their_source(client):
    bel = Collaboration.objects.get(short_name="BEL")
    CollaborationFigures.objects.create(
        collaboration=bel,
        year=2024,
        inhabitants=30123,
        fte=None,
        cost_allocation_model="Test-model",
        source="Test-bron",
    )
    table = profile(client, "bel-combinatie").select_one("#figures").find_next("table")
    row = [cell.get_text(strip=True) for cell in table.select("tbody tr")[0].select("th, td")]
    assert row == ["2024", "30.123", "Niet bekend", "Niet bekend", "Test-model", "Test-bron"]


def test_the_overview_lists_current_members_only():
    from cms.models import CollaborationIndexPage

    context = CollaborationIndexPage.objects.get().get_context(None)
    meierij = next(p for p in context["profiles"] if p.collaboration.short_name == "Meierij")
    assert [m.municipality.name for m in meierij.collaboration.current_memberships] == [
        "Boxtel",
        "Sint-Michielsgestel",
        "Vught",
    ]


def test_a_municipality_is_a_member_once():
    from django.db import IntegrityError, transaction

    bel = Collaboration.objects.get(short_name="BEL")
    with pytest.raises(IntegrityError), transaction.atomic():
        CollaborationMembership.objects.create(collaboration=bel, municipality=Municipality.objects.get(name="Laren"))
