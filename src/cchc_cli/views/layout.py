"""Fitting a table to the columns a screen has. Pure: text in, text out.

A table that does not fit is made narrower in the order an office would do it
by hand, stopping as soon as it fits:

1. cells that have a shorter form take it (a unit's short name, "P. Nội vụ");
2. columns that hold text (``shrink``) are cut on one line with "…", the
   widest first, to no less than :data:`COMFORT` columns;
3. headers that have a short form take it (a legend says what they mean);
4. columns marked optional are left out (a progress bar, a phrase another
   column repeats), last first;
5. text columns are cut further, to no less than :data:`MIN_SHRINK`.

Numbers, dates and references never shrink: a table whose fixed columns alone
are wider than the screen is left wider than the screen rather than split.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Callable, MutableMapping, Sequence
from typing import TypeVar

from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.vntext import display_width, one_column_each, shorten

_T = TypeVar("_T")

#: The width of a table written to a pipe or a file when ``COLUMNS`` is not set
#: (docs/format.md, "Output width"). Wide enough for the whole due list of a
#: district on one line per task, narrow enough to read in an e-mail.
PIPE_WIDTH = 100
#: ``COLUMNS`` outside these bounds is a mistake, not a screen.
MIN_WIDTH = 20
MAX_WIDTH = 1000
#: Text cut in a table even on a wide screen: the whole text is in ``show``.
TEXT_WIDTH = 70
#: Spaces between two columns.
GAP = 2
#: A cut column keeps at least this many columns (or its header's short form).
MIN_SHRINK = 10
#: How far text is cut before headers are shortened and columns left out.
COMFORT = 30


def tame_columns(environ: MutableMapping[str, str]) -> None:
    """``COLUMNS`` as Rich, which draws the help screens, can take it: a "²" (a digit
    int() refuses) is left out, as :func:`output_width` leaves it; a width over
    :data:`MAX_WIDTH` is cut to it, as there: 999999999 drew for ever, 5,000 digits
    were a traceback."""
    written = environ.get("COLUMNS", "").strip()
    if not written:
        return
    if not written.isdecimal():
        del environ["COLUMNS"]
    elif len(written) > 9 or int(written) > MAX_WIDTH:
        environ["COLUMNS"] = str(MAX_WIDTH)


def output_width(terminal: int | None) -> int:
    """``COLUMNS`` if set to a number, else the terminal's width, else :data:`PIPE_WIDTH`.

    ``terminal`` is the terminal's width, or None when the output is no terminal.
    """
    written = os.environ.get("COLUMNS", "").strip()
    if written.isdecimal():  # not isdigit(): int() refuses "²"
        # More digits than int() reads (4,300) are wider than the widest anyway.
        number = int(written) if len(written) <= 9 else MAX_WIDTH
        return min(max(number, MIN_WIDTH), MAX_WIDTH)
    if terminal and terminal > 0:
        return min(max(terminal, MIN_WIDTH), MAX_WIDTH)
    return PIPE_WIDTH


@dataclass
class Col:
    """One column of a table being laid out: its header and cells in both forms."""

    head: str
    cells: list[str]
    right: bool = False
    #: The header's short form ("" if none).
    short_head: str = ""
    #: The cells' short forms (None if none).
    brief: list[str] | None = None
    shrink: bool = False
    optional: bool = False
    #: Set by :func:`fit`.
    width: int = 0
    shown: bool = True
    used_short_head: bool = False
    #: The cells last measured, each distinct one's width (None: each as wide as long)
    #: and the widest's.
    _measured: list[str] | None = field(default=None, repr=False)
    _widths: dict[str, int] | None = field(default=None, repr=False)
    _widest: int = field(default=0, repr=False)

    def _measure(self) -> None:
        """Measure the cells once (20,000 rows are measured twice otherwise: to fit, then
        to pad) and each distinct text once (a long table repeats its dates, units and
        texts); cells as wide as long (ASCII, NFC Vietnamese) all at once."""
        if self._measured is self.cells:
            return
        self._measured = self.cells
        if one_column_each(distinct_text(self.cells)):
            self._widths = None
            self._widest = max(map(len, self.cells), default=0)
        else:
            self._widths = {text: display_width(text) for text in set(self.cells)}
            self._widest = max(self._widths.values(), default=0)

    def widest(self) -> int:
        """The display width of the widest cell."""
        self._measure()
        return self._widest

    def padded(self) -> list[str]:
        """The cells padded to the column's width, as :func:`pad` pads them."""
        self._measure()
        if self._widths is None:
            width = self.width
            if self.right:
                return [cell.rjust(width) for cell in self.cells]
            return [cell.ljust(width) for cell in self.cells]
        spaces = [" " * room for room in range(self.width + 1)]
        rooms = {text: spaces[max(self.width - w, 0)] for text, w in self._widths.items()}
        if self.right:
            known = {text: room + text for text, room in rooms.items()}
        else:
            known = {text: text + room for text, room in rooms.items()}
        return [known[cell] for cell in self.cells]

    def natural(self) -> int:
        return max(display_width(self.head), self.widest())


def _total(cols: Sequence[Col]) -> int:
    shown = [c for c in cols if c.shown]
    return sum(c.width for c in shown) + GAP * max(len(shown) - 1, 0)


def _measure(cols: Sequence[Col]) -> None:
    for col in cols:
        col.width = col.natural()


def fit(cols: list[Col], width: int) -> list[Col]:
    """Choose forms and widths so that the table is at most ``width`` wide if it can be;
    returns the columns shown, with their widths and cells cut to them."""
    _measure(cols)
    if _total(cols) > width:
        for col in cols:
            if col.brief is not None:
                col.cells = col.brief
        _measure(cols)
    if _total(cols) > width and _fits_when_cut(cols, width, COMFORT):
        _shrink(cols, width, COMFORT)
        return cols
    if _total(cols) > width:
        for col in cols:
            if col.short_head:
                col.head, col.used_short_head = col.short_head, True
        _measure(cols)
    for col in reversed(cols):
        if _total(cols) <= width:
            break
        if col.optional:
            col.shown = False
    shown = [c for c in cols if c.shown]
    if _total(shown) > width:
        _shrink(shown, width, MIN_SHRINK)
    return shown


def _floor(col: Col, least: int) -> int:
    return min(col.width, max(least, display_width(col.head))) if col.shrink else col.width


def _fits_when_cut(cols: list[Col], width: int, least: int) -> bool:
    return sum(_floor(c, least) for c in cols) + GAP * (len(cols) - 1) <= width


def _shrink(cols: list[Col], width: int, least: int) -> None:
    """Cut the text columns to what is left, the widest first (water-filling)."""
    flexible = [c for c in cols if c.shrink]
    if not flexible:
        return
    fixed = sum(c.width for c in cols if not c.shrink) + GAP * (len(cols) - 1)
    left = width - fixed
    floors = {id(c): _floor(c, least) for c in flexible}
    # Raise a common cap until the columns would take what is left.
    pending = sorted(flexible, key=lambda c: c.width)
    budget = left
    while pending:
        cap = budget // len(pending)
        col = pending[0]
        if col.width <= cap:
            budget -= col.width
            pending.pop(0)
            continue
        for index, col in enumerate(pending):
            share = cap + (1 if index < budget - cap * len(pending) else 0)
            col.width = max(share, floors[id(col)])
        break
    for col in flexible:
        col.head = shorten(col.head, col.width)
        if col.widest() > col.width:
            col.cells = each_once(col.cells, functools.partial(shorten, width=col.width))


def distinct_text(texts: list[str]) -> str:
    """``texts`` joined, each distinct text once unless all are ASCII (joining them all
    is then cheaper than finding the distinct ones): for a property of each character
    (printable, one column wide) checked once for a whole column of cells."""
    joined = "".join(texts)
    return joined if joined.isascii() else "".join(set(texts))


def each_once(texts: list[str], convert: Callable[[str], _T]) -> list[_T]:
    """``convert`` of each text, computed once per distinct text: a long table repeats
    its dates, units and task texts (a notice copied to 18 communes, 60,000 rows)."""
    known = {text: convert(text) for text in set(texts)}
    return [known[text] for text in texts]


def pad(text: str, width: int, right: bool) -> tuple[str, str]:
    """The spaces before and after ``text`` to fill ``width`` columns."""
    room = width - display_width(text)
    if room <= 0:
        return "", ""
    return ("", " " * room) if not right else (" " * room, "")


def one_line(text: str) -> str:
    """A cell on one line: line breaks and tabs become spaces."""
    if "\n" in text or "\t" in text or "\r" in text:
        return " ".join(text.split())
    return text


#: A word up to this wide (a reference, a date, a number) is never broken: on a
#: screen narrower than that its line is longer than the screen.
UNBROKEN = 40


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken between words; a word longer than a
    line and than :data:`UNBROKEN` is broken between characters (never inside a
    letter and its marks)."""
    width = max(width, 1)
    breakable = max(width, UNBROKEN)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if display_width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            if display_width(line) > breakable:
                while display_width(line) > width:
                    head, line = _split_at(line, width)
                    lines.append(head)
        lines.append(line)
    return lines


def _split_at(word: str, width: int) -> tuple[str, str]:
    used = 0
    for index, char in enumerate(word):
        w = 0 if unicodedata.combining(char) else display_width(char)
        if used + w > width and index:
            return word[:index], word[index:]
        used += w
    return word, ""
