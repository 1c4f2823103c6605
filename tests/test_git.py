"""Many hands, one set of files: commits per edit, and plain ``git merge`` (no
merge driver registered) of what different units record, in any order and any
number of clones; the same unit recorded twice is a plain conflict, nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)


def cchc(folder: Path, *args: str, user: str = "chuyenvien") -> subprocess.CompletedProcess:
    env = {**os.environ, "USER": user, "LOGNAME": user, "CCHC_TODAY": "2023-11-24"}
    command = [sys.executable, "-m", "cchc_cli", *args, "--data", str(folder / "data")]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def office_folder(parent: Path, monkeypatch) -> None:
    """``parent/data`` as cchc init makes it, with the bundled units and notice."""
    monkeypatch.chdir(parent)
    units = str(ROOT / "data" / "units.yaml")
    assert CliRunner().invoke(app, ["init", "data", "--from-units", units]).exit_code == 0
    shutil.copy(ROOT / "data" / "notices" / NOTICE, parent / "data" / "notices" / NOTICE)


@pytest.fixture
def origin(tmp_path, monkeypatch) -> Path:
    """A data repository as an office keeps it: cchc init's files, the bundled notice."""
    repo = tmp_path / "origin"
    repo.mkdir()
    office_folder(repo, monkeypatch)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "vanphong@example.org"],
        ["config", "user.name", "Văn phòng"],
        ["add", "."],
        ["commit", "-q", "-m", "Thông báo 11/2023"],
    ):
        assert git(repo, *args).returncode == 0
    # The shared repository the offices push to.
    assert git(tmp_path, "clone", "-q", "--bare", str(repo), "shared.git").returncode == 0
    return tmp_path / "shared.git"


def clone(origin: Path, name: str) -> Path:
    target = origin.parent / name
    assert git(origin.parent, "clone", "-q", str(origin), name).returncode == 0
    for args in (
        ["config", "user.email", f"{name}@example.org"],
        ["config", "user.name", name],
        ["config", "pull.rebase", "false"],
    ):
        assert git(target, *args).returncode == 0
    return target


def test_done_with_commit_commits_the_file_naming_task_unit_and_user(origin):
    office = clone(origin, "noi-vu")
    result = cchc(office, "done", "2.3", "--commit", user="lan")
    assert result.returncode == 0, result.stderr
    log = git(office, "log", "-1", "--format=%s%n%b").stdout
    assert log.startswith("cchc done cchc-2023-11/2.3: noi-vu (lan)\n")
    assert git(office, "status", "--porcelain").stdout == ""
    changed = git(office, "show", "--name-only", "--format=", "HEAD").stdout
    assert changed == "data/progress/noi-vu.yaml\n"  # the one file appended to


def test_the_config_switch_commits_every_edit(origin):
    office = clone(origin, "noi-vu")
    config = office / "data" / "config.yaml"
    config.write_text(config.read_text("utf-8") + "git_commit: true\n", "utf-8")
    assert git(office, "commit", "-qam", "Ghi tự động").returncode == 0
    result = cchc(office, "extend", "2.3", "--to", "2023-12-31", "--reason", "Chờ số liệu")
    assert result.returncode == 0, result.stderr
    subject = git(office, "log", "-1", "--format=%s").stdout
    assert subject == "cchc extend cchc-2023-11/2.3 (chuyenvien)\n"  # the whole task
    assert git(office, "status", "--porcelain").stdout == ""


def test_two_offices_marking_different_communes_merge_without_conflict(origin):
    vinh_ha, vinh_hoa = clone(origin, "vinh-ha"), clone(origin, "vinh-hoa")
    assert cchc(vinh_ha, "done", "8.2", "--unit", "vinh-ha", "--commit").returncode == 0
    assert cchc(vinh_hoa, "done", "8.2", "--unit", "Vĩnh Hoà", "--commit").returncode == 0
    assert (
        cchc(vinh_hoa, "note", "8.2", "đã gửi báo cáo", "--unit", "vinh-hoa", "--commit").returncode
        == 0
    )
    assert git(vinh_ha, "config", "--get-regexp", r"^merge\.").stdout == ""  # no driver anywhere
    assert git(vinh_ha, "push", "-q", "origin", "main").returncode == 0
    pulled = git(vinh_hoa, "pull", "-q", "--no-edit", "origin", "main")
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    dataset = load(vinh_hoa / "data")
    assert not dataset.has_errors
    task = next(t for t in dataset.tasks if t.id == "8.2")
    assert sorted(task.done) == ["vinh-ha", "vinh-hoa"]
    assert [n.text for n in task.notes] == ["đã gửi báo cáo"]


GROUP_UNITS = ["ho-xa", "ben-quan", "cua-tung", "vinh-ha", "vinh-hoa"]


def progress_state(folder: Path) -> dict[str, bytes]:
    root = folder / "data" / "progress"
    return {p.name: p.read_bytes() for p in sorted(root.glob("*.yaml"))}


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0)], ids=str)
def test_three_clones_recording_different_units_merge_in_any_order(origin, order):
    """A group task (8.2: every commune) and a one-unit task, each clone its own units."""
    clones = [clone(origin, f"c{i}") for i in range(3)]
    work = [
        [("done", "8.2", "--unit", "ho-xa"), ("note", "8.2", "40%", "--unit", "vinh-hoa")],
        [("done", "8.2", "--unit", "ben-quan"), ("done", "2.3")],
        [
            ("done", "8.2", "--unit", "cua-tung", "--evidence", "BC 5"),
            ("extend", "8.2", "--to", "2023-12-31", "--reason", "Chờ", "--unit", "vinh-ha"),
        ],
    ]
    for folder, commands in zip(clones, work, strict=True):
        for command in commands:
            result = cchc(folder, *command, "--commit")
            assert result.returncode == 0, result.stderr
    # Each clone pushes in turn, merging whatever the others pushed before.
    for i in order:
        pulled = git(clones[i], "pull", "-q", "--no-edit", "origin", "main")
        assert pulled.returncode == 0, pulled.stdout + pulled.stderr
        assert git(clones[i], "push", "-q", "origin", "main").returncode == 0
    for folder in clones:
        assert git(folder, "pull", "-q", "--no-edit", "origin", "main").returncode == 0
    states = [progress_state(folder) for folder in clones]
    assert states[0] == states[1] == states[2]
    dataset = load(clones[0] / "data")
    assert not dataset.has_errors
    tasks = {t.id: t for t in dataset.tasks}
    assert sorted(tasks["8.2"].done) == ["ben-quan", "cua-tung", "ho-xa"]
    assert tasks["8.2"].done["cua-tung"].evidence == "BC 5"
    assert [(n.unit, n.text) for n in tasks["8.2"].notes] == [("vinh-hoa", "40%")]
    assert [(e.unit, e.to.isoformat()) for e in tasks["8.2"].extensions] == [
        ("vinh-ha", "2023-12-31")
    ]
    assert sorted(tasks["2.3"].done) == ["noi-vu"]


def test_two_clones_recording_the_same_unit_conflict_plainly_and_lose_nothing(origin):
    one, two = clone(origin, "mot"), clone(origin, "hai")
    assert cchc(one, "done", "2.3", "--on", "2023-11-23", "--commit").returncode == 0
    assert cchc(two, "done", "2.3", "--on", "2023-11-22", "--commit").returncode == 0
    assert git(one, "push", "-q", "origin", "main").returncode == 0
    pulled = git(two, "pull", "-q", "--no-edit", "origin", "main")
    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout + pulled.stderr
    text = (two / "data" / "progress" / "noi-vu.yaml").read_text("utf-8")
    assert "<<<<<<<" in text and ">>>>>>>" in text
    assert "{task: cchc-2023-11/2.3, done: 2023-11-23}" in text
    assert "{task: cchc-2023-11/2.3, done: 2023-11-22}" in text
    assert (
        git(two, "diff", "--name-only", "--diff-filter=U").stdout == "data/progress/noi-vu.yaml\n"
    )
    # Until a person settles it, cchc says where: the markers are errors at their lines.
    result = cchc(two, "validate", "--lang", "en")
    assert result.returncode == 1
    assert "data/progress/noi-vu.yaml:2:1: error:" in result.stdout


def test_commit_outside_a_repository_says_the_file_is_written(tmp_path, monkeypatch):
    office_folder(tmp_path, monkeypatch)
    result = cchc(tmp_path, "done", "2.3", "--commit", "--lang", "en")
    assert result.returncode == 1
    assert "is written but not committed to git:" in result.stderr
    progress = (tmp_path / "data" / "progress" / "noi-vu.yaml").read_text("utf-8")
    assert "{task: cchc-2023-11/2.3, done: 2023-11-24}" in progress
