"""One row per task, stretch of days and last day of its open units: what ``due`` and
``overdue`` print, so their queries touch only that (issue 17).

A pair row (:mod:`cchc_cli.store.pairs`) is one unit's; the units of a task mostly
share their last day and are open or closed together, so the due and overdue lists
grouped tens of thousands of pair rows back into their tasks on every run (190,000
pair rows for 20,000 tasks on a folder of copies of one notice). An open row holds,
for one task over ``[from_day, to_day)``, the units still open whose last day is
``last_day`` (in the order of the task's assignees) and the task's units closed
(done or cancelled) then: 20,000 rows for the same folder. The days are those of
the pair rows (:func:`cchc_cli.store.pairs.change_days`), so "as of" a day reads the
row in force that day as it reads the pair rows; an ongoing unit (no last day) is
open but in no open row, as neither list shows it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.store.pairs import CUT_TASK_COLUMNS, SEPARATOR, TaskInfo, TaskRows, Written

if TYPE_CHECKING:
    from cchc_cli.core.model import NoticeIndex
    from cchc_cli.store.pairs import PairIndex

#: A task's open units on one stretch of days: (task id, from_day, to_day, last_day, the
#: units with that last day, the task's closed units), units joined by :data:`SEPARATOR`.
OpenRow = tuple[str, int, int, int, str, str]

#: The values of a task's pairs over one stretch: (from_day, to_day, per assignee
#: (unit, position, last day, completion day, cancelled)), days as ordinals.
Stretch = tuple[int, int, list[tuple[str, int, int | None, int | None, int]]]

#: The open rows' table, beside the pair rows' (in the cache's schema).
OPEN_ROWS = """
CREATE TABLE IF NOT EXISTS open_rows (
    path TEXT NOT NULL,
    task TEXT NOT NULL,
    from_day INTEGER NOT NULL,
    to_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    units TEXT NOT NULL,
    closed TEXT NOT NULL,
    PRIMARY KEY (path, task, from_day, last_day)
) WITHOUT ROWID;
"""


def open_rows(task: str, stretches: list[Stretch]) -> list[OpenRow]:
    """The open rows of the task ``task`` from its pairs' values stretch by stretch;
    stretches that leave the same units open by the same days make one row."""
    rows: list[OpenRow] = []
    begin = end = 0
    held: tuple[tuple[tuple[int, str], ...], str] | None = None
    for start, stop, values in stretches:
        state = _open_state(values)
        if state == held:
            end = stop
            continue
        if held is not None:
            rows += [(task, begin, end, last, units, held[1]) for last, units in held[0]]
        begin, end, held = start, stop, state
    if held is not None:
        rows += [(task, begin, end, last, units, held[1]) for last, units in held[0]]
    return rows


def _open_state(
    values: list[tuple[str, int, int | None, int | None, int]],
) -> tuple[tuple[tuple[int, str], ...], str]:
    """(last day, open units with it) in the order of the assignees, and the closed units."""
    by_day: dict[int, list[str]] = {}
    closed: list[str] = []
    for unit, _, last, done, cancelled in values:
        if cancelled or done is not None:
            closed.append(unit)
        elif last is not None:
            found = by_day.get(last)
            if found is None:
                by_day[last] = [unit]
            else:
                found.append(unit)
    joined = tuple((last, SEPARATOR.join(units)) for last, units in by_day.items())
    return joined, SEPARATOR.join(closed)


#: The open rows in force on ``:day`` whose last day fits ``{when}``, with their tasks' rows
#: (the text cut to the tables' width: these lists' rows are printed as tables only, what
#: programs read is made from the pair rows).
_IN_FORCE = f"""
SELECT o.path, o.last_day, o.units, o.closed, {CUT_TASK_COLUMNS}
FROM open_rows o JOIN task_rows t ON t.path = o.path AND t.task = o.task
WHERE o.from_day <= :day AND :day < o.to_day AND {{when}}{{where}}"""
#: Due by ``:last`` (in progress or overdue).
DUE_SQL = _IN_FORCE.format(when="o.last_day <= :last", where="{where}")
#: Overdue on ``:day``.
LATE_SQL = _IN_FORCE.format(when="o.last_day < :day", where="{where}")


def _rows(
    index: PairIndex, sql: str, day: date, notice: NoticeIndex | None, **params: Any
) -> list[tuple[Any, ...]] | None:
    """The rows of ``sql`` (over the open rows, narrowed to ``notice`` if given), if the
    cache holds every notice's rows as computed from what was loaded."""
    where = ""
    if notice is not None:
        where = " AND o.path = :notice"
        params["notice"] = next(k for k, e in index.entries.items() if e is notice)
    found = index.read_checked([sql.format(where=where)], {"day": day.toordinal(), **params})
    return None if found is None else found[0]


class _Tasks:
    """What the open rows' lists are built from, each distinct value made once: units as
    the rows join them (narrowed to those asked about), unit ids as the task rows hold
    them, days, deadlines. The loops below read these dicts inline: a Python call per
    row costs more than the rest of the row (8,000 rows on a due list)."""

    def __init__(self, index: PairIndex, wanted: tuple[str, ...] | None) -> None:
        self.wanted = None if wanted is None else frozenset(wanted)
        self.notices = index.ids
        self.units: dict[str, tuple[str, ...]] = {}
        rows = TaskRows(self.notices)
        #: Unit ids by the JSON a task row holds them in (read inline, each list made once).
        self.ids, self.unit_ids = rows.ids, rows.unit_ids
        self.days: dict[int, date] = {}
        self.written: dict[str | None, Written] = {}

    def listed(self, text: str) -> tuple[str, ...]:
        found = tuple(text.split(SEPARATOR)) if text else ()
        if self.wanted is not None:
            found = tuple([u for u in found if u in self.wanted])
        self.units[text] = found
        return found

    def day(self, ordinal: int) -> date:
        found = self.days[ordinal] = date.fromordinal(ordinal)
        return found

    def deadline(self, text: str | None) -> Written:
        found = self.written[text] = Written(text)
        return found


_new = tuple.__new__


class DueTask(NamedTuple):
    """A task of the due list: the earliest last day of its pairs listed, those pairs'
    units (``shown``) and every unit of the task still open that day (the fields of
    :class:`cchc_cli.views.pairlists.DueRow`)."""

    task: TaskInfo
    last_day: date
    shown: tuple[str, ...]
    still_open: frozenset[str]


def due_tasks(
    index: PairIndex,
    day: date,
    last: date,
    units: tuple[str, ...] | None = None,
    notice: NoticeIndex | None = None,
) -> list[DueTask] | None:
    """:meth:`PairIndex.due_tasks <cchc_cli.store.pairs.PairIndex.due_tasks>` from the
    open rows."""
    rows = _rows(index, DUE_SQL, day, notice, last=last.toordinal())
    if rows is None:
        return None
    made = _Tasks(index, units)
    units_of, days, written, ids, unit_ids = (
        made.units,
        made.days,
        made.written,
        made.ids,
        made.unit_ids,
    )
    # Tasks copied to many notices share their assignees and closed units.
    still_open: dict[tuple[str, str], frozenset[str]] = {}
    due: dict[tuple[str, str], DueTask] = {}
    for key, first, units_text, closed, task, seq, text, deadline, assigned, assignees in rows:
        listed = units_of.get(units_text)
        if listed is None:
            listed = made.listed(units_text)
        if not listed:
            continue
        when = days.get(first) or made.day(first)
        found = due.get((key, task))
        if found is not None:  # another last day of the same task (an extension)
            when = min(when, found.last_day)
            listed = found.shown + listed
        info = _new(
            TaskInfo,
            (
                made.notices[key],
                task,
                seq,
                text,
                written.get(deadline) or made.deadline(deadline),
                ids.get(assigned) or unit_ids(assigned),
                ids.get(assignees) or unit_ids(assignees),
            ),
        )
        opened = still_open.get((assignees, closed))
        if opened is None:
            gone = closed.split(SEPARATOR)
            opened = frozenset([u for u in info.assignees if u not in gone])
            still_open[assignees, closed] = opened
        due[key, task] = _new(DueTask, (info, when, listed, opened))
    return list(due.values())


#: A line of the overdue list from the open rows: the task's row, the last day and the
#: task's units overdue since then.
LateTask = tuple[TaskInfo, date, tuple[str, ...]]


def late_tasks(
    index: PairIndex,
    day: date,
    units: tuple[str, ...] | None = None,
    notice: NoticeIndex | None = None,
) -> list[LateTask] | None:
    """Per task and last day, the units overdue on ``day`` (of ``units`` and ``notice`` if
    given), from the open rows, in no order; each line's units in the task's order."""
    rows = _rows(index, LATE_SQL, day, notice)
    if rows is None:
        return None
    made = _Tasks(index, units)
    units_of, days, written, ids, unit_ids = (
        made.units,
        made.days,
        made.written,
        made.ids,
        made.unit_ids,
    )
    # A task overdue since two days (an extension for some units) is one task.
    tasks: dict[tuple[str, str], TaskInfo] = {}
    late: list[LateTask] = []
    for key, last, units_text, _, task, seq, text, deadline, assigned, assignees in rows:
        listed = units_of.get(units_text)
        if listed is None:
            listed = made.listed(units_text)
        if not listed:
            continue
        info = tasks.get((key, task))
        if info is None:
            info = tasks[key, task] = _new(
                TaskInfo,
                (
                    made.notices[key],
                    task,
                    seq,
                    text,
                    written.get(deadline) or made.deadline(deadline),
                    ids.get(assigned) or unit_ids(assigned),
                    ids.get(assignees) or unit_ids(assignees),
                ),
            )
        late.append((info, days.get(last) or made.day(last), listed))
    return late
