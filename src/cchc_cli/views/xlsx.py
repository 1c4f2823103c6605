"""A report as an Excel workbook (openpyxl), for offices that file in Excel.

One sheet per table of the report; the first carries the title block
(issuer, period, as-of date). Headers are bold and frozen, numbers are numbers,
percentages are percentages, and columns are as wide as their Vietnamese text.
The third sheet holds a bar chart of completion per unit. Every text cell is
written by :func:`_put_text`: stored as text, so a unit named "=HYPERLINK(...)"
is never a formula, and with each control character shown as its escape
(``\x01``), which a workbook cannot hold.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from cchc_cli.core.safetext import for_terminal
from cchc_cli.core.vntext import display_width
from cchc_cli.views.i18n import MESSAGES, Lang, t
from cchc_cli.views.render import Column, Report, Section

MAX_WIDTH = 60
#: Number columns: their long headers wrap instead of widening the sheet.
NUMBER_WIDTH = 12
SHEET_NAME = 31  # Excel's limit on a sheet's name


def workbook_bytes(report: Report, lang: Lang, chart: tuple[str, str, str] | None) -> bytes:
    """``report`` as an .xlsx file's bytes; ``chart`` is (sheet title, label key, percent
    key) of the first table. Bytes, not a file: the caller writes them whole or not at all."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, section in enumerate(report.tables):
        # The workbook starts with one (empty) sheet: the first table's.
        sheet = workbook.worksheets[0] if index == 0 else workbook.create_sheet()
        sheet.title = _sheet_name(section, lang)
        row = 1
        if index == 0:
            for number, line in enumerate(report.heading):
                cell = _put_text(sheet, row, 1, line)
                cell.font = Font(bold=True, size=14 if number == 0 else 11)
                row += 1
            row += 1 if report.heading else 0
        columns = [c for c in section.columns if c.table]
        for col, column in enumerate(columns, start=1):
            cell = _put_text(sheet, row, col, t(column.label, lang))
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
        header_row = row
        widths = [display_width(t(c.label, lang)) for c in columns]
        for record in section.records:
            row += 1
            _write_row(sheet, row, columns, record, widths)
        for record in section.totals if section.records else []:
            row += 1
            _write_row(sheet, row, columns, record, widths)
            for col in range(1, len(columns) + 1):
                sheet.cell(row=row, column=col).font = bold
        if not section.records and section.empty:
            _put_text(sheet, row + 1, 1, section.empty)
        for col, (width, column) in enumerate(zip(widths, columns, strict=True), start=1):
            letter = get_column_letter(col)
            limit = NUMBER_WIDTH if column.kind in ("int", "percent") else MAX_WIDTH
            sheet.column_dimensions[letter].width = min(width + 2, limit)
        # Wrapped headers need their row tall enough: no program sizes it on open.
        lines = max(
            -(-display_width(t(c.label, lang)) // (min(w + 2, NUMBER_WIDTH) - 1))
            if c.kind in ("int", "percent")
            else 1
            for c, w in zip(columns, widths, strict=True)
        )
        sheet.row_dimensions[header_row].height = 15 * lines
        _fit_page(sheet)
    if chart and report.tables and report.tables[0].records:
        _chart(workbook, report.tables[0], chart, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(section: Section, lang: Lang) -> str:
    key = f"sheet.{section.name}"
    name = t(key, lang) if key in MESSAGES else section.title or section.name
    return _BAD_IN_SHEET_NAME.sub("-", for_terminal(name))[:SHEET_NAME]


#: Characters Excel refuses in a sheet's name.
_BAD_IN_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")


def _put_text(sheet: Any, row: int, col: int, text: str) -> Any:
    """The one way text enters a cell: as text, never a formula, never a control character."""
    cell = sheet.cell(row=row, column=col)
    cell.value = for_terminal(text)
    cell.data_type = "s"
    return cell


def _fit_page(sheet: Any) -> None:
    """Printed (or converted to PDF) landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _write_row(sheet: Any, row: int, columns: list[Column], record: dict, widths: list) -> None:
    for col, column in enumerate(columns, start=1):
        value = record.get(column.key)
        cell = sheet.cell(row=row, column=col)
        if value is None or value == "":
            # Some empty values have words ("chưa có": no report yet), never a blank.
            said = column.show(record) if column.show else ""
            if said:
                cell.value = said
                cell.data_type = "s"
                widths[col - 1] = max(widths[col - 1], display_width(said))
            continue
        if column.kind == "int" and isinstance(value, int):
            cell.value = value
            cell.number_format = "0"
            shown = str(value)
        elif column.kind == "percent" and isinstance(value, int | float):
            cell.value = value / 100
            cell.number_format = "0.0%"
            shown = f"{value:.1f}%"
        elif column.kind == "date" and isinstance(value, date):
            cell.value = value
            cell.number_format = "DD/MM/YYYY" if column.label else "YYYY-MM-DD"
            shown = "00/00/0000"
        else:
            shown = column.show(record) if column.show else str(value)
            _put_text(sheet, row, col, shown)
        widths[col - 1] = max(widths[col - 1], display_width(shown))


def _chart(workbook: Any, section: Section, chart: tuple[str, str, str], lang: Lang) -> None:
    from openpyxl.chart import BarChart, Reference

    title, label_key, value_key = chart
    # Third, after the summary and the overdue list, as offices expect it.
    sheet = workbook.create_sheet(t("sheet.chart", lang), index=2)
    _put_text(sheet, 1, 1, t("label.unit", lang))
    _put_text(sheet, 1, 2, t("label.completion", lang))
    for row, record in enumerate(section.records, start=2):
        _put_text(sheet, row, 1, str(record.get(label_key) or ""))
        rate = sheet.cell(row=row, column=2, value=(record.get(value_key) or 0) / 100)
        rate.number_format = "0.0%"
    sheet.column_dimensions["A"].width = min(
        max(display_width(str(r.get(label_key))) for r in section.records) + 2, MAX_WIDTH
    )
    bars = BarChart()
    bars.type = "bar"
    bars.title = title
    bars.y_axis.number_format = "0%"
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = 1
    bars.legend = None
    values = Reference(sheet, min_col=2, min_row=1, max_row=len(section.records) + 1)
    labels = Reference(sheet, min_col=1, min_row=2, max_row=len(section.records) + 1)
    bars.add_data(values, titles_from_data=True)
    bars.set_categories(labels)
    bars.height = max(8, len(section.records) * 0.6)
    bars.width = 22
    sheet.add_chart(bars, "D2")
    _fit_page(sheet)
