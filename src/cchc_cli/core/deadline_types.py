"""The values of the deadline engine: a deadline, how it was read, and what it is read in.

Kept apart from the grammar and the rules so that both can use them;
:mod:`cchc_cli.core.deadlines` is the place to import them from.
"""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Any

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.errors import CchcError
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar


class DeadlineKind(StrEnum):
    BEFORE = "before"
    NO_LATER_THAN = "no_later_than"
    UNTIL = "until"
    BEFORE_TIME = "before_time"
    END_OF_YEAR = "end_of_year"
    WITHIN_MONTH = "within_month"
    WITHIN_QUARTER = "within_quarter"
    #: "6 tháng đầu năm 2024", "9 tháng đầu năm", "6 tháng cuối năm".
    MONTHS_OF_YEAR = "months_of_year"
    #: "trong tuần đầu tháng 01/2024", "tuần thứ hai của tháng 3".
    WITHIN_WEEK = "within_week"
    #: "trước tháng 6/2024", "trước quý III/2024", "trước năm 2025".
    BEFORE_PERIOD = "before_period"
    #: "đầu tháng 12/2023", "đầu năm 2024" (Bộ luật Dân sự 2015, Điều 146).
    START_OF_PERIOD = "start_of_period"
    #: "giữa tháng 12/2023", "giữa năm 2024" (Điều 146).
    MIDDLE_OF_PERIOD = "middle_of_period"
    #: "trong 15 ngày kể từ ngày ký", "trong vòng 05 ngày" (Điều 147-148).
    DAYS_FROM = "days_from"
    #: "trong thời hạn 10 ngày làm việc kể từ ngày ký".
    WORKING_DAYS_FROM = "working_days_from"
    #: "trong 02 tuần", "trong 01 tháng", "trong 1 năm" kể từ ... (Điều 147-148).
    PERIOD_FROM = "period_from"
    ONGOING = "ongoing"


#: Kinds whose phrase names one particular day (as opposed to a period or a count).
DAY_KINDS = frozenset(
    {
        DeadlineKind.BEFORE,
        DeadlineKind.NO_LATER_THAN,
        DeadlineKind.UNTIL,
        DeadlineKind.BEFORE_TIME,
    }
)
#: Kinds counted from an event (the date of issue, or ``deadline_from``).
RELATIVE_KINDS = frozenset(
    {DeadlineKind.DAYS_FROM, DeadlineKind.WORKING_DAYS_FROM, DeadlineKind.PERIOD_FROM}
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


@dataclass(frozen=True)
class DeadlineContext:
    """What a phrase is read against: the notice it is written in, and the calendar."""

    #: The notice's date of issue, possibly partial; None when unknown.
    issued: PartialDate | None = None
    calendar: WorkCalendar = PUBLIC_CALENDAR
    #: The day counts start from when the file says so (``deadline_from``).
    anchor: date | None = None
    #: The meeting's day, for "kể từ ngày họp".
    meeting: date | None = None

    @classmethod
    def of(cls, context: DeadlineContext | PartialDate | int | None) -> DeadlineContext:
        """A context from what callers have: a context, a date of issue, a year, nothing."""
        if isinstance(context, DeadlineContext):
            return context
        if isinstance(context, PartialDate):
            return cls(issued=context)
        if isinstance(context, int):
            return cls(issued=PartialDate(context))
        return cls()


@dataclass(frozen=True)
class Step:
    """One step of how a phrase was read: a message key and its arguments."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """A deadline with the steps that led to its last day (``cchc why``)."""

    deadline: Deadline
    steps: tuple[Step, ...] = ()
    #: The part of the text that was read, as written.
    phrase: str = ""
