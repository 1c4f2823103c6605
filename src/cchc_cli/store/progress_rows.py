"""The cache rows of the progress files an edit appended to, made without parsing them.

After an edit, the next run finds those files changed and reads them again: it parses
them, importing the YAML parser for that (20-35 ms of a run that has 150). Yet the edit
knows what each file holds now: what it held, whose events the cache's row for exactly
those bytes has, and the lines it added, whose events it knows when they are plain
(:func:`cchc_cli.store.progress_append.read_back`). A progress file is read line by
line (:mod:`cchc_cli.store.progress`), so the old lines' events stay what they were
and the new ones follow. So the edit writes that row itself, as a read would.

Only where that is certain: every added line is plain; before the append the file had
a row for exactly the bytes read (its SHA-256) and no problem in it (or there was no
file); after it, the file holds exactly those bytes and the addition (its stat the same
before and after the read), no carriage return, and fits the size limit. Anything else
writes no row, and the next run reads the file as before. The row is checked like any
other when read (stat, and the SHA-256 of a file this recent), so a file changed after
it was written is read again: it is never the only copy of anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cchc_cli.store import progress
from cchc_cli.store.cache import FileCache, stat_of
from cchc_cli.store.fileio import DataFileError, read_data_file
from cchc_cli.store.progress import Event
from cchc_cli.store.progress_append import read_back


class Seed(NamedTuple):
    """What an edit appends to one file; ``events``: the added lines' events, without
    their positions (None: not all plain, the file is read again next time)."""

    path: Path
    existing: bytes | None
    added: bytes
    events: list[Event] | None


class Pending(NamedTuple):
    """The cache, and for each file to write a row of: its events before the append."""

    cache: FileCache
    old: dict[Path, tuple[Seed, list[Event]]]


@contextlib.contextmanager
def cache_held(data_dir: Path) -> Iterator[None]:
    """The cache kept open for a whole edit, which writes it in up to three
    transactions (the rows of the progress files read under the lock, those of the
    files appended to, the snapshot patched): SQLite checkpoints its write-ahead log
    into the database when the last connection closes, syncing both, and so does it
    once, at the end, instead of after each (12-18 syncs an edit, 5 now)."""
    cache = FileCache.open(data_dir)
    try:
        yield
    finally:
        if cache is not None:
            with contextlib.suppress(sqlite3.Error):
                cache.close()


def before(data_dir: Path, seeds: list[Seed]) -> Pending | None:
    """The rows the files have before the append, where a new row can be made from them."""
    usable = [s for s in seeds if s.events is not None and b"\r" not in s.added]
    if not usable:
        return None
    cache = FileCache.open(data_dir)
    if cache is None:
        return None
    old: dict[Path, tuple[Seed, list[Event]]] = {}
    for seed in usable:
        if seed.existing is None:
            old[seed.path] = (seed, [])
            continue
        if b"\r" in seed.existing:
            continue
        hit = cache.get_progress(seed.path)
        if hit is not None and not hit[1] and hit[2] == hashlib.sha256(seed.existing).hexdigest():
            old[seed.path] = (seed, hit[0])
    return Pending(cache, old)


def after(pending: Pending | None, data_dir: Path, limit: int) -> None:
    """Write the rows of the files appended to; never fails the edit (it is written)."""
    if pending is None:
        return
    cache = pending.cache
    try:
        for path, (seed, events) in pending.old.items():
            added = _added_events(path, seed, limit)
            if added is not None:
                stat, content, new = added
                cache.put_progress(path, stat, content, events + new, [])
        cache.finish_progress(progress.progress_files(data_dir))
    except (OSError, sqlite3.Error):
        abandon(pending)


def abandon(pending: Pending | None) -> None:
    """Write no row (the append did not happen)."""
    if pending is not None:
        with contextlib.suppress(sqlite3.Error):
            pending.cache.close()


def _added_events(path: Path, seed: Seed, limit: int) -> tuple[object, bytes, list[Event]] | None:
    """The file's stat and bytes, and the added lines' events at their lines; None
    unless the file holds exactly what it held and the addition."""
    assert seed.events is not None
    stat = stat_of(path)
    try:
        content = read_data_file(path, limit)
    except DataFileError:
        return None
    if stat is None or stat_of(path) != stat or content != (seed.existing or b"") + seed.added:
        return None
    # The added lines are the file's last ones, one event each.
    first = content.count(b"\n") - len(seed.events) + 1
    shown = str(path)
    return stat, content, [read_back(e, shown, first + i) for i, e in enumerate(seed.events)]
