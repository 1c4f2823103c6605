"""An edit syncs the cache once, at its end, not after each of its writes.

Each write transaction to the cache used to be followed by its connection's close,
the last one: SQLite then checkpoints the write-ahead log into the database and
deletes it, syncing both (and the folder), 4-5 syncs each time, three times an edit.
"""

from __future__ import annotations

from runner import cchc

ON = ("--as-of", "2023-11-24")


def test_the_cache_commits_without_a_sync_each_in_wal_mode(data_dir):
    from cchc_cli.store.cache import FileCache

    cache = FileCache.open(data_dir)
    assert cache is not None
    try:
        assert cache.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cache.connection.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    finally:
        cache.close()


def test_an_edit_keeps_the_cache_open_until_its_last_write(data_dir, monkeypatch):
    """The write-ahead log is still there when the snapshot is patched: no checkpoint
    after the rows of the progress files were written."""
    from cchc_cli.store import progress_patch

    assert cchc("status", *ON).exit_code == 0
    wal = data_dir / ".cchc" / "cache.sqlite-wal"
    assert not wal.exists()  # the last connection closed
    seen: list[bool] = []
    real = progress_patch.patch

    def spy(*args, **kwargs):
        seen.append(wal.exists())
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_patch, "patch", spy)
    assert cchc("done", "2.3", "--all", *ON).exit_code == 0
    monkeypatch.undo()
    assert seen == [True]
    assert not wal.exists()  # checkpointed at the end, once
    for args in (("status",), ("show", "2.3"), ("overdue",), ("validate",)):
        warm = cchc(*args, *ON)
        cold = cchc(*args, *ON, "--no-cache")
        assert (warm.exit_code, warm.stdout, warm.stderr) == (
            cold.exit_code,
            cold.stdout,
            cold.stderr,
        )
