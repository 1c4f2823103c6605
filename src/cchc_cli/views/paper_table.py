"""The rows of a Word table, written as WordprocessingML in one pass.

python-docx reaches a cell by walking the whole table (``row.cells``, ``table.cell``)
and sets each property through several child lookups: a report of 20,000 tasks (some
24,000 rows) took longer than anyone waits. Here every row is written once, as text,
and parsed by lxml at the end: linear, seconds for thousands of rows. Every text goes
through :func:`cchc_cli.views.official.paper_text` (controls shown, nothing XML cannot
hold) and is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cchc_cli.views.official import paper_text

#: Twentieths of a point in a centimetre (1440 per inch).
TWIPS_PER_CM = 1440 / 2.54


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, bold or not, and where it sits."""

    text: str
    bold: bool = False
    align: str = "left"  # "left", "center", "right"
    italic: bool = False
    #: Bold words before the text ("cchc-2023-11/1.2: ").
    lead: str = ""


CellLike = Cell | str
#: (first row, first column, last row, last column) of cells that become one.
Merge = tuple[int, int, int, int]


def table_rows(
    widths: Sequence[float],
    header: Sequence[Sequence[CellLike]],
    rows: Sequence[Sequence[CellLike]],
    size: int,
    header_size: int,
    merges: Sequence[Merge] = (),
) -> list:
    """The ``<w:tr>`` elements of a table: ``header`` rows repeated on every page, then
    ``rows``; ``merges`` count rows from the first header row."""
    spans: dict[tuple[int, int], tuple[int, str | None]] = {}
    covered: set[tuple[int, int]] = set()
    for top, left, bottom, right in merges:
        for row in range(top, bottom + 1):
            state = None if top == bottom else ("restart" if row == top else "continue")
            spans[row, left] = (right - left + 1, state)
            covered.update((row, col) for col in range(left + 1, right + 1))
    twips = [round(w * TWIPS_PER_CM) for w in widths]
    out = []
    for index, values in enumerate([*header, *rows]):
        is_header = index < len(header)
        cells = []
        for col, value in enumerate(values):
            if (index, col) in covered:
                continue
            span, state = spans.get((index, col), (1, None))
            item = value if isinstance(value, Cell) else Cell(value)
            if state == "continue":
                item = Cell("")
            width = sum(twips[col : col + span])
            cells.append(
                _cell(item, width, span, state, header_size if is_header else size, is_header)
            )
        repeat = "<w:trPr><w:tblHeader/></w:trPr>" if is_header else ""
        out.append(f"<w:tr>{repeat}{''.join(cells)}</w:tr>")
    body = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(out)}</w:tbl>")
    return list(body)


def _cell(item: Cell, width: int, span: int, merge: str | None, size: int, header: bool) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    properties += f'<w:vAlign w:val="{"center" if header else "top"}"/>'
    align = "center" if header else item.align
    runs = ""
    if item.lead:
        runs += _run(item.lead, size, bold=True)
    if item.text:
        runs += _run(item.text, size, item.bold or header, item.italic)
    paragraph = f'<w:p><w:pPr><w:jc w:val="{align}"/></w:pPr>{runs}</w:p>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph}</w:tc>"


def _run(text: str, size: int, bold: bool = False, italic: bool = False) -> str:
    """A run of text: line breaks and tabs as Word writes them, the rest escaped."""
    style = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    style += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    lines = []
    for line in paper_text(text).split("\n"):
        parts = (f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in line.split("\t"))
        lines.append("<w:tab/>".join(parts))
    return f"<w:r><w:rPr>{style}</w:rPr>{'<w:br/>'.join(lines)}</w:r>"
