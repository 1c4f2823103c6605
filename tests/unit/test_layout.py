"""views/layout.py: a table made narrow the way an office would, never splitting a number."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.vntext import display_width
from cchc_cli.views.layout import (
    COMFORT,
    MAX_WIDTH,
    MIN_SHRINK,
    MIN_WIDTH,
    PIPE_WIDTH,
    Col,
    fit,
    one_line,
    output_width,
    wrap,
)


def width_of(cols: list[Col]) -> int:
    return sum(c.width for c in cols) + 2 * (len(cols) - 1)


def table() -> list[Col]:
    return [
        Col("Mã", ["cchc-2023-11/7.1", "cchc-2023-11/10"]),
        Col(
            "Đơn vị chưa hoàn thành",
            ["Phòng Giáo dục và Đào tạo", "Thị trấn Hồ Xá"],
            short_head="Chưa xong",
            brief=["P. GD&ĐT", "TT. Hồ Xá"],
            shrink=True,
        ),
        Col("Thời hạn", ["trước ngày 24/11/2023", ""], optional=True, shrink=True),
        Col("Quá hạn", ["27", "1234"], right=True, short_head="QH"),
        Col("Nội dung", ["Chỉ đạo cán bộ, giáo viên, nhân viên " * 3, "x"], shrink=True),
    ]


def test_a_table_that_fits_is_left_as_it_is():
    cols = table()
    shown = fit(cols, 500)
    assert [c.head for c in shown] == [
        "Mã",
        "Đơn vị chưa hoàn thành",
        "Thời hạn",
        "Quá hạn",
        "Nội dung",
    ]
    assert shown[1].cells == ["Phòng Giáo dục và Đào tạo", "Thị trấn Hồ Xá"]
    assert not any(c.used_short_head for c in shown)


def test_short_names_come_first_then_text_is_cut_no_further_than_comfort():
    shown = fit(table(), 120)
    assert shown[1].cells == ["P. GD&ĐT", "TT. Hồ Xá"]
    assert [c.head for c in shown][3] == "Quá hạn"  # headers kept
    assert shown[4].width >= COMFORT and shown[4].cells[0].endswith("…")
    assert width_of(shown) <= 120


def test_at_80_columns_headers_shorten_and_optional_columns_go_but_numbers_stay_whole():
    shown = fit(table(), 60)
    heads = [c.head for c in shown]
    assert "Thời hạn" not in heads
    assert "QH" in heads
    assert width_of(shown) <= 60
    refs = shown[0].cells
    assert refs == ["cchc-2023-11/7.1", "cchc-2023-11/10"]
    assert shown[heads.index("QH")].cells == ["27", "1234"]


def test_a_screen_narrower_than_the_fixed_columns_overflows_rather_than_split_them():
    shown = fit(table(), 20)
    assert shown[0].cells == ["cchc-2023-11/7.1", "cchc-2023-11/10"]
    assert all(c.width >= min(MIN_SHRINK, c.natural()) for c in shown)


@given(
    st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=6),
    st.integers(min_value=MIN_WIDTH, max_value=200),
)
def test_cut_cells_never_exceed_their_column(texts, width):
    cols = [Col("H", [one_line(t)], shrink=True) for t in texts]
    for col in fit(cols, width):
        assert all(display_width(cell) <= col.width for cell in col.cells)


def test_decomposed_vietnamese_is_measured_as_it_shows():
    nfd = unicodedata.normalize("NFD", "Xã Vĩnh Thủy thực hiện báo cáo kết quả")
    (col,) = fit([Col("Nội dung", [nfd], shrink=True)], 20)
    assert display_width(col.cells[0]) == 20
    assert col.cells[0].endswith("…")
    # No combining mark is left without its letter.
    assert not unicodedata.combining(col.cells[0][0])


@pytest.mark.parametrize(
    ("columns", "terminal", "width"),
    [
        (None, None, PIPE_WIDTH),
        (None, 80, 80),
        ("132", None, 132),
        ("132", 80, 132),
        ("abc", 80, 80),
        ("-5", None, PIPE_WIDTH),
        ("0", None, MIN_WIDTH),
        ("99999999999999999999", None, MAX_WIDTH),
        ("", None, PIPE_WIDTH),
    ],
)
def test_the_width_comes_from_columns_then_the_terminal_then_the_pipe_default(
    monkeypatch, columns, terminal, width
):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert output_width(terminal) == width


def test_wrap_breaks_between_words_and_splits_only_words_longer_than_a_line():
    assert wrap("một hai ba bốn", 7) == ["một hai", "ba bốn"]
    assert wrap("x" * 45, 20) == ["x" * 20, "x" * 20, "x" * 5]
    # A reference is never broken, even on a screen narrower than it.
    assert wrap("Mã cchc-2023-11/7.1 xong", 10) == ["Mã", "cchc-2023-11/7.1", "xong"]
    assert wrap("dòng một\ndòng hai", 40) == ["dòng một", "dòng hai"]


def test_wrap_keeps_a_letter_with_its_marks():
    nfd = unicodedata.normalize("NFD", "Việt" * 15)
    lines = wrap(nfd, 4)
    assert all(display_width(line) <= 4 for line in lines)
    assert all(not unicodedata.combining(line[0]) for line in lines)
    assert "".join(lines) == nfd


def test_one_line_joins_lines_and_tabs():
    assert one_line("a\nb\tc\r\nd") == "a b c d"
    assert one_line("plain") == "plain"
