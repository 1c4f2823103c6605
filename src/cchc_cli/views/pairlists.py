"""The due and overdue lists: a row per task or per (task, unit) pair. Pure.

They are the longest tables cchc prints (60,000 overdue pairs on a folder of copies of
one notice), so each is made column by column (:class:`~cchc_cli.views.render.Rows`),
every cell's text worked out once per distinct task, unit or day, and the records
programs read (JSON, CSV) are made only when asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import Registry, Task
from cchc_cli.core.status import UnitStatus
from cchc_cli.core.vntext import shorten_each, sort_key
from cchc_cli.views.i18n import Lang, days_key, fmt_date, t
from cchc_cli.views.layout import TEXT_WIDTH
from cchc_cli.views.render import Column, Field, Report, Rows, Section
from cchc_cli.views.textout import Picked


def status_columns(days: str) -> list[Column]:
    """The data columns of one (task, unit) pair; ``days`` is days_left or days_overdue."""
    keys = ("ref", "notice", "id", "unit", "unit_name", "status", "deadline", "last_day")
    return [Column(key) for key in (*keys, days, "text")]


def status_records(items: list[UnitStatus], registry: Registry) -> list[dict[str, Any]]:
    """Each (task, unit) pair as data, what a task, a unit and a day give worked out once
    each (a long list repeats them: 60,000 overdue pairs, a few dozen last days)."""
    tasks: dict[int, dict[str, Any]] = {}
    units: dict[str, dict[str, Any]] = {}
    days: dict[tuple[Any, ...], dict[str, Any]] = {}
    records = []
    for item in items:
        task = item.task
        said = tasks.get(id(task))
        if said is None:
            said = tasks[id(task)] = {"ref": task.ref, "notice": task.notice, "id": task.id}
        unit = units.get(item.unit)
        if unit is None:
            unit = units[item.unit] = {"unit": item.unit, "unit_name": registry.name_of(item.unit)}
        key = (item.status, item.last_day, item.today, item.completion)
        when = days.get(key)
        if when is None:
            when = days[key] = {
                "status": item.status.value,
                "last_day": item.last_day,
                "days_left": item.days_left,
                "days_overdue": item.days_overdue,
            }
        records.append({**said, **unit, **when, "deadline": task.deadline.text, "text": task.text})
    return records


def time_left(days: int | None, lang: Lang) -> str:
    if days is None:
        return ""
    if days > 0:
        return t(days_key("label.left-days", days), lang, days=days)
    if days == 0:
        return t("label.left-today", lang)
    return t(days_key("label.late-days", days), lang, days=-days)


def open_units_text(
    task: Task,
    open_units: Collection[str],
    registry: Registry,
    lang: Lang,
    shown: Collection[str] | None = None,
    short: bool = False,
) -> str:
    """Who has still to act: a group by its name while all its members are open.

    ``open_units`` are all the task's units still open; ``shown`` those the view
    lists (a ``--unit`` filter), by default all of them. A group's share counts
    its open members whatever is shown: "UBND các xã, thị trấn (18/18 chưa xong):
    Thị trấn Hồ Xá" for one commune of a task all 18 have still to do.
    """
    name_of = registry.short_of if short else registry.name_of
    still_open = set(open_units)
    listed = still_open if shown is None else set(shown)
    parts = []
    for ident in task.assigned:
        members = registry.expand([ident])
        still = [u for u in members if u in still_open]
        here = [u for u in members if u in listed]
        if not here:
            continue
        listed.difference_update(here)
        if ident in registry.groups:
            share_key = "label.open-of-short" if short else "label.open-of"
            share = t(share_key, lang, open=len(still), total=len(members))
            if len(here) == len(members):
                parts.append(f"{name_of(ident)} ({share})")
            else:
                names = ", ".join(name_of(u) for u in here)
                parts.append(f"{name_of(ident)} ({share}): {names}")
        else:
            parts.append(name_of(ident))
    return "; ".join(parts)


class DueRow(NamedTuple):
    """A task of the due list: the earliest last day of its pairs listed, those pairs'
    units (``shown``) and every unit of the task still open that day."""

    task: Task
    last_day: date | None
    shown: tuple[str, ...]
    still_open: frozenset[str]


@dataclass(frozen=True)
class DueList:
    """What ``due`` prints on ``today``: a row per task, in order, and (for programs,
    made only when asked for) the (task, unit) pairs themselves."""

    rows: list[DueRow]
    today: date | None
    pairs: Callable[[], list[UnitStatus]]


_TASK = attrgetter("task")
_NOTICE, _ID, _TEXT = attrgetter("notice"), attrgetter("id"), attrgetter("text")
_DEADLINE = attrgetter("deadline")


def _task_cells(tasks: list[Task]) -> tuple[list[str], list[str], list[str]]:
    """The tasks' references, deadlines as written and texts cut to the table's width,
    a column at a time (map and C, not a Python loop per row where it can be)."""
    refs = list(map("/".join, zip(map(_NOTICE, tasks), map(_ID, tasks), strict=True)))
    deadlines = [deadline.text or "" for deadline in map(_DEADLINE, tasks)]
    return refs, deadlines, shorten_each(list(map(_TEXT, tasks)), TEXT_WIDTH)


def due_report(due: DueList, registry: Registry, lang: Lang) -> Report:
    """Open tasks by last day: a row per task for people, per (task, unit) for programs."""
    # Tasks that repeat (one notice copied per commune) say who is open in the same words.
    said: dict[tuple[Any, ...], tuple[str, str]] = {}
    named = []
    for task, _, shown, still_open in due.rows:
        key = (task.assigned, still_open, shown)
        found = said.get(key)
        if found is None:
            found = said[key] = (
                open_units_text(task, still_open, registry, lang, shown),
                open_units_text(task, still_open, registry, lang, shown, short=True),
            )
        named.append(found)
    day = _day_text(lang)
    whens = {when: _when(when, due.today, day, lang) for when in {row[1] for row in due.rows}}
    when = [whens[row[1]] for row in due.rows]
    refs, deadlines, texts = _task_cells(list(map(_TASK, due.rows)))
    rows = Rows(
        {
            "ref": refs,
            "units": list(map(_FIRST, named)),
            "units_short": list(map(_SECOND, named)),
            "overdue": list(map(_THIRD, when)),
            "deadline": deadlines,
            "last_day": list(map(_FIRST, when)),
            "left": list(map(_SECOND, when)),
            "text": texts,
        }
    )
    table_columns = [
        Column("ref", "label.ref", show=Field("ref")),
        Column(
            "units",
            "label.units-open",
            show=Field("units"),
            brief=Field("units_short"),
            head="head.units-open",
            shrink=True,
        ),
        Column("deadline", "label.deadline", show=Field("deadline"), optional=True, shrink=True),
        Column("last_day", "label.last-day", show=Field("last_day"), head="head.last-day"),
        Column("left", "label.days-left", show=Field("left")),
        Column("text", "label.text", show=Field("text"), shrink=True),
    ]
    table = Section(
        "due", table_columns, rows, empty=t("cli.nothing-due", lang), alert=Field("overdue")
    )

    def data() -> Section:
        return Section("due", status_columns("days_left"), status_records(due.pairs(), registry))

    return Report([table], data=data)


def _when(
    last_day: date | None, today: date | None, day: Callable[[date | None], str], lang: Lang
) -> tuple[str, str, bool]:
    """A last day's cells in the due list: the day, the time left, whether it is past."""
    left = (last_day - today).days if last_day is not None and today is not None else None
    return day(last_day), time_left(left, lang), (left or 0) < 0


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


def _day_text(lang: Lang) -> Callable[[date | None], str]:
    """A day as a table cell shows it, each distinct day written once."""

    @functools.cache
    def text(day: date | None) -> str:
        return "" if day is None else fmt_date(day, lang)

    return text


#: A line of the overdue list: (task, last day, its units overdue since then, rank).
LateLine = tuple[Task, date | None, tuple[str, ...], Any]


class LateList(NamedTuple):
    """What ``overdue`` prints: lines of (task, last day, its units overdue since then,
    rank), and (for programs, made only when asked for) the (task, unit) pairs
    themselves. The lines are listed by last day, then rank: the task's place in display
    order, or the pair's when a line holds one pair. Within a line the units are in the
    order their pairs come (a task's: its assignees')."""

    lines: list[LateLine]
    today: date | None
    pairs: Callable[[], list[UnitStatus]]


def late_list(items: list[UnitStatus]) -> LateList:
    """The overdue list of the pairs ``items``, a line each, ranked in their order."""
    lines: list[LateLine] = [(i.task, i.last_day, (i.unit,), n) for n, i in enumerate(items)]
    return LateList(lines, items[0].today if items else None, lambda: items)


_LINE_ORDER = itemgetter(1, 3)


def overdue_report(late: LateList, registry: Registry, lang: Lang) -> Report:
    """Overdue (task, unit) pairs, grouped by unit in Vietnamese alphabetical order, each
    unit's by last day (then in the order given)."""
    lines = sorted(late.lines, key=_LINE_ORDER)
    # What each line shows, worked out once for all its units: a notice copied to 1,200
    # files gives 60,000 pairs of 5,000 tasks and a few dozen days.
    day = _day_text(lang)
    whens = list(map(_SECOND, lines))
    days = {when: day(when) for when in set(whens)}
    late_by = {when: _overdue_text(when, late.today) for when in days}
    refs, deadlines, texts = _task_cells(list(map(_FIRST, lines)))
    groups: dict[str, list[int]] = {}
    for number, units in enumerate(map(_THIRD, lines)):
        for unit in units:
            found = groups.get(unit)
            if found is None:
                groups[unit] = [number]
            else:
                found.append(number)
    table_columns = [
        Column("ref", "label.ref", show=Field("ref")),
        Column("deadline", "label.deadline", show=Field("deadline"), optional=True, shrink=True),
        Column("last_day", "label.last-day", show=Field("last_day"), head="head.last-day"),
        Column(
            "days_overdue",
            "label.days-overdue",
            show=Field("days_overdue"),
            right=True,
            style="red",
            head="head.days-overdue",
            legend="head.days-overdue-legend",
        ),
        Column("text", "label.text", show=Field("text"), shrink=True),
    ]
    shared = Rows(
        {
            "ref": refs,
            "deadline": deadlines,
            "last_day": list(map(days.__getitem__, whens)),
            "days_overdue": list(map(late_by.__getitem__, whens)),
            "text": texts,
        }
    )
    sections: list[Section] = []
    for unit in _unit_places(groups, lines, registry):
        numbers = groups[unit]
        rows = Picked(shared, numbers, {"unit": unit})
        title = t("label.unit-title", lang, name=registry.name_of(unit), count=len(numbers))
        sections.append(Section(unit, table_columns, rows, title=title))
    if not sections:
        sections = [Section("overdue", table_columns, [], empty=t("cli.nothing-overdue", lang))]

    def data() -> Section:
        return Section(
            "overdue",
            status_columns("days_overdue"),
            status_records(_ordered(late.pairs(), registry), registry),
        )

    return Report(sections, data=data)


def _overdue_text(last_day: date | None, today: date | None) -> str:
    """Days overdue as the table shows them (:attr:`UnitStatus.days_overdue` of an
    overdue pair)."""
    return str((today - last_day).days) if last_day and today else ""


_UNIT = attrgetter("unit")
_LAST_DAY = attrgetter("last_day")


def _unit_order(units: Iterable[str], registry: Registry) -> dict[str, tuple[Any, ...]]:
    return {u: sort_key(registry.name_of(u)) for u in units}


def _ordered(items: list[UnitStatus], registry: Registry) -> list[UnitStatus]:
    """The pairs by unit (Vietnamese alphabetical order of its name), then last day."""
    unit_order = _unit_order(set(map(_UNIT, items)), registry)
    ordered = sorted(items, key=_LAST_DAY)
    ordered.sort(key=lambda i: unit_order[i.unit])
    return ordered


def _unit_places(
    groups: dict[str, list[int]],
    lines: list[LateLine],
    registry: Registry,
) -> list[str]:
    """The units in the order of their sections: by name (Vietnamese alphabetical
    order), then by the first of their lines (``groups``: each unit's, in order); units
    that share a name and that line by where their pair is in it."""
    unit_order = _unit_order(groups, registry)
    shared = len(set(unit_order.values())) < len(unit_order)

    def place(unit: str) -> tuple[Any, ...]:
        _, last_day, units, rank = lines[groups[unit][0]]
        if not shared:
            return (unit_order[unit], last_day)
        return (unit_order[unit], last_day, rank, units.index(unit))

    return sorted(groups, key=place)
