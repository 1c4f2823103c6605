"""The due and overdue tables read each task's text already cut to the tables' width
(``open_rows.cut``), not the whole text, which only what programs read prints, and all
they print from the open rows alone."""

from __future__ import annotations

import json
import sqlite3

from cchc_cli.core.vntext import shorten
from cchc_cli.store.duerows import CUT_WIDTH
from cchc_cli.views.layout import TEXT_WIDTH
from test_rows2 import _views, _with_progress


def test_the_rows_cut_the_text_to_the_widest_a_table_shows_it():
    assert CUT_WIDTH == TEXT_WIDTH


def test_each_open_row_holds_its_text_cut_as_the_tables_cut_it(cchc, data_dir):
    cchc("status")  # fills the cache
    with sqlite3.connect(data_dir / ".cchc" / "cache.sqlite") as connection:
        rows = connection.execute(
            "SELECT t.text, o.cut FROM open_rows o JOIN task_rows t USING (path, task)"
        ).fetchall()
    connection.close()
    assert rows and all(cut == shorten(text, CUT_WIDTH) for text, cut in rows)
    assert any(cut != text for text, cut in rows)


def test_the_tables_print_the_cut_text_and_programs_the_whole_text(cchc, data_dir):
    _with_progress(data_dir)
    asked = [args for day in ("2023-11-20", "2023-12-11") for args in _views(day)]
    tables = [args for args in asked if "-f" not in args]
    cchc("status")  # fills the cache
    data = ["due", "--as-of", "2023-11-20", "--within", "20", "-f", "json"]
    whole = cchc(*data).stdout
    with sqlite3.connect(data_dir / ".cchc" / "cache.sqlite") as connection:
        connection.execute("UPDATE open_rows SET cut = 'CUT ' || task")
    connection.close()
    found = [cchc(*args, COLUMNS="160").stdout for args in tables]
    assert all("cchc-2023-11/" not in out or "CUT " in out for out in found)
    assert any("CUT " in out for out in found)
    # JSON and CSV are made from the pair rows, with the whole text.
    assert cchc(*data).stdout == whole
    records = json.loads(whole)
    assert records and not any(r["text"].startswith("CUT ") for r in records)
    assert any(len(r["text"]) > CUT_WIDTH for r in records)


def test_the_tables_read_no_task_row(cchc, data_dir):
    # With every task row gone (and nothing else changed), the tables still print all
    # they printed: they come from the open rows alone.
    _with_progress(data_dir)
    asked = [args for day in ("2023-11-20", "2023-12-11") for args in _views(day)]
    tables = [args for args in asked if "-f" not in args]
    cchc("status")  # fills the cache
    expected = [cchc(*args, COLUMNS="80").stdout for args in tables]
    with sqlite3.connect(data_dir / ".cchc" / "cache.sqlite") as connection:
        connection.execute("DELETE FROM task_rows")
    connection.close()
    assert [cchc(*args, COLUMNS="80").stdout for args in tables] == expected
    assert any("cchc-2023-11/" in out for out in expected)


def test_the_open_rows_come_a_task_at_a_time_and_unsorted(cchc, data_dir):
    # The due and overdue loops tell a task's rows by the row before: the query asks for
    # the table's key order, and SQLite reads the table in it, sorting nothing.
    from cchc_cli.store.duerows import DUE_SQL, LATE_SQL

    cchc("status")  # fills the cache
    with sqlite3.connect(data_dir / ".cchc" / "cache.sqlite") as connection:
        for sql in (DUE_SQL, LATE_SQL):
            for where in ("", " AND o.path = :notice"):
                text = sql.format(where=where)
                assert text.rstrip().endswith("ORDER BY o.path, o.task, o.from_day, o.last_day")
                params = {"day": 0, "last": 0, "notice": ""}
                plan = connection.execute(f"EXPLAIN QUERY PLAN {text}", params).fetchall()
                assert not any("TEMP B-TREE" in row[-1] for row in plan), plan
    connection.close()


def test_a_task_extended_for_some_units_is_one_due_row_and_shares_its_overdue_lines(cchc, data_dir):
    from datetime import date

    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.duerows import due_tasks, late_tasks
    from cchc_cli.store.loader import load

    # 1.2 extended to 2023-12-31, then for noi-vu to 2023-12-20: two open rows from
    # 2023-12-05 (two last days), one due row, two overdue lines of one task.
    _with_progress(data_dir)
    cchc("status")  # fills the cache
    index = load(data_dir, FileCache.open(data_dir)).pairs
    assert index is not None
    day = date(2023, 12, 6)
    due = due_tasks(index, day, date(2023, 12, 31))
    assert due is not None
    refs = [row.task.ref for row in due]
    assert len(refs) == len(set(refs)) and "cchc-2023-11/1.2" in refs
    late = late_tasks(index, date(2024, 1, 5))
    assert late is not None
    lines = [line for line in late if line[0].ref == "cchc-2023-11/1.2"]
    assert len(lines) == 2 and lines[0][0] is lines[1][0]


def test_natural_key_makes_numbers_of_the_runs_of_digits_alone():
    from cchc_cli.views.query import natural_key

    assert natural_key("tb-00024") == ("tb-", 24, "")
    assert natural_key("2.10") == ("", 2, ".", 10, "")
    assert natural_key("") == ("",)
    assert natural_key("a٣4") == ("a", 34, "")  # an Arabic-Indic three: a digit
    # A superscript is no digit of a number (the key once tried int("²") and failed).
    assert natural_key("²") == ("²",)
    assert sorted(["2.10", "2.9", "10", "8"], key=natural_key) == ["2.9", "2.10", "8", "10"]
