"""Recording progress: guarantees of the edit commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.core.vntext import tidy
from cchc_cli.store import edit
from runner import cchc

runner = CliRunner()
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


@pytest.fixture
def notice(data_dir: Path) -> Path:
    return data_dir / "notices" / NOTICE


def progress_text(notice: Path, unit: str) -> str:
    """The text of a unit's progress file in the data folder of ``notice``."""
    path = notice.parent.parent / "progress" / f"{unit}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


# -- refusals leave the file untouched -----------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["done", "9.9"], 2, "cchc: lỗi: không có nhiệm vụ '9.9'"),
        (["done", "8.2", "--unit", "Phòng Ngoại vụ"], 2, "cchc: lỗi: không có đơn vị"),
        (
            ["done", "2.3", "--unit", "tu-phap"],
            2,
            "cchc: lỗi: Phòng Tư pháp không được giao nhiệm vụ cchc-2023-11/2.3",
        ),
        (
            ["done", "8.2"],
            2,
            "cchc: lỗi: nhiệm vụ cchc-2023-11/8.2 giao cho nhiều đơn vị; chỉ rõ --unit hoặc --all."
            " Còn lại: Thị trấn Hồ Xá, Thị trấn Bến Quan,",
        ),
        (["done", "2.3", "--on", "31/11/2023"], 2, "cchc: lỗi: --on: không có ngày 31/11/2023"),
        (["reopen", "2.3", "--reason", "x"], 1, "cchc: lỗi: chưa đơn vị nào hoàn thành"),
        (["extend", "2.4", "--to", "2023-12-31", "--reason", "x"], 1, "cchc: lỗi: nhiệm vụ"),
        (
            ["extend", "2.3", "--to", "2023-11-20", "--reason", "x"],
            1,
            "cchc: lỗi: gia hạn đến 20/11/2023 phải muộn hơn hạn cuối hiện tại",
        ),
        (["note", "2.3", "   "], 2, "cchc: lỗi: 'TEXT' không được để trống"),
        (["reopen", "2.3"], 2, ""),
    ],
)
def test_refusals_say_why_and_touch_nothing(notice, args, code, message):
    before = notice.read_bytes()
    result = cchc(*args, "--as-of", "2023-11-30")
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
    assert notice.read_bytes() == before
    assert not (notice.parent.parent / ".cchc" / "journal.jsonl").exists()


def test_done_on_a_cancelled_task_is_refused(notice):
    assert cchc("cancel", "4", "--reason", "Đã lồng ghép", "--as-of", "2023-11-30").exit_code == 0
    before = notice.read_bytes()
    result = cchc("done", "4", "--as-of", "2023-12-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "cchc: lỗi: nhiệm vụ cchc-2023-11/4 đã bị hủy (Đã lồng ghép); không ghi nhận được\n"
    )
    assert notice.read_bytes() == before


def test_done_twice_is_refused(notice):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    result = cchc("done", "2.3", "--as-of", "2023-11-25")
    assert result.exit_code == 1
    assert "đã hoàn thành cchc-2023-11/2.3 ngày 24/11/2023" in result.stderr


def test_progress_of_a_valid_task_is_recorded_while_another_task_has_errors(notice):
    text = notice.read_text(encoding="utf-8")
    broken = text.replace("deadline: trước ngày 25/11/2023", "deadline: trước ngày 31/11/2023")
    notice.write_text(broken, encoding="utf-8")
    before = notice.read_bytes()
    result = cchc("done", "2.2", "--as-of", "2023-11-30", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert notice.read_bytes() == before
    assert "{task: cchc-2023-11/2.2, done: 2023-11-30}" in progress_text(notice, "noi-vu")


def test_a_task_with_errors_gets_no_progress(notice):
    text = notice.read_text(encoding="utf-8")
    broken = text.replace("deadline: trước ngày 25/11/2023", "deadline: trước ngày 31/11/2023")
    notice.write_text(broken, encoding="utf-8")
    result = cchc("done", "2.3", "--as-of", "2023-11-30", "--lang", "en")
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.stderr
    assert not list((notice.parent.parent / "progress").glob("*.yaml"))


def test_a_task_in_flow_style_gets_progress_and_its_notice_stays_as_written(data_dir):
    path = data_dir / "notices" / "flow.yaml"
    path.write_text(
        "id: tb-f\ndate: 2023-11-24\ntitle: T\ntasks:\n"
        "  - {id: '1', assignees: [noi-vu], text: Báo cáo}\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = cchc("done", "tb-f/1", "--as-of", "2023-11-30", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == before
    assert progress_text(path, "noi-vu").endswith("- {task: tb-f/1, done: 2023-11-30}\n")


def test_a_future_completion_date_is_recorded_with_a_warning(notice):
    result = cchc("done", "2.3", "--on", "2023-12-20", "--as-of", "2023-11-30")
    assert result.exit_code == 0
    assert result.stderr == (
        "cchc: cảnh báo: ngày 20/12/2023 ở sau hôm nay (30/11/2023); "
        "vẫn ghi, nhưng sẽ chỉ tính từ ngày đó\n"
    )
    assert "{task: cchc-2023-11/2.3, done: 2023-12-20}" in progress_text(notice, "noi-vu")


def test_a_date_before_the_notice_is_refused_as_a_usage_error(notice):
    result = cchc("done", "2.3", "--on", "2023-10-01", "--as-of", "2023-11-30", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: error: the date 2023-10-01 is before the meeting")
    assert not list((notice.parent.parent / "progress").glob("*.yaml"))


# -- round trips -----------------------------------------------------------------------

TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and tidy(s) == s)

STYLES = st.sampled_from(["lf", "crlf", "bom", "crlf-bom", "no-final-newline", "absent"])
TASKS = st.sampled_from(
    [("2.3", None), ("6", None), ("8.2", "vinh-o"), ("1.1", "ban-qlda"), ("5", "tc-kh")]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(style=STYLES, task=TASKS, evidence=st.one_of(st.none(), TEXTS))
def test_done_then_undo_gives_back_the_original_bytes(data_dir, style, task, evidence):
    """Whatever the progress file looked like (CRLF, BOM, no final newline, absent)."""
    task_id, unit = task
    unit = unit or ("noi-vu" if task_id == "2.3" else "vh-tt")
    path = data_dir / "progress" / f"{unit}.yaml"
    path.parent.mkdir(exist_ok=True)
    line = "- {task: cchc-2023-11/" + task_id + ", note: x, on: 2023-11-23}\n"
    body = ("# Tiến độ\n" + line).encode("utf-8")
    if "crlf" in style:
        body = body.replace(b"\n", b"\r\n")
    if "bom" in style:
        body = b"\xef\xbb\xbf" + body
    if style == "no-final-newline":
        body = body.rstrip(b"\n")
    if style == "absent":
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(body)
    args = ["done", task_id, "--on", "2023-11-24", "--as-of", "2023-11-30"]
    if task_id != "2.3":
        args += ["--unit", unit]
    if evidence:
        args += ["--evidence", evidence]
    result = cchc(*args)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cchc("show", task_id, "-f", "json").stdout)
    assert shown["done"][unit] == {"on": "2023-11-24", "evidence": evidence, "note": None}
    assert cchc("validate").exit_code == 0
    assert cchc("undo").exit_code == 0
    if style == "absent":
        assert not path.exists()
    else:
        assert path.read_bytes() == body


# -- concurrency -------------------------------------------------------------------------


def test_the_file_changed_while_editing_is_redone_on_the_new_content(notice, monkeypatch):
    addition = edit.progress_append.addition
    calls = []

    def addition_then_someone_saves(existing, lines, first):
        added = addition(existing, lines, first)
        if not calls:
            # A person adds a line in an editor after cchc read the file.
            path = notice.parent.parent / "progress" / "noi-vu.yaml"
            path.parent.mkdir(exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("# ghi chú của chuyên viên\n")
        calls.append(1)
        return added

    monkeypatch.setattr(edit.progress_append, "addition", addition_then_someone_saves)
    result = cchc("done", "2.3", "--as-of", "2023-11-24")
    assert result.exit_code == 0, result.stderr
    assert progress_text(notice, "noi-vu") == (
        "# ghi chú của chuyên viên\n- {task: cchc-2023-11/2.3, done: 2023-11-24}\n"
    )
    assert len(calls) == 2
    entries = json.loads(cchc("log", "-f", "json").stdout)
    assert [e["id"] for e in entries] == [2]  # the first attempt never happened


def test_a_file_that_keeps_changing_is_left_alone(notice, monkeypatch):
    addition = edit.progress_append.addition

    def always_someone_saves(existing, lines, first):
        added = addition(existing, lines, first)
        path = notice.parent.parent / "progress" / "noi-vu.yaml"
        path.parent.mkdir(exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("# …\n")
        return added

    monkeypatch.setattr(edit.progress_append, "addition", always_someone_saves)
    result = cchc("done", "2.3", "--as-of", "2023-11-24", "--lang", "en")
    assert result.exit_code == 1
    assert "kept changing" in result.stderr
    assert progress_text(notice, "noi-vu") == "# …\n# …\n# …\n"
    assert json.loads(cchc("log", "-f", "json").stdout) == []


def test_twenty_concurrent_processes_all_get_recorded(data_dir):
    lines = ["id: tb-20", "date: 2023-11-24", "title: Hai mươi nhiệm vụ", "tasks:"]
    for i in range(1, 21):
        lines += [f'  - id: "{i}"', "    assignees: [noi-vu]", f"    text: Việc số {i}"]
    path = data_dir / "notices" / "twenty.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "CCHC_DATA": str(data_dir), "CCHC_TODAY": "2023-11-30"}

    def mark(i: int) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "cchc_cli", "done", f"tb-20/{i}"]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(mark, range(1, 21)))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results]
    records = json.loads(
        cchc("list", "--notice", "tb-20", "-f", "json", "--data", str(data_dir)).stdout
    )
    assert len(records) == 20
    statuses = cchc("status", "--notice", "tb-20", "-f", "json", "--as-of", "2023-11-30")
    (row,) = json.loads(statuses.stdout)
    assert row["done_no_deadline"] == 20
    assert cchc("validate").exit_code == 0
    journal = (data_dir / ".cchc" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in journal) == list(range(1, 21))


# -- undo and log ------------------------------------------------------------------------


def test_undo_refuses_when_the_file_changed_since(notice):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    path = notice.parent.parent / "progress" / "noi-vu.yaml"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("- {task: cchc-2023-11/2.4, note: viết tay, on: 2023-11-25}\n")
    changed = path.read_bytes()
    result = cchc("undo", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        "cchc: error: data/progress/noi-vu.yaml has changed since edit #1 (cchc-2023-11/2.3); "
        "undoing it would lose those changes, so the file is left as it is\n"
    )
    assert path.read_bytes() == changed


def test_undo_walks_back_one_edit_at_a_time(notice):
    path = notice.parent.parent / "progress" / "noi-vu.yaml"
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    after_first = path.read_bytes()
    assert (
        cchc("note", "2.3", "đã gửi báo cáo", "--unit", "noi-vu", "--as-of", "2023-11-25").exit_code
        == 0
    )
    assert cchc("undo").stdout.startswith("đã hoàn tác thao tác #2 (note cchc-2023-11/2.3)")
    assert path.read_bytes() == after_first
    assert cchc("undo").stdout.startswith("đã hoàn tác thao tác #1 (done cchc-2023-11/2.3)")
    assert not path.exists()  # the edit created it
    result = cchc("undo")
    assert (result.exit_code, result.stderr) == (
        1,
        "cchc: lỗi: không có thao tác nào để hoàn tác\n",
    )


def test_log_lists_edits_with_who_and_what_and_filters_by_task(notice, monkeypatch):
    monkeypatch.setenv("USER", "chuyenvien")
    monkeypatch.setenv("LOGNAME", "chuyenvien")
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("done", "8.2", "--unit", "vinh-ha", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("undo").exit_code == 0
    entries = json.loads(cchc("log", "-f", "json").stdout)
    assert [(e["id"], e["command"], e["ref"], e["user"]) for e in entries] == [
        (1, "done", "cchc-2023-11/2.3", "chuyenvien"),
        (2, "done", "cchc-2023-11/8.2", "chuyenvien"),
        (3, "undo", "cchc-2023-11/8.2", "chuyenvien"),
    ]
    assert entries[2]["undoes"] == 2
    assert entries[1]["units"] == ["vinh-ha"]
    assert entries[0]["time"].endswith("+07:00")
    only = json.loads(cchc("log", "8.2", "-f", "json").stdout)
    assert [e["id"] for e in only] == [2, 3]
    table = cchc("log").stdout.splitlines()
    assert table[0].split() == [
        "#",
        "Thời",
        "gian",
        "Người",
        "sửa",
        "Lệnh",
        "Mã",
        "Đơn",
        "vị",
        "Chi",
        "tiết",
    ]
    assert len(table) == 4


def test_log_of_a_folder_with_no_edits(data_dir):
    assert cchc("log").stdout == "Chưa có thao tác nào.\n"


# -- the other commands' text --------------------------------------------------------------


def test_extend_cancel_note_and_reopen_write_what_show_reads(notice):
    assert (
        cchc(
            "extend",
            "7.1",
            "--to",
            "05/12/2023",
            "--reason",
            "Chờ tập huấn",
            "--decision",
            "Công văn 2201/UBND-NV",
            "--as-of",
            "2023-11-22",
        ).exit_code
        == 0
    )
    assert cchc("done", "8.2", "--all", "--as-of", "2023-11-23").exit_code == 0
    assert (
        cchc(
            "reopen",
            "8.2",
            "--unit",
            "Vĩnh Hà",
            "--unit",
            "vinh-o",
            "--reason",
            "Thiếu số liệu",
            "--as-of",
            "2023-11-24",
        ).exit_code
        == 0
    )
    assert (
        cchc("note", "8.2", "đã bổ sung", "--unit", "vinh-ha", "--as-of", "2023-11-25").exit_code
        == 0
    )
    assert cchc("cancel", "6", "--reason", "Đã lồng ghép", "--as-of", "2023-11-26").exit_code == 0
    extended = json.loads(cchc("show", "7.1", "-f", "json", "--as-of", "2023-11-30").stdout)
    assert extended["extensions"] == [
        {
            "to": "2023-12-05",
            "reason": "Chờ tập huấn",
            "decision": "Công văn 2201/UBND-NV",
            "on": "2023-11-22",
        }
    ]
    assert extended["last_day"] == "2023-12-05"
    group = json.loads(cchc("show", "8.2", "-f", "json", "--as-of", "2023-11-30").stdout)
    assert sorted(u for u, s in group["statuses"].items() if s == "overdue") == [
        "vinh-ha",
        "vinh-o",
    ]
    assert [(n["unit"], n["text"]) for n in group["notes"]] == [
        ("vinh-ha", "Thiếu số liệu"),
        ("vinh-o", "Thiếu số liệu"),
        ("vinh-ha", "đã bổ sung"),
    ]
    cancelled = json.loads(cchc("show", "6", "-f", "json", "--as-of", "2023-11-30").stdout)
    assert cancelled["cancelled"] == {
        "reason": "Đã lồng ghép",
        "on": "2023-11-26",
        "decision": None,
    }
    assert cchc("validate").exit_code == 0


def test_done_prints_what_it_wrote(notice):
    result = cchc("done", "8.2", "--unit", "vinh ha", "--unit", "Vĩnh Hoà", "--as-of", "2023-11-22")
    assert result.stdout == (
        "Đã ghi vào data/progress/vinh-ha.yaml, data/progress/vinh-hoa.yaml: cchc-2023-11/8.2 — "
        "Xã Vĩnh Hà, Xã Vĩnh Hòa hoàn thành ngày 22/11/2023\n"
    )


# -- completion --------------------------------------------------------------------------


def test_shell_completion_offers_references_and_unit_ids(data_dir):
    from cchc_cli.cli.app import _complete_ref, _complete_unit

    class Context:
        def __init__(self) -> None:
            self.params = {"data": str(data_dir)}

    assert _complete_ref(Context(), "cchc-2023-11/8") == [
        "cchc-2023-11/8.1",
        "cchc-2023-11/8.2",
        "cchc-2023-11/8.3",
    ]
    assert _complete_ref(Context(), "7.") == ["7.1", "7.2"]
    assert _complete_unit(Context(), "vinh-t") == ["vinh-thai", "vinh-thuy", "vinh-tu"]
    assert _complete_unit(Context(), "xa") == ["xa-thi-tran"]


def test_completion_through_the_shell_protocol(data_dir):
    result = runner.invoke(
        app,
        [],
        prog_name="cchc",
        env={
            "_CCHC_COMPLETE": "complete_bash",
            "COMP_WORDS": "cchc done cchc-2023-11/7",
            "COMP_CWORD": "2",
        },
    )
    assert result.stdout.split() == ["cchc-2023-11/7.1", "cchc-2023-11/7.2"]


def test_free_text_is_stored_as_it_will_read_back(notice):
    decomposed = "Ba\u0301o  ca\u0301o   số 7"
    result = cchc("done", "2.3", "--evidence", decomposed, "--as-of", "2023-11-24")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cchc("show", "2.3", "-f", "json").stdout)
    assert shown["done"]["noi-vu"]["evidence"] == "Báo cáo số 7"
    assert "{task: cchc-2023-11/2.3, done: 2023-11-24, evidence: Báo cáo số 7}" in progress_text(
        notice, "noi-vu"
    )
