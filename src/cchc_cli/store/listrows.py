"""Which tasks a filtered ``list`` shows and which notices a narrowed ``export`` holds,
in SQL over the pair and task rows (:mod:`cchc_cli.store.pairs`, issue 17).

Both print what only the whole task has (its target, notes, completions' evidence...),
so the tasks found are read back from their notices; these queries only say which
notices to read, so that a filter does not read every notice of the folder. Like
:class:`~cchc_cli.store.pairs.PairIndex`'s queries, an answer is given only when the
cache holds every notice's rows as computed from what was loaded (None otherwise:
the caller reads the notices themselves).

``list --status`` (:mod:`cchc_cli.views.listing`) in SQL: a task's pairs in force on
the day have statuses; with ``--unit``, the pairs of those units when the task is
assigned to one of them, else all its pairs (a coordinating unit has no pair of its
own). ``overdue``, ``cancelled`` and each category: some such pair; ``open``: some
pair in progress, overdue or ongoing; ``done``: every such pair done. A notice not
issued by the day has no row in force, so none of its tasks is found.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc_cli.core.status import Status
from cchc_cli.store.pairs import OPEN_IN_FORCE, OVERDUE_PAIRS, STATUS_SQL, PairIndex

#: A (notice file key, task id) of the rows.
TaskKey = tuple[str, str]


def listed(
    index: PairIndex,
    day: date,
    units: tuple[str, ...],
    notice: str | None,
    status: str | None,
) -> set[TaskKey] | None:
    """The tasks (of the notice file ``notice`` if given) that ``units`` (if any) are
    assigned or coordinate, and that are ``status`` on ``day`` (if given)."""
    params: dict[str, Any] = {f"u{i}": unit for i, unit in enumerate(units)}
    within = ", ".join(f":u{i}" for i in range(len(units)))
    of_notice = ""
    if notice is not None:
        of_notice = " AND path = :notice"
        params["notice"] = notice
    assigned = f"EXISTS (SELECT 1 FROM json_each(assignees) WHERE value IN ({within}))"
    coordinating = f"EXISTS (SELECT 1 FROM json_each(with_units) WHERE value IN ({within}))"
    if status is None:
        sql = f"SELECT path, task FROM task_rows WHERE 1{of_notice}"
        if units:
            sql += f" AND ({assigned} OR {coordinating})"
    else:
        params["day"] = day.toordinal()
        counted = "1"
        if units:
            # A task's own pairs; all pairs of the tasks the units only coordinate.
            only = f"SELECT path, task FROM task_rows WHERE {coordinating} AND NOT {assigned}"
            counted = f"(unit IN ({within}) OR (path, task) IN ({only}))"
        pairs = f"FROM {_pairs(notice)} WHERE {_fits(status)} AND {counted}{of_notice}"
        if status == "done":
            sql = f"SELECT path, task {pairs} GROUP BY path, task HAVING min({DONE_ROW})"
        else:
            sql = f"SELECT DISTINCT path, task {pairs}"
    rows = _rows(index, sql, params)
    return None if rows is None else {(key, task) for key, task in rows}


#: A pair row in force on ``:day``.
IN_FORCE = "from_day <= :day AND :day < to_day"
#: A pair done (on time, late or with no deadline) in the row in force.
DONE_ROW = "NOT cancelled AND done_on IS NOT NULL"


def _fits(wanted: str) -> str:
    """SQL: a pair row in force on ``:day`` that makes a task ``wanted`` (for ``done``,
    every row in force; then every one of them must be :data:`DONE_ROW`)."""
    if wanted == "open":
        return OPEN_IN_FORCE
    if wanted == "overdue":
        return OVERDUE_PAIRS
    if wanted == "done":
        return IN_FORCE
    return f"{IN_FORCE} AND ({STATUS_SQL}) = '{Status(wanted).value}'"


def exported(
    index: PairIndex, day: date, units: tuple[str, ...] | None, notice: str | None
) -> set[tuple[str, None]] | None:
    """The notice files with a pair in force on ``day`` (of ``units`` and of the notice
    file ``notice`` where given): those whose pairs an export holds (as (key, None), the
    shape of :func:`listed`'s tasks)."""
    params: dict[str, Any] = {"day": day.toordinal()}
    sql = f"SELECT DISTINCT path FROM {_pairs(notice)} WHERE {IN_FORCE}"
    if units is not None:
        sql += f" AND unit IN ({', '.join(f':u{i}' for i in range(len(units)))})"
        params |= {f"u{i}": unit for i, unit in enumerate(units)}
    if notice is not None:
        sql += " AND path = :notice"
        params["notice"] = notice
    rows = _rows(index, sql, params)
    return None if rows is None else {(key, None) for (key,) in rows}


def _pairs(notice: str | None) -> str:
    """The pair rows, of one notice file through their index, else all of them in one
    pass (through the index, each row would be looked up on its own)."""
    return "pairs" if notice is not None else "pairs NOT INDEXED"


def _rows(index: PairIndex, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    found = index.read_checked([sql], params)
    return None if found is None else found[0]
