"""Settle a snapshot's racily clean files once their content has been checked.

A file modified within :data:`~cchc_cli.store.cache.RACY_NS` of the time a snapshot was
written may change again without its stat changing, so each run that restores the
snapshot reads such a file whole and compares its SHA-256 (:mod:`.snapshot`). A folder
copied, cloned or unpacked just before its first run has *every* file in that window:
without this module every later run read and hashed all of them (2,000 notices: about
120 ms a run, forever, until some file changed).

Once a run has checked them and the window has passed, the snapshot's bound moves to
the start of that run: a later change to any of those files gives it a later mtime, so
its stat no longer matches the fingerprint. Files still inside the window keep their
SHA-256 and are checked again.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

from cchc_cli.store.cache import FileCache
from cchc_cli.store.snapcodec import to_json
from cchc_cli.store.snapshot import Listing, racy_files

#: The parts the move reads and writes, compared in one transaction before it writes.
_PARTS = ("fingerprint", "fingerprint_progress", "written", "shas")


def settle(cache: FileCache, listing: Listing, parts: dict[str, str], began: int) -> bool:
    """Move the bound of the snapshot ``parts`` (just restored, every racily clean file
    checked) to ``began``, the start of this run, when that leaves fewer files to check.

    ``listing`` is the folder's, as restored. Never waits for a lock and never fails the
    command: a busy, read-only or changed cache keeps its snapshot as it is. True if
    the snapshot was moved.
    """
    written = int(parts["written"])
    before = racy_files(listing, written)  # none, the usual case, found without a loop
    if not before or began <= written:
        return False
    after = racy_files(listing, began)
    if len(after) >= len(before):
        return False
    shas = json.loads(parts["shas"])
    if any(path not in shas for path in after):
        return False
    moved = {"written": str(began), "shas": to_json({path: shas[path] for path in after})}
    connection = cache.connection
    try:
        connection.execute("PRAGMA busy_timeout = 0")  # another run writes: not this time
        connection.execute("BEGIN IMMEDIATE")
        try:
            names = ", ".join("?" * len(_PARTS))
            sql = f"SELECT part, data FROM snapshot WHERE part IN ({names})"
            current = dict(connection.execute(sql, _PARTS))
            if current != {part: parts.get(part) for part in _PARTS}:
                connection.execute("ROLLBACK")
                return False
            connection.executemany(
                "UPDATE snapshot SET data = ? WHERE part = ?",
                [(data, part) for part, data in moved.items()],
            )
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
    except sqlite3.Error:
        return False
    return True
