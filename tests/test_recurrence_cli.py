"""Recurring tasks through the command line (issue 23): the notice format, progress
recorded per instance, and every view counting instances."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runner import cchc
from test_hostile import run_on_terminal

UNITS = """\
units:
  - {id: u-an, name: Phòng An, kind: department}
  - {id: u-binh, name: Phòng Bình, kind: department}
"""
NOTICE = """\
id: tb-7-2024
date: 2024-01-05
title: Kết luận giao ban
tasks:
  - id: "1.1"
    assignees: [u-an, u-binh]
    text: Báo cáo tiến độ giải ngân
    repeat: định kỳ hằng tháng, trước ngày 20
  - id: "2"
    assignees: [u-an]
    text: Việc một lần
    deadline: trước ngày 10/02/2024
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    (data / "units.yaml").write_text(UNITS, "utf-8")
    (data / "notices" / "tb7.yaml").write_text(NOTICE, "utf-8")
    monkeypatch.chdir(tmp_path)
    return data


def run(*args: str, today: str = "2024-03-05"):
    return (
        cchc("--data", "data", *args, "--as-of", today)
        if args[0] != "validate"
        else cchc("--data", "data", *args)
    )


def refs(result) -> list[tuple[str, str, str]]:
    return [(r["ref"], r["unit"], r["status"]) for r in json.loads(result.stdout)]


def test_status_counts_one_pair_per_instance_and_unit(folder):
    result = run("export", "-f", "json")
    assert result.exit_code == 0, result.stdout
    got = refs(result)
    assert ("tb-7-2024/1.1@2024-01", "u-an", "overdue") in got
    assert ("tb-7-2024/1.1@2024-03", "u-binh", "in_progress") in got
    assert sum(1 for r, _, _ in got if r.startswith("tb-7-2024/1.1@")) == 6  # 3 months, 2 units
    assert not any(r.endswith("@2024-04") for r, _, _ in got)  # never ahead


def test_done_on_an_instance_writes_one_line_for_that_instance(folder):
    result = run("done", "tb-7-2024/1.1@2024-01", "--unit", "u-an", "--on", "2024-02-05")
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = (folder / "progress" / "u-an.yaml").read_text("utf-8").splitlines()[1:]
    assert lines == ["- {task: tb-7-2024/1.1@2024-01, done: 2024-02-05}"]
    got = refs(run("export", "-f", "json"))
    # January done late is "done late" in January, and February is untouched.
    assert ("tb-7-2024/1.1@2024-01", "u-an", "done_late") in got
    assert ("tb-7-2024/1.1@2024-02", "u-an", "overdue") in got
    assert ("tb-7-2024/1.1@2024-01", "u-binh", "overdue") in got


def test_january_done_late_is_not_overdue_in_februarys_report(folder):
    run("done", "1.1@2024-01", "--unit", "u-an", "--on", "2024-02-05")
    january = json.loads(run("report", "--period", "2024-01", "-f", "json").stdout)
    february = json.loads(run("report", "--period", "2024-02", "-f", "json").stdout)
    an_jan = next(r for r in january["units"] if r["unit"] == "u-an")
    an_feb = next(r for r in february["units"] if r["unit"] == "u-an")
    assert an_jan["overdue"] == 1 and an_jan["done_late"] == 0  # as of 31/01: not done yet
    # As of 29/02: January's is done late, February's is the one overdue (and task 2).
    assert an_feb["done_late"] == 1 and an_feb["overdue"] == 2


def test_the_plain_reference_marks_the_oldest_open_instance_of_the_unit(folder):
    run("done", "1.1@2024-01", "--unit", "u-an", "--on", "2024-01-15")
    result = run("done", "tb-7-2024/1.1", "--unit", "u-an")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1.1@2024-02" in (folder / "progress" / "u-an.yaml").read_text("utf-8")
    # Phòng Bình's oldest open one is still January.
    run("done", "1.1", "--unit", "u-binh")
    assert "1.1@2024-01" in (folder / "progress" / "u-binh.yaml").read_text("utf-8")


def test_two_units_marking_different_months_do_not_collide(folder):
    assert run("done", "1.1@2024-02", "--unit", "u-an").exit_code == 0
    assert run("done", "1.1@2024-01", "--unit", "u-binh").exit_code == 0
    got = refs(run("export", "-f", "json"))
    assert ("tb-7-2024/1.1@2024-02", "u-an", "done_late") in got
    assert ("tb-7-2024/1.1@2024-01", "u-an", "overdue") in got
    assert ("tb-7-2024/1.1@2024-01", "u-binh", "done_late") in got
    assert ("tb-7-2024/1.1@2024-02", "u-binh", "overdue") in got


def test_note_extend_and_cancel_take_an_instance(folder):
    assert run("note", "1.1@2024-02", "Đã nhắc", "--unit", "u-an").exit_code == 0
    extended = run("extend", "1.1@2024-02", "--to", "2024-03-31", "--reason", "Chờ số liệu")
    assert extended.exit_code == 0, extended.stdout + extended.stderr
    assert run("cancel", "1.1@2024-03", "--reason", "Gộp kỳ").exit_code == 0
    office = (folder / "progress" / "_office.yaml").read_text("utf-8")
    assert "tb-7-2024/1.1@2024-02, extended: 2024-03-31" in office
    assert "tb-7-2024/1.1@2024-03, cancelled:" in office
    got = refs(run("export", "-f", "json"))
    assert ("tb-7-2024/1.1@2024-02", "u-an", "in_progress") in got
    assert ("tb-7-2024/1.1@2024-03", "u-an", "cancelled") in got
    assert ("tb-7-2024/1.1@2024-01", "u-an", "overdue") in got


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("1.1@2024-Q1", "periods are written like 2024-03"),
        ("1.1@2024-05", "has not begun"),
        ("1.1@2023-12", "has no period 2023-12"),
        ("1.1@2024-13", "must be 2024-01"),
        ("1.1@[bold]x", "must be 2024-01"),
        ("2@2024-01", "is not a recurring task"),
    ],
)
def test_a_wrong_instance_is_a_clear_usage_error(folder, ref, message):
    result = cchc(
        "--data", "data", "--lang", "en", "done", ref, "--unit", "u-an", "--as-of", "2024-03-05"
    )
    assert result.exit_code == 2
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert not (folder / "progress").exists()


def test_due_overdue_and_remind_show_open_instances(folder):
    run("done", "1.1@2024-01", "--unit", "u-an", "--on", "2024-01-15")
    overdue = run("overdue", "-f", "json")
    got = {(r["ref"], r["unit"]) for r in json.loads(overdue.stdout)}
    assert ("tb-7-2024/1.1@2024-01", "u-an") not in got
    assert ("tb-7-2024/1.1@2024-01", "u-binh") in got
    due = run("due", "--within", "20", "-f", "json", today="2024-03-10")
    due_refs = {r["ref"] for r in json.loads(due.stdout)}
    assert "tb-7-2024/1.1@2024-03" in due_refs and "tb-7-2024/1.1@2024-04" not in due_refs


def test_an_unreadable_repeat_points_at_its_line_and_column(folder):
    path = folder / "notices" / "tb7.yaml"
    path.write_text(NOTICE.replace("định kỳ hằng tháng, trước ngày 20", "hằng tuần"), "utf-8")
    result = cchc("--data", "data", "--lang", "en", "validate")
    assert result.exit_code == 1
    assert "tb7.yaml:8:13: error: a weekly recurrence must name the weekday" in result.stdout


def test_repeat_and_deadline_together_is_an_error(folder):
    path = folder / "notices" / "tb7.yaml"
    text = NOTICE.replace(
        "    repeat: định kỳ", "    deadline: trước ngày 20/01/2024\n    repeat: định kỳ"
    )
    path.write_text(text, "utf-8")
    result = cchc("--data", "data", "--lang", "en", "validate")
    assert result.exit_code == 1
    assert "tb7.yaml:8:15: error: a recurring task takes its deadlines from 'repeat'" in (
        result.stdout
    )


def test_a_recurring_phrase_in_deadline_is_a_warning_that_says_to_use_repeat(folder):
    path = folder / "notices" / "tb7.yaml"
    path.write_text(NOTICE.replace("repeat: định kỳ", "deadline: định kỳ"), "utf-8")
    result = cchc("--data", "data", "--lang", "en", "validate")
    assert "warning: 'định kỳ hằng tháng, trước ngày 20' is a recurring deadline" in (result.stdout)


def test_repeat_from_and_until_bound_the_series(folder):
    path = folder / "notices" / "tb7.yaml"
    text = NOTICE.replace(
        "repeat: định kỳ hằng tháng, trước ngày 20",
        "repeat: hằng tháng, trước ngày 20\n    repeat_from: 2024-02-01\n"
        "    repeat_until: 2024-02-29",
    )
    path.write_text(text, "utf-8")
    got = {r for r, _, _ in refs(run("export", "-f", "json")) if "@" in r}
    assert got == {"tb-7-2024/1.1@2024-02"}
    bad = text.replace("repeat_until: 2024-02-29", "repeat_until: 2024-01-15")
    path.write_text(bad, "utf-8")
    result = cchc("--data", "data", "--lang", "en", "validate")
    assert result.exit_code == 1 and "ends (2024-01-15) before it starts" in result.stdout


def test_a_hand_written_line_with_a_bad_instance_key_is_left_out_with_its_place(folder):
    (folder / "progress").mkdir()
    (folder / "progress" / "u-an.yaml").write_text(
        "- {task: tb-7-2024/1.1@2024-13, done: 2024-01-10}\n", "utf-8"
    )
    result = cchc("--data", "data", "--lang", "en", "validate")
    assert "u-an.yaml:1:" in result.stdout
    assert "error: 'tb-7-2024/1.1@2024-13': the period after '@' must be" in result.stdout


def test_ics_has_one_event_per_instance_with_the_periods_ahead(folder):
    result = run("export", "-f", "ics", "--ahead", "40")
    assert result.exit_code == 0
    uids = [line for line in result.stdout.splitlines() if line.startswith("UID:")]
    assert "UID:tb-7-2024-1.1_2024-04-u-an@cchc" in uids  # begins 01/04, within 40 days
    assert not any("2024-05" in u for u in uids)
    assert len(uids) == len(set(uids))
    assert len([u for u in uids if "1.1_" in u]) == 8  # Jan-Apr, two units


@pytest.mark.parametrize("columns", [80, 160])
def test_overdue_on_a_terminal_shows_instance_references(folder, columns):
    code, shown = run_on_terminal(["overdue", "--as-of", "2024-03-05"], folder, columns)
    assert code == 3 or code == 0
    assert "@2024-01" in shown and "tb-7-2024/1.1" in shown and "Traceback" not in shown


IMPORTED = """\
UỶ BAN NHÂN DÂN
HUYỆN VĨNH LINH
Số: 12/TB-UBND
Vĩnh Linh, ngày 05 tháng 01 năm 2024
THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban
1. Phòng Tài chính - Kế hoạch định kỳ hằng tháng báo cáo tiến độ giải ngân trước ngày 20.
2. Phòng Nội vụ báo cáo định kỳ hằng quý vào ngày 15 tháng cuối quý.
3. Văn phòng HĐND và UBND tổng hợp, hằng tuần, trước 16 giờ thứ Năm báo cáo Chủ tịch.
4. Phòng Tư pháp hoàn thành trước ngày 20/01/2024.
"""


def test_import_writes_a_recurring_phrase_as_repeat_and_the_draft_loads(data_dir, tmp_path):
    source = tmp_path / "tb.txt"
    source.write_text(IMPORTED, "utf-8")
    result = cchc("--data", str(data_dir), "import", str(source), "--id", "tb-12-2024")
    assert result.exit_code == 0, result.stdout + result.stderr
    draft = (data_dir / "notices" / "tb-12-2024.yaml").read_text("utf-8")
    assert "repeat: định kỳ hằng tháng báo cáo tiến độ giải ngân trước ngày 20\n" in draft
    assert "repeat: định kỳ hằng quý vào ngày 15 tháng cuối quý\n" in draft
    assert "repeat: hằng tuần, trước 16 giờ thứ Năm\n" in draft
    assert "deadline: trước ngày 20/01/2024" in draft
    listed = cchc("--data", str(data_dir), "export", "-f", "json", "--as-of", "2024-02-10")
    got = {r["ref"] for r in json.loads(listed.stdout) if r["ref"].startswith("tb-12-2024/")}
    assert {"tb-12-2024/1@2024-01", "tb-12-2024/1@2024-02", "tb-12-2024/2@2024-Q1"} <= got
    assert "tb-12-2024/3@2024-W06" in got


def test_why_explains_an_instances_last_day_from_the_rule(folder):
    result = cchc("--data", "data", "--lang", "en", "why", "1.1@2024-02", "--as-of", "2024-03-05")
    assert result.exit_code == 0, result.stdout + result.stderr
    words = " ".join(result.stdout.split())  # the steps wrap at the output's width
    assert "period 2024-02 runs 2024-02-01 to 2024-02-29" in words
    assert "the last day is the day before, 2024-02-19" in words
    assert "ongoing" not in result.stdout


HOSTILE = """\
id: tb-h
date: 2024-01-05
title: x
tasks:
  - id: "1"
    assignees: [u-an]
    text: a
    repeat: "[bold]hằng tháng\\e[31m trước ngày 20[/]"
  - id: "2"
    assignees: [u-an]
    text: b
    repeat: "[/]xyz\\e[2J"
  - id: "3"
    assignees: [u-an]
    text: c
    repeat: [hằng tháng]
  - id: "4"
    assignees: [u-an]
    text: d
    repeat: hằng tháng trước ngày 20 đến hết năm 99999
  - id: "5"
    assignees: [u-an]
    text: e
    repeat: hằng năm ngày 99/99
  - id: "6"
    assignees: [u-an]
    text: f
    repeat: hằng tuần trước thứ Sáu
    repeat_from: 1900-01-01
"""


def test_hostile_and_extreme_rules_get_clear_errors_and_markup_stays_text(folder):
    (folder / "notices" / "tb7.yaml").write_text(HOSTILE, "utf-8")
    result = cchc("--data", "data", "--lang", "en", "validate")
    out = result.stdout
    assert result.exit_code == 1 and "Traceback" not in out + result.stderr
    assert "tb7.yaml:12:13: error: cannot read the recurrence '[/]xyz\\x1b[2J'" in out
    assert "tb7.yaml:16:13: error: 'repeat' must be text" in out
    assert "tb7.yaml:20:13: error: impossible end in the recurrence" in out
    assert "tb7.yaml:24:13: error: impossible day in the recurrence: 'hằng năm ngày 99/99'" in out
    assert "\x1b" not in out
    shown = cchc("--data", "data", "overdue", "--as-of", "2024-03-01", "--unit", "u-an")
    assert "[bold]hằng tháng\\x1b[31m trước ngày 20[/]" in shown.stdout  # as text
    assert "\x1b" not in shown.stdout
    # A weekly rule from 1900 to 2199: every week once, no hang.
    status = cchc("--data", "data", "export", "-f", "json", "--as-of", "2199-12-31")
    weekly = [r for r in json.loads(status.stdout) if r["ref"].startswith("tb-h/6@")]
    assert len(weekly) == len({r["ref"] for r in weekly}) > 15000


def test_validate_flags_progress_lines_that_do_not_fit_the_tasks_kind(folder):
    (folder / "progress").mkdir()
    (folder / "progress" / "u-an.yaml").write_text(
        "- {task: tb-7-2024/1.1, done: 2024-01-10}\n"
        "- {task: tb-7-2024/2@2024-01, done: 2024-01-10}\n"
        "- {task: tb-7-2024/1.1@2023-12, done: 2024-01-10}\n"
        "- {task: tb-7-2024/1.1@2024-01, done: 2024-01-10}\n",
        "utf-8",
    )
    result = cchc("--data", "data", "--lang", "en", "validate", "--as-of", "2024-03-05")
    out = result.stdout
    assert result.exit_code == 1
    assert "u-an.yaml:1:10: error: tb-7-2024/1.1 is a recurring task" in out
    assert "u-an.yaml:2:10: error: tb-7-2024/2 is not a recurring task" in out
    assert "u-an.yaml:3:10: error: tb-7-2024/1.1 has no period 2023-12" in out
    assert "u-an.yaml:4:" not in out


def test_log_of_the_plain_reference_lists_every_instances_edits(folder):
    run("done", "1.1@2024-01", "--unit", "u-an", "--on", "2024-01-15")
    run("done", "1.1@2024-02", "--unit", "u-binh")
    run("done", "2", "--on", "2024-02-01")
    logged = cchc("--data", "data", "log", "1.1", "-f", "json")
    assert [e["ref"] for e in json.loads(logged.stdout)] == [
        "tb-7-2024/1.1@2024-01",
        "tb-7-2024/1.1@2024-02",
    ]
    one = cchc("--data", "data", "log", "1.1@2024-02", "-f", "json")
    assert [e["ref"] for e in json.loads(one.stdout)] == ["tb-7-2024/1.1@2024-02"]


def test_show_of_the_plain_reference_is_the_oldest_open_else_the_last_instance(folder):
    shown = cchc("--data", "data", "show", "1.1", "-f", "json", "--as-of", "2024-02-10")
    assert json.loads(shown.stdout)["ref"] == "tb-7-2024/1.1@2024-01"
    for key in ("2024-01", "2024-02"):
        run("done", f"1.1@{key}", "--all", today="2024-02-10")
    shown = cchc("--data", "data", "show", "1.1", "-f", "json", "--as-of", "2024-02-10")
    assert shown.exit_code == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["ref"] == "tb-7-2024/1.1@2024-02"
    assert record["statuses"] == {"u-an": "done_on_time", "u-binh": "done_on_time"}
    refused = cchc("--data", "data", "done", "1.1", "--all", "--as-of", "2024-02-10")
    assert refused.exit_code == 2 and "không còn kỳ nào chưa hoàn thành" in refused.stderr


def test_cancel_series_stops_the_series_from_its_day(folder):
    result = run("cancel", "1.1", "--series", "--reason", "Thôi báo cáo", "--decision", "CV 12")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "tb-7-2024/1.1 — đã hủy cả loạt từ 05/03/2024" in result.stdout
    office = (folder / "progress" / "_office.yaml").read_text("utf-8")
    assert "- {task: tb-7-2024/1.1, cancelled: 2024-03-05, reason: Thôi báo cáo" in office
    assert run("validate").exit_code == 0
    got = refs(run("export", "-f", "json", today="2024-06-10"))
    # The periods begun by then keep their state; none begins after it.
    assert ("tb-7-2024/1.1@2024-01", "u-an", "overdue") in got
    assert ("tb-7-2024/1.1@2024-03", "u-binh", "overdue") in got
    assert not any(r.startswith("tb-7-2024/1.1@2024-0") and r[-1] in "456" for r, _, _ in got)
    again = run("cancel", "1.1@2024-02", "--series", "--reason", "Lần nữa")
    assert (
        again.exit_code != 0
        and "already cancelled"
        in cchc(
            "--data", "data", "--lang", "en", "cancel", "1.1", "--series", "--reason", "x"
        ).stderr
    )


def test_cancel_series_of_a_one_off_task_is_a_usage_error(folder):
    result = cchc("--data", "data", "--lang", "en", "cancel", "2", "--series", "--reason", "x")
    assert result.exit_code == 2
    assert "--series is for a recurring task" in result.stderr
    assert not (folder / "progress").exists() or not any((folder / "progress").iterdir())


def test_show_of_an_instance_tells_when_its_series_began_and_was_stopped(folder):
    shown = run("show", "1.1@2024-02")
    assert shown.exit_code == 0, shown.stderr
    assert "Định kỳ:" in shown.stdout and "từ 05/01/2024" in shown.stdout
    assert "đã dừng" not in shown.stdout
    stop = run("cancel", "1.1", "--series", "--reason", "Thôi báo cáo", "--decision", "CV 12")
    assert stop.exit_code == 0, stop.stderr
    after = cchc("--data", "data", "show", "1.1@2024-02", "--as-of", "2024-06-10", COLUMNS="160")
    line = next(row for row in after.stdout.splitlines() if row.startswith("Định kỳ:"))
    assert line.endswith("từ 05/01/2024; đã dừng từ 05/03/2024: Thôi báo cáo (CV 12)")
    # As it stood before the stop was recorded, in English, and as JSON.
    before = cchc("--data", "data", "--lang", "en", "show", "1.1", "--as-of", "2024-03-01")
    assert "Recurring:" in before.stdout and "stopped" not in before.stdout
    data = json.loads(run("show", "1.1@2024-02", "-f", "json", today="2024-06-10").stdout)
    assert data["series"] == {
        "ref": "tb-7-2024/1.1",
        "repeat": "định kỳ hằng tháng, trước ngày 20",
        "start": "2024-01-05",
        "end": None,
        "stopped": {"on": "2024-03-05", "reason": "Thôi báo cáo", "decision": "CV 12"},
    }


def test_show_of_an_instance_tells_the_day_its_series_ends(folder):
    path = folder / "notices" / "tb7.yaml"
    text = NOTICE.replace(
        "repeat: định kỳ hằng tháng, trước ngày 20",
        "repeat: hằng tháng, trước ngày 20\n    repeat_until: 2024-02-29",
    )
    path.write_text(text, "utf-8")
    shown = cchc("--data", "data", "--lang", "en", "show", "1.1@2024-01", "--as-of", "2024-03-05")
    assert "Recurring:      from 2024-01-05; until 2024-02-29" in shown.stdout
    # A task done once has no such line, nor a series in its document.
    once = run("show", "2")
    assert "Định kỳ" not in once.stdout
    assert json.loads(run("show", "2", "-f", "json").stdout)["series"] is None
