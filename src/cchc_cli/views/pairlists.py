"""The due and overdue lists: a row per task or per (task, unit) pair. Pure.

They are the longest tables cchc prints (60,000 overdue pairs on a folder of copies of
one notice), so each is made column by column (:class:`~cchc_cli.views.render.Rows`),
every cell's text worked out once per distinct task, unit or day, and the records
programs read (JSON, CSV) are made only when asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import Registry, Task
from cchc_cli.core.status import UnitStatus
from cchc_cli.core.vntext import shorten, sort_key
from cchc_cli.views.i18n import Lang, days_key, fmt_date, t
from cchc_cli.views.layout import TEXT_WIDTH
from cchc_cli.views.render import Column, Field, Report, Rows, Section


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


def _cut(width: int) -> Callable[[str], str]:
    """:func:`shorten` to ``width``, each distinct text once (a long list repeats them)."""
    return functools.lru_cache(maxsize=None)(functools.partial(shorten, width=width))


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
    days_left: int | None
    shown: tuple[str, ...]
    still_open: frozenset[str]


@dataclass(frozen=True)
class DueList:
    """What ``due`` prints: a row per task, in order, and (for programs, made only when
    asked for) the (task, unit) pairs themselves."""

    rows: list[DueRow]
    pairs: Callable[[], list[UnitStatus]]


def due_report(due: DueList, registry: Registry, lang: Lang) -> Report:
    """Open tasks by last day: a row per task for people, per (task, unit) for programs."""
    # Tasks that repeat (one notice copied per commune) say who is open in the same words.
    said: dict[tuple[Any, ...], tuple[str, str]] = {}
    cut, left = _cut(TEXT_WIDTH), functools.lru_cache(maxsize=None)(time_left)
    day = _day_text(lang)
    refs, units, shorts, late, deadlines, last_days, lefts, texts = ([] for _ in range(8))
    for row in due.rows:
        task = row.task
        key = (task.assigned, row.still_open, row.shown)
        named = said.get(key)
        if named is None:
            named = said[key] = (
                open_units_text(task, row.still_open, registry, lang, row.shown),
                open_units_text(task, row.still_open, registry, lang, row.shown, short=True),
            )
        refs.append(task.ref)
        units.append(named[0])
        shorts.append(named[1])
        late.append((row.days_left or 0) < 0)
        deadlines.append(task.deadline.text or "")
        last_days.append(day(row.last_day))
        lefts.append(left(row.days_left, lang))
        texts.append(cut(task.text))
    rows = Rows(
        {
            "ref": refs,
            "units": units,
            "units_short": shorts,
            "overdue": late,
            "deadline": deadlines,
            "last_day": last_days,
            "left": lefts,
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


def _day_text(lang: Lang) -> Callable[[date | None], str]:
    """A day as a table cell shows it, each distinct day written once."""

    @functools.cache
    def text(day: date | None) -> str:
        return "" if day is None else fmt_date(day, lang)

    return text


_TASK = attrgetter("task")
_UNIT = attrgetter("unit")
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_LAST_DAY = attrgetter("last_day")
_DAYS = attrgetter("last_day", "today")


def overdue_report(items: list[UnitStatus], registry: Registry, lang: Lang) -> Report:
    """Overdue (task, unit) pairs, grouped by unit in Vietnamese alphabetical order, each
    unit's by last day (then in the order given)."""
    groups = _by_unit(items, registry)
    # What each task and day shows, worked out once: a notice copied to 1,200 files
    # gives 60,000 pairs of 5,000 tasks and a few dozen days.
    every = list(map(_TASK, items))
    tasks = dict(zip(map(id, every), every, strict=True))
    cut = _cut(TEXT_WIDTH)
    shown = {
        key: (task.ref, task.deadline.text or "", cut(task.text)) for key, task in tasks.items()
    }
    day = _day_text(lang)
    days = {pair: (day(pair[0]), _overdue_text(*pair)) for pair in set(map(_DAYS, items))}
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
    sections: list[Section] = []
    for unit, group in groups:
        said = [shown[key] for key in map(id, map(_TASK, group))]
        when = [days[pair] for pair in map(_DAYS, group)]
        rows = Rows(
            {
                "ref": list(map(_FIRST, said)),
                "unit": [unit] * len(group),
                "deadline": list(map(_SECOND, said)),
                "last_day": list(map(_FIRST, when)),
                "days_overdue": list(map(_SECOND, when)),
                "text": list(map(_THIRD, said)),
            }
        )
        title = t("label.unit-title", lang, name=registry.name_of(unit), count=len(group))
        sections.append(Section(unit, table_columns, rows, title=title))
    if not sections:
        sections = [Section("overdue", table_columns, [], empty=t("cli.nothing-overdue", lang))]

    def data() -> Section:
        return Section(
            "overdue",
            status_columns("days_overdue"),
            status_records(_ordered(items, registry), registry),
        )

    return Report(sections, data=data)


def _overdue_text(last_day: date | None, today: date | None) -> str:
    """Days overdue as the table shows them (:attr:`UnitStatus.days_overdue` of an
    overdue pair)."""
    return str((today - last_day).days) if last_day and today else ""


def _unit_order(items: list[UnitStatus], registry: Registry) -> dict[str, tuple[Any, ...]]:
    return {u: sort_key(registry.name_of(u)) for u in set(map(_UNIT, items))}


def _ordered(items: list[UnitStatus], registry: Registry) -> list[UnitStatus]:
    """The pairs by unit (Vietnamese alphabetical order of its name), then last day."""
    unit_order = _unit_order(items, registry)
    ordered = sorted(items, key=_LAST_DAY)
    ordered.sort(key=lambda i: unit_order[i.unit])
    return ordered


def _by_unit(items: list[UnitStatus], registry: Registry) -> list[tuple[str, list[UnitStatus]]]:
    """:func:`_ordered`'s pairs unit by unit, each unit where its first pair is there:
    sorted per unit, not all at once (units that share a name share a place)."""
    groups: dict[str, list[UnitStatus]] = {}
    for item in items:
        found = groups.get(item.unit)
        if found is None:
            found = groups[item.unit] = []
        found.append(item)
    for group in groups.values():
        group.sort(key=_LAST_DAY)
    unit_order = _unit_order(items, registry)
    first = {id(item): n for n, item in enumerate(items)} if _shared(unit_order) else {}

    def place(unit: str) -> tuple[Any, ...]:
        lead = groups[unit][0]
        return (unit_order[unit], lead.last_day, first.get(id(lead), 0))

    return [(unit, groups[unit]) for unit in sorted(groups, key=place)]


def _shared(unit_order: dict[str, tuple[Any, ...]]) -> bool:
    """Whether two units sort alike (the same name)."""
    return len(set(unit_order.values())) < len(unit_order)
