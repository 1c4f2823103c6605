"""A first run without a cache, fourth pass (issue 17): fewer, larger writes and reads.

The rows of a first run are inserted many to a statement
(:func:`cchc_cli.store.cachewrite.insert_rows`); the table must hold exactly the rows
given, in their order, whatever their number.
"""

import sqlite3

import pytest

from cchc_cli.store.cachewrite import ROWS_PER_INSERT, insert_rows


@pytest.mark.parametrize(
    "count", [0, 1, ROWS_PER_INSERT - 1, ROWS_PER_INSERT, 2 * ROWS_PER_INSERT + 5]
)
def test_rows_inserted_many_to_a_statement_are_those_given_in_order(count):
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (a TEXT, b INTEGER, c INTEGER)")
    rows = [(f"r{i}", i, None if i % 3 else i * 2) for i in range(count)]
    insert_rows(connection, "t", 3, iter(rows))
    assert connection.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows
