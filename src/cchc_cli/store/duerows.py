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

An open row holds all that the two tables print of its task, so that their query reads
no other table and turns few values into Python strings (issue 17): the task's place in
its file, its deadline as written, its text cut to the tables' width (:data:`CUT_WIDTH`)
and its *shape*: the row's units, the task's closed units, assigned units and assignees,
one text that few rows do not share with many, made into Python values once per run.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.core.vntext import shorten
from cchc_cli.store.pairs import SEPARATOR, TaskInfo, TaskRow, TaskRows, Written

if TYPE_CHECKING:
    from cchc_cli.core.model import NoticeIndex
    from cchc_cli.store.pairs import PairIndex

#: A task's open units on one stretch of days: (task id, from_day, to_day, last_day, the
#: task's place in its file, its shape (:func:`shape`), deadline as written, text cut to
#: :data:`CUT_WIDTH`).
OpenRow = tuple[str, int, int, int, int, str, str | None, str]

#: The values of a task's pairs over one stretch: (from_day, to_day, per assignee
#: (unit, position, last day, completion day, cancelled)), days as ordinals.
Stretch = tuple[int, int, list[tuple[str, int, int | None, int | None, int]]]

#: The widest a table shows a task's text (:data:`cchc_cli.views.layout.TEXT_WIDTH`):
#: the open rows hold the text cut to it, which is what the tables print (cut to a
#: narrower column, the cut text gives what the whole text gives), not the whole text
#: (~140 characters on the generated set; JSON and CSV print it, from the pair rows).
CUT_WIDTH = 70

#: The open rows' table, beside the pair rows' (in the cache's schema).
OPEN_ROWS = """
CREATE TABLE IF NOT EXISTS open_rows (
    path TEXT NOT NULL,
    task TEXT NOT NULL,
    from_day INTEGER NOT NULL,
    to_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    shape TEXT NOT NULL,
    deadline TEXT,
    cut TEXT NOT NULL,
    PRIMARY KEY (path, task, from_day, last_day)
) WITHOUT ROWID;
"""


@lru_cache(maxsize=4096)
def shape(units: str, closed: str, assigned: str, assignees: str) -> str:
    """One text for a row's units and the task's closed units (joined by
    :data:`SEPARATOR`), assigned units and assignees (JSON, as its task row holds them)."""
    return json.dumps(
        [units, closed, assigned, assignees], ensure_ascii=False, separators=(",", ":")
    )


def open_rows(row: TaskRow, stretches: list[Stretch]) -> list[OpenRow]:
    """The open rows of the task of the task row ``row`` from its pairs' values stretch by
    stretch; stretches that leave the same units open by the same days make one row."""
    task, seq, text, deadline, assigned, assignees, _ = row
    found: list[tuple[int, int, int, str, str]] = []
    begin = end = 0
    held: tuple[tuple[tuple[int, str], ...], str] | None = None
    for start, stop, values in stretches:
        state = _open_state(values)
        if state == held:
            end = stop
            continue
        if held is not None:
            found += [(begin, end, last, units, held[1]) for last, units in held[0]]
        begin, end, held = start, stop, state
    if held is not None:
        found += [(begin, end, last, units, held[1]) for last, units in held[0]]
    if not found:
        return []
    cut = shorten(text, CUT_WIDTH)
    return [
        (task, begin, end, last, seq, shape(units, closed, assigned, assignees), deadline, cut)
        for begin, end, last, units, closed in found
    ]


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


#: The open rows in force on ``:day`` whose last day fits ``{when}``: all the tables print
#: (the text cut to their width: what programs read is made from the pair rows). In the
#: order of the table's key, which SQLite reads it in (no sorting): a notice's rows come
#: together, and a task's, so the loops below tell them by the row before, not by a dict.
_IN_FORCE = """
SELECT o.path, o.last_day, o.shape, o.task, o.seq, o.cut, o.deadline
FROM open_rows o
WHERE o.from_day <= :day AND :day < o.to_day AND {when}{where}
ORDER BY o.path, o.task, o.from_day, o.last_day"""
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


#: What a shape gives: the row's units listed (narrowed to those asked about), the task's
#: assigned units and assignees, and its units still open (neither done nor cancelled).
Shape = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]


class _Tasks:
    """What the open rows' lists are built from, each distinct value made once: shapes,
    days, deadlines. The loops below read these dicts inline: a Python call per row costs
    more than the rest of the row (8,000 rows on a due list)."""

    def __init__(self, index: PairIndex, wanted: tuple[str, ...] | None) -> None:
        self.wanted = None if wanted is None else frozenset(wanted)
        self.notices = index.ids
        self.shapes: dict[str, Shape] = {}
        self.rows = TaskRows(self.notices)
        self.days: dict[int, date] = {}
        self.written: dict[str | None, Written] = {}

    def shape(self, text: str) -> Shape:
        units, closed, assigned, assignees = json.loads(text)
        listed = tuple(units.split(SEPARATOR)) if units else ()
        if self.wanted is not None:
            listed = tuple([u for u in listed if u in self.wanted])
        every = self.rows.unit_ids(assignees)
        gone = closed.split(SEPARATOR)
        still_open = frozenset([u for u in every if u not in gone])
        found = self.shapes[text] = (listed, self.rows.unit_ids(assigned), every, still_open)
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
    :class:`cchc_cli.views.pairlists.DueRow`). The task's text is cut to
    :data:`CUT_WIDTH`, as on the lines of :func:`late_tasks`: only tables print them."""

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
    shapes, days, written, notices = made.shapes, made.days, made.written, made.notices
    due: list[DueTask] = []
    before_key: str | None = None
    before_task: str | None = None
    named = ""
    for key, first, shaped, task, seq, text, deadline in rows:
        listed, assigned, assignees, opened = shapes.get(shaped) or made.shape(shaped)
        if not listed:
            continue
        when = days.get(first) or made.day(first)
        if key != before_key:
            named, before_key = notices[key], key
        elif task == before_task:  # another last day of the same task (an extension)
            found = due.pop()
            when = min(when, found.last_day)
            listed = found.shown + listed
        before_task = task
        info = _new(
            TaskInfo,
            (
                named,
                task,
                seq,
                text,
                written.get(deadline) or made.deadline(deadline),
                assigned,
                assignees,
            ),
        )
        due.append(_new(DueTask, (info, when, listed, opened)))
    return due


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
    shapes, days, written, notices = made.shapes, made.days, made.written, made.notices
    # A task overdue since two days (an extension for some units) is one task.
    late: list[LateTask] = []
    before_key: str | None = None
    before_task: str | None = None
    named = ""
    info: TaskInfo | None = None
    for key, last, shaped, task, seq, text, deadline in rows:
        listed, assigned, assignees, _ = shapes.get(shaped) or made.shape(shaped)
        if not listed:
            continue
        if key != before_key:
            named, before_key, before_task = notices[key], key, None
        if task != before_task or info is None:
            info = _new(
                TaskInfo,
                (
                    named,
                    task,
                    seq,
                    text,
                    written.get(deadline) or made.deadline(deadline),
                    assigned,
                    assignees,
                ),
            )
            before_task = task
        late.append((info, days.get(last) or made.day(last), listed))
    return late
