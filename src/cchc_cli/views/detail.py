"""``show``: one task in full, as it stood on a day. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from cchc_cli.core.asof import exists_on, issued_from, task_as_of
from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.status import (
    DONE,
    REPORTED,
    Status,
    UnitStatus,
    last_day_on,
    task_done,
    task_statuses,
)
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.render import Column, Report, Section
from cchc_cli.views.tables import task_record


def _names(registry: Registry, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(registry.name_of(i) for i in ids)


def task_detail(
    task: Task,
    notice: Notice,
    registry: Registry,
    lang: Lang,
    today: date,
    series: Task | None = None,
) -> Report:
    """``show``: the notice's header, then the task in full, then where it is written;
    progress as it stood on ``today`` (what was recorded later is not shown). ``series``:
    the recurring task ``task`` is an instance of (its rule, its start, its stop)."""
    rows: list[tuple[str, str]] = []
    issued = exists_on(notice, today)
    task = task_as_of(task, today)
    held = task_as_of(series, today) if series is not None else None

    def add(label: str, value: str | None) -> None:
        if value:
            rows.append((t(label, lang), value))

    add("label.notice", notice.id)
    add("label.number", notice.number or t("label.no-number", lang))
    add("label.issuer", notice.issuer)
    add("label.date", notice.date.day_first() if lang is Lang.VI else notice.date.iso())
    add("label.meeting", fmt_date(notice.meeting_date, lang) if notice.meeting_date else None)
    add("label.title", notice.title)
    if notice.chair:
        add("label.chair", ", ".join(filter(None, (notice.chair.name, notice.chair.title))))
    if notice.signer:
        signer = notice.signer
        add("label.signer", ", ".join(filter(None, (signer.on_behalf, signer.title, signer.name))))
    add("label.ref", task.ref)
    add("label.assignees", _names(registry, task.assigned))
    add("label.lead", registry.name_of(task.lead) if task.lead else None)
    add("label.with", _names(registry, task.with_))
    add("label.text", task.text)
    add("label.deadline", task.deadline.text)
    add("label.kind", t(f"deadline.{task.deadline.kind.value}", lang))
    add("label.series", _series_text(held, lang) if held is not None else None)
    last_day = last_day_on(task, today)
    original = task.deadline.last_day
    if last_day and original and last_day != original:
        shown = f"{fmt_date(last_day, lang)} ({t('label.original', lang, day=original)})"
        add("label.last-day", shown)
    else:
        add("label.last-day", fmt_date(last_day, lang) if last_day else None)
    for extension in task.extensions:
        text = t("label.extension", lang, to=extension.to, reason=extension.reason)
        add("label.extensions", text + (f"; {extension.decision}" if extension.decision else ""))
    add("label.target", task.target)
    add("label.report-to", registry.name_of(task.report_to) if task.report_to else None)
    if task.cancelled:
        add("label.cancelled", task.cancelled.reason)
    items = task_statuses(task, today) if issued else []
    done = [i.completion for i in items if i.status in DONE and i.completion]
    add("label.progress", t("label.done-count", lang, done=len(done), total=len(task.assignees)))
    counts = Counter(i.status for i in items)
    summary = ", ".join(
        f"{counts[s]} {t(f'status.{s.value}', lang).lower()}"
        for s in (*REPORTED, Status.CANCELLED)
        if counts[s]
    ) or t("label.not-issued-yet", lang, since=issued_from(notice))
    add("label.status", f"{summary} ({t('cli.as-of', lang, today=today).lower()})")
    group = len(task.assignees) > 1
    if not group:
        # A group task's members each get a row of the members' table instead.
        for completion in done:
            evidence = f" — {completion.evidence}" if completion.evidence else ""
            name = registry.name_of(completion.unit)
            add("label.done", f"{name}: {fmt_date(completion.on, lang)}{evidence}")
    for note in task.notes:
        add("label.notes", f"{fmt_date(note.on, lang)}: {note.text}")
    add("label.source", str(task.source))

    record = task_record(task)
    record.update(
        done={
            u: {"on": c.on, "evidence": c.evidence, "note": c.note} for u, c in task.done.items()
        },
        extensions=[
            {"to": e.to, "reason": e.reason, "decision": e.decision, "on": e.on}
            for e in task.extensions
        ],
        cancelled=(
            {
                "reason": task.cancelled.reason,
                "on": task.cancelled.on,
                "decision": task.cancelled.decision,
            }
            if task.cancelled
            else None
        ),
        notes=[{"on": n.on, "text": n.text, "unit": n.unit} for n in task.notes],
        series=_series_record(held) if held is not None else None,
        as_of=today,
        last_day=last_day,
        statuses={i.unit: i.status.value for i in items},
        task_done=issued and task_done(task, today),
        issued=issued,
        source=str(task.source),
    )
    members = member_records(items, registry)
    record["members"] = members
    columns = [Column("field", "label.name"), Column("value", "label.text")]
    records = [{"field": label, "value": value} for label, value in rows]
    sections = [Section("task", columns, records, fields=True)]
    if group and members:
        sections.append(members_section(members, lang))
    return Report(sections, document=record)


def member_records(items: list[UnitStatus], registry: Registry) -> list[dict[str, object]]:
    """Each assignee of the task: where it stands, its last day, when it finished."""
    return [
        {
            "unit": item.unit,
            "name": registry.name_of(item.unit),
            "status": item.status.value,
            "last_day": item.last_day,
            "done_on": item.done_on,
            "evidence": item.completion.evidence if item.completion else None,
        }
        for item in items
    ]


def members_section(members: list[dict[str, object]], lang: Lang) -> Section:
    """``show`` on a group task: one row per member, in the registry's order."""

    def day(key: str) -> Callable[[dict[str, Any]], str]:
        return lambda r: fmt_date(r[key], lang) if r[key] else ""

    columns = [
        Column("name", "label.unit", shrink=True),
        Column("status", "label.status", show=lambda r: t(f"status.{r['status']}", lang)),
        Column("last_day", "label.last-day", show=day("last_day"), head="head.last-day"),
        Column("done_on", "label.done-on", show=day("done_on"), head="head.done-on"),
        Column(
            "evidence",
            "label.evidence",
            show=lambda r: r["evidence"] or "",
            head="head.evidence",
            shrink=True,
        ),
    ]
    return Section("members", columns, members, title=t("label.each-member", lang))


def _series_text(series: Task, lang: Lang) -> str | None:
    """A recurring task's schedule for ``show`` of one of its instances (whose deadline
    is the rule as written): the day it starts, and when it ends or was stopped, why."""
    rule = series.recurrence
    if rule is None:
        return None
    parts = [t("label.series-from", lang, start=rule.start)]
    stop = series.cancelled
    if stop is not None:
        stopped = t("label.series-stopped", lang, on=stop.on or rule.start, reason=stop.reason)
        parts.append(stopped + (f" ({stop.decision})" if stop.decision else ""))
    elif rule.end is not None:
        parts.append(t("label.series-until", lang, end=rule.end))
    return "; ".join(parts)


def _series_record(series: Task) -> dict[str, Any] | None:
    rule = series.recurrence
    if rule is None:
        return None
    stop = series.cancelled
    stopped = None
    if stop is not None:
        stopped = {"on": stop.on, "reason": stop.reason, "decision": stop.decision}
    return {
        "ref": series.ref,
        "repeat": rule.text,
        "start": rule.start,
        "end": rule.end,
        "stopped": stopped,
    }
