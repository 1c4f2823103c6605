"""An option written with an empty value is refused, not taken as "no filter".

A script's ``cchc remind --unit "$UNIT"`` with UNIT unset used to remind every unit,
``due --before ""`` listed every open task and ``done --on ""`` recorded today.
Free text (``--note``, ``--evidence``, ``--reason``, ``--text``) keeps its own rule
(empty is absent, or "must not be empty" where it is required), and a variable set
empty in the environment still counts as unset.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cchc_cli.cli.grammar import parse

REF = "cchc-2023-11/1.1"
DAY = "2023-11-20"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["due", "--before="], "--before"),
        (["due", "--unit", ""], "--unit"),
        (["due", "--unit", "  "], "--unit"),
        (["overdue", "--notice="], "--notice"),
        (["status", "--unit="], "--unit"),
        (["list", "--search", ""], "--search"),
        (["list", "--notice", ""], "--notice"),
        (["remind", "--unit="], "--unit"),
        (["report", "--unit="], "--unit"),
        (["export", "--format", "ics", "--unit="], "--unit"),
        (["why", REF, "--unit="], "--unit"),
        (["--as-of=", "status"], "--as-of"),
        (["status", "--as-of", ""], "--as-of"),
        (["--data=", "due"], "--data"),
        (["log", "--since="], "--since"),
    ],
)
def test_an_empty_value_is_refused_naming_the_option(cchc, data_dir, args, option):
    result = cchc(*args, CCHC_TODAY=DAY)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith(f"cchc: lỗi: {option}: giá trị để trống"), result.stderr


def _progress(data: Path) -> dict[str, str]:
    files = (data / "progress").iterdir()
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.mark.parametrize(
    "args",
    [
        ["done", REF, "--all", "--on="],
        ["done", REF, "--unit="],
        ["done", REF, "--unit", "noi-vu", "--unit", ""],
        ["extend", REF, "--to", "", "--reason", "x"],
    ],
)
def test_an_edit_with_an_empty_value_writes_nothing(cchc, data_dir, args):
    before = _progress(data_dir)
    result = cchc(*args, "--lang", "en", CCHC_TODAY=DAY)
    assert result.exit_code == 2
    assert "the value is empty: leave the option out, or give it a value" in result.stderr
    assert _progress(data_dir) == before


def test_free_text_may_be_empty_as_before(cchc, data_dir):
    result = cchc("done", REF, "--unit", "noi-vu", "--note=", "--evidence", "", CCHC_TODAY=DAY)
    assert result.exit_code == 0, result.stderr
    assert "note" not in (data_dir / "progress" / "noi-vu.yaml").read_text(encoding="utf-8")


def test_a_required_free_text_keeps_its_own_message(cchc, data_dir):
    result = cchc("cancel", REF, "--reason=", CCHC_TODAY=DAY)
    assert result.exit_code == 2
    assert "'--reason' không được để trống" in result.stderr


def test_a_variable_set_empty_in_the_environment_is_unset(cchc, data_dir):
    # CCHC_TODAY="" is today's clock, as for any variable set to nothing.
    assert cchc("status", CCHC_TODAY="").exit_code in (0, 1)


@pytest.mark.parametrize(
    ("empty", "filled"),
    [
        (["due", "--unit="], ["due", "--unit=noi-vu"]),
        (["due", "--before", " "], ["due", "--before", DAY]),
        (["--as-of=", "status"], [f"--as-of={DAY}", "status"]),
    ],
)
def test_the_express_lane_leaves_an_empty_value_to_typer(empty, filled):
    assert parse(empty) is None
    assert parse(filled) is not None
