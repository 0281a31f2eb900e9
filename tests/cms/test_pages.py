"""Every page type renders for an anonymous visitor, in Dutch, with the content it promises."""

import pytest

from cms.models import (
    CollaborationPage,
    KnowledgeDocumentPage,
    MunicipalityIndexPage,
    NewsPage,
    PublicationPage,
    StandardPage,
)
from events.models import EventPage

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} gave {response.status_code}"
    return response.content.decode()


def test_home_shows_news_events_documents_and_featured_collaborations(client):
    html = get_ok(client, "/")
    assert '<html lang="nl"' in html
    assert "Laatste nieuws" in html
    assert "Column: Van een oude mythe naar een nieuw mysterie" in html
    assert "Komende evenementen" in html
    assert "Dag van de Ambtelijke Fusie" in html
    assert "Uitgelichte samenwerkingen" in html
    assert "BEL Combinatie" in html and "BAR-organisatie" in html


def test_main_menu_lists_sections_and_marks_current_page(client):
    html = get_ok(client, "/nieuws/")
    for title in ["Samenwerkingen", "Gemeenten", "Documenten", "Publicaties", "Nieuws", "Evenementen"]:
        assert f">{title}</a>" in html
    assert 'href="/nieuws/" aria-current="page"' in html


@pytest.mark.parametrize(
    "url,expected",
    [
        ("/samenwerkingen/", "De Kompanjie"),
        ("/gemeenten/", "Sint-Michielsgestel"),
        ("/documenten/", "Verrekenen in de BAR-samenwerking"),
        ("/publicaties/", "Ambtelijk fuseren? GROEI!"),
        ("/nieuws/", "Btw-plicht gemeenten bij ambtelijke fusie"),
        ("/evenementen/", "Dag van de Ambtelijke Fusie 2017"),
        ("/over/", "Samen En Toch Apart"),
    ],
)
def test_section_pages_render(client, url, expected):
    assert expected in get_ok(client, url)


@pytest.mark.parametrize(
    "model",
    [
        CollaborationPage,
        KnowledgeDocumentPage,
        PublicationPage,
        NewsPage,
        EventPage,
        StandardPage,
    ],
)
def test_every_detail_page_type_renders(client, model):
    pages = model.objects.live()
    assert pages.exists(), f"the demo has no {model.__name__}"
    for page in pages:
        html = get_ok(client, page.url)
        assert page.title in html.replace("&#x27;", "'")
        # Breadcrumbs lead back home.
        assert 'aria-label="Kruimelpad"' in html


def test_document_page_offers_the_download_and_tags(client):
    page = KnowledgeDocumentPage.objects.get(title="Verrekenen in de BAR-samenwerking")
    html = get_ok(client, page.url)
    assert "Verrekenmodel" in html
    assert "25 februari 2013" in html
    assert page.file.url in html
    assert "Download PDF" in html
    for name in ["Albrandswaard", "Barendrecht", "Ridderkerk"]:
        assert name in html


def test_document_download_serves_the_file_as_attachment(client):
    page = KnowledgeDocumentPage.objects.get(title="Verrekenen in de BAR-samenwerking")
    response = client.get(page.file.url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")


def test_event_page_shows_dutch_date_and_place(client):
    page = EventPage.objects.get(slug="dag-van-de-ambtelijke-fusie-2017")
    html = get_ok(client, page.url)
    assert "donderdag 5 oktober 2017, 09:30" in html
    assert "Omgeving Utrecht" in html


def test_listing_pages_page_through_items(client):
    from cms.models import DocumentLibraryPage

    library = DocumentLibraryPage.objects.get()
    html = get_ok(client, library.url)
    assert "8 documenten" in html  # counted with the noun of what it lists
    # A page number past the end gives the last page rather than an error.
    assert get_ok(client, library.url + "?page=99")
    assert get_ok(client, library.url + "?page=abc")


def test_library_paging_links_keep_going(client, settings):
    from cms.models import DocumentLibraryPage

    DocumentLibraryPage.page_size = 3
    try:
        library = DocumentLibraryPage.objects.get()
        first = get_ok(client, library.url)
        assert 'rel="next" href="?page=2"' in first
        third = get_ok(client, library.url + "?page=3")
        assert 'rel="prev" href="?page=2"' in third
        assert 'rel="next"' not in third
    finally:
        DocumentLibraryPage.page_size = 12


def test_404_page_is_in_the_site_style(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "kp-header" in html


def test_500_page_renders_without_a_request_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er is iets misgegaan" in response.content.decode()


def test_municipality_overview_links_to_municipality_pages(client):
    index = MunicipalityIndexPage.objects.get()
    html = get_ok(client, index.url)
    assert f'href="{index.url}ridderkerk/"' in html
    assert "Zuid-Holland" in html
