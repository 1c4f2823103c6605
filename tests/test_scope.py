"""The pre-commit scope check in a real git repository: each author appends only to
the progress files of their own units (``writers:`` in config.yaml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

WRITERS = """
writers:
  vinhha@example.org: [vinh-ha]
  Văn phòng: [_office, noi-vu]
"""


def git(repo: Path, *args: str, email: str = "vanphong@example.org", name: str = "Văn phòng"):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


def check(repo: Path, email: str, name: str = "x", lang: str = "en"):
    env = {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
    command = [sys.executable, "-m", "cchc_cli", "check-scope", "--data", "data", "--lang", lang]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    data = repo / "data"
    (data / "notices").mkdir(parents=True)
    (data / "progress").mkdir()
    shutil.copy(ROOT / "data" / "units.yaml", data / "units.yaml")
    shutil.copy(ROOT / "data" / "notices" / NOTICE, data / "notices" / NOTICE)
    (data / "config.yaml").write_text(WRITERS, encoding="utf-8")
    (data / "progress" / "vinh-ha.yaml").write_text(
        "# Xã Vĩnh Hà\n- {task: cchc-2023-11/8.2, note: bắt đầu, on: 2023-11-23}\n", "utf-8"
    )
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    assert git(repo, "add", ".").returncode == 0
    assert git(repo, "commit", "-qm", "start").returncode == 0
    return repo


def append(repo: Path, unit: str, line: str) -> None:
    path = repo / "data" / "progress" / f"{unit}.yaml"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    assert git(repo, "add", str(path)).returncode == 0


def test_an_author_appending_to_their_own_units_file_passes(repo):
    append(repo, "vinh-ha", "- {task: cchc-2023-11/8.2, done: 2023-11-24}")
    result = check(repo, "VinhHa@example.org")  # e-mail case does not matter
    assert (result.returncode, result.stderr) == (0, "")


def test_an_author_writing_another_units_file_is_refused(repo):
    append(repo, "vinh-hoa", "- {task: cchc-2023-11/8.2, done: 2023-11-24}")
    result = check(repo, "vinhha@example.org")
    assert result.returncode == 1
    assert result.stderr == (
        "data/progress/vinh-hoa.yaml: error: vinhha@example.org may not write the progress "
        "of 'vinh-hoa' (writers: in config.yaml)\n"
    )


def test_an_author_matched_by_name_writes_the_office_file(repo):
    append(repo, "_office", "- {task: cchc-2023-11/7.1, extended: 2023-12-20, reason: Chờ}")
    append(repo, "noi-vu", "- {task: cchc-2023-11/2.3, done: 2023-11-24}")
    assert check(repo, "other@example.org", name="Văn Phòng").returncode == 0
    assert check(repo, "other@example.org", name="Người khác").returncode == 1


def test_an_edited_or_deleted_line_is_refused_whoever_writes(repo):
    path = repo / "data" / "progress" / "vinh-ha.yaml"
    path.write_text(path.read_text("utf-8").replace("bắt đầu", "đã xong"), "utf-8")
    assert git(repo, "add", str(path)).returncode == 0
    result = check(repo, "vinhha@example.org")
    assert result.returncode == 1
    assert "a progress file only grows at its end" in result.stderr
    assert git(repo, "rm", "-q", "--cached", str(path)).returncode == 0
    result = check(repo, "vinhha@example.org", lang="vi")
    assert result.returncode == 1
    assert "tệp tiến độ không được xóa" in result.stderr


def test_without_writers_anyone_may_append_anywhere(repo):
    (repo / "data" / "config.yaml").write_text("office: Văn phòng\n", "utf-8")
    append(repo, "vinh-hoa", "- {task: cchc-2023-11/8.2, done: 2023-11-24}")
    assert check(repo, "anyone@example.org").returncode == 0


def test_the_hook_stops_the_commit_itself(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(
        f"#!/bin/sh\nexec {sys.executable} -m cchc_cli check-scope --data data --lang en\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    append(repo, "vinh-hoa", "- {task: cchc-2023-11/8.2, done: 2023-11-24}")
    refused = git(repo, "commit", "-qm", "x", email="vinhha@example.org", name="Vĩnh Hà")
    assert refused.returncode != 0
    assert "may not write the progress of 'vinh-hoa'" in refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout == "1\n"


def test_the_pre_commit_hooks_file_declares_the_scope_hook():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    scope = next(h for h in hooks if h["id"] == "cchc-scope")
    assert scope["entry"] == "cchc check-scope"
    assert scope["pass_filenames"] is False
    assert "progress" in scope["files"]
