"""A bare completion written without the YAML writer and its file's cache row made by
the edit (store/progress_append.py, store/progress_rows.py): the same bytes, the same
events, and never a stale answer."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.store import edit, progress, progress_append
from cchc_cli.store.cache import FileCache
from runner import cchc

REF = "cchc-2023-11"
PART = st.text(alphabet="abcXYZ019._-", min_size=1, max_size=6)
REFS = st.builds(
    lambda head, parts, key: head + "".join("/" + p for p in parts) + key,
    st.text(alphabet="aZ09", min_size=1, max_size=3) | st.sampled_from(["1", "0x1", "on", "y"]),
    st.lists(PART | st.sampled_from(["1.5", "1e3", "0o7", "2023-11-24", ".inf", "-1"]), min_size=1),
    st.sampled_from(["", "@2024-01", "@2024-Q1", "@1.0"]),
)


@given(REFS, st.dates(date(1900, 1, 1), date(2199, 12, 31)), st.integers(min_value=2, max_value=9))
def test_a_plain_line_is_what_the_writer_writes_and_what_the_reader_reads(ref, day, line):
    event = progress.Event("done", ref, "noi-vu", day=day)
    plain = progress_append.plain_line(event)
    assert plain == progress_append.render_event(event)
    text = "# h\n" * (line - 1) + f"{plain}\n"
    back, problems = progress.parse_progress(text, "p/noi-vu.yaml", "noi-vu")
    assert problems == []
    assert back == [progress_append.read_back(event, "p/noi-vu.yaml", line)]


@pytest.mark.parametrize(
    "event",
    [
        progress.Event("done", "a/1", "u", day=date(2023, 11, 24), evidence="BC 1"),
        progress.Event("done", "a/1", "u", day=date(2023, 11, 24), note="n"),
        progress.Event("reopened", "a/1", "u", day=date(2023, 11, 24), reason="r"),
        progress.Event("done", "a 1/1", "u", day=date(2023, 11, 24)),
        progress.Event("done", "Thông-báo/1", "u", day=date(2023, 11, 24)),
        progress.Event("done", "a:b/1", "u", day=date(2023, 11, 24)),
        progress.Event("done", "-a/1", "u", day=date(2023, 11, 24)),
        progress.Event("done", "a", "u", day=date(2023, 11, 24)),
        progress.Event("done", "a/1", "u", day=date(1899, 12, 31)),  # the reader refuses it
        progress.Event("done", "a/1", "u", day=date(2200, 1, 1)),
    ],
)
def test_anything_but_a_bare_completion_with_a_plain_reference_goes_the_long_way(event):
    assert progress_append.plain_line(event) is None


def progress_row(data: Path, unit: str) -> tuple[list[progress.Event], list, str] | None:
    cache = FileCache.open(data)
    assert cache is not None
    try:
        return cache.get_progress(data / "progress" / f"{unit}.yaml")
    finally:
        cache.close()


def parsed(data: Path, unit: str) -> list[progress.Event]:
    path = data / "progress" / f"{unit}.yaml"
    events, problems = progress.parse_progress(path.read_text("utf-8"), str(path), unit)
    assert problems == []
    return events


def same_as_without_cache(*args: str) -> None:
    warm = cchc(*args, "--as-of", "2023-11-30")
    cold = cchc(*args, "--as-of", "2023-11-30", "--no-cache")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


@pytest.mark.parametrize(
    "before",
    [
        None,
        "",
        "# Tiến độ\n",
        f"# Tiến độ\n- {{task: {REF}/1.1, done: 2023-11-20}}\n\n# ghi chú\n",
        f"- {{task: {REF}/1.1, done: 2023-11-20}}",  # no line break at the end
        f'- {{task: {REF}/1.1, done: 2023-11-20, evidence: "Số 1, ngày 2"}}  # x\n',
    ],
)
def test_done_writes_the_row_a_read_of_the_file_would_make(data_dir, before):
    path = data_dir / "progress" / "noi-vu.yaml"
    if before is not None:
        path.write_text(before, encoding="utf-8")
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0  # the cache is warm
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    row = progress_row(data_dir, "noi-vu")
    assert row is not None
    assert row[0] == parsed(data_dir, "noi-vu")
    assert row[1] == []
    for args in (("show", "2.3"), ("status",), ("due", "--before", "2023-12-31"), ("validate",)):
        same_as_without_cache(*args)


@pytest.mark.parametrize(
    "before",
    [
        "- {task: torn\n",  # a problem in the file: it is read again
        f"- {{task: {REF}/1.1, done: 2023-11-20}}\r\n",  # carriage returns: read again
    ],
)
def test_a_file_with_a_problem_or_carriage_returns_is_read_again(data_dir, before):
    path = data_dir / "progress" / "noi-vu.yaml"
    path.write_text(before, encoding="utf-8", newline="")
    cchc("status", "--as-of", "2023-11-30")  # the cache is warm (the torn line: exit 1)
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    row = progress_row(data_dir, "noi-vu")  # made by reading the file, if at all
    text = path.read_text("utf-8")
    assert row is None or row[:2] == progress.parse_progress(text, str(path), "noi-vu")
    same_as_without_cache("show", "2.3")
    same_as_without_cache("validate")


def test_an_addition_with_evidence_is_parsed_and_its_row_is_what_a_read_makes(data_dir):
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    done = ("done", "2.3", "--evidence", "Báo cáo số 12", "--as-of", "2023-11-24")
    assert cchc(*done).exit_code == 0
    row = progress_row(data_dir, "noi-vu")
    assert row is not None
    assert row[0] == parsed(data_dir, "noi-vu")
    same_as_without_cache("show", "2.3")


def test_a_file_edited_by_hand_after_the_edit_is_read_again(data_dir):
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    path = data_dir / "progress" / "noi-vu.yaml"
    # The same size, the same modification time: only the content tells.
    text = path.read_text("utf-8")
    info = path.stat()
    path.write_text(text.replace("2023-11-24", "2023-11-23"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    shown = cchc("show", "2.3", "--as-of", "2023-11-30")
    assert "23/11/2023" in shown.stdout
    same_as_without_cache("show", "2.3")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"- {{task: {REF}/2.3, note: thêm, on: 2023-11-25}}\n")
    assert "thêm" in cchc("show", "2.3", "--as-of", "2023-11-30").stdout
    same_as_without_cache("show", "2.3")


def test_a_line_someone_adds_right_after_the_append_is_not_hidden_by_the_row(data_dir, monkeypatch):
    real = progress_append.append

    def append_then_someone_saves(path: Path, data: bytes, offset: int) -> None:
        real(path, data, offset)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"- {{task: {REF}/2.3, note: chen vao, on: 2023-11-25}}\n")

    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    monkeypatch.setattr(edit.progress_append, "append", append_then_someone_saves)
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    monkeypatch.setattr(edit.progress_append, "append", real)
    row = progress_row(data_dir, "noi-vu")  # made by reading the file, if at all
    assert row is None or row[0] == parsed(data_dir, "noi-vu")
    assert "chen vao" in cchc("show", "2.3", "--as-of", "2023-11-30").stdout
    same_as_without_cache("show", "2.3")


def test_several_units_at_once_each_get_their_row(data_dir):
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    assert cchc("done", "8.2", "--all", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("done", "1.3", "--all", "--as-of", "2023-11-25").exit_code == 0
    for path in sorted((data_dir / "progress").glob("*.yaml")):
        unit = path.stem
        row = progress_row(data_dir, unit)
        assert row is not None, unit
        assert row[0] == parsed(data_dir, unit)
    same_as_without_cache("status")
    same_as_without_cache("overdue")


def test_done_and_the_run_after_it_import_no_yaml_parser(data_dir):
    """The reason for both: ruamel.yaml costs a `done` 20-35 ms to import."""
    env = {**os.environ, "CCHC_DATA": str(data_dir), "CCHC_TODAY": "2023-11-30"}
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules"
        " if m.startswith('ruamel')}), file=sys.stderr))\n"
        "from cchc_cli.cli import main\n"
        "sys.argv = ['cchc', *sys.argv[1:]]\n"
        "main()\n"
    )

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stderr.strip().splitlines()[-1]

    run("status")  # the cache is warm
    assert run("done", "2.3", "--on", "2023-11-24") == "[]"
    assert run("show", "2.3") == "[]"
    assert run("done", "8.2", "--all", "--on", "2023-11-24") == "[]"
    assert run("status") == "[]"


# -- the cache brought up to date by the edit (store/progress_patch.py) -------------------


def cache_state(data: Path) -> dict[str, object]:
    """What the cache holds about the progress and the pair rows, in a stable order."""
    import sqlite3

    connection = sqlite3.connect(data / ".cchc" / "cache.sqlite")
    try:
        parts = dict(connection.execute("SELECT part, data FROM snapshot"))
        state: dict[str, object] = {
            part: parts[part]
            for part in ("progress", "progress_diagnostics", "progress_files", "pairs")
        }
        for table in ("pairs", "task_rows", "open_rows", "notice_rows", "pair_sources"):
            state[table] = sorted(connection.execute(f"SELECT * FROM {table}"), key=repr)
        return state
    finally:
        connection.close()


def loads_taking_the_long_way(monkeypatch) -> list[str]:
    """Where the loads that found the progress files changed since the snapshot go."""
    from cchc_cli.store import loader

    taken: list[str] = []
    real = loader._with_progress

    def counting(data_dir, cache, *args, **kwargs):
        if cache is not None and kwargs.get("resolver") is None and len(args) < 5:
            taken.append(str(data_dir))  # not a load of every file (--no-cache, cold)
        return real(data_dir, cache, *args, **kwargs)

    monkeypatch.setattr(loader, "_with_progress", counting)
    return taken


@pytest.mark.parametrize(
    "edits",
    [
        [("done", "2.3", "--as-of", "2023-11-24")],
        [("done", "8.2", "--all", "--as-of", "2023-11-24"), ("done", "1.3", "--all")],
        [("done", "2.3", "--evidence", "BC số 1", "--as-of", "2023-11-24")],  # parsed
        [("done", "2.3", "--as-of", "2023-11-24"), ("reopen", "2.3", "--reason", "Thiếu")],
        [("note", "2.4", "Đang làm"), ("done", "2.4", "--on", "2023-11-24")],
    ],
)
def test_after_an_edit_the_cache_holds_what_a_cache_made_afresh_holds(data_dir, monkeypatch, edits):
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    for args in edits:
        result = cchc(*args, CCHC_TODAY="2023-11-30")
        assert result.exit_code == 0, result.stderr
    taken = loads_taking_the_long_way(monkeypatch)
    for args in (("show", "2.3"), ("status",), ("overdue",), ("validate",)):
        same_as_without_cache(*args)
    assert taken == []  # every run after the edits answered from the snapshot
    patched = cache_state(data_dir)
    assert cchc("cache", "clear").exit_code == 0
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    assert cache_state(data_dir) == patched


def test_a_notice_changed_while_editing_leaves_the_cache_to_the_next_run(data_dir, monkeypatch):
    from cchc_cli.store import loader, progress_rows

    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    other = notice.with_name("other.yaml")
    other.write_text(notice.read_text("utf-8").replace("id: cchc-2023-11", "id: other"), "utf-8")
    assert cchc("done", "other/2.3", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("status", "--as-of", "2023-11-30").exit_code == 0
    real = progress_rows.after

    def after_then_someone_edits_a_notice(*args, **kwargs):
        real(*args, **kwargs)
        # Someone gives the other notice's task 2.3 to another unit, and another run
        # brings the cache up to date with it before the edit's own update: noi-vu's
        # completion there is now an error, which an update made from the edit's
        # dataset would not know.
        text = other.read_text("utf-8")
        before = '  - id: "2.3"\n    assignees: [noi-vu]'
        assert before in text
        other.write_text(text.replace(before, before.replace("noi-vu", "tu-phap")), "utf-8")
        data = Path("data")  # as the runs name it (the snapshot records the name)
        loader.load(data, FileCache.open(data))

    monkeypatch.setattr(progress_rows, "after", after_then_someone_edits_a_notice)
    assert cchc("done", "cchc-2023-11/2.3", "--as-of", "2023-11-24").exit_code == 0
    monkeypatch.setattr(progress_rows, "after", real)
    for args in (("show", "other/2.3"), ("status",), ("validate",)):
        same_as_without_cache(*args)
