"""Reading a recurrence from its phrase: "định kỳ hằng tháng, trước ngày 20". Pure.

The words are those of single deadlines (:mod:`cchc_cli.core.deadline_phrases`),
read on the folded text (case, tone marks, NFD, runs of spaces ignored): a
period word ("hằng tháng", "hằng quý", "hằng tuần", "định kỳ 6 tháng", "hằng
năm", also "hàng", "mỗi", "theo", "thường niên"), then the day in the period
("trước ngày 20", "vào ngày 15 tháng cuối quý", "trước ngày 15/12", "trước 16
giờ thứ Năm") and an end ("đến hết năm 2024"). docs/format.md lists the forms.
"""

from __future__ import annotations

import re
from datetime import date, time

from cchc_cli.core.dates import FIRST_DAY, LAST_DAY
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.recurrence import Every, RecurrenceError, Rule, month_end
from cchc_cli.core.vntext import nfc

# -- the words ------------------------------------------------------------------------

#: "quy" not followed by a word that makes it "quy định", "quy chế", "quy trình"...
_QUY = r"quy(?! (?:dinh|che|trinh|hoach|mo|chuan|tac|uoc|doi|trach|tu|dat|an|luat|cach))"
#: A period word; "theo" is not one ("theo quy định", "theo năm học").
_EVERY = (
    (
        Every.HALF,
        r"(?:dinh ky|hang|moi) (?:6|sau) thang|(?:6|sau) thang (?:mot|1) lan"
        r"|(?:hang|moi) nua nam",
    ),
    (Every.WEEK, r"(?:hang|moi) tuan|dinh ky (?:theo )?tuan"),
    (Every.QUARTER, rf"(?:hang|moi) {_QUY}|dinh ky (?:theo )?{_QUY}"),
    (Every.MONTH, r"(?:hang|moi) thang|dinh ky (?:theo )?thang"),
    (Every.YEAR, r"(?:hang|moi) nam|thuong nien|dinh ky (?:theo )?nam"),
)
_WEEKDAYS = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2, "nam": 3, "5": 3,
    "sau": 4, "6": 4, "bay": 5, "7": 5,
}  # fmt: skip
_WEEKDAY = re.compile(r"\b(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn))\b")
_TIME = re.compile(
    r"(?<![0-9/.])([0-9]{1,2}) ?(?:gio\b|h(?![a-z])|:(?= ?[0-9]{2}))"
    r" ?([0-9]{2})?(?: ?phut)?(?![0-9])"
)
_DAY = re.compile(
    r"\bngay ([0-9]{1,2})(?! ?[/.\-] ?[0-9]{1,2} ?[/.\-] ?[0-9]{4})"
    r"(?: ?[/.\-] ?([0-9]{1,2})| thang ([0-9]{1,2})(?! ?[/.\-] ?[0-9]{4})"
    r"| (?:cua )?thang (cuoi|dau|giua|thu (?:nhat|hai|ba|[123]))(?: (?:cua )?(?:quy|ky|nam))?)?"
    r"(?![0-9])"
)
_MONTH_WORDS = {"dau": 1, "giua": 2, "thu nhat": 1, "thu 1": 1, "thu hai": 2, "thu 2": 2,
                "thu ba": 3, "thu 3": 3}  # fmt: skip
_END = re.compile(
    r"\b(?:den|toi) (?:het |cuoi )?(?:"
    r"nam ([0-9]{4,})"
    r"|(?:ngay )?([0-9]{1,2}) ?[/.\-] ?([0-9]{1,2}) ?[/.\-] ?([0-9]{4,})"
    r"|thang ([0-9]{1,2}) ?[/.\-] ?([0-9]{4,})"
    r")(?![0-9])"
)
_BEFORE = re.compile(r"\btruoc(?: (?:ngay|thu|luc))? ?$")


@dataclass(frozen=True)
class Found:
    """A recurrence read from a phrase: the rule, its end if the phrase gives one, and
    the part of the text that says it."""

    rule: Rule
    end: date | None
    phrase: str


def read_recurrence(text: str) -> Found | None:
    """The recurrence a phrase or a task's sentence gives; None when it names no period
    ("thường xuyên", "định kỳ" alone, "6 tháng đầu năm 2024" are not recurrences).

    Raises :class:`RecurrenceError` for a recurrence that cannot be made exact: a
    weekly one with no weekday, a day that no month has, an impossible end.
    """
    from cchc_cli.core.deadline_phrases import clean
    from cchc_cli.core.deadline_phrases import fold as fold_where

    text = nfc(text)
    folded, where = fold_where(text)
    every, marker = None, None
    for kind, pattern in _EVERY:
        if m := re.search(rf"\b(?:dinh ky,? )?(?:{pattern})\b", folded):
            every, marker = kind, m
            break
    if every is None or marker is None:
        return None
    spans = [marker.span()]
    end: date | None = None
    rest = folded
    if m := _END.search(folded):
        try:
            end = _end_of(m)
        except RecurrenceError:
            raise RecurrenceError("recurrence.bad-end", text=clean(text)) from None
        spans.append(m.span())
        rest = folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end() :]
    try:
        rule = _rule(every, rest, spans)
    except RecurrenceError as err:
        if "text" in err.args_:  # say it as written, not as folded for matching
            raise RecurrenceError(err.key, text=clean(text)) from None
        raise
    start, stop = min(s for s, _ in spans), max(e for _, e in spans)
    phrase = clean(text[where[start] : where[stop - 1] + 1])
    return Found(rule, end, phrase)


def _end_of(m: re.Match[str]) -> date:
    year, day, month, dyear, mmonth, myear = m.groups()
    try:
        if year:
            end = date(int(year), 12, 31)
        elif day:
            end = date(int(dyear), int(month), int(day))
        else:
            end = month_end(int(myear), int(mmonth))
    except ValueError:
        raise RecurrenceError("recurrence.bad-end", text=m.group(0)) from None
    if not FIRST_DAY <= end <= LAST_DAY:
        raise RecurrenceError("recurrence.bad-end", text=m.group(0))
    return end


def _rule(every: Every, folded: str, spans: list[tuple[int, int]]) -> Rule:
    at: time | None = None
    before = False
    if m := _TIME.search(folded):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour > 23 or minute > 59:
            raise RecurrenceError("recurrence.bad-time", text=m.group(0))
        at = time(hour, minute)
        spans.append(_with_before(folded, m.span()))
    if every is Every.WEEK:
        m = _WEEKDAY.search(folded)
        if m is None:
            raise RecurrenceError("recurrence.no-weekday")
        weekday = 6 if m.group(2) else _WEEKDAYS[m.group(1)]
        span = _with_before(folded, m.span())
        before = span != m.span() and at is None
        spans.append(span)
        return Rule(every, weekday=weekday, at=at, before=before)
    m = _DAY.search(folded)
    if m is None:
        if at is not None:
            raise RecurrenceError("recurrence.time-no-day")
        return Rule(every)
    day = int(m.group(1))
    month: int | None = None
    if m.group(2) or m.group(3):
        month = int(m.group(2) or m.group(3))
        if every is not Every.YEAR:
            raise RecurrenceError("recurrence.month-not-yearly", text=m.group(0))
    elif m.group(4):
        month = _MONTH_WORDS.get(m.group(4))  # "cuối": the last month (None)
        if every not in (Every.QUARTER, Every.HALF, Every.YEAR):
            raise RecurrenceError("recurrence.month-not-yearly", text=m.group(0))
        if month is not None and every is Every.YEAR:
            raise RecurrenceError("recurrence.month-not-yearly", text=m.group(0))
    if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        raise RecurrenceError("recurrence.bad-day", text=m.group(0))
    if every is Every.YEAR and month is not None:
        try:
            date(2024, month, day)  # a leap year: 29/02 is a day some years have
        except ValueError:
            raise RecurrenceError("recurrence.bad-day", text=m.group(0)) from None
    span = _with_before(folded, m.span())
    spans.append(span)
    before = span != m.span() and at is None
    return Rule(every, day=day, month=month, at=at, before=before)


def _with_before(folded: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span widened to a "trước" just in front of it, if there is one."""
    head = folded[: span[0]]
    if m := _BEFORE.search(head):
        return m.start(), span[1]
    return span
