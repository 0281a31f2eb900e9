"""Uploads through the Wagtail admin: wrong types, disguised files and oversize files are
refused with a reason, and nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from cms.demo.files import make_document
from cms.models import LibraryFile

pytestmark = pytest.mark.django_db


def upload_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": 1},
    )


def test_a_real_pdf_is_accepted(editor_client):
    before = LibraryFile.objects.count()
    response = upload_document(editor_client, "verslag.pdf", make_document("pdf", "Verslag", ["Tekst"]))
    assert response.status_code == 302
    assert LibraryFile.objects.count() == before + 1


@pytest.mark.parametrize("extension", ["docx", "odt", "xlsx", "ods", "pptx"])
def test_real_office_files_are_accepted(editor_client, extension):
    response = upload_document(editor_client, f"stuk.{extension}", make_document(extension, "Stuk", ["Tekst"]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("programma.exe", b"MZ\x90\x00" + b"\x00" * 100, "Bestandsextensie"),
        ("rapport.pdf", b"MZ\x90\x00 this is a program, not a PDF" * 10, "PDF"),
        ("begroting.xlsx", make_document("docx", "Word", ["geen spreadsheet"]), "xlsx"),
        ("notulen.docx", b"PK\x03\x04 broken zip", "docx"),
    ],
)
def test_wrong_or_disguised_files_are_refused_with_a_reason(editor_client, name, data, reason):
    before = LibraryFile.objects.count()
    response = upload_document(editor_client, name, data)
    assert response.status_code == 200  # the form is shown again
    html = response.content.decode()
    assert reason in html
    assert LibraryFile.objects.count() == before


def test_oversize_documents_are_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    data = make_document("pdf", "Groot", ["Lange tekst " * 400])
    assert len(data) > 1024
    before = LibraryFile.objects.count()
    response = upload_document(editor_client, "groot.pdf", data)
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert LibraryFile.objects.count() == before


def png_bytes(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_images_over_the_pixel_limit_are_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    Images = get_image_model()
    before = Images.objects.count()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Te groot",
            "collection": 1,
            "file": SimpleUploadedFile("groot.png", png_bytes(200, 200), content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert Images.objects.count() == before
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Klein",
            "collection": 1,
            "file": SimpleUploadedFile("klein.png", png_bytes(50, 50), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    assert Images.objects.count() == before + 1
