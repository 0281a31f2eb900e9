"""The open data's limits and other forms: the cache (and its invalidation), ETags, the rate
limit, query budgets, the register as CSV, and JSON-LD on the collaboration profiles."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from cms.api import responses
from cms.models import Collaboration, CollaborationFigures, CollaborationMembership, CollaborationPage, Municipality
from tests.factories import DocumentPageFactory

pytestmark = pytest.mark.django_db

SITE = "https://kennisplatform.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def test_a_second_request_comes_from_the_cache_without_queries(client, django_assert_num_queries):
    url = "/api/v1/samenwerkingen/?status=actief&page_size=5"
    first = client.get(url)
    assert first[responses.CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/api/v1/samenwerkingen/?page_size=05&status=actief&x=1")  # the same variant
    assert second[responses.CACHE_HEADER] == "hit" and second.content == first.content
    assert second["ETag"] == first["ETag"] and "max-age" in second["Cache-Control"]


def test_an_etag_answers_a_conditional_request_with_304(client):
    etag = client.get("/api/v1/gemeenten/")["ETag"]
    response = client.get("/api/v1/gemeenten/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag and not response.content


def test_publishing_a_change_empties_the_cache(client):
    url = "/api/v1/documenten/?page_size=100"
    client.get(url)
    assert client.get(url)[responses.CACHE_HEADER] == "hit"
    document = DocumentPageFactory(title="Net gepubliceerd")
    response = client.get(url)
    assert response[responses.CACHE_HEADER] == "miss"
    assert document.pk in {item["id"] for item in response.json()["results"]}
    bel = Collaboration.objects.get(slug="bel-combinatie")
    client.get("/api/v1/samenwerkingen/bel-combinatie/")
    bel.end_reason = "Testreden"
    bel.save()
    assert client.get("/api/v1/samenwerkingen/bel-combinatie/").json()["end_reason"] == "Testreden"


def test_a_bad_request_is_not_stored(client):
    for _ in range(2):
        response = client.get("/api/v1/samenwerkingen/?status=gestopt")
        assert response.status_code == 400 and responses.CACHE_HEADER not in response


def test_too_many_requests_get_a_429_with_retry_after(client, monkeypatch):
    monkeypatch.setattr(responses, "RATE_LIMIT", 3)
    for _ in range(3):
        assert client.get("/api/v1/gemeenten/").status_code == 200
    response = client.get("/api/v1/gemeenten/")
    assert response.status_code == 429 and response["Retry-After"] == str(responses.RATE_PERIOD)
    assert response.json()["error"] and response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/samenwerkingen.csv").status_code == 429  # one limit for all open data
    assert client.get("/api/v1/gemeenten/", REMOTE_ADDR="192.0.2.7").status_code == 200  # per address


def add_collaborations(count):
    municipalities = list(Municipality.objects.order_by("pk")[:3])
    for number in range(count):
        collaboration = Collaboration.objects.create(
            short_name=f"T{number:03}", name=f"Testsamenwerking {number}", slug=f"test-{number}", form="netwerk"
        )
        for municipality in municipalities:
            CollaborationMembership.objects.create(collaboration=collaboration, municipality=municipality)
        CollaborationFigures.objects.create(collaboration=collaboration, year=2020, inhabitants=1000, source="Test")


def count_queries(client, url, django_assert_max_num_queries, settings, budget=12):
    settings.PAGE_CACHE_SECONDS = 0  # count the work, not the cache
    with django_assert_max_num_queries(budget) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path", ["/api/v1/samenwerkingen/", "/api/v1/gemeenten/", "/api/v1/documenten/"], ids=lambda p: p.split("/")[3]
)
def test_a_page_of_50_costs_what_a_page_of_10_costs(client, path, django_assert_max_num_queries, settings):
    add_collaborations(50)
    for _ in range(40):
        DocumentPageFactory(collaborations=[Collaboration.objects.get(slug="bel-combinatie")])
    client.get(f"{path}?page_size=10")  # warm process-wide caches (content types, site root paths)
    ten = count_queries(client, f"{path}?page_size=10", django_assert_max_num_queries, settings)
    fifty = count_queries(client, f"{path}?page_size=50", django_assert_max_num_queries, settings)
    assert fifty == ten


def read_csv(client):
    response = client.get("/samenwerkingen.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="samenwerkingen.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_register_downloads_as_csv(client):
    rows = read_csv(client)
    assert len(rows) == 1 + Collaboration.objects.count()
    bel = next(row for row in rows if row[0] == "bel-combinatie")
    assert bel[1] == "BEL" and bel[7] == "2006-06" and bel[8] == "2008-01"
    assert "Laren (GM" in bel[14] and bel[13].startswith(f"{SITE}/samenwerkingen/")


def test_csv_cells_cannot_be_formulas(client):
    bel = Collaboration.objects.get(slug="bel-combinatie")
    bel.end_reason = '=HYPERLINK("https://evil.example","klik")'
    bel.followed_by = "@SUM(A1:A2)"
    bel.save()
    row = next(row for row in read_csv(client) if row[0] == "bel-combinatie")
    assert row[10] == "'" + bel.end_reason and row[11] == "'@SUM(A1:A2)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cells in read_csv(client) for cell in cells)


def test_the_csv_leaves_out_the_url_of_an_unpublished_profile(client):
    CollaborationPage.objects.get(collaboration__slug="bel-combinatie").unpublish()
    row = next(row for row in read_csv(client) if row[0] == "bel-combinatie")
    assert row[13] == ""


def test_the_profile_page_describes_the_collaboration_as_json_ld(client):
    profile = CollaborationPage.objects.get(collaboration__slug="bel-combinatie")
    response = client.get(profile.url, HTTP_HOST="evil.example")
    scripts = BeautifulSoup(response.content.decode(), "html.parser").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "BEL Combinatie"
    assert data["alternateName"] == "BEL" and data["foundingDate"] == "2008-01"
    assert data["url"] == f"{SITE}{profile.url}" and "dissolutionDate" not in data
    members = {member["name"]: member for member in data["member"]}
    assert set(members) == {"Gemeente Blaricum", "Gemeente Eemnes", "Gemeente Laren"}
    for member in members.values():
        assert member["@type"] == "GovernmentOrganization"
        assert member["@id"].startswith("https://identifier.overheid.nl/tooi/id/gemeente/gm")
        assert {"@type": "PropertyValue", "propertyID": "TOOI", "value": member["@id"]} in member["identifier"]
        assert member["url"].startswith(f"{SITE}/gemeenten/")
