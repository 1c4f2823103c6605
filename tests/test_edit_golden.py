"""Edits compared byte for byte: each folder under edits/ has a notice file as
written by hand (notice.yaml), maybe progress files written by hand
(progress/), the command run on it (args.json), and the whole progress folder
expected afterwards (expected/). The notice is never touched; ``cchc undo`` must
give back the progress folder exactly as it was (a file the edit created goes).
CCHC_UPDATE_GOLDEN=1 rewrites expected/: review the diff.
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


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", sorted(p.name for p in EDITS.iterdir()), ids=str)
def test_edit_appends_only_its_lines_and_undo_restores_every_byte(case, tmp_path, monkeypatch):
    folder = EDITS / case
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    shutil.copy(UNITS, data / "units.yaml")
    notice = data / "notices" / "notice.yaml"
    written = (folder / "notice.yaml").read_bytes()
    notice.write_bytes(written)
    if (folder / "progress").is_dir():
        shutil.copytree(folder / "progress", data / "progress")
    before = tree(data / "progress")
    monkeypatch.chdir(tmp_path)
    args = json.loads((folder / "args.json").read_text(encoding="utf-8"))
    runner = CliRunner()

    result = runner.invoke(app, [*args, "--data", "data", "--as-of", "2023-11-30"])
    assert result.exit_code == 0, result.stderr
    after = tree(data / "progress")
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        shutil.rmtree(folder / "expected", ignore_errors=True)
        shutil.copytree(data / "progress", folder / "expected")
    assert after == tree(folder / "expected")
    assert notice.read_bytes() == written
    assert runner.invoke(app, ["validate", "--data", "data"]).exit_code == 0

    result = runner.invoke(app, ["undo", "--data", "data"])
    assert result.exit_code == 0, result.stderr
    assert tree(data / "progress") == before
    assert notice.read_bytes() == written
