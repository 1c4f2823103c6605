"""A row per notice, written with its pair rows, so views that name notices need not
read them back (issue 17).

:data:`NOTICE_ROWS` holds what ``status --by notice``, ``report`` and ``remind``
print of a notice or sort notices by: its id, number, title and issuer, the
first day its date of issue can mean (:func:`cchc_cli.views.query.notice_order`
sorts by it), the first day it exists (:func:`cchc_cli.core.asof.issued_from`)
and the day its tasks were given (:func:`cchc_cli.core.asof.assigned_on`). The
row is computed whenever the notice's pair rows are, from the same notice, and
replaced or deleted with them (:meth:`cchc_cli.store.cache.FileCache.finish`).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.core.asof import assigned_on, issued_from
from cchc_cli.core.model import Notice

if TYPE_CHECKING:
    from cchc_cli.store.pairs import PairIndex

#: A notice's row as stored: (id, number, title, issuer, issued, exists from, assigned
#: on), days as ordinals.
StoredNotice = tuple[str, str | None, str, str | None, int, int, int]

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
    return (
        notice.id,
        notice.number,
        notice.title,
        notice.issuer,
        notice.date.earliest().toordinal(),
        issued_from(notice).toordinal(),
        assigned_on(notice).toordinal(),
    )


def write_notices(
    connection: sqlite3.Connection, stale: list[str], rows: dict[str, StoredNotice]
) -> None:
    """Forget the rows of the files ``stale`` and write ``rows``, inside the caller's
    transaction (the one that replaces their pair rows)."""
    connection.executemany("DELETE FROM notice_rows WHERE path = ?", [(k,) for k in stale])
    connection.executemany(
        "INSERT OR REPLACE INTO notice_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(key, *row) for key, row in rows.items()],
    )


def read_checked(
    index: PairIndex, queries: list[str], params: dict[str, Any], exact: bool = False
) -> list[list[tuple[Any, ...]]] | None:
    """The rows of ``queries``, if the cache holds every notice's rows as computed from
    what was loaded (read in one snapshot with the check); with ``exact``, those and no
    others. Otherwise each query's first column is a file's key, and rows of files left
    out of the dataset (a duplicate id, an error now) are left out."""
    found = index.cache.query_pairs(queries, params)
    if found is None:
        return None
    held, results = found
    if any(held.get(key) != made for key, made in index.expected.items()):
        return None
    if exact:
        return results if len(held) == len(index.expected) else None
    return [[row for row in rows if row[0] in index.expected] for rows in results]


def notice_rows(index: PairIndex) -> dict[str, NoticeRow] | None:
    """Each loaded notice's row (file key -> row); None if the cache cannot answer."""
    found = read_checked(index, ["SELECT * FROM notice_rows"], {})
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
