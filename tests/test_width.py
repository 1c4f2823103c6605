"""Every view readable at the width there is (issue 20): 80 and 160 columns, piped and on a
real pseudo-terminal, with titles written to break a terminal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from runner import cchc
from test_hostile import replace_in, retitle_task_2_3, run_on_terminal

AS_OF = "2023-12-20"

VIEWS = {
    "due": ["due", "--as-of", "2023-11-20", "--within", "30"],
    "overdue": ["overdue", "--as-of", AS_OF],
    "status": ["status", "--as-of", AS_OF],
    "list": ["list"],
    "report": ["report", "--period", "2023-11", "--as-of", AS_OF],
    "show": ["show", "8.2", "--as-of", AS_OF],
}

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def widest(text: str) -> int:
    """The widest line, measured by rich (not by the code under test)."""
    return max(cell_len(line) for line in text.splitlines())


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("view", VIEWS)
def test_each_view_at_80_and_160_columns(data_dir, golden, view, columns):
    result = cchc(*VIEWS[view], COLUMNS=str(columns))
    assert result.exit_code == 0, result.output
    golden(f"width/{view}.{columns}.vi.txt", result.stdout)
    assert widest(result.stdout) <= columns


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_fits_80_columns_in_english_too(data_dir, view):
    result = cchc(*VIEWS[view], "--lang", "en", COLUMNS="80")
    assert result.exit_code == 0, result.output
    assert widest(result.stdout) <= 80


def test_piped_output_has_a_fixed_width_without_columns(data_dir):
    result = cchc(*VIEWS["due"])
    assert widest(result.stdout) <= 100
    wide = cchc(*VIEWS["due"], COLUMNS="250")
    assert widest(wide.stdout) > 100  # COLUMNS is obeyed when piped too


def test_status_is_one_line_per_unit_with_short_headers_and_a_legend(data_dir):
    lines = cchc(*VIEWS["status"], COLUMNS="80").stdout.splitlines()
    rows = [line for line in lines if re.match(r"^[! ]  \S", line) and line[3:5] != "Đơ"]
    assert len(rows) == 31 + 1  # every unit and the totals
    assert lines[0].split() == [
        "Đơn",
        "vị",
        "Tổng",
        "HTĐH",
        "HTQH",
        "HTKH",
        "TrH",
        "QH",
        "TX",
        "Hủy",
        "%HT",
        "%QH",
    ]
    assert any(line.startswith("Viết tắt: Tổng: Tổng số;") for line in lines)
    assert "X. Vĩnh Tú" in "\n".join(lines)


def test_overdue_rows_are_marked_in_plain_text(data_dir):
    text = cchc("due", "--as-of", "2023-11-25", "--within", "20", COLUMNS="100").stdout
    marked = [line for line in text.splitlines() if line.startswith("!")]
    assert marked and all("quá" in line for line in marked)
    fresh = [line for line in text.splitlines() if line.startswith("   cchc-")]
    assert fresh and all("còn" in line for line in fresh)


def test_numbers_and_references_are_never_split_even_on_a_tiny_screen(data_dir):
    text = cchc("due", "--as-of", "2023-11-20", "--within", "30", COLUMNS="20").stdout
    refs = re.findall(r"cchc-2023-11/[0-9.]+", text)
    assert "cchc-2023-11/7.1" in refs and "cchc-2023-11/8.2" in refs
    assert "23/11/2023" in text


# -- on a real terminal, with titles written to break it ------------------------------


NFD_NAME = unicodedata.normalize("NFD", "X. Vĩnh Tú")
LONG_WORD = "Khôngcókhoảngtrắng" * 12
HOSTILE = (
    "[/] [bold red]đỏ[/bold red] \\e[31mred\\e[0m \\u200fRTL\\u200e \\u202eabc "
    f"{LONG_WORD} " + unicodedata.normalize("NFD", "thực hiện báo cáo")
)


def hostile_titles(data: Path) -> None:
    """Task 2.3 (Phòng Nội vụ, overdue from 25/11) gets a hostile title; a commune's
    short name is written decomposed (NFD), as some keyboards on Windows write it."""
    retitle_task_2_3(data, HOSTILE)
    replace_in("units.yaml", "short: X. Vĩnh Tú", f"short: {NFD_NAME}")(data)


@pytest.mark.parametrize("view", VIEWS)
def test_a_terminal_of_80_columns_shows_hostile_titles_as_text(data_dir, view):
    hostile_titles(data_dir)
    args = VIEWS[view] if view != "show" else ["show", "2.3", "--as-of", AS_OF]
    code, output = run_on_terminal(args, data_dir, 80)
    assert code == 0, output
    assert "Traceback" not in output
    text = _SGR.sub("", output).replace("\r\n", "\n")
    for raw in ("\x1b", "\u200f", "\u200e", "\u202e"):
        assert raw not in text, (raw, output)
    assert widest(text) <= 80, text
    assert "\x1b[" in output  # colour on a terminal
    if view == "status":
        rows = [line for line in text.splitlines() if re.match(r"^[! ]  (P\.|X\.|TT\.)", line)]
        # The decomposed name takes the columns it shows in: every row ends at one place.
        assert len({cell_len(row) for row in rows}) == 1, rows
        # Read as written but composed (NFC) on loading, so it sorts and matches.
        assert any(unicodedata.normalize("NFC", NFD_NAME) in row for row in rows)
        return
    assert "[/]" in text  # shown, not read as markup
    if view in ("due", "list", "show"):
        assert "[bold red]" in text
    if view == "show":
        flat = "".join(text.split())
        assert LONG_WORD in flat  # the whole title, wrapped
        assert "\\x1b[31mred" in flat
