"""A cache of parsed and checked notice files, so a query need not re-read YAML.

One SQLite database per data folder (``<data>/.cchc/cache.sqlite``, or in the
user's cache folder when the data folder cannot be written). Each notice file
has a row keyed by its path relative to the data folder, holding the notice's
model and the file's diagnostics (as JSON, see :mod:`cchc_cli.store.serialize`),
with what it was built from:

- the file's size, modification and change times (ns) and inode: any edit, a
  rename or an atomic replace changes one of them;
- the SHA-256 of the file's bytes, checked when a file was modified so close to
  the time its row was written that a second change within the file system's
  timestamp granularity could go unseen (git's "racily clean" problem);
- the registry it was resolved against (the hash of units.yaml);
- the cache format and the program version (another version drops every row).

Rows of files that are gone are deleted. A database that cannot be read is
deleted and rebuilt, with a warning; one that cannot be written (read-only,
busy beyond a few seconds) is simply not updated. The cache is never the only
copy of anything, so losing it only costs time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Never

from cchc_cli import __version__
from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import Notice
from cchc_cli.store import duerows, tally
from cchc_cli.store.cachehit import CachedFile as CachedFile
from cchc_cli.store.cachehit import index_from
from cchc_cli.store.cacheplace import CACHE_FILE as CACHE_FILE
from cchc_cli.store.cacheplace import cache_locations, clear_one, sha256_hex
from cchc_cli.store.cacheplace import clear as clear
from cchc_cli.store.cacheplace import user_cache_dir as user_cache_dir
from cchc_cli.store.cachewrite import (
    SHA,
    RowMaker,
    Writes,
    folder_prefix,
    key_in,
    problems_text,
    sql_statements,
)
from cchc_cli.store.pairquery import BUSY_TIMEOUT as BUSY_TIMEOUT
from cchc_cli.store.pairquery import begin
from cchc_cli.store.pairs import TASK_ROWS, NoticeRows
from cchc_cli.store.progress import Event
from cchc_cli.store.serialize import (
    FORMAT,
    diagnostic_from_data,
    event_from_data,
    event_to_data,
    notice_from_data,
)

#: ``depends_on`` of a progress file's row: its parse depends on its bytes alone.
PROGRESS_ROW = "progress"
#: Raised whenever what a cached row means changes without FORMAT changing: 2 diagnoses
#: dates outside the accepted window; 3 adds each notice's pair rows (issue 17), 4 its task
#: rows, 5 its own row (store/tally.py), 6 each task row's coordinating units, 7 notes, 8
#: each tally's base, 9 open rows (store/duerows.py), 11 what due prints in them alone.
REVISION = 11
VERSION = f"{FORMAT}.{REVISION}:{__version__}"
FEW_ROWS = 500  # rows FileCache.read looks up by key; for more it reads every row once
#: A file modified this close to the time its row was written is checked by content.
RACY_NS = 3_000_000_000
#: A file's row, but its notice.
_COLUMNS = (
    "path, size, mtime_ns, ctime_ns, ino, sha256, depends_on, recorded_ns, diagnostics, summary"
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    depends_on TEXT NOT NULL,
    recorded_ns INTEGER NOT NULL,
    diagnostics TEXT NOT NULL,
    summary TEXT,
    data TEXT
);
CREATE TABLE IF NOT EXISTS pair_sources (path TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pairs (
    path TEXT NOT NULL,
    task TEXT NOT NULL,
    unit TEXT NOT NULL,
    position INTEGER NOT NULL,
    from_day INTEGER NOT NULL,
    to_day INTEGER NOT NULL,
    last_day INTEGER,
    done_on INTEGER,
    cancelled INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pairs_path ON pairs (path);
"""
_SCHEMA += TASK_ROWS + duerows.OPEN_ROWS + tally.NOTICE_ROWS + tally.TALLY_ROWS
#: The last whole load of the folder (:mod:`cchc_cli.store.snapshot`): one row per part.
_SNAPSHOT_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS snapshot (part TEXT PRIMARY KEY, data TEXT NOT NULL);"
)


def _write_ahead(connection: sqlite3.Connection) -> None:
    """WAL mode (readers never wait for a writer), commits not synced one by one (a power
    cut may lose the last, each whole: a row lost describes a file as it was, read again).
    A new file's first connections race to change its mode; the losers try again."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            (mode,) = connection.execute("PRAGMA journal_mode=WAL").fetchone()
            if str(mode).lower() == "wal":
                connection.execute("PRAGMA synchronous=NORMAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _version(connection: sqlite3.Connection) -> str | None:
    """The version that made the cache's tables; None if none did (a new file)."""
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:  # no meta table yet
        return None
    return row[0] if row else None


def _make_afresh(connection: sqlite3.Connection) -> None:
    """Drop every table and make this version's, unless another process just did.

    One transaction, holding the write lock from the check of the version to the new
    one: processes opening a new cache at once would otherwise drop the tables that
    another had just made and was reading. Made afresh, not emptied: another version's
    tables may have other columns (CREATE TABLE IF NOT EXISTS keeps a table as it is).
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _version(connection) != VERSION:
            tables = connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
            for (table,) in tables:
                connection.execute(f'DROP TABLE "{table}"')
            for statement in sql_statements(_SCHEMA + _SNAPSHOT_SCHEMA):
                connection.execute(statement)
            connection.execute("INSERT INTO meta (key, value) VALUES ('version', ?)", (VERSION,))
            begin(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


@dataclass(frozen=True)
class Stat:
    """What a file's stat says of it: enough to tell it changed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int


def stat_of(path: Path) -> Stat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return Stat(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def registry_key(units_bytes: bytes) -> str:
    return sha256_hex(units_bytes)


class FileCache:
    """The cache of one data folder; ``warnings`` holds message keys for the user."""

    def __init__(self, connection: sqlite3.Connection, path: Path, data_dir: Path) -> None:
        self.connection = connection
        self.path = path
        self.data_dir = data_dir
        self._prefix = folder_prefix(data_dir)
        self.warnings: list[str] = []
        self._loaded_rows: dict[str, tuple[Any, ...]] | None = None
        self._loaded_pair_keys: dict[str, str] | None = None
        self._writes = Writes(connection)

    @property
    def _rows(self) -> dict[str, tuple[Any, ...]]:
        """Every file's row but its notice, read at once when a whole load needs them."""
        if self._loaded_rows is None:
            rows = self.connection.execute(f"SELECT {_COLUMNS} FROM files")
            self._loaded_rows = {row[0]: row[1:] for row in rows}
        return self._loaded_rows

    def _row(self, key: str) -> tuple[Any, ...] | None:
        """One file's row: of those read at once if they were, else alone (the progress
        files of a load answered from the snapshot's notices' half)."""
        if self._loaded_rows is not None:
            return self._loaded_rows.get(key)
        sql = f"SELECT {_COLUMNS} FROM files WHERE path = ?"
        row = self.connection.execute(sql, (key,)).fetchone()
        return row[1:] if row else None

    @property
    def pair_keys(self) -> dict[str, str]:
        """What each notice file's pair rows were computed from, read when first needed."""
        if self._loaded_pair_keys is None:
            self._loaded_pair_keys = dict(
                self.connection.execute("SELECT path, key FROM pair_sources")
            )
        return self._loaded_pair_keys

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path) -> FileCache | None:
        """The cache in the first usable location, rebuilt if unreadable; None if none works."""
        warnings: list[str] = []
        for location in cache_locations(data_dir):
            if not _writable_folder(location.parent):
                continue
            try:
                cache = cls._connect(location, data_dir)
            except sqlite3.DatabaseError:
                # Not a database, or a damaged one: it only held copies.
                warnings.append("cache.rebuilt")
                clear_one(location)
                try:
                    cache = cls._connect(location, data_dir)
                except sqlite3.Error:
                    continue
            except sqlite3.Error:
                continue
            cache.warnings = warnings
            return cache
        return None

    @classmethod
    def _connect(cls, location: Path, data_dir: Path) -> FileCache:
        connection = sqlite3.connect(location, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            _write_ahead(connection)
            if _version(connection) != VERSION:
                _make_afresh(connection)
            cache = cls(connection, location, data_dir)
        except BaseException:
            connection.close()
            raise
        return cache

    # -- reading and writing ----------------------------------------------------------

    def _key(self, path: Path) -> str:
        return key_in(self.data_dir, path)

    def _fresh(self, path: Path, depends_on: str, whole: bool = False) -> tuple[Any, ...] | None:
        """The row of ``path`` if it still describes the file on disk, else None."""
        # A load asks for every notice file (``whole``): their rows are read at once, and
        # a file without one (every file of a first run) is not even stat'ed.
        row = self._rows.get(self._key(path)) if whole else self._row(self._key(path))
        if row is None or (stat := stat_of(path)) is None:
            return None
        size, mtime_ns, ctime_ns, ino, sha, dep, recorded_ns = row[:7]
        if (size, mtime_ns, ctime_ns, ino, dep) != (
            stat.size,
            stat.mtime_ns,
            stat.ctime_ns,
            stat.ino,
            depends_on,
        ):
            return None
        if mtime_ns + RACY_NS >= recorded_ns:
            try:
                if sha256_hex(path.read_bytes()) != sha:
                    return None
            except OSError:
                return None
            if time.time_ns() > mtime_ns + RACY_NS:
                # Old enough now that a change would move its timestamp.
                self._writes.seen.append((time.time_ns(), self._key(path)))
        return row

    def get(self, path: Path, depends_on: str, whole: bool = True) -> CachedFile | None:
        """What the cache holds for ``path`` if it still holds (``whole``: see _fresh)."""
        row = self._fresh(path, depends_on, whole)
        if row is None:
            return None
        sha, diagnostics, summary = row[4], row[7], row[8]
        shown = str(path)
        index = id_source = None
        try:
            problems = [diagnostic_from_data([shown, *d]) for d in json.loads(diagnostics)]
            if summary:
                index, id_source = index_from(json.loads(summary), shown)
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        return CachedFile(self, self._key(path), sha, shown, index, problems, id_source)

    def read(self, wanted: list[tuple[str, str, str]]) -> list[Notice | None]:
        """Notices of rows that were valid when :meth:`get` saw them: (key, sha, shown) each.

        A row that changed since (another run rewrote it) gives None. The
        database is opened for the read and closed after it.
        """
        found: dict[str, tuple[str, str]] = {}
        # Rows of a run that streams them are not committed yet: its own connection sees them.
        streaming = self._writes.streaming
        self._writes.flush(now=True)
        try:
            connection = (
                self.connection if streaming else sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
            )
            try:
                if len(wanted) <= FEW_ROWS:
                    keys, marks = [k for k, _, _ in wanted], ", ".join("?" * len(wanted))
                    query = f"SELECT path, sha256, data FROM files WHERE path IN ({marks})"
                    rows = connection.execute(query, keys)
                else:
                    rows = connection.execute("SELECT path, sha256, data FROM files")
                found = {path: (sha, data) for path, sha, data in rows}
            finally:
                if not streaming:
                    connection.close()
        except sqlite3.Error:
            pass
        notices: list[Notice | None] = []
        for key, sha, shown in wanted:
            row = found.get(key)
            notice = None
            if row is not None and row[0] == sha and row[1] is not None:
                try:
                    notice = notice_from_data(json.loads(row[1]), shown)
                except (ValueError, TypeError, KeyError, IndexError):
                    notice = None
            notices.append(notice)
        return notices

    def put(
        self,
        path: Path,
        stat: Any,
        depends_on: str,
        content: bytes,
        notice: Notice | None,
        diagnostics: list[Diagnostic],
    ) -> str:
        """Queue a row for ``path``, built from ``content`` as it was when ``stat`` was taken;
        the SHA-256 of ``content``."""
        maker = RowMaker(self.data_dir, depends_on)
        return self.put_row(maker.row(path, stat, content, notice, diagnostics))

    def put_row(self, row: tuple[Any, ...]) -> str:
        """Queue a file's row, made by :class:`RowMaker` (in a worker, say); the SHA-256
        of the file it was made from."""
        self._writes.file(row)
        return str(row[SHA])

    def get_progress(self, path: Path) -> tuple[list[Event], list[Diagnostic], str] | None:
        """A progress file's events, problems and SHA-256 as last parsed, if the file is
        unchanged.

        Each progress file has its own row, so recording one event re-parses
        one small file; its parse does not depend on the registry.
        """
        row = self._fresh(path, PROGRESS_ROW)
        if row is None or row[8] is None:
            return None
        shown = str(path)
        try:
            problems = [diagnostic_from_data([shown, *d]) for d in json.loads(row[7])]
            events = [event_from_data(e, shown) for e in json.loads(row[8])]
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        return events, problems, row[4]

    def put_progress(
        self,
        path: Path,
        stat: Any,
        content: bytes,
        events: list[Event],
        diagnostics: list[Diagnostic],
    ) -> str:
        """Queue the row of a progress file read as ``content`` when ``stat`` was taken;
        the SHA-256 of ``content``."""
        summary = json.dumps([event_to_data(e) for e in events], ensure_ascii=False)
        row = (self._key(path), stat.size, stat.mtime_ns, stat.ctime_ns, stat.ino)
        made = (sha256_hex(content), PROGRESS_ROW, time.time_ns())
        return self.put_row((*row, *made, problems_text(diagnostics), summary, None))

    def key_of(self, shown: str) -> str:
        """The row key of the file shown as ``shown`` (a path as :meth:`get` was given it)."""
        if shown.startswith(self._prefix):
            return shown[len(self._prefix) :].replace(os.sep, "/")
        return self._key(Path(shown))

    def put_pairs(
        self,
        key: str,
        made_from: str,
        rows: NoticeRows | Sequence[Never],
        notice: tally.StoredNotice | None = None,
    ) -> None:
        """Queue the pair and task rows of the notice file ``key``, computed from
        ``made_from`` (empty: forget the file's rows), and its ``notice`` row."""
        if made_from:
            self.pair_keys[key] = made_from
        else:
            self.pair_keys.pop(key, None)
        made = rows if isinstance(rows, NoticeRows) else NoticeRows([], [], [])
        self._writes.notice_pairs(key, made_from, made, notice)

    # -- the snapshot of a whole load (:mod:`cchc_cli.store.snapshot`) ---------------------

    def put_snapshot(
        self,
        parts: dict[str, str],
        over: dict[str, str] | None = None,
        pairs: dict[str, str] | None = None,
    ) -> None:
        """Replace the snapshot by ``parts`` with the rows :meth:`finish` writes (one
        transaction); with ``over`` (parts as read), only these, if ``over`` still holds;
        ``pairs``: the pair rows' keys it expects (:mod:`cchc_cli.store.pairquery`)."""
        self._writes.snapshot = parts
        self._writes.snapshot_over = over
        self._writes.snapshot_pairs = pairs

    def finish_progress(self, files: list[Path]) -> None:
        """:meth:`finish` after reading only the progress files (``files``)."""
        self.finish(files, only=PROGRESS_ROW)

    def finish(self, files: list[Path], only: str | None = None) -> None:
        """Write queued rows and forget files that are gone (with ``only``, rows of that
        kind, ``depends_on``, only); never fails the command."""
        present = {self.key_of(str(p)) for p in files}  # no folder_prefix per file
        if self._loaded_rows is not None:
            kinds = {key: row[5] for key, row in self._loaded_rows.items()}
        else:  # with ``only``, its rows alone: an edit finishes three times (4 ms for all)
            sql = "SELECT path, depends_on FROM files WHERE ?1 IS NULL OR depends_on = ?1"
            kinds = dict(self.connection.execute(sql, (only,)))
        gone = [k for k, kind in kinds.items() if k not in present and only in (None, kind)]
        try:
            if gone or self._writes.pending:
                self._writes.commit(gone)
        finally:
            self.connection.close()

    @property
    def rewritten(self) -> int:
        """How many notices' pair rows this run wrote or forgot."""
        return self._writes.rewritten

    def stream(self) -> None:
        """Write rows as they are queued, not all at :meth:`finish` (a first run, which
        would otherwise hold every row of the folder until then): see
        :mod:`cchc_cli.store.cachewrite`."""
        self._rows  # noqa: B018 - the files' rows as they were before this run wrote any
        self._writes.stream()

    def close(self) -> None:
        """The end of a run that changed no row (one answered from the snapshot)."""
        self.connection.close()


def _writable_folder(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)
