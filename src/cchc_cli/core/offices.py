"""Many offices in one picture: several data folders' datasets combined into one. Pure.

Each folder is loaded on its own (its own cache, its own registry, its own
diagnostics) and the datasets are then combined. Two districts may both call their
Phòng Nội vụ ``noi-vu`` and both have a notice ``cchc-2023-11``, so in the combined
dataset every id is qualified by the office's short id:

- a unit or group: ``vinh-linh/noi-vu`` (named "Phòng Nội vụ (vinh-linh)");
- a notice: ``vinh-linh:cchc-2023-11``, so a task is ``vinh-linh:cchc-2023-11/1.1``.

Each office is also a group of the combined registry (``--unit vinh-linh``: all its
units). With one folder nothing is combined and nothing changes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator, Sequence
from dataclasses import field
from typing import TypeVar

from cchc_cli.core.diagnostics import Diagnostic, Diagnostics, errors_of
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import (
    Completion,
    Dataset,
    Group,
    Notice,
    NoticeIndex,
    Registry,
    Task,
    Unit,
)

_T = TypeVar("_T")

#: Between an office's id and a unit's or group's id.
UNIT_SEP = "/"
#: Between an office's id and a notice's id (a task's reference keeps its "/").
NOTICE_SEP = ":"


@dataclass(frozen=True)
class Office:
    """One data folder read with others."""

    #: The short id: config.yaml's ``office_id:``, else the folder's name made an id.
    id: str
    #: config.yaml's ``office:``, else the id.
    name: str
    #: The folder as given (relative paths as written on the command line).
    folder: str


def office_of(ident: str) -> str | None:
    """The office id a qualified unit, group, notice or task reference starts with."""
    for sep in (NOTICE_SEP, UNIT_SEP):
        head, found, _ = ident.partition(sep)
        if found and NOTICE_SEP not in head:
            return head
    return None


def unit_id(office: str, ident: str) -> str:
    return f"{office}{UNIT_SEP}{ident}"


def notice_id(office: str, ident: str) -> str:
    return f"{office}{NOTICE_SEP}{ident}"


def unqualified(notice: str) -> str:
    """A notice id without its office (itself when it has none)."""
    head, found, rest = notice.partition(NOTICE_SEP)
    return rest if found else head


@dataclass(frozen=True)
class OfficesRegistry(Registry):
    """The registry of several offices: forty districts' units are over a thousand,
    so one unit or group is expanded without a pass over all of them."""

    def expand(self, idents: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        if len(idents) != 1:
            return super().expand(idents)
        # A group's members are kept in registry order, each once: what expand gives.
        ident = idents[0]
        members = self.members.get(ident)
        if members is not None:
            return members
        return (ident,) if ident in self.units else ()


@dataclass(frozen=True)
class Combined(Dataset):
    """Several offices' datasets as one: every id qualified by its office."""

    offices: tuple[Office, ...] = field(default=(), compare=False)

    def office(self, ident: str) -> Office | None:
        """The office a qualified id (unit, notice, reference) belongs to."""
        wanted = office_of(ident)
        return next((o for o in self.offices if o.id == wanted), None)


def offices_of(dataset: Dataset) -> tuple[Office, ...]:
    """The offices of a combined dataset; none for one folder's."""
    return dataset.offices if isinstance(dataset, Combined) else ()


def combine(parts: Sequence[tuple[Office, Dataset]], config_from: Dataset) -> Combined:
    """One dataset of ``parts``; the settings (time zone, office, mail) are
    ``config_from``'s: the folder the command was run for."""
    units: dict[str, Unit] = {}
    groups: dict[str, Group] = {}
    members: dict[str, tuple[str, ...]] = {}
    index: list[NoticeIndex] = []
    origin: dict[NoticeIndex, tuple[int, NoticeIndex]] = {}
    progress: dict[str, tuple[object, ...]] = {}
    for number, (office, dataset) in enumerate(parts):
        _add_registry(office, dataset.registry, units, groups, members)
        known: dict[tuple[str, ...], tuple[str, ...]] = {}
        for entry in dataset.index:
            qualified = _index(office.id, entry, known)
            origin[qualified] = (number, entry)
            index.append(qualified)
        for ref, events in dataset.progress.items():
            progress[notice_id(office.id, ref)] = events

    def reader(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        with paused_gc():
            return read(entries)

    def read(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        wanted: dict[int, list[NoticeIndex]] = {}
        for entry in entries:
            number, original = origin[entry]
            wanted.setdefault(number, []).append(original)
        read = {
            number: iter(parts[number][1].reader(tuple(originals)))
            for number, originals in wanted.items()
        }
        found = []
        for entry in entries:
            number, _ = origin[entry]
            found.append(qualify_notice(parts[number][0].id, next(read[number])))
        return tuple(found)

    registry = OfficesRegistry(units, groups, members)
    return Combined(
        registry,
        tuple(index),
        _diagnostics([dataset.diagnostics for _, dataset in parts]),
        tuple(f for _, dataset in parts for f in dataset.files),
        config_from.config,
        reader,
        progress,
        offices=tuple(office for office, _ in parts),
    )


def _diagnostics(each: list[Sequence[Diagnostic]]) -> Diagnostics:
    """Every folder's diagnostics one after the other, the warnings each folder has not
    read yet left unread (forty folders' thousands of warnings: 0.15 s of a status)."""
    errors = tuple(d for found in each for d in errors_of(found))
    return Diagnostics(errors, lambda: tuple(d for found in each for d in found))


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while many acyclic values are made, nor over them
    afterwards: at 80,000 tasks the collector's passes over the data cost more than
    reading it (MEASUREMENTS.md). What is made here lives as long as the run does, so
    it is frozen (kept out of the collector's passes; still freed when let go)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _add_registry(
    office: Office,
    registry: Registry,
    units: dict[str, Unit],
    groups: dict[str, Group],
    members: dict[str, tuple[str, ...]],
) -> None:
    def q(ident: str) -> str:
        return unit_id(office.id, ident)

    own = []
    for unit in registry.units.values():
        ident = q(unit.id)
        own.append(ident)
        units[ident] = dataclasses.replace(
            unit,
            id=ident,
            name=f"{unit.name} ({office.id})",
            # Still found by its own name or id where only one office has it.
            aliases=(unit.id, unit.name, *unit.aliases),
            groups=tuple(map(q, unit.groups)),
        )
    for group in registry.groups.values():
        ident = q(group.id)
        groups[ident] = dataclasses.replace(
            group,
            id=ident,
            name=f"{group.name} ({office.id})",
            aliases=(group.id, group.name, *group.aliases),
            includes=tuple(map(q, group.includes)),
        )
        members[ident] = tuple(map(q, registry.members.get(group.id, ())))
    if office.id not in groups:
        groups[office.id] = Group(office.id, office.name)
        members[office.id] = tuple(own)


def _index(
    office: str, entry: NoticeIndex, known: dict[tuple[str, ...], tuple[str, ...]]
) -> NoticeIndex:
    """``entry`` qualified by ``office``; ``known``: the office's unit lists qualified
    so far (tasks share a few: 80,000 tasks, a few hundred lists)."""
    prefix = office + UNIT_SEP

    def q(idents: tuple[str, ...]) -> tuple[str, ...]:
        found = known.get(idents)
        if found is None:
            found = known[idents] = tuple([prefix + i for i in idents])
        return found

    return _with(
        entry,
        id=notice_id(office, entry.id),
        assignees=tuple([q(a) for a in entry.assignees]),
        done_inline=tuple([q(d) for d in entry.done_inline]),
    )


def qualify_notice(office: str, notice: Notice) -> Notice:
    """A notice of one office as the combined dataset has it."""
    ident = notice_id(office, notice.id)
    tasks = tuple(qualify_task(office, ident, task) for task in notice.tasks)
    return _with(notice, id=ident, tasks=tasks)


def qualify_task(office: str, notice: str, task: Task) -> Task:
    prefix = office + UNIT_SEP

    def q(ident: str) -> str:
        return prefix + ident

    def done(completion: Completion) -> Completion:
        return _with(completion, unit=q(completion.unit))

    changes: dict[str, object] = {
        "notice": notice,
        "assigned": tuple([prefix + i for i in task.assigned]),
        "assignees": tuple([prefix + i for i in task.assignees]),
        "lead": q(task.lead) if task.lead else None,
    }
    # Most tasks have none of these: nothing to build for them.
    if task.with_:
        changes["with_"] = tuple(map(q, task.with_))
    if task.done:
        changes["done"] = {q(unit): done(c) for unit, c in task.done.items()}
    if task.extensions:
        changes["extensions"] = tuple(
            _with(e, unit=q(e.unit)) if e.unit else e for e in task.extensions
        )
    if task.notes:
        changes["notes"] = tuple(_with(n, unit=q(n.unit)) if n.unit else n for n in task.notes)
    if task.withdrawn:
        changes["withdrawn"] = tuple((done(c), day) for c, day in task.withdrawn)
    return _with(task, **changes)


def _with(value: _T, **changes: object) -> _T:
    """``dataclasses.replace`` for values already checked: a copy with ``changes``,
    without running ``__init__`` again (80,000 tasks a run: it is 5 times faster)."""
    copy = object.__new__(type(value))
    copy.__dict__.update(value.__dict__)
    copy.__dict__.update(changes)
    return copy
