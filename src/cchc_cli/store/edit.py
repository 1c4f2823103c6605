"""Recording progress: one line appended to one unit's progress file per unit.

A :class:`Change` says what one command does to one task: the checks it must
pass against the task as it stands, and the events it records. The engine
locks the data folder, reads the data again (someone may have recorded
something meanwhile), checks, writes the journal's entry and then appends the
lines with O_APPEND and fsync: a progress file is never rewritten, so a
person's work in it can never be lost by an edit, and ``undo`` removes exactly
the bytes that were added (see :mod:`cchc_cli.store.journal` for why the
order of the writes makes a crash safe at any point).
Then, still locked, it brings the cache up to date (:mod:`.progress_rows`,
:mod:`.progress_patch`): the next run, often the next ``done``, answers from the snapshot.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from cchc_cli.core.errors import CchcError, UsageError
from cchc_cli.core.model import (
    Cancellation,
    Dataset,
    Extension,
    Note,
    Registry,
    Task,
)
from cchc_cli.store import progress, progress_append, progress_patch, progress_rows
from cchc_cli.store.editcurrent import task_now
from cchc_cli.store.fileio import DataFileError, locked, read_data_file
from cchc_cli.store.journal import PARTIAL, UNDO, Journal, addition_state, current_user
from cchc_cli.store.progress import Event
from cchc_cli.store.snapshot import read_config

ATTEMPTS = 3


# -- changes -------------------------------------------------------------------------


@dataclass
class Change:
    """What a command does to one task: the checks it must pass and the events it records."""

    command: str
    units: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def check(self, task: Task, registry: Registry) -> None:
        """Refuse (raise :class:`CchcError`) when the change makes no sense for the task."""

    def events(self, task: Task) -> list[Event]:
        raise NotImplementedError


@dataclass
class Done(Change):
    """Units report a task done."""

    on: date = date.min
    evidence: str | None = None
    note: str | None = None

    def check(self, task: Task, registry: Registry) -> None:
        if task.cancelled:
            raise CchcError("edit.cancelled", ref=task.ref, reason=task.cancelled.reason)
        for unit in self.units:
            if unit in task.done:
                raise CchcError(
                    "edit.already-done",
                    ref=task.ref,
                    unit=registry.name_of(unit),
                    on=task.done[unit].on,
                )

    def events(self, task: Task) -> list[Event]:
        return [
            Event("done", task.ref, u, day=self.on, evidence=self.evidence, note=self.note)
            for u in self.units
        ]


@dataclass
class Reopen(Change):
    """A completion taken back."""

    on: date = date.min
    reason: str = ""

    def check(self, task: Task, registry: Registry) -> None:
        for unit in self.units:
            if unit not in task.done:
                raise CchcError("edit.not-done", ref=task.ref, unit=registry.name_of(unit))

    def events(self, task: Task) -> list[Event]:
        return [Event("reopened", task.ref, u, day=self.on, reason=self.reason) for u in self.units]


@dataclass
class Extend(Change):
    """An extension for the whole task (the office's file) or for one unit (its own file)."""

    extension: Extension | None = None

    def check(self, task: Task, registry: Registry) -> None:
        if task.cancelled:
            raise CchcError("edit.cancelled", ref=task.ref, reason=task.cancelled.reason)
        assert self.extension is not None
        unit = self.extension.unit
        if unit is not None and unit not in task.assignees:
            raise UsageError(
                "edit.not-assignee",
                unit=registry.name_of(unit),
                ref=task.ref,
                assignees=", ".join(registry.name_of(u) for u in task.assignees),
            )
        current = task.last_day_for(unit)
        if current is None:
            raise CchcError("edit.no-deadline", ref=task.ref)
        if self.extension.to <= current:
            raise CchcError(
                "edit.extension-not-later", ref=task.ref, to=self.extension.to, last=current
            )

    def events(self, task: Task) -> list[Event]:
        e = self.extension
        assert e is not None
        return [
            Event(
                "extended",
                task.ref,
                e.unit,
                day=e.to,
                on=e.on,
                reason=e.reason,
                decision=e.decision,
            )
        ]


@dataclass
class Cancel(Change):
    """A task called off."""

    cancellation: Cancellation | None = None

    def check(self, task: Task, registry: Registry) -> None:
        if task.cancelled:
            raise CchcError("edit.already-cancelled", ref=task.ref, reason=task.cancelled.reason)

    def events(self, task: Task) -> list[Event]:
        c = self.cancellation
        assert c is not None
        return [Event("cancelled", task.ref, None, day=c.on, reason=c.reason, decision=c.decision)]


@dataclass
class AddNote(Change):
    """A note added to a task."""

    note_: Note | None = None

    def events(self, task: Task) -> list[Event]:
        n = self.note_
        assert n is not None
        return [Event("note", task.ref, n.unit, on=n.on, text=n.text)]


# -- the engine ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What an edit wrote."""

    #: The files appended to, as shown to the user (the first is ``path``).
    paths: list[str]
    entry: dict[str, Any]
    warnings: list[tuple[str, dict[str, Any]]]

    @property
    def path(self) -> str:
        return self.paths[0]


def content(value: Any) -> Any:
    """A model value without positions, for comparing what two texts mean."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: content(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("source", "spans")
        }
    if isinstance(value, dict):
        return {k: content(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [content(v) for v in value]
    return value


def _now(timezone: str) -> str:
    return datetime.now(ZoneInfo(timezone)).isoformat(timespec="seconds")


def _check_dates(events: list[Event], facts: progress.TaskFacts) -> None:
    for event in events:
        for day in (event.day, event.on):
            if day is not None and facts.starts is not None and day < facts.starts:
                raise UsageError("edit.before-notice", on=day, starts=facts.starts, ref=event.task)


def _lines_for(
    events: list[Event], shown: str, unit: str | None
) -> tuple[list[str], list[Event] | None]:
    """The events as lines, each read back to make sure it says exactly the event; and
    the reader's events of them, when all are plain (:func:`progress_append.plain_line`),
    whose reading is known without the parser."""
    fast = [progress_append.plain_line(e) for e in events]
    if all(line is not None for line in fast):
        return [line for line in fast if line is not None], events
    lines = [progress_append.render_event(e) for e in events]
    back, problems = progress.parse_progress("\n".join(lines), shown, unit)
    plain = [
        (e.kind, e.task, e.unit, e.day, e.on, e.text, e.evidence, e.note, e.reason, e.decision)
        for e in back
    ]
    wanted = [
        (e.kind, e.task, e.unit, e.day, e.on, e.text, e.evidence, e.note, e.reason, e.decision)
        for e in events
    ]
    if problems or plain != wanted:
        raise CchcError("edit.unsafe", path=shown)
    return lines, None


def _said(e: Event) -> tuple[object, ...]:
    """What an event says, without where it was written."""
    return (e.kind, e.task, e.unit, e.day, e.on, e.text, e.evidence, e.note, e.reason, e.decision)


def apply(
    data_dir: Path,
    task: Task,
    change: Change,
    registry: Registry,
    timezone: str,
    seen: Dataset | None = None,
) -> Outcome:
    """Record ``change`` to ``task``: locked, checked, journaled, appended."""
    return apply_all(data_dir, [(task, change)], timezone, seen)


def apply_all(
    data_dir: Path,
    changes: list[tuple[Task, Change]],
    timezone: str,
    seen: Dataset | None = None,
) -> Outcome:
    """Record every change (``done 2.3 7.1``) as one edit: one journal entry, all or none.

    Every change is checked against its task as the files say now before anything is
    written; one refusal writes nothing. A progress file that grows between reading
    it and appending (someone's editor) gets the edit prepared again on its new
    content, a few times.
    """
    if not changes:
        raise UsageError("cli.ref-unknown", ref="")
    refs = [task.ref for task, _ in changes]
    units = list(dict.fromkeys(u for _, change in changes for u in change.units))
    first = changes[0][1]
    loaded = seen
    with locked(data_dir), progress_rows.cache_held(data_dir):
        limit = _limit(data_dir)
        for attempt in range(ATTEMPTS):
            events: list[Event] = []
            for task, change in changes:
                current, facts, registry = task_now(data_dir, task, seen)
                change.check(current, registry)
                own = change.events(current)
                _check_dates(own, facts)
                events.extend(own)
            seen = None  # a second attempt reads everything again
            plan = _plan(data_dir, events, registry, limit)
            record: dict[str, Any] = {
                "time": _now(timezone),
                "user": current_user(),
                "command": first.command,
                "ref": " ".join(refs),
                "units": units,
                "values": first.values,
            }
            if len(changes) > 1:
                record["refs"] = refs
            entry = Journal(data_dir).append(
                {
                    **record,
                    "file": _relative(plan[0].path, data_dir),
                    "appends": [
                        {
                            "file": _relative(path, data_dir),
                            "offset": offset,
                            "text": added.decode("utf-8"),
                            "created": created,
                        }
                        for path, added, offset, created, _ in plan
                    ],
                }
            )
            rows = progress_rows.before(data_dir, [p.seed for p in plan])
            try:
                for path, added, offset, _created, _ in plan:
                    progress_append.append(path, added, offset)
            except progress_append.FileChangedError:
                # Nothing of this attempt is in the file it names: the entry
                # reads as an edit that never happened.
                _take_back(plan)
                progress_rows.abandon(rows)
                continue
            except BaseException:
                progress_rows.abandon(rows)
                raise
            progress_rows.after(rows, data_dir, limit)
            if attempt == 0 and loaded is not None:  # checked against what the run loaded
                progress_patch.patch(data_dir, loaded)
            warnings = [w for _, change in changes for w in change.warnings]
            return Outcome([str(p.path) for p in plan], entry, warnings)
    raise CchcError("edit.file-changed", path=str(plan[0].path))


class Addition(NamedTuple):
    """What an edit adds to one file: the bytes, at which size, whether it makes the file."""

    path: Path
    added: bytes
    offset: int
    created: bool
    #: What the file's cache row is made from afterwards (:mod:`progress_rows`).
    seed: progress_rows.Seed


Plan = list[Addition]


def _limit(data_dir: Path) -> int:
    """The loader's size limit: a file it refuses to read is not appended to (config.yaml
    from the snapshot while unchanged: no YAML parser imported for it)."""
    return read_config(data_dir)[0].max_file_mb * 1024 * 1024


def _plan(data_dir: Path, events: list[Event], registry: Registry, limit: int) -> Plan:
    """For each file the events go to: the bytes to add, where, and whether it is new."""
    files: dict[str | None, list[Event]] = {}
    for event in events:
        files.setdefault(event.unit, []).append(event)
    inside = data_dir.resolve()
    plan = []
    for unit, own in files.items():
        path = progress.file_for(data_dir, unit)
        if not progress_append.resolved(path).is_relative_to(inside):
            raise CchcError("edit.outside", path=str(path))
        existing = progress_append.read_for_edit(path, limit)
        lines, read = _lines_for(own, str(path), unit)
        added = progress_append.addition(existing, lines, progress.header(unit, registry))
        seed = progress_rows.Seed(path, existing, added, read)
        plan.append(Addition(path, added, len(existing or b""), existing is None, seed))
    return plan


def _take_back(plan: Plan) -> None:
    """Remove what an attempt appended to the files before one of them was found changed."""
    for path, added, offset, created, _ in plan:
        try:
            data = read_data_file(path, offset + len(added))
        except DataFileError:
            continue  # not what was appended to (swapped, or grown further): left alone
        if data[offset:] == added:
            _truncate(path, offset, created)


def _relative(path: Path, data_dir: Path) -> str:
    return Path(os.path.relpath(path, data_dir)).as_posix()


def undo(data_dir: Path, timezone: str) -> dict[str, Any]:
    """Remove the latest edit's lines, if each of its files still ends with them."""
    journal = Journal(data_dir)
    with locked(data_dir):
        target = journal.last_undoable()
        if target is None:
            raise CchcError("undo.nothing")
        if target.get("command") == "add" and isinstance(target.get("insert"), dict):
            from cchc_cli.store.addtask import undo_add

            undo_add(data_dir, target)
            return journal.append(_undo_entry(target, timezone))
        if target.get("appends") is None:
            raise CchcError("undo.old-entry", id=target["id"], ref=target.get("ref", ""))
        inside = data_dir.resolve()
        limit = read_config(data_dir)[0].max_file_mb * 1024 * 1024
        plan = []
        for item in target["appends"]:
            path = data_dir / item["file"]
            shown = str(path)
            if not progress_append.resolved(path).is_relative_to(inside):
                raise CchcError("undo.outside", path=shown, id=target["id"])
            # a file the edit was to create, and did not, reads as empty
            data = progress_append.read_for_append(path, limit) or b""
            added = item["text"].encode("utf-8")
            if data.endswith(added):
                size = len(data) - len(added)
            elif addition_state(data, item["offset"], added) == PARTIAL:
                size = item["offset"]  # a crash cut the addition short: remove what is there
            elif len(data) == item["offset"]:
                continue  # the crash came before this file's addition: nothing to remove
            else:
                raise CchcError("undo.changed", path=shown, id=target["id"], ref=target["ref"])
            plan.append((path, size, bool(item.get("created"))))
        for path, size, created in plan:
            _truncate(path, size, created)
        return journal.append(_undo_entry(target, timezone))


def _undo_entry(target: dict[str, Any], timezone: str) -> dict[str, Any]:
    return {
        "time": _now(timezone),
        "user": current_user(),
        "command": UNDO,
        "undoes": target["id"],
        "ref": target["ref"],
        "units": target.get("units", []),
        "values": {"command": target["command"]},
        "file": target["file"],
    }


def _truncate(path: Path, size: int, created: bool) -> None:
    """Cut ``path`` back to ``size`` bytes; a file the edit created goes when emptied."""
    if created and size == 0:
        path.unlink()
        return
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


# -- which units a command means ---------------------------------------------------------


def _names(registry: Registry, units: tuple[str, ...] | list[str]) -> str:
    return ", ".join(registry.name_of(u) for u in units)


def units_to_mark(
    task: Task, requested: tuple[str, ...], every: bool, registry: Registry
) -> tuple[str, ...]:
    """The assignees ``done`` marks: those named, all open ones, or the only one.

    ``requested`` holds resolved unit ids (groups already expanded).
    """
    open_units = tuple(u for u in task.assignees if u not in task.done)
    if len(task.assignees) == 1 and not every:
        requested = requested or task.assignees
    if requested:
        outsiders = [u for u in requested if u not in task.assignees]
        if outsiders:
            raise UsageError(
                "edit.not-assignee",
                unit=_names(registry, outsiders),
                ref=task.ref,
                assignees=_names(registry, task.assignees),
            )
        return requested
    if not open_units:
        raise CchcError("edit.nothing-open", ref=task.ref)
    if every or len(task.assignees) == 1:
        return open_units
    raise UsageError("edit.which-units", ref=task.ref, units=_names(registry, open_units))


def units_to_reopen(
    task: Task, requested: tuple[str, ...], every: bool, registry: Registry
) -> tuple[str, ...]:
    done_units = tuple(u for u in task.assignees if u in task.done)
    if requested:
        return units_to_mark(task, requested, False, registry)
    if not done_units:
        raise CchcError("edit.nothing-done", ref=task.ref)
    if every or len(done_units) == 1:
        return done_units
    raise UsageError("edit.which-done", ref=task.ref, units=_names(registry, done_units))
