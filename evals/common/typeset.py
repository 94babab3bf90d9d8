"""What the libraries' build_docs.py share to typeset their binary gold documents (.docx and .pdf).

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). A paragraph of a PDF may carry an alignment prefix: "RIGHT:" (a
signature, a date), "CENTER:" (an embedded title) or "H:" (a heading, flush left); a leading "　　"
is a two-character first-line indent, as printed files have.
"""

from __future__ import annotations

from pathlib import Path

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FONT_INDEX = 2  # the SC face inside the collection
PREFIXES = (("RIGHT:", "R"), ("CENTER:", "C"), ("H:", "L"))


def unprefixed(paragraph: str) -> tuple[str, str | None]:
    """The paragraph's text and its alignment prefix's fpdf alignment (None without one)."""
    for prefix, align in PREFIXES:
        if paragraph.startswith(prefix):
            return paragraph[len(prefix):], align
    return paragraph, None


def pdf_source_text(lines: list[str], paragraphs: list[str]) -> str:
    """The PDF's text as written (before wrapping), for validating labels: `lines`, then the paragraphs."""
    return "\n".join([*lines, *(unprefixed(p)[0] for p in paragraphs)])


def table_source_text(head: list[str], table: list[list[str]], body: list[str]) -> str:
    """A docx's paragraphs and table cells, joined (rows as 'a | b | c')."""
    return "\n".join([*head, *(" | ".join(row) for row in table), *body])


def add_table(doc, rows: list[list[str]]) -> None:
    """A bordered table of `rows` (the first is the header row) at the end of a python-docx Document."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def new_pdf(pdf_class, margins: tuple[float, float, float]):
    """An A4 fpdf2 document of `pdf_class` with the CJK font as "cjk" and automatic page breaks."""
    pdf = pdf_class(format="A4")
    pdf.set_margins(*margins)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_font("cjk", "", FONT, collection_font_number=FONT_INDEX)
    pdf.add_page()
    return pdf


def write_articles(pdf, paragraphs: list[str], line_gap: float = 11) -> None:
    """Articles typeset as official documents are: a two-character first-line indent, lines broken by
    width; RIGHT: paragraphs (signatures, the date) flush right, H: headings flush left without the indent."""
    for paragraph in paragraphs:
        text, align = unprefixed(paragraph)
        if align is not None:
            pdf.multi_cell(0, 9, text, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_x(pdf.l_margin + 2 * pdf.font_size)
            pdf.write(9, text[2:])
            pdf.ln(line_gap)


def save_pdf(pdf, path: Path) -> None:
    pdf.output(str(path))
    identity_h(path)


def identity_h(path: Path) -> None:
    """fpdf2 names its CID encoding by an embedded CMap stream, which pypdf 7 decodes as one-byte
    codes (text comes out as "\\x00第\\x00一"). The embedded CMap is the identity, so declaring the
    standard /Identity-H is the same mapping and is what real-world PDFs use."""
    import pypdf
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(path)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object()[NameObject("/Encoding")] = NameObject("/Identity-H")
    with path.open("wb") as handle:
        writer.write(handle)
