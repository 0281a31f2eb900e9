"""What Office Open XML and OpenDocument files share: XML text escaping and the zip container."""

import io
import math
import re
import zipfile
from xml.sax.saxutils import escape

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    """Escape for XML text, dropping control characters XML 1.0 cannot hold at all."""
    return escape(XML_ILLEGAL.sub("", str(text)))


def zip_parts(parts, first_stored=None):
    """Zip ``parts`` (name -> text); ``first_stored`` is written first and uncompressed (ODF)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            archive.writestr(zipfile.ZipInfo(first_stored[0]), first_stored[1], compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def is_number(value):
    """Numbers become numeric cells; bools and NaN/infinity have no portable cell form, so stay text."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
