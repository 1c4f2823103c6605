"""Reading many notice files on every core, for a first run without a cache (issue 17).

A first run at 20,000 tasks spends most of its time reading YAML and building
notices, one file after another, on one core. :class:`ReadAhead` hands the
files to a pool of worker processes, in chunks and in file order, while the
loader goes down the same list: when the loader comes to a file, its result is
there (or being made). Each worker runs the loader's own reader, so a file gives
the same notice and the same diagnostics either way; the loader checks the
cache, links out of the folder and duplicate ids as before.

The pool is only worth its start-up where there is much to read:

- at least :data:`MIN_FILES` files, none of them cached (no cache, or an empty
  one: a first run, ``--no-cache``, a cleared cache); a run with a warm cache
  reads its few changed files itself, and a file read ahead that the cache
  turns out to hold is only wasted work, never a wrong answer;
- more than one core;
- processes started by ``fork`` on Linux, from a process with no other thread
  (a fork copies one thread: a lock held by another would never be released).
  Elsewhere (Windows has no ``fork``, macOS's is unsafe; ``spawn`` would import
  the whole program again in each worker) or while threads run, the files are
  read here, one after the other, as before.

Through the cache, a worker sends the parent what it writes rather than what it
read (:class:`Encoded`): the file's row with the notice as JSON, its pair and task
rows (:mod:`cchc_cli.store.pairs`, as they are when no progress is recorded
against the notice; the loader computes them again for one that has some), its
index entry and its problems. The parent then only writes, and holds no notice:
the dataset reads them back from the cache, as a warm run does. Without a cache
the notice itself is sent (:func:`lean`).

Files that are links are never read ahead: the loader refuses those that lead
out of the data folder before reading them. Should a worker fail (killed, out
of memory, a bug), its files are read here, so the run gives what a serial run
gives, or fails as it would.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from cchc_cli.core.diagnostics import Diagnostic, Source
    from cchc_cli.core.model import Notice, NoticeIndex
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.cachewrite import RowMaker
    from cchc_cli.store.pairs import NoticeRows
    from cchc_cli.store.tally import StoredNotice

#: Fewer files than this are read in this process: a pool costs its start-up.
MIN_FILES = 200
#: Files per piece of work handed to a worker.
CHUNK = 16
#: Pieces of work in flight per worker: enough to keep it busy, few enough that
#: results waiting for the loader do not pile up in memory.
AHEAD = 3

Result = TypeVar("Result")
Reader = Callable[..., Any]

#: A notice file read by the loader: its stat, bytes, notice and problems.
NoticeRead = tuple[Any, bytes | None, "Notice | None", "list[Diagnostic]"]

#: Linux's prctl option: a signal for the process when its parent dies.
PR_SET_PDEATHSIG = 1
#: The reader, its arguments and what a result is sent as, in a worker (set when it starts).
_job: tuple[Reader, tuple[Any, ...], Callable[[Path, Any], Any]] | None = None


def workers() -> int:
    """How many worker processes to start: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True where a pool can be started by ``fork`` safely (Linux, no other thread).

    macOS has ``fork`` but its system libraries are not safe across one.
    """
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def _start_worker(
    parent: int, read: Reader, args: tuple[Any, ...], send: Callable[[Path, Any], Any]
) -> None:
    """A worker's start: Ctrl-C is the loader's to handle, not every worker's; the worker
    ends with the loader, even a loader killed (it would wait for work forever)."""
    import ctypes
    import signal

    global _job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)  # the loader died before the line above
    _job = (read, args, send)


def _read_chunk(paths: list[Path]) -> list[Any]:
    assert _job is not None, "a worker reads only after _start_worker"
    read, args, send = _job
    return [send(path, read(path, str(path), *args)) for path in paths]


def _as_read(path: Path, result: Result) -> Result:
    return result


def _lean(path: Path, result: NoticeRead) -> NoticeRead:
    return lean(result)


def lean(result: NoticeRead) -> NoticeRead:
    """A notice file read by the loader (stat, bytes, notice, problems), as a worker sends it:
    without its tasks' field positions.

    Only the checks run when the file is read use them, and a notice read back
    from the cache has none either; left out, there is about a third less to
    send (pickle and unpickle, callgrind) and to keep.
    """
    stat, content, notice, problems = result
    if notice is None:
        return result
    tasks = tuple(dataclasses.replace(task, spans={}) for task in notice.tasks)
    return stat, content, dataclasses.replace(notice, tasks=tasks), problems


class Encoded(NamedTuple):
    """A notice file read in a worker for a load through the cache: what the parent
    writes and keeps of it (see the module's docstring)."""

    #: The file's row (:class:`cchc_cli.store.cachewrite.RowMaker`).
    row: tuple[Any, ...]
    entry: NoticeIndex | None
    #: Where the notice's id is written (for a duplicate id's diagnostic).
    id_source: Source | None
    problems: list[Diagnostic]
    #: The notice's pair and task rows with no progress applied; None when it has a
    #: recurring task (:data:`cchc_cli.store.pairs.RECURRING`) or there is no notice.
    pairs: NoticeRows | None
    #: The notice's own row, written with them (:mod:`cchc_cli.store.tally`).
    notice: StoredNotice | None


class Encoder:
    """A worker's ``send`` for a load through the cache: a file read -> :class:`Encoded`."""

    def __init__(self, rows: RowMaker) -> None:
        self.rows = rows

    def __call__(self, path: Path, result: NoticeRead) -> NoticeRead | Encoded:
        from cchc_cli.core.model import index_of
        from cchc_cli.store.pairs import notice_pairs
        from cchc_cli.store.tally import notice_row

        stat, content, notice, problems = result
        if stat is None or content is None:
            return result  # nothing to cache (too big, changing): nor any notice
        if notice is None:
            row = self.rows.row(path, stat, content, None, problems)
            return Encoded(row, None, None, problems, None, None)
        entry = index_of(notice)
        row = self.rows.row(path, stat, content, notice, problems, entry)
        pairs = notice_pairs(notice)
        return Encoded(row, entry, notice.spans["id"], problems, pairs, notice_row(notice))


def read_ahead(
    files: Sequence[Path],
    cache: FileCache | None,
    read: Callable[..., NoticeRead],
    *args: Any,
    skip: set[Path] | frozenset[Path] = frozenset(),
    rows: RowMaker | None = None,
) -> ReadAhead[NoticeRead | Encoded]:
    """The loader's reader for ``files``: all read ahead when the cache holds none of them,
    each made into its rows there if ``rows`` is given (and a cache).

    A cache with rows holds most files of a folder (a warm run): those it does
    not hold are read one by one when the loader finds them missing.
    """
    cold = cache is None or not cache.pair_keys
    send: Callable[[Path, NoticeRead], NoticeRead | Encoded] = _lean
    if cache is not None and rows is not None:
        send = Encoder(rows)
    return ReadAhead(files if cold else (), read, *args, skip=skip, send=send)


class ReadAhead(Generic[Result]):
    """``read(path, str(path), *args)`` for each file of ``files``, made ahead in a pool
    (and passed through ``send(path, result)`` there, to send back less or ready to use).

    Call it as the reader itself: ``ahead(path, shown)``, in the order of
    ``files``; a file not read ahead (a link, a small folder) is read then.
    """

    def __init__(
        self,
        files: Sequence[Path],
        read: Callable[..., Result],
        *args: Any,
        skip: set[Path] | frozenset[Path] = frozenset(),
        send: Callable[[Path, Any], Result] = _as_read,
    ) -> None:
        self._read = read
        self._args = args
        planned = [path for path in files if path not in skip]
        self._waiting = set(planned)
        self._ready: dict[Path, Result] = {}
        self._chunks = deque(planned[i : i + CHUNK] for i in range(0, len(planned), CHUNK))
        self._flight: deque[tuple[list[Path], Future[list[Result]]]] = deque()
        count = workers()
        self._pool: ProcessPoolExecutor | None = None
        #: How many worker processes were started (none: every file is read here).
        self.started = 0
        if len(planned) >= MIN_FILES and count > 1 and can_fork():
            # Imported here: a run with a warm cache never starts a pool.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                count,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(), read, args, send),
            )
            self.started = count
            for _ in range(count * AHEAD):
                self._submit()
        else:
            self._waiting.clear()

    @property
    def pooled(self) -> bool:
        """True while worker processes read ahead."""
        return self._pool is not None

    def __call__(self, path: Path, shown: str) -> Result:
        while path in self._waiting:
            self._collect()
        found = self._ready.pop(path, None)
        if found is not None:
            return found
        return self._read(path, shown, *self._args)

    def _submit(self) -> None:
        if self._pool is None or not self._chunks:
            return
        try:
            future = self._pool.submit(_read_chunk, self._chunks[0])
        except Exception:
            self.close()  # a broken pool: whatever is left is read here
            return
        self._flight.append((self._chunks.popleft(), future))

    def _collect(self) -> None:
        """The oldest chunk's results (read here if its worker failed), and one more sent."""
        chunk, future = self._flight.popleft()
        try:
            results = future.result()
        except Exception:
            # Read here as a serial run would: the same results, or the same failure.
            results = [self._read(path, str(path), *self._args) for path in chunk]
        for path, result in zip(chunk, results, strict=True):
            self._ready[path] = result
            self._waiting.discard(path)
        self._submit()
        if not self._flight:
            self.close()

    def close(self) -> None:
        """Stop the workers (the files not yet handed out are read here, if asked for)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        for chunk, _ in self._flight:
            self._waiting.difference_update(chunk)
        self._flight.clear()
        self._chunks.clear()
        self._waiting.clear()
