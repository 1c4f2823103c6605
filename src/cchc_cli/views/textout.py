"""Tables as aligned text for people: plain when piped, coloured on a terminal.

Both write the same characters, fitted to the width by views/layout.py; the
terminal's formatter only adds SGR codes around cells, so colour costs no
layout (rich's table layout costs about 0.4 ms a row: 8 s for 20,000).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from cchc_cli.core.vntext import display_width, one_column_each, shorten
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.layout import (
    GAP,
    MIN_SHRINK,
    Col,
    distinct_text,
    each_once,
    fit,
    one_line,
    pad,
    wrap,
)
from cchc_cli.views.render import (
    Column,
    Field,
    Formatter,
    Report,
    Rows,
    Section,
    cell_text,
    screen,
)

#: The mark of an overdue row in plain text (on a terminal the row is red, too).
ALERT_MARK = "!"


class Picked(Rows):
    """Some rows of a shared table (``base``), by number and in order, with values the
    same on every row (``same``): each unit's section of the overdue list picks the lines
    of the tasks overdue for it, and a formatter lays each line out once
    (:meth:`PlainFormatter._picked_table`). Read as :class:`Rows`, they are the rows
    picked."""

    def __init__(self, base: Rows, numbers: list[int], same: dict[str, Any]) -> None:
        self.base = base
        self.numbers = numbers
        self.same = same
        self.size = len(numbers)

    @property
    def columns(self) -> dict[str, list[Any]]:  # type: ignore[override]
        picked = {k: list(map(v.__getitem__, self.numbers)) for k, v in self.base.columns.items()}
        return picked | {key: [value] * self.size for key, value in self.same.items()}

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        number = self.numbers[index]
        return {k: v[number] for k, v in self.base.columns.items()} | self.same

    def column(self, key: str) -> list[Any]:
        if key in self.same:
            return [self.same[key]] * self.size
        return list(map(self.base.column(key).__getitem__, self.numbers))


class _SharedColumn:
    """A column of a shared table (:class:`Picked`): its cells, each distinct one's width,
    and each cut, padded and painted once per width the column is laid out at."""

    def __init__(self, cells: list[str]) -> None:
        self.cells = cells
        distinct = set(cells)
        if one_column_each(distinct_text(list(distinct))):
            self.width_of = {text: len(text) for text in distinct}
        else:
            self.width_of = {text: display_width(text) for text in distinct}
        self.widths = list(map(self.width_of.__getitem__, cells))
        self.of_width = {width: text for text, width in self.width_of.items()}
        self.made: dict[tuple[int, bool], dict[str, str]] = {}

    def widest(self, numbers: list[int]) -> str:
        """A cell as wide as the widest of the rows ``numbers``."""
        return self.of_width[max(map(self.widths.__getitem__, numbers))] if numbers else ""

    def laid(
        self, numbers: list[int], width: int, last: bool, make: Callable[[str, int, bool], str]
    ) -> list[str]:
        """The rows' cells cut to ``width`` (as :func:`fit` cuts them) and laid out by
        ``make`` (``last``: in the table's last column), each distinct text once."""
        made = self.made.get((width, last))
        if made is None:
            made = self.made[width, last] = {
                text: make(text if w <= width else shorten(text, width), width, last)
                for text, w in self.width_of.items()
            }
        return list(map(made.__getitem__, map(self.cells.__getitem__, numbers)))


def _plain_rows(section: Section) -> bool:
    """Whether a section's rows are laid out as they come: no marks, no totals, no
    short form of a cell."""
    return (
        section.alert is None
        and not section.totals
        and all(column.brief is None for column in section.columns)
    )


class PlainFormatter(Formatter):
    """Aligned text fitted to the width (views/layout.py), written line by line.

    :class:`ColourFormatter` writes the very same characters with colour added, so
    a terminal costs no more layout than a pipe.
    """

    #: Whether :meth:`_paint` adds anything (colour): a marked row is then painted anew.
    painted = False

    def emit(self, report: Report) -> None:
        write = self.out.write
        #: Short headers the legend has explained: each once in a report.
        self._explained: set[str] = set()
        #: What sections of :class:`Picked` rows share: each shared table's cells per
        #: column, and its lines as laid out at each set of column widths.
        self._shared: dict[tuple[int, int], _SharedColumn] = {}
        self._laid: dict[tuple[Any, ...], dict[int, str]] = {}
        for line in self._lines(report.heading):
            for part in wrap(line, self.width):
                write(self._bold(part) + "\n")
        for index, section in enumerate(report.tables):
            if index or report.heading:
                write("\n")
            if section.title:
                for part in wrap(self._line(section.title), self.width):
                    write(self._bold(part) + "\n")
            records = self._records(section)
            if not records and section.empty:
                write(self._line(section.empty) + "\n")
                continue
            if section.fields:
                self._fields(section, records)
            elif isinstance(records, Picked) and _plain_rows(section):
                self._picked_table(section, records)
            else:
                self._table(section, records)
            for line in self._lines(section.footer):
                for part in wrap(line, self.width):
                    write(part + "\n")

    def _fields(self, section: Section, records: Sequence[dict[str, Any]]) -> None:
        _, rows = self._table_rows(section)
        labels = [f"{row[0]}:" for row in rows]
        label_width = max((display_width(label) for label in labels), default=0)
        room = max(self.width - label_width - GAP, MIN_SHRINK)
        indent = " " * (label_width + GAP)
        for label, row in zip(labels, rows, strict=True):
            # A tab would jump to the terminal's next tab stop, out of the column.
            value = row[1].replace("\t", " ") if len(row) > 1 else ""
            lines = wrap(value, room)
            head = self._bold(label) + " " * (label_width - display_width(label) + GAP)
            self.out.write((head + lines[0]).rstrip() + "\n")
            for line in lines[1:]:
                self.out.write((indent + line).rstrip() + "\n")

    def _cols(self, section: Section, records: Sequence[dict[str, Any]]) -> list[Col]:
        columns = [c for c in section.columns if c.table]
        people = self.for_people
        cols = []
        for column in columns:
            cells = _cells(column.show, column.key, records, self.lang, people)
            brief = (
                _cells(column.brief, column.key, records, self.lang, people)
                if column.brief
                else None
            )
            cols.append(
                Col(
                    t(column.label, self.lang),
                    cells,
                    right=column.right,
                    short_head=t(column.head, self.lang) if column.head else "",
                    brief=brief,
                    shrink=column.shrink,
                    optional=column.optional,
                )
            )
        return cols

    def _table(self, section: Section, records: Sequence[dict[str, Any]]) -> None:
        columns = [c for c in section.columns if c.table]
        cols = self._cols(section, records)
        marks = _marks(section, len(records))
        mark_width = len(ALERT_MARK) + GAP if any(marks) else 0
        spec = {id(col): column for col, column in zip(cols, columns, strict=True)}
        shown = fit(cols, self.width - mark_width)
        styles = [spec[id(col)].style for col in shown]
        lead = " " * mark_width
        rows = self._rows(shown, styles, marks, len(section.records), len(records))
        legend = [
            f"{col.head}: {t(spec[id(col)].legend or spec[id(col)].label, self.lang)}"
            for col in shown
            if col.used_short_head
        ]
        legend = [entry for entry in legend if entry not in self._explained]
        self._explained.update(legend)
        # One write: 60,000 rows written one by one cost more than making them.
        if mark_width:
            unmarked, marked = " " + lead[1:], self._paint(ALERT_MARK, "bold red") + lead[1:]
            leads = [marked if mark else unmarked for mark in marks]
            rows = list(map(str.rstrip, map(str.__add__, leads, rows)))
        lines = [lead + self._header(shown) + "\n"]
        if rows:
            lines += ["\n".join(rows), "\n"]
        if legend:
            text = t("label.legend", self.lang, items="; ".join(legend))
            lines += [part + "\n" for part in wrap(text, self.width)]
        self.out.write("".join(lines))

    def _picked_table(self, section: Section, picked: Picked) -> None:
        """:meth:`_table` of rows picked from a shared table, each line of that table laid
        out once per set of widths: the overdue list repeats a task's line in the section
        of each unit it is overdue for (60,000 lines of 5,000 tasks), and its sections
        mostly come to the same widths. :func:`fit` looks only at each column's widest
        cell (what it cuts is cut again below, each text once); no marks, totals or short
        cells here (:func:`_plain_rows`)."""
        columns = [c for c in section.columns if c.table]
        numbers = picked.numbers
        shared = [self._shared_column(column, picked.base) for column in columns]
        cols = [
            Col(
                t(column.label, self.lang),
                [one.widest(numbers)],
                right=column.right,
                short_head=t(column.head, self.lang) if column.head else "",
                shrink=column.shrink,
                optional=column.optional,
            )
            for column, one in zip(columns, shared, strict=True)
        ]
        fit(cols, self.width)
        shown = [n for n, col in enumerate(cols) if col.shown]
        key = (id(picked.base), *((id(columns[n]), cols[n].width) for n in shown))
        laid = self._laid.setdefault(key, {})
        missing = list(set(numbers).difference(laid))
        if missing:
            texts = [
                shared[n].laid(missing, cols[n].width, n == shown[-1], self._maker(columns[n]))
                for n in shown
            ]
            rows = zip(*texts, strict=True) if texts else [()] * len(missing)
            laid.update(zip(missing, map(str.rstrip, map("  ".join, rows)), strict=True))
        legend = [
            f"{cols[n].head}: {t(columns[n].legend or columns[n].label, self.lang)}"
            for n in shown
            if cols[n].used_short_head
        ]
        legend = [entry for entry in legend if entry not in self._explained]
        self._explained.update(legend)
        lines = [self._header([cols[n] for n in shown]) + "\n"]
        if numbers:
            lines += ["\n".join(map(laid.__getitem__, numbers)), "\n"]
        if legend:
            text = t("label.legend", self.lang, items="; ".join(legend))
            lines += [part + "\n" for part in wrap(text, self.width)]
        self.out.write("".join(lines))

    def _shared_column(self, column: Column, base: Rows) -> _SharedColumn:
        """The cells of ``column`` in every row of ``base``, made once for every section
        that picks from it."""
        key = (id(base), id(column))
        found = self._shared.get(key)
        if found is None:
            cells = _cells(column.show, column.key, base, self.lang, self.for_people)
            found = self._shared[key] = _SharedColumn(cells)
        return found

    def _maker(self, column: Column) -> Callable[[str, int, bool], str]:
        """How a cell cut to a width is laid out in ``column``, as :meth:`_rows` does it:
        padded (not in the last column: its padding would be stripped) and painted."""
        right, style = column.right, column.style
        if self.painted:
            return lambda text, width, last: self._cell(text, width, right, style)

        def padded(text: str, width: int, last: bool) -> str:
            if last and not right:
                return text
            before, after = pad(text, width, right)
            return before + text + after

        return padded

    def _rows(
        self,
        shown: list[Col],
        styles: list[str | None],
        marks: list[bool],
        n_records: int,
        n_rows: int,
    ) -> list[str]:
        """The table's ``n_rows`` lines without their marks: cells padded to their columns
        and painted in their style (red in a marked row), each distinct cell once, two
        spaces apart; the rows after ``n_records`` (totals) in bold."""
        usual: list[list[str]] = []
        alert: list[list[str]] = []
        for col, style in zip(shown, styles, strict=True):
            if not self.painted:
                # The last column's padding would be stripped with the line's end.
                last = col is shown[-1] and not col.right
                usual.append(col.cells if last else col.padded())
                continue
            cell = functools.partial(self._cell, width=col.width, right=col.right)
            usual.append(each_once(col.cells, functools.partial(cell, style=style)))
            if any(marks):
                alert.append(each_once(col.cells, functools.partial(cell, style="red")))
        rows: list[tuple[str, ...]] = list(zip(*usual, strict=True)) if usual else [()] * n_rows
        if alert:
            red = list(zip(*alert, strict=True))
            rows = [red[i] if marks[i] else row for i, row in enumerate(rows)]
        # Joined and stripped by map: no Python call per row (60,000 on a long list).
        lines = list(map(str.rstrip, map("  ".join, rows)))
        lines[n_records:] = [self._bold(line) for line in lines[n_records:]]
        return lines

    def _cell(self, text: str, width: int, right: bool, style: str | None) -> str:
        """A cell padded to ``width`` columns, its text (not the padding) painted."""
        before, after = pad(text, width, right)
        return before + (self._paint(text, style) if text else text) + after

    def _header(self, shown: list[Col]) -> str:
        parts = []
        for col in shown:
            before, after = pad(col.head, col.width, col.right)
            parts.append(before + self._bold(col.head) + after)
        return "  ".join(parts).rstrip()

    def _bold(self, text: str) -> str:
        return text

    def _paint(self, text: str, style: str | None) -> str:
        return text


class ColourFormatter(PlainFormatter):
    """:class:`PlainFormatter`'s lines with colour: SGR codes around the cells, made
    once per style by rich and joined by hand (rich's table layout costs about 0.4 ms
    a row: 8 s for 20,000)."""

    painted = True

    def __init__(self, out: TextIO, lang: Lang, width: int | None = None) -> None:
        super().__init__(out, lang, width)
        self._codes: dict[str, tuple[str, str]] = {}

    def _bold(self, text: str) -> str:
        return self._paint(text, "bold") if text else text

    def _paint(self, text: str, style: str | None) -> str:
        if not style:
            return text
        codes = self._codes.get(style)
        if codes is None:
            codes = self._codes[style] = _sgr(style)
        return codes[0] + text + codes[1]


#: The codes rich gives the styles the tables use (a test holds them equal): a terminal
#: run need not import rich.style for them (20 to 50 ms).
KNOWN_SGR = {
    "bold": ("\x1b[1m", "\x1b[0m"),
    "red": ("\x1b[31m", "\x1b[0m"),
    "bold red": ("\x1b[1;31m", "\x1b[0m"),
    "yellow": ("\x1b[33m", "\x1b[0m"),
    "green": ("\x1b[32m", "\x1b[0m"),
    "cyan": ("\x1b[36m", "\x1b[0m"),
}


def _sgr(style: str) -> tuple[str, str]:
    """The escape codes that start and end ``style`` ("bold red"), as rich makes them."""
    known = KNOWN_SGR.get(style)
    if known is not None:
        return known
    from rich.color import ColorSystem
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    try:
        rendered = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD)
    except StyleSyntaxError:
        return "", ""
    before, _, after = rendered.partition("\0")
    return before, after


def _marks(section: Section, size: int) -> list[bool]:
    """Whether each of ``size`` rows is marked (overdue); none, if no row is. A totals
    row is never marked: it is no task and no unit."""
    alert = section.alert
    if alert is None:
        return []
    records = section.records
    if isinstance(alert, Field) and isinstance(records, Rows):
        marks = [bool(value) for value in records.column(alert.key)]
    else:
        marks = [bool(alert(r)) for r in records]
    if not any(marks):
        return []
    return marks + [False] * (size - len(marks))


def _cells(
    show: Callable[[dict[str, Any]], str] | None,
    key: str,
    records: Sequence[dict[str, Any]],
    lang: Lang,
    people: bool,
) -> list[str]:
    if isinstance(records, Rows) and isinstance(show, Field):
        texts = records.column(show.key)  # text already, a column at once
    elif isinstance(records, Rows) and show is None:
        texts = _each_value_once(records.column(key), lang)
    elif show:
        texts = [show(r) for r in records]
    else:
        texts = _each_value_once([r.get(key) for r in records], lang)
    if people and not distinct_text(texts).isprintable():
        # Printable text has no control character, separator or bidi override to show
        # and no line break: the whole column is checked at once, else each text.
        texts = each_once(texts, _on_screen)
    return texts


def _on_screen(text: str) -> str:
    return one_line(screen(text))


def _each_value_once(values: list[Any], lang: Lang) -> list[str]:
    """Each value as text, each distinct value written once (a date is written 60,000
    times in a long list); by type too, as True == 1 is written "True"."""
    texts = [v for v in values if type(v) is str]
    if len(texts) == len(values):
        return texts  # text is written as it is (references: 60,000 distinct ones)
    try:
        known = {(type(v), v): "" for v in values}
    except TypeError:  # a list: no two compared
        return [cell_text(v, lang) for v in values]
    for typed in known:
        known[typed] = cell_text(typed[1], lang)
    return [known[type(v), v] for v in values]
