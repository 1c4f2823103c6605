"""The reading commands' bodies, free of Typer: validate, list, show, due, overdue,
status, units.

Both lanes run these: the Typer app (:mod:`cchc_cli.cli.read` declares the options and
passes them on) and the express lane (:mod:`cchc_cli.cli.express`), so a command prints
the same whichever parsed its words.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from cchc_cli.cli.runner import Run, echo
from cchc_cli.cli.streams import echo_utf8
from cchc_cli.core.errors import EXIT_DATA, UsageError
from cchc_cli.views.i18n import t

if TYPE_CHECKING:
    from cchc_cli.core.diagnostics import Diagnostic
    from cchc_cli.core.model import Dataset, NoticeIndex
    from cchc_cli.core.offices import Office

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
    from cchc_cli.store.progress import check_recurring, future_completions
    from cchc_cli.store.snaplazy import entries_with_ids

    dataset = run.read()
    events = [e for recorded in dataset.progress.values() for e in recorded]
    # Only the notices progress names are read for it (their index entries alone).
    named = {str(e.task).partition("@")[0].rpartition("/")[0] for e in events}  # type: ignore[attr-defined]
    tasks = {
        t.ref: t
        for entry in entries_with_ids(dataset.index, named)
        for t in dataset.notice(entry).tasks
    }
    recurring = check_recurring(events, tasks)  # type: ignore[arg-type]
    # Across notices, so here rather than per file (where the cache keeps the checks);
    # a completion after today depends on the day, so it is not cached either.
    later = (future_completions(events, run.today), recurring)  # type: ignore[arg-type]
    offices = run.offices()
    if offices:
        errors, warnings = _validate_offices(run, dataset, offices, later)
    else:
        errors, warnings = _validate_one(run, dataset, later)
    if errors or (strict and warnings):
        raise SystemExit(EXIT_DATA)


Later = tuple[Sequence["Diagnostic"], ...]


def _validate_one(run: Run, dataset: Dataset, later: Later) -> tuple[int, int]:
    """Every problem of one folder and its summary; the errors and warnings counted."""
    from cchc_cli.store.snaplines import lines_of

    # Restored from a snapshot: the lines it keeps rendered, the rest merged in.
    kept = lines_of(dataset, later, run.lang, run.diagnostic_line)
    if kept is None:
        found = _found(dataset, later)
        count, errors = len(found), sum(d.is_error for d in found)
        if count:  # in one write: an echo a line flushes each (10-20 ms for 6,000 lines)
            echo("\n".join(run.diagnostic_line(d) for d in found))
    else:
        data, count, errors = kept
        if count:
            echo_utf8(data)
    echo(_summary(run, len(dataset.files), dataset.index, errors, count - errors))
    return errors, count - errors


def _validate_offices(
    run: Run, dataset: Dataset, offices: Sequence[Office], later: Later
) -> tuple[int, int]:
    """Every problem of several folders, each office's summary and the total's."""
    found = _found(dataset, later)
    for diagnostic in found:
        echo(run.diagnostic_line(diagnostic))
    shares = _by_office(offices, dataset.files, dataset.index, found)
    for office, (files, index, told) in shares:
        errors = sum(d.is_error for d in told)
        summary = _summary(run, len(files), index, errors, len(told) - errors)
        folder = t("cli.summary-folder", run.lang, office=office.id, folder=office.folder)
        echo(f"{folder}: {summary}")
    errors = sum(d.is_error for d in found)
    total = _summary(run, len(dataset.files), dataset.index, errors, len(found) - errors)
    echo(t("cli.summary-total", run.lang, summary=total))
    return errors, len(found) - errors


def _found(dataset: Dataset, later: Later) -> list[Diagnostic]:
    """Every problem of ``dataset`` and ``later``, in file order."""
    from cchc_cli.core.diagnostics import sort_diagnostics
    from cchc_cli.store.validate import duplicate_notices

    return sort_diagnostics(
        [
            *dataset.diagnostics,
            # Kept with the snapshot the dataset came from, if it did (a read of all).
            *(dataset.duplicates or duplicate_notices)(dataset),
            *(d for found in later for d in found),
        ]
    )


def _summary(run: Run, files: int, index: Sequence[NoticeIndex], errors: int, warnings: int) -> str:
    """``7 tệp, 2 thông báo, 34 nhiệm vụ: 5 lỗi, 12 cảnh báo``."""
    from cchc_cli.store.snaplazy import task_total

    return t(
        "cli.summary",
        run.lang,
        files=files,
        notices=len(index),
        tasks=task_total(index),
        errors=errors,
        warnings=warnings,
    )


Share = tuple[list[str], list["NoticeIndex"], list["Diagnostic"]]


def _by_office(
    offices: Sequence[Office],
    files: Sequence[str],
    index: Sequence[NoticeIndex],
    found: Sequence[Diagnostic],
) -> list[tuple[Office, Share]]:
    """Each office's files, notices and diagnostics (validate of several folders
    sums each one up, issue 24). A notice is its office's by its qualified id; a file
    or a diagnostic by the innermost office folder its path is in."""
    from cchc_cli.core.offices import office_of

    shares: dict[str, Share] = {office.id: ([], [], []) for office in offices}
    folders = sorted(((_prefix(o.folder), o.id) for o in offices), key=lambda f: -len(f[0]))

    def owner(path: str) -> str | None:
        written = os.path.normpath(path)
        return next((ident for f, ident in folders if written.startswith(f)), None)

    for path in files:
        if (ident := owner(path)) is not None:
            shares[ident][0].append(path)
    for entry in index:
        if (ident := office_of(entry.id)) in shares:
            shares[ident][1].append(entry)
    for diagnostic in found:
        if (ident := owner(diagnostic.source.path)) is not None:
            shares[ident][2].append(diagnostic)
    return [(office, shares[office.id]) for office in offices]


def _prefix(folder: str) -> str:
    """What the paths inside ``folder`` start with, as the loader writes them."""
    written = os.path.normpath(folder)
    return "" if written == os.curdir else written.rstrip(os.sep) + os.sep


def list_tasks(
    run: Run,
    notice: str | None = None,
    unit: str | None = None,
    search: str | None = None,
    status: ListStatus | None = None,
) -> None:
    from cchc_cli.views.listing import with_roles
    from cchc_cli.views.narrowed import listed_tasks
    from cchc_cli.views.query import resolve_units
    from cchc_cli.views.tables import task_report

    dataset = run.dataset
    units = resolve_units(dataset, unit) if unit else ()
    today = run.today if status is not None else run.clock_today()
    wanted = status.value if status is not None else None
    chosen = listed_tasks(dataset, today, notice, units, wanted, search)
    report = task_report([task for task, _ in chosen], dataset.registry, run.lang)
    if units:
        report = with_roles(report, [role for _, role in chosen], run.lang)
    run.emit(report)
    run.finish()


def show(run: Run, ref: str) -> None:
    from cchc_cli.views.detail import task_detail
    from cchc_cli.views.query import find_notice

    task = run.task(ref, latest=True)
    series = run.task(ref, series=True) if "@" in task.id else None  # an instance's
    notice = find_notice(run.dataset, task.notice)
    run.emit(task_detail(task, notice, run.dataset.registry, run.lang, run.today, series))
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
    from cchc_cli.views.query import counted_statuses, named_notices
    from cchc_cli.views.tables import status_report

    dataset = run.dataset
    by_notice = by is GroupBy.NOTICE
    items = counted_statuses(dataset, run.today, notice, unit, by_notice)
    # Only counts by notice name the notices (from their rows where the cache has them).
    notices = named_notices(dataset) if by_notice else []
    run.emit(status_report(items, dataset.registry, run.lang, notices, by_notice))
    run.finish()


def units(run: Run) -> None:
    from cchc_cli.views.tables import unit_report

    run.emit(unit_report(run.dataset.registry, run.lang))
    run.finish()
