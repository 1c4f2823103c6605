"""Recording progress in a notice file: lock, read, change, verify, write, journal.

A :class:`Change` says what one command does to one task, twice: as lines of
text (:mod:`cchc_cli.store.textedit`) and as the model it expects afterwards. The
engine applies the text edit, reads the result back, and writes it only if the
file still validates and reads as exactly the old notice with the expected
change: an edit can never damage or reinterpret anything else in the file.

The data folder is locked for the whole cycle, so concurrent edits queue up.
If the file changes on disk meanwhile (someone saves it in an editor), the
edit is redone on the new content, and refused after a few attempts rather
than overwriting the person's work.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.errors import CchcError, UsageError
from cchc_cli.core.model import Cancellation, Completion, Extension, Note, Notice, Registry, Task
from cchc_cli.core.units import Resolver
from cchc_cli.store.fileio import atomic_write, locked
from cchc_cli.store.journal import UNDO, Journal, current_user, sha256
from cchc_cli.store.loader import read_notice
from cchc_cli.store.textedit import (
    EditRefused,
    Hunk,
    HunkMismatch,
    NoticeText,
    flow_mapping,
    scalar,
    split_lines,
)
from cchc_cli.store.yamlsrc import YMap

BOM = b"\xef\xbb\xbf"
ATTEMPTS = 3

Step = Callable[[NoticeText, Resolver], Hunk]


# -- rendering progress as YAML ------------------------------------------------------


def _q(text: str | None) -> str | None:
    return None if text is None else scalar(text, flow=True)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def render_completion(c: Completion) -> str:
    if c.evidence is None and c.note is None:
        return c.on.isoformat()
    return flow_mapping(
        [("on", c.on.isoformat()), ("evidence", _q(c.evidence)), ("note", _q(c.note))]
    )


def render_extension(e: Extension) -> str:
    return flow_mapping(
        [
            ("to", e.to.isoformat()),
            ("reason", _q(e.reason)),
            ("decision", _q(e.decision)),
            ("on", _day(e.on)),
        ]
    )


def render_cancellation(c: Cancellation) -> str:
    return flow_mapping(
        [("reason", _q(c.reason)), ("on", _day(c.on)), ("decision", _q(c.decision))]
    )


def render_note(n: Note) -> str:
    return flow_mapping([("on", n.on.isoformat()), ("text", _q(n.text)), ("unit", n.unit)])


def _done_block(task: Task) -> list[str]:
    return [f"{unit}: {render_completion(c)}" for unit, c in task.done.items()]


# -- changes -------------------------------------------------------------------------


@dataclass
class Change:
    """What a command does to one task: checks, text steps, and the expected model."""

    command: str
    units: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def check(self, task: Task, registry: Registry) -> None:
        """Refuse (raise :class:`CchcError`) when the change makes no sense for the task."""

    def expected(self, task: Task) -> Task:
        raise NotImplementedError

    def steps(self, task: Task) -> list[Step]:
        raise NotImplementedError


@dataclass
class Done(Change):
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

    def expected(self, task: Task) -> Task:
        done = dict(task.done)
        for unit in self.units:
            done[unit] = Completion(unit, self.on, self.evidence, self.note)
        return dataclasses.replace(task, done=done)

    def steps(self, task: Task) -> list[Step]:
        after = self.expected(task)
        value = render_completion(Completion("", self.on, self.evidence, self.note))

        def add(unit: str) -> Step:
            def step(doc: NoticeText, resolver: Resolver) -> Hunk:
                if unit in _done_in_text(doc, task.id, resolver):
                    return Hunk(0, (), ())  # written already by a whole-block rewrite
                try:
                    return doc.add_mapping_entry(task.id, "done", unit, value)
                except EditRefused as refused:
                    if refused.key != "edit.rewrite":
                        raise
                    return doc.replace_entry_block(task.id, "done", _done_block(after), True)

            return step

        return [add(unit) for unit in self.units]


@dataclass
class Reopen(Change):
    on: date = date.min
    reason: str = ""

    def check(self, task: Task, registry: Registry) -> None:
        for unit in self.units:
            if unit not in task.done:
                raise CchcError("edit.not-done", ref=task.ref, unit=registry.name_of(unit))

    def _notes(self) -> list[Note]:
        return [Note(self.on, self.reason, unit) for unit in self.units]

    def expected(self, task: Task) -> Task:
        done = {u: c for u, c in task.done.items() if u not in self.units}
        return dataclasses.replace(task, done=done, notes=(*task.notes, *self._notes()))

    def steps(self, task: Task) -> list[Step]:
        after = self.expected(task)

        def remove(unit: str) -> Step:
            def step(doc: NoticeText, resolver: Resolver) -> Hunk:
                written = _done_in_text(doc, task.id, resolver)
                if unit not in written:
                    return Hunk(0, (), ())  # gone already with a whole-block rewrite
                try:
                    if _covers_one(written[unit], resolver, unit):
                        return doc.remove_mapping_entry(task.id, "done", written[unit])
                except EditRefused as refused:
                    if refused.key != "edit.rewrite":
                        raise
                # A group key ("xa-thi-tran: ...") or a flow mapping: write it out anew.
                return doc.replace_entry_block(task.id, "done", _done_block(after), True)

            return step

        def add_note(note: Note) -> Step:
            return _append(
                task.id, "notes", render_note(note), [render_note(n) for n in after.notes]
            )

        return [remove(u) for u in self.units] + [add_note(n) for n in self._notes()]


@dataclass
class Extend(Change):
    extension: Extension | None = None

    def check(self, task: Task, registry: Registry) -> None:
        if task.cancelled:
            raise CchcError("edit.cancelled", ref=task.ref, reason=task.cancelled.reason)
        current = task.last_day
        if current is None:
            raise CchcError("edit.no-deadline", ref=task.ref)
        assert self.extension is not None
        if self.extension.to <= current:
            raise CchcError(
                "edit.extension-not-later", ref=task.ref, to=self.extension.to, last=current
            )

    def expected(self, task: Task) -> Task:
        assert self.extension is not None
        return dataclasses.replace(task, extensions=(*task.extensions, self.extension))

    def steps(self, task: Task) -> list[Step]:
        after = self.expected(task)
        assert self.extension is not None
        everything = [render_extension(e) for e in after.extensions]
        return [_append(task.id, "extensions", render_extension(self.extension), everything)]


@dataclass
class Cancel(Change):
    cancellation: Cancellation | None = None

    def check(self, task: Task, registry: Registry) -> None:
        if task.cancelled:
            raise CchcError("edit.already-cancelled", ref=task.ref, reason=task.cancelled.reason)

    def expected(self, task: Task) -> Task:
        return dataclasses.replace(task, cancelled=self.cancellation)

    def steps(self, task: Task) -> list[Step]:
        assert self.cancellation is not None
        value = render_cancellation(self.cancellation)

        def step(doc: NoticeText, resolver: Resolver) -> Hunk:
            return doc.set_entry(task.id, "cancelled", value)

        return [step]


@dataclass
class AddNote(Change):
    note_: Note | None = None

    def expected(self, task: Task) -> Task:
        assert self.note_ is not None
        return dataclasses.replace(task, notes=(*task.notes, self.note_))

    def steps(self, task: Task) -> list[Step]:
        assert self.note_ is not None
        everything = [render_note(n) for n in self.expected(task).notes]
        return [_append(task.id, "notes", render_note(self.note_), everything)]


def _append(task_id: str, key: str, item: str, everything: list[str]) -> Step:
    def step(doc: NoticeText, resolver: Resolver) -> Hunk:
        try:
            return doc.append_item(task_id, key, item)
        except EditRefused as refused:
            if refused.key != "edit.rewrite":
                raise
            return doc.replace_entry_block(task_id, key, everything, False)

    return step


def _done_in_text(doc: NoticeText, task_id: str, resolver: Resolver) -> dict[str, str]:
    """Unit id -> the key as written under ``done`` (a group key stands for its members)."""
    entry = doc.task(task_id).entries.get("done")
    if entry is None or not isinstance(entry.value, YMap):
        return {}
    written: dict[str, str] = {}
    for key in entry.value.entries:
        ident = resolver.lookup(key).ident
        for unit in resolver.registry.expand([ident] if ident else []):
            written[unit] = key
    return written


def _covers_one(key: str, resolver: Resolver, unit: str) -> bool:
    ident = resolver.lookup(key).ident
    return ident is not None and resolver.registry.expand([ident]) == (unit,)


# -- the engine ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    path: str
    entry: dict[str, Any]
    warnings: list[tuple[str, dict[str, Any]]]


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


def _split_bom(data: bytes) -> tuple[bytes, bytes]:
    return (BOM, data[len(BOM) :]) if data.startswith(BOM) else (b"", data)


def _read_clean(path: Path, shown: str, registry: Registry, resolver: Resolver):  # type: ignore[no-untyped-def]
    """The file's bytes, text, model and tree; refuse a file that does not validate."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CchcError("edit.unreadable", path=shown, reason=err.strerror or str(err)) from None
    bom, body = _split_bom(data)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    problems: list[Diagnostic] = []
    notice = tree = None
    if text is not None:
        notice, problems, tree = read_notice(text, shown, registry, resolver)
    errors = [d for d in problems if d.is_error]
    if text is None or notice is None or errors or not isinstance(tree, YMap):
        # The errors themselves were listed when the data folder was loaded.
        raise CchcError("edit.invalid-file", path=shown)
    if "\r" in text.replace("\r\n", ""):
        raise CchcError("edit.lone-cr", path=shown)
    return data, bom, text, notice, tree


def apply(
    data_dir: Path,
    task: Task,
    change: Change,
    registry: Registry,
    timezone: str,
) -> Outcome:
    """Make ``change`` to ``task``'s file: locked, verified, atomic, journaled."""
    path = Path(task.source.path)
    shown = task.source.path
    resolver = Resolver(registry)
    with locked(data_dir):
        for _ in range(ATTEMPTS):
            data, bom, text, notice, _tree = _read_clean(path, shown, registry, resolver)
            current = _task_in(notice, task)
            change.check(current, registry)
            new_text, hunks = run_steps(text, shown, change.steps(current), registry, resolver)
            verify_change(new_text, shown, notice, current, change, registry, resolver)
            new_data = bom + new_text.encode("utf-8")
            if path.read_bytes() != data:
                continue  # saved by someone meanwhile: do it again on their version
            atomic_write(path, new_data)
            entry = Journal(data_dir).append(
                {
                    "time": datetime.now(ZoneInfo(timezone)).isoformat(timespec="seconds"),
                    "user": current_user(),
                    "command": change.command,
                    "ref": task.ref,
                    "units": list(change.units),
                    "values": change.values,
                    "file": Path(os.path.relpath(path, data_dir)).as_posix(),
                    "before": sha256(data),
                    "after": sha256(new_data),
                    "hunks": [h.to_json() for h in hunks],
                }
            )
            return Outcome(shown, entry, change.warnings)
    raise CchcError("edit.file-changed", path=shown)


def _task_in(notice: Notice, task: Task) -> Task:
    for candidate in notice.tasks:
        if candidate.id == task.id:
            return candidate
    raise CchcError("cli.ref-unknown", ref=task.ref)


def run_steps(
    text: str, shown: str, steps: list[Step], registry: Registry, resolver: Resolver
) -> tuple[str, list[Hunk]]:
    hunks = []
    for step in steps:
        _, _, tree = read_notice(text, shown, registry, resolver)
        assert isinstance(tree, YMap)
        try:
            hunk = step(NoticeText(text, tree), resolver)
        except EditRefused as refused:
            raise CchcError(refused.key, path=shown, **refused.args_) from None
        if hunk.old or hunk.new:
            hunks.append(hunk)
            text = "".join(hunk.apply(split_lines(text)))
    return text, hunks


def verify_change(
    new_text: str,
    shown: str,
    notice: Notice,
    task: Task,
    change: Change,
    registry: Registry,
    resolver: Resolver,
) -> None:
    """The new text must validate and mean the old notice with exactly the change made."""
    new_notice, problems, _ = read_notice(new_text, shown, registry, resolver)
    errors = [d for d in problems if d.is_error]
    expected_task = change.expected(task)
    tasks = tuple(expected_task if t.id == task.id else t for t in notice.tasks)
    expected = dataclasses.replace(notice, tasks=tasks)
    if errors or new_notice is None or content(new_notice) != content(expected):
        refusal = CchcError("edit.unsafe", path=shown)
        refusal.diagnostics = errors
        raise refusal


def undo(data_dir: Path, timezone: str) -> dict[str, Any]:
    """Revert the latest edit not undone yet, if its file is still as the edit left it."""
    journal = Journal(data_dir)
    with locked(data_dir):
        target = journal.last_undoable()
        if target is None:
            raise CchcError("undo.nothing")
        path = data_dir / target["file"]
        try:
            data = path.read_bytes()
        except OSError as err:
            raise CchcError("edit.unreadable", path=str(path), reason=err.strerror) from None
        if sha256(data) != target["after"]:
            raise CchcError("undo.changed", path=str(path), id=target["id"], ref=target["ref"])
        bom, body = _split_bom(data)
        lines = split_lines(body.decode("utf-8"))
        hunks = [Hunk.from_json(h) for h in target["hunks"]]
        try:
            for hunk in reversed(hunks):
                lines = hunk.revert(lines)
        except HunkMismatch:
            raise CchcError(
                "undo.changed", path=str(path), id=target["id"], ref=target["ref"]
            ) from None
        restored = bom + "".join(lines).encode("utf-8")
        if sha256(restored) != target["before"]:
            raise CchcError("undo.changed", path=str(path), id=target["id"], ref=target["ref"])
        atomic_write(path, restored)
        return journal.append(
            {
                "time": datetime.now(ZoneInfo(timezone)).isoformat(timespec="seconds"),
                "user": current_user(),
                "command": UNDO,
                "undoes": target["id"],
                "ref": target["ref"],
                "units": target.get("units", []),
                "values": {"command": target["command"]},
                "file": target["file"],
                "before": target["after"],
                "after": target["before"],
                "hunks": [
                    {"start": h.start, "old": list(h.new), "new": list(h.old)}
                    for h in reversed(hunks)
                ],
            }
        )


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
