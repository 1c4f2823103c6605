"""The append-only journal of edits in ``<data>/.cchc/journal.jsonl``: one JSON object a line.

An edit appends lines to progress files; its entry says when, who (the OS
user), what (command, task, units, values) and, for each file, where the
addition starts (``offset``) and the exact text added. That is all ``cchc
undo`` needs: it truncates the addition if the file still ends with it.

Crash safety comes from the order of writes, not from a second record: the
entry is written (and fsynced) *before* the addition, and whether the addition
happened is read from the file itself (:func:`state_of`). A crash between the
two leaves an entry whose addition is absent: no edit, and ``log`` and
``undo`` pass over it. A crash during the addition leaves part of it: ``undo``
removes that part too.

Appending costs the same however long the journal is: the next id is read
from the journal's last lines, never from the whole file. A torn last line (a
crash during a journal write) is closed with a line break before the next entry,
so it costs only itself; reading skips it with a warning. An entry naming a
file outside the data folder's progress/ is never followed.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from cchc_cli.store.fileio import DataFileError, read_data_file, state_dir

JOURNAL_FILE = "journal.jsonl"
UNDO = "undo"
#: How much of the journal's end is read to find the last id (doubled while needed).
TAIL = 64 * 1024

APPLIED = "applied"
PARTIAL = "partial"
ABSENT = "absent"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return "?"


def safe_relative(name: object, folder: str = "progress") -> bool:
    """A journal's file name that stays inside ``folder`` of the data folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and len(path.parts) == 2
        and path.parts[0] == folder
    )


def _valid(entry: object) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), int):
        return False
    appends = entry.get("appends")
    if appends is None:
        return True  # an entry of an older version, shown by log, never undone
    if not isinstance(appends, list):
        return False
    for item in appends:
        if not isinstance(item, dict) or not safe_relative(item.get("file")):
            return False
        if not isinstance(item.get("offset"), int) or not isinstance(item.get("text"), str):
            return False
    return True


@dataclass(frozen=True)
class Journal:
    """The data folder's journal of edits (.cchc/journal.jsonl)."""

    data_dir: Path

    @property
    def path(self) -> Path:
        return self.data_dir / ".cchc" / JOURNAL_FILE

    def entries(self) -> tuple[list[dict[str, Any]], list[int]]:
        """The entries, and the numbers of lines that could not be read (or not trusted)."""
        if not self.path.exists():
            return [], []
        entries, bad = [], []
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    entry = json.loads(raw.decode("utf-8"))
                except (ValueError, RecursionError):  # not UTF-8, not JSON, nested absurdly
                    bad.append(number)
                    continue
                if _valid(entry):
                    entries.append(entry)
                else:
                    bad.append(number)
        return entries, bad

    def last_id(self) -> int:
        """The highest id among the journal's last entries, reading only its end."""
        if not self.path.exists():
            return 0
        with open(self.path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            chunk = TAIL
            while True:
                start = max(0, size - chunk)
                handle.seek(start)
                lines = handle.read(size - start).split(b"\n")
                if start > 0:
                    lines = lines[1:]  # the first one is cut
                ids = [_id_of(line) for line in lines]
                found = [i for i in ids if i is not None]
                if found:
                    return max(found)
                if start == 0:
                    return 0
                chunk *= 2

    def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Add an entry (its ``id`` is assigned here); call with the data folder locked."""
        entry = {"id": self.last_id() + 1, **entry}
        state_dir(self.data_dir)
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # close a torn last line: it must not swallow this one
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except OSError as err:
                # A full disk: take back the part written, and name the journal (a
                # write error carries no file name; the message blamed <stdout>).
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                raise OSError(err.errno, err.strerror, str(self.path)) from None
        finally:
            os.close(fd)
        return entry

    def history(self) -> tuple[list[dict[str, Any]], list[int]]:
        """What ``log`` shows: every edit that was made, and undos; the unreadable lines.

        An entry whose addition is in none of its files and that no undo
        names is an edit that never happened (a crash after its entry was
        written): it is not shown.
        """
        entries, bad = self.entries()
        undone = {e.get("undoes") for e in entries if e.get("command") == UNDO}
        read = functools.lru_cache(maxsize=None)(_read)  # each file once, however many entries
        shown = [
            e
            for e in entries
            if e.get("command") == UNDO
            or e.get("appends") is None
            or e["id"] in undone
            or state_of(self.data_dir, e, read) != ABSENT
        ]
        return shown, bad

    def last_undoable(self) -> dict[str, Any] | None:
        """The latest edit not undone yet whose addition is (at least partly) in its files."""
        entries, _ = self.entries()
        undone = {e.get("undoes") for e in entries if e.get("command") == UNDO}
        for entry in reversed(entries):
            if entry.get("command") == UNDO or entry["id"] in undone:
                continue
            if entry.get("appends") is None:
                return entry  # an older version's edit: undo says it cannot
            if state_of(self.data_dir, entry) != ABSENT:
                return entry
        return None


def _id_of(line: bytes) -> int | None:
    try:
        entry = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested absurdly
        return None
    return entry["id"] if isinstance(entry, dict) and isinstance(entry.get("id"), int) else None


#: The most config.yaml's max_file_mb allows: the journal checks files of any size
#: the loader may have read.
_READ_LIMIT = 10_000 * 1024 * 1024


def _read(path: Path) -> bytes | None:
    """A file an edit appended to, or None; a FIFO or device put there reads as None.

    Through the one bounded reader: a plain read of a FIFO blocks forever.
    """
    try:
        return read_data_file(path, _READ_LIMIT)
    except DataFileError:
        return None


def addition_state(data: bytes | None, offset: int, added: bytes) -> str:
    """Whether a file holds an addition made at ``offset``: whole, in part (cut short), or not."""
    if data is None:
        return ABSENT
    if data.endswith(added) or data[offset : offset + len(added)] == added:
        return APPLIED
    tail = data[offset:]
    if 0 < len(tail) < len(added) and added.startswith(tail):
        return PARTIAL
    return ABSENT


def state_of(
    data_dir: Path, entry: dict[str, Any], read: Callable[[Path], bytes | None] = _read
) -> str:
    """An edit's state, read from its files: applied, partly applied (a crash), or absent."""
    states = [
        addition_state(read(data_dir / item["file"]), item["offset"], item["text"].encode("utf-8"))
        for item in entry.get("appends", [])
    ]
    if states and all(s == APPLIED for s in states):
        return APPLIED
    if any(s != ABSENT for s in states):
        return PARTIAL
    return ABSENT


def entry_day(entry: dict[str, Any], timezone: str) -> date | None:
    """The office's calendar day an entry was made on; None when its time is unreadable."""
    written = entry.get("time")
    if not isinstance(written, str):
        return None
    try:
        when = datetime.fromisoformat(written)
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.date()  # an older entry: written in the office's time already
    return when.astimezone(ZoneInfo(timezone)).date()


def select_entries(
    entries: list[dict[str, Any]],
    timezone: str,
    since: date | None = None,
    until: date | None = None,
    units: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """The entries made from ``since`` to ``until`` (both days included, the office's
    days) that touch one of ``units``; an entry with no readable time is left out of
    any period."""
    chosen = []
    wanted = set(units)
    for entry in entries:
        if since is not None or until is not None:
            day = entry_day(entry, timezone)
            if day is None or (since and day < since) or (until and day > until):
                continue
        touched = entry.get("units")
        if wanted and not (isinstance(touched, list) and wanted.intersection(map(str, touched))):
            continue
        chosen.append(entry)
    return chosen
