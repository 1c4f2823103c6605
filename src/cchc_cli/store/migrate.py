"""``cchc migrate``: move progress written inside notice files into progress/ files.

For each notice file whose tasks carry ``done``, ``extensions``, ``cancelled``
or ``notes`` (the old layout), the events are appended to the progress files
(one per unit, the office's for whole-task decisions) and those keys' lines are
removed from the notice; every other byte of the notice stays as it was
(comments, CRLF, BOM, blank lines, a missing final newline).

Safe if interrupted: the progress files are written first, then each notice
atomically. A line already present in its progress file is not added again, so
a rerun after a crash finishes the job without duplicating any event. A notice
is moved only if, read back, it means exactly what it meant before: the notice
without its progress, plus the events, gives the same tasks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.units import Resolver
from cchc_cli.store import progress, progress_append
from cchc_cli.store.config import load_config
from cchc_cli.store.fileio import atomic_write, locked
from cchc_cli.store.loader import load, notice_files
from cchc_cli.store.noticefile import PROGRESS_KEYS, read_notice
from cchc_cli.store.progress import Event
from cchc_cli.store.textedit import EditRefused, split_lines
from cchc_cli.store.yamlsrc import YMap

BOM = b"\xef\xbb\xbf"


@dataclass
class Moved:
    """What a run did: notices emptied of progress, events written, notices left as they are."""

    notices: list[str] = field(default_factory=list)
    events: int = 0
    files: list[str] = field(default_factory=list)
    #: (path, message key, args) of notices that could not be moved safely.
    skipped: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    path: Path
    new_bytes: bytes
    events: list[Event]


class _Skip(Exception):
    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def migrate(data_dir: Path) -> Moved:
    """Move every notice's progress into progress/; raise when there is nothing to move."""
    with locked(data_dir):
        dataset = load(data_dir)
        registry = dataset.registry
        resolver = Resolver(registry)
        moved = Moved()
        plans = []
        for path in notice_files(data_dir):
            try:
                plan = _plan(path, registry, resolver)
            except _Skip as skip:
                moved.skipped.append((str(path), skip.key, skip.args_))
                continue
            if plan is not None:
                plans.append(plan)
        if not plans:
            if moved.skipped:
                return moved
            raise CchcError("migrate.nothing")
        events = [e for plan in plans for e in plan.events]
        moved.events, moved.files = _write_events(data_dir, events, registry)
        for plan in plans:
            # A notice that is a link (inside the folder: the loader checks) stays one.
            atomic_write(plan.path.resolve(), plan.new_bytes)
            moved.notices.append(str(plan.path))
        return moved


def _write_events(data_dir: Path, events: list[Event], registry: Registry) -> tuple[int, list[str]]:
    """Append each event's line to its file unless the file has that line already."""
    by_file: dict[str | None, list[str]] = {}
    for event in events:
        by_file.setdefault(event.unit, []).append(progress_append.render_event(event))
    written = 0
    files = []
    limit = load_config(data_dir)[0].max_file_mb * 1024 * 1024
    for unit, lines in by_file.items():
        path = progress.file_for(data_dir, unit)
        existing = progress_append.read_for_edit(path, limit)
        present = set()
        if existing is not None:
            present = {
                line.rstrip("\r") for line in existing.decode("utf-8", errors="replace").split("\n")
            }
        new = [line for line in dict.fromkeys(lines) if line not in present]
        if not new:
            continue
        added = progress_append.addition(existing, new, progress.header(unit, registry))
        progress_append.append(path, added, len(existing or b""))
        written += len(new)
        files.append(str(path))
    return written, files


def _plan(path: Path, registry: Registry, resolver: Resolver) -> _Plan | None:
    """The notice without its progress and the events it held; None if it holds none."""
    shown = str(path)
    data = path.read_bytes()
    bom = BOM if data.startswith(BOM) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise _Skip("migrate.invalid", path=shown) from None
    notice, problems, tree = read_notice(text, shown, registry, resolver)
    if notice is None or any(d.is_error for d in problems) or not isinstance(tree, YMap):
        raise _Skip("migrate.invalid", path=shown)
    if "\r" in text.replace("\r\n", ""):
        raise _Skip("migrate.invalid", path=shown)
    spans = _progress_spans(text, tree, notice)
    if not spans:
        return None
    lines = split_lines(text)
    ends_open = bool(lines) and not lines[-1].endswith("\n")
    for start, end in sorted(spans, reverse=True):
        del lines[start:end]
    if ends_open and lines and lines[-1].endswith("\n"):
        # The removed lines ended the file without a line break: so does the rest.
        last = lines[-1]
        lines[-1] = last[:-2] if last.endswith("\r\n") else last[:-1]
    new_text = "".join(lines)
    events = [e for task in notice.tasks for e in events_of(task)]
    _verify(new_text, shown, notice, events, registry, resolver)
    return _Plan(path, bom + new_text.encode("utf-8"), events)


def _progress_spans(text: str, tree: YMap, notice: Notice) -> list[tuple[int, int]]:
    from cchc_cli.store.textedit import NoticeText

    doc = NoticeText(text, tree)
    spans = []
    for task in notice.tasks:
        try:
            node = doc.task(task.id)
            for key in PROGRESS_KEYS:
                if key in node.entries:
                    spans.append(doc.entry_lines(task.id, key))
        except EditRefused as refused:
            raise _Skip(refused.key, path=notice.path, **refused.args_) from None
    return spans


def events_of(task: Task) -> list[Event]:
    """A task's progress as written in its notice, as the events that say the same."""
    ref = task.ref
    events = [
        Event("done", ref, c.unit, day=c.on, evidence=c.evidence, note=c.note)
        for c in task.done.values()
    ]
    for note in task.notes:
        unit = note.unit if note.unit in task.assignees else None
        events.append(Event("note", ref, unit, on=note.on, text=note.text))
    events += [
        Event("extended", ref, None, day=e.to, on=e.on, reason=e.reason, decision=e.decision)
        for e in task.extensions
    ]
    if task.cancelled is not None:
        c = task.cancelled
        events.append(Event("cancelled", ref, None, day=c.on, reason=c.reason, decision=c.decision))
    return events


def _meaning(task: Task) -> Any:
    from cchc_cli.store.edit import content

    said = content(task)
    said["notes"] = sorted(said["notes"], key=lambda n: (n["on"], n["text"], n["unit"] or ""))
    return said


def _verify(
    new_text: str,
    shown: str,
    notice: Notice,
    events: list[Event],
    registry: Registry,
    resolver: Resolver,
) -> None:
    """The notice read back, with the events applied, must mean what it meant."""
    new_notice, problems, _ = read_notice(new_text, shown, registry, resolver)
    if new_notice is None or any(d.is_error for d in problems):
        raise _Skip("migrate.unsafe", path=shown)
    grouped = progress.by_task(events)
    before = [_meaning(t) for t in notice.tasks]
    after = [_meaning(progress.apply_events(t, grouped.get(t.ref, ()))) for t in new_notice.tasks]
    bare = dataclasses.replace(new_notice, tasks=())
    if before != after or _header(bare) != _header(dataclasses.replace(notice, tasks=())):
        raise _Skip("migrate.unsafe", path=shown)
    if any(d.key == "notice.old-progress" for d in problems):
        raise _Skip("migrate.unsafe", path=shown)


def _header(notice: Notice) -> Any:
    from cchc_cli.store.edit import content

    return content(notice)
