"""Every command the clerk's guide shows is run here, in order, on the bundled
data, so the guide never goes stale."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong-dan-su-dung.md"
SAMPLE = """Số: 88/TB-UBND
Vĩnh Linh, ngày 10 tháng 6 năm 2024
THÔNG BÁO
Kết luận của Phó Chủ tịch UBND huyện tại hội nghị sơ kết cải cách hành chính
Ngày 07/6/2024, UBND huyện Vĩnh Linh tổ chức hội nghị sơ kết.
1. Phòng Tư pháp
- Rà soát văn bản chậm nhất ngày 15/7/2024.
- Báo cáo kết quả rà soát định kỳ hằng tháng, trước ngày 20.
"""


def guide_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text("utf-8"), re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_guide_shows_commands_of_every_kind():
    names = {shlex.split(line)[1] for line in guide_commands()}
    assert names >= {"due", "overdue", "show", "status", "done", "extend", "note", "cancel",
                     "undo", "log", "remind", "report", "export", "import", "validate",
                     "letter", "list", "add", "config"}  # fmt: skip


@pytest.mark.slow
def test_every_command_in_the_guide_runs(data_dir):
    (data_dir.parent / "tb-moi.txt").write_text(SAMPLE, "utf-8")
    runner = CliRunner()
    for line in guide_commands():
        words = shlex.split(line)
        assert words[0] == "cchc", line
        result = runner.invoke(app, words[1:], prog_name="cchc")
        assert result.exit_code == 0, (line, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    assert (data_dir.parent / "bao-cao-quy-IV.xlsx").exists()
    assert (data_dir.parent / "bao-cao-thang-12.docx").read_bytes().startswith(b"PK")
    assert (data_dir.parent / "cong-van-don-doc.docx").read_bytes().startswith(b"PK")
    assert (data_dir.parent / "tinh-hinh.csv").read_text("utf-8").startswith("\ufeffMã nhiệm vụ")
    page = (data_dir.parent / "bao-cao-xa.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Chỉ gồm đơn vị: UBND các xã, thị trấn" in page
    assert (data_dir.parent / "noi-vu.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")
    # Section 9, recurring tasks: one line per instance, the plain one the oldest open.
    lines = (data_dir / "progress" / "tu-phap.yaml").read_text("utf-8").splitlines()
    assert "- {task: tb-88-2024/1.2@2024-07, done: 2024-07-25}" in lines
    assert "- {task: tb-88-2024/1.2@2024-06, done: 2024-08-25}" in lines
    assert "UID:tb-88-2024-1.2_2024-09-tu-phap" in (data_dir.parent / "tu-phap.ics").read_text()
