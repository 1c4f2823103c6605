"""The snapshot read and written by parts: an edit rewrites only the progress half, and
never over a notices' half another run stored meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    kept = {p: d for p, d in after.items() if p not in PROGRESS_HALF}
    assert kept == {p: d for p, d in before.items() if p not in PROGRESS_HALF}
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
