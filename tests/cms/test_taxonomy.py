"""Taxonomy relations show on the right pages, and only visible content is listed."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import (
    Collaboration,
    CollaborationPage,
    DocumentLibraryPage,
    DocumentType,
    KnowledgeDocumentPage,
    LibraryFile,
    Municipality,
    MunicipalityIndexPage,
)

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def add_document(title, *, collaboration=None, municipality=None, live=True):
    library = DocumentLibraryPage.objects.get()
    page = KnowledgeDocumentPage(
        title=title,
        date="2020-01-01",
        summary="Test",
        live=live,
        document_type=DocumentType.objects.get(name="Rapport"),
        file=LibraryFile.objects.first(),
    )
    page.collaborations = [collaboration] if collaboration else []
    page.municipalities = [municipality] if municipality else []
    library.add_child(instance=page)
    return page


def test_collaboration_profile_lists_members_documents_and_lessons(client):
    page = CollaborationPage.objects.get(collaboration__short_name="BEL")
    html = html_of(client, page.url)
    for name in ["Blaricum", "Eemnes", "Laren"]:
        assert name in html
    assert "Ambtelijke fusie" in html
    assert "Openbaar lichaam" in html
    assert "2008" in html
    assert "Gemeenschappelijke regeling BEL Combinatie" in html  # its document
    assert "Innovatief samenwerken in het BEL-model" in html  # its publication
    assert "Wel doen" in html and "Niet doen" in html
    assert "Besparingen te vroeg inboeken" in html
    assert "Verrekenen in de BAR-samenwerking" not in html  # another collaboration's document
    assert "/documenten/?collaboration=bel-combinatie" in html


def test_municipality_page_lists_its_collaborations_and_documents(client):
    index = MunicipalityIndexPage.objects.get()
    html = html_of(client, index.url + "ridderkerk/")
    assert "<h1" in html and "Ridderkerk" in html
    assert "BAR-organisatie" in html
    assert "Verrekenen in de BAR-samenwerking" in html
    assert "Rekenkamerrapport haalBARe kaart" in html
    assert "Convenant Samenwerking Best en Veldhoven" not in html
    assert "GM0597" in html


def test_unknown_municipality_is_a_404(client):
    index = MunicipalityIndexPage.objects.get()
    assert client.get(index.url + "atlantis/").status_code == 404


def test_library_filters_by_collaboration_type_and_year(client):
    library = DocumentLibraryPage.objects.get()
    html = html_of(client, library.url + "?collaboration=bar-organisatie&year=2013")
    assert "Verrekenen in de BAR-samenwerking" in html
    assert "Rekenkamerrapport haalBARe kaart" not in html  # 2012
    assert "1 document" in html and "1 item" not in html
    html = html_of(client, library.url + "?document_type=verrekenmodel")
    assert "Verrekenmodel BEL Combinatie" in html and "Verrekenen in de BAR-samenwerking" in html
    assert "Convenant Samenwerking" not in html


def test_library_filter_with_bad_values_explains_instead_of_failing(client):
    library = DocumentLibraryPage.objects.get()
    html = html_of(client, library.url + "?year=abc&collaboration=bestaat-niet")
    assert "utrecht-form-field--invalid" in html
    assert "Verrekenen in de BAR-samenwerking" in html  # invalid filters are ignored


def test_unpublished_and_private_documents_are_never_listed(client):
    bar = Collaboration.objects.get(short_name="BAR")
    ridderkerk = Municipality.objects.get(name="Ridderkerk")
    add_document("Concept nog niet gepubliceerd", collaboration=bar, municipality=ridderkerk, live=False)
    private = add_document("Alleen voor ingelogden", collaboration=bar, municipality=ridderkerk)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    urls = [
        DocumentLibraryPage.objects.get().url,
        CollaborationPage.objects.get(collaboration=bar).url,
        MunicipalityIndexPage.objects.get().url + "ridderkerk/",
        "/",
        "/feeds/documenten/",
        "/sitemap.xml",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Concept nog niet gepubliceerd" not in html, url
        assert "Alleen voor ingelogden" not in html, url
    assert client.get(private.url).status_code == 302  # to the login page


def test_document_whose_file_was_deleted_still_renders(client):
    page = KnowledgeDocumentPage.objects.get(title="Eindrapport Meierijsamenwerking")
    page.file.delete()
    page.refresh_from_db()
    assert page.file is None
    html = html_of(client, page.url)
    assert "Het bestand van dit document is op dit moment niet beschikbaar." in html
