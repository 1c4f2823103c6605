"""``cchc migrate``: progress moves out of the notices into progress/, every other
byte of each notice stays; golden before/after folders under migrations/.
CCHC_UPDATE_GOLDEN=1 rewrites after/: review the diff."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from cchc_cli.core.errors import CchcError
from cchc_cli.store import fileio, migrate
from cchc_cli.store.edit import content
from cchc_cli.store.loader import load

CASES = Path(__file__).parent / "migrations"
UNITS = Path(__file__).resolve().parent.parent / "data" / "units.yaml"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cchc" not in p.parts and p.name != "units.yaml"
    }


def folder_of(case: str, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(CASES / case / "before", data)
    shutil.copy(UNITS, data / "units.yaml")
    return data


def meaning(data: Path):
    dataset = load(data)
    tasks = {}
    for task in dataset.tasks:
        said = content(task)
        said["notes"] = sorted(said["notes"], key=lambda n: (n["on"], n["text"], n["unit"] or ""))
        tasks[task.ref] = said
    errors = [d for d in dataset.diagnostics if d.is_error]
    return tasks, errors


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_migrate_moves_progress_and_keeps_every_other_byte(case, tmp_path):
    data = folder_of(case, tmp_path)
    before, errors = meaning(data)
    assert errors == []
    moved = migrate.migrate(data)
    assert moved.skipped == []
    after = tree(data)
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        shutil.rmtree(CASES / case / "after", ignore_errors=True)
        for name, data_bytes in after.items():
            target = CASES / case / "after" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data_bytes)
    assert after == tree(CASES / case / "after")
    assert meaning(data) == (before, [])
    dataset = load(data)
    assert not any(d.key == "notice.old-progress" for d in dataset.diagnostics)


def test_migrate_refuses_to_run_twice(tmp_path):
    data = folder_of("mixed", tmp_path)
    migrate.migrate(data)
    once = tree(data)
    with pytest.raises(CchcError) as refused:
        migrate.migrate(data)
    assert refused.value.key == "migrate.nothing"
    assert tree(data) == once


def test_an_interrupted_migration_finishes_on_a_rerun_without_duplicates(tmp_path, monkeypatch):
    data = folder_of("mixed", tmp_path)
    before, _ = meaning(data)
    real = fileio.atomic_write
    calls = []

    def crash_after_first(path, data_bytes):
        if calls:
            raise KeyboardInterrupt  # the power goes after one notice
        calls.append(path)
        real(path, data_bytes)

    monkeypatch.setattr(migrate, "atomic_write", crash_after_first)
    with pytest.raises(KeyboardInterrupt):
        migrate.migrate(data)
    monkeypatch.setattr(migrate, "atomic_write", real)
    # Half-way: the events are in progress/, some notices still hold theirs too;
    # the data still reads without errors (a done twice is a correction to itself).
    assert meaning(data)[1] == []
    migrate.migrate(data)
    assert tree(data) == tree(CASES / "mixed" / "after")
    assert meaning(data) == (before, [])


def test_a_notice_that_cannot_be_moved_safely_is_left_alone_and_named(tmp_path):
    data = folder_of("mixed", tmp_path)
    odd = data / "notices" / "key-on-item-line.yaml"
    odd.write_text(
        "id: tb-9\ndate: 2023-11-24\ntitle: T\ntasks:\n"
        "  - done: 2023-11-25\n    id: '1'\n    assignees: [noi-vu]\n    text: A\n",
        encoding="utf-8",
    )
    written = odd.read_bytes()
    moved = migrate.migrate(data)
    assert [(Path(p).name, key) for p, key, _ in moved.skipped] == [
        ("key-on-item-line.yaml", "edit.layout")
    ]
    assert odd.read_bytes() == written
    assert len(moved.notices) == 3


def test_a_linked_notice_stays_a_link_after_migrate(tmp_path):
    data = folder_of("mixed", tmp_path)
    kept = data / "kept"
    kept.mkdir()
    (data / "notices" / "flow-done.yaml").rename(kept / "flow-done.yaml")
    (data / "notices" / "flow-done.yaml").symlink_to(Path("..") / "kept" / "flow-done.yaml")
    migrate.migrate(data)
    assert (data / "notices" / "flow-done.yaml").is_symlink()
    expected = CASES / "mixed" / "after" / "notices" / "flow-done.yaml"
    assert (kept / "flow-done.yaml").read_bytes() == expected.read_bytes()


def test_a_progress_file_that_is_a_fifo_is_refused_not_a_hang(tmp_path):
    data = folder_of("mixed", tmp_path)
    (data / "progress").mkdir(exist_ok=True)
    fifo = data / "progress" / "noi-vu.yaml"
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)

    def hung(*_):
        raise TimeoutError("migrate blocked on the FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        with pytest.raises(CchcError) as refused:
            migrate.migrate(data)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert refused.value.key == "edit.invalid-file"
    assert refused.value.args_["path"] == str(fifo)
