"""The document library's filters take any query string: a value that does not validate is
shown as an error on the form and left out, the list still renders, and paging links carry
only the filters that apply (security review #10, item 10)."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

from cms.models import DocumentLibraryPage, KnowledgeDocumentPage

pytestmark = pytest.mark.django_db

LIBRARY = "/documenten/"
SETTLEMENT = "Verrekenen in de BAR-samenwerking"


def titles(response):
    return {item.title for item in response.context["items"]}


def all_documents():
    return set(KnowledgeDocumentPage.objects.live().public().values_list("title", flat=True))


@pytest.mark.parametrize(
    "year", ["10000", "99999999999999999999", "-1", "0", "1e5", "2013.5", "abc", "%ff%fe", "x" * 10_000]
)
def test_a_year_the_database_cannot_hold_is_a_form_error_not_a_500(client, year):
    response = client.get(f"{LIBRARY}?year={year}")
    assert response.status_code == 200
    assert titles(response) == all_documents()  # the bad value filters nothing
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    field = soup.find("input", attrs={"name": "year"}).find_parent(class_="utrecht-form-field")
    assert "utrecht-form-field--invalid" in field["class"]
    assert field.select(".utrecht-form-field-error-message")


@pytest.mark.parametrize(
    "query",
    [
        "theme=bestaat-niet",
        "document_type=%ff%fe",
        "collaboration=" + "x" * 10_000,
        "municipality=a&municipality=b",
        "page=-1",
        "page=99999999999999999999",
    ],
)
def test_other_bad_values_render_the_list(client, query):
    response = client.get(f"{LIBRARY}?{query}")
    assert response.status_code == 200
    assert titles(response) == all_documents()


def test_a_valid_filter_applies_next_to_an_invalid_one(client):
    response = client.get(f"{LIBRARY}?year=2013&theme=bestaat-niet")
    assert response.status_code == 200
    assert SETTLEMENT in titles(response)
    assert all(page.date.year == 2013 for page in response.context["items"])
    assert titles(response) < all_documents()


def test_paging_links_carry_only_the_filters_that_apply(client, monkeypatch):
    monkeypatch.setattr(DocumentLibraryPage, "page_size", 1)
    response = client.get(f"{LIBRARY}?year=2013&theme=bestaat-niet&evil=%3Cx%3E&utm_source=spam&page=1")
    assert response.status_code == 200
    links = [a["href"] for a in BeautifulSoup(response.content.decode(), "html.parser").select(".kp-pagination a")]
    assert links
    for link in links:
        names = [name for name, _ in parse_qsl(urlsplit(link).query)]
        assert names == ["year", "page"], link
