"""A report as an Excel workbook (openpyxl), for offices that file in Excel.

One sheet per table of the report, then a bar chart of completion per unit as the
third sheet. Every sheet starts with the report's title block (office, title,
period and as-of date) and the table's own title, so a printed page says what it
is; its header row is bold, frozen and repeated on every printed page. Numbers
are numbers, percentages percentages, dates dates; text is whole and wrapped,
columns as wide as their Vietnamese text up to a limit, rows as tall as their
wrapped text (set, since no program sizes rows on opening). Printed A4 landscape,
one page wide, with page numbers. The font is named on every cell (Times New
Roman, as Nghị định 30/2020 asks of official papers), never left to a fallback.

Every text cell is written by :func:`put_text`: stored as text, so a unit named
"=HYPERLINK(...)" is never a formula, with each control character shown as its
escape (``\\x01``), which a workbook cannot hold.
"""

from __future__ import annotations

import io
import re
import textwrap
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText
from openpyxl.chart.text import Text as ChartText
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.drawing.text import Font as TypeFace
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from cchc_cli.core.vntext import display_width
from cchc_cli.views.i18n import MESSAGES, Lang, t
from cchc_cli.views.official import paper_text
from cchc_cli.views.render import Column, Report, Section

FONT = "Times New Roman"
SIZE = 12
TITLE_SIZE = 14
#: Points per line of 12 pt text, with the leading LibreOffice and Excel give it.
LINE_HEIGHT = 16.0
MAX_WIDTH = 60
#: Number columns: their long headers wrap instead of widening the sheet.
NUMBER_WIDTH = 13
#: Characters of 12 pt Times New Roman per unit of column width (measured in LibreOffice:
#: a column 20 wide holds about 25 regular or 22 bold Vietnamese characters a line).
PER_UNIT = 1.3
PER_UNIT_BOLD = 1.15
#: A header wraps onto at most this many lines before its column widens.
HEADER_LINES = 3
SHEET_NAME = 31  # Excel's limit on a sheet's name
_SIDE = Side(style="thin", color="808080")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_NO_BORDER = Border()
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
#: The width of a column nobody set.
DEFAULT_WIDTH = 8.43
#: Columns the chart sheet's title block spans (its table and the chart beside it).
CHART_SPAN = 12


def workbook_bytes(
    report: Report, lang: Lang, chart: tuple[str, str, str] | None, title: str | None = None
) -> bytes:
    """``report`` as an .xlsx file's bytes; ``chart`` is (chart title, label key, percent
    key) of the first table; ``title`` the heading line that is the document's title
    (set larger). Bytes, not a file: the caller writes them whole or not at all."""

    workbook = Workbook()
    _add_styles(workbook, lang)
    for index, section in enumerate(report.tables):
        # The workbook starts with one (empty) sheet: the first table's.
        sheet = workbook.worksheets[0] if index == 0 else workbook.create_sheet()
        sheet.title = _sheet_name(section, lang)
        _table_sheet(sheet, report, section, lang, title)
    if chart and report.tables and report.tables[0].records:
        _chart(workbook, report, chart, lang, title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table_sheet(sheet: Any, report: Report, section: Section, lang: Lang, title: str | None):
    columns = [c for c in section.columns if c.table]
    widths = _widths(section, columns, lang)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(col)].width = width
    row = _title_block(sheet, report.heading, title, widths)
    if section.title:
        _put_line(sheet, row, section.title, widths, bold=True)
        row += 1
    header_row = row
    for col, column in enumerate(columns, start=1):
        put_text(sheet, row, col, t(column.label, lang), bold=True, header=True)
    sheet.row_dimensions[row].height = _height(
        [t(c.label, lang) for c in columns], widths, bold=True
    )
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for record in section.records:
        row += 1
        _write_row(sheet, row, columns, record, widths, lang)
    for record in section.totals if section.records else []:
        row += 1
        _write_row(sheet, row, columns, record, widths, lang, bold=True)
    if not section.records and section.empty:
        row += 1
        _put_line(sheet, row, section.empty, widths)
    for line in section.footer if section.records else []:
        row += 2
        _put_line(sheet, row, line, widths)
    _print_setup(sheet, header_row, lang)


def _sheet_name(section: Section, lang: Lang) -> str:
    key = f"sheet.{section.name}"
    name = t(key, lang) if key in MESSAGES else section.title or section.name
    return _BAD_IN_SHEET_NAME.sub("-", paper_text(name))[:SHEET_NAME]


#: Characters Excel refuses in a sheet's name.
_BAD_IN_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")


def _font(bold: bool = False, size: int = SIZE, italic: bool = False) -> Any:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


#: The kinds of cell a table has; each a named style, plain and bold (totals).
_KINDS = {"text": "General", "int": "0", "percent": "0.0%", "date": None}


def _add_styles(workbook: Any, lang: Lang) -> None:
    """One named style per kind of cell, made once: a cell takes its style by name (an
    object per cell costs openpyxl a hash of it every time: minutes for 20,000 rows)."""
    dates = "DD/MM/YYYY" if lang is Lang.VI else "YYYY-MM-DD"
    kinds = dict(_KINDS)
    if lang is Lang.VI:
        # "60,0%" as the other papers write it, whatever the reader's own locale
        # ([$-42A]: Vietnamese, honoured by Excel and LibreOffice).
        kinds["percent"] = "[$-42A]0.0%"
    for kind, number_format in kinds.items():
        for bold in (False, True):
            style = NamedStyle(name=_style(kind, bold))
            style.font = _font(bold)
            style.border = _BORDER
            style.alignment = Alignment(wrap_text=kind == "text", vertical="top")
            style.number_format = number_format or dates
            workbook.add_named_style(style)
    header = NamedStyle(name=_style("header"))
    header.font = _font(bold=True)
    header.border = _BORDER
    header.fill = _HEADER_FILL
    header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    workbook.add_named_style(header)


def _style(kind: str, bold: bool = False) -> str:
    return f"cchc {kind}{' bold' if bold else ''}"


def put_text(
    sheet: Any, row: int, col: int, text: str, bold: bool = False, header: bool = False
) -> Any:
    """The one way text enters a cell: as text, never a formula, never a control
    character; in the workbook's font, wrapped."""
    cell = sheet.cell(row=row, column=col)
    cell.value = paper_text(text)
    cell.data_type = "s"
    cell.style = _style("header") if header else _style("text", bold)
    return cell


def _put_line(
    sheet: Any,
    row: int,
    text: str,
    widths: list[float],
    bold: bool = False,
    size: int = SIZE,
    centre: bool = False,
    italic: bool = False,
) -> None:
    """A line of the title block: across the table's width, wrapped, the row tall enough."""

    cell = put_text(sheet, row, 1, text)
    cell.border = _NO_BORDER
    cell.font = _font(bold, size, italic)
    cell.alignment = Alignment(
        wrap_text=True, vertical="center", horizontal="center" if centre else "left"
    )
    # Across the table, and beyond it where a narrow table would fold the line.
    span, room = len(widths), sum(widths)
    needed = _units(text, bold) * size / SIZE + 2
    while room < needed and span < len(widths) + 20:
        span, room = span + 1, room + DEFAULT_WIDTH
    if span > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    lines = _lines(text, room * SIZE / size, bold)
    sheet.row_dimensions[row].height = LINE_HEIGHT * size / SIZE * lines


def _title_block(sheet: Any, heading: list[str], title: str | None, widths: list[float]) -> int:
    """The report's heading above the table: the title larger; the next free row."""
    row = 1
    seen_title = title is None
    for line in heading:
        if line == title:
            _put_line(sheet, row, line, widths, bold=True, size=TITLE_SIZE, centre=True)
            seen_title = True
        else:
            # Before the title: the office's name; after it: the period, the notes.
            _put_line(sheet, row, line, widths, bold=not seen_title, centre=True, italic=seen_title)
        row += 1
    return row + 1 if heading else row


def _letter(col: int) -> str:
    return get_column_letter(col)


def _shown(column: Column, record: dict, lang: Lang) -> str:
    """The text a cell shows, to size its column and row."""
    value = record.get(column.key)
    if value is None or value == "":
        return column.show(record) if column.show else ""
    if column.kind == "percent" and isinstance(value, int | float):
        return f"{value:.1f}%"
    if column.kind == "date" and isinstance(value, date):
        return "00/00/0000"
    return column.show(record) if column.show else str(value)


def _widths(section: Section, columns: list[Column], lang: Lang) -> list[float]:
    """Each column as wide as its widest cell, up to a limit (text wraps beyond it);
    a number column as wide as its numbers and its header on at most three lines."""
    widths = []
    for column in columns:
        header = t(column.label, lang)
        cells = [_shown(column, r, lang) for r in (*section.records, *section.totals)]
        widest = max((_units(c) for c in cells), default=0)
        if column.kind in ("int", "percent", "date"):
            width = max(widest + 2, 4.0)
            while not _fits(header, width) and width < NUMBER_WIDTH:
                width += 0.5
            widths.append(round(min(width, NUMBER_WIDTH), 1))
        else:
            fits = _units(header, bold=True)
            widths.append(round(min(max(widest, fits) + 2, MAX_WIDTH), 1))
    return widths


def _weight(text: str) -> float:
    """How wide the text's letters are on average: capitals take about 1.4 times the room."""
    if not text:
        return 1.0
    return 1.0 + 0.4 * sum(map(str.isupper, text)) / len(text)


def _units(text: str, bold: bool = False) -> float:
    """Units of column width ``text`` takes on one line."""
    return display_width(text) * _weight(text) / (PER_UNIT_BOLD if bold else PER_UNIT)


def _room(text: str, width: float, bold: bool = False) -> int:
    """Characters of ``text`` a line of a column ``width`` units wide holds."""
    per_unit = (PER_UNIT_BOLD if bold else PER_UNIT) / _weight(text)
    return max(1, int((width - 0.5) * per_unit))


def _fits(header: str, width: float) -> bool:
    """A bold header fits: no word broken, at most :data:`HEADER_LINES` lines."""
    room = _room(header, width, bold=True)
    whole = all(display_width(word) <= room for word in header.split())
    return whole and _lines(header, width, bold=True) <= HEADER_LINES


def _lines(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` units wide (less the cell's
    padding)."""
    room = _room(text, width, bold)
    return sum(
        max(1, len(textwrap.wrap(part, room, break_long_words=True))) for part in text.split("\n")
    )


def _height(texts: list[str], widths: list[float], bold: bool = False) -> float:
    return LINE_HEIGHT * max(
        (_lines(text, width, bold) for text, width in zip(texts, widths, strict=True)),
        default=1,
    )


def _write_row(
    sheet: Any,
    row: int,
    columns: list[Column],
    record: dict,
    widths: list[float],
    lang: Lang,
    bold: bool = False,
) -> None:

    texts = []
    for col, column in enumerate(columns, start=1):
        value = record.get(column.key)
        texts.append(_shown(column, record, lang))
        if value is None or value == "":
            # Some empty values have words ("chưa có": no report yet), never a blank.
            said = column.show(record) if column.show else ""
            put_text(sheet, row, col, said, bold)
            continue
        cell = sheet.cell(row=row, column=col)
        if column.kind == "int" and isinstance(value, int):
            cell.value = value
        elif column.kind == "percent" and isinstance(value, int | float):
            cell.value = value / 100
        elif column.kind == "date" and isinstance(value, date):
            cell.value = value
        else:
            put_text(sheet, row, col, column.show(record) if column.show else str(value), bold)
            continue
        cell.style = _style(column.kind, bold)
    sheet.row_dimensions[row].height = _height(texts, widths, bold)


def _print_setup(sheet: Any, header_row: int, lang: Lang) -> None:
    """Printed (or converted to PDF) A4 landscape, one page wide, the header row on
    every page, page numbers at the foot."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = t("sheet.page", lang)
    sheet.oddFooter.center.font = FONT
    sheet.oddFooter.center.size = 11


def _chart(
    workbook: Any, report: Report, chart: tuple[str, str, str], lang: Lang, title: str | None
) -> None:

    section = report.tables[0]
    caption, label_key, value_key = chart
    # Third, after the summary and the overdue list, as offices expect it.
    sheet = workbook.create_sheet(t("sheet.chart", lang), index=2)
    records = section.records
    name_width = max(display_width(str(r.get(label_key) or "")) for r in records) + 2
    widths = [min(name_width, MAX_WIDTH), NUMBER_WIDTH] + [9.0] * (CHART_SPAN - 2)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(col)].width = width
    row = _title_block(sheet, report.heading, title, widths)
    _put_line(sheet, row, caption, widths, bold=True)
    first = row + 1
    put_text(sheet, first, 1, t("label.unit", lang), bold=True, header=True)
    put_text(sheet, first, 2, t("label.completion", lang), bold=True, header=True)
    sheet.row_dimensions[first].height = _height(
        [t("label.unit", lang), t("label.completion", lang)], widths[:2], bold=True
    )
    for row, record in enumerate(records, start=first + 1):
        put_text(sheet, row, 1, str(record.get(label_key) or ""))
        rate = sheet.cell(row=row, column=2, value=(record.get(value_key) or 0) / 100)
        rate.style = _style("percent")
    last = first + len(records)
    bars = BarChart()
    bars.type = "bar"
    bars.title = _chart_title(caption)
    bars.legend = None
    bars.y_axis.number_format = "0%"
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = 1
    # Bars top to bottom in the table's order (a bar chart draws its first category at
    # the bottom), with the percentage axis still below them.
    bars.x_axis.scaling.orientation = "maxMin"
    bars.y_axis.crosses = "max"
    # openpyxl 3.1 marks axes deleted unless told: no unit names, no percentages.
    bars.x_axis.delete = False
    bars.y_axis.delete = False
    # The value at each bar, and only that: LibreOffice reads a flag left out as "show".
    bars.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
        showPercent=False, showBubbleSize=False,
    )  # fmt: skip
    # Every text of the chart in the workbook's font (left alone, each program picks one).
    for part in (bars.x_axis, bars.y_axis, bars.dataLabels):
        part.txPr = _chart_text(10)
    bars.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
    bars.height = max(8, len(records) * 0.6)
    bars.width = 22
    sheet.add_chart(bars, f"D{first}")
    _print_setup(sheet, first, lang)


def _chart_font(size: int, bold: bool = False) -> CharacterProperties:
    face = TypeFace(typeface=FONT)
    return CharacterProperties(latin=face, ea=face, cs=face, sz=size * 100, b=bold)


def _chart_text(size: int) -> RichText:
    font = _chart_font(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=font), endParaRPr=font)])


def _chart_title(text: str) -> Title:
    font = _chart_font(12, bold=True)
    run = RegularTextRun(rPr=font, t=paper_text(text))
    body = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=font), r=[run])])
    return Title(tx=ChartText(rich=body), overlay=False)
