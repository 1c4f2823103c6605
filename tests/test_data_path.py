"""The data path's shortcuts (issue 17) keep every answer the long way gave."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from cchc_cli.store import loader as loader_module
from cchc_cli.store.loader import load, scan_notices

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def test_a_folder_without_links_is_read_without_resolving_each_file(data_dir, monkeypatch):
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    for i in range(5):
        (notices / f"copy-{i}.yaml").write_text(text.replace("cchc-2023-11", f"c{i}"), "utf-8")
    calls = []
    real = Path.resolve

    def resolve(self, *args, **kwargs):
        calls.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", resolve)
    dataset = load(data_dir)
    assert len(dataset.index) == 6
    assert not [p for p in calls if p.parent == notices]


def test_only_the_links_among_the_notices_are_listed_as_linked(data_dir, tmp_path):
    notices = data_dir / "notices"
    (notices / "inside.yaml").symlink_to(notices / NOTICE)
    (notices / "sub").mkdir()
    (notices / "sub" / "out.yaml").symlink_to(tmp_path / "nowhere.yaml")
    files, linked = scan_notices(data_dir)
    assert linked == {notices / "inside.yaml", notices / "sub" / "out.yaml"}
    assert set(files) == linked | {notices / NOTICE}


def test_a_notices_folder_that_is_a_link_out_of_the_data_folder_is_not_read(
    cchc, data_dir, tmp_path
):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data_dir / "notices", elsewhere)
    (data_dir / "notices").symlink_to(elsewhere)
    result = cchc("validate", "--lang", "en", "--no-cache")
    assert result.exit_code == 1
    target = elsewhere / NOTICE
    assert (
        f"data/notices/{NOTICE}: error: is a link out of the data folder ({target}); not read"
        in result.stdout.splitlines()
    )
    assert load(data_dir).index == ()


def test_a_notices_folder_that_is_a_link_inside_the_data_folder_is_read(cchc, data_dir):
    shutil.move(data_dir / "notices", data_dir / "kept")
    (data_dir / "notices").symlink_to(Path("kept"))
    assert [e.id for e in load(data_dir).index] == ["cchc-2023-11"]
    assert cchc("validate", "--no-cache").exit_code == 0


def test_a_progress_folder_that_is_a_link_out_of_the_data_folder_is_not_read(
    cchc, data_dir, tmp_path
):
    elsewhere = tmp_path / "progress-elsewhere"
    elsewhere.mkdir()
    line = "- {task: cchc-2023-11/2.3, done: 2023-11-24}\n"
    (elsewhere / "noi-vu.yaml").write_text(line, "utf-8")
    shutil.rmtree(data_dir / "progress")
    (data_dir / "progress").symlink_to(elsewhere)
    for cache in ((), ("--no-cache",)):
        result = cchc("validate", "--lang", "en", *cache)
        assert result.exit_code == 1
        assert (
            "data/progress/noi-vu.yaml: error: is a link out of the data folder"
            f" ({elsewhere / 'noi-vu.yaml'}); not read" in result.stdout.splitlines()
        )


def test_a_run_tunes_the_garbage_collector_and_a_library_import_does_not():
    code = (
        "import gc, sys; before = gc.get_threshold(); import cchc_cli.cli as c;"
        " assert gc.get_threshold() == before, 'import alone changed it';"
        " sys.argv = ['cchc', '--version']\n"
        "try: c.main()\n"
        "except SystemExit: pass\n"
        "print(gc.get_threshold() == c.RUN_THRESHOLD, gc.get_freeze_count() > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[-2:] == ["True", "True"]


def test_loader_module_still_lists_notice_files(data_dir):
    assert loader_module.notice_files(data_dir) == [data_dir / "notices" / NOTICE]


UNIT_FILE = """\
- {task: cchc-2023-11/2.3, done: 2023-11-24, evidence: "Báo cáo số 12/BC-NV"}
- {task: cchc-2023-11/2.3, reopened: 2023-11-28, reason: Thiếu tài liệu kiểm chứng}
- {task: cchc-2023-11/2.3, done: 2023-11-30, evidence: "Báo cáo số 15/BC-NV"}
- {task: cchc-2023-11/1.2, extended: 2023-12-20, reason: Chờ số liệu, on: 2023-12-05}
- {task: cchc-2023-11/1.1, done: 2023-12-29}
"""
COMMUNE_FILE = """- {task: cchc-2023-11/8.2, done: 2024-01-10}
"""
OFFICE_FILE = """\
- {task: cchc-2023-11/7.1, extended: 2023-12-31, reason: Chờ tập huấn, on: 2023-11-25}
- {task: cchc-2023-11/6, cancelled: 2023-12-10, reason: Không còn phù hợp}
- {task: cchc-2023-11/5, extended: 2024-01-05, reason: Chờ}
"""


def _progress(data_dir: Path) -> None:
    (data_dir / "progress" / "noi-vu.yaml").write_text(UNIT_FILE, "utf-8")
    (data_dir / "progress" / "_office.yaml").write_text(OFFICE_FILE, "utf-8")
    (data_dir / "progress" / "ho-xa.yaml").write_text(COMMUNE_FILE, "utf-8")


def test_the_pair_rows_give_each_pair_the_status_python_gives_it_on_every_day(data_dir):
    from datetime import date, timedelta

    from cchc_cli.core.status import Status
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.pairs import PairIndex
    from cchc_cli.views.query import select_statuses

    _progress(data_dir)
    plain = load(data_dir)
    assert not [d for d in plain.diagnostics if d.is_error]
    load(data_dir, FileCache.open(data_dir))  # fills the cache
    cached = load(data_dir, FileCache.open(data_dir))
    assert isinstance(cached.pairs, PairIndex)
    day = date(2023, 11, 1)
    seen: set[Status] = set()
    while day <= date(2024, 2, 1):
        python = {(i.task.notice, i.task.id, i.unit): i.status for i in select_statuses(plain, day)}
        assert cached.pairs.statuses(day) == python, day
        seen |= set(python.values())
        day += timedelta(days=1)
    # Every kind of row was met: before the notice, done, reopened, extended, cancelled.
    assert seen == set(Status)


def test_a_progress_line_added_recomputes_only_that_notices_pairs(cchc, data_dir):
    from cchc_cli.store.cache import FileCache

    shutil.copy(data_dir / "notices" / NOTICE, data_dir / "notices" / "b.yaml")
    text = (data_dir / "notices" / "b.yaml").read_text("utf-8")
    (data_dir / "notices" / "b.yaml").write_text(text.replace("cchc-2023-11", "b-2023"), "utf-8")
    views = [
        ["status", "--as-of", "2023-12-15"],
        ["due", "--as-of", "2023-12-15", "--by", "2023-12-31"],
        ["overdue", "--as-of", "2023-12-15", "-f", "json"],
    ]
    for view in views:
        cchc(*view)
    cache = FileCache.open(data_dir)
    assert cache is not None
    before = dict(cache.pair_keys)
    cache.connection.close()
    _progress(data_dir)
    for view in views:
        assert cchc(*view).stdout == cchc(*view, "--no-cache").stdout
    cache = FileCache.open(data_dir)
    assert cache is not None
    after = dict(cache.pair_keys)
    cache.connection.close()
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {f"notices/{NOTICE}"}


def test_due_and_overdue_read_no_notice_back(data_dir):
    # The pair and task rows hold all that due and overdue print: a notice read back
    # (20,000 tasks decoded to print a few thousand) would be the cost issue 17 removed.
    from datetime import date

    from cchc_cli.store.cache import FileCache
    from cchc_cli.views.query import due_by, due_items, overdue, overdue_items, select_statuses

    _progress(data_dir)
    text = (data_dir / "notices" / NOTICE).read_text("utf-8")
    later = text.replace("2023", "2025")  # a notice two years on: nothing due in 2023
    (data_dir / "notices" / "later.yaml").write_text(later, "utf-8")
    load(data_dir, FileCache.open(data_dir))
    dataset = load(data_dir, FileCache.open(data_dir))

    def refusing(entries):
        raise AssertionError(f"read back: {[e.id for e in entries]}")

    object.__setattr__(dataset, "reader", refusing)
    today, last = date(2023, 11, 25), date(2023, 12, 31)
    due = due_items(dataset, today, last)
    late = overdue_items(dataset, date(2023, 12, 15))
    assert due.rows and late.lines
    plain = load(data_dir)
    expected = due_by(select_statuses(plain, today), last)
    assert [(i.task.ref, i.unit) for i in due.pairs()] == [(i.task.ref, i.unit) for i in expected]
    expected = overdue(select_statuses(plain, date(2023, 12, 15)))
    assert [(i.task.ref, i.unit, i.last_day) for i in late.pairs()] == [
        (i.task.ref, i.unit, i.last_day) for i in expected
    ]


def test_remind_reads_back_no_notice(data_dir):
    # The pairs come from the pair rows, the notices' numbers and titles from their rows.
    from datetime import date

    from cchc_cli.store.cache import FileCache
    from cchc_cli.views.query import remind_items, select_statuses

    text = (data_dir / "notices" / NOTICE).read_text("utf-8")
    (data_dir / "notices" / "later.yaml").write_text(text.replace("2023", "2025"), "utf-8")
    load(data_dir, FileCache.open(data_dir))
    dataset = load(data_dir, FileCache.open(data_dir))
    asked: list[str] = []
    reader = dataset.reader

    def counting(entries):
        asked.extend(e.id for e in entries)
        return reader(entries)

    object.__setattr__(dataset, "reader", counting)
    today = date(2023, 12, 15)
    items, names = remind_items(dataset, today, 7)
    assert asked == []
    assert names == {n.id: n.title for n in dataset.notices}  # they have no number
    plain = {(i.task.ref, i.unit): i.status for i in select_statuses(load(data_dir), today)}
    assert items and all(plain[i.task.ref, i.unit] == i.status for i in items)


RECURRING_NOTICE = """\
id: tb-9-2023
date: 2023-11-01
title: Báo cáo định kỳ
tasks:
  - id: "1"
    text: Báo cáo tiến độ giải ngân
    assignees: [noi-vu, tu-phap]
    repeat: định kỳ hằng tháng, trước ngày 20
"""


def test_a_recurring_task_is_counted_through_the_cache_as_without_it(data_dir):
    # The pair rows cannot hold instances (they depend on the day asked about): a folder
    # holding a recurring task must still give, run after run, what --no-cache gives.
    from typer.testing import CliRunner

    from cchc_cli.cli.app import app

    (data_dir / "notices" / "tb-9-2023.yaml").write_text(RECURRING_NOTICE, "utf-8")
    runner = CliRunner()
    for args in (
        ["status", "--as-of", "2024-01-25"],
        ["due", "--before", "2024-02-20", "--as-of", "2024-01-25"],
        ["overdue", "--as-of", "2024-01-25"],
    ):
        slow = runner.invoke(app, ["--data", str(data_dir), *args, "--no-cache"])
        assert slow.exit_code == 0, slow.output
        assert "tb-9-2023" in slow.output or args[0] == "status"
        for _ in range(2):  # the cache written, then read back
            fast = runner.invoke(app, ["--data", str(data_dir), *args])
            assert fast.output == slow.output
    overdue = runner.invoke(app, ["--data", str(data_dir), "overdue", "--as-of", "2024-01-25"])
    assert "tb-9-2023/1@2023-12" in overdue.output
