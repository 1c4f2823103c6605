"""Red team, session 8: the cache's answers proved by a count (store/pairquery.py) and the
first run's count over the pair rows (store/tally.py), one test per break found.

Each test names what went wrong before its fix.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.store import pairquery
from cchc_cli.store.cache import FileCache
from cchc_cli.store.loader import load
from cchc_cli.store.pairs import PairIndex
from cchc_cli.store.snaplazy import Deferred
from runner import cchc
from test_tally import copies

ON = ("--as-of", "2023-12-20")
ASKED = [
    ["status", *ON],
    ["status", "--by", "notice", *ON],
    ["due", "--before", "2023-12-10", "--as-of", "2023-11-25"],
    ["report", "-f", "json", *ON],
]


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / ".cchc" / "cache.sqlite", isolation_level=None)


def execute(folder: Path, sql: str, *params: object) -> None:
    connection = database(folder)
    try:
        connection.execute(sql, params)
    finally:
        connection.close()


@pytest.mark.parametrize("damaged", ['{"depends":"x"}', '{"depends":"x","extra":[]}', "[]"])
@pytest.mark.parametrize("args", ASKED, ids=lambda a: " ".join(a[:3]))
def test_a_damaged_pairs_part_is_the_long_way_not_a_traceback(data_dir, args, damaged):
    # Found: the snapshot's pair keys became a Deferred, decoded when first read, outside
    # the restore that sends a part that does not decode the long way: a "pairs" part
    # damaged into other JSON was a KeyError (AttributeError) traceback in every command,
    # on every run, once the count no longer proved the rows (or a tally was stale).
    copies(data_dir, ("c-1", "c-2", "c-3"))
    expected = cchc(*args, "--no-cache")
    assert cchc(*args).exit_code == expected.exit_code
    execute(data_dir, "UPDATE snapshot SET data = ? WHERE part = 'pairs'", damaged)
    execute(data_dir, "UPDATE meta SET value = value + 7 WHERE key = ?", pairquery.CHANGES)
    for _ in range(2):  # the long way, then the snapshot it stored again
        found = cchc(*args)
        assert found.exception is None or isinstance(found.exception, SystemExit)
        assert (found.exit_code, found.stdout) == (expected.exit_code, expected.stdout)


def test_a_count_read_from_a_cache_made_anew_meanwhile_proves_nothing(data_dir):
    # Found: the count of changes to pair_sources began at 0 in every new database, so
    # a first run of the same folder always reached the same count (one per notice).
    # A run restored from a snapshot (its proof: that count) while another process
    # cleared the cache, and a first run after an edit made it again at the same path,
    # took the new database's rows for its own: the rows of the edited folder.
    copies(data_dir, ("c-1", "c-2", "c-3"))
    assert cchc("status", "--data", data_dir, *ON).exit_code == 0
    cache = FileCache.open(data_dir)
    assert cache is not None
    seen = load(data_dir, cache)
    index = seen.pairs
    assert isinstance(index, PairIndex) and index.token  # restored, proved by the count
    day = date(2023, 12, 20)
    before = (index.statuses(day), index.counts(day))
    assert before[0] and before[1]
    assert cchc("cache", "clear", "--data", data_dir).exit_code == 0
    edited = data_dir / "notices" / "c-2.yaml"
    edited.write_text(edited.read_text("utf-8").replace("24/11/2023", "24/01/2024"), "utf-8")
    for _ in range(2):  # a first run, then one that makes the tally
        assert cchc("status", "--data", data_dir, *ON).exit_code == 0
    assert index.statuses(day) in (None, before[0])
    assert index.counts(day) in (None, before[1])


def test_a_deferred_dictionary_is_filled_whichever_way_it_is_read():
    # Found: dict's own ==, |, and reversed() read the storage, empty until filled: two
    # equal Deferred compared unequal, ``Deferred | d`` was d, reversed() was empty.
    def made() -> Deferred[str, str]:
        return Deferred(lambda: {"a": "1", "b": "2"})

    assert made() == made()
    assert not made() != made()  # noqa: SIM202
    assert made() != Deferred(lambda: {"a": "1"})
    assert made() | {"c": "3"} == {"a": "1", "b": "2", "c": "3"}
    assert {"c": "3"} | made() == {"c": "3", "a": "1", "b": "2"}
    assert list(reversed(made())) == ["b", "a"]
