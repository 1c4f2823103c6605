"""A new office up and running: init, new, config, --version."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import cchc_cli.cli.app as cli

ROOT = Path(__file__).resolve().parent.parent


def test_version(cchc):
    result = cchc("--version")
    assert (result.exit_code, result.stdout) == (0, "cchc 0.1.0\n")


def test_init_makes_a_folder_that_validates_and_refuses_to_overwrite(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cchc("init", "van-phong", "--lang", "en")
    assert result.exit_code == 0
    folder = tmp_path / "van-phong"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gitattributes",
        ".gitignore",
        "config.yaml",
        "notices",
        "units.yaml",
    ]
    assert ".cchc/" in (folder / ".gitignore").read_text("utf-8")
    assert "# smtp:" in (folder / "config.yaml").read_text("utf-8")
    assert cchc("validate", "--data", "van-phong").exit_code == 0
    (folder / "units.yaml").write_text("# sửa tay\n", "utf-8")
    again = cchc("init", "van-phong", "--lang", "en")
    assert again.exit_code == 1
    assert again.stderr == (
        "cchc: error: van-phong has config.yaml, units.yaml, .gitignore, .gitattributes, "
        "notices/.gitkeep already; nothing is overwritten\n"
    )
    assert (folder / "units.yaml").read_text("utf-8") == "# sửa tay\n"


def test_init_can_copy_a_units_registry(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = ROOT / "data" / "units.yaml"
    assert cchc("init", "vinh-linh", "--from-units", str(source)).exit_code == 0
    assert (tmp_path / "vinh-linh" / "units.yaml").read_bytes() == source.read_bytes()


def test_new_writes_a_notice_that_validates_and_opens_the_editor(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cchc("init", "data").exit_code == 0
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('# đã mở\\n')\n", "utf-8"
    )
    result = cchc(
        "new", "--title", "Kết luận: giao ban tuần", "--number", "12/TB-UBND",
        "--date", "04/08/2025", "--chair", "Nguyễn Văn A",
        EDITOR=f"{sys.executable} {editor}",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "data" / "notices" / "tb-12-2025.yaml"
    text = path.read_text("utf-8")
    assert 'title: "Kết luận: giao ban tuần"' in text
    assert text.endswith("# đã mở\n")
    shown = json.loads(cchc("show", "tb-12-2025/1.1", "-f", "json").stdout)
    assert (shown["deadline"], shown["last_day"]) == ("trước ngày 03/09/2025", "2025-09-02")
    assert cchc("validate").exit_code == 0
    twice = cchc("new", "--title", "X", "--number", "12/TB-UBND", "--date", "2025-08-04")
    assert twice.exit_code == 1


def test_config_says_where_each_setting_comes_from(cchc, data_dir):
    result = cchc("config", "-f", "json", CCHC_SMTP_HOST="mail.example.org", CCHC_LANG="en")
    rows = {r["setting"]: (r["value"], r["source"]) for r in json.loads(result.stdout)}
    assert rows["timezone"] == ("Asia/Ho_Chi_Minh", "config.yaml")
    assert rows["reminder_days"] == ("3", "default")
    assert rows["smtp.host"] == ("mail.example.org", "CCHC_SMTP_HOST")
    assert rows["language"] == ("en", "CCHC_LANG")
    assert rows["data"] == ("data", "default")
    assert rows["smtp.password"] == ("", "CCHC_SMTP_PASSWORD")


def test_a_legacy_console_gets_utf_8(monkeypatch):
    raw = io.BytesIO()
    legacy = io.TextIOWrapper(raw, encoding="cp1258")
    monkeypatch.setattr(sys, "stdout", legacy)
    cli._utf8_console()
    print("Vĩnh Linh", end="")
    sys.stdout.flush()
    assert raw.getvalue() == "Vĩnh Linh".encode()


def test_the_pre_commit_hook_runs_validate_on_data_files():
    import re

    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = hooks[0]  # the second one, cchc-scope, is tested in test_scope.py
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "cchc-validate",
        "cchc validate",
        "python",
        False,
    )
    files = re.compile(hook["files"])
    for path in (
        "data/units.yaml",
        "units.yaml",
        "data/notices/2023/tb-1.yaml",
        "config.yaml",
        "data/progress/vinh-ha.yaml",
    ):
        assert files.search(path), path
    for path in ("README.md", "data/notes.yaml", "src/cchc_cli/cli.py"):
        assert not files.search(path), path


# -- the office's own settings --------------------------------------------------------

OFFICE_CONFIG = """\
office: Văn phòng HĐND và UBND huyện Cồn Cỏ
issuing_body: UBND huyện Cồn Cỏ
language: en
timezone: Asia/Ho_Chi_Minh
"""


def test_config_language_is_the_default_that_lang_and_the_environment_override(cchc, data_dir):
    assert "Hạn cuối" in cchc("overdue", "--as-of", "2023-11-30").stdout
    (data_dir / "config.yaml").write_text(OFFICE_CONFIG, "utf-8")
    english = cchc("overdue", "--as-of", "2023-11-30")
    assert "Last day" in english.stdout and "Hạn cuối" not in english.stdout
    assert "Hạn cuối" in cchc("overdue", "--as-of", "2023-11-30", "--lang", "vi").stdout
    assert "Hạn cuối" in cchc("overdue", "--as-of", "2023-11-30", CCHC_LANG="vi").stdout
    shown = json.loads(cchc("config", "-f", "json").stdout)
    rows = {r["setting"]: (r["value"], r["source"]) for r in shown}
    assert rows["language"] == ("en", "config.yaml")
    assert rows["office"] == ("Văn phòng HĐND và UBND huyện Cồn Cỏ", "config.yaml")
    passed = json.loads(cchc("config", "--lang", "vi", "-f", "json").stdout)
    assert {r["setting"]: r["source"] for r in passed}["language"] == "--lang"


@pytest.mark.slow
def test_help_is_in_the_configured_language(data_dir):
    (data_dir / "config.yaml").write_text("language: en\n", "utf-8")
    code = "import cchc_cli.cli.app as c; print(c.HELP.value)"
    import subprocess

    def help_lang(*argv: str) -> str:
        run = [sys.executable, "-c", f"import sys; sys.argv[1:] = {list(argv)!r}; {code}"]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    assert help_lang("due", "--help") == "en"
    assert help_lang("due", "--help", "--lang", "vi") == "vi"
    assert help_lang("due", "--help", "--data", "elsewhere") == "vi"


def test_a_bad_language_or_switch_is_reported_where_it_is_written(cchc, data_dir):
    (data_dir / "config.yaml").write_text("language: fr\ngit_commit: yes\n", "utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "data/config.yaml:1:11: error: language 'fr' is not valid; use one of: vi, en",
        "data/config.yaml:2:13: error: 'yes' is not valid; use one of: true, false",
    ]


def test_office_and_issuing_body_head_the_report_new_notices_and_imports(cchc, data_dir):
    (data_dir / "config.yaml").write_text(OFFICE_CONFIG, "utf-8")
    report = cchc("report", "--period", "2023-11", "-f", "md")
    assert report.stdout.startswith("**Văn phòng HĐND và UBND huyện Cồn Cỏ**")
    assert "**UBND huyện Vĩnh Linh - period November 2023" in report.stdout  # as the notice says
    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = notice.read_text("utf-8")
    notice.write_text(text.replace("issuer: UBND huyện Vĩnh Linh\n", ""), "utf-8")
    unsaid = cchc("report", "--period", "2023-11", "-f", "md", "--no-cache")
    assert "**UBND huyện Cồn Cỏ - period November 2023" in unsaid.stdout
    created = cchc("new", "--title", "Giao ban", "--number", "5/TB-UBND", "--date", "2025-01-06")
    assert created.exit_code == 0, created.stderr
    text = (data_dir / "notices" / "tb-5-2025.yaml").read_text("utf-8")
    assert "issuer: UBND huyện Cồn Cỏ\n" in text
    assert cchc("validate").exit_code == 0
    draft = cchc(
        *("import", "-", "--id", "tb-nhap", "--lang", "vi"),
        input="Số: 7/TB-UBND\nChủ tịch UBND huyện giao nhiệm vụ như sau:\n\n"
        "1. Phòng Nội vụ\n- Kiện toàn tổ công tác, hoàn thành trước ngày 30/6/2025.\n",
    )
    assert draft.exit_code == 0, draft.stderr
    assert "issuer: UBND huyện Cồn Cỏ" in (data_dir / "notices" / "tb-nhap.yaml").read_text("utf-8")


def test_a_worked_saturday_is_a_working_day_for_reminders(cchc, data_dir):
    saturday = cchc("remind", "--as-of", "2023-11-25", "--working-days")
    assert saturday.stdout == ""
    (data_dir / "config.yaml").write_text("working_days: [2023-11-25]\n", "utf-8")
    worked = cchc("remind", "--as-of", "2023-11-25", "--working-days")
    assert worked.stdout.startswith("Nhắc việc ngày 25/11/2023")


def test_the_config_templates_examples_are_valid_once_uncommented(cchc, tmp_path, monkeypatch):
    import re

    monkeypatch.chdir(tmp_path)
    assert cchc("init", "data").exit_code == 0
    config = tmp_path / "data" / "config.yaml"
    text = re.sub(r"^# ([a-z_]+:)", r"\1", config.read_text("utf-8"), flags=re.MULTILINE)
    text = re.sub(r"^#   ", "  ", text, flags=re.MULTILINE)
    config.write_text(text, "utf-8")
    shown = json.loads(cchc("config", "-f", "json").stdout)
    in_file = {r["setting"] for r in shown if r["source"] == "config.yaml"}
    assert {"office", "issuing_body", "language", "working_days", "smtp.host"} <= in_file
    assert cchc("validate").exit_code == 0
