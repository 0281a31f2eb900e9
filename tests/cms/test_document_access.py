"""A file downloads only when a live page that uses it may be viewed by this request.

Wagtail's own download view checks only collection privacy: a login-restricted document page
redirected to the login while its PDF still downloaded for anyone (confirmed on a running site).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from cms.demo.files.pdf import make_pdf
from cms.models import KnowledgeDocumentPage, LibraryFile, NewsPage
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document_page():
    return KnowledgeDocumentPage.objects.get(title="Verrekenen in de BAR-samenwerking")


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    return response


def restrict(page, kind=PageViewRestriction.LOGIN, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    return restriction


def new_file(title="Los bestand"):
    document = LibraryFile(title=title)
    document.file.save("los-bestand.pdf", ContentFile(make_pdf(title, ["Alleen voor de test."])), save=False)
    document.save()
    return document


def test_the_file_of_a_public_page_downloads(client, document_page):
    assert download(client, document_page.file).status_code == 200


def test_the_file_of_a_login_restricted_page_asks_to_log_in(client, document_page):
    url = document_page.file.url
    assert download(client, document_page.file).status_code == 200  # a link someone kept...
    restrict(document_page)
    response = client.get(url)  # ...stops working at once
    assert response.status_code == 302 and response.url.startswith("/account/login/")
    member = Client()
    member.force_login(MemberFactory(username="ineke"))
    assert download(member, document_page.file).status_code == 200


def test_the_file_of_a_group_restricted_page_is_only_for_the_group(document_page):
    editors = Group.objects.get(name="Editors")
    restriction = restrict(document_page, PageViewRestriction.GROUPS)
    restriction.groups.add(editors)
    outsider, insider = Client(), Client()
    outsider.force_login(MemberFactory(username="ineke"))
    insider.force_login(MemberFactory(username="gert", groups=["Editors"]))
    assert outsider.get(document_page.file.url).status_code == 404
    assert download(insider, document_page.file).status_code == 200


def test_the_file_of_a_password_protected_page_needs_the_password(client, document_page):
    restriction = restrict(document_page, PageViewRestriction.PASSWORD, password="geheim-2026")
    assert client.get(document_page.file.url).status_code == 404
    form = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, document_page.pk])
    response = client.post(form, {"password": "geheim-2026", "return_url": document_page.url})
    assert response.status_code == 302
    assert download(client, document_page.file).status_code == 200


def test_the_file_of_an_unpublished_page_does_not_download(client, document_page):
    document_page.unpublish()
    assert client.get(document_page.file.url).status_code == 404


def test_a_restriction_on_a_parent_section_covers_its_files(client, document_page):
    restrict(document_page.get_parent())
    assert client.get(document_page.file.url).status_code == 302


def test_a_file_used_nowhere_public_is_not_served(editor_client):
    orphan = new_file()
    assert Client().get(orphan.url).status_code == 404
    member = Client()
    member.force_login(MemberFactory(username="ineke"))
    assert member.get(orphan.url).status_code == 404
    assert download(editor_client, orphan).status_code == 200  # editors manage files in the admin


def test_a_file_linked_from_a_public_pages_text_downloads(client):
    linked = new_file("Bijlage bij nieuws")
    news = NewsPage.objects.live().first()
    news.body = [("paragraph", RichText(f'<p>Zie <a linktype="document" id="{linked.pk}">de bijlage</a>.</p>'))]
    news.save_revision().publish()
    assert download(client, linked).status_code == 200
    restrict(Page.objects.get(pk=news.pk))
    assert client.get(linked.url).status_code == 302


def test_a_file_shared_by_a_public_and_a_private_page_stays_public(client, document_page):
    other = KnowledgeDocumentPage.objects.live().exclude(pk=document_page.pk).first()
    other.file = document_page.file
    other.save_revision().publish()
    restrict(other)
    assert download(client, document_page.file).status_code == 200


def test_a_wrong_filename_or_id_is_a_plain_404(client, document_page):
    assert client.get(f"/documents/{document_page.file.pk}/iets-anders.pdf").status_code == 404
    assert client.get("/documents/999999/x.pdf").status_code == 404
    assert LibraryFile.objects.filter(pk=999999).count() == 0
