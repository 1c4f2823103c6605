"""The append-only journal of edits in ``<data>/.cchc/journal.jsonl``: one JSON object a line.

An edit's entry says when, who (the OS user), what (command, task, units,
values), which file, the file's SHA-256 before and after, and the hunks that
changed it, which is all ``cchc undo`` needs to give the old bytes back and to
refuse when the file has changed since.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_cli.store.fileio import state_dir

JOURNAL_FILE = "journal.jsonl"
UNDO = "undo"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return "?"


@dataclass(frozen=True)
class Journal:
    data_dir: Path

    @property
    def path(self) -> Path:
        return self.data_dir / ".cchc" / JOURNAL_FILE

    def entries(self) -> tuple[list[dict[str, Any]], list[int]]:
        """The entries, and the numbers of lines that could not be read."""
        if not self.path.exists():
            return [], []
        entries, bad = [], []
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    bad.append(number)
                    continue
                if isinstance(entry, dict) and isinstance(entry.get("id"), int):
                    entries.append(entry)
                else:
                    bad.append(number)
        return entries, bad

    def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Add an entry (its ``id`` is assigned here); call with the data folder locked."""
        entries, _ = self.entries()
        entry = {"id": max((e["id"] for e in entries), default=0) + 1, **entry}
        state_dir(self.data_dir)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return entry

    def last_undoable(self) -> dict[str, Any] | None:
        """The latest edit not undone yet; undo entries themselves are not undone."""
        entries, _ = self.entries()
        undone = {e.get("undoes") for e in entries if e.get("command") == UNDO}
        for entry in reversed(entries):
            if entry.get("command") != UNDO and entry["id"] not in undone:
                return entry
        return None
