"""Problems in the data, as values that carry their source.

Nothing in the loader raises for bad data: every problem becomes a
:class:`Diagnostic` that says where it is (``path:line:col``), how bad it is,
and which message of the catalog describes it, with the message's arguments.
Rendering it in Vietnamese or English is the job of :mod:`cchc_cli.views.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import Any, NamedTuple, overload

from cchc_cli.core.lazyclass import dataclass, field


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Source(NamedTuple):
    """A place in a file; line and column are 1-based, absent for whole-file problems.

    A named tuple rather than a dataclass: there is one per value read, and a
    tuple is several times cheaper to make.
    """

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, how bad, and the catalog's message for it."""

    source: Source
    severity: Severity
    key: str
    args: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(source: Source, key: str, /, **args: Any) -> Diagnostic:
    return Diagnostic(source, Severity.ERROR, key, args)


def warning(source: Source, key: str, /, **args: Any) -> Diagnostic:
    return Diagnostic(source, Severity.WARNING, key, args)


class Diagnostics(Sequence[Diagnostic]):
    """Every problem of a load, its errors known at once and the rest read when asked for.

    A warm load (:mod:`cchc_cli.store.snapshot`) holds thousands of warnings that
    ``status``, ``due`` or ``show`` never look at, yet decoding them all cost 35-60 ms
    of every run at 20,000 tasks. Every command tells and counts the errors, so those
    are made at once; the whole list (``validate``, ``--strict``) is made by ``read``
    the first time something reads it. It is equal to the tuple it stands for.
    """

    __slots__ = ("_all", "_read", "errors", "parts")

    def __init__(
        self,
        errors: tuple[Diagnostic, ...],
        read: Callable[[], tuple[Diagnostic, ...]],
        parts: tuple[Sequence[Diagnostic], ...] = (),
    ) -> None:
        #: The errors among them, in their order.
        self.errors = errors
        #: What :func:`merged` made them of, unread (``validate`` keeps the lines of
        #: the notices' part rendered, :mod:`cchc_cli.store.snaplines`); () if nothing.
        self.parts = parts
        self._read: Callable[[], tuple[Diagnostic, ...]] | None = read
        self._all: tuple[Diagnostic, ...] | None = None

    def every(self) -> tuple[Diagnostic, ...]:
        """All of them, read now if not before."""
        if self._all is None:
            assert self._read is not None
            self._all, self._read = self._read(), None
        return self._all

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.every())

    def __len__(self) -> int:
        return len(self.every())

    def __bool__(self) -> bool:
        return bool(self.errors) or bool(self.every())

    @overload
    def __getitem__(self, at: int) -> Diagnostic: ...

    @overload
    def __getitem__(self, at: slice) -> tuple[Diagnostic, ...]: ...

    def __getitem__(self, at: int | slice) -> Diagnostic | tuple[Diagnostic, ...]:
        return self.every()[at]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Diagnostics):
            other = other.every()
        return self.every() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.every())

    def __repr__(self) -> str:
        return repr(self.every())


def errors_of(diagnostics: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The errors among ``diagnostics``, without reading the rest where they wait."""
    if isinstance(diagnostics, Diagnostics):
        return diagnostics.errors
    return tuple(d for d in diagnostics if d.is_error)


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """In file order, so a reader can work down the list with an editor."""
    return sorted(diagnostics, key=lambda d: (d.source, d.severity != Severity.ERROR))


def merged(first: Sequence[Diagnostic], more: Sequence[Diagnostic]) -> Sequence[Diagnostic]:
    """``first`` and ``more`` together in file order; what of ``first`` was not read yet
    is read only when the whole is (the errors of a sorted whole are the sorted errors)."""

    def every() -> tuple[Diagnostic, ...]:
        return tuple(sort_diagnostics([*first, *more]))

    if not isinstance(first, Diagnostics):
        return every()
    errors = tuple(sort_diagnostics([*first.errors, *errors_of(more)]))
    return Diagnostics(errors, every, (first, more))


#: The source of a value built in code rather than read from a file.
NOWHERE = Source("")
