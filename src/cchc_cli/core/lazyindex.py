"""An index of notices made when first read, standing in for the tuple it is. Pure.

A restored snapshot's index (:mod:`cchc_cli.store.snaplazy`) and several offices'
index (:mod:`cchc_cli.core.offices`) are made this way: a warm ``status`` reads no
entry of either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from cchc_cli.core.model import NoticeIndex


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
