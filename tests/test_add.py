"""``cchc add``: a task added to a notice, every other byte kept, checked, undoable."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.core.model import Registry
from cchc_cli.store.addtask import NewTask, insert, next_id
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
ADDED = (
    "\n"
    '  - id: "8.4"\n'
    "    assignees: [noi-vu]\n"
    "    with: [doan-thanh-nien]\n"
    "    text: >-\n"
    "      Rà soát [bold]thủ tục[/] hành chính\n"
    "    deadline: trước ngày 20/12/2023\n"
)


@pytest.fixture
def notice(data_dir: Path) -> Path:
    return data_dir / "notices" / NOTICE


def _add(*args: str, **env: str):
    return cchc("add", "cchc-2023-11", *args, **env)


def _journal(data_dir: Path) -> list[dict]:
    path = data_dir / ".cchc" / "journal.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_add_appends_the_task_after_the_last_and_keeps_every_other_byte(notice):
    before = notice.read_bytes()
    result = _add(
        "--text",
        "Rà soát  [bold]thủ tục[/] hành chính",
        "--unit",
        "noi vu",
        "--with",
        "Huyện đoàn",
        "--deadline",
        "trước ngày 20/12/2023",
    )
    assert result.exit_code == 0, result.stderr
    assert "cchc-2023-11/8.4" in result.stdout
    assert notice.read_bytes() == before + ADDED.encode("utf-8")
    shown = json.loads(cchc("show", "8.4", "-f", "json", "--as-of", "2023-12-01").stdout)
    assert shown["text"] == "Rà soát [bold]thủ tục[/] hành chính"
    assert shown["with"] == ["doan-thanh-nien"]
    assert shown["last_day"] == "2023-12-19"


def test_add_keeps_a_group_as_the_notice_writes_it(notice):
    assert _add("--text", "Báo cáo", "--unit", "UBND các xã, thị trấn").exit_code == 0
    assert "    assignees: [xa-thi-tran]\n" in notice.read_text(encoding="utf-8")
    shown = json.loads(cchc("show", "8.4", "-f", "json").stdout)
    assert len(shown["assignees"]) == 18


def test_add_keeps_crlf_line_endings_and_a_byte_order_mark(notice):
    text = notice.read_bytes().replace(b"\n", b"\r\n")
    notice.write_bytes(b"\xef\xbb\xbf" + text)
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0
    data = notice.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + text)
    added = data[3 + len(text) :]
    expected = '\n  - id: "8.4"\n    assignees: [noi-vu]\n    text: >-\n      Báo cáo\n'
    assert added == expected.replace("\n", "\r\n").encode("utf-8")


def test_add_to_a_file_without_a_final_line_break_starts_on_a_line_of_its_own(notice):
    text = notice.read_text(encoding="utf-8").rstrip("\n")
    notice.write_text(text, encoding="utf-8")
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0
    assert notice.read_text(encoding="utf-8").startswith(text + '\n\n  - id: "8.4"\n')


def test_add_at_the_items_own_indentation(notice):
    text = notice.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("tasks:")
    # Items at the key's own column ("tasks:\n- id: ..."), which YAML allows.
    body = [line[2:] if line.startswith("  ") else line for line in lines[start + 1 :]]
    notice.write_text("\n".join([*lines[: start + 1], *body]), encoding="utf-8")
    before = notice.read_bytes()
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0, cchc("validate").stdout
    assert (
        notice.read_bytes()[len(before) :]
        == b'\n- id: "8.4"\n  assignees: [noi-vu]\n  text: >-\n    B\xc3\xa1o c\xc3\xa1o\n'
    )


def test_add_takes_the_id_given_and_refuses_one_taken(notice):
    assert _add("--text", "Báo cáo", "--unit", "noi-vu", "--id", "2.5").exit_code == 0
    assert '  - id: "2.5"\n' in notice.read_text(encoding="utf-8")
    before = notice.read_bytes()
    taken = _add("--text", "Báo cáo", "--unit", "noi-vu", "--id", "2.5")
    assert taken.exit_code == 2
    assert taken.stderr == "cchc: lỗi: thông báo cchc-2023-11 đã có nhiệm vụ 2.5\n"
    bad = _add("--text", "Báo cáo", "--unit", "noi-vu", "--id", "a/b")
    assert bad.exit_code == 2
    assert notice.read_bytes() == before


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ([], "1"),
        (["1", "2"], "3"),
        (["2.9", "2.10", "1.3"], "2.11"),
        (["a"], "a.1"),
        (["07"], "08"),
    ],
)
def test_the_new_id_comes_after_the_notices_last(ids, expected):
    assert next_id(ids) == expected


def test_a_deadline_cchc_cannot_read_is_blamed_on_the_option_and_nothing_is_written(
    notice, data_dir
):
    before = notice.read_bytes()
    result = _add("--text", "Báo cáo", "--unit", "noi-vu", "--deadline", "hôm qua nữa")
    assert result.exit_code == 1
    assert result.stderr.startswith("--deadline: error: không hiểu thời hạn 'hôm qua nữa'")
    assert "không ghi gì" in result.stderr
    assert notice.read_bytes() == before
    assert _journal(data_dir) == []


def test_a_warning_about_the_new_task_is_told_and_the_task_written(notice):
    result = _add("--text", "Báo cáo", "--unit", "noi-vu", "--deadline", "trước ngày 10/12/2023")
    assert result.exit_code == 0
    assert result.stderr.startswith("--deadline: warning: hạn cuối (09/12/2023) rơi vào thứ Bảy")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", "X"], "cchc: lỗi: cần --unit"),
        (
            ["--text", "X", "--unit", "Phòng Ngoại vụ"],
            "cchc: lỗi: không có đơn vị 'Phòng Ngoại vụ'",
        ),
        (["--text", "   ", "--unit", "noi-vu"], "cchc: lỗi: '--text' không được để trống"),
        (["--unit", "noi-vu"], "cchc: lỗi: cần --text, hoặc đặt VISUAL/EDITOR"),
    ],
)
def test_add_refusals_say_why_and_touch_nothing(notice, args, message):
    before = notice.read_bytes()
    result = _add(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert notice.read_bytes() == before


def test_add_to_an_unknown_notice_is_refused(data_dir):
    result = cchc("add", "tb-9999", "--text", "X", "--unit", "noi-vu")
    assert result.exit_code == 2
    assert "tb-9999" in result.stderr


def test_add_refuses_a_notice_with_errors(notice):
    text = notice.read_text(encoding="utf-8")
    notice.write_text(
        text.replace("assignees: [noi-vu]", "assignees: [khong-co]", 1), encoding="utf-8"
    )
    before = notice.read_bytes()
    result = _add("--text", "Báo cáo", "--unit", "noi-vu")
    assert result.exit_code == 1
    assert "khong-co" in result.stderr and "cchc validate" in result.stderr
    assert notice.read_bytes() == before


def test_add_refuses_tasks_written_in_flow_style():
    text = "id: a\nnumber: ''\ndate: 2023-11-22\ntitle: T\n"
    text += "tasks: [{id: '1', assignees: [noi-vu], text: X}]\n"
    registry = _registry()
    with pytest.raises(Exception) as refused:
        insert(text, "a.yaml", NewTask("Y", ("noi-vu",)), registry)
    assert getattr(refused.value, "key", None) == "add.tasks-layout"


def test_add_to_a_notice_without_tasks_is_refused_as_invalid():
    text = "id: a\nnumber: ''\ndate: 2023-11-22\ntitle: T  # a comment\n"
    with pytest.raises(Exception) as refused:
        insert(text, "a.yaml", NewTask("Y", ("noi-vu",)), _registry())
    assert getattr(refused.value, "key", None) == "add.notice-invalid"


def _registry() -> Registry:
    from cchc_cli.store.loader import load

    return load(Path(__file__).resolve().parent.parent / "data").registry


def test_hostile_text_is_stored_as_written_and_shown_as_text(notice):
    hostile = 'Dòng "một": # không phải chú thích [bold]x[/] \x1b[31m đỏ'
    result = _add("--text", hostile, "--unit", "noi-vu")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in notice.read_text(encoding="utf-8")
    shown = json.loads(cchc("show", "8.4", "-f", "json").stdout)
    assert shown["text"].startswith('Dòng "một": # không phải chú thích [bold]x[/]')
    assert cchc("validate").exit_code == 0


# -- undo, log, commit ---------------------------------------------------------------


def test_undo_takes_the_added_task_out_byte_for_byte(notice, data_dir):
    before = notice.read_bytes()
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0
    entry = _journal(data_dir)[-1]
    assert entry["command"] == "add" and entry["ref"] == "cchc-2023-11/8.4"
    log = cchc("log", "-f", "json").stdout
    assert json.loads(log)[0]["command"] == "add"
    undone = cchc("undo")
    assert undone.exit_code == 0, undone.stderr
    assert notice.read_bytes() == before


def test_undo_refuses_when_the_notice_changed_since(notice):
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0
    with open(notice, "a", encoding="utf-8") as handle:
        handle.write("# sửa tay\n")
    changed = notice.read_bytes()
    result = cchc("undo")
    assert result.exit_code == 1
    assert "đã thay đổi" in result.stderr
    assert notice.read_bytes() == changed


def test_add_keeps_the_notices_permissions(notice):
    os.chmod(notice, 0o640)
    assert _add("--text", "Báo cáo", "--unit", "noi-vu").exit_code == 0
    assert stat.S_IMODE(notice.stat().st_mode) == 0o640


def test_add_with_commit_is_one_commit_of_the_notice(data_dir, notice):
    def git(*a: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *a], cwd=data_dir, check=True, capture_output=True, text=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "-m", "0")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
    }
    result = _add("--text", "Báo cáo", "--unit", "noi-vu", "--commit", **env)
    assert result.exit_code == 0, result.stderr
    subject = git("log", "-1", "--format=%s").stdout.strip()
    assert subject.startswith("cchc add cchc-2023-11/8.4: noi-vu")
    assert git("status", "--porcelain").stdout == ""


# -- the editor ----------------------------------------------------------------------


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write({body!r})\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_without_text_the_editor_writes_it(notice, tmp_path):
    editor = _editor(tmp_path, "Tổng hợp\nbáo cáo  quý IV\n# bỏ dòng này\n")
    result = _add("--unit", "noi-vu", EDITOR=editor)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cchc("show", "8.4", "-f", "json").stdout)
    assert shown["text"] == "Tổng hợp báo cáo quý IV"


def test_an_empty_text_from_the_editor_adds_nothing(notice, tmp_path):
    before = notice.read_bytes()
    result = _add("--unit", "noi-vu", EDITOR=_editor(tmp_path, "\n  \n"))
    assert result.exit_code == 1
    assert result.stderr == "cchc: lỗi: nội dung để trống; không thêm gì\n"
    assert notice.read_bytes() == before


def test_an_editor_that_cannot_run_adds_nothing(notice):
    before = notice.read_bytes()
    result = _add("--unit", "noi-vu", EDITOR="/nonexistent/editor")
    assert result.exit_code == 2
    assert "không chạy được trình soạn thảo" in result.stderr
    assert notice.read_bytes() == before
