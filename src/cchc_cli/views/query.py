"""Finding tasks: filters, references and the order tasks are shown in. Pure."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from cchc_cli.core.asof import tasks_as_of
from cchc_cli.core.errors import UsageError
from cchc_cli.core.model import Dataset, Notice, NoticeIndex, Task
from cchc_cli.core.status import OPEN, Count, Status, UnitStatus, statuses, task_statuses
from cchc_cli.core.units import Resolver
from cchc_cli.core.vntext import fold
from cchc_cli.views.pairlists import DueList, DueRow, LateLine, LateList, late_list

if TYPE_CHECKING:
    from cchc_cli.store.duerows import DueTask
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.pairs import PairIndex, PairOf, TaskInfo

_NUMBER = re.compile(r"(\d+)")
#: The most digits int() reads (it refuses over 4,300); a longer number sorts last.
LONGEST = 4000
INF = float("inf")


@functools.lru_cache(maxsize=8192)
def natural_key(text: str) -> tuple:
    """ "2.10" after "2.9", "8" before "10"; a number longer than int() reads, last.

    The split puts the runs of digits (and only they) at the odd places: those are made
    numbers by one map, not by a generator asking each part (every due and overdue list
    orders 2,000 notices by it, a third of the time the generator took)."""
    parts: list[Any] = _NUMBER.split(text)
    numbers = parts[1::2]
    if max(map(len, numbers), default=0) <= LONGEST:
        parts[1::2] = map(int, numbers)
    else:
        parts[1::2] = [int(p) if len(p) <= LONGEST else INF for p in numbers]
    return tuple(parts)


def notice_order(notice: Notice) -> tuple:
    return (notice.date.earliest(), natural_key(notice.id))


def sorted_notices(notices: Iterable[Notice]) -> list[Notice]:
    return sorted(notices, key=notice_order)


def sorted_tasks(notices: Iterable[Notice]) -> list[Task]:
    return [
        task
        for notice in sorted_notices(notices)
        for task in sorted(notice.tasks, key=lambda t: natural_key(t.id))
    ]


def resolve_units(dataset: Dataset, written: str) -> tuple[str, ...]:
    """Unit ids for what a user typed: a unit, or a group's members."""
    found = Resolver(dataset.registry).lookup(written)
    if found.ident is not None:
        return dataset.registry.expand([found.ident])
    if found.candidates:
        raise UsageError("units.ambiguous", name=written, candidates=", ".join(found.candidates))
    if found.suggestion:
        raise UsageError("units.unknown-unit-suggest", name=written, suggestion=found.suggestion)
    raise UsageError("units.unknown-unit", name=written)


def resolve_unit_list(dataset: Dataset, written: list[str]) -> tuple[str, ...]:
    """Unit ids for several ``--unit`` values, each once, in registry order."""
    wanted = {u for w in written for u in resolve_units(dataset, w)}
    return tuple(u for u in dataset.registry.units if u in wanted)


def _entry(dataset: Dataset, written: str) -> NoticeIndex:
    """The notice a user names: its id (in any case) or a prefix of it that fits one
    notice, else its official number ("412/TB-UBND", spaces and case aside)."""
    from cchc_cli.store.snaplazy import entries_at, notice_ids

    # Found by the ids alone: only the entry found is decoded (of a restored index).
    ids = notice_ids(dataset.index)
    if written in ids:
        last = len(ids) - 1 - ids[::-1].index(written)  # of two with one id, the last
        return entries_at(dataset.index, [last])[0]
    folded = written.strip().casefold()
    same = [i for i, ident in enumerate(ids) if ident.casefold() == folded]
    prefixed = same or [i for i, ident in enumerate(ids) if _id_starts(ident, folded)]
    if len(prefixed) == 1:
        return entries_at(dataset.index, prefixed)[0]
    if prefixed:
        candidates = ", ".join(ids[i] for i in prefixed)
        raise UsageError("cli.ref-ambiguous", ref=written, candidates=candidates)
    number = "".join(written.split()).casefold()
    numbered = [
        entry
        for entry, notice in zip(dataset.index, dataset.notices, strict=True)
        if notice.number and "".join(notice.number.split()).casefold() == number
    ]
    if len(numbered) == 1:
        return numbered[0]
    if numbered:
        # The same number in two years: the id tells them apart.
        candidates = ", ".join(e.id for e in numbered)
        raise UsageError("cli.ref-ambiguous", ref=written, candidates=candidates)
    raise UsageError("cli.notice-unknown", notice=written)


def notice_entry(dataset: Dataset, written: str) -> NoticeIndex:
    """The index entry of the notice a user names, as :func:`find_notice` finds it."""
    return _entry(dataset, written)


def find_notice(dataset: Dataset, written: str) -> Notice:
    """A notice by its id, a prefix of it that fits one notice only, or its number."""
    return dataset.notice(_entry(dataset, written))


def select(
    dataset: Dataset,
    notice: str | None = None,
    unit: str | None = None,
    search: str | None = None,
) -> list[Task]:
    """Tasks in display order, narrowed by notice, responsible unit and text."""
    notices = [find_notice(dataset, notice)] if notice else dataset.notices
    tasks = sorted_tasks(notices)
    if unit:
        wanted = set(resolve_units(dataset, unit))
        tasks = [t for t in tasks if wanted.intersection(t.assignees)]
    if search:
        needle = fold(search)
        tasks = [t for t in tasks if needle in fold(t.text)]
    return tasks


def ref_matches(notice_id: str, task_id: str, written: str) -> bool:
    """Whether ``written`` names task ``task_id`` of notice ``notice_id``.

    The full form ``notice/task`` or any shorter one a clerk types: a prefix of the
    notice's id (``cchc-2023/2.3``, in any case) or none at all (``2.3``). With several
    offices the notice's id is qualified (``vinh-linh:cchc-2023/2.3``); the office may
    be left out where one office only has such a task.
    """
    notice_part, _, task_part = written.strip().rpartition("/")
    return task_id == task_part and _id_starts(notice_id, notice_part.casefold())


def _id_starts(notice_id: str, folded: str) -> bool:
    """Whether a notice's id starts with ``folded``, with or without the office that
    qualifies it when several folders are read (``vinh-linh:cchc-2023-11``)."""
    ident = notice_id.casefold()
    return ident.startswith(folded) or ident.partition(":")[2].startswith(folded)


def find_task(dataset: Dataset, ref: str) -> Task:
    """A task by ``notice/task``, or any shorter form that names one task only.

    ``cchc-2023-11/2.3``, ``cchc-2023/2.3`` (a unique notice prefix) and ``2.3``
    (when only one notice has a task 2.3) all name the same task, the notice's id
    in any case. Only the notice found is read; a reference that fits several
    tasks is refused with the list of them.
    """
    if "/" not in ref and ":" in ref:
        ref = ref.replace(":", ":/", 1)  # "vinh-linh:2.3": an office's task 2.3
    from cchc_cli.store.snaplazy import entries_at, notice_ids

    notice_part, _, task_part = ref.strip().rpartition("/")
    folded = notice_part.casefold()
    # The notices whose id fits, found by the ids alone: only those are decoded (of a
    # restored index), not all 2,000 entries with their tasks' ids and units.
    every = notice_ids(dataset.index)
    near = [i for i, ident in enumerate(every) if _id_starts(ident, folded)]
    fitting = dataset.index if len(near) == len(every) else entries_at(dataset.index, near)
    # Only the matches sorted (a stable sort: the order of sorting all 20,000 tasks'
    # notices first, which cost `show` and `done` about 5 ms).
    matches = sorted(
        (e for e in fitting if task_part in e.task_ids and ref_matches(e.id, task_part, ref)),
        key=_entry_order,
    )
    exact = [e for e in matches if e.id == notice_part] or [
        e for e in matches if e.id.casefold() == folded
    ]
    if exact or len(matches) == 1:
        notice = dataset.notice((exact or matches)[0])
        return next(t for t in notice.tasks if t.id == task_part)
    if matches:
        candidates = ", ".join(f"{e.id}/{task_part}" for e in matches)
        raise UsageError("cli.ref-ambiguous", ref=ref, candidates=candidates)
    import difflib  # only for a reference that names no task

    entries = sorted(dataset.index, key=_entry_order)
    refs = [f"{e.id}/{i}" for e in entries for i in sorted(e.task_ids, key=natural_key)]
    ids = [r.rpartition("/")[2] for r in refs]
    close = difflib.get_close_matches(ref, refs + ids, n=1)
    if close:
        suggestion = close[0] if "/" in close[0] else refs[ids.index(close[0])]
        raise UsageError("cli.ref-unknown-suggest", ref=ref, suggestion=suggestion)
    raise UsageError("cli.ref-unknown", ref=ref)


def _entry_order(entry: NoticeIndex) -> tuple:
    return (entry.issued, natural_key(entry.id))


def select_statuses(
    dataset: Dataset, today: date, notice: str | None = None, unit: str | None = None
) -> list[UnitStatus]:
    """Each (task, unit) pair's status on ``today``, narrowed by notice and unit: the data
    as they stood that day (:mod:`cchc_cli.core.asof`)."""
    notices = [find_notice(dataset, notice)] if notice else dataset.notices
    items = statuses(tasks_as_of(notices, sorted_tasks(notices), today), today)
    if unit:
        wanted = set(resolve_units(dataset, unit))
        items = [i for i in items if i.unit in wanted]
    return items


def due_by(items: list[UnitStatus], last: date) -> list[UnitStatus]:
    """Open pairs whose last day is on or before ``last``: by last day, notice, task."""
    due = [i for i in items if i.status in OPEN and i.last_day is not None and i.last_day <= last]
    return sorted(due, key=lambda i: i.last_day or last)


def overdue(items: list[UnitStatus]) -> list[UnitStatus]:
    return [i for i in items if i.status is Status.OVERDUE]


# -- answered from the pair rows where the cache has them (issue 17) --------------------------


def due_items(
    dataset: Dataset, today: date, last: date, notice: str | None = None, unit: str | None = None
) -> DueList:
    """The open pairs due by ``last``, as ``due`` lists them: from the pair and task rows
    where the cache has them (no notice is read back), else from the notices."""
    found = _due_from_rows(dataset, today, last, notice, unit)
    if found is not None:
        return found
    return due_list(due_by(select_statuses(dataset, today, notice=notice, unit=unit), last))


def _due_from_rows(
    dataset: Dataset, today: date, last: date, notice: str | None, unit: str | None
) -> DueList | None:
    """:func:`due_items` from the rows; None if the cache cannot answer."""
    from cchc_cli.store.multipairs import ROW_QUERIES
    from cchc_cli.store.pairs import DUE_PAIRS

    index = dataset.pairs
    if not isinstance(index, ROW_QUERIES):
        return None
    entry, units = _narrowed(dataset, notice, unit)
    tasks = index.due_tasks(today, last, units, entry)
    if tasks is None:
        return None
    order = _TaskOrder(dataset)
    rows = [tasks[n] for n in due_order(tasks, order.notices)]

    def pairs() -> list[UnitStatus]:
        found = index.pairs(today, DUE_PAIRS, units, entry, last=last.toordinal())
        if found is None:  # the cache changed since: the notices as they are now
            return due_by(select_statuses(dataset, today, notice=notice, unit=unit), last)
        items = _in_order(found, order, today)
        return sorted(items, key=lambda i: i.last_day or last)

    return DueList(cast(list[DueRow], rows), today, pairs)


def due_order(tasks: list[DueTask], places: dict[str, int]) -> list[int]:
    """The tasks' numbers by last day, then as :class:`_TaskOrder` orders tasks: sorted by
    one number each, made of the day's rank and :func:`task_ranks` (a tuple per task
    compared element by element, dates first, cost most of the sort)."""
    days = {day: n for n, day in enumerate(sorted({t[1] for t in tasks}))}
    infos = [t[0] for t in tasks]
    ranks = task_ranks(infos, places)
    span = max(ranks, default=0) + 1
    keys = [days[t[1]] * span + rank for t, rank in zip(tasks, ranks, strict=True)]
    return sorted(range(len(tasks)), key=keys.__getitem__)


def task_ranks(tasks: Sequence[TaskInfo], places: dict[str, int]) -> list[int]:
    """Each task's place in the order of :class:`_TaskOrder` as one number, made of its
    notice's place (``places``), its id's rank and its place in its file: ids whose
    :func:`natural_key` is the same share a rank. Made without a Python call per task
    (the overdue list's 6,000 lines called :class:`_TaskOrder` once each)."""
    id_rank: dict[str, int] = {}
    rank, before = 0, None
    for ident in sorted({t.id for t in tasks}, key=natural_key):
        key = natural_key(ident)
        rank += key != before
        id_rank[ident], before = rank, key
    ranks, files = len(id_rank) + 1, max((t.seq for t in tasks), default=0) + 1
    return [(places[t.notice] * ranks + id_rank[t.id]) * files + t.seq for t in tasks]


def overdue_items(
    dataset: Dataset, today: date, notice: str | None = None, unit: str | None = None
) -> LateList:
    """The pairs overdue on ``today``, as ``overdue`` lists them: from the open and task
    rows where the cache has them (no notice is read back), else from the notices."""
    from cchc_cli.store.multipairs import ROW_QUERIES
    from cchc_cli.store.pairs import OVERDUE_PAIRS

    index = dataset.pairs
    if isinstance(index, ROW_QUERIES):
        entry, units = _narrowed(dataset, notice, unit)
        found = index.late_tasks(today, units, entry)
        if found is not None:
            order = _TaskOrder(dataset)
            ranks = task_ranks([line[0] for line in found], order.notices)
            lines: list[LateLine] = [
                (cast(Task, t), d, u, rank) for (t, d, u), rank in zip(found, ranks, strict=True)
            ]

            def pairs() -> list[UnitStatus]:
                found = index.pairs(today, OVERDUE_PAIRS, units, entry)
                if found is None:  # the cache changed since: the notices as they are now
                    return overdue(select_statuses(dataset, today, notice=notice, unit=unit))
                return _in_order(found, order, today)

            return LateList(lines, today, pairs)
    return late_list(overdue(select_statuses(dataset, today, notice=notice, unit=unit)))


def due_list(items: list[UnitStatus]) -> DueList:
    """The due list of the pairs ``items``, ordered by last day: a task where its first
    pair is, with its statuses computed again for the units still open."""
    by_task: dict[str, list[UnitStatus]] = {}
    for item in items:
        by_task.setdefault(item.task.ref, []).append(item)
    rows = []
    for group in by_task.values():
        first = group[0]
        today = first.today or date.min
        still_open = frozenset(s.unit for s in task_statuses(first.task, today) if s.status in OPEN)
        shown = tuple(i.unit for i in group)
        rows.append(DueRow(first.task, first.last_day, shown, still_open))
    return DueList(rows, items[0].today if items else None, lambda: items)


def _narrowed(
    dataset: Dataset, notice: str | None, unit: str | None
) -> tuple[NoticeIndex | None, tuple[str, ...] | None]:
    """The notice and the units ``--notice`` and ``--unit`` name (None: all), refused as
    :func:`select_statuses` refuses them."""
    entry = _entry(dataset, notice) if notice else None
    return entry, resolve_units(dataset, unit) if unit else None


class _TaskOrder:
    """A task's place in display order (:func:`sorted_tasks`) from its row: its notice's
    place (:func:`notice_order`, the index's order between equals), then its id's
    :func:`natural_key`, then its place in the file."""

    def __init__(self, dataset: Dataset) -> None:
        from cchc_cli.store.snaplazy import issue_days, notice_ids

        # From the index's ids and days alone: a restored index is not decoded for them.
        ids, issued = notice_ids(dataset.index), issue_days(dataset.index)
        ranked = sorted(range(len(ids)), key=lambda at: (issued[at], natural_key(ids[at])))
        self.notices = {ids[at]: place for place, at in enumerate(ranked)}
        self.known: dict[tuple[str, str], tuple[int, tuple, int]] = {}

    def __call__(self, task: TaskInfo) -> tuple[int, tuple, int]:
        key = (task.notice, task.id)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = (self.notices[task.notice], natural_key(task.id), task.seq)
        return found


def _in_order(found: list[PairOf], order: _TaskOrder, today: date) -> list[UnitStatus]:
    """Pairs read from the rows in display order (their tasks', then the task's assignees')
    as the views take them: each task is its row, which holds what they print of it
    (:class:`~cchc_cli.store.pairs.TaskInfo`). ``found`` comes task by task, each task's
    in its assignees' order (:meth:`~cchc_cli.store.pairs.PairIndex.pairs`), so only the
    tasks are sorted, not the pairs."""
    tasks = [list(pairs) for _, pairs in itertools.groupby(found, key=_TASK_OF)]
    tasks.sort(key=lambda pairs: order(pairs[0][0]))
    # tuple.__new__ as UnitStatus._make does it, without a Python call per pair.
    new = tuple.__new__
    return [
        new(UnitStatus, (task, unit, status, last_day, None, today))
        for pairs in tasks
        for task, unit, _, last_day, status in pairs
    ]


_TASK_OF = itemgetter(0)


def remind_items(
    dataset: Dataset, today: date, days: int, notice: str | None = None, unit: str | None = None
) -> tuple[list[UnitStatus], dict[str, str]]:
    """The pairs a reminder within ``days`` days may name, and how it names (at least)
    their notices (:func:`cchc_cli.views.remind.notice_names`): from the pair, task and
    notice rows where the cache has them (no notice is read back), else from the notices."""
    from cchc_cli.store.multipairs import ROW_QUERIES
    from cchc_cli.store.pairs import REMIND_PAIRS
    from cchc_cli.views.remind import notice_names

    index = dataset.pairs
    if isinstance(index, ROW_QUERIES):
        entry, units = _narrowed(dataset, notice, unit)
        last = (today + timedelta(days=days)).toordinal()
        found = index.pairs(today, REMIND_PAIRS, units, entry, last=last)
        names = _names(index) if found is not None else None
        if found is not None and names is not None:
            return _in_order(found, _TaskOrder(dataset), today), names
    items = select_statuses(dataset, today, notice=notice, unit=unit)
    return items, notice_names(dataset.notices)


def _names(index: PairIndex | CombinedPairs) -> dict[str, str] | None:
    """How a reminder names each notice, from the notice rows of each folder read
    (:mod:`cchc_cli.store.tally`); None if the cache cannot answer."""
    from cchc_cli.core.offices import notice_id
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.tally import notice_rows
    from cchc_cli.views.remind import notice_name

    parts = index.parts if isinstance(index, CombinedPairs) else ((None, index),)
    names: dict[str, str] = {}
    for office, part in parts:
        rows = notice_rows(part)
        if rows is None:
            return None
        for row in rows.values():
            ident = row.id if office is None else notice_id(office, row.id)
            names[ident] = notice_name(row.number, row.title)
    return names


def counted_statuses(
    dataset: Dataset,
    today: date,
    notice: str | None = None,
    unit: str | None = None,
    by_notice: bool = False,
) -> list[Count]:
    """How many of the pairs :func:`select_statuses` gives are of each unit (or notice)
    and status: counted in SQL over the pair rows when the cache has them, else over
    the notices' pairs."""
    from cchc_cli.store.multipairs import ROW_QUERIES

    index = dataset.pairs
    if isinstance(index, ROW_QUERIES):
        entry = _entry(dataset, notice) if notice else None
        units = resolve_unit_list(dataset, [unit]) if unit else None
        counts = index.counts(today, by_notice, units, entry)
        if counts is not None:
            return [Count(*found) for found in counts]
    items = select_statuses(dataset, today, notice=notice, unit=unit)
    counted = Counter((i.task.notice if by_notice else i.unit, i.status) for i in items)
    return [Count(group, status, n) for (group, status), n in counted.items()]


def named_notices(dataset: Dataset) -> list[Notice]:
    """The notices in display order (:func:`sorted_notices`), for their ids and titles:
    from the cache's notice rows where it has them (none is read back), else read."""
    from cchc_cli.store.multipairs import ROW_QUERIES
    from cchc_cli.store.snaplazy import notice_ids
    from cchc_cli.store.tally import notices_by_id

    index = dataset.pairs
    by_id = notices_by_id(index) if isinstance(index, ROW_QUERIES) else None
    if by_id is None:
        return sorted_notices(dataset.notices)
    found = [by_id[ident] for ident in notice_ids(dataset.index)]
    # The rows hold what sorted_notices sorts by: the earliest day of issue, the id.
    found.sort(key=lambda row: (row.issued, natural_key(row.id)))
    return cast(list[Notice], found)
