"""A first run without a cache (issue 17): memoised parsers and the parallel load."""

import os
import re
import threading
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.core.dates import DateError, PartialDate, parse_date
from cchc_cli.core.deadlines import DeadlineContext, DeadlineError, parse_deadline
from cchc_cli.core.model import Dataset
from cchc_cli.core.workdays import WorkCalendar
from cchc_cli.store import parallel
from cchc_cli.store.cache import FileCache, clear
from cchc_cli.store.loader import load
from cchc_cli.store.noticefile import reads_as_recurrence
from cchc_cli.store.parallel import ReadAhead

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"

# -- memoised parsers: equal input, equal result; the context is part of the input ---------


def test_a_deadline_read_twice_is_read_once_and_gives_the_same_deadline():
    parse_deadline.cache_clear()
    context = DeadlineContext(PartialDate(2023, 11, 24))
    first = parse_deadline("trong 10 ngày làm việc", context)
    second = parse_deadline("trong 10 ngày làm việc", DeadlineContext(PartialDate(2023, 11, 24)))
    assert first == second
    assert parse_deadline.cache_info().hits == 1


def test_the_same_phrase_in_another_context_is_read_again():
    phrase = "trong 10 ngày làm việc"
    issued_a = DeadlineContext(PartialDate(2023, 11, 24))
    issued_b = DeadlineContext(PartialDate(2023, 12, 1))
    assert parse_deadline(phrase, issued_a).last_day != parse_deadline(phrase, issued_b).last_day
    office = DeadlineContext(PartialDate(2023, 11, 24), WorkCalendar(holidays=frozenset()))
    day_off = DeadlineContext(
        PartialDate(2023, 11, 24), WorkCalendar(holidays=frozenset({date(2023, 11, 27)}))
    )
    assert parse_deadline(phrase, office).last_day != parse_deadline(phrase, day_off).last_day


def test_an_unreadable_phrase_raises_every_time():
    for _ in range(2):
        with pytest.raises(DeadlineError) as caught:
            parse_deadline("trước Tết", 2023)
        assert caught.value.key == "deadline.no-day"


def test_dates_are_memoised_and_bad_dates_still_raise():
    parse_date.cache_clear()
    assert parse_date("24/11/2023") == parse_date("24/11/2023") == date(2023, 11, 24)
    assert parse_date.cache_info().hits == 1
    for _ in range(2):
        with pytest.raises(DateError):
            parse_date("31/02/2023")


def test_a_recurring_phrase_in_a_deadline_is_recognised_once_per_text():
    reads_as_recurrence.cache_clear()
    assert reads_as_recurrence("hằng tháng, trước ngày 20")
    assert reads_as_recurrence("hằng tháng, trước ngày 20")
    assert not reads_as_recurrence("trước ngày 20/12/2023")
    assert reads_as_recurrence.cache_info().hits == 1


# -- the parallel read of a cold load -------------------------------------------------------


def _notices_folder(data_dir: Path, copies: int = 40) -> Path:
    """The bundled notice copied ``copies`` times, and files that cannot be read right."""
    folder = data_dir / "notices"
    text = (folder / NOTICE).read_text("utf-8")
    ident = re.search(r"^id: *(\S+)", text, re.M)[1]  # type: ignore[index]
    for number in range(copies):
        sub = folder / f"{number % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"copy-{number:03d}.yaml").write_text(
            text.replace(f"id: {ident}", f"id: {ident}-{number}"), "utf-8"
        )
    (folder / "1" / "broken.yaml").write_text("id: x\ndate: 2023-13-01\ntasks: [", "utf-8")
    (folder / "2" / "latin.yaml").write_bytes(b"id: tb-bad\ntitle: \xff\xfe\n")
    (folder / "0" / "again.yaml").write_text(text, "utf-8")  # a duplicate id
    os.mkfifo(folder / "1" / "pipe.yaml")  # refused, never waited on
    (folder / "2" / "syntax.yaml").write_text("id: [x\n", "utf-8")
    (folder / "2" / "dates.yaml").write_text(text.replace("2023", "2023-13", 3), "utf-8")
    (folder / "0" / "out.yaml").symlink_to("/etc/hostname")  # out of the folder: not read
    (folder / "0" / "in.yaml").symlink_to(folder / NOTICE)
    return data_dir


def _everything(dataset: Dataset) -> tuple[object, ...]:
    notices = dataset.notices
    return (
        notices,
        [str(n.source) for n in notices],
        [[str(s) for s in n.spans.values()] for n in notices],
        [(str(d.source), d.severity, d.key, d.args) for d in dataset.diagnostics],
        dataset.files,
    )


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read ahead in a pool of two workers, however small the folder."""
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr(parallel, "workers", lambda: 2)


def test_a_folder_read_in_a_pool_gives_what_a_serial_read_gives(data_dir, monkeypatch):
    _notices_folder(data_dir)
    serial = _everything(load(data_dir))
    serial_cached = _everything(load(data_dir, FileCache.open(data_dir)))
    clear(data_dir)
    started: list[ReadAhead[object]] = []
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    real = parallel.read_ahead

    def spy(*args: object, **kwargs: object) -> ReadAhead[object]:
        ahead = real(*args, **kwargs)  # type: ignore[arg-type]
        started.append(ahead)
        return ahead

    monkeypatch.setattr(parallel, "read_ahead", spy)
    assert _everything(load(data_dir)) == serial
    assert _everything(load(data_dir, FileCache.open(data_dir))) == serial_cached
    assert [ahead.started for ahead in started] == [2, 2]
    # The cache the pool filled answers a warm run as the serial one did.
    assert _everything(load(data_dir, FileCache.open(data_dir))) == serial_cached
    assert started[-1].started == 0


def test_a_warm_cache_reads_its_changed_files_here(data_dir, pooled):
    _notices_folder(data_dir)
    load(data_dir, FileCache.open(data_dir))
    files = sorted((data_dir / "notices").rglob("*.yaml"))
    warm = parallel.read_ahead(files, FileCache.open(data_dir), _pid_of)
    cold = parallel.read_ahead(files, None, _pid_of)
    assert not warm.pooled and cold.pooled
    cold.close()


def _pid_of(path: Path, shown: str, *args: object) -> tuple[str, int, tuple[object, ...]]:
    return shown, os.getpid(), args


def _dies_in_a_worker(path: Path, shown: str, parent: int) -> tuple[str, int]:
    if os.getpid() != parent and path.name == "f-07":
        os._exit(3)  # a worker killed (out of memory, say)
    return shown, os.getpid()


def test_files_are_read_in_other_processes_and_handed_out_in_order(tmp_path, pooled):
    files = [tmp_path / f"f-{n:02d}" for n in range(20)]
    ahead = parallel.ReadAhead(files, _pid_of, "x", skip={files[4]})
    assert ahead.pooled
    results = [ahead(path, str(path)) for path in files]
    assert [shown for shown, _, _ in results] == [str(p) for p in files]
    assert all(args == ("x",) for _, _, args in results)
    assert results[4][1] == os.getpid()  # skipped (a link): read here
    assert {pid for _, pid, _ in results[:4] + results[5:]}.isdisjoint({os.getpid()})
    assert not ahead.pooled  # stopped once everything was handed out


def test_the_files_of_a_worker_that_dies_are_read_here(tmp_path, pooled):
    files = [tmp_path / f"f-{n:02d}" for n in range(20)]
    ahead = parallel.ReadAhead(files, _dies_in_a_worker, os.getpid())
    results = [ahead(path, str(path)) for path in files]
    assert [shown for shown, _ in results] == [str(p) for p in files]
    assert results[7][1] == os.getpid()


def test_a_small_folder_is_read_here(tmp_path):
    files = [tmp_path / f"f-{n:02d}" for n in range(parallel.MIN_FILES - 1)]
    ahead = parallel.ReadAhead(files, _pid_of)
    assert not ahead.pooled
    assert ahead(files[0], str(files[0]))[1] == os.getpid()


def test_no_pool_is_forked_beside_another_thread(tmp_path, pooled):
    files = [tmp_path / f"f-{n:02d}" for n in range(20)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not parallel.can_fork()
        assert not parallel.ReadAhead(files, _pid_of).pooled
    finally:
        stop.set()
        other.join()


def test_a_worker_sends_a_notice_without_its_tasks_field_positions(data_dir):
    path = data_dir / "notices" / NOTICE
    dataset = load(data_dir)
    read = (None, path.read_bytes(), dataset.notices[0], [])
    stat, content, notice, problems = parallel.lean(read)  # type: ignore[arg-type]
    assert notice == dataset.notices[0] and notice is not None
    assert notice.spans == dataset.notices[0].spans
    assert all(task.spans for task in dataset.notices[0].tasks)
    assert not any(task.spans for task in notice.tasks)
    assert (stat, content, problems) == (None, read[1], [])
    assert parallel.lean((None, None, None, [])) == (None, None, None, [])


def test_a_registry_expands_a_list_once_and_a_changed_registry_again():
    from dataclasses import replace

    from cchc_cli.core.model import Group, Registry, Unit

    units = {u: Unit(u, u.upper(), "phong") for u in ("a", "b", "c")}
    registry = Registry(units, {"g": Group("g", "G")}, {"g": ("c", "a")})
    assert registry.expand(["g", "b"]) == ("a", "b", "c")
    assert registry.expand(("g", "b")) == ("a", "b", "c")
    assert registry.expand(["g", "b"]) is registry.expand(["g", "b"])  # made once
    fewer = replace(registry, members={"g": ("c",)})
    assert fewer.expand(["g", "b"]) == ("b", "c")
    assert registry.expand(["g", "b"]) == ("a", "b", "c")


# -- a first run's rows made in the workers, written as they come --------------------------

#: Progress on a few of the copies (``{n}``: the copy): their pair rows depend on it, so
#: the loader computes them again rather than take the worker's.
PROGRESS = {
    "noi-vu.yaml": "- {{task: cchc-2023-11-{n}/2.3, done: 2023-11-24}}\n",
    "_office.yaml": (
        "- {{task: cchc-2023-11-{n}/7.1, extended: 2023-12-20, reason: Chờ, on: 2023-11-25}}\n"
        "- {{task: cchc-2023-11-{n}/6, cancelled: 2023-11-26, reason: Đã lồng ghép}}\n"
    ),
}


def _with_progress(data_dir: Path, copies: tuple[int, ...] = (1, 7, 30)) -> Path:
    """:func:`_notices_folder` with progress recorded against some of the copies."""
    _notices_folder(data_dir)
    folder = data_dir / "progress"
    folder.mkdir(exist_ok=True)
    for name, line in PROGRESS.items():
        text = "".join(line.format(n=n) for n in copies)
        (folder / name).write_text(text, "utf-8")
    return data_dir


def _database(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything the cache holds, but the times rows were written at."""
    import sqlite3

    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        tables = {
            "files": "SELECT path, size, mtime_ns, ctime_ns, ino, sha256, depends_on,"
            " diagnostics, summary, data FROM files",
            "pairs": "SELECT * FROM pairs",
            "task_rows": "SELECT * FROM task_rows",
            "pair_sources": "SELECT * FROM pair_sources",
            "notice_rows": "SELECT * FROM notice_rows",
            # Nor the count of changes its pair rows were proved at (store/pairquery.py):
            # a pool writes them in more steps.
            "snapshot": "SELECT * FROM snapshot WHERE part NOT IN ('written', 'pairs_made')",
            "proved": "SELECT (SELECT data FROM snapshot WHERE part = 'pairs_made')"
            " = (SELECT value FROM meta WHERE key = 'pair_sources_changes')",
        }
        return {name: sorted(connection.execute(sql)) for name, sql in tables.items()}
    finally:
        connection.close()


def test_a_pool_writes_the_cache_a_serial_run_writes(data_dir, monkeypatch):
    _with_progress(data_dir)
    (data_dir / "notices" / "1" / "pipe.yaml").unlink()  # a folder with one has no snapshot
    serial = _everything(load(data_dir, FileCache.open(data_dir)))
    written = _database(data_dir)
    assert written["pairs"] and written["snapshot"]
    clear(data_dir)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    made_here: list[str] = []
    real = FileCache.put

    def spy(self: FileCache, path: Path, *args: object) -> str:
        made_here.append(path.name)
        return real(self, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(FileCache, "put", spy)
    pooled = load(data_dir, FileCache.open(data_dir))
    assert _everything(pooled) == serial
    assert _database(data_dir) == written
    assert made_here == ["in.yaml"]  # a link is read here; the workers made every other row
    assert _everything(load(data_dir, FileCache.open(data_dir))) == serial


def test_a_worker_sends_rows_not_the_notice(data_dir):
    from cchc_cli.core.model import index_of
    from cchc_cli.core.units import Resolver
    from cchc_cli.store.cache import stat_of
    from cchc_cli.store.cachewrite import RowMaker
    from cchc_cli.store.loader import load_notice
    from cchc_cli.store.pairs import notice_pairs
    from cchc_cli.store.tally import notice_row

    path = data_dir / "notices" / NOTICE
    registry = load(data_dir).registry
    content, notice, problems = load_notice(path, str(path), registry, Resolver(registry))
    assert notice is not None and content is not None
    maker = RowMaker(data_dir, "made from")
    sent = parallel.Encoder(maker)(path, (stat_of(path), content, notice, problems))
    assert isinstance(sent, parallel.Encoded)
    here = maker.row(path, stat_of(path), content, notice, problems)
    recorded = 7  # the time the row was made at
    assert sent.row[:recorded] + sent.row[recorded + 1 :] == here[:recorded] + here[recorded + 1 :]
    assert sent.row[0] == f"notices/{NOTICE}"
    assert (sent.entry, sent.id_source) == (index_of(notice), notice.spans["id"])
    assert sent.pairs == notice_pairs(notice) and sent.problems == problems
    assert sent.notice == notice_row(notice)
    # Nothing to cache (too big, changing): sent as read, which holds no notice.
    assert parallel.Encoder(maker)(path, (None, None, None, [])) == (None, None, None, [])


def test_the_dataset_of_a_pooled_first_run_reads_its_notices_from_the_cache(
    data_dir, pooled, monkeypatch
):
    _with_progress(data_dir)
    serial = _everything(load(data_dir))
    asked: list[str] = []
    real = FileCache.read

    def spy(self: FileCache, wanted: list[tuple[str, str, str]]) -> list[object]:
        asked.extend(key for key, _, _ in wanted)
        return real(self, wanted)  # type: ignore[return-value]

    monkeypatch.setattr(FileCache, "read", spy)
    dataset = load(data_dir, FileCache.open(data_dir))
    # The notices with progress, for their pair rows, while the rows are being written.
    copies = ["notices/0/copy-030.yaml", "notices/1/copy-001.yaml", "notices/1/copy-007.yaml"]
    assert sorted(asked) == copies
    asked.clear()
    assert _everything(dataset) == serial
    # The parent held no notice a worker read: each is read back (in.yaml, read here, is
    # a duplicate id, left out).
    assert sorted(asked) == sorted(n.path.split("/data/")[1] for n in dataset.notices)


RECURRING = """\
id: tb-9-2023
date: 2023-11-01
title: Báo cáo định kỳ
tasks:
  - id: "1"
    text: Báo cáo tiến độ giải ngân
    assignees: [noi-vu, tu-phap]
    repeat: định kỳ hằng tháng, trước ngày 20
"""


@pytest.mark.parametrize("recurring", [False, True])
def test_a_pooled_first_run_prints_what_a_warm_and_an_uncached_run_print(
    data_dir, pooled, cchc, recurring
):
    _with_progress(data_dir)
    if recurring:  # no pair rows then: every view is answered in Python
        (data_dir / "notices" / "2" / "recurring.yaml").write_text(RECURRING, "utf-8")
    commands = [
        ("status", "--as-of", "2023-11-30"),
        ("status", "--by", "notice", "--as-of", "2023-12-15"),
        ("due", "--before", "2023-12-10", "--as-of", "2023-11-25"),
        ("overdue", "--as-of", "2023-12-31"),
    ]
    for command in commands:
        clear(data_dir)
        runs = [cchc(*command), cchc(*command), cchc(*command, "--no-cache")]
        first, warm, uncached = [(r.exit_code, r.stdout, r.stderr) for r in runs]
        assert first == warm == uncached, command
        assert first[1].count("\n") > 10, command  # a table, not an error
