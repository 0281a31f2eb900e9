"""The open-data API (/api/v1/): lists and details, paging, filters, and every validation error
as a 400 (or 404) JSON answer; nothing unpublished, private or members-only in any answer."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import Collaboration, CollaborationFigures, CollaborationPage, KnowledgeDocumentPage
from tests.factories import DocumentPageFactory

pytestmark = pytest.mark.django_db

SITE = "https://kennisplatform.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_collaborations_list_holds_the_register(client):
    data = get_json(client, "/api/v1/samenwerkingen/", HTTP_HOST="evil.example")
    assert data["count"] == Collaboration.objects.count() and data["previous"] is None
    bel = next(item for item in data["results"] if item["slug"] == "bel-combinatie")
    assert bel["short_name"] == "BEL" and bel["status"] == "actief" and bel["decided_on"] == "2006-06"
    assert bel["started_on"] == "2008-01" and bel["form"] == "ambtelijke-fusie"
    assert bel["profile_url"].startswith(f"{SITE}/samenwerkingen/")
    laren = next(m for m in bel["memberships"] if m["name"] == "Laren")
    assert laren["tooi_id"].startswith("https://identifier.overheid.nl/tooi/id/gemeente/gm")
    assert laren["url"] == f"{SITE}/gemeenten/laren/" and "joined_on" in laren and "left_on" in laren


def test_a_collaboration_in_detail_with_its_figures(client):
    bel = Collaboration.objects.get(slug="bel-combinatie")
    CollaborationFigures.objects.create(
        collaboration=bel, year=2020, inhabitants=56000, fte="310.5", budget=1000, source="Jaarverslag 2020"
    )
    data = get_json(client, "/api/v1/samenwerkingen/bel-combinatie/")
    assert data["name"] == "BEL Combinatie"
    assert data["figures"] == [
        {
            "year": 2020,
            "inhabitants": 56000,
            "fte": 310.5,
            "budget": 1000,
            "cost_allocation_model": "",
            "source": "Jaarverslag 2020",
        }
    ]
    assert "error" in get_json(client, "/api/v1/samenwerkingen/bestaat-niet/", status=404)


def test_municipalities_list_and_detail_with_their_history(client):
    data = get_json(client, "/api/v1/gemeenten/?province=noord-brabant&page_size=100")
    assert data["results"] and all(m["province"]["slug"] == "noord-brabant" for m in data["results"])
    haaren = get_json(client, "/api/v1/gemeenten/haaren/")
    assert haaren["cbs_code"] == "GM0788" and haaren["tooi_id"].endswith("/gm0788")
    assert haaren["valid_until"] == "2020-12-31"
    assert {m["slug"] for m in haaren["successors"]} == {"boxtel", "oisterwijk", "tilburg", "vught"}
    assert "haaren" in {m["slug"] for m in get_json(client, "/api/v1/gemeenten/tilburg/")["predecessors"]}
    assert any(c["left_on"] == "2020-12-31" for c in haaren["collaborations"])
    ended = get_json(client, "/api/v1/gemeenten/?exists=nee")
    assert "haaren" in {m["slug"] for m in ended["results"]}
    assert "error" in get_json(client, "/api/v1/gemeenten/atlantis/", status=404)


def test_documents_carry_metadata_but_no_file_text(client):
    data = get_json(client, "/api/v1/documenten/?page_size=100")
    assert data["count"] == KnowledgeDocumentPage.objects.live().public().count()
    item = data["results"][0]
    assert set(item) == {
        "id",
        "title",
        "url",
        "date",
        "document_type",
        "summary",
        "collaborations",
        "municipalities",
        "themes",
        "phases",
        "file",
    }
    assert item["url"].startswith(f"{SITE}/documenten/")
    assert item["file"]["download_url"].startswith(f"{SITE}/documents/") and item["file"]["name"]
    assert "text" not in item["file"]


def test_filters_narrow_the_lists(client):
    active = get_json(client, "/api/v1/samenwerkingen/?status=actief")["results"]
    assert active and all(item["status"] == "actief" for item in active)
    with_laren = get_json(client, "/api/v1/samenwerkingen/?municipality=laren")["results"]
    assert [item["slug"] for item in with_laren] == ["bel-combinatie"]
    bel_docs = get_json(client, "/api/v1/documenten/?collaboration=bel-combinatie")["results"]
    assert all("bel-combinatie" in {c["slug"] for c in item["collaborations"]} for item in bel_docs)
    # A document about Haaren is found from its successor Vught.
    vught_docs = get_json(client, "/api/v1/documenten/?municipality=vught&page_size=100")["results"]
    assert any("haaren" in {m["slug"] for m in item["municipalities"]} for item in vught_docs)


def test_paging_links_carry_the_filters_and_stop_at_the_ends(client):
    first = get_json(client, "/api/v1/gemeenten/?page_size=5&province=noord-brabant&onbekend=1")
    assert len(first["results"]) == 5 and first["previous"] is None
    assert first["next"] == f"{SITE}/api/v1/gemeenten/?page=2&page_size=5&province=noord-brabant"
    second = get_json(client, first["next"].removeprefix(SITE))
    assert second["previous"].endswith("?page=1&page_size=5&province=noord-brabant")
    assert {m["slug"] for m in first["results"]}.isdisjoint({m["slug"] for m in second["results"]})


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/samenwerkingen/?page=0",
        "/api/v1/samenwerkingen/?page=abc",
        "/api/v1/samenwerkingen/?page=-1",
        "/api/v1/samenwerkingen/?page=1.5",
        "/api/v1/samenwerkingen/?page=%D9%A3",  # an Arabic-Indic digit: isdigit() but not ASCII
        "/api/v1/samenwerkingen/?page=999",
        "/api/v1/samenwerkingen/?page=99999999999999999999999999",
        "/api/v1/samenwerkingen/?page_size=0",
        "/api/v1/samenwerkingen/?page_size=101",
        "/api/v1/samenwerkingen/?page=1&page=2",
        "/api/v1/samenwerkingen/?status=gestopt",
        "/api/v1/samenwerkingen/?form=fusie",
        "/api/v1/samenwerkingen/?legal_form=nv",
        "/api/v1/samenwerkingen/?phase=fase-9",
        "/api/v1/samenwerkingen/?municipality=atlantis",
        "/api/v1/samenwerkingen/?status=" + "a" * 101,
        "/api/v1/gemeenten/?province=atlantis",
        "/api/v1/gemeenten/?collaboration=onbekend",
        "/api/v1/gemeenten/?exists=misschien",
        "/api/v1/documenten/?type=roman",
        "/api/v1/documenten/?theme=onbekend",
        "/api/v1/documenten/?phase=onbekend",
        "/api/v1/documenten/?collaboration=onbekend",
        "/api/v1/documenten/?municipality=onbekend",
        "/api/v1/documenten/?year=10000",
        "/api/v1/documenten/?year=twintig",
        "/api/v1/documenten/?year=1800",
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, url):
    data = get_json(client, url, status=400)
    assert set(data) == {"error"} and data["error"]


def test_unknown_parameters_are_ignored(client):
    assert get_json(client, "/api/v1/samenwerkingen/?foo=bar&format=xml")["count"] == Collaboration.objects.count()


def test_only_reading_is_allowed(client):
    response = client.post("/api/v1/samenwerkingen/")
    assert response.status_code == 405 and "error" in response.json()
    preflight = client.options("/api/v1/samenwerkingen/")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


def restrict(page, kind=PageViewRestriction.LOGIN):
    PageViewRestriction.objects.create(page=page, restriction_type=kind)


def test_unpublished_private_and_members_only_documents_are_left_out(client):
    public = DocumentPageFactory(title="Openbaar testdocument")
    unpublished = DocumentPageFactory(title="Concept testdocument")
    unpublished.unpublish()
    members_only = DocumentPageFactory(title="Alleen voor leden")
    restrict(members_only)
    private = DocumentPageFactory(title="Besloten groep")
    restrict(private, PageViewRestriction.GROUPS)
    titles = {item["title"] for item in get_json(client, "/api/v1/documenten/?page_size=100")["results"]}
    assert "Openbaar testdocument" in titles
    assert titles.isdisjoint({"Concept testdocument", "Alleen voor leden", "Besloten groep"})
    assert public.pk in {item["id"] for item in get_json(client, "/api/v1/documenten/?page_size=100")["results"]}


def test_documents_under_a_restricted_parent_are_left_out(client):
    document = DocumentPageFactory(title="Onder een besloten bibliotheek")
    restrict(document.get_parent())
    data = get_json(client, "/api/v1/documenten/")
    assert data["count"] == 0 and document.title not in {item["title"] for item in data["results"]}


def test_the_profile_url_is_left_out_for_an_unpublished_or_private_profile(client):
    profile = CollaborationPage.objects.get(collaboration__slug="bel-combinatie")
    profile.unpublish()
    assert get_json(client, "/api/v1/samenwerkingen/bel-combinatie/")["profile_url"] is None
    profile.save_revision().publish()
    assert get_json(client, "/api/v1/samenwerkingen/bel-combinatie/")["profile_url"]
    restrict(profile)
    assert get_json(client, "/api/v1/samenwerkingen/bel-combinatie/")["profile_url"] is None
