"""The open rows the due and overdue lists are read from (store/duerows.py, issue 17).

One row per task, stretch of days and last day of its open units: stretches that leave
the same units open by the same days are one row, and a day asked about reads the row
in force that day, on the very days a completion, a reopening, an extension or a
cancellation was recorded and on the days around them.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date

from cchc_cli.store.duerows import OpenRow, Stretch, open_rows, shape
from cchc_cli.store.pairs import NEVER, SEPARATOR


def _open(task: str, stretches: list[Stretch]) -> list[tuple[object, ...]]:
    """The open rows of a task with no deadline, text "x" and no assignees listed: their
    days and their shape read back as (units, closed units)."""

    def back(row: OpenRow) -> tuple[object, ...]:
        ident, begin, end, last, _, shaped, _, _ = row
        units, closed, _, _ = json.loads(shaped)
        return (ident, begin, end, last, units, closed)

    return [back(row) for row in open_rows((task, 0, "x", None, "[]", "[]", "[]"), stretches)]


NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
#: A unit done then reopened, extensions for one unit and a whole task, a cancellation,
#: a commune done: each recorded on its own day.
PROGRESS = """\
- {task: cchc-2023-11/2.3, done: 2023-11-24}
- {task: cchc-2023-11/2.3, reopened: 2023-11-28, reason: Thiếu tài liệu}
- {task: cchc-2023-11/1.2, extended: 2023-12-20, reason: Chờ số liệu, on: 2023-12-05}
"""
OFFICE = """\
- {task: cchc-2023-11/1.2, extended: 2023-12-31, reason: Chờ tập huấn, on: 2023-11-25}
- {task: cchc-2023-11/2.1, cancelled: 2023-12-10, reason: Không còn phù hợp}
"""
COMMUNE = "- {task: cchc-2023-11/1.2, done: 2023-12-01}\n"
#: Every day something was recorded or a last day falls.
CHANGES = ("2023-11-24", "2023-11-25", "2023-11-28", "2023-12-01", "2023-12-05", "2023-12-10")
#: Those days and the days either side of them.
DAYS = sorted(
    {
        date.fromordinal(date.fromisoformat(day).toordinal() + shift).isoformat()
        for day in (*CHANGES, "2023-12-20", "2023-12-31")
        for shift in (-1, 0, 1)
    }
)


def test_stretches_that_leave_the_same_units_open_by_the_same_days_are_one_row():
    values = [("a", 0, 10, None, 0), ("b", 1, 10, None, 0), ("c", 2, None, None, 0)]
    done_b = [("a", 0, 10, None, 0), ("b", 1, 10, 5, 0), ("c", 2, None, None, 0)]
    extended_a = [("a", 0, 12, None, 0), ("b", 1, 10, 5, 0), ("c", 2, None, None, 0)]
    stretches = [(1, 3, values), (3, 5, values), (5, 8, done_b), (8, NEVER, extended_a)]
    assert _open("t", stretches) == [
        # An ongoing unit (c) is open but listed by neither list: in no row.
        ("t", 1, 5, 10, f"a{SEPARATOR}b", ""),
        ("t", 5, 8, 10, "a", "b"),
        ("t", 8, NEVER, 12, "a", "b"),
    ]


def test_units_open_by_different_days_and_closed_ones_are_told_apart():
    values = [
        ("a", 0, 12, None, 0),
        ("b", 1, 10, None, 0),
        ("c", 2, 12, None, 0),
        ("d", 3, 10, 9, 0),
        ("e", 4, 10, None, 1),
    ]
    closed = f"d{SEPARATOR}e"
    assert _open("t", [(1, NEVER, values)]) == [
        ("t", 1, NEVER, 12, f"a{SEPARATOR}c", closed),
        ("t", 1, NEVER, 10, "b", closed),
    ]
    # A task all of whose units are closed, or ongoing, has none.
    cancelled = [("a", 0, 12, None, 1), ("b", 1, None, None, 0)]
    assert _open("t", [(1, NEVER, cancelled)]) == []


def test_an_open_row_holds_what_the_tables_print_of_its_task():
    values = [("a", 0, 12, None, 0), ("b", 1, 12, 9, 0)]
    row = ("1.2", 3, "y" * 100, "trước 15/12", '["a","b"]', '["a","b"]', "[]")
    cut = "y" * 69 + "…"
    assert open_rows(row, [(1, NEVER, values)]) == [
        ("1.2", 1, NEVER, 12, 3, shape("a", "b", '["a","b"]', '["a","b"]'), "trước 15/12", cut)
    ]


def _with_progress(data_dir):
    (data_dir / "progress" / "noi-vu.yaml").write_text(PROGRESS, "utf-8")
    (data_dir / "progress" / "_office.yaml").write_text(OFFICE, "utf-8")
    (data_dir / "progress" / "ho-xa.yaml").write_text(COMMUNE, "utf-8")


def _views(day: str) -> list[list[str]]:
    due = ["due", "--as-of", day, "--within", "20"]
    overdue = ["overdue", "--as-of", day]
    asked = []
    for view in (due, overdue):
        asked += [view, [*view, "-f", "csv"], [*view, "--unit", "xa-thi-tran"]]
        asked += [[*view, "--unit", "noi-vu", "--notice", "cchc-2023"]]
    return asked


def test_the_rows_in_force_on_the_days_around_each_change_print_what_the_notices_give(
    cchc, data_dir
):
    _with_progress(data_dir)
    asked = [args for day in DAYS for args in _views(day)]
    slow = [cchc(*args, "--no-cache", COLUMNS="160") for args in asked]
    cchc("status")  # fills the cache
    fast = [cchc(*args, COLUMNS="160") for args in asked]
    for args, expected, found in zip(asked, slow, fast, strict=True):
        assert (found.stdout, found.stderr, found.exit_code) == (
            expected.stdout,
            expected.stderr,
            expected.exit_code,
        ), args
    assert any("cchc-2023-11/" in found.stdout for found in fast)


def test_due_and_overdue_tables_are_read_from_the_open_rows(cchc, data_dir):
    # With every pair row gone (and nothing else changed), the tables still print all
    # they printed: they come from the open and task rows alone.
    _with_progress(data_dir)
    asked = [args for day in ("2023-11-20", "2023-11-28", "2023-12-11") for args in _views(day)]
    tables = [args for args in asked if "-f" not in args]
    cchc("status")  # fills the cache
    expected = [cchc(*args, COLUMNS="80") for args in tables]
    with sqlite3.connect(data_dir / ".cchc" / "cache.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM open_rows").fetchone()[0] > 0
        connection.execute("DELETE FROM pairs")
    found = [cchc(*args, COLUMNS="80") for args in tables]
    assert [r.stdout for r in found] == [r.stdout for r in expected]
    assert any("cchc-2023-11/" in r.stdout for r in found)


def test_the_due_list_is_ordered_by_one_number_per_task_as_by_the_keys_it_stands_for():
    """By last day, the notice's place, the id's natural order (equal for "01" and "1"),
    then the place in the file: what comparing those keys one by one gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cchc_cli.store.duerows import DueTask
    from cchc_cli.store.pairs import TaskInfo, Written
    from cchc_cli.views.query import due_order, natural_key, task_ranks

    ids = st.sampled_from(["1", "01", "2", "2.9", "2.10", "10", "a", "a1", "b.2"])
    task = st.tuples(st.sampled_from(["n1", "n2", "n3"]), ids, st.integers(0, 4), st.integers(0, 3))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(task, max_size=20, unique_by=lambda t: (t[0], t[2])))
    def check(found):
        places = {"n2": 0, "n1": 1, "n3": 2}
        tasks = [
            DueTask(
                TaskInfo(n, i, seq, "", Written(None), (), ()),
                date(2024, 1, 1 + d),
                (),
                frozenset(),
            )
            for n, i, seq, d in found
        ]
        keys = [(t[1], places[t[0].notice], natural_key(t[0].id), t[0].seq) for t in tasks]
        assert due_order(tasks, places) == sorted(range(len(tasks)), key=keys.__getitem__)
        # The overdue list ranks its lines by task_ranks: in the order of _TaskOrder's keys.
        infos = [t[0] for t in tasks]
        ranks = task_ranks(infos, places)
        by_key = [(places[t.notice], natural_key(t.id), t.seq) for t in infos]
        for a, b in itertools.product(range(len(infos)), repeat=2):
            assert (ranks[a] < ranks[b]) == (by_key[a] < by_key[b])

    check()
