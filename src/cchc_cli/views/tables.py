"""What each read command shows: the model turned into records and columns. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.status import (
    REPORTED,
    Count,
    Status,
    Tally,
    UnitStatus,
)
from cchc_cli.core.vntext import shorten, sort_key
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.layout import TEXT_WIDTH
from cchc_cli.views.pairlists import DueList as DueList
from cchc_cli.views.pairlists import DueRow as DueRow
from cchc_cli.views.pairlists import due_report as due_report  # `cchc due`
from cchc_cli.views.pairlists import open_units_text as open_units_text
from cchc_cli.views.pairlists import overdue_report as overdue_report  # `cchc overdue`
from cchc_cli.views.pairlists import status_records
from cchc_cli.views.pairlists import time_left as time_left
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

    pairs = status_records(items, registry)
    section = Section("export", columns, [record(*both) for both in zip(items, pairs, strict=True)])
    return Report([section], csv_tables=True)
