"""The snapshot read and written by parts: an edit rewrites only the progress half, and
never over a notices' half another run stored meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from runner import cchc

ON = ("--as-of", "2023-11-24")
PROGRESS_HALF = (
    "fingerprint_progress",
    "shas",
    "progress",
    "progress_diagnostics",
    "progress_files",
    "pairs",
)


def parts(data_dir: Path) -> dict[str, str]:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        return dict(connection.execute("SELECT part, data FROM snapshot"))
    finally:
        connection.close()


def put_part(data_dir: Path, part: str, data: str) -> None:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        with connection:
            connection.execute("INSERT OR REPLACE INTO snapshot VALUES (?, ?)", (part, data))
    finally:
        connection.close()


def same_as_without_cache(*args: str) -> None:
    warm = cchc(*args, "--as-of", "2023-11-30")
    cold = cchc(*args, "--as-of", "2023-11-30", "--no-cache")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


def test_done_rewrites_the_progress_half_alone(data_dir, monkeypatch):
    """The notices' half (index, diagnostics, fingerprint, validate's lines: about 1 MB at
    20,000 tasks) is neither read nor written again by an edit."""
    from cchc_cli.store.cache import FileCache

    assert cchc("status", *ON).exit_code == 0
    # A row no load writes: a snapshot written anew would drop it.
    put_part(data_dir, "untouched", "[]")
    before = parts(data_dir)
    written: list[set[str]] = []
    real = FileCache.put_snapshot

    def spy(self, made, *args, **kwargs):
        written.append(set(made))
        return real(self, made, *args, **kwargs)

    monkeypatch.setattr(FileCache, "put_snapshot", spy)
    assert cchc("done", "2.3", *ON).exit_code == 0
    monkeypatch.undo()
    assert written == [set(PROGRESS_HALF)]
    after = parts(data_dir)
    assert after["untouched"] == "[]"
    assert after["progress"] != before["progress"]
    # With the pair rows, the count they are proved at (store/pairquery.py) is replaced.
    assert after["pairs_made"] != before["pairs_made"]
    half = {*PROGRESS_HALF, "pairs_made"}
    kept = {p: d for p, d in after.items() if p not in half}
    assert kept == {p: d for p, d in before.items() if p not in half}
    for args in (("status",), ("show", "2.3"), ("overdue",), ("validate",)):
        same_as_without_cache(*args)


def test_done_leaves_a_snapshot_stored_meanwhile_as_it_is(data_dir, monkeypatch):
    from cchc_cli.store import progress_patch

    assert cchc("status", *ON).exit_code == 0
    real = progress_patch.load_progress

    def another_run_stores_a_snapshot(*args, **kwargs):
        # After the patch read the snapshot, before it writes: another load stored its own.
        put_part(data_dir, "written", "1")
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_patch, "load_progress", another_run_stores_a_snapshot)
    before = parts(data_dir)
    assert cchc("done", "2.3", *ON).exit_code == 0
    monkeypatch.undo()
    after = parts(data_dir)
    # The other run's snapshot is kept whole: no progress half of this run's put over it.
    assert {p: after[p] for p in PROGRESS_HALF} == {p: before[p] for p in PROGRESS_HALF}
    assert after["written"] == "1"
    for args in (("status",), ("show", "2.3"), ("overdue",), ("validate",)):
        same_as_without_cache(*args)


# -- the index decoded when read (store/snaplazy.py) ----------------------------------


def test_a_warm_status_decodes_no_index_entry(data_dir, monkeypatch):
    from cchc_cli.store import snapcodec

    assert cchc("status", *ON).exit_code == 0
    assert cchc("status", *ON).exit_code == 0  # the cache is warm
    decoded: list[int] = []
    real = snapcodec.index_from
    monkeypatch.setattr(
        snapcodec, "index_from", lambda data: decoded.append(1) or real(data), raising=True
    )
    from cchc_cli.store import snaplazy

    monkeypatch.setattr(snaplazy, "index_from", snapcodec.index_from)
    warm = cchc("status", *ON)
    assert decoded == []
    assert cchc("show", "2.3", *ON).exit_code == 0
    assert decoded == [1]  # show reads the index: decoded then, once
    monkeypatch.undo()
    cold = cchc("status", *ON, "--no-cache")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--before", "2024-01-01"),
        ("overdue",),
        ("overdue", "-f", "json"),
        ("status", "--by", "notice"),
    ],
)
def test_warm_due_and_overdue_decode_no_index_entry(data_dir, monkeypatch, args):
    """They name and order the open rows' tasks by the ids and days kept apart from the
    index, not by the index."""
    from cchc_cli.store import snapcodec, snaplazy

    assert cchc("status", *ON).exit_code == 0
    decoded: list[int] = []
    real = snapcodec.index_from
    monkeypatch.setattr(snaplazy, "index_from", lambda data: decoded.append(1) or real(data))
    warm = cchc(*args, *ON)
    assert decoded == []
    monkeypatch.undo()
    cold = cchc(*args, *ON, "--no-cache")
    assert warm.stdout.count("\n") > 3
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


def test_a_warm_status_reads_not_even_the_notices_ids(data_dir, monkeypatch):
    from cchc_cli.store import snaplazy

    assert cchc("status", *ON).exit_code == 0
    read: list[int] = []
    real = snaplazy.LazyIndex._id_columns
    monkeypatch.setattr(
        snaplazy.LazyIndex, "_id_columns", lambda self: read.append(1) or real(self)
    )
    assert cchc("status", *ON).exit_code == 0
    assert read == []
    assert cchc("due", "--before", "2024-01-01", *ON).exit_code == 0
    assert read != []


def test_a_snapshot_of_before_the_ids_part_is_read_the_long_way(data_dir):
    """A cache written when the ids and days were in the index part (its checksum
    right): not read, and stored again in the form of now."""
    import json

    from cchc_cli.store.snaplazy import checksum

    assert cchc("status", *ON).exit_code == 0
    stored = parts(data_dir)
    ids, issued = json.loads(stored["index_ids"])
    rest = json.dumps(json.loads(stored["index"]) | {"ids": ids, "issued": issued})
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    with connection:
        connection.execute("DELETE FROM snapshot WHERE part = 'index_ids'")
    connection.close()
    put_part(data_dir, "index", rest)
    put_part(data_dir, "index_sum", str(checksum(rest, checksum(stored["index_rows"]))))
    for args in (("due", "--before", "2024-01-01"), ("overdue",), ("show", "2.3")):
        same_as_without_cache(*args)
    assert parts(data_dir)["index_ids"] == stored["index_ids"]


def _renamed(text: str) -> str:
    """A part still valid JSON, one notice's id (and file) changed in it."""
    assert '"cchc-2023-11"' in text
    return text.replace("cchc-2023-11", "khac-2023-11")


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: ("index", p["index"].replace('"2.3"', '"2.9"')),
        lambda p: ("index_ids", _renamed(p["index_ids"])),
        lambda p: ("index_ids", None),
        lambda p: ("index", p["index"].replace("[", "[[", 1)),
        lambda p: ("index_rows", p["index_rows"].replace(".yaml", ".yml")),
        lambda p: ("index_rows", "[1, 2"),
        lambda p: ("index_sum", "0"),
        lambda p: ("index_sum", None),
    ],
)
def test_a_damaged_or_missing_index_part_sends_the_run_the_long_way(data_dir, damage):
    assert cchc("status", *ON).exit_code == 0
    part, data = damage(parts(data_dir))
    if data is None:
        connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
        with connection:
            connection.execute("DELETE FROM snapshot WHERE part = ?", (part,))
        connection.close()
    else:
        put_part(data_dir, part, data)
    for args in (("show", "2.3"), ("status", "--by", "notice"), ("overdue",), ("validate",)):
        same_as_without_cache(*args)


def test_after_done_the_snapshot_is_the_one_a_load_afresh_stores(data_dir):
    assert cchc("status", *ON).exit_code == 0
    assert cchc("done", "8.2", "--all", *ON).exit_code == 0
    assert cchc("done", "2.3", *ON).exit_code == 0
    patched = parts(data_dir)
    assert cchc("cache", "clear").exit_code == 0
    assert cchc("status", *ON).exit_code == 0
    afresh = parts(data_dir)
    # When each was stored, the content of the files stored within a second of it, and
    # the count of changes its pair rows are proved at (store/pairquery.py): each its
    # database's own, and proving it.
    varying = {"written", "shas", "pairs_made"}
    assert patched["pairs_made"] != "" and afresh["pairs_made"] != ""
    assert set(patched) == set(afresh)
    assert {p: d for p, d in patched.items() if p not in varying} == {
        p: d for p, d in afresh.items() if p not in varying
    }
