"""Rows -> aligned text (coloured on a terminal), JSON or CSV.

A command builds :class:`Section` values (columns plus records) once; the
formatter chosen from ``--format`` and the terminal decides how they look, so no
command branches on the output format.

- ``table``: aligned text fitted to the width (views/layout.py): the
  terminal's, ``COLUMNS``, or :data:`~cchc_cli.views.layout.PIPE_WIDTH` when
  piped. On a terminal the same lines get colour (not rich's table layout,
  which costs 0.4 ms a row); piped, or with ``NO_COLOR`` set, none. Overdue
  rows start with "!".
- ``json``: records as objects; dates ISO; UTF-8, not escaped.
- ``csv``: UTF-8 with a BOM so Excel on Windows opens Vietnamese correctly.

Text from data reaches a terminal only through :func:`screen` (every control
character and bidi override made visible) and is never read as markup: a title
with ``[/]`` or ``[bold]`` is shown as written.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TextIO

from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.safetext import for_terminal
from cchc_cli.core.vntext import display_width
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.layout import output_width


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ReportFormat(StrEnum):
    """The report's formats: the terminal's, and the ones an office pastes or files."""

    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    #: A Word document in the layout of NĐ 30/2020 (views/report_docx.py).
    DOCX = "docx"
    #: One self-contained page with charts (issue 22): views/page.py.
    HTML = "html"


#: A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


#: A plain number ("-3" days left) is no formula: it stays a number in a spreadsheet.
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def neutralize(text: str) -> str:
    """Text a spreadsheet will show as written, never evaluate (OWASP's advice)."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class Field:
    """How a column shows a record: its value under ``key``, which is text. A formatter
    reads a whole column of :class:`Rows` at once where a column says this."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, record: dict[str, Any]) -> Any:
        return record[self.key]


class Rows(Sequence[dict[str, Any]]):
    """Records held column by column, one list per key: a long table (60,000 overdue
    pairs) is made and laid out without a dict per row. Read row by row, each record
    is made when asked for (several offices' column, JSON)."""

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        self.size = len(next(iter(columns.values()), []))

    def column(self, key: str) -> list[Any]:
        """The values under ``key``, a row's None where it has none (as ``dict.get``)."""
        found = self.columns.get(key)
        return found if found is not None else [None] * self.size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        return {key: values[index] for key, values in self.columns.items()}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        keys = list(self.columns)
        rows = zip(*self.columns.values(), strict=True)
        return (dict(zip(keys, values, strict=True)) for values in rows)


@dataclass(frozen=True)
class Column:
    """One column of a report: its key, header and how it is shown."""

    key: str
    #: Message key of the header (tables only).
    label: str = ""
    #: Shown in tables; JSON and CSV carry every column with ``data`` set.
    table: bool = True
    data: bool = True
    #: How a table shows the record (default: the value as text).
    show: Callable[[dict[str, Any]], str] | None = None
    #: Right-align (numbers).
    right: bool = False
    style: str | None = None
    #: For spreadsheets: "text", "int", "percent" (a value in percent) or "date".
    kind: str = "text"
    # How a table too wide for the screen gets narrower (views/layout.py):
    #: Message key of a short header ("ĐH" for "HT đúng hạn"), explained in a legend.
    head: str = ""
    #: What the legend says a short header means (default: the full header).
    legend: str = ""
    #: A shorter form of the cell ("P. Nội vụ" for "Phòng Nội vụ").
    brief: Callable[[dict[str, Any]], str] | None = None
    #: Text that may be cut on one line with "…" (the whole text stays in ``show``
    #: and in JSON); numbers, dates and references never are.
    shrink: bool = False
    #: Left out of a table too wide to hold it.
    optional: bool = False


@dataclass
class Section:
    """A part of a report: its columns, records, title and footer."""

    name: str
    columns: Sequence[Column]
    records: Sequence[dict[str, Any]]
    title: str | None = None
    #: Lines printed after the table (totals, notes); tables only.
    footer: list[str] = field(default_factory=list)
    #: A record shown as "label: value" lines rather than a table.
    fields: bool = False
    #: What a table shows instead of a lone header when there are no records.
    empty: str | None = None
    #: Records shown in bold after the others (a totals row); tables only.
    totals: list[dict[str, Any]] = field(default_factory=list)
    #: Records to mark (overdue): "!" before the row, and red on a terminal.
    alert: Callable[[dict[str, Any]], bool] | None = None


@dataclass
class Report:
    """What a command prints: tables for people, rows or a document for programs.

    ``tables`` are shown by the table formats; CSV writes ``data`` (default: the
    first table); JSON writes ``document`` if given, else ``data``'s records.
    """

    tables: list[Section]
    #: The rows for programs, or a function that makes them (only JSON and CSV
    #: need them, and a long list is not built for nothing).
    data: Section | Callable[[], Section] | None = None
    document: Any = None
    #: CSV of every table (titled, translated headers) rather than of ``data``.
    csv_tables: bool = False
    #: Lines above the first table in a document (title block).
    heading: list[str] = field(default_factory=list)

    @property
    def rows(self) -> Section:
        if callable(self.data):
            return self.data()
        return self.data or self.tables[0]


def json_value(value: Any) -> Any:
    """Dates as ISO text; everything else as JSON has it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    return value


def cell_text(value: Any, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt_date(value, lang)
    if isinstance(value, tuple | list):
        return ", ".join(cell_text(v, lang) for v in value)
    return str(value)


def plain_columns(rows: list[list[str]], right: Sequence[bool]) -> list[str]:
    """Align columns by display width, two spaces apart; the last is not padded."""
    if not rows:
        return []
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            last = i == len(row) - 1
            cells.append(pad + cell if right[i] else (cell if last else cell + pad))
        lines.append("  ".join(cells).rstrip())
    return lines


def screen(text: str) -> str:
    """Text for a reader's screen: what data wrote, with nothing that acts on a terminal."""
    return for_terminal(text)


def on_terminal(out: Any) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def output_width_of(out: Any) -> int:
    """The width tables are fitted to: ``COLUMNS``, the terminal's, or the pipe's."""
    size = None
    if on_terminal(out):
        try:
            size = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            size = None
    return output_width(size)


def for_stream(text: str, out: Any) -> str:
    """A data format (JSON, CSV, iCalendar) as written, unless a person's terminal shows it:
    then its control characters are made visible like everything else on screen."""
    return screen(text.replace("\r\n", "\n")) if on_terminal(out) else text


class Formatter:
    #: Formats a person reads on a terminal: their text goes through :func:`screen`.
    for_people = True

    def __init__(self, out: TextIO, lang: Lang, width: int | None = None) -> None:
        self.out = out
        self.lang = lang
        self.width = width or output_width_of(out)

    def emit(self, report: Report) -> None:
        raise NotImplementedError

    def _table_rows(self, section: Section) -> tuple[list[Column], list[list[str]]]:
        columns = [c for c in section.columns if c.table]
        rows = [
            [c.show(r) if c.show else cell_text(r.get(c.key), self.lang) for c in columns]
            for r in self._records(section)
        ]
        if self.for_people:
            rows = [[screen(cell) for cell in row] for row in rows]
        return columns, rows

    def _records(self, section: Section) -> Sequence[dict[str, Any]]:
        if not section.totals:
            return section.records
        return [*section.records, *(section.totals if section.records else [])]

    def _lines(self, lines: Sequence[str]) -> list[str]:
        return [screen(line) for line in lines] if self.for_people else list(lines)

    def _line(self, line: str | None) -> str:
        return "" if line is None else screen(line) if self.for_people else line


class JsonFormatter(Formatter):
    for_people = False

    def emit(self, report: Report) -> None:
        import json

        document = report.document
        text = None
        if document is None:
            from cchc_cli.views.datarows import columns_of, json_rows

            rows = report.rows  # lazy rows are built on each access: once here
            keys = [c.key for c in rows.columns if c.data]
            columns = columns_of(rows, keys)
            text = json_rows(keys, columns)  # None: a value it leaves to json.dumps
            if text is None:
                values = zip(*columns, strict=True)
                document = [dict(zip(keys, map(json_value, row), strict=True)) for row in values]
        if text is None:
            text = json.dumps(document, ensure_ascii=False, indent=2, default=json_value)
        self.out.write(for_stream(text + "\n", self.out))


class CsvFormatter(Formatter):
    for_people = False

    def emit(self, report: Report) -> None:
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if report.csv_tables:
            for line in report.heading:
                writer.writerow([neutralize(line)])
            for section in report.tables:
                columns, rows = self._table_rows(section)
                if report.heading or section is not report.tables[0]:
                    writer.writerow([])
                if section.title:
                    writer.writerow([neutralize(section.title)])
                writer.writerow([t(c.label, self.lang) for c in columns])
                for row in rows:
                    writer.writerow([neutralize(cell) for cell in row])
        else:
            from cchc_cli.views.datarows import columns_of

            section = report.rows
            keys = [c.key for c in section.columns if c.data]
            writer.writerow(keys)
            cells = [[_csv_cell(v) for v in column] for column in columns_of(section, keys)]
            writer.writerows(zip(*cells, strict=True))
        self.out.write(for_stream("\ufeff" + buffer.getvalue(), self.out))


class MarkdownFormatter(Formatter):
    """Pipe tables, for pasting into a document or a chat."""

    def emit(self, report: Report) -> None:
        for line in self._lines(report.heading):
            self.out.write(f"**{_md(line)}**  \n")
        for index, section in enumerate(report.tables):
            if index or report.heading:
                self.out.write("\n")
            if section.title:
                self.out.write(f"### {_md(self._line(section.title))}\n\n")
            columns, rows = self._table_rows(section)
            if not rows and section.empty:
                self.out.write(self._line(section.empty) + "\n")
                continue
            header = [_md(t(c.label, self.lang)) for c in columns]
            self.out.write("| " + " | ".join(header) + " |\n")
            self.out.write("| " + " | ".join("---:" if c.right else "---" for c in columns))
            self.out.write(" |\n")
            for row in rows:
                self.out.write("| " + " | ".join(_md(cell) for cell in row) + " |\n")
            for line in self._lines(section.footer):
                self.out.write(f"\n{_md(line)}\n")


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(_csv_cell(v) for v in value)
    if isinstance(value, str):
        return neutralize(value)
    return str(value)


def use_colour(out: TextIO) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (no-color.org) or the
    terminal says it has none (TERM=dumb)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return on_terminal(out)


def formatter_for(
    fmt: OutputFormat | ReportFormat, lang: Lang, out: TextIO | None = None
) -> Formatter:
    out = out or sys.stdout
    if fmt == OutputFormat.JSON:
        return JsonFormatter(out, lang)
    if fmt == OutputFormat.CSV:
        return CsvFormatter(out, lang)
    if fmt == ReportFormat.MD:
        return MarkdownFormatter(out, lang)
    from cchc_cli.views.textout import ColourFormatter, PlainFormatter

    return ColourFormatter(out, lang) if use_colour(out) else PlainFormatter(out, lang)
