"""Deadlines as written in notices, and the last permissible day they mean.

This is the only module that knows the rules (../shared/DOMAIN.md):

=========================================  ===============  ====================
written                                    kind             last day
=========================================  ===============  ====================
trước ngày 10/12/2023                      before           09/12/2023
chậm nhất (trong) ngày 24/11/2023          no_later_than    24/11/2023
(từ nay) đến (hết ngày) 31/12/2023         until            31/12/2023
trước 14 giờ, ngày 05/12/2017              before_time      05/12/2017, 14:00
từ nay đến cuối năm 2023; trong năm 2023   end_of_year      31/12/2023
trong tháng 12/2023                        within_month     31/12/2023
trong quý 3/2021; quý IV/2023              within_quarter   30/09/2021
thường xuyên (or no deadline at all)       ongoing          none
24/11/2023 (a bare date)                   no_later_than    24/11/2023
=========================================  ===============  ====================

A date without a year ("trước ngày 15/9") takes the year of the notice.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from cchc_cli.core.dates import DateError, check_year, make_date
from cchc_cli.core.errors import CchcError
from cchc_cli.core.vntext import nfc


class DeadlineKind(StrEnum):
    BEFORE = "before"
    NO_LATER_THAN = "no_later_than"
    UNTIL = "until"
    BEFORE_TIME = "before_time"
    END_OF_YEAR = "end_of_year"
    WITHIN_MONTH = "within_month"
    WITHIN_QUARTER = "within_quarter"
    ONGOING = "ongoing"


#: Kinds whose phrase names one particular day (as opposed to a period).
DAY_KINDS = frozenset(
    {
        DeadlineKind.BEFORE,
        DeadlineKind.NO_LATER_THAN,
        DeadlineKind.UNTIL,
        DeadlineKind.BEFORE_TIME,
    }
)


@dataclass(frozen=True)
class Deadline:
    """A deadline: the phrase as written, its kind and the last permissible day."""

    text: str | None
    kind: DeadlineKind
    last_day: date | None = None
    time: time | None = None

    @property
    def has_day(self) -> bool:
        return self.last_day is not None


NO_DEADLINE = Deadline(None, DeadlineKind.ONGOING)


class DeadlineError(CchcError, ValueError):
    """A phrase that cannot be read; ``offset`` is where in the phrase it went wrong."""

    def __init__(self, key: str, offset: int = 0, /, **args: object) -> None:
        super().__init__(key, **args)
        self.offset = offset


def _simplify(text: str) -> str:
    """Lower case without marks, "đ" as "d", one character for one character.

    Keeping the length lets an error point at the right column of the phrase.
    """
    out = []
    for char in text.lower():
        base = unicodedata.normalize("NFD", char)[0]
        out.append("d" if base == "đ" else base)
    return "".join(out)


_DATE = (
    r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{4}))?"
    r"(?!\s*[/.-]?\s*\d)"
)
_DATE_WORDS = r"(?P<day>\d{1,2}) thang (?P<month>\d{1,2})(?: nam (?P<year>\d{4}))?"
_ANY_DATE = rf"(?:{_DATE}|{_DATE_WORDS.replace('?P<', '?P<w')})"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_PATTERNS: list[tuple[DeadlineKind, re.Pattern[str]]] = [
    (
        DeadlineKind.BEFORE_TIME,
        re.compile(
            r"\btruoc (?P<hour>\d{1,2})\s*(?:gio|h)(?:\s*(?P<minute>\d{1,2})(?:\s*phut)?)?"
            rf"\s*,?\s*(?:ngay\s+)?{_ANY_DATE}"
        ),
    ),
    (DeadlineKind.BEFORE, re.compile(rf"\btruoc (?:ngay\s+)?{_ANY_DATE}")),
    (
        DeadlineKind.NO_LATER_THAN,
        re.compile(rf"\bcham nhat (?:la\s+)?(?:(?:trong|vao)\s+)?(?:ngay\s+)?{_ANY_DATE}"),
    ),
    (DeadlineKind.UNTIL, re.compile(rf"\bden (?:het\s+)?(?:ngay\s+)?{_ANY_DATE}")),
    (
        DeadlineKind.WITHIN_MONTH,
        re.compile(r"\bthang (?P<month>\d{1,2})\s*(?:/|nam)\s*(?P<year>\d{4})\b"),
    ),
    (
        DeadlineKind.WITHIN_QUARTER,
        re.compile(r"\bquy (?P<quarter>iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(?P<year>\d{4})\b"),
    ),
    (
        DeadlineKind.END_OF_YEAR,
        re.compile(r"\b(?:cuoi|het|trong) nam\s+(?P<year>\d{4})\b"),
    ),
    (DeadlineKind.ONGOING, re.compile(r"\b(?:thuong xuyen|khong thoi han|lien tuc)\b")),
]
_BARE_DATE = re.compile(rf"\s*(?:ngay\s+)?{_ANY_DATE}\s*\.?\s*")


def _date_from(m: re.Match[str], default_year: int | None) -> date:
    prefix = "" if m.group("day") is not None else "w"
    day, month, year = (m.group(prefix + g) for g in ("day", "month", "year"))
    offset = m.start(prefix + "day")
    if year is None:
        if default_year is None:
            raise DeadlineError("deadline.no-year", offset)
        year_value = default_year
    else:
        year_value = int(year)
    try:
        return make_date(year_value, int(month), int(day))
    except DateError as err:
        raise DeadlineError(err.key, offset, **err.args_) from None


def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, default_year: int | None = None) -> Deadline:
    """Read a written deadline phrase; raise :class:`DeadlineError` if it is unreadable.

    Offsets in errors count characters of the NFC form of ``text``.
    """
    text = nfc(text)
    simple = _simplify(text)
    if bare := _BARE_DATE.fullmatch(simple):
        return Deadline(text, DeadlineKind.NO_LATER_THAN, _date_from(bare, default_year))
    for kind, pattern in _PATTERNS:
        m = pattern.search(simple)
        if m is None:
            continue
        return _deadline_from(kind, m, text, default_year)
    raise DeadlineError("deadline.unreadable", text=text)


def _deadline_from(
    kind: DeadlineKind, m: re.Match[str], text: str, default_year: int | None
) -> Deadline:
    if kind is DeadlineKind.ONGOING:
        return Deadline(text, kind)
    if kind in DAY_KINDS:
        day = _date_from(m, default_year)
        if kind is DeadlineKind.BEFORE:
            return Deadline(text, kind, day - timedelta(days=1))
        if kind is DeadlineKind.BEFORE_TIME:
            hour, minute = int(m["hour"]), int(m["minute"] or 0)
            if hour > 23 or minute > 59:
                moment = f"{hour}:{minute:02d}"
                raise DeadlineError("deadline.bad-time", m.start("hour"), time=moment)
            return Deadline(text, kind, day, time(hour, minute))
        return Deadline(text, kind, day)
    year = int(m["year"])
    try:
        check_year(year)
    except DateError as err:
        raise DeadlineError(err.key, m.start("year"), **err.args_) from None
    if kind is DeadlineKind.END_OF_YEAR:
        return Deadline(text, kind, date(year, 12, 31))
    if kind is DeadlineKind.WITHIN_MONTH:
        month = int(m["month"])
        if not 1 <= month <= 12:
            raise DeadlineError("date.bad-month", m.start("month"), month=month)
        return Deadline(text, kind, _last_day_of_month(year, month))
    quarter_text = m["quarter"]
    quarter = _ROMAN.get(quarter_text) or int(quarter_text)
    return Deadline(text, kind, _last_day_of_month(year, quarter * 3))


#: Words before a match that belong to the phrase a clerk would copy, by kind.
_LEADS = {
    DeadlineKind.UNTIL: ("tu nay ",),
    DeadlineKind.END_OF_YEAR: ("tu nay den ", "den "),
    DeadlineKind.WITHIN_MONTH: ("trong ",),
    DeadlineKind.WITHIN_QUARTER: ("trong ",),
}


def find_deadline(sentence: str, default_year: int | None = None) -> Deadline | None:
    """The deadline a task's sentence gives, with the phrase as written; None if none.

    "... phần đấu cải thiện điểm số từ nay đến cuối năm 2023." gives the phrase
    "từ nay đến cuối năm 2023". A date alone in a sentence is not a deadline.
    """
    text = nfc(sentence)
    simple = _simplify(text)
    for kind, pattern in _PATTERNS:
        m = pattern.search(simple)
        if m is None:
            continue
        start = m.start()
        for lead in _LEADS.get(kind, ()):
            if simple[:start].endswith(lead):
                start -= len(lead)
                break
        return _deadline_from(kind, m, text[start : m.end()].strip(), default_year)
    return None
