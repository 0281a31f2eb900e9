"""Small but real documents (PDF, DOCX, XLSX, PPTX, ODT, ODS) made with the standard library.

The demo's downloads must open in ordinary software, and the upload tests need genuine files
of every accepted type; shipping binary fixtures would hide what is in them.
"""

from .odf import make_ods, make_odt
from .ooxml import make_docx, make_pptx, make_xlsx
from .pdf import make_pdf


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
