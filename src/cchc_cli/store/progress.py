"""Progress files: what units report after a notice, one append-only file per unit.

Layout (see docs/format.md, "Progress")::

    progress/<unit-id>.yaml   one unit's events: done, reopened, note, extended
    progress/_office.yaml     the chairman's decisions for whole tasks: extended,
                              cancelled, note (``_`` never starts a unit id)

Every event is one line, a YAML flow mapping in a top-level sequence::

    - {task: cchc-2023-11/2.3, done: 2023-11-24, evidence: "Báo cáo số 12/BC-NV"}

Lines are read one by one, so a damaged line (a torn write, a conflict marker,
a typo) costs only that event, never the rest of the file, and different units'
progress lands in different files that plain ``git merge`` combines. Events are
checked against the notices' index (the task exists, the unit is assigned, no
date before the notice) and folded onto the tasks in file order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cchc_cli.core.diagnostics import NOWHERE, Diagnostic, Source, error, warning
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import (
    Cancellation,
    Completion,
    Extension,
    Note,
    NoticeIndex,
    Registry,
    Task,
)
from cchc_cli.core.workdays import WorkCalendar
from cchc_cli.store.discover import list_files

if TYPE_CHECKING:
    from cchc_cli.core.recurrence import Recurrence

PROGRESS_DIR = "progress"
OFFICE = "_office"
SUFFIX = ".yaml"
#: The key that names an event's kind; its value is the event's date (a note's: its text).
KINDS = ("done", "reopened", "note", "extended", "cancelled")
KEYS: dict[str, tuple[str, ...]] = {
    "done": ("task", "done", "evidence", "note"),
    "reopened": ("task", "reopened", "reason"),
    "note": ("task", "note", "on"),
    "extended": ("task", "extended", "reason", "decision", "on"),
    "cancelled": ("task", "cancelled", "reason", "decision"),
}
#: Events that belong to one unit, never to the office's file.
UNIT_ONLY = ("done", "reopened")
#: Events that belong to the whole task, only in the office's file.
OFFICE_ONLY = ("cancelled",)


class Event(NamedTuple):
    """One line of a progress file. ``unit`` is None for the office's whole-task events.

    A named tuple rather than a dataclass: a busy unit's file holds thousands,
    and the cache builds them all on every run.
    """

    kind: str
    task: str
    unit: str | None
    #: done/reopened: the day; extended: the new last day; cancelled: the decision's day.
    day: date | None = None
    #: extended, note: the day it was decided or written.
    on: date | None = None
    text: str | None = None
    evidence: str | None = None
    note: str | None = None
    reason: str | None = None
    decision: str | None = None
    source: Source = NOWHERE
    #: Where the task reference is written, for errors about it.
    task_source: Source = NOWHERE


# -- files and names --------------------------------------------------------------------


def progress_files(data_dir: Path) -> list[Path]:
    """The ``*.yaml`` files directly in progress/ (no sub-folders), hidden ones skipped."""
    return [Path(found.path) for found in list_files(data_dir / PROGRESS_DIR, SUFFIX)]


def owner_of(path: Path) -> str:
    """The unit id a progress file belongs to (or ``_office``): its name without .yaml."""
    return path.name[: -len(SUFFIX)]


def file_for(data_dir: Path, unit: str | None) -> Path:
    return data_dir / PROGRESS_DIR / f"{unit or OFFICE}{SUFFIX}"


def header(unit: str | None, registry: Registry) -> str:
    """The comment that opens a new progress file: whose it is and how to add to it."""
    if unit is None:
        return (
            "# Quyết định cho cả nhiệm vụ (gia hạn, hủy) của lãnh đạo: "
            "thêm dòng mới ở cuối, không sửa dòng cũ.\n"
        )
    name = " ".join(registry.name_of(unit).split())
    return f"# Tiến độ của {name} ({unit}): thêm dòng mới ở cuối, không sửa dòng cũ.\n"


# -- reading ------------------------------------------------------------------------------


def parse_progress(text: str, shown: str, unit: str | None) -> tuple[list[Event], list[Diagnostic]]:
    """The events of a progress file's text, each line on its own; problems per line.

    The whole text is parsed at once when it is well formed (one event per
    line, the common case: about 13 times faster); otherwise line by line, so
    a damaged line costs only itself.
    """
    from cchc_cli.store.progress_parse import parse_events

    return parse_events(text, shown, unit)


# -- checking against the notices -----------------------------------------------------------


@dataclass(frozen=True)
class TaskFacts:
    """What the index knows of a task: enough to check an event without reading the notice."""

    notice: str
    starts: date | None
    assignees: tuple[str, ...]
    done_inline: tuple[str, ...]


def facts_of(index: Iterable[NoticeIndex]) -> dict[str, TaskFacts]:
    facts = {}
    for entry in index:
        for position, task_id in enumerate(entry.task_ids):
            assignees = entry.assignees[position] if position < len(entry.assignees) else ()
            inline = entry.done_inline[position] if position < len(entry.done_inline) else ()
            facts[f"{entry.id}/{task_id}"] = TaskFacts(entry.id, entry.starts, assignees, inline)
    return facts


def check_file_owner(path: Path, shown: str, registry: Registry) -> Diagnostic | None:
    """A progress file must be named for a unit of the registry (or be the office's)."""
    owner = owner_of(path)
    if owner == OFFICE or owner in registry.units:
        return None
    if owner in registry.groups:
        return error(Source(shown), "progress.group-file", unit=owner)
    return error(Source(shown), "progress.unknown-file", unit=owner)


def check_events(
    events: list[Event], facts: dict[str, TaskFacts], registry: Registry
) -> tuple[list[Event], list[Diagnostic]]:
    """The events that make sense, in order, and a diagnostic for each one left out.

    ``events`` are one file's, or several files' in any order: the sequence
    checks (reopen what is done, cancel once) follow each unit's own file.
    """
    kept: list[Event] = []
    diagnostics: list[Diagnostic] = []
    done: dict[tuple[str, str], bool] = {}
    cancelled: set[str] = set()
    for event in events:
        problem = _problem(event, facts.get(base_ref(event.task)), registry)
        if problem is None and event.kind in ("done", "reopened") and event.unit is not None:
            key = (event.task, event.unit)
            inline = "@" not in event.task and event.unit in facts[event.task].done_inline
            is_done = done.get(key, inline)
            if event.kind == "reopened" and not is_done:
                problem = error(
                    event.source, "progress.reopen-not-done", unit=event.unit, ref=event.task
                )
            else:
                done[key] = event.kind == "done"
        if problem is None and event.kind == "cancelled":
            if event.task in cancelled:
                problem = error(event.source, "progress.cancelled-twice", ref=event.task)
            cancelled.add(event.task)
        if problem is None:
            kept.append(event)
        else:
            diagnostics += [problem, warning(event.source, "progress.left-out")]
    return kept, diagnostics


def base_ref(ref: str) -> str:
    """A reference without its instance key: ``n/1.1@2024-01`` -> ``n/1.1``."""
    return ref.partition("@")[0]


def _problem(event: Event, facts: TaskFacts | None, registry: Registry) -> Diagnostic | None:
    if facts is None:
        return error(event.task_source, "progress.unknown-task", ref=base_ref(event.task))
    if "@" in event.task:
        from cchc_cli.core.recurrence import period_of_key

        if period_of_key(event.task.partition("@")[2]) is None:
            return error(event.task_source, "recurrence.bad-key", ref=event.task)
    if event.unit is None and event.kind in UNIT_ONLY:
        return error(event.source, "progress.unit-only", kind=event.kind)
    if event.unit is not None and event.kind in OFFICE_ONLY:
        return error(event.source, "progress.office-only", kind=event.kind)
    if event.unit is not None and event.unit not in facts.assignees:
        return error(
            event.task_source,
            "progress.not-assigned",
            unit=registry.name_of(event.unit),
            ref=event.task,
        )
    for day in (event.day, event.on):
        if day is not None and facts.starts is not None and day < facts.starts:
            return error(event.source, "progress.before-notice", on=day, starts=facts.starts)
    return None


def check_recurring(events: Iterable[Event], tasks: dict[str, Task]) -> list[Diagnostic]:
    """Lines whose reference does not fit the task's kind (issue 23): an instance of a
    task that does not recur, a period the rule does not have, or a plain reference to
    a recurring task (its progress belongs to an instance; only ``cancelled``, which
    ends the series, applies to the whole). ``tasks``: reference -> task."""
    found = []
    for event in events:
        base, at, key = event.task.partition("@")
        task = tasks.get(base)
        if task is None:
            continue
        if at and task.recurrence is None:
            found.append(error(event.task_source, "recurrence.not-recurring", ref=base, key=key))
        elif at and task.recurrence and not _has_instance(task.recurrence, key):
            example = task.recurrence.start
            found.append(
                error(
                    event.task_source,
                    "recurrence.line-wrong-key",
                    ref=base,
                    key=key,
                    start=example,
                )
            )
        elif not at and task.recurrence is not None and event.kind != "cancelled":
            found.append(error(event.task_source, "recurrence.plain-line", ref=base))
    return found


def _has_instance(rule: Recurrence, key: str) -> bool:
    """Whether ``rule`` has an instance ``key``; the rules' module (4 ms) imported only
    for a line that names one, not on every ``validate``."""
    from cchc_cli.core.recurrence import instance_by_key

    return instance_by_key(rule, key) is not None


def future_completions(events: Iterable[Event], today: date) -> list[Diagnostic]:
    """A completion dated after ``today`` is recorded, but worth a second look."""
    return [
        warning(e.source, "progress.future", on=e.day, today=today)
        for e in events
        if e.kind == "done" and e.day is not None and e.day > today
    ]


# -- folding onto the tasks ---------------------------------------------------------------------


def apply_events(task: Task, events: Iterable[Event]) -> Task:
    """The task as its notice file says, with its progress events applied in order."""
    done = dict(task.done)
    extensions = list(task.extensions)
    cancelled = task.cancelled
    notes: list[Note] = []
    withdrawn = list(task.withdrawn)
    for event in events:
        if event.kind == "done" and event.unit and event.day:
            done[event.unit] = Completion(
                event.unit, event.day, event.evidence, event.note, event.source
            )
        elif event.kind == "reopened" and event.unit and event.day:
            if event.unit in done:
                # Kept with its day: before the reopening the unit was done (as of a day).
                withdrawn.append((done.pop(event.unit), event.day))
            notes.append(Note(event.day, event.reason or "", event.unit, event.source))
        elif event.kind == "extended" and event.day:
            extensions.append(
                Extension(
                    event.day,
                    event.reason or "",
                    event.decision,
                    event.on,
                    event.source,
                    event.unit,
                )
            )
        elif event.kind == "cancelled":
            cancelled = Cancellation(event.reason or "", event.day, event.decision, event.source)
        elif event.kind == "note" and event.on and event.text:
            notes.append(Note(event.on, event.text, event.unit, event.source))
    # Several files feed one task: their notes in the order of their days. Extensions
    # keep the files' order (the office's first): the last one in force wins.
    notes.sort(key=lambda n: n.on)
    import dataclasses  # not for a warm run: dataclasses costs 6 ms to import

    return dataclasses.replace(
        task,
        done=done,
        extensions=tuple(extensions),
        cancelled=cancelled,
        notes=(*task.notes, *notes),
        withdrawn=tuple(withdrawn),
    )


def with_instances(
    task: Task, grouped: dict[str, dict[str, list[Event]]], calendar: WorkCalendar
) -> Task:
    """A recurring task with the office's calendar and each instance's own progress
    (events written against ``<ref>@<key>``), each instance apart from the others."""
    if task.recurrence is None:
        return task
    import dataclasses  # not for a warm run: dataclasses costs 6 ms to import

    blank = dataclasses.replace(
        task, done={}, extensions=(), cancelled=None, notes=(), withdrawn=(), recurrence=None
    )
    occurrences = {
        key: apply_events(blank, events) for key, events in grouped.get(task.ref, {}).items()
    }
    recurrence = dataclasses.replace(task.recurrence, calendar=calendar)
    return dataclasses.replace(task, recurrence=recurrence, occurrences=occurrences)


def by_instance(grouped: dict[str, list[Event]]) -> dict[str, dict[str, list[Event]]]:
    """Events of instance references: base reference -> instance key -> events."""
    found: dict[str, dict[str, list[Event]]] = {}
    for ref, events in grouped.items():
        if "@" in ref:
            base, _, key = ref.partition("@")
            found.setdefault(base, {})[key] = events
    return found


def by_task(events: Iterable[Event]) -> dict[str, list[Event]]:
    grouped: dict[str, list[Event]] = {}
    for event in events:
        grouped.setdefault(event.task, []).append(event)
    return grouped
