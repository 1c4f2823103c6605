"""The parts of a snapshot (:mod:`cchc_cli.store.snapshot`) as JSON, and back.

JSON, never pickle: the cache lives in a shared data folder, and reading it must
not run code. What a warm run decodes on every start (the index, the diagnostics,
the pair keys) is laid out to decode fast: columns rather than one object per
notice, the tuples that repeat (a task's units, the task ids of a notice) stored
once, the file's folder written once. The settings and the registry, small, go
through :func:`encode`, which knows only the model's own classes.

Every encoder raises TypeError for a value it cannot write exactly; the snapshot
also checks that what it wrote reads back equal, so a value of a new kind costs
the next run the long way, never a wrong answer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import Any

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.diagnostics import Diagnostic, Severity, Source
from cchc_cli.core.model import (
    Config,
    DocumentSettings,
    Group,
    NoticeIndex,
    Person,
    Registry,
    SmtpSettings,
    Unit,
)
from cchc_cli.store.serialize import diagnostic_to_data

#: The classes of the settings and the registry, by name: nothing else is ever built.
_CLASSES: dict[str, type] = {
    c.__name__: c
    for c in (Config, SmtpSettings, DocumentSettings, Person, Registry, Unit, Group, PartialDate)
}


#: What data that does not decode raises (a damaged or tampered cache): never used then.
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def same_diagnostics(a: Sequence[Diagnostic], b: Sequence[Diagnostic]) -> bool:
    """Whether ``b`` is ``a`` in every value, the arguments' types too."""

    def args(found: Sequence[Diagnostic]) -> list[Any]:
        return [[(k, type(v), v) for k, v in d.args.items()] for d in found]

    return tuple(a) == tuple(b) and args(a) == args(b)


def encode(value: Any) -> Any:
    """A value of the settings or the registry as JSON data that :func:`decode` turns
    back into an equal value of the same types; TypeError for anything else."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is Source:
        return {"s": list(value)}
    if kind is date:
        return {"d": value.toordinal()}
    if kind is tuple:
        return [encode(v) for v in value]
    if kind is dict:
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    from dataclasses import fields, is_dataclass  # not for a warm run: 6 ms to import

    if is_dataclass(value) and _CLASSES.get(kind.__name__) is kind:
        if not all(f.init for f in fields(value)):
            raise TypeError(kind.__name__)
        return {
            "c": kind.__name__,
            "f": {f.name: encode(getattr(value, f.name)) for f in fields(value)},
        }
    raise TypeError(kind.__name__)


def decode(data: Any) -> Any:
    if type(data) is list:
        return tuple(decode(v) for v in data)
    if type(data) is not dict:
        return data
    if "s" in data:
        return Source(*data["s"])
    if "d" in data:
        return date.fromordinal(data["d"])
    if "m" in data:
        return {decode(k): decode(v) for k, v in data["m"]}
    return _CLASSES[data["c"]](**{k: decode(v) for k, v in data["f"].items()})


class _Table:
    """Values stored once each, referred to by their position."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.at: dict[Hashable, int] = {}

    def ref(self, value: Hashable, data: Any) -> int:
        if value not in self.at:
            self.at[value] = len(self.values)
            self.values.append(data)
        return self.at[value]


def index_to(index: tuple[NoticeIndex, ...], shas: tuple[str, ...], prefix: str) -> dict[str, Any]:
    """The index of a folder whose files' paths begin with ``prefix``, and each notice
    file's SHA-256, in columns."""
    units, groups, task_ids = _Table(), _Table(), _Table()

    def group(value: tuple[tuple[str, ...], ...]) -> int:
        return groups.ref(value, [units.ref(u, list(u)) for u in value])

    if not all(e.path.startswith(prefix) for e in index):
        raise TypeError("a notice outside the folder")
    columns = {
        "prefix": prefix,
        "ids": [e.id for e in index],
        "paths": [e.path[len(prefix) :] for e in index],
        "issued": [e.issued.toordinal() for e in index],
        "starts": [e.starts.toordinal() if e.starts else None for e in index],
        "tasks": [task_ids.ref(e.task_ids, list(e.task_ids)) for e in index],
        "assignees": [group(e.assignees) for e in index],
        "done": [group(e.done_inline) for e in index],
        "shas": list(shas),
    }
    return columns | {"units": units.values, "groups": groups.values, "ids_of": task_ids.values}


def index_from(data: dict[str, Any]) -> tuple[tuple[NoticeIndex, ...], tuple[str, ...], str]:
    """The index, each notice file's SHA-256 and the paths' common beginning."""
    prefix = data["prefix"]
    units = [tuple(u) for u in data["units"]]
    groups = [tuple(units[i] for i in g) for g in data["groups"]]
    task_ids = [tuple(t) for t in data["ids_of"]]
    days: dict[int, date] = {}

    def day(ordinal: int) -> date:
        found = days.get(ordinal)
        if found is None:
            found = days[ordinal] = date.fromordinal(ordinal)
        return found

    # Made without __init__ (a frozen class sets each field through object.__setattr__):
    # 2,000 entries on every warm run, three times cheaper so.
    new = object.__new__
    index = []
    for ident, path, issued, starts, tasks, assignees, done in zip(
        data["ids"],
        data["paths"],
        data["issued"],
        data["starts"],
        data["tasks"],
        data["assignees"],
        data["done"],
        strict=True,
    ):
        entry = new(NoticeIndex)
        entry.__dict__.update(
            id=ident,
            path=prefix + path,
            issued=day(issued),
            task_ids=task_ids[tasks],
            starts=day(starts) if starts is not None else None,
            assignees=groups[assignees],
            done_inline=groups[done],
        )
        index.append(entry)
    return tuple(index), tuple(data["shas"]), prefix


def key_of(path: str, prefix: str) -> str:
    """A notice file's cache row key (:meth:`cchc_cli.store.cache.FileCache.key_of`)."""
    return path[len(prefix) :].replace(os.sep, "/")


_SEVERITIES = (Severity.ERROR, Severity.WARNING)


def diagnostics_to(diagnostics: Iterable[Diagnostic]) -> list[Any]:
    """The diagnostics, those of one file after another under its path once, each as
    six values in a row: line, column, severity, key, arguments, whether these are
    plain JSON (else dates, see :func:`cchc_cli.store.serialize.diagnostic_to_data`)."""
    found: list[Any] = []
    for d in diagnostics:
        if not found or found[-1][0] != d.source.path:
            found.append([d.source.path, []])
        plain = all(type(v) in (str, int, bool) or v is None for v in d.args.values())
        args = diagnostic_to_data(d)[5]
        severity = _SEVERITIES.index(d.severity)
        found[-1][1] += [d.source.line, d.source.col, severity, d.key, args, int(plain)]
    return found


def diagnostics_from(data: list[Any]) -> tuple[Diagnostic, ...]:
    """:func:`diagnostics_to` read back: a warm run makes thousands, so each is made
    without ``__init__`` (three times cheaper), as :mod:`cchc_cli.core.offices` copies."""
    diagnostics: list[Diagnostic] = []
    add = diagnostics.append
    new = object.__new__
    for path, values in data:
        for at in range(0, len(values), 6):
            line, col, severity, key, args, plain = values[at : at + 6]
            if not plain:
                args = {name: _arg(value) for name, value in args.items()}
            made = new(Diagnostic)
            made.__dict__.update(
                source=Source(path, line, col), severity=_SEVERITIES[severity], key=key, args=args
            )
            add(made)
    return tuple(diagnostics)


def _arg(value: Any) -> Any:
    """An argument as :func:`cchc_cli.store.serialize.diagnostic_from_data` reads it back."""
    if type(value) is dict:
        if "date" in value:
            return date.fromordinal(value["date"])
        if "partial" in value:
            return PartialDate(*value["partial"])
    return value


def pairs_to(
    expected: dict[str, str] | None, keys: list[str], shas: tuple[str, ...], depends: str
) -> Any:
    """The pair rows' keys of a dataset: each notice's is its file's SHA-256, then what
    every notice depends on (``depends``), then its progress events' hash if any; so
    only what differs is stored."""
    if expected is None:
        return None
    if list(expected) != keys:
        raise TypeError("pair keys of other files")
    extra = {}
    for key, sha in zip(keys, shas, strict=True):
        made, start = expected[key], f"{sha}:{depends}"
        if not made.startswith(start):
            raise TypeError("a pair key of another form")
        if made != start:
            extra[key] = made[len(start) :]
    return {"depends": depends, "extra": extra}


def pairs_from(data: Any, keys: list[str], shas: tuple[str, ...]) -> dict[str, str] | None:
    if data is None:
        return None
    common, extra = data["depends"], data["extra"]
    return {key: f"{sha}:{common}{extra.get(key, '')}" for key, sha in zip(keys, shas, strict=True)}
