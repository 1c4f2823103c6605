"""An official paper as a Word document, in the layout of Nghị định 30/2020/NĐ-CP.

What the decree's Phụ lục I asks, and what this module does:

- A4 portrait (I.1-2); margins top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
  (I.3): here 20, 20, 30 and 15 mm, the most room the decree allows for tables.
- Times New Roman, black (I.4), named for every script so no program falls back.
- Page numbers from 1, Arabic, 13-14 pt, upright, centred in the top margin, not shown
  on the first page (I.7).
- The national motto at the top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in capitals,
  12-13 pt, bold; "Độc lập - Tự do - Hạnh phúc" 13-14 pt, bold, centred under it with
  a line as long as itself (II.1).
- The issuing body at the top left: its parent in capitals, 12-13 pt, upright; the body
  in capitals, 12-13 pt, bold, with a short line under it (II.2); then "Số: …/BC-VP",
  13 pt (II.3); a letter's subject "V/v …" under it, 12-13 pt (II.5b).
- The place and date under the motto, 13-14 pt, italic (II.4).
- The document type in capitals, 13-14 pt, bold, centred; its subject under it, bold,
  with a short line (II.5a).
- The body 13-14 pt, justified, first lines indented 1 cm, at least 6 pt between
  paragraphs, single to 1.5 line spacing (II.6).
- "Nơi nhận:" 12 pt, bold italic, its entries 11 pt, each "- …;" and the last ending
  with "." (II.9); the signature block at the bottom right: the TL./KT. line and title
  in capitals, bold, the name bold (II.7).

Sources: Phụ lục I of Nghị định 30/2020/NĐ-CP (05/3/2020), as published by
thuvienphapluat.vn and luatvietnam.vn. Every text that comes from data goes through
:func:`cchc_cli.views.official.paper_text` first.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.official import TitleBlock, paper_text
from cchc_cli.views.paper_table import CellLike, Merge, table_rows

FONT = "Times New Roman"
BODY = 14
#: The text's width: A4 (21 cm) less the margins of 3 and 1.5 cm.
WIDTH_CM = 16.5
#: The title block's two columns: the issuing body, the national motto.
LEFT_CM, RIGHT_CM = 6.4, 10.1


#: The most characters Word's document properties hold (python-docx refuses more).
PROPERTY_MAX = 255


def _property(text: str) -> str:
    """``text`` as a document property: cut to what the format holds (a long office name)."""
    return paper_text(text)[:PROPERTY_MAX]


class Paper:
    """A paper being written, top to bottom; :meth:`bytes` gives the .docx file."""

    def __init__(self, lang: Lang, title: str, author: str, day: date) -> None:
        self.lang = lang
        self.document = Document()
        self._page()
        self._styles()
        properties = self.document.core_properties
        properties.title = _property(title)
        properties.author = properties.last_modified_by = _property(author) or "cchc"
        properties.created = properties.modified = datetime.combine(day, time())
        properties.comments = ""
        properties.revision = 1

    # -- the page and the styles ---------------------------------------------------

    def _page(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
        section.header_distance = section.footer_distance = Cm(1.0)
        # The page number in the top margin, from page 2 on (Phụ lục I, I.7).
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(number, "PAGE", 13)

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(script), FONT)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN" if self.lang is Lang.VI else "en-GB")
        normal.element.get_or_add_rPr().append(language)
        layout = normal.paragraph_format
        layout.space_before, layout.space_after = Pt(0), Pt(0)
        layout.line_spacing = 1.0

    # -- the title block -------------------------------------------------------------

    def title_block(self, block: TitleBlock, subject: str | None = None) -> None:
        """Issuing body and number on the left, the national motto and the date on the
        right; a letter's subject ("V/v …") under its number."""
        table = self._layout_table([LEFT_CM, RIGHT_CM])
        left, right = table.rows[0].cells
        first = True
        if block.parent:
            _line(left, block.parent.upper(), 13, first=first)
            first = False
        if block.body:
            _line(left, block.body.upper(), 13, bold=True, first=first)
            first = False
        if not first:
            _rule(left, LEFT_CM, 2.2)
        _line(left, block.number, 13, space_before=4, first=first)
        if subject:
            _line(left, subject, 12, space_before=4)
        _line(right, t("paper.motto", self.lang), 12, bold=True, first=True)
        _line(right, t("paper.motto-2", self.lang), 13, bold=True)
        _rule(right, RIGHT_CM, 5.6)
        _line(right, block.place_date, 14, italic=True, space_before=6)

    def heading(self, kind: str, subject: str) -> None:
        """The document type ("BÁO CÁO") and its subject, centred, bold, with a line."""
        _centred(self.document.add_paragraph(), kind.upper(), 14, bold=True, before=18)
        _centred(self.document.add_paragraph(), subject, 14, bold=True)
        rule = self.document.add_paragraph()
        _bottom_line(rule, (WIDTH_CM - 3.0) / 2)
        rule.paragraph_format.space_after = Pt(12)

    def to(self, names: Sequence[str]) -> None:
        """A letter's "Kính gửi:": one name on the line, or a list under it."""
        label = t("paper.to", self.lang)
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(6)
        if len(names) == 1:
            _run(paragraph, f"{label} {paper_text(names[0])}.", BODY)
            return
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.left_indent = Cm(3.0)
        _run(paragraph, label, BODY)
        for index, name in enumerate(names):
            end = "." if index == len(names) - 1 else ";"
            item = self.document.add_paragraph()
            item.paragraph_format.left_indent = Cm(5.0)
            _run(item, f"- {paper_text(name)}{end}", BODY)
        self.document.paragraphs[-1].paragraph_format.space_after = Pt(6)

    # -- the body ----------------------------------------------------------------------

    def paragraph(self, text: str, bold: bool = False, italic: bool = False) -> Paragraph:
        """A paragraph of the body: justified, its first line indented."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        layout = paragraph.paragraph_format
        layout.first_line_indent = Cm(1.0)
        layout.space_before, layout.space_after = Pt(6), Pt(0)
        layout.line_spacing = 1.15
        _run(paragraph, paper_text(text), BODY, bold=bold, italic=italic)
        return paragraph

    def note(self, text: str) -> None:
        """A line under a table (its legend), 12 pt, italic."""
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(3)
        _run(paragraph, paper_text(text), 12, italic=True)

    def table(
        self,
        widths: Sequence[float],
        header: Sequence[Sequence[CellLike]],
        rows: Sequence[Sequence[CellLike]],
        size: int = 12,
        merges: Sequence[Merge] = (),
        header_size: int | None = None,
    ) -> Table:
        """A table of ``widths`` (cm), its ``header`` rows repeated on every page, then
        ``rows``; ``merges`` are (first row, first column, last row, last column) of the
        whole table, header included, whose cells become one."""
        table = self.document.add_table(rows=0, cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed(table, widths)
        for row in table_rows(widths, header, rows, size, header_size or size, merges):
            table._tbl.append(row)
        # The paragraph after the table: tables must not touch.
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)
        return table

    # -- the bottom ----------------------------------------------------------------------

    def closing(self, block: TitleBlock, recipients: Sequence[str]) -> None:
        """ "Nơi nhận:" at the bottom left, the signature block at the bottom right."""
        table = self._layout_table([WIDTH_CM - 8.5, 8.5])
        left, right = table.rows[0].cells
        _line(left, t("paper.recipients", self.lang), 12, bold=True, italic=True, first=True,
              align="left")  # fmt: skip
        for index, recipient in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            _line(left, f"- {paper_text(recipient).rstrip(';.')}{end}", 11, align="left")
        signer = block.signer
        first = True
        if signer and signer.on_behalf:
            _line(right, paper_text(signer.on_behalf).upper(), 13, bold=True, first=True)
            first = False
        if signer and signer.title:
            _line(right, paper_text(signer.title).upper(), 13, bold=True, first=first)
            first = False
        if first:
            _line(right, "", 13, first=True)
        # Room for the signature and the seal.
        for _ in range(4):
            _line(right, "", 14)
        if signer and signer.name:
            _line(right, paper_text(signer.name), 14, bold=True)

    def _layout_table(self, widths: Sequence[float]) -> Table:
        """A borderless table of one row: how the decree's blocks sit side by side."""
        table = self.document.add_table(rows=1, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed(table, widths)
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = Cm(width)
        return table

    def page_break(self) -> None:
        self.document.add_page_break()

    def bytes(self) -> bytes:
        # python-docx's template carries a thumbnail of another document: a file browser
        # would show it as this one's preview.
        package = self.document.part.package
        for key, relation in list(package.rels.items()):
            if relation.reltype == RT.THUMBNAIL:
                del package.rels[key]
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


# -- helpers ----------------------------------------------------------------------------


def _run(paragraph: Paragraph, text: str, size: int, bold: bool = False, italic: bool = False):
    """Every text of the paper enters here, made safe (:func:`paper_text`) once more: a
    character XML cannot hold would make python-docx refuse the whole paper."""
    run = paragraph.add_run(paper_text(text))
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return run


def _line(
    cell: _Cell,
    text: str,
    size: int,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    space_before: int = 0,
    align: str = "center",
) -> Paragraph:
    """One line of a block: a cell's own first paragraph, or a new one."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    if text:
        _run(paragraph, text, size, bold, italic)
    else:
        paragraph.paragraph_format.line_spacing = Pt(size * 1.15)
    return paragraph


def _centred(paragraph: Paragraph, text: str, size: int, bold: bool, before: int = 0) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    _run(paragraph, paper_text(text), size, bold)


def _rule(cell: _Cell, cell_cm: float, line_cm: float) -> None:
    """A short centred line in a cell: a paragraph as long as the line, bordered below."""
    _bottom_line(cell.add_paragraph(), (cell_cm - 0.4 - line_cm) / 2)


def _bottom_line(paragraph: Paragraph, indent_cm: float) -> None:
    """A paragraph drawn as a line: empty, 4 pt high, bordered below, set in from both
    sides (a drawn shape would not move with the text)."""
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = Cm(max(indent_cm, 0))
    layout.line_spacing = Pt(4)
    layout.space_before = Pt(1)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(borders)
    properties.append(mark)


def _field(paragraph: Paragraph, instruction: str, size: int) -> None:
    """A field Word and LibreOffice compute (PAGE: the page's number)."""
    run = _run(paragraph, "", size)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _fixed(table: Table, widths: Sequence[float]) -> None:
    """Columns of the given widths whatever the text: a long word wraps, never widens;
    cells padded 1 mm a side (Word's 1.9 mm leaves a number column no room)."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # twentieths of a point: 1 mm
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    for width, column in zip(widths, table.columns, strict=True):
        column.width = Cm(width)


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
