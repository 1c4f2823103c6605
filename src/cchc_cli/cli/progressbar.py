"""A progress bar on stderr for long work, when stderr is a terminal; nothing otherwise.

Work that may take seconds (reading thousands of notices to build the cache,
``validate``, ``report``, ``import``, mailing the reminders) reports its steps to
a :class:`Ticker`. The bar (rich's progress, transient: it is gone when the work
ends) appears only after :data:`DELAY` seconds, so a quick run shows nothing, and
never when stderr is a pipe or a file: a cron job's mail and a script's stderr
hold no bar. Work without countable steps gets a pulsing bar with the time spent.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

#: Seconds of work before a bar appears.
DELAY = 0.5
#: How much work is long enough for a bar at all: notice files read, tasks in a
#: report, bytes of a document imported. Less is quick whatever the machine's load,
#: and a terminal session stays free of bars that would only flash.
MIN_FILES = 100
MIN_TASKS = 1000
MIN_BYTES = 100_000


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether ``stream`` (stderr) is a terminal a bar can be drawn on."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed, or no stream at all
        return False


class Ticker:
    """Steps of one piece of work: ``ticker(done, total)``; draws once it is worth it."""

    def __init__(
        self,
        label: str,
        stream: IO[str] | None = None,
        delay: float | None = None,
        minimum: int = 0,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream)
        #: Fewer steps than this are quick work: no bar.
        self.minimum = minimum
        self.delay = DELAY if delay is None else delay
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._progress: Any = None
        self._task: Any = None
        self._closed = False
        self._timer: threading.Timer | None = None

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.enabled or (total is not None and total < self.minimum):
            return
        if self._progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._show(total)
        with self._lock:
            if self._progress is not None:
                self._progress.update(self._task, completed=done, total=total)

    def pulse(self) -> None:
        """Work with no steps to count: a pulsing bar once the delay has passed."""
        if self.enabled and self.delay <= 0:
            self._show(None)
        elif self.enabled:
            self._timer = threading.Timer(self.delay, self._show, (None,))
            self._timer.daemon = True
            self._timer.start()

    def _show(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._closed or self._progress is not None:
                return
            console = Console(file=self.stream, stderr=True, highlight=False)
            columns = [TextColumn("{task.description}", markup=False), BarColumn()]
            if total is not None:
                columns.append(TextColumn("{task.completed}/{task.total}"))
            columns.append(TimeElapsedColumn())
            self._progress = Progress(*columns, console=console, transient=True)
            self._task = self._progress.add_task(self.label, total=total)
            self._progress.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
                self._progress = None


@contextmanager
def ticking(
    label: str, stream: IO[str] | None = None, delay: float | None = None, minimum: int = 0
) -> Iterator[Ticker]:
    """A :class:`Ticker` for the work inside the block, its bar gone at the end."""
    ticker = Ticker(label, stream, delay, minimum)
    try:
        yield ticker
    finally:
        ticker.close()


@contextmanager
def working(
    label: str,
    size: int,
    minimum: int,
    stream: IO[str] | None = None,
    delay: float | None = None,
) -> Iterator[None]:
    """A pulsing bar for work with no steps to count (writing a workbook), when its
    ``size`` (tasks, bytes) reaches ``minimum``."""
    with ticking(label, stream, delay) as ticker:
        if size >= minimum:
            ticker.pulse()
        yield
