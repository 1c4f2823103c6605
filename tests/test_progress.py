"""Progress files: reading them line by line, checking them against the notices,
folding them onto the tasks, and the journal that makes every append undoable."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.core.errors import CchcError
from cchc_cli.core.status import Status, task_statuses
from cchc_cli.store import edit, progress, progress_append
from cchc_cli.store.cache import FileCache
from cchc_cli.store.journal import ABSENT, APPLIED, Journal, state_of
from cchc_cli.store.loader import load
from runner import cchc

REF = "cchc-2023-11"


def write(data: Path, name: str, text: str) -> Path:
    path = data / "progress" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def validate_lines(lang: str = "en") -> list[str]:
    result = cchc("validate", "--lang", lang)
    return [line for line in result.stdout.splitlines() if "progress/" in line]


def task(data: Path, ident: str):
    return next(t for t in load(data).tasks if t.id == ident)


# -- reading -----------------------------------------------------------------------------


def test_events_are_attached_to_the_tasks_every_view_reads(data_dir):
    write(
        data_dir,
        "noi-vu.yaml",
        "# Tiến độ của Phòng Nội vụ\n"
        f'- {{task: {REF}/2.3, done: 2023-11-24, evidence: "Báo cáo số 12/BC-NV"}}\n'
        f"- {{task: {REF}/2.4, note: đã đạt 40%, on: 2023-11-30}}\n",
    )
    write(
        data_dir,
        "_office.yaml",
        f"- {{task: {REF}/7.1, extended: 2023-12-20, reason: Chờ, on: 2023-11-25}}\n"
        f"- {{task: {REF}/6, cancelled: 2023-11-26, reason: Đã lồng ghép}}\n",
    )
    shown = json.loads(cchc("show", "2.3", "-f", "json").stdout)
    assert shown["done"]["noi-vu"] == {
        "on": "2023-11-24",
        "evidence": "Báo cáo số 12/BC-NV",
        "note": None,
    }
    assert json.loads(cchc("show", "2.4", "-f", "json").stdout)["notes"] == [
        {"on": "2023-11-30", "text": "đã đạt 40%", "unit": "noi-vu"}
    ]
    extended = json.loads(cchc("show", "7.1", "-f", "json", "--as-of", "2023-11-30").stdout)
    assert extended["last_day"] == "2023-12-20"
    assert json.loads(cchc("show", "6", "-f", "json").stdout)["cancelled"]["reason"] == (
        "Đã lồng ghép"
    )
    assert cchc("validate").exit_code == 0


def test_a_done_event_carries_its_file_line_and_column(data_dir):
    path = write(data_dir, "noi-vu.yaml", f"# x\n\n- {{task: {REF}/2.3, done: 2023-11-24}}\n")
    completion = task(data_dir, "2.3").done["noi-vu"]
    assert (completion.source.path, completion.source.line, completion.source.col) == (
        str(path),
        3,
        1,
    )


def test_a_reopened_unit_is_open_again_with_the_reason_as_a_note(data_dir):
    write(
        data_dir,
        "noi-vu.yaml",
        f"- {{task: {REF}/2.3, done: 2023-11-24}}\n"
        f"- {{task: {REF}/2.3, reopened: 2023-11-28, reason: Thiếu tài liệu}}\n",
    )
    reopened = task(data_dir, "2.3")
    assert reopened.done == {}
    assert [(n.on, n.text, n.unit) for n in reopened.notes] == [
        (date(2023, 11, 28), "Thiếu tài liệu", "noi-vu")
    ]


def test_a_later_done_line_corrects_the_earlier_one(data_dir):
    write(
        data_dir,
        "noi-vu.yaml",
        f"- {{task: {REF}/2.3, done: 2023-11-24}}\n"
        f"- {{task: {REF}/2.3, done: 2023-11-23, evidence: BC 12}}\n",
    )
    completion = task(data_dir, "2.3").done["noi-vu"]
    assert (completion.on, completion.evidence) == (date(2023, 11, 23), "BC 12")


def test_an_extension_for_one_unit_moves_only_that_units_last_day(data_dir):
    write(
        data_dir,
        "vinh-ha.yaml",
        f"- {{task: {REF}/8.2, extended: 2023-12-31, reason: Lũ, on: 2023-11-25}}\n",
    )
    statuses = {s.unit: s for s in task_statuses(task(data_dir, "8.2"), date(2023, 12, 20))}
    assert statuses["vinh-ha"].status is Status.IN_PROGRESS
    assert statuses["vinh-ha"].last_day == date(2023, 12, 31)
    assert statuses["vinh-hoa"].status is Status.OVERDUE


def test_old_layout_progress_is_read_with_one_warning_per_notice_file(data_dir):
    notice = data_dir / "notices" / "old.yaml"
    notice.write_text(
        "id: tb-old\ndate: 2023-11-24\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n    text: A\n    done: 2023-11-25\n"
        "  - id: '2'\n    assignees: [noi-vu]\n    text: B\n"
        "    notes:\n      - {on: 2023-11-26, text: x}\n",
        encoding="utf-8",
    )
    result = cchc("validate", "--lang", "en")
    warnings = [line for line in result.stdout.splitlines() if "cchc migrate" in line]
    assert warnings == [
        f"{Path('data/notices/old.yaml')}:8:5: warning: progress written inside the notice file "
        "(the old layout) is still read for a transition period; run 'cchc migrate' to move it "
        "to the progress/ folder"
    ]
    assert task(data_dir, "1").done["noi-vu"].on == date(2023, 11, 25)


# -- problems, each at its line and column -----------------------------------------------


def test_each_bad_line_is_reported_at_its_place_and_only_it_is_left_out(data_dir):
    write(
        data_dir,
        "noi-vu.yaml",
        "# Tiến độ\n"
        f"- {{task: {REF}/9.9, done: 2023-11-24}}\n"  # 2: unknown task
        f"- {{task: {REF}/2.3, done: 2023-10-01}}\n"  # 3: before the notice
        f"- {{task: {REF}/2.3, done: 2023-11-31}}\n"  # 4: no such day
        f"- {{task: {REF}/2.3, done: 2023-11-24, proof: x}}\n"  # 5: unknown key
        f"- {{task: {REF}/2.3, done: 2023-11-24\n"  # 6: torn line
        f"- {{task: {REF}/8.2, done: 2023-11-24}}\n"  # 7: not assigned (a commune task)
        f"- {{task: {REF}/2.4, done: 2023-11-25}}\n",  # 8: fine
    )
    lines = validate_lines()
    errors = [line.split(": error: ")[0] for line in lines if ": error: " in line]
    assert errors == [
        "data/progress/noi-vu.yaml:2:10",
        "data/progress/noi-vu.yaml:3:1",
        "data/progress/noi-vu.yaml:4:34",
        "data/progress/noi-vu.yaml:5:46",
        "data/progress/noi-vu.yaml:6:1",
        "data/progress/noi-vu.yaml:7:10",
    ]
    assert "data/progress/noi-vu.yaml:7:10: error: Phòng Nội vụ is not assigned task" in (
        "\n".join(lines)
    )
    left_out = [line for line in lines if "left out" in line]
    assert len(left_out) == 6
    assert task(data_dir, "2.4").done["noi-vu"].on == date(2023, 11, 25)


def test_an_event_for_a_group_task_is_checked_against_the_groups_members(data_dir):
    write(data_dir, "vinh-ha.yaml", f"- {{task: {REF}/8.2, done: 2023-11-24}}\n")
    write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/1.1, done: 2023-11-24}}\n")  # phong-ban
    assert validate_lines() == []
    assert "vinh-ha" in task(data_dir, "8.2").done


def test_a_file_named_for_no_unit_or_for_a_group_is_not_read(data_dir):
    write(data_dir, "nobody.yaml", f"- {{task: {REF}/2.3, done: 2023-11-24}}\n")
    write(data_dir, "xa-thi-tran.yaml", f"- {{task: {REF}/8.2, done: 2023-11-24}}\n")
    lines = validate_lines()
    assert lines[0].startswith("data/progress/nobody.yaml: error: there is no unit 'nobody'")
    assert lines[1].startswith("data/progress/xa-thi-tran.yaml: error: 'xa-thi-tran' is a group")
    assert task(data_dir, "8.2").done == {}


def test_what_belongs_to_one_unit_or_to_the_office_stays_there(data_dir):
    write(data_dir, "_office.yaml", f"- {{task: {REF}/2.3, done: 2023-11-24}}\n")
    write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/2.3, cancelled: 2023-11-24, reason: x}}\n")
    text = "\n".join(validate_lines())
    assert "_office.yaml:1:1: error: 'done' belongs to one unit" in text
    assert "noi-vu.yaml:1:1: error: 'cancelled' is a decision for the whole task" in text


def test_reopening_what_is_not_done_is_an_error(data_dir):
    write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/2.3, reopened: 2023-11-24, reason: x}}\n")
    assert "noi-vu.yaml:1:1: error: reopens task" in "\n".join(validate_lines())


def test_a_line_that_is_not_an_event_is_an_error(data_dir):
    write(data_dir, "noi-vu.yaml", "task: x\n- [a, b]\n- {note: x, done: 2023-11-24}\n")
    errors = [line for line in validate_lines() if ": error: " in line]
    assert [e.split(": error: ")[0] for e in errors] == [
        "data/progress/noi-vu.yaml:1:1",
        "data/progress/noi-vu.yaml:2:1",
        "data/progress/noi-vu.yaml:3:3",  # a completion with a note, but no task
    ]


def test_messages_are_vietnamese_by_default(data_dir):
    write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/9.9, done: 2023-11-24}}\n")
    assert "không có nhiệm vụ" in "\n".join(validate_lines("vi"))


# -- writing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "added"),
    [
        (None, b"# h\n- x\n"),
        (b"", b"- x\n"),
        (b"- a\n", b"- x\n"),
        (b"- a", b"\n- x\n"),  # a hand-edited last line keeps its own line
        (b"- a\r\n", b"- x\r\n"),
        (b"- a\r\n- b", b"\r\n- x\r\n"),
    ],
)
def test_an_addition_never_glues_two_events(existing, added):
    assert progress_append.addition(existing, ["- x"], "# h\n") == added


def test_rendered_events_read_back_as_the_same_events():
    events = [
        progress.Event("done", "a/1", "u", day=date(2023, 11, 24), evidence="BC: 12, {x}"),
        progress.Event("reopened", "a/1", "u", day=date(2023, 11, 25), reason="# không"),
        progress.Event("note", "a/1", "u", on=date(2023, 11, 26), text="'40%'"),
        progress.Event(
            "extended", "a/1", None, day=date(2023, 12, 1), reason="r", on=date(2023, 11, 2)
        ),
        progress.Event("cancelled", "a/1", None, day=date(2023, 12, 2), reason="-", decision="d"),
        progress.Event("cancelled", "a/1", None, reason="undated"),
    ]
    for event in events:
        line = progress_append.render_event(event)
        (back,), problems = progress.parse_progress(line, "f", event.unit)
        assert problems == []
        assert edit._said(back) == edit._said(event)


def test_cancel_goes_to_the_office_file_and_a_note_without_unit_too(data_dir):
    assert cchc("cancel", "6", "--reason", "Đã lồng ghép", "--as-of", "2023-11-26").exit_code == 0
    assert cchc("note", "6", "họp lại", "--as-of", "2023-11-27").exit_code == 0
    text = (data_dir / "progress" / "_office.yaml").read_text("utf-8")
    assert text.splitlines()[1:] == [
        f"- {{task: {REF}/6, cancelled: 2023-11-26, reason: Đã lồng ghép}}",
        f"- {{task: {REF}/6, note: họp lại, on: 2023-11-27}}",
    ]


def test_extend_for_one_unit_writes_in_its_file_and_checks_its_own_last_day(data_dir):
    args = ["extend", "8.2", "--to", "2023-12-31", "--reason", "Lũ", "--unit", "vinh-ha"]
    assert cchc(*args, "--as-of", "2023-11-25").exit_code == 0
    assert "extended: 2023-12-31" in (data_dir / "progress" / "vinh-ha.yaml").read_text("utf-8")
    again = cchc(*args[:3], "2023-12-20", *args[4:], "--as-of", "2023-11-26", "--lang", "en")
    assert again.exit_code == 1
    assert "must be later than the last day in force" in " ".join(again.stderr.split()) or (
        "later" in again.stderr
    )
    group = cchc(*args[:-1], "xa-thi-tran", "--as-of", "2023-11-25", "--lang", "en")
    assert group.exit_code == 2


def test_an_edit_reparses_one_progress_file_not_the_notice(data_dir, monkeypatch):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("validate").exit_code == 0  # the cache is full
    time.sleep(0.01)
    parsed = []
    real = progress.parse_progress

    def counting(text, shown, unit):
        parsed.append(Path(shown).name)
        return real(text, shown, unit)

    monkeypatch.setattr(progress, "parse_progress", counting)
    from cchc_cli.store import loader

    notices = []
    real_notice = loader.load_notice

    def counting_notice(*args, **kwargs):
        notices.append(args[1])
        return real_notice(*args, **kwargs)

    monkeypatch.setattr(loader, "load_notice", counting_notice)
    # A plain completion is written and read back without the parser, and its file's
    # row with it (tests/test_edit_fast.py): nothing is parsed, now or next time.
    assert cchc("done", "8.2", "--unit", "vinh-ha", "--as-of", "2023-11-24").exit_code == 0
    assert (notices, parsed) == ([], [])
    assert cchc("validate").exit_code == 0
    assert (notices, parsed) == ([], [])
    evidence = ("--evidence", "Báo cáo số 1")
    assert (
        cchc("done", "8.2", "--unit", "vinh-o", *evidence, "--as-of", "2023-11-24").exit_code == 0
    )
    assert notices == []
    # The line's own read-back check, then the file for its row, as the edit brings the
    # cache up to date (store/progress_patch.py): the others come from the cache.
    assert set(parsed) == {"vinh-o.yaml"}
    parsed.clear()
    assert cchc("validate").exit_code == 0
    assert (notices, parsed) == ([], [])


# -- the journal -------------------------------------------------------------------------


def journal_lines(data: Path) -> list[str]:
    return (data / ".cchc" / "journal.jsonl").read_text("utf-8").splitlines()


def test_a_torn_last_journal_line_is_skipped_and_never_swallows_the_next(data_dir):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    path = data_dir / ".cchc" / "journal.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"id": 2, "time": "2023-11-25T0')  # a crash mid-write
    assert cchc("note", "2.3", "x", "--unit", "noi-vu", "--as-of", "2023-11-25").exit_code == 0
    log = cchc("log", "-f", "json", "--lang", "en")
    assert [e["command"] for e in json.loads(log.stdout)] == ["done", "note"]
    assert "unreadable lines in the journal: 2" in log.stderr
    undone = cchc("undo")
    assert undone.exit_code == 0
    assert "(note" in undone.stdout
    assert cchc("undo").exit_code == 0
    assert not (data_dir / "progress" / "noi-vu.yaml").exists()


def test_appending_reads_only_the_end_of_the_journal(data_dir, monkeypatch):
    journal = Journal(data_dir)
    (data_dir / ".cchc").mkdir(exist_ok=True)
    filler = json.dumps({"id": 1, "command": "x", "pad": "." * 200}) + "\n"
    with open(journal.path, "w", encoding="utf-8") as handle:
        handle.write(filler * 20000)  # about 4.5 MB
        handle.write(json.dumps({"id": 7, "command": "x"}) + "\n")
    read_sizes = []
    real_open = open

    class Counting:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def seek(self, offset):
            return self.handle.seek(offset)

        def fileno(self):
            return self.handle.fileno()

        def read(self, size=-1):
            data = self.handle.read(size)
            read_sizes.append(len(data))
            return data

    def counting_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return Counting(handle) if str(path) == str(journal.path) else handle

    import builtins

    monkeypatch.setattr(builtins, "open", counting_open)
    entry = journal.append({"command": "y"})
    assert entry["id"] == 8
    assert sum(read_sizes) <= 64 * 1024


def test_a_journal_entry_naming_a_file_outside_the_data_folder_is_never_followed(
    data_dir, tmp_path
):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    (data_dir / ".cchc").mkdir(exist_ok=True)
    for name in ("../outside.txt", str(outside), "progress/../../outside.txt", "notices/x.yaml"):
        entry = {
            "id": 1,
            "command": "done",
            "ref": f"{REF}/2.3",
            "file": name,
            "appends": [{"file": name, "offset": 0, "text": "keep me\n"}],
        }
        (data_dir / ".cchc" / "journal.jsonl").write_text(json.dumps(entry) + "\n", "utf-8")
        result = cchc("undo", "--lang", "en")
        assert result.exit_code == 1
        assert "there is no edit to undo" in result.stderr
        assert outside.read_text("utf-8") == "keep me\n"


def test_a_crash_between_the_journal_and_the_append_leaves_no_edit(data_dir, monkeypatch):
    real_append = progress_append.append

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the power goes after the journal's fsync

    monkeypatch.setattr(progress_append, "append", crash)
    with pytest.raises(KeyboardInterrupt):
        edit_done(data_dir, "2.3")
    monkeypatch.setattr(progress_append, "append", real_append)
    (entry,) = Journal(data_dir).entries()[0]
    assert state_of(data_dir, entry) == ABSENT
    assert json.loads(cchc("log", "-f", "json").stdout) == []
    assert cchc("undo").exit_code == 1
    assert task(data_dir, "2.3").done == {}


def test_a_crash_in_the_middle_of_the_append_is_undone_to_the_original_bytes(data_dir):
    path = write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/2.4, done: 2023-11-25}}\n")
    original = path.read_bytes()
    edit_done(data_dir, "2.3")
    # As if the power went half-way through the line.
    with open(path, "r+b") as handle:
        handle.truncate(len(original) + 12)
    (entry,) = Journal(data_dir).entries()[0]
    assert state_of(data_dir, entry) != ABSENT
    assert [e["command"] for e in json.loads(cchc("log", "-f", "json").stdout)] == ["done"]
    assert cchc("undo").exit_code == 0
    assert path.read_bytes() == original


def test_an_edit_is_journaled_before_its_line_is_written(data_dir, monkeypatch):
    seen = []
    real = progress_append.append

    def append(path, data, offset):
        seen.append(len(Journal(data_dir).entries()[0]))
        real(path, data, offset)

    monkeypatch.setattr(progress_append, "append", append)
    edit_done(data_dir, "2.3")
    assert seen == [1]
    (entry,) = Journal(data_dir).entries()[0]
    assert state_of(data_dir, entry) == APPLIED


def test_a_full_disk_during_the_append_leaves_no_half_line(data_dir, monkeypatch):
    path = write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/2.4, done: 2023-11-25}}\n")
    original = path.read_bytes()
    real_write = os.write

    def half_then_full(fd, data):
        if len(data) > 10:
            real_write(fd, bytes(data[:10]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(progress_append.os, "write", half_then_full)
    result = cchc("done", "2.3", "--as-of", "2023-11-26", "--lang", "en")
    monkeypatch.setattr(progress_append.os, "write", real_write)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == original
    assert json.loads(cchc("log", "-f", "json").stdout) == []


def edit_done(data: Path, ident: str) -> None:
    dataset = load(data, FileCache.open(data))
    target = next(t for t in dataset.tasks if t.id == ident)
    change = edit.Done("done", ("noi-vu",), {}, on=date(2023, 11, 26))
    edit.apply(data, target, change, dataset.registry, "Asia/Ho_Chi_Minh", dataset)


def test_a_completion_after_today_is_a_warning_not_an_error(data_dir):
    write(data_dir, "noi-vu.yaml", f"- {{task: {REF}/2.3, done: 2023-12-20}}\n")
    result = cchc("validate", "--as-of", "2023-11-30", "--lang", "en")
    assert result.exit_code == 0
    assert (
        "data/progress/noi-vu.yaml:1:1: warning: the completion date 2023-12-20 is after "
        "today (2023-11-30)" in result.stdout
    )
    assert "after today" not in cchc("validate", "--as-of", "2023-12-20").stdout


# -- the commands ------------------------------------------------------------------------


def old_layout(data: Path) -> Path:
    notice = data / "notices" / "old.yaml"
    notice.write_bytes(
        b"\xef\xbb\xbfid: tb-old\r\ndate: 2023-11-24\r\ntitle: T\r\ntasks:\r\n"
        b"  - id: '1'\r\n    assignees: [noi-vu]\r\n    text: A   # giao 24/11\r\n"
        b"    done: 2023-11-25   # xong\r\n"
    )
    return notice


def test_migrate_says_what_it_moved_and_refuses_a_second_run(data_dir):
    notice = old_layout(data_dir)
    result = cchc("migrate", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Moved the progress of 1 notices: 1 lines into 1 progress/ files.\n"
    assert notice.read_bytes() == (
        b"\xef\xbb\xbfid: tb-old\r\ndate: 2023-11-24\r\ntitle: T\r\ntasks:\r\n"
        b"  - id: '1'\r\n    assignees: [noi-vu]\r\n    text: A   # giao 24/11\r\n"
    )
    assert (
        (data_dir / "progress" / "noi-vu.yaml")
        .read_text("utf-8")
        .endswith("- {task: tb-old/1, done: 2023-11-25}\n")
    )
    again = cchc("migrate")
    assert again.exit_code == 1
    assert again.stderr == (
        "cchc: lỗi: không còn tiến độ nào trong các tệp thông báo để chuyển (đã chuyển rồi?)\n"
    )
    assert cchc("validate").exit_code == 0
    assert "cchc migrate" not in cchc("validate").stdout


def test_migrate_names_a_notice_it_cannot_move_and_exits_1(data_dir):
    odd = data_dir / "notices" / "odd.yaml"
    odd.write_text(
        "id: tb-9\ndate: 2023-11-24\ntitle: T\ntasks:\n"
        "  - done: 2023-11-25\n    id: '1'\n    assignees: [noi-vu]\n    text: A\n",
        encoding="utf-8",
    )
    result = cchc("migrate", "--lang", "en")
    assert result.exit_code == 1
    assert "data/notices/odd.yaml is left as it is:" in result.stderr
    assert "1 notices could not be moved" in result.stderr


def test_the_fast_whole_file_read_and_the_line_by_line_read_agree():
    good = (
        "# h\r\n"
        f'- {{task: {REF}/2.3, done: 2023-11-24, evidence: "BC: 1"}}   # x\r\n'
        "\r\n"
        f"- {{task: {REF}/2.4, note: a, on: 2023-11-25}}\r\n"
    )
    fast, problems = progress.parse_progress(good, "f", "noi-vu")
    assert problems == []
    slow, problems = progress.parse_progress(good + "- {task: torn", "f", "noi-vu")
    assert [d.source.line for d in problems] == [5, 5]
    assert fast == slow
    assert [(e.source.line, e.task_source.col) for e in fast] == [(2, 10), (4, 10)]


def test_a_crash_between_two_files_of_one_edit_is_undone_where_it_was_written(
    data_dir, monkeypatch
):
    real = progress_append.append
    calls = []

    def second_fails(path, data, offset):
        if calls:
            raise KeyboardInterrupt
        calls.append(path)
        real(path, data, offset)

    monkeypatch.setattr(progress_append, "append", second_fails)
    dataset = load(data_dir, FileCache.open(data_dir))
    target = next(t for t in dataset.tasks if t.id == "8.2")
    change = edit.Done("done", ("vinh-ha", "vinh-hoa"), {}, on=date(2023, 11, 26))
    with pytest.raises(KeyboardInterrupt):
        edit.apply(data_dir, target, change, dataset.registry, "Asia/Ho_Chi_Minh", dataset)
    monkeypatch.setattr(progress_append, "append", real)
    assert (data_dir / "progress" / "vinh-ha.yaml").exists()
    assert not (data_dir / "progress" / "vinh-hoa.yaml").exists()
    assert [e["command"] for e in json.loads(cchc("log", "-f", "json").stdout)] == ["done"]
    assert cchc("undo").exit_code == 0
    assert not list((data_dir / "progress").glob("*.yaml"))


# -- issue 16, point 10: what edits used to damage ------------------------------------------


def test_comments_on_progress_keys_of_an_old_notice_survive_an_edit(data_dir):
    notice = data_dir / "notices" / "old.yaml"
    notice.write_text(
        "id: tb-old\ndate: 2023-11-24\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n    text: A\n"
        "    done:   # chưa ai báo cáo\n    notes: []  # ghi chú sau\n",
        encoding="utf-8",
    )
    written = notice.read_bytes()
    assert cchc("done", "tb-old/1", "--as-of", "2023-11-25").exit_code == 0
    assert cchc("note", "tb-old/1", "x", "--unit", "noi-vu", "--as-of", "2023-11-25").exit_code == 0
    assert notice.read_bytes() == written
    shown = json.loads(cchc("show", "tb-old/1", "-f", "json").stdout)
    assert shown["done"]["noi-vu"]["on"] == "2023-11-25"


def test_linked_notice_and_progress_files_stay_links(data_dir, tmp_path):
    notices = data_dir / "notices"
    kept = data_dir / "kept"
    kept.mkdir()
    (notices / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml").rename(kept / "tb.yaml")
    (notices / "tb.yaml").symlink_to(Path("..") / "kept" / "tb.yaml")
    (kept / "noi-vu.yaml").write_text("# Phòng Nội vụ\n", encoding="utf-8")
    (data_dir / "progress").mkdir(exist_ok=True)
    (data_dir / "progress" / "noi-vu.yaml").symlink_to(Path("..") / "kept" / "noi-vu.yaml")
    assert cchc("validate").exit_code == 0
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    assert (notices / "tb.yaml").is_symlink()
    assert (data_dir / "progress" / "noi-vu.yaml").is_symlink()
    assert (
        (kept / "noi-vu.yaml")
        .read_text("utf-8")
        .endswith(f"- {{task: {REF}/2.3, done: 2023-11-24}}\n")
    )
    assert cchc("undo").exit_code == 0
    assert (kept / "noi-vu.yaml").read_text("utf-8") == "# Phòng Nội vụ\n"
    assert (data_dir / "progress" / "noi-vu.yaml").is_symlink()


def test_a_progress_file_linked_out_of_the_data_folder_is_neither_read_nor_written(
    data_dir, tmp_path
):
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"- {{task: {REF}/2.3, done: 2023-11-24}}\n", encoding="utf-8")
    (data_dir / "progress").mkdir(exist_ok=True)
    (data_dir / "progress" / "noi-vu.yaml").symlink_to(outside)
    result = cchc("validate", "--lang", "en")
    assert "data/progress/noi-vu.yaml: error: is a link out of the data folder" in result.stdout
    done = cchc("done", "2.3", "--as-of", "2023-11-24", "--lang", "en")
    assert done.exit_code in (1, 2)
    assert outside.read_text("utf-8") == f"- {{task: {REF}/2.3, done: 2023-11-24}}\n"


def test_an_edit_checks_what_was_recorded_after_the_data_was_read(data_dir):
    """Two clerks at once: the second's data predates the first's line, the lock tells."""
    dataset = load(data_dir, FileCache.open(data_dir))
    target = next(t for t in dataset.tasks if t.id == "8.2")
    assert cchc("done", "8.2", "--unit", "vinh-ha", "--as-of", "2023-11-25").exit_code == 0
    change = edit.Done("done", ("vinh-ha",), {}, on=date(2023, 11, 26))
    with pytest.raises(CchcError) as refused:
        edit.apply(data_dir, target, change, dataset.registry, "Asia/Ho_Chi_Minh", dataset)
    assert refused.value.key == "edit.already-done"
    assert (data_dir / "progress" / "vinh-ha.yaml").read_text("utf-8").count("done:") == 1


def test_an_edit_journaled_by_an_older_version_is_shown_but_not_undone(data_dir):
    (data_dir / ".cchc").mkdir(exist_ok=True)
    old = {
        "id": 1,
        "command": "done",
        "ref": f"{REF}/2.3",
        "units": ["noi-vu"],
        "values": {},
        "file": "notices/tb-ket-luan-cchc-vinh-linh-2023-11.yaml",
        "before": "0" * 64,
        "after": "1" * 64,
        "hunks": [{"start": 1, "old": [], "new": ["x\n"]}],
    }
    (data_dir / ".cchc" / "journal.jsonl").write_text(json.dumps(old) + "\n", "utf-8")
    assert [e["id"] for e in json.loads(cchc("log", "-f", "json").stdout)] == [1]
    result = cchc("undo", "--lang", "en")
    assert result.exit_code == 1
    assert "was made by an older version inside a notice file" in result.stderr


def test_hostile_progress_files_get_a_diagnostic_never_a_crash_or_a_hang(data_dir):
    write(data_dir, "noi-vu.yaml", "- {task: " + "[" * 600 + "]" * 600 + ", done: 2023-11-24}\n")
    write(data_dir, "vinh-ha.yaml", "- {task: a\x00b}\n")
    (data_dir / "progress" / "vinh-hoa.yaml").write_bytes(b"- {task: \xff}\n")
    os.mkfifo(data_dir / "progress" / "ho-xa.yaml")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line.split(": error: ")[0] for line in validate_lines() if ": error: " in line]
    assert errors == [
        "data/progress/ho-xa.yaml",
        "data/progress/noi-vu.yaml:1:1",
        "data/progress/vinh-ha.yaml:1:11",  # the NUL byte
        "data/progress/vinh-hoa.yaml:1:10",
    ]


def test_a_hostile_journal_line_is_skipped_not_a_crash(data_dir):
    (data_dir / ".cchc").mkdir(exist_ok=True)
    (data_dir / ".cchc" / "journal.jsonl").write_bytes(
        b"[" * 100000 + b"]" * 100000 + b"\n\xff\xfe\n" + b'{"id": "x"}\n'
    )
    log = cchc("log", "--lang", "en")
    assert log.exit_code == 0
    assert "unreadable lines in the journal: 1, 2, 3" in log.stderr
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    assert [e["id"] for e in json.loads(cchc("log", "-f", "json").stdout)] == [1]
