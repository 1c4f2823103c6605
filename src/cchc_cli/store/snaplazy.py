"""The parts of a restored snapshot that are decoded when first read, not on every start.

A warm ``status`` answers from the tallies and ``due`` from the open rows
(:mod:`cchc_cli.store.pairs`): neither reads the notices' index, yet decoding it (2,000
entries, their tasks' ids and assignees) took a warm run 10-12 ms of the 150 it may
have on the benchmark's generated set. :class:`LazyIndex` holds the index until
something reads it and :class:`Deferred` the dictionaries made from it.

What is decoded later was checked when restored (its checksum), and what the snapshot
stores was decoded and compared before it was stored: decoding it later cannot fail
where decoding it at once would have succeeded.

Each notice's id and day of issue are kept in a part of their own (:func:`index_parts`),
decoded when first read too: ``due`` and ``overdue`` name and order the tasks of the
open rows by them alone (:func:`notice_ids`, :func:`issue_days`), and so decode no
index entry; ``status`` decodes neither.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import zlib
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

from cchc_cli.core import model
from cchc_cli.core.model import NoticeIndex
from cchc_cli.store.snapcodec import index_from, index_to, key_of, pairs_from, to_json

K = TypeVar("K")
V = TypeVar("V")


class LazyIndex(Sequence[NoticeIndex]):
    """The notices' index, made by ``make`` when first read; equal to (and hashed as)
    the tuple it stands for. ``columns`` makes each entry's id and day of issue (an
    ordinal), read without it: :attr:`ids`, :attr:`issued`; ``table``, when given, the
    index's columns, for the entries at a few places without the others (:meth:`at`)
    and the count of tasks (:func:`task_total`); ``paths``, each entry's path
    (:attr:`paths`). An entry made by :meth:`at` is the very one the whole index
    holds once decoded (some read an entry's place by identity)."""

    __slots__ = ("_columns", "_early", "_made", "_made_columns", "_make", "_paths", "_table")

    def __init__(
        self,
        make: Callable[[], tuple[NoticeIndex, ...]],
        columns: Callable[[], tuple[list[str], list[int]]],
        table: Callable[[], dict[str, Any]] | None = None,
        paths: Callable[[], list[str]] | None = None,
    ) -> None:
        self._make: Callable[[], tuple[NoticeIndex, ...]] | None = make
        self._made: tuple[NoticeIndex, ...] = ()
        self._columns = columns
        self._made_columns: tuple[list[str], list[int]] | None = None
        self._table = table
        self._paths = paths
        #: The entries :meth:`at` made before the index was decoded, by place.
        self._early: dict[int, NoticeIndex] = {}

    def _id_columns(self) -> tuple[list[str], list[int]]:
        found = self._made_columns
        if found is None:
            found = self._made_columns = self._columns()
        return found

    @property
    def ids(self) -> list[str]:
        """Each entry's id, in order."""
        return self._id_columns()[0]

    @property
    def issued(self) -> list[int]:
        """Each entry's day of issue as an ordinal, in order."""
        return self._id_columns()[1]

    @property
    def paths(self) -> list[str]:
        """Each entry's path, in order (without decoding the index, where told how)."""
        if self._make is None or self._paths is None:
            return [e.path for e in self.entries]
        return self._paths()

    @property
    def entries(self) -> tuple[NoticeIndex, ...]:
        """The index itself, decoded now if it was not yet."""
        make = self._make
        if make is not None:
            made = make()
            if self._early:  # the entries handed out already, in their places
                made = tuple(self._early.get(i, entry) for i, entry in enumerate(made))
            self._made = made
            self._make = None
        return self._made

    @property
    def decoded(self) -> bool:
        return self._make is None

    def at(self, positions: Sequence[int]) -> list[NoticeIndex]:
        """The entries at ``positions``, equal to the index's own; only those decoded
        if the index was not yet (``show`` and ``done`` read one notice of 2,000)."""
        if self._make is None or self._table is None:
            entries = self.entries
            return [entries[i] for i in positions]
        early = self._early
        missing = [i for i in dict.fromkeys(positions) if i not in early]
        if missing:
            with collector_paused():
                made = index_from(_only(self._table(), missing))[0]
            early.update(zip(missing, made, strict=True))
        return [early[i] for i in positions]

    def task_total(self) -> int:
        """How many tasks the entries have, all together."""
        if self._make is None or self._table is None:
            return sum(len(entry.task_ids) for entry in self.entries)
        table = self._table()
        ids_of = table["ids_of"]
        return sum(len(ids_of[at]) for at in table["tasks"])

    @overload
    def __getitem__(self, at: int) -> NoticeIndex: ...

    @overload
    def __getitem__(self, at: slice) -> tuple[NoticeIndex, ...]: ...

    def __getitem__(self, at: int | slice) -> NoticeIndex | tuple[NoticeIndex, ...]:
        return self.entries[at]

    def __len__(self) -> int:
        return len(self.entries) if self._make is None else len(self.ids)

    def __iter__(self) -> Iterator[NoticeIndex]:
        return iter(self.entries)

    def __contains__(self, value: object) -> bool:
        return value in self.entries

    def __reversed__(self) -> Iterator[NoticeIndex]:
        return reversed(self.entries)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        return self.entries.index(value, start, len(self.entries) if stop is None else stop)

    def count(self, value: Any) -> int:
        return self.entries.count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyIndex):
            other = other.entries
        return self.entries == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.entries)

    def __add__(self, other: tuple[NoticeIndex, ...]) -> tuple[NoticeIndex, ...]:
        return self.entries + tuple(other)

    def __radd__(self, other: tuple[NoticeIndex, ...]) -> tuple[NoticeIndex, ...]:
        return tuple(other) + self.entries

    def __repr__(self) -> str:
        return repr(self.entries)


class Deferred(dict[K, V]):
    """A dictionary filled by ``make`` when first read.

    A subclass of :class:`dict` for those who take one (a
    :class:`~cchc_cli.store.pairs.PairIndex`'s entries by row key): every way they read
    it fills it first. Not to be written to.
    """

    def __init__(self, make: Callable[[], dict[K, V]]) -> None:
        super().__init__()
        self._make: Callable[[], dict[K, V]] | None = make

    def _filled(self) -> Deferred[K, V]:
        make = self._make
        if make is not None:
            self._make = None
            super().update(make())
        return self

    def __getitem__(self, key: K) -> V:
        return super(Deferred, self._filled()).__getitem__(key)

    def __iter__(self) -> Iterator[K]:
        return super(Deferred, self._filled()).__iter__()

    def __len__(self) -> int:
        return super(Deferred, self._filled()).__len__()

    def __contains__(self, key: object) -> bool:
        return super(Deferred, self._filled()).__contains__(key)

    # dict's own compare the storage: an unfilled one (either side) reads empty.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            other._filled()
        return super(Deferred, self._filled()).__eq__(other)

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            other._filled()
        return super(Deferred, self._filled()).__ne__(other)

    def __or__(self, other: Any) -> Any:
        return super(Deferred, self._filled()).__or__(other)

    def __reversed__(self) -> Iterator[K]:
        return super(Deferred, self._filled()).__reversed__()

    def __repr__(self) -> str:
        return super(Deferred, self._filled()).__repr__()

    def get(self, key: K, default: Any = None) -> Any:
        return super(Deferred, self._filled()).get(key, default)

    def keys(self) -> Any:
        return super(Deferred, self._filled()).keys()

    def values(self) -> Any:
        return super(Deferred, self._filled()).values()

    def items(self) -> Any:
        return super(Deferred, self._filled()).items()

    def copy(self) -> dict[K, V]:
        return dict(self.items())


#: The index's columns stored with its rows (decoded on every restore): what the rows'
#: keys are made of.
_ROW_COLUMNS = ("prefix", "paths", "shas")
#: The index's columns stored apart, what due and overdue read of each notice.
_ID_COLUMNS = ("ids", "issued")


def index_parts(index: Sequence[NoticeIndex], shas: tuple[str, ...], prefix: str) -> dict[str, str]:
    """The index of a folder whose files' paths begin with ``prefix`` as three parts, its
    rows (each notice's file and SHA-256: what the pair rows' keys are made of), each
    notice's id and day of issue, and the rest; and the checksum of all three."""
    return parts_of(index_to(tuple(index), shas, prefix))


def parts_of(columns: dict[str, Any]) -> dict[str, str]:
    """The parts of :func:`index_parts` for an index's ``columns`` (those of ``index_to``,
    or a patched snapshot's: :mod:`cchc_cli.store.snappatch`)."""
    rows = to_json([columns.pop(name) for name in _ROW_COLUMNS])
    ids = to_json([columns.pop(name) for name in _ID_COLUMNS])
    rest = to_json(columns)
    return {
        "index_rows": rows,
        "index_ids": ids,
        "index": rest,
        "index_sum": str(checksum(rest, checksum(ids, checksum(rows)))),
    }


def restored_index(parts: dict[str, str]) -> tuple[LazyIndex, list[str], list[str]] | None:
    """The index of :func:`index_parts` (decoded when read, its ids and days too), each
    notice's row key and SHA-256 (decoded now); None if a part is damaged."""
    ids = parts["index_ids"]
    if int(parts["index_sum"]) != checksum(
        parts["index"], checksum(ids, checksum(parts["index_rows"]))
    ):
        return None
    prefix, paths, shas = json.loads(parts["index_rows"])
    if len(paths) != len(shas):
        return None
    # key_of(prefix + path, prefix): the path itself where the separator is a slash.
    keys = list(paths) if os.sep == "/" else [key_of(prefix + path, prefix) for path in paths]
    columns = {"prefix": prefix, "paths": paths, "shas": shas}

    def id_columns() -> tuple[list[str], list[int]]:
        found, issued = json.loads(ids)
        return found, issued

    def decode() -> tuple[NoticeIndex, ...]:
        with collector_paused():
            named = dict(zip(_ID_COLUMNS, json.loads(ids), strict=True))
            return index_from(json.loads(parts["index"]) | columns | named)[0]

    table: list[dict[str, Any]] = []  # the index's columns, decoded once

    def columns_of() -> dict[str, Any]:
        if not table:
            found, issued = id_columns()
            rest = json.loads(parts["index"])
            table.append(rest | columns | {"ids": found, "issued": issued})
        return table[0]

    def paths_of() -> list[str]:
        return [prefix + path for path in paths]

    return LazyIndex(decode, id_columns, columns_of, paths_of), keys, shas


#: The index's columns with a value per entry (the others are tables they point into).
_PER_ENTRY = ("ids", "paths", "issued", "starts", "tasks", "assignees", "done", "shas")


def _only(columns: dict[str, Any], positions: Sequence[int]) -> dict[str, Any]:
    """The index's ``columns`` cut to the entries at ``positions``, with only the groups
    of units and the lists of tasks' ids these point at (renumbered)."""
    cut = columns | {name: [columns[name][i] for i in positions] for name in _PER_ENTRY}
    groups = {g: n for n, g in enumerate(dict.fromkeys(cut["assignees"] + cut["done"]))}
    tasks = {t: n for n, t in enumerate(dict.fromkeys(cut["tasks"]))}
    return cut | {
        "groups": [columns["groups"][g] for g in groups],
        "assignees": [groups[g] for g in cut["assignees"]],
        "done": [groups[g] for g in cut["done"]],
        "ids_of": [columns["ids_of"][t] for t in tasks],
        "tasks": [tasks[t] for t in cut["tasks"]],
    }


def entries_at(index: Sequence[NoticeIndex], positions: Sequence[int]) -> list[NoticeIndex]:
    """The entries of ``index`` at ``positions``, without decoding a restored index's
    others."""
    if isinstance(index, LazyIndex):
        return index.at(positions)
    return [index[i] for i in positions]


def notice_ids(index: Sequence[NoticeIndex]) -> Sequence[str]:
    """Each entry's id, without decoding a restored index."""
    return index.ids if isinstance(index, LazyIndex) else [e.id for e in index]


def entries_named(index: Sequence[NoticeIndex], refs: Iterable[str]) -> list[NoticeIndex]:
    """:func:`cchc_cli.core.model.entries_named`, only the entries named decoded (of a
    restored index not decoded yet): an edit's check reads a notice or two of 2,000."""
    if not isinstance(index, LazyIndex) or index.decoded:
        return model.entries_named(index, refs)
    return entries_with_ids(index, model.ids_named(refs))


def entries_with_ids(index: Sequence[NoticeIndex], ids: Container[str]) -> list[NoticeIndex]:
    """The entries whose id is one of ``ids``, in order, only those decoded (of a
    restored index)."""
    return entries_at(index, [at for at, ident in enumerate(notice_ids(index)) if ident in ids])


def task_total(index: Sequence[NoticeIndex]) -> int:
    """How many tasks the index's entries have, without decoding a restored index."""
    if isinstance(index, LazyIndex):
        return index.task_total()
    return sum(len(entry.task_ids) for entry in index)


def notice_paths(index: Sequence[NoticeIndex]) -> list[str]:
    """Each entry's path, without decoding a restored index."""
    return index.paths if isinstance(index, LazyIndex) else [e.path for e in index]


def row_ids(index: Sequence[NoticeIndex], rows: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Each notice's id by its row key (``rows``: each entry's row key and SHA-256, as
    :class:`cchc_cli.store.snapshot.Notices` holds them), without decoding the index."""
    return dict(zip([key for key, _ in rows], notice_ids(index), strict=True))


def issue_days(index: Sequence[NoticeIndex]) -> Sequence[int]:
    """Each entry's day of issue as an ordinal, without decoding a restored index."""
    if isinstance(index, LazyIndex):
        return index.issued
    return [e.issued.toordinal() for e in index]


def checksum(text: str, start: int = 0) -> int:
    """What tells a part damaged since it was written without decoding it (CRC-32); with
    ``start``, the checksum of the text before it, of both."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"), start)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector paused: decoding makes tens of thousands of objects
    that live as long as the run, and the collector would pass over them again and
    again while they are made (a quarter of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pairs_when_read(data: Any, rows: Sequence[tuple[str, str]]) -> dict[str, str] | None:
    """The pair rows' keys a snapshot stored (:func:`~cchc_cli.store.snapcodec.pairs_from`),
    made when first read: a warm run proves them by a count instead
    (:mod:`cchc_cli.store.pairquery`), and 10,000 of them cost 4 ms to make.

    The part's shape is checked now (TypeError: the restore's long way), as no checksum
    covers it: made later, a damaged one would fail whatever first reads it."""
    if data is None:
        return None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("depends"), str)
        and isinstance(data.get("extra"), dict)
    ):
        raise TypeError("pair keys of another form")
    return Deferred(lambda: pairs_from(data, [k for k, _ in rows], tuple(s for _, s in rows)) or {})
