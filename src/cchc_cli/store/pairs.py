"""One row per (task, unit) pair and stretch of days, so queries can be answered in SQL.

A pair's status on a day D depends on D through a handful of dates only: the day
its notice exists from, and the days its completion, a reopening, an extension
or the cancellation were recorded (:mod:`cchc_cli.core.asof`). Between two such
days what the status is computed from (the last day in force, the completion
day, whether cancelled) stays the same, so each pair is stored as a few rows
``[from_day, to_day)`` holding those three values; the status on D is then
the rule of :func:`cchc_cli.core.status._classify` over the row in force on D,
written once in SQL (:data:`STATUS_SQL`).

The rows are computed from what the Python path classifies (the task as it stood,
:func:`cchc_cli.core.asof.task_as_of`, and each unit's last day,
:func:`cchc_cli.core.status.last_days`), without building a status per pair and
day; the oracle test runs both paths on the same random data. A notice holding a
recurring task (issue 23) has no rows yet: its instances depend on the day asked
about, so a dataset holding one is answered in Python (:data:`RECURRING`).

Beside them, one row per task (:data:`TaskRow`) holds what the due and overdue
lists print of a task and sort it by, so that those lists are built from the
rows alone, without reading a notice back. A notice's pair and task rows are
computed together and replaced together.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.core.asof import issued_from, task_as_of
from cchc_cli.core.model import Notice, NoticeIndex, Task
from cchc_cli.core.status import Status, last_days
from cchc_cli.store.pairquery import query_pairs

if TYPE_CHECKING:
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.duerows import DueTask, LateTask, OpenRow, Stretch

#: The ordinal of a day after every day a query can ask about.
NEVER = date.max.toordinal() + 1

#: One pair's values from ``from_day`` (inclusive) to ``to_day`` (exclusive), ordinals:
#: (task id, unit, unit's position among the task's assignees, from_day, to_day,
#: last_day or None, done_on or None, cancelled 0/1).
PairRow = tuple[str, str, int, int, int, int | None, int | None, int]

#: The status of a row on the day ``:day`` (an ordinal), as ``_classify`` decides it.
STATUS_SQL = f"""
CASE
    WHEN cancelled THEN '{Status.CANCELLED.value}'
    WHEN done_on IS NOT NULL THEN CASE
        WHEN last_day IS NULL THEN '{Status.DONE_NO_DEADLINE.value}'
        WHEN done_on <= last_day THEN '{Status.DONE_ON_TIME.value}'
        ELSE '{Status.DONE_LATE.value}' END
    WHEN last_day IS NULL THEN '{Status.ONGOING.value}'
    WHEN :day <= last_day THEN '{Status.IN_PROGRESS.value}'
    ELSE '{Status.OVERDUE.value}'
END"""


def change_days(task: Task) -> set[date]:
    """Every day from which what a status is computed from may differ from the day before."""
    days = {c.on for c in task.done.values()}
    for completion, reopened in task.withdrawn:
        days |= {completion.on, reopened}
    days |= {e.on for e in task.extensions if e.on is not None}
    if task.cancelled is not None and task.cancelled.on is not None:
        days.add(task.cancelled.on)
    return days


#: What a notice's rows are marked as made from when it holds a recurring task: its
#: pairs are instances that depend on the day asked about (issue 23), which the rows
#: cannot hold yet, so a dataset holding such a notice is answered in Python.
RECURRING = "recurring:"


#: One task's row: (task id, its place in the notice's file, text, deadline as written,
#: assigned unit and group ids as JSON, assignees as JSON, coordinating units as JSON).
#: What does not depend on the day: the due and overdue lists print these and sort by
#: the first two; ``list --unit`` finds the tasks a unit coordinates by the last.
TaskRow = tuple[str, int, str, str | None, str, str, str]


class NoticeRows(NamedTuple):
    """A notice's rows: one per pair and stretch of days, one per task, and one per task,
    stretch and last day of its open units (:mod:`cchc_cli.store.duerows`)."""

    pairs: list[PairRow]
    tasks: list[TaskRow]
    open: list[OpenRow]


def notice_pairs(notice: Notice) -> NoticeRows | None:
    """The rows of every pair and task of ``notice`` (its tasks with their progress
    applied); None when it holds a recurring task (see :data:`RECURRING`)."""
    from cchc_cli.store.duerows import open_rows

    if any(task.recurrence is not None for task in notice.tasks):
        return None
    start = issued_from(notice)
    rows: list[PairRow] = []
    opened: list[OpenRow] = []
    tasks = [task_row(task, seq) for seq, task in enumerate(notice.tasks)]
    for task, row in zip(notice.tasks, tasks, strict=True):
        stretches = task_stretches(task, start)
        rows += pair_rows(task.id, stretches)
        opened += open_rows(row, stretches)
    return NoticeRows(rows, tasks, opened)


def task_row(task: Task, seq: int) -> TaskRow:
    return (
        task.id,
        seq,
        task.text,
        task.deadline.text,
        _ids(task.assigned),
        _ids(task.assignees),
        _ids(task.with_),
    )


@lru_cache(maxsize=4096)
def _ids(idents: tuple[str, ...]) -> str:
    """Unit ids as JSON; most tasks of an office share a few lists of units."""
    return json.dumps(idents, ensure_ascii=False, separators=(",", ":"))


def task_stretches(task: Task, start: date) -> list[Stretch]:
    """The values of the task's pairs (:func:`_values`) from ``start`` on, one stretch
    per day something was recorded, up to the next (the last up to :data:`NEVER`)."""
    days = sorted(d for d in change_days(task) if d > start)
    ends = [d.toordinal() for d in days] + [NEVER]
    return [
        (day.toordinal(), end, _values(task, day))
        for day, end in zip([start, *days], ends, strict=True)
    ]


def pair_rows(task: str, stretches: list[Stretch]) -> list[PairRow]:
    """The pair rows of the task ``task``: a unit's stretches with the same values make
    one row."""
    if len(stretches) == 1:
        # Nothing recorded after the start (most tasks): one row per unit, from then on.
        begin, end, values = stretches[0]
        return [(task, *v[:2], begin, end, *v[2:]) for v in values]
    rows: list[PairRow] = []
    open_rows: dict[str, list[Any]] = {}
    for begin, end, values in stretches:
        for unit, position, *more in values:
            current = open_rows.get(unit)
            if current is not None and current[5:] == more:
                current[4] = end  # the same values go on: one longer row
                continue
            if current is not None:
                rows.append(_row(current))
            open_rows[unit] = [task, unit, position, begin, end, *more]
    rows += [_row(r) for r in open_rows.values()]
    return rows


def _values(task: Task, day: date) -> list[tuple[str, int, int | None, int | None, int]]:
    """Per assignee on ``day``: (unit, position, last day, completion day, cancelled), days
    as ordinals: what :func:`cchc_cli.core.status.task_statuses` classifies that day."""
    task = task_as_of(task, day)
    cancelled = task.cancelled is not None
    done = {} if cancelled else task.done  # a cancelled pair is no one's completion
    values = []
    for position, (unit, last) in enumerate(zip(task.assignees, last_days(task), strict=True)):
        completion = done.get(unit)
        values.append(
            (
                unit,
                position,
                last.toordinal() if last is not None else None,
                completion.on.toordinal() if completion is not None else None,
                int(cancelled),
            )
        )
    return values


def _row(values: Iterable[object]) -> PairRow:
    task, unit, position, start, end, last, done, cancelled = values
    return (task, unit, position, start, end, last, done, cancelled)  # type: ignore[return-value]


class PairIndex:
    """The pair rows of a loaded dataset's notices, as the cache holds them.

    ``expected`` maps each notice's row key to what its rows must have been
    computed from; a query that finds the cache holding anything else (another
    run rewrote it meanwhile) answers None, and the caller takes the long way.
    The check and the query read one snapshot of the database.

    ``ids`` makes the map of each notice's row key to its id when first read (else it
    is made from ``entries``): a restored snapshot makes it apart from its index, which
    is then not decoded (:mod:`cchc_cli.store.snaplazy`) to name the notices of the rows
    read.
    """

    def __init__(
        self,
        cache: FileCache,
        expected: dict[str, str],
        entries: dict[str, NoticeIndex],
        ids: Callable[[], dict[str, str]] | None = None,
        token: str | None = None,
    ) -> None:
        self.cache = cache
        self.expected = expected
        #: Its snapshot's proof that the rows are ``expected`` (:mod:`cchc_cli.store.pairquery`).
        self.token = token
        self.entries = entries
        self._make_ids = ids
        self._ids: dict[str, str] | None = None
        #: The tallies whose base this run moved (:func:`cchc_cli.store.tally.rebase`):
        #: once a run, since a report's trend counts a day in each of many months.
        self.rebased: set[str] = set()
        #: The stale tallies this run counted over the rows instead (once a run each).
        self.counted: set[str] = set()

    @property
    def ids(self) -> dict[str, str]:
        """Each notice's id by its row key (a plain dict: the lists read it row by row)."""
        if self._ids is None:
            make = self._make_ids
            found = make() if make is not None else None
            self._ids = found or {key: entry.id for key, entry in self.entries.items()}
        return self._ids

    def _checked(
        self, sql: str, day: date, exact: bool = False, **params: Any
    ) -> list[tuple[Any, ...]] | None:
        """Rows of ``sql`` over :data:`IN_FORCE`, if the cache holds every notice's rows
        as computed from what was loaded; with ``exact``, those and no others (the rows
        are then counts over all, so rows of files left out would count). Otherwise the
        first column is a notice's row key, and rows of other files are left out."""
        found = self._read([sql.format(pairs=IN_FORCE)], day, exact, **params)
        return None if found is None else found[0]

    def _read(
        self, queries: list[str], day: date, exact: bool = False, **params: Any
    ) -> list[list[tuple[Any, ...]]] | None:
        """:meth:`_checked` for several queries read in one snapshot of the database."""
        return self.read_checked(queries, {"day": day.toordinal(), **params}, exact)

    def read_checked(
        self, queries: list[str], params: dict[str, Any], exact: bool = False
    ) -> list[list[tuple[Any, ...]]] | None:
        """The rows of ``queries``, if the cache holds every notice's rows as computed
        from what was loaded (read in one snapshot with the check); with ``exact``, those
        and no others. Otherwise each query's first column is a file's key, and rows of
        files left out of the dataset are left out."""
        found = query_pairs(self.cache.path, queries, params, self.token)
        if found is None:
            return None
        held, results = found
        if held is None:  # unchanged since the snapshot, which expects exactly these
            return results
        if any(held.get(key) != made for key, made in self.expected.items()):
            return None
        if exact:
            return results if len(held) == len(self.expected) else None
        # Rows of files left out of the dataset (a duplicate id, an error now) are not counted.
        return [[row for row in rows if row[0] in self.expected] for rows in results]

    def _chosen(
        self, units: tuple[str, ...] | None, notice: NoticeIndex | None
    ) -> tuple[str, dict[str, Any]]:
        """SQL narrowing pair rows to ``units`` and ``notice`` (when given), and its values."""
        where = ""
        params: dict[str, Any] = {}
        if units is not None:
            names = [f":u{i}" for i in range(len(units))]
            where += f" AND unit IN ({', '.join(names)})"
            params |= {f"u{i}": unit for i, unit in enumerate(units)}
        if notice is not None:
            where += " AND path = :notice"
            params["notice"] = next(k for k, e in self.entries.items() if e is notice)
        return where, params

    def due_tasks(
        self,
        day: date,
        last: date,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
    ) -> list[DueTask] | None:
        """The tasks with an open pair in force on ``day`` whose last day is ``last`` or
        before (of ``units`` and ``notice`` if given), each with those pairs' units, the
        earliest of their last days and the units that are no longer open that day."""
        from cchc_cli.store.duerows import due_tasks

        return due_tasks(self, day, last, units, notice)

    def late_tasks(
        self, day: date, units: tuple[str, ...] | None = None, notice: NoticeIndex | None = None
    ) -> list[LateTask] | None:
        """Per task and last day, the units overdue on ``day`` (of ``units`` and ``notice``
        if given): :func:`cchc_cli.store.duerows.late_tasks`."""
        from cchc_cli.store.duerows import late_tasks

        return late_tasks(self, day, units, notice)

    def pairs(
        self,
        day: date,
        where: str,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
        **params: Any,
    ) -> list[PairOf] | None:
        """The pairs in force on ``day`` that fit ``where`` (SQL over the pair rows, days as
        ordinals), of ``units`` and ``notice`` if given, with their tasks' rows: task by
        task, each task's in the order of its assignees."""
        chosen, more = self._chosen(units, notice)
        queries = [sql.format(where=where + chosen) for sql in (PAIRS_SQL, PAIRS_TASKS_SQL)]
        found = self._read(queries, day, **params, **more)
        if found is None:
            return None
        pairs, task_rows = found
        rows = TaskRows(self.ids)
        tasks = {(key, row[0]): rows.info(key, row) for key, *row in task_rows}
        statuses = {s.value: s for s in Status}
        days = {n: date.fromordinal(n) for n in {row[4] for row in pairs} - {None}}
        # Plain tuples: 60,000 named ones cost a Python call each.
        return [
            (tasks[key, task], unit, position, days.get(last), statuses[status])
            for key, task, unit, position, last, status in pairs
        ]

    def statuses(self, day: date) -> dict[tuple[str, str, str], Status] | None:
        """The status of every pair in force on ``day``: (notice id, task id, unit) -> status."""
        rows = self._checked("SELECT path, task, unit, status FROM ({pairs})", day)
        if rows is None:
            return None
        ids = self.ids
        return {(ids[key], task, unit): Status(s) for key, task, unit, s in rows}

    def counts(
        self,
        day: date,
        by_notice: bool = False,
        units: tuple[str, ...] | None = None,
        notice: NoticeIndex | None = None,
    ) -> list[tuple[str, Status, int]] | None:
        """(notice id or unit, status, pairs) of the pairs in force on ``day``, counted
        per notice or per unit in SQL, of ``units`` and ``notice`` only if given: from a
        tally (:mod:`cchc_cli.store.tally`) where one counts them, else over the rows."""
        statuses = {s.value: s for s in Status}
        if notice is None and not (by_notice and units is not None):
            from cchc_cli.store import tally

            found = tally.counts(self, day, tally.NOTICE if by_notice else tally.UNIT, units)
            if found is not None:
                ids = self.ids if by_notice else {}
                return [(ids.get(g, g), statuses[s], n) for g, s, n in found]
        where: list[str] = ["1"]
        params: dict[str, Any] = {}
        if units is not None:
            names = [f":u{i}" for i in range(len(units))]
            where.append(f"unit IN ({', '.join(names)})")
            params |= {f"u{i}": unit for i, unit in enumerate(units)}
        if notice is not None:
            where.append("path = :notice")
            params["notice"] = next(k for k, e in self.entries.items() if e is notice)
        group = "path" if by_notice else "unit"
        sql = (
            f"SELECT {group}, status, count(*) FROM ({{pairs}}) WHERE {' AND '.join(where)}"
            f" GROUP BY {group}, status"
        )
        rows = self._checked(sql, day, exact=True, **params)
        if rows is None:
            return None
        if by_notice:
            ids = self.ids
            return [(ids[key], statuses[s], n) for key, s, n in rows]
        return [(unit, statuses[s], n) for unit, s, n in rows]


class Written(NamedTuple):
    """A deadline as the rows know it: the phrase only (what the lists print)."""

    text: str | None


class TaskInfo(NamedTuple):
    """A task as its row holds it: what the due and overdue lists print of it."""

    notice: str
    id: str
    seq: int
    text: str
    deadline: Written
    assigned: tuple[str, ...]
    assignees: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.notice}/{self.id}"


class TaskRows:
    """Task rows read back as :class:`TaskInfo`, each task's once."""

    def __init__(self, notices: dict[str, str]) -> None:
        #: Each notice's id by its row key (:attr:`PairIndex.ids`).
        self.notices = notices
        self.made: dict[tuple[str, str], TaskInfo] = {}
        self.ids: dict[str, tuple[str, ...]] = {}

    def info(self, key: str, row: list[Any]) -> TaskInfo:
        task, seq, text, deadline, assigned, assignees = row
        found = self.made.get((key, task))
        if found is None:
            found = self.made[(key, task)] = TaskInfo(
                self.notices[key],
                task,
                seq,
                text,
                Written(deadline),
                self.unit_ids(assigned),
                self.unit_ids(assignees),
            )
        return found

    def unit_ids(self, text: str) -> tuple[str, ...]:
        """Unit ids as a task row holds them (JSON), each distinct list read once."""
        ids = self.ids.get(text)
        if ids is None:
            ids = self.ids[text] = tuple(json.loads(text))
        return ids


#: A pair read from the rows: its task's row, unit, place among the task's assignees,
#: last day in force and status.
PairOf = tuple[TaskInfo, str, int, date | None, Status]


#: The task rows' table, beside the pair rows' (in the cache's schema).
TASK_ROWS = """
CREATE TABLE IF NOT EXISTS task_rows (
    path TEXT NOT NULL,
    task TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    deadline TEXT,
    assigned TEXT NOT NULL,
    assignees TEXT NOT NULL,
    with_units TEXT NOT NULL,
    PRIMARY KEY (path, task)
) WITHOUT ROWID;
"""
#: Between the units of a row of :mod:`cchc_cli.store.duerows` (no id holds it).
SEPARATOR = "\x1f"
#: The pair rows in force on ``:day`` whose pair is open that day, as ``_classify``
#: decides it (in progress, overdue or ongoing).
OPEN_IN_FORCE = "from_day <= :day AND :day < to_day AND NOT cancelled AND done_on IS NULL"
#: The open pairs due by ``:last`` (in progress or overdue), for :meth:`PairIndex.pairs`.
DUE_PAIRS = f"{OPEN_IN_FORCE} AND last_day <= :last"
#: The pairs overdue on ``:day``.
OVERDUE_PAIRS = f"{OPEN_IN_FORCE} AND last_day < :day"
#: What a reminder names: the pairs overdue, or in progress with the last day by ``:last``.
REMIND_PAIRS = f"{OPEN_IN_FORCE} AND (last_day < :day OR last_day <= :last)"
#: The columns of a task row, as :meth:`TaskRows.info` reads them.
TASK_COLUMNS = "t.task, t.seq, t.text, t.deadline, t.assigned, t.assignees"
#: Every pair row in force on ``:day``, with its status that day.
IN_FORCE = (
    "SELECT path, task, unit, position, last_day, done_on, cancelled,"
    f" {STATUS_SQL} AS status"
    " FROM pairs WHERE from_day <= :day AND :day < to_day"
)
#: The pairs in force on ``:day`` that fit ``{where}``, with their status that day, task by
#: task, each task's in the order of its assignees (sorted in SQL, not pair by pair in Python).
PAIRS_SQL = f"""
SELECT path, task, unit, position, last_day, {STATUS_SQL} AS status
FROM pairs NOT INDEXED WHERE {{where}} ORDER BY path, task, position"""
#: The rows of the tasks of the pairs :data:`PAIRS_SQL` gives (one lookup per task, not
#: per pair: a list of 60,000 pairs may name 5,000 tasks).
PAIRS_TASKS_SQL = f"""
SELECT t.path, {TASK_COLUMNS} FROM task_rows t
WHERE (path, task) IN (SELECT path, task FROM pairs NOT INDEXED WHERE {{where}})"""
