"""Several folders' pair rows answering as one (issue 24): each folder's own cache.

A combined dataset (:mod:`cchc_cli.core.offices`) qualifies every id by its office.
Each folder keeps its own pair and task rows in its own cache, so a query over the
combined dataset is asked of each folder's :class:`~cchc_cli.store.pairs.PairIndex`
with the ids as that folder knows them (``noi-vu``, not ``vinh-linh/noi-vu``), and
the answers are qualified the way the combined dataset qualifies its notices. Only a
folder some of whose units or whose notice was asked about is asked at all.

If any folder cannot answer from its rows (read without a cache, a recurring task,
the cache rewritten meanwhile), none does: the caller takes the long way over the
combined notices, as it does for one folder.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import repeat
from typing import Any, TypeVar

from cchc_cli.core.model import NoticeIndex
from cchc_cli.core.status import Status
from cchc_cli.store.duerows import DueTask, LateTask
from cchc_cli.store.pairs import PairIndex, PairOf, TaskInfo

_T = TypeVar("_T")


class CombinedPairs:
    """The pair rows of several offices' folders, ids qualified as in the combined
    dataset. ``parts`` pairs each office's id with its folder's index.

    It answers the queries it has methods for (those of :data:`ROW_QUERIES`' users);
    it is no :class:`PairIndex`, so what asks a folder's cache anything else (its
    notice rows, its tallies) takes the long way for several folders."""

    def __init__(self, parts: Sequence[tuple[str, PairIndex]]) -> None:
        self.parts = tuple(parts)

    @functools.cached_property
    def notices(self) -> dict[str, tuple[int, NoticeIndex]]:
        """A qualified notice id -> (its office's place in ``parts``, its own entry);
        made for ``--notice`` only."""
        from cchc_cli.core.offices import notice_id

        return {
            notice_id(office, entry.id): (number, entry)
            for number, (office, index) in enumerate(self.parts)
            for entry in index.entries.values()
        }

    def _asked(
        self, units: tuple[str, ...] | None, notice: NoticeIndex | None
    ) -> list[tuple[str, PairIndex, tuple[str, ...] | None, NoticeIndex | None]]:
        """The folders to ask, each with ``units`` and ``notice`` as it knows them."""
        only = None
        original = None
        if notice is not None:
            only, original = self.notices[notice.id]
        asked = []
        for number, (office, index) in enumerate(self.parts):
            if only is not None and number != only:
                continue
            own = None
            if units is not None:
                prefix = _Qualifier(office).units_prefix
                own = tuple(u[len(prefix) :] for u in units if u.startswith(prefix))
                if not own:
                    continue
            asked.append((office, index, own, original))
        return asked

    def _each(self, answers: list[_T | None]) -> list[_T] | None:
        return None if any(answer is None for answer in answers) else answers  # type: ignore[return-value]

    def due_tasks(
        self,
        day: date,
        last: date,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
    ) -> list[DueTask] | None:
        asked = self._asked(units, notice)
        found = self._each(
            [index.due_tasks(day, last, own, entry) for _, index, own, entry in asked]
        )
        if found is None:
            return None
        due: list[DueTask] = []
        for (office, *_), tasks in zip(asked, found, strict=True):
            due += _Qualifier(office).due(tasks)
        return due

    def late_tasks(
        self, day: date, units: tuple[str, ...] | None = None, notice: NoticeIndex | None = None
    ) -> list[LateTask] | None:
        asked = self._asked(units, notice)
        found = self._each([index.late_tasks(day, own, entry) for _, index, own, entry in asked])
        if found is None:
            return None
        late: list[LateTask] = []
        for (office, *_), lines in zip(asked, found, strict=True):
            late += _Qualifier(office).late(lines)
        return late

    def pairs(
        self,
        day: date,
        where: str,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
        **params: Any,
    ) -> list[PairOf] | None:
        asked = self._asked(units, notice)
        found = self._each(
            [index.pairs(day, where, own, entry, **params) for _, index, own, entry in asked]
        )
        if found is None:
            return None
        pairs: list[PairOf] = []
        for (office, *_), rows in zip(asked, found, strict=True):
            pairs += _Qualifier(office).pairs(rows)
        return pairs

    def statuses(self, day: date) -> dict[tuple[str, str, str], Status] | None:
        found = self._each([index.statuses(day) for _, index in self.parts])
        if found is None:
            return None
        statuses: dict[tuple[str, str, str], Status] = {}
        for (office, _), each in zip(self.parts, found, strict=True):
            q = _Qualifier(office)
            statuses |= {(q.notice(n), t, q.unit(u)): s for (n, t, u), s in each.items()}
        return statuses

    def counts(
        self,
        day: date,
        by_notice: bool = False,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
    ) -> list[tuple[str, Status, int]] | None:
        asked = self._asked(units, notice)
        found = self._each(
            [index.counts(day, by_notice, own, entry) for _, index, own, entry in asked]
        )
        if found is None:
            return None
        counts = []
        for (office, *_), rows in zip(asked, found, strict=True):
            q = _Qualifier(office)
            name = q.notice if by_notice else q.unit
            counts += [(name(group), status, n) for group, status, n in rows]
        return counts


class _Qualifier:
    """One office's ids as the combined dataset writes them; each task row once, so
    that a task's pairs still share one row (the lists group pairs by their row)."""

    def __init__(self, office: str) -> None:
        # Imported here: a run over one folder imports nothing of several folders'.
        from cchc_cli.core.offices import NOTICE_SEP, UNIT_SEP

        self.units_prefix = office + UNIT_SEP
        self.notice_prefix = office + NOTICE_SEP
        #: Unit lists qualified so far (tasks share a few).
        self.lists: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.sets: dict[frozenset[str], frozenset[str]] = {}

    def unit(self, ident: str) -> str:
        return self.units_prefix + ident

    def units(self, idents: tuple[str, ...]) -> tuple[str, ...]:
        found = self.lists.get(idents)
        if found is None:
            prefix = self.units_prefix
            found = self.lists[idents] = tuple([prefix + i for i in idents])
        return found

    def unit_set(self, idents: frozenset[str]) -> frozenset[str]:
        found = self.sets.get(idents)
        if found is None:
            prefix = self.units_prefix
            found = self.sets[idents] = frozenset([prefix + i for i in idents])
        return found

    def notice(self, ident: str) -> str:
        return self.notice_prefix + ident

    def due(self, tasks: list[DueTask]) -> list[DueTask]:
        """``tasks`` qualified a column at a time, each distinct notice id, list and set
        of units once: 33,000 rows of a province's due list cost a Python call each."""
        if not tasks:
            return []
        infos, last_days, shown, still_open = zip(*tasks, strict=True)
        made = self.infos(infos, shared=False)
        row = (made, last_days, _each(shown, self.units), _each(still_open, self.unit_set))
        return list(map(tuple.__new__, repeat(DueTask), zip(*row, strict=True)))

    def infos(self, infos: Sequence[TaskInfo], shared: bool = True) -> Iterator[TaskInfo]:
        """Each of ``infos`` qualified, a column at a time: each distinct notice id and
        list of units once; with ``shared``, each task once too, the rows that share it
        (told apart by identity: rows of one task share it) sharing the one made."""
        if not infos:
            return iter(())
        keys = None
        distinct: Sequence[TaskInfo] = infos
        if shared:
            keys = list(map(id, infos))
            distinct = list(dict(zip(keys, infos, strict=True)).values())
        notice, ident, seq, text, deadline, assigned, assignees = zip(*distinct, strict=True)
        prefix = self.notice_prefix
        columns = (
            _each(notice, lambda n: prefix + n, key=None),
            ident,
            seq,
            text,
            deadline,
            _each(assigned, self.units),
            _each(assignees, self.units),
        )
        made = map(tuple.__new__, repeat(TaskInfo), zip(*columns, strict=True))
        if keys is None:
            return made
        return map(dict(zip(map(id, distinct), made, strict=True)).__getitem__, keys)

    def late(self, lines: list[LateTask]) -> list[LateTask]:
        """Lines of the overdue list qualified a column at a time (as :meth:`due`): a
        task overdue for several units is on a line per unit, qualified once."""
        if not lines:
            return []
        tasks, last_days, units = zip(*lines, strict=True)
        made = zip(self.infos(tasks), last_days, _each(units, self.units), strict=True)
        return list(made)

    def pairs(self, rows: list[PairOf]) -> list[PairOf]:
        """Pairs qualified a column at a time (as :meth:`due`); each task's row once."""
        if not rows:
            return []
        tasks, units, places, last_days, statuses = zip(*rows, strict=True)
        qualified = (self.infos(tasks), _each(units, self.unit, key=None))
        return list(zip(*qualified, places, last_days, statuses, strict=True))


def _each(
    column: Sequence[_T], make: Callable[[_T], _T], key: Callable[[_T], object] | None = id
) -> Iterator[_T]:
    """``make`` of each value of ``column``, made once per distinct value: told apart by
    ``key`` (identity, default: the rows share their lists, whose hash is not kept),
    or by the value itself. The values stay in ``column`` while this is read."""
    if key is None:
        made = {value: make(value) for value in dict.fromkeys(column)}
        return map(made.__getitem__, column)
    keys = list(map(key, column))
    distinct = {k: make(value) for k, value in dict(zip(keys, column, strict=True)).items()}
    return map(distinct.__getitem__, keys)


#: What answers due, overdue, remind and status from pair rows: one folder's cache, or
#: several folders' together.
ROW_QUERIES = (PairIndex, CombinedPairs)
