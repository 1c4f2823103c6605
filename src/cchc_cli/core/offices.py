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
import functools
import gc
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from cchc_cli.core.diagnostics import Diagnostic, Diagnostics, errors_of
from cchc_cli.core.lazyclass import dataclass, field
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


def combine(
    parts: Sequence[tuple[Office, Dataset]],
    config_from: Dataset,
    lazily: Callable[[Callable[[], tuple[NoticeIndex, ...]]], Sequence[NoticeIndex]] | None = None,
) -> Combined:
    """One dataset of ``parts``; the settings (time zone, office, mail) are
    ``config_from``'s: the folder the command was run for. ``lazily`` makes the index a
    sequence made when first read (the store's lazy index: a province's ``status``
    reads no entry, and qualifying them decoded every folder's index, a sixth of it);
    without it, the index is made at once."""
    units: dict[str, Unit] = {}
    groups: dict[str, Group] = {}
    members: dict[str, tuple[str, ...]] = {}
    progress: dict[str, tuple[object, ...]] = {}
    for office, dataset in parts:
        _add_registry(office, dataset.registry, units, groups, members)
        for ref, events in dataset.progress.items():
            progress[notice_id(office.id, ref)] = events

    def qualified() -> tuple[NoticeIndex, ...]:
        index: list[NoticeIndex] = []
        for office, dataset in parts:
            qualify = _UnitLists(office.id)
            index += [QualifiedEntry.of(office.id, entry, qualify) for entry in dataset.index]
        return tuple(index)

    #: A qualified entry's (id, path) -> its office's place in ``parts``, its own entry.
    origin: dict[tuple[str, str], tuple[int, NoticeIndex]] = {}

    def reader(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        with paused_gc():
            return read(entries)

    def read(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        if not origin:
            for number, (office, dataset) in enumerate(parts):
                for own in dataset.index:
                    origin[notice_id(office.id, own.id), own.path] = (number, own)
        wanted: dict[int, list[NoticeIndex]] = {}
        for entry in entries:
            number, original = origin[entry.id, entry.path]
            wanted.setdefault(number, []).append(original)
        read = {
            number: iter(parts[number][1].reader(tuple(originals)))
            for number, originals in wanted.items()
        }
        found = []
        for entry in entries:
            number, _ = origin[entry.id, entry.path]
            found.append(qualify_notice(parts[number][0].id, next(read[number])))
        return tuple(found)

    registry = OfficesRegistry(units, groups, members)
    return Combined(
        registry,
        qualified() if lazily is None else lazily(qualified),
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
        units[ident] = _with(
            unit,
            id=ident,
            name=f"{unit.name} ({office.id})",
            # Still found by its own name or id where only one office has it.
            aliases=(unit.id, unit.name, *unit.aliases),
            groups=tuple(map(q, unit.groups)),
        )
    for group in registry.groups.values():
        ident = q(group.id)
        groups[ident] = _with(
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


class _UnitLists:
    """One office's unit lists qualified, each distinct list once (80,000 tasks share
    a few hundred)."""

    def __init__(self, office: str) -> None:
        self.prefix = office + UNIT_SEP
        self.known: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, lists: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        known, prefix = self.known, self.prefix
        found = []
        for idents in lists:
            made = known.get(idents)
            if made is None:
                made = known[idents] = tuple([prefix + i for i in idents])
            found.append(made)
        return tuple(found)


class QualifiedEntry(NoticeIndex):
    """An index entry of one office as the combined dataset has it: its id qualified
    at once (every command orders or finds notices by it), its tasks' units when
    first read. ``status`` and ``due`` of a province read none: qualifying 8,000
    entries' units cost a quarter of their ``combine``."""

    @classmethod
    def of(cls, office: str, entry: NoticeIndex, qualify: _UnitLists) -> QualifiedEntry:
        made = object.__new__(cls)
        made.__dict__.update(entry.__dict__)
        made.__dict__["id"] = notice_id(office, entry.id)
        # Units made on demand; ``entry``'s stay as they are (popped: not the entry's).
        for name in ("assignees", "done_inline"):
            made.__dict__.pop(name, None)
        made.__dict__[_OWN] = (entry, qualify)
        return made

    @functools.cached_property
    def assignees(self) -> tuple[tuple[str, ...], ...]:
        entry, qualify = self.__dict__[_OWN]
        return qualify(entry.assignees)

    @functools.cached_property
    def done_inline(self) -> tuple[tuple[str, ...], ...]:
        entry, qualify = self.__dict__[_OWN]
        return qualify(entry.done_inline)


#: Where a :class:`QualifiedEntry` keeps its office's entry and unit lists.
_OWN = "_qualified_from"


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
