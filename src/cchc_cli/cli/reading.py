"""The reading commands' bodies, free of Typer: validate, list, show, due, overdue,
status, units.

Both lanes run these: the Typer app (:mod:`cchc_cli.cli.read` declares the options and
passes them on) and the express lane (:mod:`cchc_cli.cli.express`), so a command prints
the same whichever parsed its words.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from cchc_cli.cli.runner import Run, echo
from cchc_cli.core.errors import EXIT_DATA, UsageError
from cchc_cli.views.i18n import t

#: ``cchc due`` with no --before, --by or --within: the coming week.
DEFAULT_WITHIN = 7


class ListStatus(StrEnum):
    """``list --status``: the words of :data:`cchc_cli.views.listing.STATUS_WORDS`."""

    OVERDUE = "overdue"
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_NO_DEADLINE = "done_no_deadline"
    IN_PROGRESS = "in_progress"
    ONGOING = "ongoing"


class GroupBy(StrEnum):
    UNIT = "unit"
    NOTICE = "notice"


def validate(run: Run, strict: bool = False) -> None:
    from cchc_cli.core.diagnostics import sort_diagnostics
    from cchc_cli.store.progress import check_recurring, future_completions
    from cchc_cli.store.validate import duplicate_notices

    dataset = run.read()
    events = [e for recorded in dataset.progress.values() for e in recorded]
    # Only the notices progress names are read for it.
    named = {str(e.task).partition("@")[0].rpartition("/")[0] for e in events}  # type: ignore[attr-defined]
    tasks = {
        t.ref: t
        for entry in dataset.index
        if entry.id in named
        for t in dataset.notice(entry).tasks
    }
    recurring = check_recurring(events, tasks)  # type: ignore[arg-type]
    # Across notices, so here rather than per file (where the cache keeps the checks);
    # a completion after today depends on the day, so it is not cached either.
    found = sort_diagnostics(
        [
            *dataset.diagnostics,
            *duplicate_notices(dataset),
            *future_completions(events, run.today),  # type: ignore[arg-type]
            *recurring,
        ]
    )
    for diagnostic in found:
        echo(run.diagnostic_line(diagnostic))
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    summary = t(
        "cli.summary",
        run.lang,
        files=len(dataset.files),
        notices=len(dataset.index),
        tasks=dataset.task_count,
        errors=errors,
        warnings=warnings,
    )
    echo(summary)
    if errors or (strict and warnings):
        raise SystemExit(EXIT_DATA)


def list_tasks(
    run: Run,
    notice: str | None = None,
    unit: str | None = None,
    search: str | None = None,
    status: ListStatus | None = None,
) -> None:
    from cchc_cli.views.listing import choose, with_roles
    from cchc_cli.views.query import resolve_units, select
    from cchc_cli.views.tables import task_report

    dataset = run.dataset
    units = resolve_units(dataset, unit) if unit else ()
    today = run.today if status is not None else run.clock_today()
    notices = {n.id: n for n in dataset.notices}
    wanted = status.value if status is not None else None
    chosen = choose(select(dataset, notice=notice), notices, today, units, wanted, search)
    report = task_report([task for task, _ in chosen], dataset.registry, run.lang)
    if units:
        report = with_roles(report, [role for _, role in chosen], run.lang)
    run.emit(report)
    run.finish()


def show(run: Run, ref: str) -> None:
    from cchc_cli.views.detail import task_detail
    from cchc_cli.views.query import find_notice

    task = run.task(ref, latest=True)
    notice = find_notice(run.dataset, task.notice)
    run.emit(task_detail(task, notice, run.dataset.registry, run.lang, run.today))
    run.finish()


def due(
    run: Run,
    before: str | None = None,
    by: str | None = None,
    within: int | None = None,
    notice: str | None = None,
    unit: str | None = None,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.views.query import due_items
    from cchc_cli.views.tables import due_report

    given = [name for name, v in (("--before", before), ("--by", by), ("--within", within)) if v]
    if len(given) > 1:
        raise UsageError("cli.one-of", options=", ".join(given))
    today = run.today
    if before:
        last = parse_date_arg(before, today, "--before") - timedelta(days=1)
    elif by:
        last = parse_date_arg(by, today, "--by")
    else:
        last = today + timedelta(days=DEFAULT_WITHIN if within is None else within)
    items = due_items(run.dataset, today, last, notice=notice, unit=unit)
    run.emit(due_report(items, run.dataset.registry, run.lang))
    run.finish()


def overdue(run: Run, notice: str | None = None, unit: str | None = None) -> None:
    from cchc_cli.views.query import overdue_items
    from cchc_cli.views.tables import overdue_report

    items = overdue_items(run.dataset, run.today, notice=notice, unit=unit)
    run.emit(overdue_report(items, run.dataset.registry, run.lang))
    run.finish()


def status(
    run: Run, by: GroupBy = GroupBy.UNIT, notice: str | None = None, unit: str | None = None
) -> None:
    from cchc_cli.views.query import counted_statuses, sorted_notices
    from cchc_cli.views.tables import status_report

    dataset = run.dataset
    by_notice = by is GroupBy.NOTICE
    items = counted_statuses(dataset, run.today, notice, unit, by_notice)
    # Only counts by notice name the notices: by unit, none is read back.
    notices = sorted_notices(dataset.notices) if by_notice else []
    run.emit(status_report(items, dataset.registry, run.lang, notices, by_notice))
    run.finish()


def units(run: Run) -> None:
    from cchc_cli.views.tables import unit_report

    run.emit(unit_report(run.dataset.registry, run.lang))
    run.finish()
