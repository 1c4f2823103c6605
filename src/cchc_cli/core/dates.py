"""Calendar dates as people write them in notices and data files.

Accepted: ISO (``2023-11-24``) and Vietnamese day-first with slashes, dots or
dashes, with or without zero padding (``24/11/2023``, ``24.11.2023``,
``7/8/2019``). Partial dates, for notices published without a day, are
``2023-11``, ``11/2023`` or ``2023``.

Invalid dates raise :class:`DateError`, which carries a message key and its
arguments so the caller can place it at a ``line:col`` and translate it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cchc_cli.core.errors import CchcError

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"(\d{4})")


class DateError(CchcError, ValueError):
    """A date that cannot be read; ``key`` names the message in the catalog."""


def make_date(year: int, month: int, day: int) -> date:
    """A date from its parts, with a precise complaint when one is out of range."""
    if not 1 <= year <= 9999:
        raise DateError("date.bad-year", year=year)
    if not 1 <= month <= 12:
        raise DateError("date.bad-month", month=month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError("date.bad-day", day=day, month=month, year=year, last=last)
    return date(year, month, day)


def parse_date(text: str) -> date:
    """A complete date in ISO or Vietnamese day-first form."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.fullmatch(text):
        return make_date(int(m[3]), int(m[2]), int(m[1]))
    raise DateError("date.format", text=text)


@dataclass(frozen=True)
class PartialDate:
    """A date that may lack its day, or its day and month."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def earliest(self) -> date:
        """The first day the partial date can mean (for comparisons)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day the partial date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def day_first(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"


def parse_partial_date(text: str) -> PartialDate:
    """A date that may lack its day (``2023-11``, ``11/2023``) or month (``2023``)."""
    text = text.strip()
    if _ISO.fullmatch(text) or _DAY_FIRST.fullmatch(text):
        full = parse_date(text)
        return PartialDate(full.year, full.month, full.day)
    if m := _ISO_MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
    elif m := _MONTH_YEAR.fullmatch(text):
        year, month = int(m[2]), int(m[1])
    elif m := _YEAR.fullmatch(text):
        return PartialDate(int(m[1]))
    else:
        raise DateError("date.format-partial", text=text)
    if not 1 <= month <= 12:
        raise DateError("date.bad-month", month=month)
    return PartialDate(year, month)
