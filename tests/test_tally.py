"""The cache's row per notice and its counts of pairs (issue 17, store/tally.py)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_cli.store import tally
from cchc_cli.store.cache import FileCache
from cchc_cli.store.loader import load
from cchc_cli.store.pairs import IN_FORCE, NEVER, RECURRING
from cchc_cli.store.tally import notice_row
from test_oracle import FIRST, LAST, LAYOUTS, drawn_notices, notice_facts, notice_yaml, write_folder
from test_rows import EXAMPLES, run

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def copies(data_dir: Path, idents: tuple[str, ...]) -> None:
    """The reference notice as ``idents``, each with its own number and title."""
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    (notices / NOTICE).unlink()
    for ident in idents:
        copy = text.replace("cchc-2023-11", ident).replace('number: ""', f'number: "{ident}"')
        (notices / f"{ident}.yaml").write_text(copy, "utf-8")


def stored(data_dir: Path, table: str) -> set[tuple]:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        return set(connection.execute(f"SELECT * FROM {table}"))
    finally:
        connection.close()


def test_each_notice_has_its_row_written_and_forgotten_with_its_pair_rows(cchc, data_dir):
    copies(data_dir, ("c-1", "c-2", "c-10"))
    assert cchc("status", "--data", data_dir).exit_code == 0
    dataset = load(data_dir)
    cache = FileCache.open(data_dir)
    assert cache is not None
    expected = {(cache.key_of(n.path), *notice_row(n)[0]) for n in dataset.notices}
    cache.close()
    assert stored(data_dir, "notice_rows") == expected
    assert len(expected) == 3
    (data_dir / "notices" / "c-2.yaml").unlink()
    assert cchc("status", "--data", data_dir).exit_code == 0
    assert stored(data_dir, "notice_rows") == {r for r in expected if r[1] != "c-2"}


# -- the tallies never drift from the pair rows ------------------------------------------


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / ".cchc" / "cache.sqlite")


def remade(folder: Path, key: str) -> set[tuple]:
    """The tally by ``key`` as made afresh from the pair rows (in a copy of the cache)."""
    connection = sqlite3.connect(":memory:")
    try:
        database(folder).backup(connection)
        connection.execute(f"DELETE FROM {key}_tally")
        connection.execute(tally.changes_sql(key, "1"))
        return set(connection.execute(f"SELECT * FROM {key}_tally WHERE n != 0"))
    finally:
        connection.close()


#: The days of the columns ``{columns}`` of the pair rows, a day before and a day after.
SHIFTS = """
WITH d(day) AS (SELECT value FROM pairs, json_each(json_array({columns})))
SELECT DISTINCT day + shift FROM d, (SELECT -1 AS shift UNION SELECT 0 UNION SELECT 1)
WHERE day IS NOT NULL"""


def recurring(folder: Path) -> bool:
    """Whether a notice holds a recurring task (no pair rows: answered in Python)."""
    connection = database(folder)
    try:
        keys = [k for (k,) in connection.execute("SELECT key FROM pair_sources")]
    finally:
        connection.close()
    return any(k.startswith(RECURRING) for k in keys)


def sources(folder: Path) -> int:
    """How many notices have pair rows in the cache."""
    connection = database(folder)
    try:
        return connection.execute("SELECT count(*) FROM pair_sources").fetchone()[0]
    finally:
        connection.close()


def right_tallies(folder: Path) -> list[str]:
    """The tallies marked as made from the pair rows the cache holds, each checked against
    the tally made afresh and, day by day, against counting the pair rows."""
    connection = database(folder)
    try:
        made = tally.made(connection)
        states = dict(connection.execute("SELECT name, made_from FROM tally_state"))
        right = [key for key in (tally.UNIT, tally.NOTICE) if states.get(key) == made]
        for key in right:
            held = set(connection.execute(f"SELECT * FROM {key}_tally WHERE n != 0"))
            assert held == remade(folder, key), key
            # The base: the changes up to the tally's day, kept right by every write.
            at_day = "(SELECT at_day FROM tally_state WHERE name = ?)"
            sums = f"SELECT {key}, status, sum(n) FROM {key}_tally WHERE day <= {at_day}"
            expected = connection.execute(f"{sums} GROUP BY 1, 2 HAVING sum(n) != 0", (key,))
            assert set(connection.execute(f"SELECT * FROM {key}_base")) == set(expected), key
            # Every day a count can change on, and the days either side, that a count can
            # ask about (a date: not NEVER, the end of a row that has none).
            days = SHIFTS.format(columns="from_day, to_day, last_day, last_day + 1")
            for (day,) in connection.execute(f"{days} AND day + shift <= {date.max.toordinal()}"):
                params = {"day": day}
                summed = connection.execute(tally.count_sql(key), params)
                counted = connection.execute(
                    f"SELECT {key}, status, count(*) FROM ({IN_FORCE}) GROUP BY 1, 2", params
                )
                assert set(summed) == set(counted), (key, day)
    finally:
        connection.close()
    return right


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), layout=st.sampled_from(LAYOUTS), few=st.sampled_from([0, tally.FEW]))
def test_the_tallies_equal_the_pair_rows_after_notices_are_added_replaced_and_deleted(
    data, layout, few
):
    notices = drawn_notices(data, layout)
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as temp:
        patch.setattr(tally, "FEW", few)
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        status = ["status", "--as-of", "2024-01-01"]
        assert run(folder, status, None, cached=True)[2] in (0, 1)
        # Made when first read (not with a recurring task: answered in Python); but the
        # run that wrote every notice's rows counted over them, and left it to the next.
        both = set() if recurring(folder) else {tally.UNIT, tally.NOTICE}
        if few and sources(folder):
            assert right_tallies(folder) == []
            assert run(folder, status, None, cached=True)[2] in (0, 1)
        assert set(right_tallies(folder)) == both - {tally.NOTICE}
        run(folder, ["status", "--by", "notice"], None, cached=True)
        assert set(right_tallies(folder)) == both
        for step in range(data.draw(st.integers(1, 4))):
            files = sorted((folder / "notices").glob("*.yaml"))
            change = data.draw(st.sampled_from(["add", "replace", "delete"]))
            if change == "delete" and files:
                data.draw(st.sampled_from(files)).unlink()
            else:
                index = len(files) + 1 + step if change == "add" else data.draw(st.integers(1, 3))
                fact = data.draw(notice_facts(index, "inline"))
                (folder / "notices" / f"{fact.id}.yaml").write_text(notice_yaml(fact), "utf-8")
            # A load that counts nothing: the tallies are brought up to date by the write
            # itself (few=0) or left stale, never wrong.
            run(folder, ["due", "--as-of", "2024-01-01"], None, cached=True)
            kept = right_tallies(folder)
            if few == 0 and both and not recurring(folder):
                assert set(kept) == both


# -- status and report from the tallies print what the notices give -----------------------


def counts_asked(day: str, notice: str, unit: str) -> list[list[str]]:
    status = ["status", "--as-of", day]
    return [
        status,
        [*status, "--by", "notice"],
        [*status, "--unit", unit],
        [*status, "--notice", notice],
        [*status, "--by", "notice", "--unit", unit, "--lang", "en"],
        [*status, "--by", "notice", "--notice", notice, "-f", "json"],
        [*status, "-f", "csv"],
        [*status, "--by", "notice", "-f", "json"],
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    layout=st.sampled_from(LAYOUTS),
    days=st.lists(st.dates(FIRST, LAST), min_size=1, max_size=3),
    notice=st.sampled_from(["tb-1", "tb-2", "tb"]),
    unit=st.sampled_from(["u-an", "u-chau", "g-xa", "g-phong"]),
    columns=st.sampled_from([None, "80", "40"]),
)
def test_counts_from_the_tallies_print_what_the_notices_give(
    data, layout, days, notice, unit, columns
):
    notices = drawn_notices(data, layout)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        asked = [args for day in days for args in counts_asked(day.isoformat(), notice, unit)]
        slow = [run(folder, args, columns, cached=False) for args in asked]
        fast = [run(folder, args, columns, cached=True) for args in asked]
    for args, expected, found in zip(asked, slow, fast, strict=True):
        assert found == expected, args


def test_status_by_notice_reads_no_notice_back(cchc, data_dir, monkeypatch):
    copies(data_dir, ("c-1", "c-2", "c-10"))
    asked = [
        ["status", "--by", "notice", "--as-of", "2023-12-20", "--data", data_dir],
        ["status", "--by", "notice", "--lang", "en", "--data", data_dir, "-f", "json"],
        ["status", "--unit", "noi-vu", "--data", data_dir],
    ]
    expected = [cchc(*args, "--no-cache").stdout for args in asked]
    cchc("status", "--data", data_dir)  # fills the cache

    def refused(*args: object) -> None:
        raise AssertionError("a notice was read back")

    monkeypatch.setattr(FileCache, "read", refused)
    for args, output in zip(asked, expected, strict=True):
        found = cchc(*args)
        assert found.exception is None
        assert found.stdout == output


def report_asked(day: date, notice: str, unit: str) -> list[list[str]]:
    report = ["report", "--as-of", day.isoformat()]
    month = f"{day:%Y-%m}"
    return [
        report,
        [*report, "-f", "json"],
        [*report, "-f", "csv", "--unit", unit],
        [*report, "-f", "md", "--notice", notice, "--lang", "en"],
        [*report, "--period", f"{day.year - 1}", "-f", "json", "--order", "registry"],
        [*report, "--period", f"{day.year}-Q{(day.month + 2) // 3}", "--unit", unit],
        [*report, "--period", f"2023-10..{month}", "-f", "csv", "--notice", notice],
        [*report, "-f", "html", "--notice", notice],
        [*report, "-f", "html", "--period", f"{day.year}-Q{(day.month + 2) // 3}"],
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    layout=st.sampled_from(LAYOUTS),
    day=st.dates(FIRST, LAST),
    notice=st.sampled_from(["tb-1", "tb-2", "tb"]),
    unit=st.sampled_from(["u-an", "u-chau", "g-xa", "g-phong"]),
    columns=st.sampled_from([None, "80", "40"]),
)
def test_reports_from_the_rows_print_what_the_notices_give(
    data, layout, day, notice, unit, columns
):
    notices = drawn_notices(data, layout)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        write_folder(folder, notices, layout)
        asked = report_asked(day, notice, unit)
        slow = [run(folder, args, columns, cached=False) for args in asked]
        fast = [run(folder, args, columns, cached=True) for args in asked]
    for args, expected, found in zip(asked, slow, fast, strict=True):
        assert found == expected, args


def test_report_reads_no_notice_back(cchc, data_dir, monkeypatch):
    copies(data_dir, ("c-1", "c-2", "c-10"))
    (data_dir / "progress" / "noi-vu.yaml").write_text(
        "- {task: c-2/1.1, note: Đang làm, on: 2023-11-15}\n", "utf-8"
    )
    asked = [
        ["report", "--as-of", "2023-12-20", "--data", data_dir],
        ["report", "--period", "2024-03", "-f", "json", "--data", data_dir],
        ["report", "--unit", "noi-vu", "-f", "csv", "--notice", "c-1", "--data", data_dir],
    ]
    expected = [cchc(*args, "--no-cache").stdout for args in asked]
    cchc("status", "--data", data_dir)  # fills the cache

    def refused(*args: object) -> None:
        raise AssertionError("a notice was read back")

    monkeypatch.setattr(FileCache, "read", refused)
    for args, output in zip(asked, expected, strict=True):
        found = cchc(*args)
        assert found.exception is None
        assert found.stdout == output


def test_several_offices_count_and_report_from_their_rows(cchc, data_dir, tmp_path, monkeypatch):
    # Each folder's own rows, ids qualified by office; only the page reads notices (it
    # lists every pair), its trend counted from each folder's tally.
    other = tmp_path / "other"
    shutil.copytree(data_dir, other)
    (other / "progress" / "noi-vu.yaml").write_text(
        "- {task: cchc-2023-11/1.1, note: Đang làm, on: 2023-11-15}\n", "utf-8"
    )
    both = ["--data", data_dir, "--data", other, "--as-of", "2024-03-20"]
    page = ["report", *both, "-f", "html", "--period", "2023-Q4"]
    asked = [
        ["report", *both],
        ["report", *both, "-f", "json", "--by", "unit", "--unit", "other/noi-vu"],
        ["report", *both, "-f", "csv", "--by", "unit", "--notice", "other:cchc-2023-11"],
        ["status", *both, "--by", "notice"],
    ]
    expected = [cchc(*args, "--no-cache") for args in [page, *asked]]
    cchc("status", *both)  # fills both caches
    found = [cchc(*page)]

    def refused(*args: object) -> None:
        raise AssertionError("a notice was read back")

    monkeypatch.setattr(FileCache, "read", refused)
    found += [cchc(*args) for args in asked]
    for args, slow, fast in zip([page, *asked], expected, found, strict=True):
        assert fast.exception is None or slow.exception is not None, args
        assert (fast.stdout, fast.exit_code) == (slow.stdout, slow.exit_code), args


# -- a count far from its tally's day moves the base there --------------------------------


def tally_day(data_dir: Path) -> date:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        (day,) = connection.execute("SELECT at_day FROM tally_state WHERE name = 'unit'").fetchone()
    finally:
        connection.close()
    return date.fromordinal(day)


def fill(cchc) -> None:
    """The cache filled by a run that counts nothing: the next count makes its tally (a
    run that writes every notice's rows counts over them instead)."""
    assert cchc("due").exit_code in (0, 1)


def test_a_tally_holds_no_change_on_a_day_no_count_asks_about(cchc, data_dir):
    # Most pair rows never end (to_day NEVER): their ends would be a third of what a
    # tally made afresh sorts, and no count reads them.
    fill(cchc)
    assert cchc("status", "--as-of", "2023-11-20").exit_code == 0
    assert cchc("status", "--by", "notice", "--as-of", "2023-11-20").exit_code == 0
    connection = database(data_dir)
    try:
        (endless,) = connection.execute("SELECT count(*) FROM pairs WHERE to_day = ?", (NEVER,))
        assert endless[0] > 0
        for key in (tally.UNIT, tally.NOTICE):
            sql = f"SELECT count(*) FROM {key}_tally WHERE day >= ?"
            assert connection.execute(sql, (NEVER,)).fetchone() == (0,), key
    finally:
        connection.close()
    assert right_tallies(data_dir) == [tally.UNIT, tally.NOTICE]


def test_a_count_far_from_its_tallys_day_moves_the_base_there(cchc, data_dir):
    # A cache made one day and counted months later read every change between, each run.
    fill(cchc)
    assert cchc("status", "--as-of", "2023-11-20").exit_code == 0
    assert tally_day(data_dir) == date(2023, 11, 20)
    near = cchc("status", "--as-of", "2023-12-15")
    assert near.exit_code == 0
    assert tally_day(data_dir) == date(2023, 11, 20)  # within tally.FAR days: no write
    far = cchc("status", "--as-of", "2024-06-01")
    assert far.stdout == cchc("status", "--as-of", "2024-06-01", "--no-cache").stdout
    assert tally_day(data_dir) == date(2024, 6, 1)
    # The base is the tally's changes up to its new day, and every day counts right.
    assert right_tallies(data_dir) == [tally.UNIT]
    for day in ("2023-11-20", "2023-12-15", "2024-06-01", "2026-01-01"):
        cached = cchc("status", "--as-of", day).stdout
        assert cached == cchc("status", "--as-of", day, "--no-cache").stdout, day


def test_a_busy_cache_is_counted_without_waiting_and_its_base_left(cchc, data_dir):
    fill(cchc)
    assert cchc("status", "--as-of", "2023-11-20").exit_code == 0
    writer = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process writing
        far = cchc("status", "--as-of", "2024-06-01")
        assert far.exit_code == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert far.stdout == cchc("status", "--as-of", "2024-06-01", "--no-cache").stdout
    assert tally_day(data_dir) == date(2023, 11, 20)
    assert right_tallies(data_dir) == [tally.UNIT]


def test_a_report_counting_many_months_moves_a_base_once(cchc, data_dir, tmp_path, monkeypatch):
    # The page's trend counts a day in each of six months: one write, not one a month.
    assert cchc("status", "--as-of", "2023-11-20").exit_code == 0
    moved: list[tuple[str, date]] = []
    real = tally.rebase
    monkeypatch.setattr(tally, "rebase", lambda i, k, d: (moved.append((k, d)), real(i, k, d)))
    page = tmp_path / "bao-cao.html"
    result = cchc("report", "--format", "html", "--output", page, "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert len(moved) == len({key for key, _ in moved}) == 1
    assert right_tallies(data_dir) == [tally.UNIT]


def test_a_first_run_counts_over_the_rows_it_wrote_and_the_next_count_makes_the_tally(
    cchc, data_dir, tmp_path, monkeypatch
):
    # Making a tally costs about fifteen passes over the pair rows: a first run (cold,
    # every notice's rows written) counts once, so it counts over the rows.
    copies(data_dir, ("c-1", "c-2", "c-3"))
    made: list[str] = []
    real = tally.remake
    monkeypatch.setattr(tally, "remake", lambda i, k, d: (made.append(k), real(i, k, d))[1])
    asked = ["status", "--as-of", "2023-12-20"]
    expected = cchc(*asked, "--no-cache").stdout
    first = cchc(*asked)
    assert (first.exit_code, first.stdout, made) == (0, expected, [])
    assert right_tallies(data_dir) == []
    # The next run finds the tally stale, and makes it: it is being read again.
    assert cchc(*asked).stdout == expected
    assert made == [tally.UNIT]
    assert right_tallies(data_dir) == [tally.UNIT]
    assert cchc(*asked).stdout == expected
    assert made == [tally.UNIT]  # then read as made
    # A first run that counts many days (the page's trend) makes it at its second count.
    assert cchc("cache", "clear").exit_code == 0
    page = tmp_path / "bao-cao.html"
    report = ["report", "--format", "html", "--output", page, "--as-of", "2024-06-01"]
    assert cchc(*report).exit_code == 0
    assert made == [tally.UNIT, tally.UNIT]
    assert right_tallies(data_dir) == [tally.UNIT]


def test_a_run_that_wrote_few_notices_rows_makes_a_stale_tally_at_once(cchc, data_dir):
    copies(data_dir, tuple(f"c-{n}" for n in range(1, 9)))
    fill(cchc)
    assert cchc("status", "--by", "notice", "--as-of", "2023-12-20").exit_code == 0
    assert right_tallies(data_dir) == [tally.NOTICE]
    # One notice of eight changed: its rows rewritten by this run, the unit tally (never
    # made) made by its first count.
    path = data_dir / "notices" / "c-5.yaml"
    path.write_text(path.read_text("utf-8").replace("c-5", "c-5b"), "utf-8")
    asked = ["status", "--as-of", "2023-12-20"]
    assert cchc(*asked).stdout == cchc(*asked, "--no-cache").stdout
    assert right_tallies(data_dir) == [tally.UNIT, tally.NOTICE]
