"""``list`` filters and ``export`` answered from the cache's rows (issue 17): which
notices to read back is found in SQL, and only those are read; what they print is,
byte for byte, what reading every notice gives (``--no-cache``)."""

from __future__ import annotations

import sqlite3

from cchc_cli.store import cache as cache_module

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"

#: The task rows as revision 4 of the cache made them (no coordinating units).
OLD_TASK_ROWS = """
CREATE TABLE task_rows (
    path TEXT NOT NULL, task TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
    deadline TEXT, assigned TEXT NOT NULL, assignees TEXT NOT NULL,
    PRIMARY KEY (path, task)
) WITHOUT ROWID"""


def test_the_task_rows_of_an_older_cache_are_made_again_with_their_new_columns(
    cchc, data_dir
):
    assert cchc("status").exit_code == 0
    database = data_dir / ".cchc" / "cache.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE task_rows")
        connection.execute(OLD_TASK_ROWS)
        connection.execute("UPDATE meta SET value = 'older' WHERE key = 'version'")
    connection.close()
    asked = ["list", "--unit", "doan-thanh-nien", "--as-of", "2023-12-01"]
    expected = cchc(*asked, "--no-cache")
    assert cchc(*asked).stdout == expected.stdout
    with sqlite3.connect(database) as connection:
        version = connection.execute("SELECT value FROM meta").fetchone()[0]
        held = connection.execute("SELECT count(*) FROM task_rows WHERE with_units != '[]'")
        coordinated = held.fetchone()[0]
    connection.close()
    assert version == cache_module.VERSION and coordinated > 0
