"""Counts of pairs that cost little to read, and a row per notice (issue 17).

**Counts.** ``status`` counts the pairs in force on a day by unit (or notice) and
status. Over the pair rows that is a GROUP BY over every row (187,000 for the
reference notice copied 1,200 times). A pair row's status changes on a handful of
days only: it starts on ``from_day`` in the status of that day, an open pair with
a last day turns from in progress to overdue the day after it, and it ends on
``to_day``. So each row is written as *changes*: +1 in a status on a day, -1 in
another; the count of a status on D is the sum of the changes of days <= D
(:data:`CHANGES`, from :data:`cchc_cli.store.pairs.STATUS_SQL`, so both paths share
one rule). Changes that share unit (or notice), status and day are one row of a
tally: the copies set's 187,000 pairs make 310 rows by unit.

Where deadlines spread over many days a tally still has many rows (the generated
set's 64,000 pairs: 58,000 by unit), and summing them all for every count cost a
province's ``status`` more than anything else it does. So each tally has a day
(``tally_state.at_day``: the day counted when it was made) and a *base*: its changes
summed per unit (or notice) and status up to that day. A count on D is the base plus
the changes of the days after it up to D, or minus those after D up to it
(:data:`TALLY_SQL`): only the rows between the two days are read, through an index
by day. Every write that changes a tally changes its base by the same changes of the
days up to its day. (Running sums in every row were tried first: a count read one
row per group, but a change re-wrote every later row of its groups, 50 ms per unit
on each ``done``.)

A tally answers only if it was made from exactly the pair rows the cache holds.
A notice's pair rows are replaced with its row of ``pair_sources`` (what they were
computed from), and the database counts every change to that table itself, with
triggers (:data:`CHANGES`: a few thousand rows, so they cost nothing). Each tally
records the count it was made at; a read compares it with the count it reads in
the same snapshot (:func:`counts`). A write that
changes few notices' rows updates the tallies that were right in the same
transaction (:func:`unwind`, :func:`wind`); a write of many (the first load)
leaves them stale rather than slow the cold run, and the first count that finds
its tally stale makes it again (:func:`counts`), then reads it (but the first count of
the run that wrote them: :func:`_over_the_rows`).

**Notices.** :data:`NOTICE_ROWS` holds what ``status --by notice``, ``report``
and ``remind`` print of a notice or sort notices by: its id, number, title and
issuer, the first day its date of issue can mean
(:func:`cchc_cli.views.query.notice_order` sorts by it), the first day it exists
(:func:`cchc_cli.core.asof.issued_from`) and the day its tasks were given
(:func:`cchc_cli.core.asof.assigned_on`). The row is computed whenever the
notice's pair rows are, from the same notice, and replaced or deleted with them
(:meth:`cchc_cli.store.cache.FileCache.finish`).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.core.asof import assigned_on, issued_from
from cchc_cli.core.model import Notice, NoticeIndex
from cchc_cli.core.status import Status
from cchc_cli.store.pairquery import BUSY_TIMEOUT, CHANGES, MADE_SQL, made
from cchc_cli.store.pairs import (
    NEVER,
    OPEN_IN_FORCE,
    STATUS_SQL,
    TASK_COLUMNS,
    TaskInfo,
    TaskRows,
)

if TYPE_CHECKING:
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.pairs import PairIndex

#: A notice's row as stored: (id, number, title, issuer, issued, exists from, assigned
#: on), days as ordinals; and its tasks' notes: (task id, unit or None, day) each.
StoredNotice = tuple[
    tuple[str, str | None, str, str | None, int, int, int], list[tuple[str, str | None, int]]
]

NOTICE_ROWS = """
CREATE TABLE IF NOT EXISTS notice_rows (
    path TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    issuer TEXT,
    issued INTEGER NOT NULL,
    exists_from INTEGER NOT NULL,
    assigned INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS note_rows (
    path TEXT NOT NULL, task TEXT NOT NULL, unit TEXT, day INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS note_rows_task ON note_rows (path, task);
"""


class NoticeRow(NamedTuple):
    """A notice as its row holds it: what views print of it and sort notices by."""

    id: str
    number: str | None
    title: str
    issuer: str | None
    #: The first day its date of issue can mean (``notice.date.earliest()``).
    issued: date
    #: The first day it exists (:func:`cchc_cli.core.asof.issued_from`).
    exists_from: date
    #: The day its tasks were given (:func:`cchc_cli.core.asof.assigned_on`).
    assigned: date


def notice_row(notice: Notice) -> StoredNotice:
    """A notice's row and its notes' (the report's "no report for three months" counts
    from a unit's last note on a task)."""
    row = (
        notice.id,
        notice.number,
        notice.title,
        notice.issuer,
        notice.date.earliest().toordinal(),
        issued_from(notice).toordinal(),
        assigned_on(notice).toordinal(),
    )
    notes = [(task.id, n.unit, n.on.toordinal()) for task in notice.tasks for n in task.notes]
    return row, notes


def write_notices(
    connection: sqlite3.Connection, stale: list[str], rows: dict[str, StoredNotice]
) -> None:
    """Forget the rows of the files ``stale`` and write ``rows``, inside the caller's
    transaction (the one that replaces their pair rows)."""
    connection.executemany("DELETE FROM notice_rows WHERE path = ?", [(k,) for k in stale])
    connection.executemany("DELETE FROM note_rows WHERE path = ?", [(k,) for k in stale])
    connection.executemany(
        "INSERT OR REPLACE INTO notice_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(key, *row) for key, (row, _) in rows.items()],
    )
    connection.executemany(
        "INSERT INTO note_rows VALUES (?, ?, ?, ?)",
        [(key, *note) for key, (_, notes) in rows.items() for note in notes],
    )


def notice_rows(index: PairIndex) -> dict[str, NoticeRow] | None:
    """Each loaded notice's row (file key -> row); None if the cache cannot answer."""
    found = index.read_checked(["SELECT * FROM notice_rows"], {})
    if found is None:
        return None
    days: dict[int, date] = {}

    def day(n: int) -> date:
        made = days.get(n)
        if made is None:
            made = days[n] = date.fromordinal(n)
        return made

    rows = {
        key: NoticeRow(ident, number, title, issuer, day(issued), day(start), day(given))
        for key, ident, number, title, issuer, issued, start, given in found[0]
    }
    return rows if len(rows) == len(index.expected) else None


# -- the tallies ------------------------------------------------------------------------

#: What a tally counts by: a unit, or a notice (its file's key, as the pair rows name it).
UNIT, NOTICE = "unit", "path"
#: Written changes to ``stale`` rows beyond one notice in this many are not worth it: the
#: tallies are made again when next read.
FEW = 4

TALLY_ROWS = "".join(
    f"""
CREATE TABLE IF NOT EXISTS {key}_tally (
    {key} TEXT NOT NULL, status TEXT NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY ({key}, status, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS {key}_tally_day ON {key}_tally (day);
CREATE TABLE IF NOT EXISTS {key}_base (
    {key} TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY ({key}, status)
) WITHOUT ROWID;"""
    for key in (UNIT, NOTICE)
)
TALLY_ROWS += """
CREATE TABLE IF NOT EXISTS tally_state (
    name TEXT PRIMARY KEY, made_from TEXT NOT NULL, at_day INTEGER NOT NULL
);"""
TALLY_ROWS += "".join(
    f"""
CREATE TRIGGER IF NOT EXISTS {CHANGES}_{event.lower()} AFTER {event} ON pair_sources BEGIN
    INSERT INTO meta VALUES ('{CHANGES}', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;"""
    for event in ("INSERT", "DELETE", "UPDATE")
)
#: The pair rows of the files named in the JSON list ``:keys``.
IN_KEYS = "path IN (SELECT value FROM json_each(:keys))"


def _status_on(day: str) -> str:
    """:data:`~cchc_cli.store.pairs.STATUS_SQL` on the day ``day`` (SQL over a row)."""
    return STATUS_SQL.replace(":day", day)


def changes_sql(key: str, where: str, sign: str = "", base: bool = False) -> str:
    """Add the changes of the pair rows that fit ``where`` to the tally by ``key``
    (``sign`` "-": take them out); ``base``: those of days up to the tally's day to its
    base instead. Rows alike are counted first (most are)."""
    if base:
        into, columns, day = f"{key}_base", f"{key}, status, n", f"day <= {_AT_DAY}"
    else:
        into, columns, day = f"{key}_tally", f"{key}, status, day, n", "true"
    return f"""
WITH c AS MATERIALIZED (
    SELECT {key} AS k, from_day, to_day, last_day, done_on, cancelled, count(*) AS n
    FROM pairs WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6
)
INSERT INTO {into} ({columns})
SELECT k, status, {"" if base else "day, "}{sign}sum(n) FROM ({_CHANGES}) WHERE {day}
GROUP BY k, status{"" if base else ", day"}
ON CONFLICT DO UPDATE SET n = n + excluded.n""".replace("{key}", key)


#: The changes (unit or notice ``k``, status, day, n) of the pair rows of ``c`` (grouped).
#: A row's end on :data:`~cchc_cli.store.pairs.NEVER` is no change: no count asks about
#: that day (most rows have no end: at 20,000 generated tasks, 54,000 of 64,000), and
#: leaving them out spares a tally made afresh a third of what it sorts.
_CHANGES = f"""
    SELECT k, {_status_on("from_day")} AS status, from_day AS day, n FROM c
    UNION ALL SELECT k, {_status_on("to_day - 1")}, to_day, 0 - n FROM c WHERE to_day < {NEVER}
    UNION ALL SELECT k, s, last_day + 1, CASE s WHEN '{Status.OVERDUE.value}' THEN n ELSE 0 - n END
    FROM c, (SELECT '{Status.IN_PROGRESS.value}' AS s UNION ALL SELECT '{Status.OVERDUE.value}')
    WHERE NOT cancelled AND done_on IS NULL AND from_day <= last_day AND last_day + 1 < to_day
"""
#: The day of the tally by ``{key}``: its base sums the changes of the days up to it.
_AT_DAY = "(SELECT at_day FROM tally_state WHERE name = '{key}')"


#: The counts of a tally on ``:day``: (unit or file key, status, pairs).
TALLY_SQL = """
SELECT k, status, sum(n) FROM (
    SELECT {key} AS k, status, n FROM {key}_base WHERE true{where}
    UNION ALL SELECT {key}, status, n FROM {key}_tally
    WHERE day > {at_day} AND day <= :day{where}
    UNION ALL SELECT {key}, status, 0 - n FROM {key}_tally
    WHERE day > :day AND day <= {at_day}{where}
) GROUP BY k, status HAVING sum(n) > 0"""
STATE_SQL = "SELECT made_from, at_day FROM tally_state WHERE name = :name"


def count_sql(key: str, where: str = "") -> str:
    """:data:`TALLY_SQL` for the tally by ``key``, with ``where`` added to each part."""
    return TALLY_SQL.format(key=key, where=where, at_day=_AT_DAY.format(key=key))


def unwind(connection: sqlite3.Connection, stale: list[str]) -> list[str]:
    """Before the pair rows of the files ``stale`` are deleted, in the transaction that
    replaces them: the tallies that were right, with those rows taken out (none when
    ``stale`` are many: those are left as they were, stale, and made again when read)."""
    if not stale:
        return []
    (notices,) = connection.execute("SELECT count(*) FROM pair_sources").fetchone()
    if len(stale) * FEW > notices:
        return []
    now = made(connection)
    states = dict(connection.execute("SELECT name, made_from FROM tally_state"))
    current = [key for key in (UNIT, NOTICE) if states.get(key) == now]
    for key in current:
        for base in (False, True):
            sql = changes_sql(key, IN_KEYS, "-", base)
            connection.execute(sql, {"keys": json.dumps(stale)})
    return current


def wind(connection: sqlite3.Connection, current: list[str], added: list[str]) -> None:
    """After the pair rows of the files ``added`` are written: the ``current`` tallies
    (those :func:`unwind` kept right) with them, and marked as made from them all."""
    if not current:
        return
    now = made(connection)
    for key in current:
        for base in (False, True):
            connection.execute(changes_sql(key, IN_KEYS, "", base), {"keys": json.dumps(added)})
        connection.execute(f"DELETE FROM {key}_tally WHERE n = 0")
        connection.execute(f"DELETE FROM {key}_base WHERE n = 0")
        connection.execute("UPDATE tally_state SET made_from = ? WHERE name = ?", (now, key))


def remake(index: PairIndex, key: str, day: date) -> bool:
    """Make the tally by ``key`` again from every pair row, its base at ``day`` (counts
    on days near it read few rows), if the cache holds the rows of what was loaded and
    no others; whether it did."""
    try:
        connection = sqlite3.connect(index.cache.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            sources = dict(connection.execute("SELECT path, key FROM pair_sources"))
            if sources != index.expected:
                connection.execute("ROLLBACK")
                return False
            connection.execute(f"DELETE FROM {key}_tally")
            connection.execute(changes_sql(key, "1"))
            connection.execute(f"DELETE FROM {key}_tally WHERE n = 0")
            now = made(connection)
            state = "INSERT OR REPLACE INTO tally_state VALUES (?, ?, ?)"
            connection.execute(state, (key, now, day.toordinal()))
            _base_at(connection, key, day)
            connection.execute("COMMIT")
            return True
        finally:
            connection.close()
    except sqlite3.Error:
        return False


#: A count this many days or more from its tally's day moves the base to the day asked
#: (:func:`rebase`): a cache made in January and counted in June read every change of
#: the months between, on every run (about 70 ms at 20,000 generated tasks).
FAR = 31


def rebase(index: PairIndex, key: str, day: date) -> None:
    """Move the base of the tally by ``key`` to ``day``, so that counts near it read few
    rows. The base is summed again from the tally's own rows, so it stays their sum up
    to its day whatever the tally was made from. Done only if no other process is
    writing (a read does not wait for it) and left undone, silently, where the cache
    cannot be written: the counts were right either way."""
    try:
        connection = sqlite3.connect(index.cache.path, timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            _base_at(connection, key, day)
            connection.execute("COMMIT")
        finally:
            connection.close()
    except sqlite3.Error:
        return


def _base_at(connection: sqlite3.Connection, key: str, day: date) -> None:
    """The base of the tally by ``key`` made again at ``day``, in the transaction open."""
    connection.execute("UPDATE tally_state SET at_day = ? WHERE name = ?", (day.toordinal(), key))
    connection.execute(f"DELETE FROM {key}_base")
    sums = f"SELECT {key}, status, sum(n) FROM {key}_tally WHERE day <= ? GROUP BY 1, 2"
    connection.execute(f"INSERT INTO {key}_base {sums}", (day.toordinal(),))
    connection.execute(f"DELETE FROM {key}_base WHERE n = 0")


def counts(
    index: PairIndex, day: date, key: str, units: tuple[str, ...] | None = None
) -> list[tuple[str, str, int]] | None:
    """(unit or file key, status, pairs) of the pairs in force on ``day``, from the tally
    by ``key``, of ``units`` only if given; None if the cache cannot answer."""
    where = ""
    params: dict[str, Any] = {"day": day.toordinal(), "name": key}
    if units is not None:
        where = f" AND unit IN ({', '.join(f':u{i}' for i in range(len(units)))})"
        params |= {f"u{i}": unit for i, unit in enumerate(units)}
    queries = [count_sql(key, where), STATE_SQL, MADE_SQL]
    for attempt in range(2):
        found = index.read_checked(queries, params, exact=True)
        if found is None:
            return None
        rows, state, now = found
        if state and state[0][0] == str(now[0][0]):
            if abs(day.toordinal() - state[0][1]) >= FAR and key not in index.rebased:
                index.rebased.add(key)
                rebase(index, key, day)
            return rows
        if attempt or _over_the_rows(index, key) or not remake(index, key, day):
            return None
    return None


def _over_the_rows(index: PairIndex, key: str) -> bool:
    """Whether a stale tally is left to a GROUP BY over the pair rows (the caller's): on the
    first count by ``key`` of a run that wrote many notices' rows itself (a first run, a
    pull), as that pass costs a fifteenth of making the tally; the next count makes it."""
    if index.cache.rewritten * FEW <= len(index.expected) or key in index.counted:
        return False
    index.counted.add(key)
    return True


# -- the report's quiet pairs -------------------------------------------------------------

#: A pair row's last note on ``:day`` (its unit's or everyone's), if there is one.
LAST_NOTE = """(SELECT max(n.day) FROM note_rows n WHERE n.path = pairs.path
    AND n.task = pairs.task AND (n.unit IS NULL OR n.unit = pairs.unit) AND n.day <= :day)"""
#: The ongoing pairs on ``:day`` nobody has reported on since ``:cutoff``: the last note,
#: else the day the task was given, is before it (:func:`cchc_cli.views.report.build`).
QUIET_PAIRS = f"""{OPEN_IN_FORCE} AND last_day IS NULL AND coalesce({LAST_NOTE},
    (SELECT assigned FROM notice_rows r WHERE r.path = pairs.path)) < :cutoff"""


def quiet_pairs(
    index: PairIndex,
    day: date,
    cutoff: date,
    units: tuple[str, ...] | None = None,
    notice: NoticeIndex | None = None,
) -> list[tuple[TaskInfo, str, date | None]] | None:
    """The pairs :data:`QUIET_PAIRS` gives (of ``units`` and ``notice`` if given), each
    as its task's row, its unit and its last note; None if the cache cannot answer."""
    where = ""
    params: dict[str, Any] = {"day": day.toordinal(), "cutoff": cutoff.toordinal()}
    if units is not None:
        where += f" AND unit IN ({', '.join(f':u{i}' for i in range(len(units)))})"
        params |= {f"u{i}": unit for i, unit in enumerate(units)}
    if notice is not None:
        where += " AND path = :notice"
        params["notice"] = next(k for k, e in index.entries.items() if e is notice)
    sql = f"""
SELECT q.path, q.unit, q.last, {TASK_COLUMNS} FROM (
    SELECT path, task, unit, {LAST_NOTE} AS last FROM pairs WHERE {QUIET_PAIRS}{where}
) q JOIN task_rows t ON t.path = q.path AND t.task = q.task"""
    found = index.read_checked([sql], params)
    if found is None:
        return None
    rows = TaskRows(index.ids)
    return [
        (rows.info(key, row), unit, date.fromordinal(last) if last is not None else None)
        for key, unit, last, *row in found[0]
    ]


# -- several offices' folders ---------------------------------------------------------------


def folders(index: PairIndex | CombinedPairs) -> list[tuple[str | None, PairIndex]]:
    """The folders whose rows ``index`` reads: one (no office), or each office's with its
    id (:class:`cchc_cli.store.multipairs.CombinedPairs`, ids qualified by office)."""
    from cchc_cli.store.multipairs import CombinedPairs

    if isinstance(index, CombinedPairs):
        return [(office, part) for office, part in index.parts]
    return [(None, index)]


def notices_by_id(index: PairIndex | CombinedPairs) -> dict[str, NoticeRow] | None:
    """Every loaded notice's row by its id as the dataset knows it (qualified by its
    office when several are read); None if a folder's cache cannot answer."""
    from cchc_cli.core.offices import notice_id

    found: dict[str, NoticeRow] = {}
    for office, part in folders(index):
        rows = notice_rows(part)
        if rows is None:
            return None
        for row in rows.values():
            ident = notice_id(office, row.id) if office else row.id
            found[ident] = row._replace(id=ident)
    return found


def quiet(
    index: PairIndex | CombinedPairs,
    day: date,
    cutoff: date,
    units: tuple[str, ...] | None = None,
    notice: NoticeIndex | None = None,
) -> list[tuple[TaskInfo, str, date | None]] | None:
    """:func:`quiet_pairs` of every folder ``index`` reads, ids as the dataset knows them."""
    from cchc_cli.store.multipairs import CombinedPairs

    if not isinstance(index, CombinedPairs):
        return quiet_pairs(index, day, cutoff, units, notice)
    from cchc_cli.core.offices import notice_id, unit_id

    own_notice = index.notices[notice.id] if notice is not None else None
    found: list[tuple[TaskInfo, str, date | None]] = []
    for number, (office, part) in enumerate(index.parts):
        prefix = unit_id(office, "")
        own = (
            None
            if units is None
            else tuple(u[len(prefix) :] for u in units if u.startswith(prefix))
        )
        if (own_notice is not None and own_notice[0] != number) or own == ():
            continue
        rows = quiet_pairs(part, day, cutoff, own, own_notice[1] if own_notice else None)
        if rows is None:
            return None
        for task, unit, last in rows:
            qualified = task._replace(
                notice=notice_id(office, task.notice),
                assigned=tuple(prefix + u for u in task.assigned),
                assignees=tuple(prefix + u for u in task.assignees),
            )
            found.append((qualified, prefix + unit, last))
    return found
