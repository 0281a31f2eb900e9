"""OpenDocument files: ODT and ODS."""

from .packaging import XML_HEAD, is_number, xml_text, zip_parts

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
    return zip_parts({"META-INF/manifest.xml": manifest, "content.xml": content}, first_stored=("mimetype", mimetype))


def make_odt(title, paragraphs):
    """An OpenDocument text: the title as a heading, then one paragraph each."""
    text = f'<text:h text:outline-level="1">{xml_text(title)}</text:h>'
    text += "".join(f"<text:p>{xml_text(p)}</text:p>" for p in paragraphs)
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{text}</office:text>")


def make_ods(title, rows):
    """An OpenDocument spreadsheet laid out like ``make_xlsx``."""
    xml_rows = []
    for row in [[title], *rows]:
        cells = []
        for value in row:
            if is_number(value):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string">'
                    f"<text:p>{xml_text(value)}</text:p></table:table-cell>"
                )
        xml_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    sheet = f'<table:table table:name="Blad1">{"".join(xml_rows)}</table:table>'
    return _odf("application/vnd.oasis.opendocument.spreadsheet", f"<office:spreadsheet>{sheet}</office:spreadsheet>")
