"""Calendar dates as people write them in notices and data files.

Accepted: ISO (``2023-11-24``) and Vietnamese day-first with slashes, dots or
dashes, with or without zero padding (``24/11/2023``, ``24.11.2023``,
``7/8/2019``). Partial dates, for notices published without a day, are
``2023-11``, ``11/2023`` or ``2023``.

Invalid dates raise :class:`DateError`, which carries a message key and its
arguments so the caller can place it at a ``line:col`` and translate it.

Every date cchc accepts lies between :data:`FIRST_DAY` and :data:`LAST_DAY`
(docs/format.md, "Limits"): wide enough for any notice, narrow enough that the
arithmetic done on a date (the day after, an alarm days before, the end of a
quarter) can never leave what Python's ``date`` holds.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from cchc_cli.core.errors import CchcError
from cchc_cli.core.lazyclass import dataclass

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"(\d{4})")


#: The first and the last day cchc accepts anywhere (files, command line, settings).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
#: The most days two accepted dates can be apart: the bound for every count of days.
MAX_DAYS = (LAST_DAY - FIRST_DAY).days


class DateError(CchcError, ValueError):
    """A date that cannot be read; ``key`` names the message in the catalog."""


def check_year(year: int) -> int:
    """``year``, or a :class:`DateError` when it lies outside the accepted window."""
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DateError("date.out-of-range", year=year, first=FIRST_DAY.year, last=LAST_DAY.year)
    return year


def check_day(day: date) -> date:
    """``day``, or a :class:`DateError` when it lies outside the accepted window."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateError("date.beyond-range", first=FIRST_DAY, last=LAST_DAY)
    return day


def add_days(day: date, days: int) -> date:
    """``day`` moved by ``days``; a :class:`DateError` when the result leaves the window."""
    if abs(days) > MAX_DAYS:
        raise DateError("date.beyond-range", first=FIRST_DAY, last=LAST_DAY)
    # Both terms are bounded, so the sum stays far inside what ``date`` holds.
    return check_day(day + timedelta(days=days))


def month_days(year: int, month: int) -> int:
    """The days in a month, as ``calendar.monthrange`` counts them: calendar (and the
    locale module it imports) cost 6.7M instructions of every warm run's imports."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def make_date(year: int, month: int, day: int) -> date:
    """A date from its parts, with a precise complaint when one is out of range."""
    check_year(year)
    if not 1 <= month <= 12:
        raise DateError("date.bad-month", month=month)
    last = month_days(year, month)
    if not 1 <= day <= last:
        raise DateError("date.bad-day", day=day, month=month, year=year, last=last)
    return date(year, month, day)


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> date:
    """A complete date in ISO or Vietnamese day-first form.

    Memoised: a folder of notices writes the same few hundred days thousands of times.
    """
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
        return date(self.year, month, self.day or month_days(self.year, month))

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
        return PartialDate(check_year(int(m[1])))
    else:
        raise DateError("date.format-partial", text=text)
    check_year(year)
    if not 1 <= month <= 12:
        raise DateError("date.bad-month", month=month)
    return PartialDate(year, month)
