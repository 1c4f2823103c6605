"""What each read command shows: the model turned into records and columns. Pure."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import Any, NamedTuple

from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.status import (
    REPORTED,
    Count,
    Status,
    Tally,
    UnitStatus,
)
from cchc_cli.core.vntext import shorten, sort_key
from cchc_cli.views.i18n import Lang, days_key, t
from cchc_cli.views.layout import TEXT_WIDTH
from cchc_cli.views.render import Column, Report, Section
from cchc_cli.views.unitlist import unit_report as unit_report  # `cchc units`


def task_record(task: Task) -> dict[str, Any]:
    """One task as data: the keys of ``list --format json``."""
    return {
        "ref": task.ref,
        "notice": task.notice,
        "id": task.id,
        "assigned": list(task.assigned),
        "assignees": list(task.assignees),
        "lead": task.lead,
        "with": list(task.with_),
        "text": task.text,
        "deadline": task.deadline.text,
        "deadline_kind": task.deadline.kind.value,
        "last_day": task.last_day,
        "target": task.target,
        "report_to": task.report_to,
    }


def task_report(tasks: list[Task], registry: Registry, lang: Lang) -> Report:
    def assigned(record: dict[str, Any]) -> str:
        return ", ".join(registry.name_of(i) for i in record["assigned"])

    def assigned_short(record: dict[str, Any]) -> str:
        return ", ".join(registry.short_of(i) for i in record["assigned"])

    columns = [
        Column("ref", "label.ref"),
        Column("notice", "label.notice", table=False),
        Column("id", "label.task", table=False),
        Column(
            "assigned",
            "label.assignees",
            show=assigned,
            brief=assigned_short,
            head="head.assignees",
            shrink=True,
        ),
        Column("assignees", "label.assignees", table=False),
        Column("lead", "label.lead", table=False),
        Column("with", "label.with", table=False),
        Column("deadline", "label.deadline", optional=True, shrink=True),
        Column("deadline_kind", "label.kind", table=False),
        Column("last_day", "label.last-day", head="head.last-day"),
        Column("text", "label.text", show=lambda r: shorten(r["text"], TEXT_WIDTH), shrink=True),
        Column("target", "label.target", table=False),
        Column("report_to", "label.report-to", table=False),
    ]
    return Report([Section("tasks", columns, [task_record(task) for task in tasks])])


# -- due, overdue, status ------------------------------------------------------------


def _status_columns(days: str) -> list[Column]:
    """The data columns of one (task, unit) pair; ``days`` is days_left or days_overdue."""
    keys = ("ref", "notice", "id", "unit", "unit_name", "status", "deadline", "last_day")
    return [Column(key) for key in (*keys, days, "text")]


def _status_records(items: list[UnitStatus], registry: Registry) -> list[dict[str, Any]]:
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
    data_columns = _status_columns("days_left")
    rows: list[dict[str, Any]] = []
    # Tasks that repeat (one notice copied per commune) say who is open in the same words.
    said: dict[tuple[Any, ...], tuple[str, str]] = {}
    cut, left = _cut(TEXT_WIDTH), functools.lru_cache(maxsize=None)(time_left)
    for row in due.rows:
        task = row.task
        key = (task.assigned, row.still_open, row.shown)
        units = said.get(key)
        if units is None:
            units = said[key] = (
                open_units_text(task, row.still_open, registry, lang, row.shown),
                open_units_text(task, row.still_open, registry, lang, row.shown, short=True),
            )
        rows.append(
            {
                "ref": task.ref,
                "units": units[0],
                "units_short": units[1],
                "overdue": (row.days_left or 0) < 0,
                "deadline": task.deadline.text,
                "last_day": row.last_day,
                "left": left(row.days_left, lang),
                "text": cut(task.text),
            }
        )
    table_columns = [
        Column("ref", "label.ref"),
        Column(
            "units",
            "label.units-open",
            brief=lambda r: r["units_short"],
            head="head.units-open",
            shrink=True,
        ),
        Column("deadline", "label.deadline", optional=True, shrink=True),
        Column("last_day", "label.last-day", head="head.last-day"),
        Column("left", "label.days-left"),
        Column("text", "label.text", shrink=True),
    ]
    table = Section(
        "due",
        table_columns,
        rows,
        empty=t("cli.nothing-due", lang),
        alert=lambda r: r["overdue"],
    )

    def data() -> Section:
        return Section("due", data_columns, _status_records(due.pairs(), registry))

    return Report([table], data=data)


def overdue_report(items: list[UnitStatus], registry: Registry, lang: Lang) -> Report:
    """Overdue (task, unit) pairs, grouped by unit in Vietnamese alphabetical order."""
    unit_order = {u: sort_key(registry.name_of(u)) for u in {i.unit for i in items}}
    # By unit, then last day: two stable sorts, each on a key made without a Python call
    # per pair for the first (60,000 pairs on a long list).
    items = sorted(items, key=attrgetter("last_day"))
    items.sort(key=lambda i: unit_order[i.unit])
    data_columns = _status_columns("days_overdue")
    records = _status_records(items, registry)
    table_columns = [
        Column("ref", "label.ref"),
        Column("deadline", "label.deadline", optional=True, shrink=True),
        Column("last_day", "label.last-day", head="head.last-day"),
        Column(
            "days_overdue",
            "label.days-overdue",
            right=True,
            style="red",
            head="head.days-overdue",
            legend="head.days-overdue-legend",
        ),
        Column("text", "label.text", show=lambda r: cut(r["text"]), shrink=True),
    ]
    cut = _cut(TEXT_WIDTH)
    sections: list[Section] = []
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_unit.setdefault(record["unit"], []).append(record)
    for unit, unit_records in by_unit.items():
        title = t("label.unit-title", lang, name=registry.name_of(unit), count=len(unit_records))
        sections.append(Section(unit, table_columns, unit_records, title=title))
    if not sections:
        sections = [Section("overdue", table_columns, [], empty=t("cli.nothing-overdue", lang))]
    return Report(sections, data=Section("overdue", data_columns, records))


def _bar(rate: float | None, width: int = 10) -> str:
    if rate is None:
        return ""
    filled = round(rate * width / 100)
    return "█" * filled + "░" * (width - filled)


def rate_text(value: float | None) -> str:
    """A percentage as tables show it: one decimal, nothing for none."""
    return "" if value is None else f"{value:.1f}"


def _tally_record(key: str, ident: str, name: str, tally: Tally) -> dict[str, Any]:
    record: dict[str, Any] = {key: ident, "name": name}
    for status in (*REPORTED, Status.CANCELLED):
        record[status.value] = tally[status]
    record.update(
        total=tally.total,
        completion_rate=tally.completion_rate,
        overdue_rate=tally.overdue_rate,
    )
    return record


def status_report(
    counts: list[Count],
    registry: Registry,
    lang: Lang,
    notices: Sequence[Notice] = (),
    by_notice: bool = False,
) -> Report:
    """Counts per unit (or notice) in the report categories, with a totals row."""
    key = "notice" if by_notice else "unit"
    groups: dict[str, Counter[Status]] = {}
    for group, status, pairs in counts:
        groups.setdefault(group, Counter())[status] += pairs
    if by_notice:
        titles = {n.id: n.title for n in notices}
        names = {ident: titles.get(ident, ident) for ident in groups}
        order = [n.id for n in notices if n.id in groups]
    else:
        names = {ident: registry.name_of(ident) for ident in groups}
        order = sorted(groups, key=lambda i: sort_key(names[i]))
    records = [_tally_record(key, i, names[i], Tally(groups[i])) for i in order]
    shorts = {i: names[i] if by_notice else registry.short_of(i) for i in order}
    for record in records:
        record["short"] = shorts[record[key]]
    everything = Tally(sum(groups.values(), Counter()))
    totals = _tally_record(key, t("label.totals", lang), t("label.totals", lang), everything)

    totals["short"] = totals["name"]
    columns = [
        Column(key, "label.notice", table=by_notice),
        Column(
            "name",
            "label.unit",
            table=not by_notice,
            brief=lambda r: r["short"],
            shrink=True,
        ),
        Column("total", "label.total", right=True, head="head.total"),
        *(
            Column(
                s.value,
                f"col.{s.value}",
                right=True,
                style=_STYLE.get(s),
                head=f"head.{s.value}",
                legend=f"status.{s.value}",
            )
            for s in (*REPORTED, Status.CANCELLED)
        ),
        Column(
            "completion_rate",
            "label.completion",
            right=True,
            show=lambda r: rate_text(r["completion_rate"]),
            head="head.completion",
        ),
        Column(
            "bar",
            "label.bar",
            data=False,
            show=lambda r: _bar(r["completion_rate"]),
            optional=True,
        ),
        Column(
            "overdue_rate",
            "label.overdue-rate",
            right=True,
            show=lambda r: rate_text(r["overdue_rate"]),
            head="head.overdue-rate",
        ),
    ]
    table = Section(
        "status",
        columns,
        records,
        totals=[totals] if records else [],
        footer=[t("label.status-legend", lang)] if records else [],
        empty=t("cli.no-tasks", lang),
        alert=lambda r: r[Status.OVERDUE.value] > 0,
    )
    return Report([table], data=Section("status", columns, records))


_STYLE = {Status.OVERDUE: "red", Status.DONE_LATE: "yellow", Status.DONE_ON_TIME: "green"}


# -- the journal -----------------------------------------------------------------------


def _when(stamp: str, lang: Lang) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    return moment.strftime("%d/%m/%Y %H:%M" if lang is Lang.VI else "%Y-%m-%d %H:%M")


def _details(values: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in values.items() if v is not None)


def log_report(entries: list[dict[str, Any]], lang: Lang) -> Report:
    """The journal, oldest first; JSON gives each entry without its hunks."""
    records = [
        {
            "id": e.get("id"),
            "time": e.get("time"),
            "user": e.get("user"),
            "command": e.get("command"),
            "ref": e.get("ref"),
            "units": e.get("units", []),
            "values": e.get("values", {}),
            "undoes": e.get("undoes"),
            "file": e.get("file"),
        }
        for e in entries
    ]
    columns = [
        Column("id", "label.entry", right=True),
        Column("time", "label.time", show=lambda r: _when(r["time"], lang)),
        Column("user", "label.user"),
        Column("command", "label.command"),
        Column("ref", "label.ref"),
        Column("units", "label.units", shrink=True),
        Column(
            "values",
            "label.details",
            show=lambda r: shorten(_details(r["values"]), 60),
            shrink=True,
        ),
        Column("undoes", "label.id", table=False),
        Column("file", "label.source", table=False),
    ]
    section = Section("log", columns, records, empty=t("log.empty", lang))
    return Report([section], document=records)


# -- export ------------------------------------------------------------------------------


#: The export's columns and their headers in a CSV file (JSON keeps the keys).
EXPORT_COLUMNS = (
    ("ref", "export.ref"),
    ("notice", "export.notice"),
    ("id", "export.task"),
    ("unit", "export.unit"),
    ("unit_name", "export.unit-name"),
    ("status", "export.status"),
    ("deadline", "export.deadline"),
    ("deadline_kind", "export.kind"),
    ("original_last_day", "export.original"),
    ("last_day", "export.last-day"),
    ("days_left", "export.days-left"),
    ("days_overdue", "export.days-overdue"),
    ("done_on", "export.done-on"),
    ("evidence", "export.evidence"),
    ("cancelled", "export.cancelled"),
    ("text", "export.text"),
)


def export_report(items: list[UnitStatus], registry: Registry, lang: Lang = Lang.VI) -> Report:
    """Every (task, unit) pair with its status, for other tools: JSON with the keys and
    values programs read; CSV, for a person's spreadsheet, with headers, categories and
    kinds of deadline in the interface language, dates ISO (every spreadsheet reads
    them as dates) and every text whole."""

    def iso(key: str) -> Callable[[dict[str, Any]], str]:
        return lambda r: r[key].isoformat() if r[key] else ""

    shown: dict[str, Callable[[dict[str, Any]], str]] = {
        "status": lambda r: t(f"status.{r['status']}", lang),
        "deadline_kind": lambda r: t(f"deadline.{r['deadline_kind']}", lang),
        **{k: iso(k) for k in ("original_last_day", "last_day", "done_on")},
    }
    columns = [Column(key, label, show=shown.get(key)) for key, label in EXPORT_COLUMNS]

    def record(item: UnitStatus, pair: dict[str, Any]) -> dict[str, Any]:
        task = item.task
        completion = item.completion
        return {
            **pair,
            "deadline_kind": task.deadline.kind.value,
            "original_last_day": task.deadline.last_day,
            "done_on": item.done_on,
            "evidence": completion.evidence if completion else None,
            "cancelled": task.cancelled.reason if task.cancelled else None,
        }

    pairs = _status_records(items, registry)
    section = Section("export", columns, [record(*both) for both in zip(items, pairs, strict=True)])
    return Report([section], csv_tables=True)
