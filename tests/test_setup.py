"""A new office up and running: init, new, config, --version."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from cchc_cli import cli
from cchc_cli.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def cchc(*args: str, **env: str):
    return runner.invoke(app, list(args), prog_name="cchc", env=env or None)


def test_version():
    result = cchc("--version")
    assert (result.exit_code, result.stdout) == (0, "cchc 0.1.0\n")


def test_init_makes_a_folder_that_validates_and_refuses_to_overwrite(tmp_path, monkeypatch):
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


def test_init_can_copy_a_units_registry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = ROOT / "data" / "units.yaml"
    assert cchc("init", "vinh-linh", "--from-units", str(source)).exit_code == 0
    assert (tmp_path / "vinh-linh" / "units.yaml").read_bytes() == source.read_bytes()


def test_new_writes_a_notice_that_validates_and_opens_the_editor(tmp_path, monkeypatch):
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


def test_config_says_where_each_setting_comes_from(data_dir):
    result = cchc("config", "-f", "json", CCHC_SMTP_HOST="mail.example.org", CCHC_LANG="en")
    rows = {r["setting"]: (r["value"], r["source"]) for r in json.loads(result.stdout)}
    assert rows["timezone"] == ("Asia/Ho_Chi_Minh", "config.yaml")
    assert rows["reminder_days"] == ("3", "default")
    assert rows["smtp.host"] == ("mail.example.org", "CCHC_SMTP_HOST")
    assert rows["lang"] == ("en", "CCHC_LANG")
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

    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "cchc-validate",
        "cchc validate",
        "python",
        False,
    )
    files = re.compile(hook["files"])
    for path in ("data/units.yaml", "units.yaml", "data/notices/2023/tb-1.yaml", "config.yaml"):
        assert files.search(path), path
    for path in ("README.md", "data/notes.yaml", "src/cchc_cli/cli.py"):
        assert not files.search(path), path
