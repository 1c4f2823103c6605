"""``cchc why REF [--unit U]``: how cchc reads a task's deadline, step by step (issue 18)."""

from __future__ import annotations

from typing import Annotated

import typer

from cchc_cli.cli.context import Run, command, h
from cchc_cli.core.errors import UsageError


@command(help=h("help.why"), shared=("data", "lang", "no_cache", "as_of", "fmt"))
def why(
    run: Run,
    ref: Annotated[str, typer.Argument(help=h("help.arg.ref"), show_default=False)],
    unit: Annotated[str | None, typer.Option("--unit", help=h("help.opt.why-unit"))] = None,
) -> None:
    from pathlib import Path

    from cchc_cli.core.deadlines import DeadlineContext, read_deadline
    from cchc_cli.core.units import Resolver
    from cchc_cli.store.loader import load_notice
    from cchc_cli.views.query import find_notice, resolve_units
    from cchc_cli.views.why import why_report

    dataset = run.dataset
    task = run.task(ref)
    notice = find_notice(dataset, task.notice)
    unit_id = None
    if unit is not None:
        units = resolve_units(dataset, unit)
        if len(units) != 1 or units[0] not in task.assignees:
            raise UsageError("why.unit-not-assigned", unit=unit, ref=task.ref)
        unit_id = units[0]
    calendar = dataset.config.calendar
    # The cache keeps each task's last day, not what it was counted from: the
    # notice is read again (one file) for its deadline_from and meeting day.
    limit = dataset.config.max_file_mb * 1024 * 1024
    registry = dataset.registry
    _, fresh, _ = load_notice(
        Path(notice.path), notice.path, registry, Resolver(registry), limit, calendar
    )
    source = next((t for t in fresh.tasks if t.id == task.id), None) if fresh else None
    anchor = (source.deadline_from if source else None) or (fresh.deadline_from if fresh else None)
    reading = None
    if task.deadline.text:
        context = DeadlineContext(notice.date, calendar, anchor, notice.meeting_date)
        reading = read_deadline(task.deadline.text, context, explain=True)
    run.emit(why_report(task, notice, reading, registry, run.lang, run.today, unit_id))
    run.finish()
