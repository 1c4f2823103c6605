"""The parts of a restored snapshot that are decoded when first read, not on every start.

A warm ``status`` answers from the tallies and ``due`` from the open rows
(:mod:`cchc_cli.store.pairs`): neither reads the notices' index, yet decoding it (2,000
entries, their tasks' ids and assignees) took a warm run 10-12 ms of the 150 it may
have on the benchmark's generated set. :class:`LazyIndex` holds the index until
something reads it and :class:`Deferred` the dictionaries made from it.

What is decoded later was checked when restored (its checksum), and what the snapshot
stores was decoded and compared before it was stored: decoding it later cannot fail
where decoding it at once would have succeeded.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, overload

from cchc_cli.core.model import NoticeIndex
from cchc_cli.store.snapcodec import index_from, index_to, key_of, to_json

K = TypeVar("K")
V = TypeVar("V")


class LazyIndex(Sequence[NoticeIndex]):
    """The notices' index, made by ``make`` when first read; equal to (and hashed as)
    the tuple it stands for."""

    __slots__ = ("_made", "_make")

    def __init__(self, make: Callable[[], tuple[NoticeIndex, ...]]) -> None:
        self._make: Callable[[], tuple[NoticeIndex, ...]] | None = make
        self._made: tuple[NoticeIndex, ...] = ()

    @property
    def entries(self) -> tuple[NoticeIndex, ...]:
        """The index itself, decoded now if it was not yet."""
        make = self._make
        if make is not None:
            self._made = make()
            self._make = None
        return self._made

    @property
    def decoded(self) -> bool:
        return self._make is None

    @overload
    def __getitem__(self, at: int) -> NoticeIndex: ...

    @overload
    def __getitem__(self, at: slice) -> tuple[NoticeIndex, ...]: ...

    def __getitem__(self, at: int | slice) -> NoticeIndex | tuple[NoticeIndex, ...]:
        return self.entries[at]

    def __len__(self) -> int:
        return len(self.entries)

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

    def __eq__(self, other: object) -> bool:
        return super(Deferred, self._filled()).__eq__(other)

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


def index_parts(index: Sequence[NoticeIndex], shas: tuple[str, ...], prefix: str) -> dict[str, str]:
    """The index of a folder whose files' paths begin with ``prefix`` as two parts, its
    rows (each notice's file and SHA-256: what the pair rows' keys are made of) and the
    rest, and the checksum of both."""
    columns = index_to(tuple(index), shas, prefix)
    rows = to_json([columns.pop("prefix"), columns.pop("paths"), columns.pop("shas")])
    rest = to_json(columns)
    return {"index_rows": rows, "index": rest, "index_sum": str(checksum(rest, checksum(rows)))}


def restored_index(parts: dict[str, str]) -> tuple[LazyIndex, list[str], list[str]] | None:
    """The index of :func:`index_parts` (decoded when read), each notice's row key and
    SHA-256 (decoded now); None if either part is damaged."""
    if int(parts["index_sum"]) != checksum(parts["index"], checksum(parts["index_rows"])):
        return None
    prefix, paths, shas = json.loads(parts["index_rows"])
    if len(paths) != len(shas):
        return None
    # key_of(prefix + path, prefix): the path itself where the separator is a slash.
    keys = list(paths) if os.sep == "/" else [key_of(prefix + path, prefix) for path in paths]
    columns = {"prefix": prefix, "paths": paths, "shas": shas}

    def decode() -> tuple[NoticeIndex, ...]:
        with collector_paused():
            return index_from(json.loads(parts["index"]) | columns)[0]

    return LazyIndex(decode), keys, shas


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
