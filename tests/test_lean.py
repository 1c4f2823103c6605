"""A lean warm run (issue 17): the warnings are decoded only by what reads them, and
``validate`` says the same whichever way the diagnostics come."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from cchc_cli.core.diagnostics import Diagnostics, Severity, Source, error, merged, warning
from cchc_cli.store import snapshot

AS_OF = ("--as-of", "2023-12-15")
BROKEN = "id: x\ndate: 2023-13-01\n"


@pytest.fixture(autouse=True)
def _user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def decoded(monkeypatch) -> list[Severity]:
    """The severity of every diagnostic the snapshot decodes from here on."""
    found: list[Severity] = []
    real = snapshot.diagnostics_from

    def spy(data):
        made = real(data)
        found.extend(d.severity for d in made)
        return made

    monkeypatch.setattr(snapshot, "diagnostics_from", spy)
    return found


@pytest.mark.parametrize(
    "args", [["status"], ["due", "--before", "2023-12-10"], ["show", "1.1"], ["overdue"]]
)
def test_a_warm_run_decodes_the_errors_and_no_warning(data_dir, cchc, decoded, args):
    (data_dir / "notices" / "broken.yaml").write_text(BROKEN, "utf-8")
    cold = cchc(*args, *AS_OF)
    decoded.clear()
    warm = cchc(*args, *AS_OF)
    assert (warm.stdout, warm.stderr, warm.exit_code) == (cold.stdout, cold.stderr, 1)
    assert decoded and set(decoded) == {Severity.ERROR}
    decoded.clear()
    assert cchc("validate", *AS_OF).stdout == cchc("validate", "--no-cache", *AS_OF).stdout
    assert Severity.WARNING in decoded  # the spy sees them when they are read


def test_the_warnings_are_read_once_and_equal_the_tuple():
    path = "notices/a.yaml"
    every = (error(Source(path, 1, 1), "e"), warning(Source(path, 2, 1), "w"))
    reads: list[int] = []

    def read():
        reads.append(1)
        return every

    lazy = Diagnostics(every[:1], read)
    assert lazy.errors == every[:1] and lazy and not reads
    assert lazy == every and every == lazy and list(lazy) == list(every) and lazy[1] == every[1]
    assert len(lazy) == 2 and reads == [1]


def test_merged_diagnostics_keep_the_errors_of_the_sorted_whole():
    first = (
        warning(Source("b.yaml", 1, 1), "w1"),
        error(Source("b.yaml", 3, 1), "e1"),
        error(Source("d.yaml"), "e2"),
    )
    more = (error(Source("b.yaml", 1, 1), "e3"), warning(Source("a.yaml"), "w2"))
    lazy = merged(Diagnostics(tuple(d for d in first if d.is_error), lambda: first), more)
    whole = merged(first, more)
    assert isinstance(lazy, Diagnostics) and not isinstance(whole, Diagnostics)
    assert lazy.errors == tuple(d for d in whole if d.is_error)
    assert [d.key for d in lazy.errors] == ["e3", "e1", "e2"]
    assert lazy == whole


def test_a_damaged_list_of_warnings_sends_the_load_the_long_way(data_dir, cchc):
    import sqlite3

    cchc("status", *AS_OF)
    database = data_dir / ".cchc" / "cache.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE snapshot SET data = replace(data, 'weekend', 'weekday')"
            " WHERE part = 'diagnostics'"
        )
    connection.close()
    # Decoded only when read, the list is checked when restored: the long way now.
    assert cchc("validate", *AS_OF).stdout == cchc("validate", "--no-cache", *AS_OF).stdout


@pytest.mark.slow
def test_validate_of_thousands_of_diagnostics_with_errors_is_the_uncached_one(tmp_path, cchc):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    folder = tmp_path / "generated"
    generate(folder, 3000)
    (folder / "notices" / "broken.yaml").write_text(BROKEN, "utf-8")
    args = ("validate", "--data", str(folder), "--as-of", "2024-06-01")
    cold = cchc(*args)
    warm = cchc(*args)
    uncached = cchc(*args, "--no-cache")
    assert cold.stdout.count("\n") > 800
    assert (warm.stdout, warm.stderr, warm.exit_code) == (cold.stdout, cold.stderr, 1)
    assert (uncached.stdout, uncached.stderr, uncached.exit_code) == (cold.stdout, cold.stderr, 1)


def test_an_edit_checks_the_facts_of_the_tasks_it_reads_of_not_of_all(tmp_path, cchc, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    from cchc_cli.store import editcurrent, progress

    folder = tmp_path / "generated"
    generate(folder, 300)
    data = ("--data", str(folder), "--as-of", "2024-06-01")
    assert cchc("done", "tb-00030/3.1", "--all", *data).exit_code == 0
    cchc("status", *data)  # the snapshot stored again: the load checks no progress
    asked: list[set[str]] = []
    real = progress.facts_of

    def spy(index):
        entries = list(index)
        asked.append({entry.id for entry in entries})
        return real(entries)

    monkeypatch.setattr(editcurrent.progress, "facts_of", spy)
    done = cchc("done", "tb-00029/2.2", "--all", *data)
    assert done.exit_code == 0, done.stderr
    # The task's notice and the one the progress files name; not the other 28 (the edit
    # checks them, then brings the cache up to date with the same check).
    assert asked and all(ids == {"tb-00029", "tb-00030"} for ids in asked)
    assert cchc("validate", *data).stdout == cchc("validate", "--no-cache", *data).stdout


def test_the_run_after_an_edit_checks_the_events_against_the_notices_they_name(
    tmp_path, cchc, monkeypatch
):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    from cchc_cli.store import progress

    folder = tmp_path / "generated"
    generate(folder, 300)
    data = ("--data", str(folder), "--as-of", "2024-06-01")
    before = cchc("status", *data).stdout
    asked: list[set[str]] = []
    real = progress.facts_of

    def spy(index):
        entries = list(index)
        asked.append({entry.id for entry in entries})
        return real(entries)

    monkeypatch.setattr(progress, "facts_of", spy)
    # The edit brings the cache up to date itself (store/progress_patch.py), with the
    # loader's check of the events.
    assert cchc("done", "tb-00030/3.1", "--all", *data).exit_code == 0
    after = cchc("status", *data)
    assert asked and all(ids == {"tb-00030"} for ids in asked)  # no other notice named
    assert after.stdout != before
    monkeypatch.undo()
    assert after.stdout == cchc("status", "--no-cache", *data).stdout


def test_validate_keeps_the_notices_found_twice_with_the_snapshot(data_dir, cchc, monkeypatch):
    from cchc_cli.store import validate

    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = notice.read_text("utf-8")
    copy = data_dir / "notices" / "copy.yaml"
    copy.write_text(text.replace("id: cchc-2023-11", "id: copy-2023-11", 1), "utf-8")
    searches: list[int] = []
    real = validate.duplicate_notices

    def spy(dataset):
        searches.append(1)
        return real(dataset)

    monkeypatch.setattr(validate, "duplicate_notices", spy)

    def check() -> str:
        warm = cchc("validate", *AS_OF)
        cold = cchc("validate", "--no-cache", *AS_OF)
        assert (warm.stdout, warm.stderr, warm.exit_code) == (cold.stdout, cold.stderr, 1)
        return warm.stdout

    assert "copy.yaml" in check()  # the long way: the snapshot stored
    check()  # restored from it: found and kept
    searches.clear()
    first = check()
    assert searches == [1]  # the --no-cache run's only
    assert cchc("done", "cchc-2023-11/2.3", "--as-of", "2023-11-24").exit_code == 0
    cchc("status", *AS_OF)
    searches.clear()
    # A progress file recorded keeps them (the output says so: checked against uncached).
    assert "copy-2023-11" in check() and searches == [1]
    copy.write_text(text.replace("id: cchc-2023-11", "id: other-2023-11", 1), "utf-8")
    changed = check()
    assert "copy-2023-11" in first and "other-2023-11" in changed


def test_notices_found_twice_are_read_a_part_at_a_time(data_dir, cchc, monkeypatch):
    from cchc_cli.store import validate
    from cchc_cli.store.loader import load

    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = notice.read_text("utf-8")
    for number in range(5):
        copy = data_dir / "notices" / f"copy-{number}.yaml"
        copy.write_text(text.replace("id: cchc-2023-11", f"id: copy-{number}", 1), "utf-8")
    whole = validate.duplicate_notices(load(data_dir))
    monkeypatch.setattr(validate, "PART", 2)
    loaded = load(data_dir)
    asked: list[int] = []

    def reader(entries):
        asked.append(len(entries))
        return loaded.reader(entries)

    dataset = dataclasses.replace(loaded, reader=reader)
    assert validate.duplicate_notices(dataset) == whole and len(whole) == 5
    assert asked == [2, 2, 2]
