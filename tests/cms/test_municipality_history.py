"""Municipalities with their history (issue #13, item 2): a merged municipality keeps its page,
says what became of it, and what was written about it stays findable from its successors,
in search on every engine and on the successors' pages."""

import pytest
from bs4 import BeautifulSoup

from cms.models import KnowledgeDocumentPage, Municipality, MunicipalityPopulation

pytestmark = pytest.mark.django_db

SUCCESSORS = ["Boxtel", "Oisterwijk", "Tilburg", "Vught"]


def page_text(client, slug):
    response = client.get(f"/gemeenten/{slug}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def haaren_documents():
    """Titles of the live documents tagged with Haaren."""
    return set(
        KnowledgeDocumentPage.objects.live().filter(municipalities__slug="haaren").values_list("title", flat=True)
    )


def test_haaren_knows_its_end_and_its_successors():
    haaren = Municipality.objects.get(slug="haaren")
    assert haaren.has_ended and str(haaren.valid_until) == "2020-12-31"
    assert sorted(m.name for m in haaren.successors.all()) == SUCCESSORS
    assert haaren.tooi_id == "https://identifier.overheid.nl/tooi/id/gemeente/gm0788"
    assert [m.name for m in Municipality.objects.get(slug="tilburg").predecessors.all()] == ["Haaren"]


def test_the_page_of_a_merged_municipality_says_what_became_of_it(client):
    soup = page_text(client, "haaren")
    note = soup.select_one(".kp-ended")
    assert note is not None and "31 december 2020" in note.get_text()
    assert sorted(a.get_text() for a in note.select("a")) == SUCCESSORS
    facts = soup.select_one(".kp-facts").get_text(" ", strip=True)
    assert "gm0788" in facts
    assert "Niet bekend" in facts  # no start date or inhabitants recorded: the page says so


def test_a_successor_lists_what_was_written_about_the_municipality_it_absorbed(client):
    assert haaren_documents()
    soup = page_text(client, "tilburg")
    text = soup.get_text(" ", strip=True)
    assert "Haaren" in soup.select_one(".kp-facts").get_text()
    for title in haaren_documents():
        assert title in text


def test_inhabitants_are_shown_with_their_source(client):
    haaren = Municipality.objects.get(slug="haaren")
    MunicipalityPopulation.objects.create(municipality=haaren, year=2020, inhabitants=14000, source="Testbron")
    facts = page_text(client, "haaren").select_one(".kp-facts").get_text(" ", strip=True)
    assert "14000 (2020; bron: Testbron)" in facts


def test_the_page_describes_the_municipality_as_json_ld(client, settings):
    import json

    settings.WAGTAILADMIN_BASE_URL = "https://kennisplatform.example"
    response = client.get("/gemeenten/haaren/", HTTP_HOST="evil.example")
    scripts = BeautifulSoup(response.content.decode(), "html.parser").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Gemeente Haaren"
    assert data["@id"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0788"
    assert data["url"] == "https://kennisplatform.example/gemeenten/haaren/"
    assert data["dissolutionDate"] == "2020-12-31"
    assert {"propertyID": "TOOI", "@type": "PropertyValue", "value": data["@id"]} in data["identifier"]


def test_json_ld_cannot_close_its_script_element():
    from cms import structured_data

    html = structured_data.script({"name": "</script><script>alert(1)</script>"})
    assert html.count("</script>") == 1 and "\\u003C/script\\u003E" in html
