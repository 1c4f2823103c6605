"""Reading the cache's pair rows with proof that they are the rows a dataset expects.

Each notice's pair rows are replaced together with its row of ``pair_sources``
(what they were computed from), and a query over them is answered only if
``pair_sources`` holds what the dataset expects, read in the same transaction
(:class:`cchc_cli.store.pairs.PairIndex`). At 100,000 tasks that check reads
10,000 rows and compares them: 5 to 10 ms of a 120 ms ``status``.

The database counts every change to ``pair_sources`` itself, with triggers
(:data:`CHANGES`, see :mod:`cchc_cli.store.tally`). When a snapshot of a load is
stored (:mod:`cchc_cli.store.snapshot`), in the transaction that writes it, the
count is kept with it (:data:`PAIRS_MADE`) if ``pair_sources`` then holds exactly
the keys the snapshot expects. A later run restored from that snapshot reads one
row: the same count means nothing has changed ``pair_sources`` since, so the
rows are still those expected, without reading them. Any other count (another
run wrote rows, an edit, a cache rebuilt) is checked row by row as before.

A run reads the snapshot, then the rows, each time opening the database at its path;
another process may have deleted it meanwhile (``cache clear``, another version's
run) and a first run made it anew there. Counted from 0, that database would reach
the count of the first run's snapshot in the old one, one per notice, whatever the
notices now hold: each database begins its count at random instead (:func:`begin`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

#: How many times ``pair_sources`` has changed, counted by the database itself.
CHANGES = "pair_sources_changes"
#: What the pair rows are now: the count of :data:`CHANGES` (text, as ``meta`` holds it).
MADE_SQL = f"SELECT coalesce((SELECT value FROM meta WHERE key = '{CHANGES}'), '0')"
#: The snapshot's part holding that count when ``pair_sources`` was exactly what it
#: expects ("": it was not, or unknown).
PAIRS_MADE = "pairs_made"
#: How long a reader waits for a writer to finish (seconds).
BUSY_TIMEOUT = 5.0


def begin(connection: sqlite3.Connection) -> None:
    """Begin the count of a database just made at a random number (48 bits)."""
    start = int.from_bytes(os.urandom(6), "big")
    connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (CHANGES, str(start)))


def made(connection: sqlite3.Connection) -> str:
    """What ``pair_sources`` is now, as the count of its changes."""
    return str(connection.execute(MADE_SQL).fetchone()[0])


def pairs_made(connection: sqlite3.Connection, expected: dict[str, str] | None) -> str:
    """:data:`PAIRS_MADE` for a snapshot expecting ``expected`` of ``pair_sources``, in the
    transaction that writes it: the count of changes if it holds exactly those, else ""."""
    if expected is None:
        return ""
    held = dict(connection.execute("SELECT path, key FROM pair_sources"))
    return made(connection) if held == expected else ""


def query_pairs(
    path: Path, queries: list[str], params: dict[str, Any], token: str | None = None
) -> tuple[dict[str, str] | None, list[list[tuple[Any, ...]]]] | None:
    """What each notice's pair rows were computed from, and the rows of ``queries`` over
    them (each given the ``params`` it names), read from the cache at ``path`` in one
    transaction (so the one describes the other); None if the cache cannot be read.

    With ``token`` (a snapshot's :data:`PAIRS_MADE`), the first is None when the count
    of changes is still that: the rows are exactly those the snapshot expects.
    """
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("BEGIN")
            sources: dict[str, str] | None = None
            if not token or made(connection) != token:
                sources = dict(connection.execute("SELECT path, key FROM pair_sources"))
            results = [connection.execute(sql, params).fetchall() for sql in queries]
            connection.execute("COMMIT")
            return sources, results
        finally:
            connection.close()
    except sqlite3.Error:
        return None
