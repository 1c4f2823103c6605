"""Golden diagnostics: each folder under cases/ is a broken (or tricky) data folder.

``cchc validate`` is run on it, in Vietnamese and in English, and the exact
output and exit code are compared with ``expected.<lang>.txt``. The bundled
units.yaml is used unless the case brings its own. To accept a deliberate
change of wording, run with CCHC_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app

CASES = Path(__file__).parent / "bad_inputs"
BUNDLED_UNITS = Path(__file__).resolve().parent.parent / "data" / "units.yaml"
UPDATE = os.environ.get("CCHC_UPDATE_GOLDEN") == "1"


def run_case(case: Path, tmp_path: Path, monkeypatch, lang: str) -> str:
    data = tmp_path / "data"
    shutil.copytree(case, data, ignore=shutil.ignore_patterns("expected.*"))
    if not (data / "units.yaml").exists() and not case.name.startswith("no-units"):
        shutil.copy(BUNDLED_UNITS, data / "units.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--data", "data", "--lang", lang])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return f"exit: {result.exit_code}\n{result.stdout}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_validate_output_is_exactly_as_expected(case, lang, tmp_path, monkeypatch):
    actual = run_case(CASES / case, tmp_path, monkeypatch, lang)
    expected_file = CASES / case / f"expected.{lang}.txt"
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
