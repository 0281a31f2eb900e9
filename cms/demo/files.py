"""Small but real documents (PDF, DOCX, XLSX, PPTX, ODT, ODS) made with the standard library.

The demo's downloads must open in ordinary software, and the upload tests need genuine files
of every accepted type; shipping binary fixtures would hide what is in them.
"""

import io
import math
import re
import unicodedata
import zipfile
from xml.sax.saxutils import escape

# --- PDF ---------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595, 842, 56  # A4 in points
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY, HEADING = ("F1", 11, 15), ("F2", 16, 21)  # font resource, size, line height

# Glyph widths (1/1000 em) of the standard Helvetica fonts for ASCII 32-126, from Adobe's AFM files.
ASCII_WIDTHS = {
    "F1": (
        278,
        278,
        355,
        556,
        556,
        889,
        667,
        191,
        333,
        333,
        389,
        584,
        278,
        333,
        278,
        278,
        *[556] * 10,
        278,
        278,
        584,
        584,
        584,
        556,
        1015,
        667,
        667,
        722,
        722,
        667,
        611,
        778,
        722,
        278,
        500,
        667,
        556,
        833,
        722,
        778,
        667,
        778,
        722,
        667,
        611,
        722,
        667,
        944,
        667,
        667,
        611,
        278,
        278,
        278,
        469,
        556,
        333,
        556,
        556,
        500,
        556,
        556,
        278,
        556,
        556,
        222,
        222,
        500,
        222,
        833,
        556,
        556,
        556,
        556,
        333,
        500,
        278,
        556,
        500,
        722,
        500,
        500,
        500,
        334,
        260,
        334,
        584,
    ),
    "F2": (
        278,
        333,
        474,
        556,
        556,
        889,
        722,
        238,
        333,
        333,
        389,
        584,
        278,
        333,
        278,
        278,
        *[556] * 10,
        333,
        333,
        584,
        584,
        584,
        611,
        975,
        722,
        722,
        722,
        722,
        667,
        611,
        778,
        722,
        278,
        556,
        722,
        611,
        833,
        722,
        778,
        667,
        778,
        722,
        667,
        611,
        722,
        667,
        944,
        667,
        667,
        611,
        333,
        278,
        333,
        584,
        556,
        333,
        556,
        611,
        556,
        611,
        556,
        333,
        611,
        611,
        278,
        278,
        556,
        278,
        889,
        611,
        611,
        611,
        611,
        389,
        556,
        333,
        611,
        556,
        778,
        556,
        556,
        500,
        389,
        280,
        389,
        584,
    ),
}
# Common non-ASCII glyphs that are not an accented ASCII letter (widest of the two fonts).
OTHER_WIDTHS = {
    "‘": 278,
    "’": 278,
    "‚": 278,
    "“": 500,
    "”": 500,
    "„": 500,
    "–": 556,
    "—": 1000,
    "•": 350,
    "…": 1000,
    "€": 556,
    "ß": 611,
    "æ": 889,
    "Æ": 1000,
    "ø": 611,
    "Ø": 778,
    "«": 556,
    "»": 556,
    "°": 400,
    "§": 556,
    "©": 737,
    "®": 737,
    "™": 1000,
}


def _char_width(char, font):
    """Width in 1/1000 em; accented letters are as wide as their base letter in Helvetica."""
    base = unicodedata.normalize("NFD", char)[:1] or char
    if " " <= base <= "~":
        return ASCII_WIDTHS[font][ord(base) - 32]
    return OTHER_WIDTHS.get(char, 1000)  # unknown: assume a full em, so text never overflows


def _text_width(text, font, size):
    return sum(_char_width(char, font) for char in text) * size / 1000


def _wrap(text, font, size):
    """Greedy word wrap to TEXT_WIDTH; a word longer than a line is cut where it must be."""
    lines, line = [], ""
    for word in text.split():
        while _text_width(word, font, size) > TEXT_WIDTH:
            cut = max(i for i in range(1, len(word) + 1) if _text_width(word[:i], font, size) <= TEXT_WIDTH)
            lines += [line] if line else []
            lines.append(word[:cut])
            line, word = "", word[cut:]
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate, font, size) <= TEXT_WIDTH:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines


def _pdf_lines(title, paragraphs):
    """(style, text) per line; an empty text is the gap after the title and each paragraph."""
    lines = [(HEADING, line) for line in _wrap(title, *HEADING[:2])] + [(BODY, "")]
    for paragraph in paragraphs:
        lines += [(BODY, line) for line in _wrap(paragraph, *BODY[:2])] + [(BODY, "")]
    return lines


def _paginate(lines):
    """Split lines into pages by the height they take."""
    pages, page, used = [], [], 0
    for style, text in lines:
        if page and used + style[2] > PAGE_HEIGHT - 2 * MARGIN:
            pages.append(page)
            page, used = [], 0
        if page or text:  # no gap at the top of a page
            page.append((style, text))
            used += style[2]
    return pages + [page] if page else pages or [[]]


def _pdf_string(text):
    """Encode for WinAnsiEncoding (cp1252 covers Dutch) and escape PDF string syntax."""
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(page):
    stream = io.BytesIO()
    y = PAGE_HEIGHT - MARGIN
    for (font, size, height), text in page:
        if text:
            stream.write(f"BT /{font} {size} Tf {MARGIN} {y - size} Td (".encode() + _pdf_string(text) + b") Tj ET\n")
        y -= height
    return stream.getvalue()


def make_pdf(title, paragraphs):
    """A PDF 1.4 with the title in bold and the paragraphs wrapped over as many A4 pages as needed."""
    pages = _paginate(_pdf_lines(title, paragraphs))
    # Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content per page.
    first_page = 6
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        # Document-level text strings are UTF-16 (not WinAnsi), so the title keeps every character.
        f"<< /Title <FEFF{title.encode('utf-16-be').hex().upper()}> /Producer (Kennisplatform demo) >>".encode(),
    ]
    for index, page in enumerate(pages):
        content = _page_stream(page)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    return _pdf_document(objects)


def _pdf_document(objects):
    """Number the objects, then write the cross-reference table with their byte offsets."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # binary comment: tells tools the file is binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# --- Office Open XML -----------------------------------------------------------------------

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text):
    """Escape for XML text, dropping control characters XML 1.0 cannot hold at all."""
    return escape(XML_ILLEGAL.sub("", str(text)))


def _zip(parts, first_stored=None):
    """Zip ``parts`` (name -> text); ``first_stored`` is written first and uncompressed (ODF)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            archive.writestr(zipfile.ZipInfo(first_stored[0]), first_stored[1], compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _content_types(overrides):
    """[Content_Types].xml: Office opens no part whose content type is not declared here."""
    items = "".join(f'<Override PartName="{part}" ContentType="{ctype}"/>' for part, ctype in overrides)
    return (
        f'{XML_HEAD}<Types xmlns="{NS_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>'
    )


def _relationships(*relations):
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{NS_REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(relations, start=1)
    )
    return f'{XML_HEAD}<Relationships xmlns="{NS_PKG_REL}">{items}</Relationships>'


def make_docx(title, paragraphs):
    """A Word document: the title as a large bold line, then one paragraph each."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = f'<w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">{_xml(title)}</w:t></w:r></w:p>'
    body += "".join(f'<w:p><w:r><w:t xml:space="preserve">{_xml(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                [
                    (
                        "/word/document.xml",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    ),
                ]
            ),
            "_rels/.rels": _relationships(("officeDocument", "word/document.xml")),
            "word/document.xml": f'{XML_HEAD}<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
        }
    )


def _column_letter(index):
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet column names."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _is_number(value):
    """Numbers become numeric cells; bools and NaN/infinity have no portable cell form, so stay text."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def make_xlsx(title, rows):
    """An Excel workbook with one sheet: the title in A1, then ``rows`` (text or numbers)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml_rows = []
    for r, row in enumerate([[title], *rows], start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column_letter(c)}{r}"
            if _is_number(value):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml(value)}</t></is></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                [
                    ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                    (
                        "/xl/worksheets/sheet1.xml",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                    ),
                ]
            ),
            "_rels/.rels": _relationships(("officeDocument", "xl/workbook.xml")),
            "xl/workbook.xml": f'{XML_HEAD}<workbook xmlns="{ns}" xmlns:r="{NS_REL}"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": _relationships(("worksheet", "worksheets/sheet1.xml")),
            "xl/worksheets/sheet1.xml": f'{XML_HEAD}<worksheet xmlns="{ns}">'
            f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>",
        }
    )


PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
DML = "http://schemas.openxmlformats.org/drawingml/2006/main"
PML_CT = "application/vnd.openxmlformats-officedocument.presentationml"


def _text_shape(shape_id, name, paragraphs, y, height, size):
    """A text box across the slide; text that does not fit is shrunk (normAutofit)."""
    runs = "".join(f'<a:p><a:r><a:rPr lang="nl-NL" sz="{size}"/><a:t>{_xml(p)}</a:t></a:r></a:p>' for p in paragraphs)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="457200" y="{y}"/><a:ext cx="8229600" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square"><a:normAutofit/></a:bodyPr><a:lstStyle/>{runs}</p:txBody></p:sp>'
    )


def _shape_tree(shapes=""):
    return (
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        "<p:grpSpPr/>" + shapes + "</p:spTree></p:cSld>"
    )


def _theme():
    colours = "".join(
        f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>'
        for name, value in [
            ("dk1", "000000"),
            ("lt1", "FFFFFF"),
            ("dk2", "154273"),
            ("lt2", "F3F5F8"),
            ("accent1", "154273"),
            ("accent2", "E17000"),
            ("accent3", "2E7D32"),
            ("accent4", "B3261E"),
            ("accent5", "0B57A4"),
            ("accent6", "5B2A86"),
            ("hlink", "0B57A4"),
            ("folHlink", "5B2A86"),
        ]
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    return (
        f'{XML_HEAD}<a:theme xmlns:a="{DML}" name="Kennisplatform"><a:themeElements>'
        f'<a:clrScheme name="Kennisplatform">{colours}</a:clrScheme>'
        '<a:fontScheme name="Kennisplatform"><a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/>'
        '<a:cs typeface=""/></a:majorFont>'
        '<a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
        f'<a:fmtScheme name="Kennisplatform"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    )


def make_pptx(title, paragraphs):
    """A one-slide presentation (with the master, layout and theme PowerPoint insists on)."""
    namespaces = f'xmlns:a="{DML}" xmlns:r="{NS_REL}" xmlns:p="{PML}"'
    colour_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    )
    slide_shapes = _text_shape(2, "Titel", [title], 457200, 1143000, 3200) + _text_shape(
        3, "Tekst", paragraphs, 1828800, 4572000, 1800
    )
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                [
                    ("/ppt/presentation.xml", f"{PML_CT}.presentation.main+xml"),
                    ("/ppt/slides/slide1.xml", f"{PML_CT}.slide+xml"),
                    ("/ppt/slideLayouts/slideLayout1.xml", f"{PML_CT}.slideLayout+xml"),
                    ("/ppt/slideMasters/slideMaster1.xml", f"{PML_CT}.slideMaster+xml"),
                    ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                ]
            ),
            "_rels/.rels": _relationships(("officeDocument", "ppt/presentation.xml")),
            "ppt/presentation.xml": (
                f"{XML_HEAD}<p:presentation {namespaces}>"
                '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
                '<p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>'
                '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
            ),
            "ppt/_rels/presentation.xml.rels": _relationships(
                ("slideMaster", "slideMasters/slideMaster1.xml"),
                ("slide", "slides/slide1.xml"),
                ("theme", "theme/theme1.xml"),
            ),
            "ppt/slides/slide1.xml": f"{XML_HEAD}<p:sld {namespaces}>{_shape_tree(slide_shapes)}</p:sld>",
            "ppt/slides/_rels/slide1.xml.rels": _relationships(("slideLayout", "../slideLayouts/slideLayout1.xml")),
            "ppt/slideLayouts/slideLayout1.xml": f'{XML_HEAD}<p:sldLayout {namespaces} type="blank">'
            f"{_shape_tree()}</p:sldLayout>",
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels": _relationships(
                ("slideMaster", "../slideMasters/slideMaster1.xml")
            ),
            "ppt/slideMasters/slideMaster1.xml": (
                f"{XML_HEAD}<p:sldMaster {namespaces}>{_shape_tree()}{colour_map}"
                '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>'
            ),
            "ppt/slideMasters/_rels/slideMaster1.xml.rels": _relationships(
                ("slideLayout", "../slideLayouts/slideLayout1.xml"),
                ("theme", "../theme/theme1.xml"),
            ),
            "ppt/theme/theme1.xml": _theme(),
        }
    )


# --- OpenDocument --------------------------------------------------------------------------

ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"'
)


def _odf(mimetype, body):
    """Package ``body`` as ODF: ``mimetype`` first and uncompressed, so tools can sniff the type."""
    manifest = (
        f'{XML_HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        f'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}" manifest:version="1.3"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    content = (
        f"{XML_HEAD}<office:document-content {ODF_NAMESPACES}>"
        f"<office:body>{body}</office:body></office:document-content>"
    )
    return _zip({"META-INF/manifest.xml": manifest, "content.xml": content}, first_stored=("mimetype", mimetype))


def make_odt(title, paragraphs):
    """An OpenDocument text: the title as a heading, then one paragraph each."""
    text = f'<text:h text:outline-level="1">{_xml(title)}</text:h>'
    text += "".join(f"<text:p>{_xml(p)}</text:p>" for p in paragraphs)
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{text}</office:text>")


def make_ods(title, rows):
    """An OpenDocument spreadsheet laid out like ``make_xlsx``."""
    xml_rows = []
    for row in [[title], *rows]:
        cells = []
        for value in row:
            if _is_number(value):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{_xml(value)}</text:p></table:table-cell>'
                )
        xml_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    sheet = f'<table:table table:name="Blad1">{"".join(xml_rows)}</table:table>'
    return _odf("application/vnd.oasis.opendocument.spreadsheet", f"<office:spreadsheet>{sheet}</office:spreadsheet>")


# --- dispatch ------------------------------------------------------------------------------


def _rows_from(paragraphs):
    """Spreadsheets get one row per paragraph, numbered, so they hold the same text."""
    return [[number, text] for number, text in enumerate(paragraphs, start=1)]


def make_document(extension, title, paragraphs):
    """A valid file of type ``extension`` holding ``title`` and ``paragraphs``."""
    makers = {
        "pdf": lambda: make_pdf(title, paragraphs),
        "docx": lambda: make_docx(title, paragraphs),
        "pptx": lambda: make_pptx(title, paragraphs),
        "odt": lambda: make_odt(title, paragraphs),
        "xlsx": lambda: make_xlsx(title, _rows_from(paragraphs)),
        "ods": lambda: make_ods(title, _rows_from(paragraphs)),
    }
    if extension not in makers:
        raise ValueError(f"No demo file maker for .{extension}")
    return makers[extension]()
