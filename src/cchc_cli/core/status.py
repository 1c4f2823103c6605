"""The status of a task for each assigned unit on a given day. Pure: ``today`` is passed in.

The categories are those Vietnamese agencies report in (../shared/DOMAIN.md):

================  ==================================  ==========================
status            Vietnamese label                    when
================  ==================================  ==========================
done_on_time      Hoàn thành đúng hạn                 done on or before the last day
done_late         Hoàn thành quá hạn                  done after the last day
done_no_deadline  Hoàn thành (không thời hạn)         done; the task has no deadline
in_progress       Đang thực hiện trong hạn            not done; last day not passed
overdue           Quá hạn chưa hoàn thành             not done; last day passed
ongoing           Thường xuyên / không thời hạn       not done; no deadline
cancelled         Đã hủy                              dropped by a later decision
================  ==================================  ==========================

Everything is judged as it stood on ``today`` (:mod:`cchc_cli.core.asof`): a
completion, an extension or a cancellation dated later has not happened yet, so a
report "as of 30/11" run in January shows November's picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from cchc_cli.core.asof import task_as_of
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import Completion, Extension, Task


class Status(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_NO_DEADLINE = "done_no_deadline"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    ONGOING = "ongoing"
    CANCELLED = "cancelled"


DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE_NO_DEADLINE})
OPEN = frozenset({Status.IN_PROGRESS, Status.OVERDUE, Status.ONGOING})
WITH_DEADLINE = frozenset(
    {Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS, Status.OVERDUE}
)
#: The report's columns, in the order reports give them; cancelled counts in none.
REPORTED = (
    Status.DONE_ON_TIME,
    Status.DONE_LATE,
    Status.DONE_NO_DEADLINE,
    Status.IN_PROGRESS,
    Status.OVERDUE,
    Status.ONGOING,
)


def office_date(now: datetime, timezone: str) -> date:
    """The calendar day in the office's time zone at the instant ``now`` (aware)."""
    return now.astimezone(ZoneInfo(timezone)).date()


def extension_in_force(task: Task, today: date, unit: str | None = None) -> Extension | None:
    """The latest extension decided by ``today`` (an undated one counts from the start);
    one for a single unit (``Extension.unit``) counts for that unit only."""
    for extension in reversed(task_as_of(task, today).extensions):
        if extension.unit is None or extension.unit == unit:
            return extension
    return None


def last_day_on(task: Task, today: date, unit: str | None = None) -> date | None:
    """The last permissible day in force on ``today`` (for ``unit``): extended, else as written."""
    return task_as_of(task, today).last_day_for(unit)


def is_cancelled(task: Task, today: date) -> bool:
    return task_as_of(task, today).cancelled is not None


class UnitStatus(NamedTuple):
    """Where one unit stands on one task on one day (a named tuple: there are many)."""

    task: Task
    unit: str
    status: Status
    last_day: date | None
    completion: Completion | None = None
    today: date | None = None

    @property
    def done_on(self) -> date | None:
        return self.completion.on if self.completion else None

    @property
    def days_left(self) -> int | None:
        """Days from today to the last day (negative once it has passed), for open tasks."""
        if self.status not in OPEN or self.last_day is None or self.today is None:
            return None
        return (self.last_day - self.today).days

    @property
    def days_overdue(self) -> int | None:
        """Days past the last day: until today if still open, until completion if done late."""
        if self.status is Status.OVERDUE and self.last_day and self.today:
            return (self.today - self.last_day).days
        if self.status is Status.DONE_LATE and self.last_day and self.done_on:
            return (self.done_on - self.last_day).days
        return None


def unit_status(task: Task, unit: str, today: date) -> UnitStatus:
    task = task_as_of(task, today)
    return _classify(task, unit, today, task.last_day_for(unit), task.cancelled is not None)


def _classify(
    task: Task, unit: str, today: date, last_day: date | None, cancelled: bool
) -> UnitStatus:
    """The rules of the table above, for one unit of a task as it stood on ``today``."""
    if cancelled:
        return UnitStatus(task, unit, Status.CANCELLED, last_day, None, today)
    completion = task.done.get(unit)
    if completion is not None:
        if last_day is None:
            status = Status.DONE_NO_DEADLINE
        elif completion.on <= last_day:
            status = Status.DONE_ON_TIME
        else:
            status = Status.DONE_LATE
        return UnitStatus(task, unit, status, last_day, completion, today)
    if last_day is None:
        status = Status.ONGOING
    elif today <= last_day:
        status = Status.IN_PROGRESS
    else:
        status = Status.OVERDUE
    return UnitStatus(task, unit, status, last_day, None, today)


def task_statuses(task: Task, today: date) -> list[UnitStatus]:
    """One status per assigned unit, in registry order; ``UnitStatus.task`` is the task as
    it stood on ``today`` (:func:`cchc_cli.core.asof.task_as_of`)."""
    task = task_as_of(task, today)
    cancelled = task.cancelled is not None
    return [
        _classify(task, unit, today, last_day, cancelled)
        for unit, last_day in zip(task.assignees, last_days(task), strict=True)
    ]


def last_days(task: Task) -> list[date | None]:
    """Each assignee's last day in force, in registry order, for a task as it stood on a
    day (:func:`cchc_cli.core.asof.task_as_of`): what :func:`_classify` is given."""
    if any(e.unit is not None for e in task.extensions):
        # An extension for one unit: each unit has its own last day.
        return [task.last_day_for(unit) for unit in task.assignees]
    return [task.last_day] * len(task.assignees)


def task_done(task: Task, today: date) -> bool:
    """A task as a whole is done when every assignee is done."""
    return all(s.status in DONE for s in task_statuses(task, today))


def statuses(tasks: Iterable[Task], today: date) -> list[UnitStatus]:
    """The pairs of ``tasks`` on ``today``; leaving out the tasks of notices not issued by
    then is the caller's part (:func:`cchc_cli.core.asof.tasks_as_of`)."""
    return [s for task in tasks for s in task_statuses(task, today)]


class Count(NamedTuple):
    """How many (task, unit) pairs of one unit (or notice) have one status."""

    group: str
    status: Status
    pairs: int


@dataclass(frozen=True)
class Tally:
    """Counts of (task, unit) pairs per category, as reports give them."""

    counts: Counter[Status]

    @classmethod
    def of(cls, items: Iterable[UnitStatus]) -> Tally:
        return cls(Counter(s.status for s in items))

    def __getitem__(self, status: Status) -> int:
        return self.counts[status]

    @property
    def total(self) -> int:
        """Every assignment but the cancelled ones."""
        return sum(self.counts[s] for s in REPORTED)

    @property
    def done(self) -> int:
        return sum(self.counts[s] for s in DONE)

    @property
    def with_deadline(self) -> int:
        return sum(self.counts[s] for s in WITH_DEADLINE)

    @property
    def completion_rate(self) -> float | None:
        """Share of assignments done, in percent; None when there are none."""
        return round(100 * self.done / self.total, 1) if self.total else None

    @property
    def overdue_rate(self) -> float | None:
        """Overdue and not done, in percent of the assignments that have a deadline."""
        if not self.with_deadline:
            return None
        return round(100 * self.counts[Status.OVERDUE] / self.with_deadline, 1)
