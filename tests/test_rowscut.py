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
