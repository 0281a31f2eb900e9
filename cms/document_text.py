"""Reading the text of an uploaded document file (PDF, DOCX, ODT, XLSX, ODS, PPTX).

Pure functions, no database: ``extract_text(data, extension, limits)`` returns an ``Extraction``
(text, PDF page start offsets, status, reason). One reader per format yields the text in parts
(a PDF page, a paragraph, a spreadsheet row); ``extract_text`` joins them and applies the
limits between parts, so a slow or huge file stops with what was read so far. Nothing raises:
damaged, encrypted, hostile and text-less files end in a status with a reason for the editor.
The service that stores the result is ``cms/file_text.py``.
"""

import io
import time
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms.uploads import ZIP_ERRORS

PENDING, DONE, EMPTY, FAILED, TOO_LARGE = "pending", "done", "empty", "failed", "too_large"
ZIP_FORMATS = ("docx", "xlsx", "pptx", "odt", "ods")
# A zip entry may be this much larger unpacked than packed before it counts as a zip bomb; real
# office XML packs about 5-20 times, a zero-filled bomb thousands of times. Small entries are
# not checked (a tiny, very repetitive XML part is normal).
RATIO_CHECKED_FROM = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 25 * 1024 * 1024
    max_text_chars: int = 2 * 1024 * 1024
    max_pages: int = 1000
    seconds: float = 60.0
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 100


@dataclass
class Extraction:
    text: str = ""
    page_offsets: list = field(default_factory=list)
    status: str = PENDING
    reason: str = ""


def extract_text(data, extension, limits=Limits()):
    """The text of ``data`` (bytes of a file of type ``extension``), within ``limits``."""
    if len(data) > limits.max_file_bytes:
        mb = limits.max_file_bytes // (1024 * 1024)
        return Extraction(status=TOO_LARGE, reason=_("The file is larger than %(mb)s MB: not read.") % {"mb": mb})
    reader = READERS.get(extension)
    if reader is None:
        return Extraction(status=FAILED, reason=_("Files of this type are not read."))
    if extension in ZIP_FORMATS:
        refused = check_zip(data, limits)
        if refused:
            return refused
    try:
        return _collect(reader(io.BytesIO(data)), extension == "pdf", limits)
    except EncryptedError:
        return Extraction(status=FAILED, reason=_("The PDF is protected with a password: its text cannot be read."))
    except Exception as error:  # any parser error on a damaged file: a status, never a crash
        return Extraction(
            status=FAILED,
            reason=_("The file could not be read (damaged?): %(error)s") % {"error": type(error).__name__},
        )


def _collect(parts, paged, limits):
    """Join the parts a reader yields; stop at the page, size and time limits."""
    started = time.monotonic()
    pieces, offsets, length, stopped = [], [], 0, ""
    for count, part in enumerate(parts):
        if paged and count >= limits.max_pages:
            stopped = _("Only the first %(pages)s pages were read.") % {"pages": limits.max_pages}
            break
        if count and time.monotonic() - started > limits.seconds:
            stopped = _("Reading took longer than %(seconds)s seconds: only the first part was read.") % {
                "seconds": int(limits.seconds)
            }
            break
        part = (part or "").strip()
        if paged:
            offsets.append(length)
        elif not part:
            continue
        if pieces:
            pieces.append("\n\n")
            length += 2
            if paged:
                offsets[-1] = length
        if length + len(part) > limits.max_text_chars:
            pieces.append(part[: max(limits.max_text_chars - length, 0)])
            mb = round(limits.max_text_chars / (1024 * 1024), 1)
            stopped = _("The text is longer than %(mb)s MB: only the first part was kept.") % {"mb": mb}
            break
        pieces.append(part)
        length += len(part)
    text = "".join(pieces)
    if stopped:
        return Extraction(text=text, page_offsets=offsets, status=TOO_LARGE, reason=stopped)
    if not text.strip():
        reason = _("No text found: scanned PDF?") if paged else _("No text found.")
        return Extraction(page_offsets=[], status=EMPTY, reason=reason)
    return Extraction(text=text, page_offsets=offsets, status=DONE)


def check_zip(data, limits):
    """Refuse, from the zip directory alone, an archive that would unpack too large (zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except ZIP_ERRORS as error:
        return Extraction(
            status=FAILED,
            reason=_("The file could not be read (damaged?): %(error)s") % {"error": type(error).__name__},
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unzipped_bytes:
        mb = limits.max_unzipped_bytes // (1024 * 1024)
        return Extraction(status=TOO_LARGE, reason=_("The file unpacks to more than %(mb)s MB: not read.") % {"mb": mb})
    for entry in entries:
        if entry.file_size >= RATIO_CHECKED_FROM and entry.file_size > limits.max_zip_ratio * max(
            entry.compress_size, 1
        ):
            return Extraction(status=FAILED, reason=_("The file is packed suspiciously tightly (zip bomb?): not read."))
    # zipfile never unpacks more than the directory declares, so these sizes also bound the parse.
    return None


class EncryptedError(Exception):
    pass


def read_pdf(stream):
    """One part per page (pypdf); a PDF encrypted with an empty user password is still read."""
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted and not reader.decrypt(""):
        raise EncryptedError
    for page in reader.pages:
        yield page.extract_text()


def read_docx(stream):
    """Paragraphs, then table cells (python-docx)."""
    import docx

    document = docx.Document(stream)
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)


def read_xlsx(stream):
    """One part per row, the cells' values separated by tabs (openpyxl, read-only mode)."""
    import openpyxl

    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                yield "\t".join(str(value) for value in row if value is not None)
    finally:
        workbook.close()


def read_pptx(stream):
    """Per slide, the text of its shapes and tables (python-pptx)."""
    from pptx import Presentation

    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            elif getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    yield "\t".join(cell.text for cell in row.cells)


def read_odf(stream):
    """Headings and paragraphs in document order; a table row as one tab-separated part (odfpy)."""
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    paragraph_tags = {(TEXTNS, "p"), (TEXTNS, "h")}
    row_tag, cell_tag = (TABLENS, "table-row"), (TABLENS, "table-cell")
    stack = [load(stream).body]
    while stack:  # depth-first, children in order, without recursion (deep files cannot crash it)
        node = stack.pop()
        tag = getattr(node, "qname", None)
        if tag in paragraph_tags:
            yield teletype.extractText(node)
        elif tag == row_tag:
            cells = [child for child in node.childNodes if getattr(child, "qname", None) == cell_tag]
            yield "\t".join(teletype.extractText(cell) for cell in cells if cell.childNodes)
        else:
            stack.extend(reversed(node.childNodes))


READERS = {"pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "pptx": read_pptx, "odt": read_odf, "ods": read_odf}
