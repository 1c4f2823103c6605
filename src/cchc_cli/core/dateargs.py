"""Dates typed on the command line: exact ones and the relative forms a clerk types.

Exact: ``2023-12-10``, ``10/12/2023``, ``10.12.2023``, ``10/12`` (this
year). Relative to ``today``
(the office's day, or ``--as-of``): ``today``/``hôm nay``, ``tomorrow``/``ngày
mai``, ``yesterday``/``hôm qua``, ``+7d``, ``-3d``, ``+2w``, ``+1m``, ``+1y``,
and the ends of periods: ``eow``/``end-of-week``/``cuối tuần`` (Sunday),
``eom``/``end-of-month``/``cuối tháng``, ``eoq``/``end-of-quarter``/``cuối
quý``, ``eoy``/``end-of-year``/``cuối năm``. Marks are optional.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cchc_cli.core.dates import (
    FIRST_DAY,
    LAST_DAY,
    DateError,
    add_days,
    check_day,
    check_year,
    make_date,
    parse_date,
)
from cchc_cli.core.errors import OptionError
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.vntext import fold

_DAY_MONTH = re.compile(r"(\d{1,2})[/.](\d{1,2})")
_OFFSET = re.compile(r"([+-])\s*(\d{1,4})\s*([dwmy]?)")

#: What each named day adds to today, as ``relativedelta``'s arguments (weekday 6 is
#: Sunday). dateutil is imported only for a relative form: an exact date, as
#: ``--as-of 2024-06-01`` on every run of a script, needs none of it.
_NAMED: dict[str, dict[str, Any]] = {
    "today": {},
    "hom nay": {},
    "tomorrow": {"days": 1},
    "ngay mai": {"days": 1},
    "yesterday": {"days": -1},
    "hom qua": {"days": -1},
    "eow": {"weekday": 6},
    "end of week": {"weekday": 6},
    "cuoi tuan": {"weekday": 6},
    "eom": {"day": 31},
    "end of month": {"day": 31},
    "cuoi thang": {"day": 31},
    "eoy": {"month": 12, "day": 31},
    "end of year": {"month": 12, "day": 31},
    "cuoi nam": {"month": 12, "day": 31},
}
_END_OF_QUARTER = {"eoq", "end of quarter", "cuoi quy"}
_UNITS = {"": "days", "d": "days", "w": "weeks", "m": "months", "y": "years"}


def parse_date_arg(text: str, today: date, option: str) -> date:
    """A date from the command line, or a usage error that lists the accepted forms.

    The date is always inside the window :mod:`cchc_cli.core.dates` accepts,
    whether written (``31/12/9999``) or computed (``+9999y`` from ``today``).
    """
    try:
        return check_day(_date_arg(text, today, option))
    except DateError as err:
        raise OptionError(option, err.key, **err.args_) from None
    except (OverflowError, ValueError):
        # relativedelta left the calendar (year 12025): outside the window too.
        raise OptionError(option, "date.beyond-range", first=FIRST_DAY, last=LAST_DAY) from None


def shift(today: date, days: int, option: str) -> date:
    """``today`` moved by a count of days given as ``option``, inside the window."""
    try:
        return add_days(today, days)
    except DateError as err:
        raise OptionError(option, err.key, **err.args_) from None


def _date_arg(text: str, today: date, option: str) -> date:
    written = text.strip()
    try:
        return parse_date(written)
    except DateError as err:
        if err.key != "date.format":
            # It is written like a date but there is no such day: say why.
            raise OptionError(option, err.key, **err.args_) from None
    if m := _DAY_MONTH.fullmatch(written):
        # "10/12": the clerk means this year.
        try:
            return make_date(today.year, int(m[2]), int(m[1]))
        except DateError as err:
            raise OptionError(option, err.key, **err.args_) from None
    from dateutil.relativedelta import relativedelta

    key = fold(written)
    if key in _NAMED:
        return today + relativedelta(**_NAMED[key])
    if key in _END_OF_QUARTER:
        return today + relativedelta(month=(today.month - 1) // 3 * 3 + 3, day=31)
    if m := _OFFSET.fullmatch(written.lower()):
        amount = (1 if m[1] == "+" else -1) * int(m[2])
        unit = _UNITS[m[3]]
        if unit == "days":
            return today + relativedelta(days=amount)
        if unit == "weeks":
            return today + relativedelta(weeks=amount)
        if unit == "months":
            return today + relativedelta(months=amount)
        return today + relativedelta(years=amount)
    raise OptionError(option, "cli.bad-date", text=text)


@dataclass(frozen=True)
class Period:
    """A reporting period; a report is made as of its last day."""

    start: date
    end: date
    #: As written, normalized: "2023-11", "2023-Q4", "2023", "2023-11-01..2023-11-15".
    label: str


_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})")
_QUARTER = re.compile(r"(\d{4})-q([1-4])|q([1-4])/(\d{4})")
_YEAR = re.compile(r"\d{4}")


def parse_period(text: str, today: date) -> Period:
    """``2023-11`` (or ``11/2023``), ``2023-Q4`` (or ``Q4/2023``), ``2023``, ``FROM..TO``."""
    written = text.strip().lower()
    if ".." in written:
        first, _, last = written.partition("..")
        start = parse_date_arg(first, today, "--period")
        end = parse_date_arg(last, today, "--period")
        if end < start:
            raise OptionError("--period", "cli.period-reversed", start=start, end=end)
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    try:
        return _calendar_period(written)
    except DateError as err:
        raise OptionError("--period", err.key, **err.args_) from None
    except ValueError:
        raise OptionError("--period", "cli.bad-period", text=text) from None


def _calendar_period(written: str) -> Period:
    from dateutil.relativedelta import relativedelta

    if m := _MONTH.fullmatch(written):
        year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        check_year(year)
        if not 1 <= month <= 12:
            raise OptionError("--period", "date.bad-month", month=month)
        start = date(year, month, 1)
        return Period(start, start + relativedelta(day=31), f"{year:04d}-{month:02d}")
    if m := _QUARTER.fullmatch(written):
        year, quarter = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        check_year(year)
        start = date(year, quarter * 3 - 2, 1)
        return Period(start, start + relativedelta(months=2, day=31), f"{year:04d}-Q{quarter}")
    if _YEAR.fullmatch(written):
        year = check_year(int(written))
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")
    raise ValueError(written)
