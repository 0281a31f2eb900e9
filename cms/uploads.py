"""Checks that an uploaded document really is what its extension says.

Wagtail checks the extension against WAGTAILDOCS_EXTENSIONS; that alone lets a renamed
program called ``rapport.pdf`` through. These checks read the file's first bytes (and, for the
zip-based office formats, the zip directory) and refuse content that does not match.
Pure functions: the document model calls ``check_document_content`` from its ``clean()``.
"""

import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "xlsx", "ods", "pptx")

# Office Open XML: the part every valid file of that kind contains.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
# OpenDocument: the required first entry "mimetype" holds exactly this.
ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
KIND_LABEL = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": _("OpenDocument text"),
    "ods": _("OpenDocument spreadsheet"),
}
# What zipfile raises on damaged or hostile archives (found by fuzzing): all of them mean "not a
# valid document". RuntimeError covers "encrypted" and, as its subclass, NotImplementedError.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, RuntimeError)


def extension_of(filename):
    """The lower-case extension, or "" when there is none (``.pdf`` alone counts as none)."""
    name = (filename or "").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def check_document_content(fileobj, filename):
    """Raise ValidationError unless the content of ``fileobj`` matches the extension of ``filename``.

    The file position is restored afterwards, so the upload can still be saved.
    """
    extension = extension_of(filename)
    if extension not in ALLOWED_DOCUMENT_EXTENSIONS:
        raise _not_allowed(extension)
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        matches = _content_matches(fileobj, extension)
    finally:
        fileobj.seek(position)
    if not matches:
        raise ValidationError(
            _(
                "This file is not a valid %(kind)s document: its content does not match the "
                ".%(extension)s extension. Save it again from the program that made it, or choose "
                "the right extension."
            ),
            code="content_mismatch",
            params={"kind": KIND_LABEL[extension], "extension": extension},
        )


def _not_allowed(extension):
    allowed = ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)
    if not extension:
        return ValidationError(
            _("This file has no extension. Allowed: %(allowed)s."),
            code="extension_not_allowed",
            params={"allowed": allowed},
        )
    return ValidationError(
        _("Files of type .%(extension)s are not accepted. Allowed: %(allowed)s."),
        code="extension_not_allowed",
        params={"extension": extension, "allowed": allowed},
    )


def _content_matches(fileobj, extension):
    """Dispatch on the extension; ``fileobj`` is positioned at its start."""
    if extension == "pdf":
        return fileobj.read(5) == b"%PDF-"
    if fileobj.read(4) != b"PK\x03\x04":
        return False  # a zip starts with a local file header; this also refuses program+zip hybrids
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            if extension in OOXML_MAIN_PART:
                return {"[Content_Types].xml", OOXML_MAIN_PART[extension]} <= set(archive.namelist())
            return _odf_mimetype(archive) == ODF_MIMETYPE[extension]
    except ZIP_ERRORS:
        return False


def _odf_mimetype(archive):
    """The content of the first entry if it is ``mimetype`` (ODF requires that), else None."""
    entries = archive.infolist()
    if not entries or entries[0].filename != "mimetype" or entries[0].file_size > 100:
        return None
    return archive.read(entries[0])
