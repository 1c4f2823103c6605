"""Red team: what the differential harness (tests/red_diff.py) and hand probes found.

Each test names the input that went wrong and what was expected; the ones still
failing in code another helper owns are marked ``xfail(strict=True)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runner import cchc

UNITS = """\
units:
  - {id: u-an, name: Phòng An, kind: department}
"""
QUARTERLY = """\
id: tb-7-2024
date: 2024-01-05
title: Kết luận giao ban
tasks:
  - id: "1.3"
    assignees: [u-an]
    text: Báo cáo quý
    repeat: hằng quý vào ngày 15 tháng cuối quý
"""


@pytest.fixture
def quarterly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    (data / "units.yaml").write_text(UNITS, "utf-8")
    (data / "notices" / "tb7.yaml").write_text(QUARTERLY, "utf-8")
    monkeypatch.chdir(tmp_path)
    return data


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_open_period_suggests_a_key_of_the_tasks_own_kind(quarterly, lang):
    # Found: `done 1.3` on a quarterly task with every period done said "e.g.
    # tb-7-2024/1.3@2024-01", a monthly key the same command then refuses.
    first = cchc("--data", "data", "--lang", lang, "done", "1.3", "--all", "--as-of", "2024-03-05")
    assert first.exit_code == 0, first.stderr
    again = cchc("--data", "data", "--lang", lang, "done", "1.3", "--all", "--as-of", "2024-03-05")
    assert again.exit_code == 2
    assert "tb-7-2024/1.3@2024-Q1" in again.stderr
    assert "@2024-01" not in again.stderr
