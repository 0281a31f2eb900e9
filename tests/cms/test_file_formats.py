"""The document content check and the demo file makers, without a database."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError

from cms.demo.files import make_document, make_pdf
from cms.uploads import ALLOWED_DOCUMENT_EXTENSIONS, check_document_content

PARAGRAPHS = ["Eén organisatie, drie gemeenten: ’t verrekenmodel (versie 2) werkt."]


@pytest.mark.parametrize("extension", ALLOWED_DOCUMENT_EXTENSIONS)
def test_every_generated_file_passes_the_check_for_its_own_type(extension):
    data = make_document(extension, "Titel", PARAGRAPHS)
    check_document_content(io.BytesIO(data), f"bestand.{extension}")


def docx():
    return make_document("docx", "Titel", PARAGRAPHS)


@pytest.mark.parametrize("name,data,code", [
    ("rapport.docx", make_pdf("PDF", PARAGRAPHS), "content_mismatch"),
    ("rapport.pdf", docx(), "content_mismatch"),
    ("begroting.xlsx", bytes(range(256)) * 4, "content_mismatch"),
    ("begroting.xlsx", docx(), "content_mismatch"),
    ("tabel.ods", make_document("odt", "Tekst", PARAGRAPHS), "content_mismatch"),
    ("leeg.pdf", b"", "content_mismatch"),
    ("kapot.docx", docx()[:200], "content_mismatch"),
    ("programma.exe", b"MZ\x90\x00", "extension_not_allowed"),
    ("zonder-extensie", b"%PDF-1.4", "extension_not_allowed"),
])
def test_mismatching_content_is_refused_with_a_reason(name, data, code):
    with pytest.raises(ValidationError) as error:
        check_document_content(io.BytesIO(data), name)
    assert error.value.code == code
    assert error.value.messages[0]


def test_odf_needs_mimetype_as_first_entry():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(ValidationError):
        check_document_content(buffer, "tekst.odt")


def test_the_file_position_is_restored():
    data = io.BytesIO(make_document("xlsx", "Titel", PARAGRAPHS))
    data.seek(7)
    check_document_content(data, "blad.xlsx")
    assert data.tell() == 7


def test_extension_check_ignores_case():
    check_document_content(io.BytesIO(make_pdf("Titel", PARAGRAPHS)), "RAPPORT.PDF")


def test_pdf_structure_is_valid():
    data = make_pdf("Titel", PARAGRAPHS * 120)  # long enough for several pages
    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[startxref:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n ", data)
    for number, offset in enumerate(offsets, start=1):
        assert data[int(offset):].startswith(f"{number} 0 obj".encode())
    page_count = int(re.search(rb"/Count (\d+)", data).group(1))
    assert page_count > 1
    assert len(re.findall(rb"/Type /Page ", data)) == page_count
    assert "’t verrekenmodel".encode("cp1252") in data


def test_unknown_extension_has_no_maker():
    with pytest.raises(ValueError):
        make_document("exe", "Titel", PARAGRAPHS)
