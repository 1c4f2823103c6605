"""What ``validate`` prints of a restored dataset, rendered once per language and kept
with the snapshot (:mod:`cchc_cli.store.snapshot`).

A warm ``validate`` at 20,000 tasks prints 6,000-8,000 lines: decoding every
diagnostic cost 25-35 ms and rendering each message 45-70 ms, most of the run. The
lines of the notices' diagnostics and of the notices found twice
(:class:`~cchc_cli.store.snapdups.Duplicates`) depend on nothing else than those
diagnostics as stored, the language and the program. So they are kept rendered, in
the order ``validate`` prints them, each with its sort key, under the SHA-256 of all
of that: the stored diagnostics' own text, the duplicates' stamp, the language, the
cache and program version. A line kept for anything else is never read back. The few
problems that depend on more (the progress files', completions after the day asked,
recurring tasks) are rendered on every run and merged in by their keys, exactly
where sorting everything would have put them.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cchc_cli.core.diagnostics import Diagnostic, Diagnostics
from cchc_cli.store.snapcodec import UNREADABLE, to_json
from cchc_cli.store.snapdups import Duplicates

if TYPE_CHECKING:
    from cchc_cli.core.model import Dataset

#: The snapshot's part that keeps the lines of a language: this and the language.
PREFIX = "lines:"
#: Raised whenever what the part holds changes.
FORMAT = 1

#: Each kind of problem's place among equals, as ``validate`` lists them before
#: sorting (a stable sort keeps that order among problems of the same key): the
#: notices' problems, the progress files' (read together with them), the notices
#: found twice, then each later kind.
NOTICES, PROGRESS, TWICE, LATER = 0, 1, 2, 3

#: A problem's place in the sorted list: path, line, column, 0 for an error (1 else),
#: its kind.
Key = tuple[str, int, int, int, int]


class Lines(NamedTuple):
    """What ``validate`` prints of the problems: one line each, joined, in UTF-8 (kept
    lines are written as read, never decoded and encoded again)."""

    data: bytes
    total: int
    errors: int


class Rendered(NamedTuple):
    """The lines kept: how many are errors, how many in all, their sort keys as JSON
    (read only to merge something in) and the lines joined, all in UTF-8."""

    errors: int
    total: int
    keys: bytes
    data: bytes


def key_of(diagnostic: Diagnostic, kind: int) -> Key:
    """The sort key of :func:`cchc_cli.core.diagnostics.sort_diagnostics`, and the kind."""
    path, line, col = diagnostic.source
    return (path, line, col, 0 if diagnostic.is_error else 1, kind)


def lines_of(
    dataset: Dataset,
    later: Sequence[Sequence[Diagnostic]],
    lang: str,
    render: Callable[[Diagnostic], str],
) -> Lines | None:
    """Every problem of ``dataset`` (its own, the notices found twice, then each of
    ``later``) sorted in file order and rendered; None unless ``dataset`` was restored
    from a snapshot and every line is text UTF-8 can write (then the caller renders
    them itself)."""
    kept = dataset.duplicates
    if not isinstance(kept, Duplicates):
        return None
    progress = _progress_of(dataset.diagnostics, kept.diagnostics)
    if progress is None:
        return None
    stamp = _stamp(kept, lang)
    stored = _read(kept, lang, stamp)
    more = sorted(
        (key_of(d, kind), at, d)
        for kind, found in _kinds(progress, later)
        for at, d in enumerate(found)
    )
    try:
        if stored is None:
            stored = _rendered(dataset, kept, render)
            _keep(kept, lang, stamp, stored)
        try:
            data, total = _merged(stored, more, render)
        except UNREADABLE:  # kept keys that do not decode (a damaged cache): made afresh
            stored = _rendered(dataset, kept, render)
            data, total = _merged(stored, more, render)
    except UnicodeEncodeError:
        return None  # a lone surrogate (a file name's undecodable byte): rendered as text
    return Lines(data, total, stored.errors + sum(d.is_error for _, _, d in more))


def _progress_of(
    every: Sequence[Diagnostic], notices: Sequence[Diagnostic]
) -> Sequence[Diagnostic] | None:
    """The progress files' problems among ``every``, if the rest are ``notices``;
    None if ``every`` is made of anything else."""
    if every is notices:
        return ()
    if isinstance(every, Diagnostics) and len(every.parts) == 2 and every.parts[0] is notices:
        return every.parts[1]
    return None


def _kinds(
    progress: Sequence[Diagnostic], later: Sequence[Sequence[Diagnostic]]
) -> list[tuple[int, Sequence[Diagnostic]]]:
    return [(PROGRESS, progress), *((LATER + at, found) for at, found in enumerate(later))]


def _stamp(kept: Duplicates, lang: str) -> str:
    """Everything the kept lines depend on, as one SHA-256."""
    from cchc_cli.store.cache import VERSION

    head = f"{FORMAT}\t{VERSION}\t{lang}\t{kept.stamp}\t"
    import hashlib  # not at start-up: 2.5 ms (OpenSSL loaded)

    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    digest.update(kept.parts["diagnostics"].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _rendered(dataset: Dataset, kept: Duplicates, render: Callable[[Diagnostic], str]) -> Rendered:
    """The notices' problems and the notices found twice, sorted and rendered;
    UnicodeEncodeError if a line is no text UTF-8 can write."""
    found = sorted(
        (key_of(d, kind), at, d)
        for kind, every in ((NOTICES, kept.diagnostics), (TWICE, kept(dataset)))
        for at, d in enumerate(every)
    )
    paths: dict[str, int] = {}
    keys: list[int] = []
    for (path, line, col, severity, kind), _, _ in found:
        keys += (paths.setdefault(path, len(paths)), line, col, severity, kind)
    errors = sum(d.is_error for _, _, d in found)
    data = "\n".join(render(d) for _, _, d in found).encode("utf-8")
    return Rendered(errors, len(found), to_json([list(paths), keys]).encode("utf-8"), data)


def _merged(
    stored: Rendered, more: list[tuple[Key, int, Diagnostic]], render: Callable[[Diagnostic], str]
) -> tuple[bytes, int]:
    """The kept lines with each of ``more`` (sorted) rendered where its key puts it."""
    if not more:
        return stored.data, stored.total
    paths, flat = json.loads(stored.keys)
    keys = [
        (paths[flat[at]], flat[at + 1], flat[at + 2], flat[at + 3], flat[at + 4])
        for at in range(0, len(flat), 5)
    ]
    lines = stored.data.decode("utf-8").split("\n") if stored.total else []
    if len(keys) != len(lines):
        raise ValueError("keys of other lines")
    merged: list[str] = []
    done = 0
    for key, _, diagnostic in more:
        place = bisect_left(keys, key, done)
        merged += lines[done:place]
        merged.append(render(diagnostic))
        done = place
    merged += lines[done:]
    return "\n".join(merged).encode("utf-8"), len(merged)


def _lines_in(data: bytes) -> int:
    return data.count(b"\n") + 1 if data else 0


def _read(kept: Duplicates, lang: str, stamp: str) -> Rendered | None:
    """The lines kept for ``stamp``; None if none are (or they do not read)."""
    from cchc_cli.store.cache import BUSY_TIMEOUT

    try:
        connection = sqlite3.connect(kept.cache_path, timeout=BUSY_TIMEOUT)
        try:
            row = connection.execute(
                "SELECT CAST(data AS BLOB) FROM snapshot WHERE part = ?", (PREFIX + lang,)
            ).fetchone()
        finally:
            connection.close()
        if row is None:
            return None
        head, _, rest = row[0].partition(b"\n")
        keys, _, data = rest.partition(b"\n")
        kept_stamp, errors, total = head.decode("ascii").split("\t")
        stored = Rendered(int(errors), int(total), keys, data)
    except (sqlite3.Error, UnicodeDecodeError, *UNREADABLE):
        return None
    if kept_stamp != stamp or _lines_in(data) != stored.total:
        return None
    return stored


def kept_lines(connection: sqlite3.Connection) -> dict[str, str]:
    """The lines kept in the cache ``connection`` opens, by part: the snapshot keeps
    them when it keeps the notices' half (only progress files changed). Their stamp
    tells whether they still hold; none if they do not read."""
    try:
        return dict(
            connection.execute("SELECT part, data FROM snapshot WHERE part LIKE ?", (PREFIX + "%",))
        )
    except sqlite3.Error:
        return {}


def _keep(kept: Duplicates, lang: str, stamp: str, stored: Rendered) -> None:
    """Keep the lines for the next run, if they read back as they are; never fails the run."""
    from cchc_cli.store.cache import BUSY_TIMEOUT

    if _lines_in(stored.data) != stored.total:
        return  # a line that would read back as two
    head = f"{stamp}\t{stored.errors}\t{stored.total}\n".encode("ascii")
    # Text (the snapshot's parts are), read back as its UTF-8 bytes (CAST AS BLOB).
    data = b"".join((head, stored.keys, b"\n", stored.data)).decode("utf-8")
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(kept.cache_path, timeout=BUSY_TIMEOUT)
        try:
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO snapshot VALUES (?, ?)", (PREFIX + lang, data)
                )
        finally:
            connection.close()
