"""The long lists printed cheaply per row (issue 17): every fast path gives what the
slow one gives, byte for byte.

A column is measured, screened and padded once per distinct cell, or all at once when
its joined text allows it (ASCII, one column per character, printable); the due and
overdue lists hand the formatter whole columns (:class:`Rows`) instead of a dict per
row. Each test below holds one of those paths to the general one.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.core.model import Registry, Unit
from cchc_cli.core.status import Status, UnitStatus
from cchc_cli.core.vntext import display_width, one_column_each, shorten, shorten_each
from cchc_cli.store.pairs import TaskInfo, Written
from cchc_cli.views.i18n import Lang
from cchc_cli.views.layout import Col, distinct_text, fit, pad
from cchc_cli.views.pairlists import late_list, overdue_report
from cchc_cli.views.render import Column, Field, JsonFormatter, Report, Rows, Section
from cchc_cli.views.textout import ColourFormatter, Picked, PlainFormatter

#: Text as data brings it: ASCII, Vietnamese composed and decomposed, wide characters,
#: combining marks alone, controls, bidi overrides, line breaks and tabs.
PIECES = [
    "Mã",
    "cchc-2023-11/7.1",
    "Phòng Giáo dục và Đào tạo",
    unicodedata.normalize("NFD", "Thị trấn Hồ Xá"),
    "中文",
    "e\u0301",
    "\u0301",
    "\x1b[31m",
    "\u202e",
    "a\nb",
    "x\ty",
    "…",
    "░░",
    "",
    " ",
]
TEXT = st.one_of(
    st.sampled_from(PIECES),
    st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    st.text(max_size=12),
)


def slow_widths(cells: list[str]) -> list[int]:
    return [display_width(cell) for cell in cells]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_a_column_checked_joined_is_one_column_wide_when_each_cell_is(cells):
    joined = one_column_each(distinct_text(cells))
    assert joined == all(one_column_each(cell) for cell in cells)
    if joined:
        assert all(display_width(cell) == len(cell) for cell in cells)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8), st.booleans(), st.integers(0, 30))
def test_a_column_measured_and_padded_at_once_is_as_cell_by_cell(cells, right, extra):
    col = Col("h", cells, right=right)
    assert col.widest() == max(slow_widths(cells), default=0)
    col.width = col.widest() + extra
    expected = []
    for cell in cells:
        before, after = pad(cell, col.width, right)
        expected.append(before + cell + after)
    assert col.padded() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8), st.integers(0, 12))
def test_a_column_of_texts_is_cut_at_once_as_each_text_alone(cells, width):
    long = [cell * 9 for cell in cells]  # long enough to be cut
    for texts in (cells, long):
        assert shorten_each(texts, width) == [shorten(text, width) for text in texts]


def test_ascii_cells_are_padded_without_a_width_per_cell():
    col = Col("Mã", ["a", "bbb", "cc"])
    assert col.widest() == 3 and col._widths is None
    col.width = 4
    assert col.padded() == ["a   ", "bbb ", "cc  "]
    col.cells = ["中文", "a"]  # new cells: measured anew, not as ASCII
    assert col.widest() == 4 and col._widths == {"中文": 4, "a": 1}


def test_cells_cut_by_fit_are_measured_again():
    col = Col("Nội dung", ["Chỉ đạo cán bộ, giáo viên " * 4, "x"], shrink=True)
    (shown,) = fit([col], 20)
    assert shown.widest() <= 20 == shown.width
    assert [display_width(c) for c in shown.padded()] == [20, 20]


def test_rows_read_as_records():
    rows = Rows({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert len(rows) == 3
    assert list(rows) == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3, "b": "z"}]
    assert rows[-1] == {"a": 3, "b": "z"} and rows[1:] == [rows[1], rows[2]]
    assert rows.column("missing") == [None, None, None]
    with pytest.raises(IndexError):
        rows[3]
    assert Field("b")(rows[0]) == "x"


def _section(records, alert=None, totals=()):
    columns = [
        Column("ref", "label.ref", show=Field("ref")),
        Column("when", "label.last-day"),
        Column("n", "label.total", right=True),
        Column("text", "label.text", show=Field("text"), brief=Field("short"), shrink=True),
    ]
    return Section("s", columns, records, alert=alert, totals=list(totals))


RECORD = st.fixed_dictionaries(
    {
        "ref": TEXT,
        "when": st.one_of(st.none(), st.dates(date(2023, 1, 1), date(2024, 12, 31))),
        "n": st.one_of(st.none(), st.integers(-5, 500), st.booleans()),
        "text": TEXT,
        "short": TEXT,
        "late": st.booleans(),
    }
)


def _emit(formatter, section, width):
    out = io.StringIO()
    formatter(out, Lang.VI, width).emit(Report([section]))
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(RECORD, max_size=12), st.sampled_from([20, 40, 80, 160]), st.booleans())
def test_a_table_of_columns_prints_what_a_table_of_dicts_prints(records, width, marked):
    rows = Rows({key: [r[key] for r in records] for key in RECORD_KEYS})
    alert = Field("late") if marked else None
    as_dicts = _section(records, alert=(lambda r: r["late"]) if marked else None)
    for formatter in (PlainFormatter, ColourFormatter):
        expected = _emit(formatter, as_dicts, width)
        assert _emit(formatter, _section(rows, alert=alert), width) == expected


LINE = st.fixed_dictionaries({"ref": TEXT, "when": TEXT, "n": TEXT, "text": TEXT})


def _picking_sections(records):
    columns = [
        Column("ref", "label.ref", show=Field("ref")),
        Column("when", "label.last-day", show=Field("when"), optional=True, shrink=True),
        Column("n", "label.total", show=Field("n"), right=True, style="red", head="head.last-day"),
        Column("text", "label.text", show=Field("text"), shrink=True),
    ]
    return [Section(str(n), columns, rows, title=f"{n}") for n, rows in enumerate(records)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(LINE, min_size=1, max_size=10),
    st.lists(st.sets(st.integers(0, 9)), min_size=1, max_size=4),
    st.sampled_from([20, 40, 80, 160]),
)
def test_sections_picking_lines_of_one_table_print_what_their_rows_print(lines, picks, width):
    """The overdue list's sections pick lines of one table (each laid out once per set
    of widths): they print what the same rows as records print, section by section."""
    shared = Rows({key: [line[key] for line in lines] for key in ("ref", "when", "n", "text")})
    picked = [
        Picked(shared, sorted(n for n in pick if n < len(lines)), {"u": "x"}) for pick in picks
    ]
    as_records = [[{**lines[n], "u": "x"} for n in rows.numbers] for rows in picked]
    assert [list(rows) for rows in picked] == as_records
    assert [rows.column("u") for rows in picked] == [["x"] * len(rows) for rows in picked]
    for formatter in (PlainFormatter, ColourFormatter):
        expected = io.StringIO()
        formatter(expected, Lang.VI, width).emit(Report(_picking_sections(as_records)))
        got = io.StringIO()
        formatter(got, Lang.VI, width).emit(Report(_picking_sections(picked)))
        assert got.getvalue() == expected.getvalue()


RECORD_KEYS = ("ref", "when", "n", "text", "short", "late")

_SGR = re.compile(r"\x1b\[[0-9;]*m")


@settings(max_examples=100, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=12), st.sampled_from([40, 80, 160]))
def test_colour_adds_only_escape_codes_to_the_plain_lines(records, width):
    rows = Rows({key: [r[key] for r in records] for key in RECORD_KEYS})
    totals = [{"ref": "Tổng", "when": None, "n": 3, "text": "", "short": ""}]
    section = _section(rows, alert=Field("late"), totals=totals)
    plain = _emit(PlainFormatter, section, width)
    coloured = _emit(ColourFormatter, section, width)
    # Data cannot smuggle an escape code in: each is shown as text ("\\x1b").
    assert "\x1b" not in plain
    # A painted blank cell at a line's end stays (a code follows it): spaces aside.
    assert _lines(_SGR.sub("", coloured)) == _lines(plain)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n")]


REGISTRY = Registry(
    {
        "b": Unit("b", "Phòng Y tế", "department"),
        "a": Unit("a", "Phòng Nội vụ", "department"),
        "a2": Unit("a2", "Phòng Nội vụ", "department"),  # two units, one name
        "c": Unit("c", "Ban Quản lý", "department"),
    },
    {},
    {},
)


def _task(notice: str, ident: str, text: str) -> TaskInfo:
    return TaskInfo(notice, ident, 0, text, Written(None), ("a",), ("a",))


def _overdue_the_old_way(items: list[UnitStatus]) -> list[tuple[str, list[str]]]:
    """overdue_report's order before it went column by column: two stable sorts of every
    pair (last day, then the unit's name), then grouped by unit where each first is."""
    from cchc_cli.core.vntext import sort_key

    ordered = sorted(items, key=lambda i: i.last_day)
    ordered.sort(key=lambda i: sort_key(REGISTRY.name_of(i.unit)))
    groups: dict[str, list[str]] = {}
    for item in ordered:
        groups.setdefault(item.unit, []).append(item.task.ref)
    return list(groups.items())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(["a", "a2", "b", "c"]), st.integers(1, 6)),
        max_size=25,
    )
)
def test_overdue_units_and_pairs_come_in_the_order_they_always_did(pairs):
    today = date(2024, 1, 31)
    tasks = [_task("tb", str(n), f"việc {n}") for n in range(6)]
    items = [
        UnitStatus(tasks[n], unit, Status.OVERDUE, date(2024, 1, day), None, today)
        for n, unit, day in pairs
    ]
    report = overdue_report(late_list(items), REGISTRY, Lang.VI)
    if not items:
        assert [s.name for s in report.tables] == ["overdue"]
        return
    got = [(s.name, [r["ref"] for r in s.records]) for s in report.tables]
    assert got == _overdue_the_old_way(items)
    # Programs get every pair in the same order, each record whole.
    out = io.StringIO()
    JsonFormatter(out, Lang.VI).emit(report)
    assert out.getvalue().count('"unit"') == len(items)


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--as-of", "2023-11-20", "--within", "30"],
        ["overdue", "--as-of", "2023-12-20"],
        ["overdue", "--as-of", "2023-12-20", "--unit", "UBND các xã, thị trấn"],
    ],
)
def test_a_terminal_shows_the_lines_a_pipe_gets(data_dir, args):
    from runner import cchc
    from test_hostile import run_on_terminal

    piped = cchc(*args, "--lang", "vi", COLUMNS="80")
    assert piped.exit_code == 0, piped.output
    code, shown = run_on_terminal([*args, "--lang", "vi"], data_dir, 80)
    assert code == 0
    assert "\x1b[" in shown  # coloured
    assert _lines(_SGR.sub("", shown).replace("\r\n", "\n")) == _lines(piped.stdout)


def test_the_styles_known_without_rich_are_rich_s_own():
    from rich.color import ColorSystem
    from rich.style import Style

    from cchc_cli.views.textout import KNOWN_SGR

    for style, codes in KNOWN_SGR.items():
        rendered = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD)
        before, _, after = rendered.partition("\0")
        assert codes == (before, after), style
