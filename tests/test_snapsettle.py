"""A folder copied (cloned, unpacked) just before its first run: every file is racily
clean in that run's snapshot, so the next run checks each by content, once; after that
the snapshot's bound has moved and later runs stat the files only."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from cchc_cli.store import snapsettle, snapshot
from cchc_cli.store.cache import RACY_NS, FileCache
from cchc_cli.store.loader import load

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
#: How long before the window's end the files are dated: the first load falls inside it.
MARGIN_NS = 400_000_000


@pytest.fixture(autouse=True)
def _user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The files each load since has read whole to compare their SHA-256."""
    paths: list[str] = []
    real = snapshot.same_content
    monkeypatch.setattr(snapshot, "same_content", lambda p, s: paths.append(p) or real(p, s))
    return paths


@pytest.fixture
def restores(monkeypatch) -> list[bool]:
    answers: list[bool] = []
    real = snapshot.restore

    def spy(listing, cache):
        found = real(listing, cache)
        answers.append(found is not None and found.progress is not None)
        return found

    monkeypatch.setattr(snapshot, "restore", spy)
    return answers


def copied_just_now(data_dir: Path) -> int:
    """Date every file as if copied a moment ago; the time (ns) the window ends."""
    when = time.time_ns() - RACY_NS + MARGIN_NS
    for path in data_dir.rglob("*"):
        os.utime(path, ns=(when, when))
    return when + RACY_NS


def wait_past(deadline_ns: int) -> None:
    while time.time_ns() <= deadline_ns + 10_000_000:
        time.sleep(0.02)


def cached_load(data_dir: Path):
    return load(data_dir, FileCache.open(data_dir))


def stored(data_dir: Path) -> dict[str, str]:
    cache = FileCache.open(data_dir)
    assert cache is not None
    try:
        return dict(cache.connection.execute("SELECT part, data FROM snapshot"))
    finally:
        cache.close()


def test_files_checked_once_are_not_read_again(data_dir, opened, restores):
    ends = copied_just_now(data_dir)
    cold = cached_load(data_dir)
    assert time.time_ns() < ends, "the first load ran inside the window"
    wait_past(ends)
    warm = cached_load(data_dir)
    checked = len(opened)
    assert checked >= len(list((data_dir / "notices").rglob("*.yaml")))
    assert cached_load(data_dir).tasks == warm.tasks == cold.tasks
    assert restores == [False, True, True]
    assert len(opened) == checked, "the third load read no file whole"


def test_a_file_still_in_the_window_is_still_checked(data_dir, opened, restores):
    ends = copied_just_now(data_dir)
    cached_load(data_dir)
    wait_past(ends)
    fresh = data_dir / "notices" / NOTICE
    fresh.write_text(fresh.read_text("utf-8"), "utf-8")  # saved again, same text, just now
    cached_load(data_dir)  # its stat changed: the long way, a new snapshot
    cached_load(data_dir)
    opened.clear()
    cached_load(data_dir)
    assert opened == [str(fresh)]
    assert restores[-1] is True


def test_a_change_after_the_move_is_seen(data_dir, restores):
    ends = copied_just_now(data_dir)
    cached_load(data_dir)
    wait_past(ends)
    cached_load(data_dir)
    path = data_dir / "notices" / NOTICE
    path.write_text(path.read_text("utf-8").replace("25/11/2023", "26/11/2023"), "utf-8")
    task = next(t for t in cached_load(data_dir).tasks if t.id == "2.3")
    assert task.deadline.text == "trước ngày 26/11/2023"
    assert restores[-1] is False


def racily_stored(data_dir: Path) -> tuple[dict[str, str], snapshot.Listing]:
    """A snapshot whose files are all racily clean, once the window has passed: its parts
    and the folder's listing."""
    ends = copied_just_now(data_dir)
    cached_load(data_dir)
    wait_past(ends)
    return stored(data_dir), snapshot.list_folder(data_dir)


def test_a_snapshot_replaced_meanwhile_is_left_as_it_is(data_dir):
    parts, listing = racily_stored(data_dir)
    other = parts | {"fingerprint": parts["fingerprint"] + "\n"}  # as read by another run
    cache = FileCache.open(data_dir)
    assert cache is not None
    try:
        assert not snapsettle.settle(cache, listing, other, time.time_ns())
    finally:
        cache.close()
    assert stored(data_dir) == parts


def test_a_busy_cache_is_not_waited_for(data_dir):
    parts, listing = racily_stored(data_dir)
    cache = FileCache.open(data_dir)
    assert cache is not None
    writer = sqlite3.connect(cache.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another run is writing
    try:
        began = time.monotonic()
        assert not snapsettle.settle(cache, listing, parts, time.time_ns())
        assert time.monotonic() - began < 2.0, "no busy wait (the cache's is 5 s)"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        cache.close()
    assert stored(data_dir) == parts
