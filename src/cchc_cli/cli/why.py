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
    from cchc_cli.core.deadlines import DeadlineContext, read_deadline
    from cchc_cli.views.query import find_notice, find_task, resolve_units
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
    reading = None
    base = find_task(dataset, task.ref.partition("@")[0])
    if base.recurrence is not None:
        from cchc_cli.core.recurrence import explain, instance_by_key

        instance = instance_by_key(base.recurrence, task.id.partition("@")[2])
        assert instance is not None  # run.task found it
        reading = explain(base.recurrence, instance)
    elif task.deadline.text:
        # Read again, the way the loader read it, noting each step this time.
        anchor = task.deadline_from or notice.deadline_from
        calendar = dataset.config.calendar
        context = DeadlineContext(notice.date, calendar, anchor, notice.meeting_date)
        reading = read_deadline(task.deadline.text, context, explain=True)
    report = why_report(task, notice, reading, dataset.registry, run.lang, run.today, unit_id)
    run.emit(report)
    run.finish()
