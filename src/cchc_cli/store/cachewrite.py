"""The writing half of the cache (:mod:`cchc_cli.store.cache`): rows made, queued, written.

A notice file's row is made by :class:`RowMaker` wherever the file is read: in the
loader, or in a worker process of a first run (:mod:`cchc_cli.store.parallel`),
which then sends the parent the row rather than the notice. :class:`Writes`
holds what waits to be written and writes it in one transaction:

- as a rule, all of it when the load finishes (:meth:`Writes.commit`);
- on a first run, as it comes (:meth:`Writes.stream`): the transaction begins
  before the first row and is committed at the end, so the parent never holds
  every row of a folder (20,000 tasks: about 190,000 pair rows) at once. Until
  the commit no other run sees a row; a run that stops before (killed, an
  error) leaves the cache as it was, and the next run builds it again.

A write that fails (a full disk, a read-only folder, a lock held too long) drops
everything of the run: the cache is never the only copy of anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.model import Notice, NoticeIndex, index_of
from cchc_cli.store import tally
from cchc_cli.store.pairquery import PAIRS_MADE, pairs_made
from cchc_cli.store.pairs import NoticeRows
from cchc_cli.store.serialize import diagnostic_to_data, notice_to_data
from cchc_cli.store.tally import StoredNotice

#: Where a file's row holds the SHA-256 of its content.
SHA = 5
#: Pair rows queued before a streaming run writes them.
STREAM_PAIRS = 16_384
#: Files' rows queued before a streaming run writes them.
STREAM_FILES = 64
#: Rows per INSERT statement of :func:`insert_rows`.
ROWS_PER_INSERT = 64


def folder_prefix(data_dir: Path) -> str:
    """What the path of every file in ``data_dir`` begins with, as a load spells it:
    nothing for the current folder (``Path(".") / "notices"`` is ``notices``, which a
    clerk gets by running cchc inside the data folder)."""
    text = str(data_dir)
    return "" if text == os.curdir else os.path.join(text, "")


def key_in(data_dir: Path, path: Path) -> str:
    """The row key of ``path``: its path relative to the data folder, with ``/``."""
    text = str(path)
    prefix = folder_prefix(data_dir)
    if text.startswith(prefix):
        # The common case, without the cost of os.path.relpath for every file.
        return text[len(prefix) :].replace(os.sep, "/")
    return Path(os.path.relpath(path, data_dir)).as_posix()


def problems_text(diagnostics: list[Diagnostic]) -> str:
    """A file's problems as its row holds them (the path is the row's)."""
    return json.dumps([diagnostic_to_data(d)[1:] for d in diagnostics], ensure_ascii=False)


def sql_statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one by one (``executescript`` would commit)."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip() != ";":
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        raise ValueError(f"incomplete SQL: {pending!r}")
    return statements


def insert_rows(
    connection: sqlite3.Connection, table: str, width: int, rows: Iterable[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (each of ``width`` values) into ``table``, in their order.

    :data:`ROWS_PER_INSERT` rows per statement, not one: SQLite then resets and steps
    its statement once per many rows, which is most of what inserting a row from
    Python costs (a first run at 20,000 tasks inserts about 190,000 pair rows:
    0.71-0.81 s of CPU one per statement, 0.46-0.53 s 64 per statement).
    """
    one = f"({', '.join('?' * width)})"
    flat = list(chain.from_iterable(rows))
    step = width * ROWS_PER_INSERT
    whole = len(flat) - len(flat) % step
    if whole:
        sql = f"INSERT INTO {table} VALUES {', '.join([one] * ROWS_PER_INSERT)}"
        for start in range(0, whole, step):
            connection.execute(sql, flat[start : start + step])
    if whole < len(flat):
        rest = len(flat) - whole
        sql = f"INSERT INTO {table} VALUES {', '.join([one] * (rest // width))}"
        connection.execute(sql, flat[whole:])


@dataclass(frozen=True)
class RowMaker:
    """How a notice file's row is made, in the process that read the file."""

    data_dir: Path
    #: What the notices' models depend on besides their files (the registry, the limit...).
    depends_on: str

    def row(
        self,
        path: Path,
        stat: Any,
        content: bytes,
        notice: Notice | None,
        diagnostics: list[Diagnostic],
        entry: NoticeIndex | None = None,
    ) -> tuple[Any, ...]:
        """The row of ``path``, read as ``content`` when ``stat`` was taken (``entry``: the
        notice's index entry, if already made)."""
        summary = data = None
        if notice is not None:
            entry = entry or index_of(notice)
            id_source = notice.spans["id"]
            summary = json.dumps(
                [
                    entry.id,
                    entry.issued.toordinal(),
                    list(entry.task_ids),
                    id_source.line,
                    id_source.col,
                    entry.starts.toordinal() if entry.starts else None,
                    [list(a) for a in entry.assignees],
                    [list(d) for d in entry.done_inline],
                ],
                ensure_ascii=False,
            )
            data = json.dumps(notice_to_data(notice), ensure_ascii=False, separators=(",", ":"))
        row = (key_in(self.data_dir, path), stat.size, stat.mtime_ns, stat.ctime_ns, stat.ino)
        import hashlib  # not at start-up: 2.5 ms (OpenSSL loaded)

        made = (hashlib.sha256(content).hexdigest(), self.depends_on, time.time_ns())
        return (*row, *made, problems_text(diagnostics), summary, data)


@dataclass
class Writes:
    """What waits to be written to one cache database, and the writing of it."""

    connection: sqlite3.Connection
    #: Files' rows (notices and progress files).
    files: list[tuple[Any, ...]] = field(default_factory=list)
    #: Each notice file's pair and task rows, and what they were computed from.
    pairs: dict[str, tuple[str, NoticeRows]] = field(default_factory=dict)
    #: The notice rows written with them (:mod:`cchc_cli.store.tally`).
    notices: dict[str, StoredNotice] = field(default_factory=dict)
    #: (time, key) of racily clean rows found unchanged, to be marked as checked.
    seen: list[tuple[int, str]] = field(default_factory=list)
    snapshot: dict[str, str] | None = None
    #: Parts the snapshot held when the edit read it: given, ``snapshot`` replaces only
    #: its own parts, and only while those still hold (else the stored one is kept).
    snapshot_over: dict[str, str] | None = None
    #: The pair rows' keys the snapshot expects (its :data:`~cchc_cli.store.pairquery.PAIRS_MADE`).
    snapshot_pairs: dict[str, str] | None = None
    #: Rows are written as they come, in a transaction :meth:`commit` ends.
    streaming: bool = False
    #: A write failed: nothing is queued or written any more.
    failed: bool = False
    #: Pair rows queued.
    queued: int = 0
    #: Pair rows' writes of this run, one per notice each time (a notice written again
    #: counts again) and per notice forgotten: a threshold (:func:`cchc_cli.store.tally.counts`).
    rewritten: int = 0

    def file(self, row: tuple[Any, ...]) -> None:
        if not self.failed:
            self.files.append(row)
            self.flush()

    def notice_pairs(
        self, key: str, made_from: str, rows: NoticeRows, notice: StoredNotice | None
    ) -> None:
        if self.failed:
            return
        if key in self.pairs:
            self.flush(True)  # the rows replacing them are written after them
        self.pairs[key] = (made_from, rows)
        if notice is not None:
            self.notices[key] = notice
        else:
            self.notices.pop(key, None)  # a notice's row goes with its pair rows
        self.queued += len(rows.pairs)
        self.flush()

    @property
    def pending(self) -> bool:
        """Whether :meth:`commit` has anything to write."""
        return bool(self.streaming or self.files or self.pairs or self.seen or self.snapshot)

    def stream(self) -> None:
        """Write rows as they come (see the module's docstring); if the transaction cannot
        begin at once (another run writes), they are queued as usual, without waiting."""
        try:
            (waits,) = self.connection.execute("PRAGMA busy_timeout").fetchone()
            self.connection.execute("PRAGMA busy_timeout = 0")
            try:
                self.connection.execute("BEGIN IMMEDIATE")
                self.streaming = True
            finally:
                self.connection.execute(f"PRAGMA busy_timeout = {int(waits)}")
        except sqlite3.Error:
            return

    def flush(self, now: bool = False) -> None:
        """Write the queued rows if streaming and there are enough of them (or ``now``)."""
        if not self.streaming:
            return
        if not now and self.queued < STREAM_PAIRS and len(self.files) < STREAM_FILES:
            return
        try:
            self._write_queued()
        except sqlite3.Error:
            self._give_up()

    def _give_up(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.execute("ROLLBACK")
        self.streaming = False
        self.failed = True
        self.files.clear()
        self.pairs.clear()
        self.notices.clear()
        self.seen.clear()
        self.snapshot = None

    def _write_queued(self) -> None:
        """Write the queued rows of files and of pairs (a notice's replace its old ones)."""
        execute = self.connection.executemany
        stale = [(k,) for k in self.pairs]
        self.rewritten += len(stale)
        execute("DELETE FROM pairs WHERE path = ?", stale)
        execute("DELETE FROM task_rows WHERE path = ?", stale)
        execute("DELETE FROM open_rows WHERE path = ?", stale)
        tally.write_notices(self.connection, list(self.pairs), self.notices)
        execute("DELETE FROM pair_sources WHERE path = ?", stale)
        connection, queued = self.connection, self.pairs.items()
        pairs = ((k, *r) for k, (_, rows) in queued for r in rows.pairs)
        insert_rows(connection, "pairs", 9, pairs)
        tasks = ((k, *r) for k, (_, rows) in queued for r in rows.tasks)
        insert_rows(connection, "task_rows", 8, tasks)
        opened = ((k, *r) for k, (_, rows) in queued for r in rows.open)
        insert_rows(connection, "open_rows", 9, opened)
        execute(
            "INSERT INTO pair_sources VALUES (?, ?)",
            [(k, made) for k, (made, _) in self.pairs.items() if made],
        )
        execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.files)
        self.pairs.clear()
        self.notices.clear()
        self.files.clear()
        self.queued = 0

    def commit(self, gone: list[str]) -> None:
        """Write everything queued and forget the rows of the files ``gone``, in one
        transaction; never fails (read-only, full or busy: the next run tries again).

        The tallies (:mod:`cchc_cli.store.tally`) are brought up to date here only: rows
        streamed before leave them made from other pair rows, so made again when read.
        """
        if self.failed:
            return
        execute = self.connection.executemany
        try:
            if not self.streaming:
                self.connection.execute("BEGIN IMMEDIATE")
            added = list(self.pairs)
            tallies = tally.unwind(self.connection, [*gone, *added])
            stale = [(k,) for k in gone]
            self.rewritten += len(stale)
            execute("DELETE FROM pairs WHERE path = ?", stale)
            execute("DELETE FROM task_rows WHERE path = ?", stale)
            execute("DELETE FROM open_rows WHERE path = ?", stale)
            tally.write_notices(self.connection, gone, {})
            execute("DELETE FROM pair_sources WHERE path = ?", stale)
            self._write_queued()
            tally.wind(self.connection, tallies, added)
            execute("DELETE FROM files WHERE path = ?", stale)
            execute("UPDATE files SET recorded_ns = ? WHERE path = ?", self.seen)
            if self.snapshot:
                self._write_snapshot(self.snapshot, self.snapshot_over)
            self.connection.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
        finally:
            self.streaming = False

    def _write_snapshot(self, parts: dict[str, str], over: dict[str, str] | None) -> None:
        """The snapshot written anew, or (``over``) only ``parts``, over the one read then;
        with its pair rows' keys, the proof that the rows are those (:mod:`pairquery`)."""
        execute = self.connection.executemany
        if "pairs" in parts:
            parts = {**parts, PAIRS_MADE: pairs_made(self.connection, self.snapshot_pairs)}
        if over is None:
            self.connection.execute("DELETE FROM snapshot")
            execute("INSERT INTO snapshot VALUES (?, ?)", parts.items())
            return
        names = ", ".join("?" * len(over))
        sql = f"SELECT part, data FROM snapshot WHERE part IN ({names})"
        if dict(self.connection.execute(sql, list(over))) == over:
            execute("INSERT OR REPLACE INTO snapshot VALUES (?, ?)", parts.items())
