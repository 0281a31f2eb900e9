"""Office Open XML files: DOCX, XLSX and PPTX, each with the parts Office needs to open it."""

from .packaging import XML_HEAD, is_number, xml_text, zip_parts

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


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
    body = (
        '<w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'
        f'<w:t xml:space="preserve">{xml_text(title)}</w:t></w:r></w:p>'
    )
    body += "".join(f'<w:p><w:r><w:t xml:space="preserve">{xml_text(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return zip_parts(
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


def make_xlsx(title, rows):
    """An Excel workbook with one sheet: the title in A1, then ``rows`` (text or numbers)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml_rows = []
    for r, row in enumerate([[title], *rows], start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column_letter(c)}{r}"
            if is_number(value):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{xml_text(value)}</t></is></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return zip_parts(
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
    runs = "".join(
        f'<a:p><a:r><a:rPr lang="nl-NL" sz="{size}"/><a:t>{xml_text(p)}</a:t></a:r></a:p>' for p in paragraphs
    )
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
    return zip_parts(
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
