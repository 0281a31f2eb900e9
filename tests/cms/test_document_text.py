"""The text of document files: read per format, limited, stored in the background (issue #12)."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from cms.demo.files import make_document, make_pdf
from cms.document_text import DONE, EMPTY, FAILED, TOO_LARGE, Limits, extract_text
from cms.models import LibraryFile
from tests.factories import UserFactory

PARAGRAPHS = ["De raad stelt de begroting van de werkorganisatie vast.", "Verdeelsleutel: inwonertal."]


@pytest.mark.parametrize("extension", ["pdf", "docx", "odt", "xlsx", "ods", "pptx"])
def test_each_format_yields_its_text(extension):
    result = extract_text(make_document(extension, "Convenant Lingewaard", PARAGRAPHS), extension)
    assert result.status == DONE, result.reason
    for expected in ["Convenant Lingewaard", *PARAGRAPHS]:
        assert expected in result.text


def test_pdf_page_offsets_point_at_each_page():
    paragraphs = [f"Alinea {number} over samenwerking tussen gemeenten." for number in range(200)]
    data = make_pdf("Lang rapport", paragraphs)
    pages = [page.extract_text().strip() for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) > 2
    result = extract_text(data, "pdf")
    assert result.status == DONE
    assert len(result.page_offsets) == len(pages)
    for offset, page in zip(result.page_offsets, pages, strict=True):
        assert result.text[offset : offset + len(page)] == page


def _encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Geheim", PARAGRAPHS))))
    writer.encrypt(user_password="geheim", owner_password="eigenaar")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # what a scan without a text layer looks like
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb(extension):
    """A valid-looking office file with one part of 50 MB of zeros (packs to about 50 kB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(make_document(extension, "Bom", PARAGRAPHS))) as real:
            for item in real.infolist():
                archive.writestr(item, real.read(item))
        archive.writestr("word/media/zeros.bin", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    "extension, make, status, reason",
    [
        ("pdf", _encrypted_pdf, FAILED, "wachtwoord"),
        ("pdf", _blank_pdf, EMPTY, "gescande PDF?"),
        ("pdf", lambda: make_pdf("Kapot", PARAGRAPHS)[:300], FAILED, "beschadigd?"),
        ("pdf", lambda: b"%PDF-1.7\n" + b"\xff" * 200, FAILED, "beschadigd?"),
        ("docx", lambda: make_document("docx", "Kapot", PARAGRAPHS)[:400], FAILED, "beschadigd?"),
        ("xlsx", lambda: make_document("xlsx", "Kapot", PARAGRAPHS)[:-30], FAILED, "beschadigd?"),
        ("odt", lambda: make_document("odt", "Kapot", PARAGRAPHS)[:500], FAILED, "beschadigd?"),
        ("pptx", lambda: b"PK\x03\x04" + b"\0" * 100, FAILED, "beschadigd?"),
        ("docx", lambda: _zip_bomb("docx"), FAILED, "zipbom?"),
        ("ods", lambda: _zip_bomb("ods"), FAILED, "zipbom?"),
    ],
)
def test_bad_files_end_in_a_status_with_a_reason(extension, make, status, reason):
    result = extract_text(make(), extension)
    assert (result.status, result.text) == (status, "")
    assert reason in result.reason


def test_unpacked_size_limit_refuses_before_parsing():
    data = make_document("xlsx", "Groot", PARAGRAPHS)
    result = extract_text(data, "xlsx", Limits(max_unzipped_bytes=1000))
    assert result.status == TOO_LARGE and "uitgepakt" in result.reason


def test_limits_cut_off_pages_text_time_and_file_size():
    data = make_pdf("Lang rapport", [f"Alinea {number} over samenwerking." for number in range(300)])
    by_pages = extract_text(data, "pdf", Limits(max_pages=2))
    assert by_pages.status == TOO_LARGE and len(by_pages.page_offsets) == 2 and by_pages.text
    by_text = extract_text(data, "pdf", Limits(max_text_chars=500))
    assert by_text.status == TOO_LARGE and len(by_text.text) == 500
    by_time = extract_text(data, "pdf", Limits(seconds=0))
    assert by_time.status == TOO_LARGE and len(by_time.page_offsets) == 1
    by_size = extract_text(data, "pdf", Limits(max_file_bytes=100))
    assert by_size.status == TOO_LARGE and by_size.text == ""


def upload(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"), {"title": name, "file": SimpleUploadedFile(name, data), "collection": 1}
    )


@pytest.mark.django_db
def test_upload_through_the_admin_stores_the_text(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, "verslag.docx", make_document("docx", "Verslag", PARAGRAPHS))
    assert response.status_code == 302
    document = LibraryFile.objects.get(title="verslag.docx")
    assert document.text_status == DONE and PARAGRAPHS[0] in document.text
    assert document.text_read_at is not None and document.text_page_offsets == []


def text_reads(callbacks):
    """The callbacks run after the commit, but the content generation's (core.page_cache), which
    every saved document also renews."""
    return [callback for callback in callbacks if getattr(callback, "__module__", "") != "core.page_cache"]


@pytest.mark.django_db
def test_the_text_is_pending_until_the_transaction_commits(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload(editor_client, "later.pdf", make_pdf("Later", PARAGRAPHS))
    document = LibraryFile.objects.get(title="later.pdf")
    assert (document.text_status, document.text) == ("pending", "")
    assert len(text_reads(callbacks)) == 1


@pytest.mark.django_db
def test_replacing_the_file_reads_it_again(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, "notitie.pdf", make_pdf("Notitie", ["Eerste versie van de notitie."]))
    document = LibraryFile.objects.get(title="notitie.pdf")
    new = make_document("odt", "Notitie", ["Tweede versie, nu als tekstdocument."])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": "notitie.pdf", "file": SimpleUploadedFile("notitie.odt", new), "collection": 1},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert "Tweede versie" in document.text and "Eerste versie" not in document.text
    # Saving without a new file does not read again.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        editor_client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Notitie", "collection": 1})
    assert text_reads(callbacks) == []


@pytest.mark.django_db
def test_the_edit_view_shows_the_status_and_reason(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, "scan.pdf", _blank_pdf())
    document = LibraryFile.objects.get(title="scan.pdf")
    response = editor_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert document.text_reason.encode() in response.content
    assert reverse("cms_reread_document_text", args=[document.pk]).encode() in response.content


@pytest.mark.django_db
def test_read_again_needs_the_change_permission_and_csrf(editor, editor_client, django_capture_on_commit_callbacks):
    document = LibraryFile.objects.order_by("pk").first()
    LibraryFile.objects.filter(pk=document.pk).update(text="", text_status="failed")
    url = reverse("cms_reread_document_text", args=[document.pk])

    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    visitor = Client()
    visitor.force_login(admin_only)
    assert visitor.post(url).status_code in (302, 403)
    assert LibraryFile.objects.get(pk=document.pk).text_status == "failed"

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(url).status_code == 403

    assert editor_client.get(url).status_code == 405
    assert editor_client.post(reverse("cms_reread_document_text", args=[999999])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text_status == DONE and document.text


@pytest.mark.django_db
def test_the_command_reads_pending_and_failed_files_or_all():
    LibraryFile.objects.update(text="", text_status="pending")
    first = LibraryFile.objects.order_by("pk").first()
    LibraryFile.objects.filter(pk=first.pk).update(text_status="done")
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_document_text", stdout=out, stderr=err)
    total = LibraryFile.objects.count()
    assert f"{total - 1}/{total - 1}" in err.getvalue()
    assert f"{total - 1} files read" in out.getvalue()
    assert LibraryFile.objects.get(pk=first.pk).text == ""
    call_command("extract_document_text", "--all", stdout=out, stderr=err)
    assert LibraryFile.objects.exclude(text_status=DONE).count() == 0
    assert LibraryFile.objects.get(pk=first.pk).text


@pytest.mark.django_db
def test_the_demo_phrase_is_only_in_the_files_text():
    phrase = "gemeenschappelijke werkorganisatie die de WGR-vorm krijgt"
    document = LibraryFile.objects.get(title="Gemeenschappelijke regeling BEL Combinatie")
    assert document.text_status == DONE
    assert phrase in " ".join(document.text.split())
    from cms.models import KnowledgeDocumentPage

    page = KnowledgeDocumentPage.objects.get(file=document)
    assert phrase not in f"{page.title} {page.summary} {page.body}"
