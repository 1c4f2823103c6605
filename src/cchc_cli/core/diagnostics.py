"""Problems in the data, as values that carry their source.

Nothing in the loader raises for bad data: every problem becomes a
:class:`Diagnostic` that says where it is (``path:line:col``), how bad it is,
and which message of the catalog describes it, with the message's arguments.
Rendering it in Vietnamese or English is the job of :mod:`cchc_cli.views.i18n`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


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


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """In file order, so a reader can work down the list with an editor."""
    return sorted(diagnostics, key=lambda d: (d.source, d.severity != Severity.ERROR))


#: The source of a value built in code rather than read from a file.
NOWHERE = Source("")
