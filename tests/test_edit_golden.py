"""Edits compared byte for byte: each folder under edits/ has a notice file as
written by hand (before.yaml), the command run on it (args.json), and the whole
file expected afterwards (after.yaml). Then ``cchc undo`` must give back
before.yaml exactly. CCHC_UPDATE_GOLDEN=1 rewrites after.yaml: review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app

EDITS = Path(__file__).parent / "edits"
UNITS = Path(__file__).resolve().parent.parent / "data" / "units.yaml"


@pytest.mark.parametrize("case", sorted(p.name for p in EDITS.iterdir()), ids=str)
def test_edit_changes_only_its_lines_and_undo_restores_every_byte(case, tmp_path, monkeypatch):
    folder = EDITS / case
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    shutil.copy(UNITS, data / "units.yaml")
    notice = data / "notices" / "notice.yaml"
    before = (folder / "before.yaml").read_bytes()
    notice.write_bytes(before)
    notice.chmod(0o640)
    monkeypatch.chdir(tmp_path)
    args = json.loads((folder / "args.json").read_text(encoding="utf-8"))
    runner = CliRunner()

    result = runner.invoke(app, [*args, "--data", "data", "--as-of", "2023-11-30"])
    assert result.exit_code == 0, result.stderr
    after = notice.read_bytes()
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        (folder / "after.yaml").write_bytes(after)
    assert after == (folder / "after.yaml").read_bytes()
    assert notice.stat().st_mode & 0o777 == 0o640
    assert runner.invoke(app, ["validate", "--data", "data"]).exit_code == 0

    result = runner.invoke(app, ["undo", "--data", "data"])
    assert result.exit_code == 0, result.stderr
    assert notice.read_bytes() == before
