"""The reporting periods before a given one, for trends. Pure.

A period written as a month, a quarter or a year (:func:`cchc_cli.core.dateargs.parse_period`)
is preceded by the months, quarters or years before it; a range of days
(``2023-12-01..2023-12-13``) by ranges of the same length ending the day before
it starts. Periods that would begin before :data:`cchc_cli.core.dates.FIRST_DAY`
are not made: cchc holds no data there.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from cchc_cli.core.dateargs import Period
from cchc_cli.core.dates import FIRST_DAY


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


_LABELS = (
    (re.compile(r"\d{4}-\d{2}"), PeriodKind.MONTH),
    (re.compile(r"\d{4}-Q[1-4]"), PeriodKind.QUARTER),
    (re.compile(r"\d{4}"), PeriodKind.YEAR),
)


def kind_of(period: Period) -> PeriodKind:
    """What kind of period ``period`` is, read from its normalized label."""
    for pattern, kind in _LABELS:
        if pattern.fullmatch(period.label):
            return kind
    return PeriodKind.RANGE


def previous(period: Period) -> Period | None:
    """The period of the same kind just before ``period``; None before the first day."""
    kind = kind_of(period)
    if kind is PeriodKind.RANGE:
        length = period.end - period.start
        end = period.start - timedelta(days=1)
        if end - length < FIRST_DAY:
            return None
        start = end - length
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[kind]
    start = period.start - relativedelta(months=months)
    if start < FIRST_DAY:
        return None
    end = period.start - timedelta(days=1)
    if kind is PeriodKind.MONTH:
        label = f"{start.year:04d}-{start.month:02d}"
    elif kind is PeriodKind.QUARTER:
        label = f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    else:
        label = f"{start.year:04d}"
    return Period(start, end, label)


def last_periods(period: Period, count: int) -> list[Period]:
    """``count`` periods ending with ``period`` (oldest first), fewer near the first day."""
    found = [period]
    while len(found) < count:
        before = previous(found[-1])
        if before is None:
            break
        found.append(before)
    return found[::-1]


def judged_on(period: Period, today: date) -> date:
    """The day a report on ``period`` judges as of: its last day once it has ended, else
    ``today`` (the rule of :func:`cchc_cli.views.report.report_period`)."""
    return today if today < period.end else period.end
