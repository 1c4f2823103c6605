"""Red team, session 7: hostile inputs found breaking a command, one test each.

Each test names the input and what went wrong before its fix.
"""

from __future__ import annotations

import os
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


@pytest.mark.parametrize(
    "args",
    [
        ["done", "2.3"],
        ["done", "2.3", "--evidence", "Báo cáo số 12"],
        ["note", "2.3", "đã đạt 40%", "--unit", "noi-vu"],
        ["extend", "2.3", "--to", "2023-12-20", "--reason", "x", "--unit", "noi-vu"],
    ],
    ids=["done", "done-evidence", "note", "extend"],
)
@pytest.mark.parametrize("written", [b"caf\xe9", b"\xed\xa0\x80"], ids=["latin1", "surrogate"])
def test_an_edit_to_a_progress_file_that_is_not_utf8_is_refused(data_dir, args, written):
    # Found: `done 2.3` said "Written" into a progress file saved as Windows-1252, but
    # the reader leaves such a file out whole: status still counted the task overdue.
    path = data_dir / "progress" / "noi-vu.yaml"
    before = b"- {task: cchc-2023-11/2.4, note: " + written + b", on: 2023-11-24}\n"
    path.write_bytes(before)
    result = cchc(*args, "--as-of", "2023-11-25", "--lang", "en")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "data/progress/noi-vu.yaml has errors, so it is left untouched" in result.stderr
    assert path.read_bytes() == before
    assert not (data_dir / ".cchc" / "journal.jsonl").exists() or (
        "2.3" not in (data_dir / ".cchc" / "journal.jsonl").read_text("utf-8")
    )


def test_undo_still_takes_its_line_out_of_a_file_spoiled_after_the_edit(data_dir):
    path = data_dir / "progress" / "noi-vu.yaml"
    assert cchc("done", "2.3", "--as-of", "2023-11-25").exit_code == 0
    added = path.read_bytes()
    path.write_bytes(b"# caf\xe9\n" + added)
    result = cchc("undo", "--lang", "en")
    assert result.exit_code == 0, result.stderr  # undo reads it as bytes: it still works
    assert path.read_bytes().startswith(b"# caf\xe9\n")
    assert b"2.3, done" not in path.read_bytes()


def _loop(path: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(path.name)  # a link to itself


@pytest.mark.parametrize(
    "args", [["validate"], ["status"], ["show", "2.3"], ["list", "--no-cache"]]
)
def test_a_notice_that_is_a_link_to_itself_is_named_not_a_traceback(data_dir, args):
    # Found: notices/loop.yaml -> loop.yaml made every read a RuntimeError traceback
    # (Path.resolve on a loop of links, asked whether the file is outside the folder).
    _loop(data_dir / "notices" / "loop.yaml")
    result = cchc(*args, "--as-of", "2023-11-25", "--lang", "en")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    shown = result.stdout + result.stderr
    assert "notices/loop.yaml: error: cannot read the file: Too many levels of symbolic links" in (
        shown
    )


@pytest.mark.parametrize(
    "args",
    [["done", "2.3"], ["note", "2.3", "x", "--unit", "noi-vu"]],
    ids=["done", "note"],
)
def test_an_edit_to_a_progress_file_that_is_a_link_to_itself_is_refused(data_dir, args):
    # Found: the same loop as the progress file an edit appends to was a traceback.
    _loop(data_dir / "progress" / "noi-vu.yaml")
    result = cchc(*args, "--as-of", "2023-11-25", "--lang", "en")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "noi-vu.yaml: Too many levels of symbolic links" in result.stderr


def test_undo_of_an_edit_whose_file_became_a_link_to_itself_is_refused(data_dir):
    assert cchc("done", "2.3", "--as-of", "2023-11-25").exit_code == 0
    _loop(data_dir / "progress" / "noi-vu.yaml")
    result = cchc("undo", "--lang", "en")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1


def test_undo_of_an_add_whose_notice_became_a_link_to_itself_is_refused(data_dir):
    added = cchc("add", "cchc-2023-11", "--unit", "noi-vu", "--text", "x")
    assert added.exit_code == 0, added.stderr
    _loop(data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml")
    result = cchc("undo", "--lang", "en")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "Too many levels of symbolic links" in result.stderr


@pytest.mark.parametrize(
    "columns", ["²", "9" * 5000, "999999999"], ids=["superscript", "5000", "1e9"]
)
@pytest.mark.parametrize("args", [["--help"], ["due", "--help"], ["status"], ["show", "2.3"]])
def test_a_columns_value_int_refuses_or_too_wide_is_no_traceback_nor_a_hang(
    data_dir, args, columns
):
    # Found: COLUMNS=² (isdigit, yet int() refuses it) and 5,000 digits were a ValueError
    # in the tables' width and in Rich's help screens; COLUMNS=999999999 drew the help
    # for ever. An odd value is left out, a huge one cut to the widest table.
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.update(COLUMNS=columns, CCHC_TODAY="2023-11-25")
    done = subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir.parent,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.strip()
    assert max(len(line) for line in done.stdout.splitlines()) <= 1000


def test_tame_columns_keeps_a_plain_width():
    from cchc_cli.views.layout import tame_columns

    for written, kept in [("80", "80"), ("160", "160"), ("١٢٠", "١٢٠"), ("1000", "1000")]:
        environ = {"COLUMNS": written}
        tame_columns(environ)
        assert environ == {"COLUMNS": kept}
    environ = {}
    tame_columns(environ)
    assert environ == {}


LONG = "1" * 5000


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--before", "2023-12-10"],
        ["overdue"],
        ["list"],
        ["remind"],
        ["export", "-f", "csv"],
        ["letter", "-f", "md"],
        ["report", "--period", "2023-11", "-f", "html"],
    ],
    ids=lambda a: a[0] + ("-" + a[-1] if a[0] in ("export", "report") else ""),
)
def test_an_id_of_5000_digits_sorts_last_not_a_traceback(data_dir, args):
    # Found: a task or notice id with more digits than int() reads (4,300) was a
    # ValueError in the natural order of ids ("2.10" after "2.9") of every list.
    (data_dir / "notices" / "long.yaml").write_text(
        f'id: "{LONG}"\ndate: 2023-11-01\ntitle: t\ntasks:\n'
        f'  - {{id: "2.{LONG}", assignees: [noi-vu], text: x, deadline: trước ngày 20/11/2023}}\n'
        '  - {id: "2.9", assignees: [noi-vu], text: y, deadline: trước ngày 20/11/2023}\n',
        "utf-8",
    )
    result = cchc(*args, "--as-of", "2023-11-25", "--lang", "en")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr


def test_the_id_after_one_of_5000_digits_gets_a_part_of_its_own():
    from cchc_cli.store.addtask import next_id

    assert next_id(["2.9", f"2.{LONG}"]) == f"2.{LONG}.1"
    assert next_id(["2.9", "2.10"]) == "2.11"
