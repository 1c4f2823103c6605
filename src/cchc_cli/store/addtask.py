"""``cchc add``: a task added at the end of a notice's tasks, every other byte kept.

The new task is written by :mod:`cchc_cli.store.yamlwrite` (what is written reads
back as exactly what was given) at the indentation of the tasks already there, with
the file's own line endings, after the last task's last line: comments, blank lines,
quoting, key order and a byte-order mark stay as they were. The whole file is read
again before it is written: it must hold every task it held, unchanged, plus the new
one, and no new error; otherwise nothing is written. The write is atomic (a
temporary file, fsync, rename) under the data folder's lock, and journaled so that
``cchc undo`` takes the task out again, if the file has not changed since.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from cchc_cli.core.diagnostics import Diagnostic, Source
from cchc_cli.core.errors import CchcError, UsageError
from cchc_cli.core.model import Notice, Registry
from cchc_cli.core.units import Resolver
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar
from cchc_cli.store.fileio import DEFAULT_LIMIT, atomic_write, read_data_file
from cchc_cli.store.noticefile import TASK_ID_PATTERN, read_notice
from cchc_cli.store.progress_append import resolved
from cchc_cli.store.textedit import EditRefused, split_lines
from cchc_cli.store.yamlsrc import YMap, YSeq
from cchc_cli.store.yamlwrite import block_text, flow_seq, quoted, scalar

_TRAILING_NUMBER = re.compile(r"(\d+)$")
_NUMBERS = re.compile(r"(\d+)")
#: The most digits int() reads (it refuses over 4,300); a longer number sorts last.
LONGEST = 4000
INF = float("inf")


@dataclass(frozen=True)
class NewTask:
    """What ``cchc add`` was given: ids of units or groups, text as it will be stored."""

    text: str
    assignees: tuple[str, ...]
    with_: tuple[str, ...] = ()
    deadline: str | None = None
    ident: str | None = None


@dataclass(frozen=True)
class Insertion:
    """The notice's new text, where the task went and what was put there."""

    text: str
    ident: str
    #: Offset of the inserted text in ``text`` (characters) and the text itself.
    offset: int
    inserted: str
    warnings: list[Diagnostic] = field(default_factory=list)


def next_id(ids: Iterable[str]) -> str:
    """The id after the notice's last: "8.3" gives "8.4", "6" gives "7", none gives "1"."""
    taken = list(ids)
    if not taken:
        return "1"
    last = max(taken, key=_natural_key)
    number = _TRAILING_NUMBER.search(last)
    if number is None or len(number[1]) > LONGEST:
        candidate = f"{last}.1"
    else:
        width = len(number[1])
        candidate = f"{last[: number.start()]}{int(number[1]) + 1:0{width}d}"
    while candidate in taken:
        candidate += ".1"
    return candidate


def _natural_key(text: str) -> tuple[tuple[int, float | str], ...]:
    """ "2.10" after "2.9" (numbers compare as numbers, before words)."""
    return tuple(
        (0, int(p) if len(p) <= LONGEST else INF) if p.isdigit() else (1, p)
        for p in _NUMBERS.split(text)
        if p
    )


def _newline(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _task_lines(task: NewTask, ident: str, dash: int) -> list[str]:
    inner = dash + 2
    pad = " " * inner
    lines = [" " * dash + f"- id: {quoted(ident)}", f"{pad}assignees: {flow_seq(task.assignees)}"]
    if task.with_:
        lines.append(f"{pad}with: {flow_seq(task.with_)}")
    lines += block_text("text", task.text, inner).split("\n")
    if task.deadline:
        lines.append(f"{pad}deadline: {scalar(task.deadline)}")
    return lines


def _tasks(tree: YMap) -> YSeq:
    entry = tree.entries.get("tasks")
    if entry is None:  # a notice has tasks (the schema says so): not reached
        raise EditRefused("add.tasks-layout", line=1)
    if not isinstance(entry.value, YSeq) or entry.value.flow:
        raise EditRefused("add.tasks-layout", line=entry.key_source.line)
    return entry.value


def _where(lines: list[str], tasks: YSeq) -> tuple[int, int, bool]:
    """Where a new item goes (line index), the column of the items' dash, and whether
    the items are set apart by blank lines."""
    items = [i for i in tasks.items if isinstance(i, YMap)]
    if not items or any(i.flow for i in items) or len(items) != len(tasks.items):
        raise EditRefused("add.tasks-layout", line=tasks.source.line)
    last = items[-1]
    first = last.source.line - 1
    before = lines[first][: last.source.col - 1].rstrip()
    if not before.endswith("-"):
        raise EditRefused("add.tasks-layout", line=last.source.line)
    dash = len(before) - 1
    if before[:dash].strip():
        raise EditRefused("add.tasks-layout", line=last.source.line)
    end = first + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > dash):
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    spaced = first > 0 and not lines[first - 1].strip()
    return end, dash, spaced


_OPTION_OF_KEY = {"id": "--id", "assignees": "--unit", "with": "--with", "deadline": "--deadline"}


def _options_by_line(added: list[str], first_line: int) -> dict[int, str]:
    """The command-line option each added line came from: a problem found in the new
    task is blamed on what the user typed, not on a line of a file never written."""
    options: dict[int, str] = {}
    option = "--text"
    for number, line in enumerate(added, start=first_line):
        key = line.strip().removeprefix("- ").partition(":")[0]
        if key == "text":
            option = "--text"
        elif key in _OPTION_OF_KEY and ":" in line:
            option = _OPTION_OF_KEY[key]
        options[number] = option
    return options


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def insert(
    text: str,
    shown: str,
    task: NewTask,
    registry: Registry,
    calendar: WorkCalendar = PUBLIC_CALENDAR,
) -> Insertion:
    """The notice's text with ``task`` added after its last task, checked."""
    resolver = Resolver(registry)
    before, problems, tree = read_notice(text, shown, registry, resolver, calendar)
    if before is None or not isinstance(tree, YMap) or any(d.is_error for d in problems):
        raise _refusal("add.notice-invalid", problems, path=shown)
    ids = [t.id for t in before.tasks]
    ident = task.ident or next_id(ids)
    if not TASK_ID_PATTERN.fullmatch(ident):
        raise UsageError("add.bad-id", id=ident)
    if ident in ids:
        raise UsageError("add.id-taken", id=ident, notice=before.id)
    lines = split_lines(text)
    newline = _newline(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline  # the file ended without a line break: the task starts on its own
    at, dash, spaced = _where(lines, _tasks(tree))
    added = ([""] if spaced else []) + _task_lines(task, ident, dash)
    inserted = "".join(line + newline for line in added)
    head = "".join(lines[:at])
    new_text = head + inserted + "".join(lines[at:])
    after, found, _ = read_notice(new_text, shown, registry, resolver, calendar)
    if after is not None:
        from cchc_cli.store.validate import check_notice

        found = [*found, *check_notice(after, registry)]
    first_line = head.count("\n") + 1
    last_line = first_line + inserted.count("\n") - 1
    options = _options_by_line(added, first_line)
    mine = [
        dataclasses.replace(d, source=Source(options.get(d.source.line, shown)))
        for d in found
        if first_line <= d.source.line <= last_line
    ]
    if any(d.is_error for d in mine):
        raise _refusal("add.refused", mine, ref=f"{before.id}/{ident}")
    _check_same(before, after, ident, found, shown)
    warnings = [d for d in mine if not d.is_error]
    return Insertion(new_text, ident, len(head), inserted, warnings)


def _check_same(
    before: Notice, after: Notice | None, ident: str, found: list[Diagnostic], shown: str
) -> None:
    """The notice after the insertion is the one before plus the new task, no new error."""
    from cchc_cli.store.edit import content

    if after is None or any(d.is_error for d in found):
        raise CchcError("edit.unsafe", path=shown)
    kept = [t for t in after.tasks if t.id != ident]
    new = [t for t in after.tasks if t.id == ident]
    if len(new) != 1 or content(kept) != content(list(before.tasks)):
        raise CchcError("edit.unsafe", path=shown)
    header = {k: v for k, v in content(before).items() if k != "tasks"}
    if header != {k: v for k, v in content(after).items() if k != "tasks"}:
        raise CchcError("edit.unsafe", path=shown)


def _refusal(key: str, diagnostics: list[Diagnostic], **args: Any) -> CchcError:
    """An error that shows the problems behind it, each at its line."""
    err = CchcError(key, **args)
    err.diagnostics = [d for d in diagnostics if d.is_error]
    return err


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_to_file(
    path: Path,
    shown: str,
    task: NewTask,
    registry: Registry,
    calendar: WorkCalendar = PUBLIC_CALENDAR,
    limit: int = DEFAULT_LIMIT,
) -> tuple[Insertion, dict[str, Any]]:
    """Add the task to the notice file at ``path`` (atomically); call with the data
    folder locked. Returns the insertion and what the journal needs to undo it."""
    data = read_data_file(path, limit)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise CchcError("add.notice-invalid", path=shown) from None
    done = insert(text, shown, task, registry, calendar)
    new_bytes = bom + done.text.encode("utf-8")
    offset = len(bom) + len(done.text[: done.offset].encode("utf-8"))
    # A notice that is a link (inside the folder: the loader checks) stays one.
    atomic_write(path.resolve(), new_bytes)
    undo = {"offset": offset, "text": done.inserted, "sha256": sha256(new_bytes)}
    return done, undo


def take_out(path: Path, undo: dict[str, Any], limit: int = DEFAULT_LIMIT) -> bool:
    """Undo an ``add``: the file back to its bytes before, if it is still as ``add`` left
    it; False (and nothing written) when it has changed since."""
    data = read_data_file(path, limit)
    if sha256(data) != undo.get("sha256"):
        return False
    added = str(undo.get("text", "")).encode("utf-8")
    offset = undo.get("offset")
    if not isinstance(offset, int) or data[offset : offset + len(added)] != added:
        return False
    atomic_write(path.resolve(), data[:offset] + data[offset + len(added) :])
    return True


# -- the edit: locked, written, journaled; and its undo ---------------------------------

#: The journal's name for ``cchc add``.
ADD = "add"


def _notice_path(data_dir: Path, name: object) -> Path:
    """A notice file the journal names, refused when it is not inside the data folder."""
    if not isinstance(name, str) or not name or "\0" in name:
        raise CchcError("edit.outside", path=str(name))
    relative = PurePosixPath(name)
    path = data_dir / relative
    if relative.is_absolute() or ".." in relative.parts:
        raise CchcError("edit.outside", path=str(path))
    if not resolved(path).is_relative_to(data_dir.resolve()):
        raise CchcError("edit.outside", path=str(path))
    return path


def add_task(
    data_dir: Path, notice_file: str, new: NewTask, notice_id: str, registry: Registry
) -> tuple[Insertion, dict[str, Any]]:
    """``cchc add``: the task added to its notice under the lock, then journaled."""
    from cchc_cli.store.config import load_config
    from cchc_cli.store.fileio import locked
    from cchc_cli.store.journal import Journal, current_user

    relative = Path(os.path.relpath(notice_file, data_dir)).as_posix()
    path = _notice_path(data_dir, relative)
    with locked(data_dir):
        config = load_config(data_dir)[0]
        limit = config.max_file_mb * 1024 * 1024
        done, insert = add_to_file(path, notice_file, new, registry, config.calendar, limit)
        # After the write: a crash before this line leaves the task added (and seen
        # in the file) with no entry, never an entry for a task that is not there.
        entry = Journal(data_dir).append(
            {
                "time": datetime.now(ZoneInfo(config.timezone)).isoformat(timespec="seconds"),
                "user": current_user(),
                "command": ADD,
                "ref": f"{notice_id}/{done.ident}",
                "units": list(new.assignees),
                "values": {
                    "text": new.text,
                    "assignees": list(new.assignees),
                    "with": list(new.with_),
                    "deadline": new.deadline,
                },
                "file": relative,
                "insert": insert,
            }
        )
    return done, entry


def undo_add(data_dir: Path, target: dict[str, Any]) -> None:
    """Take an added task out again (call with the data folder locked)."""
    from cchc_cli.store.config import load_config

    path = _notice_path(data_dir, target["file"])
    limit = load_config(data_dir)[0].max_file_mb * 1024 * 1024
    if not take_out(path, target["insert"], limit):
        raise CchcError("undo.changed", path=str(path), id=target["id"], ref=target["ref"])
