"""The cache is never wrong: every change to the data is seen on the next run."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.store import cache as cache_module
from cchc_cli.store.cache import FileCache
from cchc_cli.store.edit import content
from cchc_cli.store.loader import load
from cchc_cli.store.pairs import PairIndex
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


@pytest.fixture(autouse=True)
def _user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def cached_load(data_dir: Path):
    return load(data_dir, FileCache.open(data_dir))


def same(a, b) -> bool:
    return (
        content(a.notices) == content(b.notices)
        and [str(n.source) for n in a.notices] == [str(n.source) for n in b.notices]
        and [(str(d.source), d.key, d.args) for d in a.diagnostics]
        == [(str(d.source), d.key, d.args) for d in b.diagnostics]
        and a.files == b.files
    )


def test_a_warm_load_gives_exactly_what_a_cold_one_does(data_dir):
    (data_dir / "notices" / "broken.yaml").write_text("id: x\ndate: 2023-13-01\n", "utf-8")
    cold = load(data_dir)
    first = cached_load(data_dir)
    assert (data_dir / ".cchc" / "cache.sqlite").exists()
    warm = cached_load(data_dir)
    assert same(cold, first) and same(cold, warm)
    assert warm.has_errors


def test_warm_runs_read_no_notice_file(data_dir, monkeypatch):
    cached_load(data_dir)
    from cchc_cli.store import loader

    def fail(*args, **kwargs):
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(loader, "load_notice", fail)
    assert len(cached_load(data_dir).tasks) == 17


def test_a_change_of_the_same_size_is_seen(data_dir):
    path = data_dir / "notices" / NOTICE
    cached_load(data_dir)
    text = path.read_text("utf-8")
    changed = text.replace("trước ngày 25/11/2023", "trước ngày 26/11/2023")
    assert len(changed.encode()) == len(text.encode())
    stat = path.stat()
    path.write_text(changed, "utf-8")
    # Even with the modification time put back, the change time and hash tell.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    task = next(t for t in cached_load(data_dir).tasks if t.id == "2.3")
    assert task.deadline.text == "trước ngày 26/11/2023"


def test_a_racily_clean_file_is_checked_by_content(data_dir, monkeypatch):
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    path.write_text(text, "utf-8")  # modified just now, as an editor saves it
    cached_load(data_dir)
    stat = path.stat()
    fake = cache_module.Stat(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    path.write_text(text.replace("25/11/2023", "26/11/2023"), "utf-8")
    # A file system that could not tell the two versions apart by their stat:
    monkeypatch.setattr(cache_module, "stat_of", lambda p: fake)
    task = next(t for t in cached_load(data_dir).tasks if t.id == "2.3")
    assert task.deadline.text == "trước ngày 26/11/2023"


def test_added_removed_and_renamed_files_are_seen(data_dir):
    notices = data_dir / "notices"
    cached_load(data_dir)
    copy = (notices / NOTICE).read_text("utf-8").replace("id: cchc-2023-11", "id: cchc-copy")
    (notices / "copy.yaml").write_text(copy, "utf-8")
    assert {n.id for n in cached_load(data_dir).notices} == {"cchc-2023-11", "cchc-copy"}
    (notices / "copy.yaml").rename(notices / "renamed.yaml")
    warm = cached_load(data_dir)
    assert {n.path for n in warm.notices} == {
        str(notices / NOTICE),
        str(notices / "renamed.yaml"),
    }
    (notices / "renamed.yaml").unlink()
    assert [n.id for n in cached_load(data_dir).notices] == ["cchc-2023-11"]
    rows = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite").execute("SELECT path FROM files")
    assert [r[0] for r in rows] == [f"notices/{NOTICE}"]


def test_a_change_to_the_registry_rebuilds_the_notices(data_dir):
    cached_load(data_dir)
    units = data_dir / "units.yaml"
    units.write_text(
        units.read_text("utf-8").replace(
            "name: Phòng Nội vụ\n", "name: Phòng Nội vụ\n    email: [noivu@example.org]\n"
        ),
        "utf-8",
    )
    units.write_text(
        units.read_text("utf-8").replace("  - id: ban-qlda\n", "  - id: ban-qlda-2\n"), "utf-8"
    )
    task = next(t for t in cached_load(data_dir).tasks if t.id == "5")
    assert task.assignees == ("tc-kh", "ban-qlda-2")


def test_paths_follow_how_the_data_folder_is_named(data_dir):
    (data_dir / "notices" / "broken.yaml").write_text("id: x\n", "utf-8")
    cached_load(Path("data"))
    absolute = cached_load(data_dir.resolve())
    assert all(str(d.source).startswith(str(data_dir.resolve())) for d in absolute.diagnostics)


def test_a_corrupt_cache_is_rebuilt_with_a_warning(data_dir):
    cached_load(data_dir)
    db = data_dir / ".cchc" / "cache.sqlite"
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (db.parent / name).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    result = cchc("list", "-f", "json", "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr == "cchc: warning: the cache could not be read and was rebuilt\n"
    assert len(json.loads(result.stdout)) == 17
    again = cchc("list", "-f", "json")
    assert (again.exit_code, again.stderr) == (0, "")


def test_a_cache_row_that_does_not_decode_is_ignored(data_dir):
    cached_load(data_dir)
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    connection.execute("UPDATE files SET data = '[1, 2'")
    connection.commit()
    connection.close()
    assert len(cached_load(data_dir).tasks) == 17


def test_a_cache_of_another_version_is_dropped(data_dir, monkeypatch):
    cached_load(data_dir)
    monkeypatch.setattr(cache_module, "VERSION", "another")
    cache = FileCache.open(data_dir)
    assert cache._rows == {}
    cache.finish([])


def test_a_table_of_another_version_with_other_columns_is_made_afresh(tmp_path):
    location = tmp_path / "cache.sqlite"
    old = sqlite3.connect(location)
    old.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('version', 'old'), ('pair_sources_changes', '9');"
        "CREATE TABLE unit_tally (unit TEXT, n INTEGER);"  # columns this version lacks
        "CREATE TABLE gone_table (x);"  # a table this version does not have at all
    )
    old.commit()
    old.close()
    cache = FileCache._connect(location, tmp_path)
    tables = {name for (name,) in cache.connection.execute("SELECT name FROM sqlite_schema")}
    assert "gone_table" not in tables
    columns = [row[1] for row in cache.connection.execute("PRAGMA table_info(unit_tally)")]
    assert columns == ["unit", "status", "day", "n"]
    meta = dict(cache.connection.execute("SELECT key, value FROM meta"))
    # The old count of changes to pair_sources gone: the new database begins its own.
    assert set(meta) == {"version", "pair_sources_changes"}
    assert meta["version"] == cache_module.VERSION
    assert meta["pair_sources_changes"] != "9"


def test_a_process_that_saw_no_cache_leaves_the_one_another_just_made(tmp_path):
    # Two processes open a new cache at once; one has made it and is reading its tables
    # when the other, which looked before the tables were made, gets the write lock.
    location = tmp_path / "cache.sqlite"
    first = FileCache._connect(location, tmp_path)
    first.connection.execute("INSERT INTO pair_sources VALUES ('n.yaml', 'k')")
    second = sqlite3.connect(location, isolation_level=None)
    cache_module._make_afresh(second)
    assert first.connection.execute("SELECT * FROM pair_sources").fetchall() == [("n.yaml", "k")]


def _open_and_read(location: str, start, answers) -> None:
    start.wait()
    try:
        cache = FileCache._connect(Path(location), Path(location).parent)
        cache.connection.execute("SELECT count(*) FROM pair_sources").fetchall()
        cache.connection.execute("SELECT count(*) FROM files").fetchall()
        answers.put("ok")
    except Exception as error:  # reported to the test, whatever it is
        answers.put(repr(error))


def test_processes_opening_a_new_cache_at_once_all_get_its_tables(tmp_path):
    # Each round: twelve processes open the same new file at the same moment. Before,
    # some were told "database is locked" (changing to WAL) or "no such table" (another
    # process dropped the tables it had just made).
    context = multiprocessing.get_context("fork")
    for round_ in range(12):
        location = tmp_path / f"{round_}" / "cache.sqlite"
        location.parent.mkdir()
        start, answers = context.Barrier(12), context.Queue()
        processes = [
            context.Process(target=_open_and_read, args=(str(location), start, answers))
            for _ in range(12)
        ]
        for process in processes:
            process.start()
        results = [answers.get(timeout=60) for _ in processes]
        for process in processes:
            process.join()
        assert results == ["ok"] * 12, round_


def test_a_read_only_data_folder_uses_the_user_cache(data_dir, tmp_path, monkeypatch):
    real = cache_module._writable_folder
    monkeypatch.setattr(
        cache_module, "_writable_folder", lambda folder: folder.parent != data_dir and real(folder)
    )
    assert len(cached_load(data_dir).tasks) == 17
    stored = list((tmp_path / "user-cache" / "cchc").glob("*.sqlite"))
    assert len(stored) == 1
    assert not (data_dir / ".cchc" / "cache.sqlite").exists()
    assert len(cached_load(data_dir).tasks) == 17


def test_no_cache_reads_everything_and_writes_no_cache(data_dir):
    result = cchc("list", "--no-cache", "-f", "json")
    assert result.exit_code == 0
    assert not (data_dir / ".cchc" / "cache.sqlite").exists()
    result = cchc("status", "-f", "json", CCHC_NO_CACHE="1")
    assert result.exit_code == 0
    assert not (data_dir / ".cchc" / "cache.sqlite").exists()


def test_cache_clear_deletes_it(data_dir):
    assert cchc("list").exit_code == 0
    result = cchc("cache", "clear", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == "Deleted data/.cchc/cache.sqlite\n"
    assert not (data_dir / ".cchc" / "cache.sqlite").exists()
    assert cchc("cache", "clear", "--lang", "en").stdout == "There is no cache.\n"


def test_commands_running_at_once_do_not_corrupt_the_cache(data_dir):
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    for i in range(40):
        # Another notice each (another month): the same one twice is an error (issue 15).
        copy = text.replace("cchc-2023-11", f"tb-{i}")
        copy = copy.replace("date: 2023-11 ", f"date: {2020 + i // 12}-{i % 12 + 1:02d} ")
        (notices / f"n{i}.yaml").write_text(copy, "utf-8")
    env = {**os.environ, "CCHC_DATA": str(data_dir)}
    commands = [["list", "-f", "json"], ["validate"], ["status", "-f", "json"]] * 3

    def run(args):
        return subprocess.run(
            [sys.executable, "-m", "cchc_cli", *args], env=env, capture_output=True, timeout=120
        )

    with ThreadPoolExecutor(max_workers=9) as pool:
        results = list(pool.map(run, commands))
    assert [r.returncode for r in results] == [0] * 9, [r.stderr for r in results]
    assert {r.stdout for r in results[0::3]} == {results[0].stdout}
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT count(*) FROM files").fetchone() == (41,)
    assert same(load(data_dir), cached_load(data_dir))


def test_an_edit_is_seen_by_the_next_cached_run(data_dir):
    assert cchc("status", "-f", "json", "--as-of", "2023-11-30").exit_code == 0
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    shown = json.loads(cchc("show", "2.3", "-f", "json").stdout)
    assert shown["done"] == {"noi-vu": {"on": "2023-11-24", "evidence": None, "note": None}}


def test_the_bundled_data_round_trips_through_the_cache_on_generated_data(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    folder = tmp_path / "generated"
    generate(folder, 300)
    cold = load(folder)
    cached_load(folder)
    assert same(cold, cached_load(folder))
    shutil.rmtree(folder)


def test_finding_one_task_reads_only_its_notice(data_dir, monkeypatch):
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    for i in range(5):
        # Another notice each (another month): the same one twice is an error (issue 15).
        copy = text.replace("cchc-2023-11", f"tb-{i}")
        copy = copy.replace("date: 2023-11 ", f"date: 2023-{i + 1:02d} ")
        (notices / f"n{i}.yaml").write_text(copy, "utf-8")
    assert cchc("validate").exit_code == 0  # fills the cache
    reads = []
    real_read = FileCache.read

    def counting_read(self, wanted):
        reads.extend(key for key, _, _ in wanted)
        return real_read(self, wanted)

    monkeypatch.setattr(FileCache, "read", counting_read)
    assert cchc("validate").exit_code == 0
    assert reads == []
    shown = json.loads(cchc("show", "tb-3/2.3", "-f", "json").stdout)
    assert shown["ref"] == "tb-3/2.3"
    assert reads == ["notices/n3.yaml"]
    assert cchc("done", "tb-3/2.3", "--as-of", "2023-11-24").exit_code == 0
    # Read for the edit's checks, then once more to make its pair rows again with the
    # new progress (store/progress_patch.py, which the next run did before).
    assert reads == ["notices/n3.yaml"] * 3


def test_start_up_imports_only_what_the_command_needs():
    code = (
        "import sys, cchc_cli.cli.app; "
        "print(' '.join(sorted(m for m in ('rich', 'ruamel', 'sqlite3', 'dateutil', "
        "'cchc_cli.store.loader', 'csv', 'json') if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == []


def test_a_warm_load_of_an_unchanged_folder_looks_up_no_file_row(data_dir, monkeypatch):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    cached_load(data_dir)

    def fail(*args, **kwargs):
        raise AssertionError("a file's row was looked up")

    monkeypatch.setattr(FileCache, "get", fail)
    monkeypatch.setattr(FileCache, "get_progress", fail)
    warm = cached_load(data_dir)
    assert len(warm.tasks) == 17 and warm.progress


# -- a first run writes its rows as they come (store/cachewrite.py) -------------------------


def copies(data_dir: Path, count: int = 30) -> Path:
    """The bundled notice copied ``count`` times (each its own id), enough for a pool."""
    text = (data_dir / "notices" / NOTICE).read_text("utf-8")
    for number in range(count):
        copy = text.replace("id: cchc-2023-11\n", f"id: cchc-2023-11-{number}\n", 1)
        (data_dir / "notices" / f"copy-{number:02d}.yaml").write_text(copy, "utf-8")
    return data_dir


#: A first run read by two workers, writing its rows every two files, stopped (killed:
#: no exception, no clean-up) after ``sys.argv[2]`` files.
STOPPED_RUN = """
import os, sys
from pathlib import Path
from cchc_cli.store import cachewrite, parallel
from cchc_cli.store.cache import FileCache
from cchc_cli.store.loader import load
parallel.MIN_FILES, parallel.CHUNK, cachewrite.STREAM_FILES = 1, 2, 2
parallel.workers = lambda: 2
stop = int(sys.argv[2])
def tick(done, total):
    if done == stop:
        os._exit(9)
load(Path(sys.argv[1]), FileCache.open(Path(sys.argv[1])), tick)
"""


def counts(data_dir: Path) -> dict[str, int]:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        tables = ("files", "pairs", "task_rows", "pair_sources", "notice_rows", "snapshot")
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        connection.close()


def test_a_first_run_killed_midway_leaves_no_row_and_the_next_builds_the_cache(data_dir):
    copies(data_dir)
    expected = load(data_dir)
    run = [sys.executable, "-c", STOPPED_RUN, str(data_dir), "20"]
    # Its workers end with it (else they would hold its output open: a timeout here).
    assert subprocess.run(run, capture_output=True, timeout=120).returncode == 9
    # Rows were written before the kill (in a transaction never committed): none is seen.
    assert set(counts(data_dir).values()) == {0}
    assert same(cached_load(data_dir), expected)
    assert counts(data_dir)["pairs"] and counts(data_dir)["files"] == 31
    assert same(cached_load(data_dir), expected)
    assert cchc("status", "--no-cache").stdout == cchc("status").stdout


def test_a_first_run_whose_writes_fail_midway_answers_and_writes_nothing(data_dir, monkeypatch):
    from cchc_cli.store import cachewrite, parallel

    copies(data_dir)
    expected = load(data_dir)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(cachewrite, "STREAM_FILES", 2)
    cache = FileCache.open(data_dir)
    assert cache is not None
    # The disk fills up after a few pages: a write fails halfway through the run.
    pages = cache.connection.execute("PRAGMA page_count").fetchone()[0]
    cache.connection.execute(f"PRAGMA max_page_count = {pages + 40}")
    dataset = load(data_dir, cache)
    assert same(dataset, expected)
    # The pair rows it meant to write are not there: SQL answers nothing, Python answers.
    assert isinstance(dataset.pairs, PairIndex)
    assert dataset.pairs.counts(date(2023, 11, 30)) is None
    assert set(counts(data_dir).values()) == {0}
    assert same(cached_load(data_dir), expected) and counts(data_dir)["files"] == 31


def test_a_first_run_beside_another_writer_queues_its_rows_and_answers(data_dir, monkeypatch):
    from cchc_cli.store import parallel

    copies(data_dir)
    expected = load(data_dir)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)
    cache = FileCache.open(data_dir)
    assert cache is not None
    other = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another run writing all along
    try:
        assert same(load(data_dir, cache), expected)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert set(counts(data_dir).values()) == {0}  # it could not write: the next run will
    assert same(cached_load(data_dir), expected) and counts(data_dir)["files"] == 31


def test_rows_queued_for_a_notice_then_forgotten_leave_no_notice_row(data_dir):
    cached_load(data_dir)
    cache = FileCache.open(data_dir)
    assert cache is not None
    key = f"notices/{NOTICE}"
    row = ("x", None, "t", None, 1, 1, 1)
    cache.put_pairs(key, "made", [], row)
    cache.put_pairs(key, "", [])  # left out after all (a duplicate id, say)
    cache.finish([data_dir / "notices" / NOTICE])
    assert counts(data_dir)["notice_rows"] == counts(data_dir)["pair_sources"] == 0


def _run_in(data: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CCHC_DATA": os.fsdecode(data), "COLUMNS": "80"}
    command = [sys.executable, "-m", "cchc_cli", *args, "--as-of", "2023-11-25"]
    return subprocess.run(command, env=env, capture_output=True, timeout=120)


@pytest.mark.parametrize("where", ["notice", "folder"])
def test_names_that_are_not_utf8_are_read_without_the_cache(data_dir, tmp_path, where):
    # SQLite keeps UTF-8 text: a notice file (or the data folder) named in another
    # encoding crashed every cached run in the cache's writes. Now it is read afresh.
    if where == "folder":
        data = tmp_path / os.fsdecode(b"d\xff")
        shutil.copytree(data_dir, data)
    else:
        data = data_dir
        text = (data / "notices" / NOTICE).read_text("utf-8")
        text = text.replace("cchc-2023-11", "tb-ff").replace("date: 2023-11 ", "date: 2023-10 ")
        (data / "notices" / os.fsdecode(b"tb-\xff.yaml")).write_text(text, "utf-8")
    for args in (["status"], ["validate"], ["due", "--before", "2023-12-10"], ["list"]):
        cached = [_run_in(data, *args) for _ in range(2)]
        uncached = _run_in(data, *args, "--no-cache")
        for found in cached:
            assert b"Traceback" not in found.stderr, found.stderr
            assert (found.returncode, found.stdout, found.stderr) == (
                uncached.returncode,
                uncached.stdout,
                uncached.stderr,
            ), args
    assert _run_in(data, "done", "cchc-2023-11/1.1", "--all").returncode == 0
    assert b"Traceback" not in _run_in(data, "status").stderr
