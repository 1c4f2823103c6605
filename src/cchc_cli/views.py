"""What each read command shows: the model turned into records and columns. Pure."""

from __future__ import annotations

from typing import Any

from .i18n import MESSAGES, Lang, fmt_date, t
from .model import Notice, Registry, Task
from .render import Column, Section
from .vntext import shorten

TEXT_WIDTH = 70


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


def task_section(tasks: list[Task], registry: Registry, lang: Lang) -> Section:
    def assigned(record: dict[str, Any]) -> str:
        return ", ".join(registry.name_of(i) for i in record["assigned"])

    columns = [
        Column("ref", "label.ref"),
        Column("notice", "label.notice", table=False),
        Column("id", "label.task", table=False),
        Column("assigned", "label.assignees", show=assigned),
        Column("assignees", "label.assignees", table=False),
        Column("lead", "label.lead", table=False),
        Column("with", "label.with", table=False),
        Column("deadline", "label.deadline"),
        Column("deadline_kind", "label.kind", table=False),
        Column("last_day", "label.last-day"),
        Column("text", "label.text", show=lambda r: shorten(r["text"], TEXT_WIDTH)),
        Column("target", "label.target", table=False),
        Column("report_to", "label.report-to", table=False),
    ]
    return Section("tasks", columns, [task_record(task) for task in tasks])


def _names(registry: Registry, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(registry.name_of(i) for i in ids)


def task_detail(task: Task, notice: Notice, registry: Registry, lang: Lang) -> Section:
    """``show``: the notice's header, then the task in full, then where it is written."""
    rows: list[tuple[str, str]] = []

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
    add(
        "label.last-day", fmt_date(task.deadline.last_day, lang) if task.deadline.last_day else None
    )
    for extension in task.extensions:
        text = t("label.extension", lang, to=extension.to, reason=extension.reason)
        add("label.extensions", text + (f"; {extension.decision}" if extension.decision else ""))
    add("label.target", task.target)
    add("label.report-to", registry.name_of(task.report_to) if task.report_to else None)
    if task.cancelled:
        add("label.cancelled", task.cancelled.reason)
    done = [c for u, c in task.done.items() if u in task.assignees]
    add("label.progress", t("label.done-count", lang, done=len(done), total=len(task.assignees)))
    for completion in done:
        evidence = f" — {completion.evidence}" if completion.evidence else ""
        name = registry.name_of(completion.unit)
        add("label.done", f"{name}: {fmt_date(completion.on, lang)}{evidence}")
    open_units = [u for u in task.assignees if u not in task.done]
    if task.done and open_units:
        add("label.open-units", _names(registry, open_units))
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
        source=str(task.source),
    )
    columns = [Column("field", "label.name"), Column("value", "label.text")]
    records = [{"field": label, "value": value} for label, value in rows]
    return Section("task", columns, records, fields=True, document=record)


def unit_sections(registry: Registry, lang: Lang) -> list[Section]:
    def kind(record: dict[str, Any]) -> str:
        # A kind the registry got wrong (validate says so) is shown as written.
        key = f"kind.{record['kind']}"
        return t(key, lang) if key in MESSAGES else record["kind"]

    units = [
        {
            "id": u.id,
            "name": u.name,
            "kind": u.kind,
            "groups": list(u.groups),
            "aliases": list(u.aliases),
            "email": list(u.emails),
        }
        for u in registry.units.values()
    ]
    unit_columns = [
        Column("id", "label.id", style="cyan"),
        Column("name", "label.name"),
        Column("kind", "label.unit-kind", show=kind),
        Column("groups", "label.groups"),
        Column("aliases", "label.aliases", table=False),
        Column("email", "label.email", table=False),
    ]
    groups = [
        {
            "id": g.id,
            "name": g.name,
            "count": len(registry.members[g.id]),
            "members": list(registry.members[g.id]),
            "includes": list(g.includes),
            "aliases": list(g.aliases),
        }
        for g in registry.groups.values()
    ]
    group_columns = [
        Column("id", "label.id", style="cyan"),
        Column("name", "label.name"),
        Column("count", "label.member-count", right=True),
        Column(
            "members",
            "label.members",
            show=lambda r: shorten(", ".join(r["members"]), TEXT_WIDTH),
        ),
        Column("includes", "label.groups", table=False),
        Column("aliases", "label.aliases", table=False),
    ]
    since = registry.valid_from
    until = registry.valid_until
    validity = t(
        "label.valid",
        lang,
        since=since or "…",
        until=until or "…",
    )
    return [
        Section(
            "units",
            unit_columns,
            units,
            title=f"{t('label.units-title', lang)} ({validity})",
        ),
        Section("groups", group_columns, groups, title=t("label.groups-title", lang)),
    ]
