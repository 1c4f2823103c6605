"""Red team, session 7: hostile inputs found breaking a command, one test each.

Each test names the input and what went wrong before its fix.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from runner import cchc


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--period", "2023-11", "-f", "docx", "-o", "r.docx"],
        ["letter", "-o", "r.docx", "--as-of", "2023-11-25"],
    ],
    ids=["report", "letter"],
)
def test_a_long_office_name_still_makes_a_word_document(data_dir, args):
    # Found: an `office:` over 255 characters was a traceback from python-docx
    # (a document property holds at most 255): the paper's author is cut instead.
    office = "Văn phòng HĐND và UBND huyện " * 20
    _append(data_dir / "config.yaml", f"office: {office}\n")
    result = cchc(*args, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile("r.docx") as paper:
        core = paper.read("docProps/core.xml").decode("utf-8")
        body = paper.read("word/document.xml").decode("utf-8")
    assert office.strip()[:255] in core
    assert office.strip()[:256] not in core
    assert "HĐND VÀ UBND HUYỆN" in body


@pytest.mark.parametrize("folder", ["", "  "])
def test_init_with_an_empty_folder_makes_nothing(tmp_path, monkeypatch, folder):
    # Found: `cchc init ""` (a script's "$DIR" unset) made the current folder a data
    # folder: Path("") is ".". The options refuse an empty value; the folder does too.
    monkeypatch.chdir(tmp_path)
    result = cchc("init", folder, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == "cchc: error: the folder is empty: give the folder to create\n"
    assert list(tmp_path.iterdir()) == []
