"""PDF files with the standard Helvetica fonts: text wrapped by real glyph widths, over as many
A4 pages as it needs."""

import io
import unicodedata

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
