"""Checks that an uploaded document really is what its extension says.

Wagtail checks the extension against WAGTAILDOCS_EXTENSIONS; that alone lets a renamed
program called ``rapport.pdf`` through. These checks read the file's first bytes (and, for the
zip-based office formats, the zip directory) and refuse content that does not match.
"""

import zipfile

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
    "pdf": "PDF", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint",
    "odt": "OpenDocument-tekst", "ods": "OpenDocument-spreadsheet",
}


def extension_of(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_document_content(fileobj, filename):
    """Raise ValidationError unless the content of ``fileobj`` matches the extension of ``filename``.

    The file position is restored afterwards, so the upload can still be saved.
    """
    extension = extension_of(filename)
    if extension not in ALLOWED_DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("Files of type .%(extension)s are not accepted. Allowed: %(allowed)s."),
            code="extension_not_allowed",
            params={"extension": extension, "allowed": ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)},
        )
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        if extension == "pdf":
            matches = fileobj.read(5) == b"%PDF-"
        elif extension in OOXML_MAIN_PART:
            matches = _zip_has(fileobj, {"[Content_Types].xml", OOXML_MAIN_PART[extension]})
        else:
            matches = _odf_mimetype(fileobj) == ODF_MIMETYPE[extension]
    finally:
        fileobj.seek(position)
    if not matches:
        raise ValidationError(
            _("This file is not a valid %(kind)s document: its content does not match the "
              ".%(extension)s extension. Save it again from the program that made it, or choose "
              "the right extension."),
            code="content_mismatch",
            params={"kind": KIND_LABEL[extension], "extension": extension},
        )


def _open_zip(fileobj):
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _zip_has(fileobj, names):
    archive = _open_zip(fileobj)
    return archive is not None and names <= set(archive.namelist())


def _odf_mimetype(fileobj):
    archive = _open_zip(fileobj)
    if archive is None:
        return None
    entries = archive.infolist()
    if not entries or entries[0].filename != "mimetype":
        return None
    try:
        return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, RuntimeError):
        return None
