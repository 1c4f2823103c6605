"""A warm run proves the pair rows are the ones its snapshot expects by one count, not
by reading every notice's row of ``pair_sources`` (store/pairquery.py, issue 17)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cchc_cli.store import pairquery
from cchc_cli.store.snaplazy import Deferred
from runner import cchc
from test_tally import copies

ASKED = [
    ["status", "--as-of", "2023-12-20"],
    ["status", "--by", "notice", "--as-of", "2023-12-20"],
    ["due", "--before", "2023-12-10", "--as-of", "2023-11-25"],
    ["overdue", "--as-of", "2024-01-15"],
    ["report", "--as-of", "2023-12-31", "-f", "json"],
]


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / ".cchc" / "cache.sqlite", isolation_level=None)


def part(folder: Path, name: str) -> str | None:
    connection = database(folder)
    try:
        row = connection.execute("SELECT data FROM snapshot WHERE part = ?", (name,)).fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def count(folder: Path) -> str:
    connection = database(folder)
    try:
        return pairquery.made(connection)
    finally:
        connection.close()


@pytest.fixture
def proofs(monkeypatch) -> list[bool]:
    """For each query over the pair rows since: True if the count proved them, False if
    ``pair_sources`` was read row by row."""
    found: list[bool] = []
    real = pairquery.query_pairs

    def spy(path, queries, params, token=None):
        answer = real(path, queries, params, token)
        if answer is not None:
            found.append(answer[0] is None)
        return answer

    # Every reader goes through PairIndex.read_checked (the tallies' counts too).
    from cchc_cli.store import pairs

    monkeypatch.setattr(pairs, "query_pairs", spy)
    return found


def test_a_snapshot_keeps_the_count_its_pair_rows_were_made_at(data_dir):
    copies(data_dir, ("c-1", "c-2", "c-3"))
    assert cchc("validate").exit_code in (0, 1)
    assert part(data_dir, pairquery.PAIRS_MADE) == count(data_dir) != "0"


@pytest.mark.parametrize("args", ASKED, ids=lambda a: " ".join(a[:3]))
def test_a_warm_run_is_proved_by_the_count_and_prints_the_same(data_dir, proofs, args):
    copies(data_dir, ("c-1", "c-2", "c-3"))
    expected = cchc(*args, "--no-cache")
    for _ in range(3):  # cold, making the tallies, warm
        found = cchc(*args)
        assert (found.exit_code, found.stdout) == (expected.exit_code, expected.stdout)
    proofs.clear()
    assert cchc(*args).stdout == expected.stdout
    assert proofs and all(proofs)


def test_rows_changed_since_are_read_row_by_row_and_never_trusted(data_dir, proofs):
    copies(data_dir, ("c-1", "c-2", "c-3"))
    asked = ["status", "--by", "notice", "--as-of", "2023-12-20"]
    expected = cchc(*asked, "--no-cache").stdout
    cchc(*asked)
    cchc(*asked)
    # Another writer (a run of another version, a damaged cache) changes what a notice's
    # rows are said to be made from: the database counts the change.
    connection = database(data_dir)
    try:
        key = connection.execute("SELECT path FROM pair_sources LIMIT 1").fetchone()[0]
        connection.execute("UPDATE pair_sources SET key = 'other' WHERE path = ?", (key,))
        connection.execute("DELETE FROM pairs WHERE path = ?", (key,))
    finally:
        connection.close()
    assert part(data_dir, pairquery.PAIRS_MADE) != count(data_dir)
    proofs.clear()
    assert cchc(*asked).stdout == expected
    assert proofs and not any(proofs)


def test_an_edit_keeps_the_proof_with_the_snapshot_it_patches(data_dir, proofs):
    copies(data_dir, ("c-1", "c-2", "c-3"))
    asked = ["status", "--as-of", "2023-12-20"]
    cchc(*asked)
    before = part(data_dir, pairquery.PAIRS_MADE)
    done = cchc("done", "c-2/2.3", "--as-of", "2023-11-24")
    assert done.exit_code == 0, done.stderr
    # The done rewrote that notice's rows and the snapshot's progress half, in one
    # transaction: the proof moved with them.
    assert part(data_dir, pairquery.PAIRS_MADE) == count(data_dir) != before
    proofs.clear()
    assert cchc(*asked).stdout == cchc(*asked, "--no-cache").stdout
    assert proofs and all(proofs)


def test_no_proof_is_kept_for_rows_other_than_those_expected(data_dir):
    copies(data_dir, ("c-1",))
    assert cchc("validate").exit_code in (0, 1)
    connection = database(data_dir)
    try:
        held = dict(connection.execute("SELECT path, key FROM pair_sources"))
        assert pairquery.pairs_made(connection, held) == pairquery.made(connection)
        assert pairquery.pairs_made(connection, {**held, "notices/x.yaml": "k"}) == ""
        assert pairquery.pairs_made(connection, {k: v + "x" for k, v in held.items()}) == ""
        assert pairquery.pairs_made(connection, None) == ""
    finally:
        connection.close()


def test_an_empty_proof_or_a_cache_that_cannot_be_read_proves_nothing(data_dir, tmp_path):
    copies(data_dir, ("c-1",))
    assert cchc("validate").exit_code in (0, 1)
    path = data_dir / ".cchc" / "cache.sqlite"
    sql = ["SELECT count(*) FROM pairs"]
    sources, _ = pairquery.query_pairs(path, sql, {}, "")
    assert sources is not None and len(sources) == 1
    sources, _ = pairquery.query_pairs(path, sql, {}, count(data_dir))
    assert sources is None
    (tmp_path / "not.sqlite").write_bytes(b"not a database" * 100)
    assert pairquery.query_pairs(tmp_path / "not.sqlite", sql, {}, "1") is None


def test_a_deferred_dictionary_compares_as_the_one_it_makes():
    # ``dict != Deferred`` (the plain one on the left) once compared the unfilled, empty,
    # dictionary: an edit found the pair rows "changed" and declined to patch.
    same, other = {"a": "1"}, {"a": "2"}
    assert not same != Deferred(lambda: {"a": "1"})  # noqa: SIM202
    assert other != Deferred(lambda: {"a": "1"})
    assert same == Deferred(lambda: {"a": "1"})
    assert not Deferred(lambda: {"a": "1"}) != same  # noqa: SIM202
