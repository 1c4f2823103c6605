"""Recurring tasks: a rule ("hằng tháng, trước ngày 20"), and its instances. Pure.

A recurring task is one rule, never a list of copies: its instances are derived
from the rule for every period that has begun by the day asked about, and none
is ever written ahead (the lesson of Taskwarrior's duplicated instances). Each
instance has a stable key that names its period:

=============  ============  ===========================================
every          key           period
=============  ============  ===========================================
week           ``2024-W05``  ISO week (Monday to Sunday)
month          ``2024-01``   calendar month
quarter        ``2024-Q1``   calendar quarter
half year      ``2024-H1``   January-June, July-December
year           ``2024``      calendar year
=============  ============  ===========================================

A task's reference with a key, ``tb-7-2024/1.1@2024-01``, names one instance;
progress is recorded against it, so each instance keeps its own completions,
extensions, cancellation and notes and completing one never touches another.

Deadlines within a period follow the single-deadline rules of
:mod:`cchc_cli.core.deadlines`: "trước ngày 20" ends on the 19th, "vào (chậm
nhất) ngày 20" on the 20th, no day at all on the period's last day; a day past
the month's end (31 in February) is the month's last day; a fixed day off moves
to the next working day only when the office says so, never onto a day a
"trước" names; a time of day is never moved.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date, time, timedelta
from enum import StrEnum

from cchc_cli.core.dates import FIRST_DAY, LAST_DAY
from cchc_cli.core.deadline_types import Deadline, DeadlineKind, Reading, Step
from cchc_cli.core.errors import CchcError, UsageError
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.model import Task
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar


class Every(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class RecurrenceError(CchcError, ValueError):
    """A recurrence phrase that cannot be read (``recurrence.*`` keys)."""


@dataclass(frozen=True)
class Rule:
    """When each period's instance is due, as read from the phrase."""

    every: Every
    #: Day of the month the deadline names (None: the period's last day).
    day: int | None = None
    #: Month within the period: quarter 1-3, half 1-6, year 1-12 (None: the last one).
    month: int | None = None
    #: Weekly: Monday 0 ... Sunday 6.
    weekday: int | None = None
    #: A time of day ("trước 16 giờ"): the deadline is that day, time kept.
    at: time | None = None
    #: "trước": the day named is not allowed, the last day is the one before.
    before: bool = False


@dataclass(frozen=True)
class Recurrence:
    """A task's recurrence: its rule as written and read, and when it runs."""

    text: str
    rule: Rule
    #: The first day of the series: instances whose last day is earlier are not made.
    start: date
    #: The last day of the series, when given: no period begins after it.
    end: date | None = None
    #: The office's working days (moves a fixed last day off, if the office says so).
    calendar: WorkCalendar = field(default=PUBLIC_CALENDAR, compare=False)


@dataclass(frozen=True)
class Instance:
    """One period of a recurrence: its key, its days and its deadline."""

    key: str
    begins: date
    ends: date
    last_day: date
    at: time | None = None


# -- periods ---------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _months(every: Every) -> int:
    return {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF: 6, Every.YEAR: 12}[every]


def period_of(every: Every, day: date) -> tuple[str, date, date]:
    """The key, first and last day of the period of ``every`` that holds ``day``."""
    if every is Every.WEEK:
        iso = day.isocalendar()
        monday = day - timedelta(days=iso.weekday - 1)
        return f"{iso.year}-W{iso.week:02d}", monday, monday + timedelta(days=6)
    size = _months(every)
    first_month = (day.month - 1) // size * size + 1
    begins = date(day.year, first_month, 1)
    ends = month_end(day.year, first_month + size - 1)
    number = (day.month - 1) // size + 1
    if every is Every.MONTH:
        key = f"{day.year}-{day.month:02d}"
    elif every is Every.YEAR:
        key = f"{day.year}"
    else:
        key = f"{day.year}-{'Q' if every is Every.QUARTER else 'H'}{number}"
    return key, begins, ends


_KEY_FORMS = {
    Every.WEEK: re.compile(r"(\d{4})-W(\d{2})"),
    Every.MONTH: re.compile(r"(\d{4})-(\d{2})"),
    Every.QUARTER: re.compile(r"(\d{4})-Q([1-4])"),
    Every.HALF: re.compile(r"(\d{4})-H([12])"),
    Every.YEAR: re.compile(r"(\d{4})"),
}


def key_every(key: str) -> Every | None:
    """Which kind of period a key names, from its form alone; None if none."""
    for every, form in _KEY_FORMS.items():
        if form.fullmatch(key):
            return every
    return None


def period_of_key(key: str) -> tuple[Every, date] | None:
    """The kind and first day of the period a key names; None for a key that names none
    (``2024-13``, ``2024-W54``, a year out of range)."""
    every = key_every(key)
    if every is None:
        return None
    numbers = [int(n) for n in _KEY_FORMS[every].fullmatch(key).groups()]  # type: ignore[union-attr]
    year = numbers[0]
    if not FIRST_DAY.year < year < LAST_DAY.year:
        return None
    try:
        if every is Every.WEEK:
            first = date.fromisocalendar(year, numbers[1], 1)
        elif every is Every.YEAR:
            first = date(year, 1, 1)
        else:
            first = date(year, (numbers[1] - 1) * _months(every) + 1, 1)
    except ValueError:
        return None
    return every, first


def _next_period(every: Every, begins: date) -> date:
    if every is Every.WEEK:
        return begins + timedelta(days=7)
    month = begins.month - 1 + _months(every)
    return date(begins.year + month // 12, month % 12 + 1, 1)


# -- instances -------------------------------------------------------------------------------


def instance_of(recurrence: Recurrence, begins: date) -> Instance:
    """The instance of the period holding ``begins``: its key and its deadline."""
    rule = recurrence.rule
    key, first, last = period_of(rule.every, begins)
    if rule.every is Every.WEEK:
        named = first + timedelta(days=rule.weekday if rule.weekday is not None else 6)
    elif rule.day is None and rule.month is None:
        named = last
    else:
        month = first.month + (rule.month or _months(rule.every)) - 1
        last_of_month = month_end(first.year, month)
        day = last_of_month.day if rule.day is None else min(rule.day, last_of_month.day)
        named = last_of_month.replace(day=day)
    if rule.at is not None:
        # "trước 16 giờ thứ Năm": that day, the time kept; a time is never moved.
        return Instance(key, first, last, named, rule.at)
    if rule.before and (rule.day is not None or rule.weekday is not None):
        last_day = _office_move(recurrence.calendar, named - timedelta(days=1), named)
        return Instance(key, first, last, last_day)
    return Instance(key, first, last, _office_move(recurrence.calendar, named, None))


def _office_move(calendar: WorkCalendar, last: date, before: date | None) -> date:
    """A fixed last day off moves to the next working day when the office says so,
    never onto or past the day a "trước" names (as for a single deadline)."""
    if not calendar.move_to_working_day:
        return last
    try:
        moved, passed = calendar.next_working_day(last)
    except CchcError:
        return last
    if not passed or (before is not None and moved >= before):
        return last
    return moved


def instances(recurrence: Recurrence, today: date) -> list[Instance]:
    """Every instance whose period has begun by ``today``, oldest first, each once.

    The first is the period holding the start, unless its last day is before the
    start (a notice of 25/01 asking "trước ngày 20" each month begins in February);
    no period begins after the end.
    """
    rule = recurrence.rule
    found: list[Instance] = []
    _, begins, _ = period_of(rule.every, recurrence.start)
    stop = min(today, recurrence.end) if recurrence.end else today
    while begins <= stop:
        instance = instance_of(recurrence, begins)
        if instance.last_day >= recurrence.start:
            found.append(instance)
        begins = _next_period(rule.every, begins)
    return found


def instance_by_key(recurrence: Recurrence, key: str) -> Instance | None:
    """The instance a key names, if the key is of the rule's kind and in the series."""
    found = period_of_key(key)
    if found is None or found[0] is not recurrence.rule.every:
        return None
    instance = instance_of(recurrence, found[1])
    if instance.last_day < recurrence.start:
        return None
    if recurrence.end is not None and instance.begins > recurrence.end:
        return None
    return instance


# -- instances as tasks ----------------------------------------------------------------------


def split_ref(ref: str) -> tuple[str, str | None]:
    """A reference and the instance key after its ``@``, if any: ``1.1@2024-01``."""
    base, at, key = ref.strip().partition("@")
    if not at:
        return base, None
    key = key.strip().upper()
    if not base or period_of_key(key) is None:
        raise UsageError("recurrence.bad-key", ref=ref.strip())
    return base, key


def explain(recurrence: Recurrence, instance: Instance) -> Reading:
    """How an instance's last day follows from the rule (``cchc why REF@KEY``)."""
    rule = recurrence.rule
    steps = [
        Step(
            "why.recurring",
            {"text": recurrence.text, "key": instance.key, "begins": instance.begins,
             "ends": instance.ends, "start": recurrence.start},
        )
    ]  # fmt: skip
    if rule.at is not None:
        at = rule.at.strftime("%H:%M")
        steps.append(Step("why.recurring-time", {"day": instance.last_day, "at": at}))
    elif rule.before and (rule.day is not None or rule.weekday is not None):
        steps.append(Step("why.recurring-before", {"day": instance.last_day}))
    else:
        steps.append(Step("why.recurring-day", {"day": instance.last_day}))
    return Reading(instance_deadline(recurrence, instance), tuple(steps), recurrence.text)


def instance_deadline(recurrence: Recurrence, instance: Instance) -> Deadline:
    kind = DeadlineKind.BEFORE_TIME if instance.at else DeadlineKind.NO_LATER_THAN
    return Deadline(recurrence.text, kind, instance.last_day, instance.at)


def instance_task(task: Task, instance: Instance) -> Task:
    """The instance as a task of its own: reference ``notice/id@key``, the period's
    deadline, and only the progress recorded against that instance."""
    assert task.recurrence is not None
    held = task.occurrences.get(instance.key)
    return dataclasses.replace(
        task,
        id=f"{task.id}@{instance.key}",
        deadline=instance_deadline(task.recurrence, instance),
        recurrence=None,
        occurrences={},
        done=dict(held.done) if held else {},
        extensions=held.extensions if held else (),
        cancelled=held.cancelled if held else None,
        notes=held.notes if held else (),
        withdrawn=held.withdrawn if held else (),
    )


def series_end(task: Task) -> date | None:
    """The last day a period may begin: the rule's end, or the day the whole series was
    cancelled (a cancellation with no day: it never began)."""
    assert task.recurrence is not None
    end = task.recurrence.end
    if task.cancelled is not None:
        stop = task.cancelled.on or (FIRST_DAY)
        end = stop if end is None else min(end, stop)
    return end


def task_instances(task: Task, today: date) -> list[Task]:
    """A recurring task's instances begun by ``today``, each as a task, oldest first."""
    assert task.recurrence is not None
    end = series_end(task)
    if task.cancelled is not None and task.cancelled.on is None:
        return []
    recurrence = dataclasses.replace(task.recurrence, end=end)
    return [instance_task(task, i) for i in instances(recurrence, today)]


def expand(tasks: Iterable[Task], today: date) -> list[Task]:
    """Tasks with each recurring one replaced by its instances begun by ``today``."""
    out: list[Task] = []
    for task in tasks:
        if task.recurrence is None:
            out.append(task)
        else:
            out += task_instances(task, today)
    return out


def upcoming(tasks: Iterable[Task], today: date, until: date) -> list[Task]:
    """The instances whose period begins after ``today`` and by ``until``: never
    written anywhere, shown only where a calendar looks ahead (``export -f ics``)."""
    found: list[Task] = []
    for task in tasks:
        if task.recurrence is None:
            continue
        begun = {i.id for i in task_instances(task, today)}
        found += [t for t in task_instances(task, until) if t.id not in begun]
    return found


def _example(task: Task, today: date) -> str:
    """A period key of ``task``'s kind, for a message: the period ``today`` is in."""
    assert task.recurrence is not None
    return period_of(task.recurrence.rule.every, today)[0]


def pick_instance(
    task: Task, key: str | None, today: date, units: tuple[str, ...] = (), latest: bool = False
) -> Task:
    """The instance a reference means: the one its key names, else the oldest instance
    begun by ``today`` that is still open (for one of ``units``, when given); with
    ``latest``, the last one begun when none is open.

    Raises :class:`UsageError` for a key on a task that does not recur, a key of
    another kind of period or outside the series, a period not begun yet, or a
    plain reference when no instance is open.
    """
    if task.recurrence is None:
        if key is not None:
            raise UsageError("recurrence.not-recurring", ref=task.ref, key=key)
        return task
    if key is None:
        begun = task_instances(task, today)
        units = units or task.assignees
        for item in begun:
            if item.cancelled is None and any(u not in item.done for u in units):
                return item
        if latest and begun:
            return begun[-1]  # to look at (``show``): the last one when all are done
        # The example is a key of this task's kind: "@2024-01" on a quarterly task
        # would be refused in turn.
        raise UsageError("recurrence.none-open", ref=task.ref, example=_example(task, today))
    instance = instance_by_key(task.recurrence, key)
    if instance is None:
        raise UsageError(
            "recurrence.wrong-key", ref=task.ref, key=key, example=_example(task, today)
        )
    if instance.begins > today:
        raise UsageError("recurrence.not-begun", ref=task.ref, key=key, begins=instance.begins)
    end = series_end(task)
    if end is not None and instance.begins > end:
        raise UsageError("recurrence.after-end", ref=task.ref, key=key)
    return instance_task(task, instance)
