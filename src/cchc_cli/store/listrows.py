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

from cchc_cli.core.status import DONE, OPEN, Status
from cchc_cli.store.pairs import STATUS_SQL, PairIndex

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
    names = [f":u{i}" for i in range(len(units))]
    params: dict[str, Any] = {f"u{i}": unit for i, unit in enumerate(units)}
    where = ["1"]
    if notice is not None:
        where.append("t.path = :notice")
        params["notice"] = notice
    if units:
        within = ", ".join(names)
        where.append(
            f"(EXISTS (SELECT 1 FROM json_each(t.assignees) WHERE value IN ({within}))"
            f" OR EXISTS (SELECT 1 FROM json_each(t.with_units) WHERE value IN ({within})))"
        )
    sql = f"SELECT t.path, t.task FROM task_rows t WHERE {' AND '.join(where)}"
    if status is not None:
        own = f"unit IN ({', '.join(names)})" if units else "0"
        statuses = f"""
            SELECT path, task FROM (
                SELECT path, task, {own} AS own, {STATUS_SQL} AS status
                FROM pairs WHERE from_day <= :day AND :day < to_day
            ) GROUP BY path, task HAVING {_status_test(status)}"""
        sql += f" AND (t.path, t.task) IN ({statuses})"
        params["day"] = day.toordinal()
    rows = checked(index, sql, params)
    return None if rows is None else {(key, task) for key, task in rows}


def _status_test(wanted: str) -> str:
    """SQL over a task's pairs (grouped; ``own``: a pair of the units asked about) that
    holds when the task is ``wanted``: over its own pairs if it has any, else over all."""
    if wanted == "done":
        fits = _among(DONE)
        return f"CASE WHEN max(own) THEN min(NOT own OR {fits}) ELSE min({fits}) END"
    fits = _among(OPEN) if wanted == "open" else f"status = '{Status(wanted).value}'"
    return f"CASE WHEN max(own) THEN max(own AND {fits}) ELSE max({fits}) END"


def _among(found: frozenset[Status]) -> str:
    return f"status IN ({', '.join(repr(s.value) for s in sorted(found))})"


def exported(
    index: PairIndex, day: date, units: tuple[str, ...] | None, notice: str | None
) -> set[str] | None:
    """The notice files with a pair in force on ``day`` (of ``units`` and of the notice
    file ``notice`` where given): those whose pairs an export holds."""
    params: dict[str, Any] = {"day": day.toordinal()}
    sql = "SELECT DISTINCT path FROM pairs WHERE from_day <= :day AND :day < to_day"
    if units is not None:
        sql += f" AND unit IN ({', '.join(f':u{i}' for i in range(len(units)))})"
        params |= {f"u{i}": unit for i, unit in enumerate(units)}
    if notice is not None:
        sql += " AND path = :notice"
        params["notice"] = notice
    rows = checked(index, sql, params)
    return None if rows is None else {key for (key,) in rows}


def checked(index: PairIndex, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    """The rows of ``sql`` (the first column a notice file's key) if the cache holds every
    loaded notice's rows as computed from what was loaded, rows of files left out of the
    dataset (an error, a duplicate id) left out; None if it holds anything else."""
    found = index.cache.query_pairs([sql], params)
    if found is None:
        return None
    held, (rows,) = found
    if any(held.get(key) != made for key, made in index.expected.items()):
        return None
    return [row for row in rows if row[0] in index.expected]
