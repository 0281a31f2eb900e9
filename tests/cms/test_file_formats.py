"""The document content check and the demo file makers, without a database."""

import io
import random
import re
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from cms.demo.files import make_document
from cms.demo.files.odf import make_ods
from cms.demo.files.ooxml import make_xlsx
from cms.demo.files.pdf import make_pdf
from cms.uploads import ALLOWED_DOCUMENT_EXTENSIONS, check_document_content, extension_of

DUTCH = "Eén organisatie, drie gemeenten: ’t verrekenmodel (versie 2) werkt \\ financiële café-tafel."
PARAGRAPHS = [DUTCH, "Tweede alinea over de dienstverleningsovereenkomst."]
ROWS = [["Gemeente", "Inwoners", "Aandeel"], ["Bergen op Zoom", 68000, 0.41], ["Woensdrecht", 22000, 0.13]]
MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/worksheets/sheet1.xml",
    "pptx": "ppt/slides/slide1.xml",
    "odt": "content.xml",
    "ods": "content.xml",
}
ZIP_FORMATS = tuple(MAIN_PART)


def refusal(data, name):
    """The ValidationError that checking ``data`` under ``name`` raises (fails if none)."""
    with pytest.raises(ValidationError) as error:
        check_document_content(io.BytesIO(data), name)
    return error.value


# --- the makers produce files the check accepts ------------------------------------------


@pytest.mark.parametrize("extension", ALLOWED_DOCUMENT_EXTENSIONS)
def test_every_generated_file_passes_the_check_for_its_own_type(extension):
    data = make_document(extension, "Titel", PARAGRAPHS)
    assert isinstance(data, bytes) and len(data) > 100
    check_document_content(io.BytesIO(data), f"bestand.{extension}")


@pytest.mark.parametrize("maker,extension", [(make_xlsx, "xlsx"), (make_ods, "ods")])
def test_spreadsheets_made_from_rows_pass_the_check(maker, extension):
    check_document_content(io.BytesIO(maker("Verdeelsleutel", ROWS)), f"tabel.{extension}")


@pytest.mark.parametrize("extension", ZIP_FORMATS)
def test_every_xml_part_is_well_formed_and_dutch_text_survives(extension):
    archive = zipfile.ZipFile(io.BytesIO(make_document(extension, "Titel ’24", PARAGRAPHS)))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(archive.read(name))  # raises on malformed XML
    main = archive.read(MAIN_PART[extension]).decode("utf-8")
    assert "Eén organisatie" in main and "’t verrekenmodel" in main and "financiële" in main
    assert "Titel ’24" in main


def test_xml_special_characters_are_escaped():
    archive = zipfile.ZipFile(io.BytesIO(make_document("docx", "A & B <c>", ["x < y & z", "bel\x0b"])))
    document = ElementTree.fromstring(archive.read("word/document.xml"))
    texts = [node.text for node in document.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]
    assert texts == ["A & B <c>", "x < y & z", "bel"]


@pytest.mark.parametrize("extension", ["odt", "ods"])
def test_odf_mimetype_is_the_first_entry_and_stored_uncompressed(extension):
    archive = zipfile.ZipFile(io.BytesIO(make_document(extension, "Titel", PARAGRAPHS)))
    first = archive.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    kind = "text" if extension == "odt" else "spreadsheet"
    assert archive.read("mimetype") == f"application/vnd.oasis.opendocument.{kind}".encode()


def test_spreadsheet_numbers_are_numeric_cells_and_text_is_text():
    sheet = zipfile.ZipFile(io.BytesIO(make_xlsx("Titel", ROWS))).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="B3"><v>68000</v></c>' in sheet  # row 1 holds the title
    assert '<c r="A3" t="inlineStr"><is><t>Bergen op Zoom</t></is></c>' in sheet
    wide = zipfile.ZipFile(io.BytesIO(make_xlsx("Titel", [list(range(28)) + [True]])))
    wide_sheet = wide.read("xl/worksheets/sheet1.xml").decode()
    assert 'r="AB2"><v>27</v>' in wide_sheet  # column 28 is AB
    assert '<c r="AC2" t="inlineStr"><is><t>True</t></is></c>' in wide_sheet  # a bool is not a number
    content = zipfile.ZipFile(io.BytesIO(make_ods("Titel", ROWS))).read("content.xml").decode()
    assert 'office:value-type="float" office:value="0.41"' in content


def test_unknown_extension_has_no_maker():
    with pytest.raises(ValueError):
        make_document("exe", "Titel", PARAGRAPHS)


# --- the check refuses what is not what it claims to be -----------------------------------


def docx():
    return make_document("docx", "Titel", PARAGRAPHS)


def zip_with(*entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("rapport.docx", make_pdf("PDF", PARAGRAPHS)),  # a PDF renamed .docx
        ("rapport.pdf", docx()),  # a zip renamed .pdf
        ("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode"),  # renamed .exe
        ("begroting.xlsx", random.Random(1).randbytes(4096)),  # random bytes
        ("begroting.xlsx", docx()),  # a Word file named .xlsx
        ("presentatie.pptx", make_document("xlsx", "Titel", PARAGRAPHS)),
        ("tabel.ods", make_document("odt", "Tekst", PARAGRAPHS)),  # an odt named .ods
        ("tekst.odt", make_document("ods", "Tabel", PARAGRAPHS)),
        ("kapot.docx", docx()[:200]),  # truncated zip: the directory at the end is gone
        ("kapot.odt", make_document("odt", "Tekst", PARAGRAPHS)[:-30]),
        ("los.docx", zip_with(("word/document.xml", "<w/>"))),  # no [Content_Types].xml
        ("tekst.odt", zip_with(("content.xml", "<x/>"), ("mimetype", "application/vnd.oasis.opendocument.text"))),
        ("tekst.odt", zip_with(("mimetype", "application/vnd.oasis.opendocument.text\n"))),  # not exactly
        ("tekst.odt", b"MZ\x90\x00" + make_document("odt", "Tekst", PARAGRAPHS)),  # program with a zip glued on
    ],
)
def test_mismatching_content_is_refused_with_a_reason(name, data):
    error = refusal(data, name)
    assert error.code == "content_mismatch"
    assert error.params["extension"] == extension_of(name)
    assert f".{extension_of(name)}" in error.messages[0]


@pytest.mark.parametrize("extension", ALLOWED_DOCUMENT_EXTENSIONS)
def test_an_empty_file_is_refused(extension):
    assert refusal(b"", f"leeg.{extension}").code == "content_mismatch"


@pytest.mark.parametrize("extension", ZIP_FORMATS)
def test_damaged_zips_are_refused_or_accepted_but_never_crash(extension):
    """Flipped bytes and cut-off files: zipfile raises many kinds of error; none may escape."""
    good = make_document(extension, "Titel", PARAGRAPHS)
    rng = random.Random(extension)
    refused = 0
    for _ in range(300):
        data = bytearray(good[: rng.randrange(1, len(good))] if rng.random() < 0.3 else good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            check_document_content(io.BytesIO(bytes(data)), f"f.{extension}")
        except ValidationError:
            refused += 1
    assert refused > 0


def odt_with_odd_mimetype_entry(flags=0, method=zipfile.ZIP_STORED, damage_data=False):
    """A real odt whose first entry claims encryption, an unknown compression, or has broken data."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")  # the first central directory record is the mimetype's
    for header, flag_at in ((0, 6), (central, 8)):
        data[header + flag_at] |= flags
        if method != zipfile.ZIP_STORED:
            data[header + flag_at + 2] = method
    if damage_data:
        data[30 + len("mimetype") : 34 + len("mimetype")] = b"\xff\xff\xff\xff"
    return bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        odt_with_odd_mimetype_entry(flags=0x1),  # zipfile: RuntimeError, password required
        odt_with_odd_mimetype_entry(method=99),  # zipfile: NotImplementedError, a RuntimeError
        odt_with_odd_mimetype_entry(damage_data=True),  # zlib.error
    ],
)
def test_zip_entries_that_cannot_be_read_are_refused(data):
    assert refusal(data, "tekst.odt").code == "content_mismatch"


@pytest.mark.parametrize("name,extension", [("programma.exe", "exe"), ("zonder-extensie", ""), (".pdf", "")])
def test_unknown_extensions_are_refused_listing_the_allowed_types(name, extension):
    error = refusal(b"%PDF-1.4", name)
    assert error.code == "extension_not_allowed"
    assert error.params["allowed"] == "pdf, docx, odt, xlsx, ods, pptx"
    assert "pdf, docx, odt, xlsx, ods, pptx" in error.messages[0]
    assert error.params.get("extension", "") == extension


def test_extension_check_ignores_case_and_folders():
    assert extension_of("RAPPORT.PDF") == "pdf"
    assert extension_of("documents/2024.v2/notulen.docx") == "docx"
    assert extension_of("documents/v2.1/notulen") == ""
    assert extension_of(None) == ""
    check_document_content(io.BytesIO(make_pdf("Titel", PARAGRAPHS)), "RAPPORT.PDF")


# --- the file position is left where it was ------------------------------------------------


@pytest.mark.parametrize("extension", ALLOWED_DOCUMENT_EXTENSIONS)
def test_the_file_position_is_restored_after_a_pass(extension):
    data = io.BytesIO(make_document(extension, "Titel", PARAGRAPHS))
    data.seek(7)
    check_document_content(data, f"bestand.{extension}")
    assert data.tell() == 7


def test_the_file_position_is_restored_after_a_refusal():
    data = io.BytesIO(docx()[:300])
    data.seek(11)
    with pytest.raises(ValidationError):
        check_document_content(data, "kapot.docx")
    assert data.tell() == 11


@pytest.mark.parametrize("extension", ["pdf", "xlsx", "odt"])
def test_django_uploaded_files_work_and_can_still_be_read_in_full(extension):
    data = make_document(extension, "Titel", PARAGRAPHS)
    in_memory = SimpleUploadedFile(f"stuk.{extension}", data)
    on_disk = TemporaryUploadedFile(f"stuk.{extension}", "application/octet-stream", len(data), None)
    on_disk.write(data)
    on_disk.seek(0)
    with on_disk:
        for upload in (in_memory, on_disk):
            check_document_content(upload, upload.name)
            assert upload.read() == data


# --- the PDF is built correctly ------------------------------------------------------------


def pdf_objects(data):
    """Object number -> body, read by following the xref table as a PDF reader does."""
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 ")
    size = int(re.search(rb"/Size (\d+)", data[startxref:]).group(1))
    table = data[startxref:].split(b"\n", 2)[2]
    entries = [table[20 * i : 20 * (i + 1)] for i in range(size)]
    assert entries[0] == b"0000000000 65535 f \n"
    objects = {}
    for number, entry in enumerate(entries[1:], start=1):
        assert re.fullmatch(rb"\d{10} 00000 n \n", entry)
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj\n".encode())
        objects[number] = data[offset : data.index(b"\nendobj\n", offset)]
    return objects


def test_pdf_header_trailer_and_xref_offsets_are_right():
    data = make_pdf("Titel", PARAGRAPHS)
    assert data.startswith(b"%PDF-1.4\n%")
    assert data.endswith(b"%%EOF\n")
    objects = pdf_objects(data)
    assert len(objects) == 5 + 2  # catalog, pages, two fonts, info; one page with its content
    assert b"/Type /Catalog /Pages 2 0 R" in objects[1]
    assert b"/BaseFont /Helvetica /Encoding /WinAnsiEncoding" in objects[3]
    assert re.search(rb"trailer\n<< /Size 8 /Root 1 0 R /Info 5 0 R >>", data)


def test_pdf_stream_lengths_are_exact():
    for body in pdf_objects(make_pdf("Titel", PARAGRAPHS * 50)).values():
        if b"stream\n" in body:
            length = int(re.search(rb"/Length (\d+)", body).group(1))
            stream = body.split(b"stream\n", 1)[1]
            assert stream[length:] == b"\nendstream"


def test_long_text_flows_over_several_pages():
    data = make_pdf("Titel", PARAGRAPHS * 120)
    objects = pdf_objects(data)
    page_count = int(re.search(rb"/Count (\d+)", objects[2]).group(1))
    assert page_count > 1
    assert sum(b"/Type /Page " in body for body in objects.values()) == page_count


def test_pdf_text_is_winansi_with_string_syntax_escaped():
    data = make_pdf("Titel (concept)", [DUTCH])
    assert b"(Titel \\(concept\\)) Tj" in data
    assert "financiële café-tafel".encode("cp1252") in data
    assert "’t verrekenmodel \\(versie 2\\) werkt \\\\".encode("cp1252") in data


def test_long_lines_and_titles_are_wrapped():
    data = make_pdf("Een titel " * 12, ["W" * 200])
    assert data.count(b"/F2 16 Tf") > 1  # the title takes several lines
    body_lines = re.findall(rb"/F1 11 Tf \d+ \d+ Td \((W+)\) Tj", data)
    assert len(body_lines) > 1 and b"".join(body_lines) == b"W" * 200
    assert max(len(line) for line in body_lines) * 944 * 11 / 1000 <= 595 - 2 * 56  # W is 944/1000 em


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_pdf_text_can_be_extracted_by_a_real_reader():
    data = make_pdf("Verslag ’24", PARAGRAPHS * 60)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Verslag ’24" in text
    assert text.count("Eén organisatie, drie gemeenten") == 60
    assert (
        "Syntax Error"
        not in subprocess.run(
            ["pdftotext", "-", "/dev/null"],
            input=data,
            capture_output=True,
        ).stderr.decode()
    )
