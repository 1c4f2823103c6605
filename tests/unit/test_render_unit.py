"""views/render.py: one report, five formats; widths by terminal columns, not code points."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date

import pytest

from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import (
    Column,
    CsvFormatter,
    JsonFormatter,
    MarkdownFormatter,
    OutputFormat,
    Report,
    ReportFormat,
    Section,
    cell_text,
    formatter_for,
    json_value,
    neutralize,
    plain_columns,
    use_colour,
)
from cchc_cli.views.textout import ColourFormatter, PlainFormatter


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


COLUMNS = [
    Column("ref", "label.ref"),
    Column("name", "label.name"),
    Column("count", "label.member-count", right=True, kind="int"),
    Column("hidden", "label.date", table=False),
    Column("shown_only", "label.date", data=False),
]
RECORDS = [
    {"ref": "tb-1/1.1", "name": "Phòng Nội vụ", "count": 12, "hidden": date(2023, 11, 22)},
    {"ref": "tb-1/2", "name": "Xã Vĩnh Hòa", "count": 3, "hidden": None},
]
SECTION = Section("rows", COLUMNS[:3], RECORDS)


def emit(formatter_class, report: Report, lang: Lang = Lang.EN) -> str:
    out = io.StringIO()
    formatter_class(out, lang).emit(report)
    return out.getvalue()


# -- plain columns -----------------------------------------------------------------


def test_plain_columns_pad_by_display_width_two_spaces_apart():
    lines = plain_columns([["Tên", "Số"], ["Hồ Xá", "1"], ["中文", "22"]], [False, True])
    # first column 5 wide ("Hồ Xá"; "中文" is 4), second 2 wide, right-aligned
    assert lines == ["Tên    Số", "Hồ Xá   1", "中文   22"]


def test_plain_columns_treat_decomposed_text_as_its_composed_width():
    nfd = unicodedata.normalize("NFD", "Vĩnh Hòa")
    assert plain_columns([[nfd, "x"], ["Hồ Xá", "y"]], [False, False]) == [
        f"{nfd}  x",
        "Hồ Xá     y",
    ]


def test_plain_columns_never_pad_the_last_column_or_leave_trailing_spaces():
    lines = plain_columns([["a", "long text"], ["bbb", ""]], [False, False])
    assert lines == ["a    long text", "bbb"]


def test_plain_columns_of_nothing_is_nothing():
    assert plain_columns([], []) == []


# -- cells and values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (None, Lang.VI, ""),
        (date(2023, 12, 9), Lang.VI, "09/12/2023"),
        (date(2023, 12, 9), Lang.EN, "2023-12-09"),
        (("noi-vu", "vinh-hoa"), Lang.VI, "noi-vu, vinh-hoa"),
        ([date(2024, 1, 1), None], Lang.VI, "01/01/2024, "),
        (12, Lang.EN, "12"),
        (12.5, Lang.EN, "12.5"),
        ("Hồ Xá", Lang.EN, "Hồ Xá"),
    ],
)
def test_cell_text_writes_dates_the_languages_way(value, lang, text):
    assert cell_text(value, lang) == text


@pytest.mark.parametrize(
    ("value", "data"),
    [
        (date(2023, 12, 9), "2023-12-09"),
        ((date(2023, 12, 9), "x"), ["2023-12-09", "x"]),
        ([[date(2024, 1, 1)]], [["2024-01-01"]]),
        (None, None),
        (3, 3),
    ],
)
def test_json_value_writes_dates_iso(value, data):
    assert json_value(value) == data


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+84 123", "'+84 123"),
        # A plain number is a number ("-5" days left), never a formula; anything more is.
        ("-5", "-5"),
        ("-1.5", "-1.5"),
        ("-5+3", "'-5+3"),
        ("-2-3", "'-2-3"),
        ("-A1", "'-A1"),
        ("+5", "'+5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Phòng Nội vụ", "Phòng Nội vụ"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize_quotes_what_a_spreadsheet_would_evaluate(text, safe):
    assert neutralize(text) == safe


# -- plain text --------------------------------------------------------------------


def test_plain_table_in_english_shows_table_columns_only():
    assert emit(PlainFormatter, Report([Section("rows", COLUMNS, RECORDS)])) == (
        "Ref       Name          Units  Date of issue\n"
        "tb-1/1.1  Phòng Nội vụ     12\n"
        "tb-1/2    Xã Vĩnh Hòa       3\n"
    )


def test_plain_table_in_vietnamese_translates_the_headers():
    assert emit(PlainFormatter, Report([SECTION]), Lang.VI).splitlines()[0] == (
        "Mã        Tên           Số đơn vị"
    )


def test_plain_sections_are_separated_titled_and_footed():
    first = Section("a", COLUMNS[:1], RECORDS[:1], title="Thông báo", footer=["Tổng: 1"])
    second = Section("b", COLUMNS[:1], [], title="Trống", empty="Không có nhiệm vụ nào.")
    report = Report([first, second], heading=["UBND HUYỆN VĨNH LINH"])
    assert emit(PlainFormatter, report) == (
        "UBND HUYỆN VĨNH LINH\n"
        "\n"
        "Thông báo\n"
        "Ref\n"
        "tb-1/1.1\n"
        "Tổng: 1\n"
        "\n"
        "Trống\n"
        "Không có nhiệm vụ nào.\n"
    )


def test_a_fields_section_is_label_value_lines():
    section = Section(
        "task",
        [Column("label"), Column("value")],
        [{"label": "Mã", "value": "tb-1/1.1"}, {"label": "Thời hạn", "value": "09/12/2023"}],
        fields=True,
    )
    assert emit(PlainFormatter, Report([section])) == (
        "Mã:        tb-1/1.1\nThời hạn:  09/12/2023\n"
    )


def test_totals_follow_the_records_and_are_not_shown_without_records():
    totals = [{"ref": "", "name": "Tổng", "count": 15}]
    with_rows = Section("rows", COLUMNS[:3], RECORDS, totals=totals)
    assert emit(PlainFormatter, Report([with_rows])).splitlines()[-1] == (
        "          Tổng             15"
    )
    without = Section("rows", COLUMNS[:3], [], totals=totals)
    assert emit(PlainFormatter, Report([without])) == "Ref  Name  Units\n"


def test_a_columns_show_function_decides_its_cell():
    column = Column("count", "label.member-count", show=lambda r: f"{r['count']} đơn vị")
    assert emit(PlainFormatter, Report([Section("r", [column], RECORDS)])).splitlines()[1:] == [
        "12 đơn vị",
        "3 đơn vị",
    ]


# -- JSON, CSV, Markdown -----------------------------------------------------------


def test_json_writes_data_columns_with_iso_dates_and_real_vietnamese():
    text = emit(JsonFormatter, Report([Section("rows", COLUMNS, RECORDS)]))
    assert json.loads(text) == [
        {"ref": "tb-1/1.1", "name": "Phòng Nội vụ", "count": 12, "hidden": "2023-11-22"},
        {"ref": "tb-1/2", "name": "Xã Vĩnh Hòa", "count": 3, "hidden": None},
    ]
    assert "Phòng Nội vụ" in text and text.endswith("\n")


def test_json_writes_the_document_when_there_is_one():
    report = Report([SECTION], document={"as_of": date(2023, 12, 1), "units": ("a",)})
    assert json.loads(emit(JsonFormatter, report)) == {"as_of": "2023-12-01", "units": ["a"]}


def test_the_data_rows_can_be_made_only_when_needed():
    made = []

    def rows() -> Section:
        made.append(1)
        return Section("data", [Column("ref")], [{"ref": "x"}])

    report = Report([SECTION], data=rows)
    emit(PlainFormatter, report)
    assert made == []
    assert list(csv.reader(io.StringIO(emit(CsvFormatter, report)[1:]))) == [["ref"], ["x"]]
    assert made == [1]


def test_json_builds_the_data_rows_once():
    made = []

    def rows() -> Section:
        made.append(1)
        return Section("data", [Column("ref")], [{"ref": "x"}])

    assert json.loads(emit(JsonFormatter, Report([SECTION], data=rows))) == [{"ref": "x"}]
    assert made == [1]


def test_csv_has_a_bom_keys_as_header_and_neutralized_text():
    records = [{"ref": "=1+1", "name": "Hồ Xá", "count": 3, "hidden": (date(2024, 1, 2), "x")}]
    text = emit(CsvFormatter, Report([Section("rows", COLUMNS, records)]))
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["ref", "name", "count", "hidden"],
        ["'=1+1", "Hồ Xá", "3", "2024-01-02; x"],
    ]


def test_csv_of_every_table_keeps_titles_and_translated_headers():
    first = Section("a", COLUMNS[:2], RECORDS[:1], title="Bảng 1")
    second = Section("b", COLUMNS[:1], RECORDS[1:], title="-Bảng 2")
    report = Report([first, second], csv_tables=True, heading=["UBND"])
    rows = list(csv.reader(io.StringIO(emit(CsvFormatter, report, Lang.VI)[1:])))
    assert rows == [
        ["UBND"],
        [],
        ["Bảng 1"],
        ["Mã", "Tên"],
        ["tb-1/1.1", "Phòng Nội vụ"],
        [],
        ["'-Bảng 2"],
        ["Mã"],
        ["tb-1/2"],
    ]


def test_markdown_is_a_pipe_table_with_right_aligned_numbers_and_escaped_pipes():
    records = [{"ref": "a|b", "name": "Hai\ndòng", "count": 1}]
    report = Report([Section("r", COLUMNS[:3], records, title="Kết quả", footer=["Ghi chú"])])
    assert emit(MarkdownFormatter, report) == (
        "### Kết quả\n"
        "\n"
        "| Ref | Name | Units |\n"
        "| --- | --- | ---: |\n"
        "| a\\|b | Hai dòng | 1 |\n"
        "\n"
        "Ghi chú\n"
    )


# -- which formatter ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        (OutputFormat.JSON, JsonFormatter),
        (OutputFormat.CSV, CsvFormatter),
        (ReportFormat.JSON, JsonFormatter),
        (ReportFormat.CSV, CsvFormatter),
        (ReportFormat.MD, MarkdownFormatter),
        (OutputFormat.TABLE, PlainFormatter),
        (ReportFormat.TABLE, PlainFormatter),
    ],
)
def test_formatter_for_a_pipe(fmt, kind, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert type(formatter_for(fmt, Lang.VI, io.StringIO())) is kind


def test_a_terminal_gets_rich_unless_no_color_is_set(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(Terminal()) is True
    assert isinstance(formatter_for(OutputFormat.TABLE, Lang.VI, Terminal()), ColourFormatter)
    assert use_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "")
    assert use_colour(Terminal()) is True  # empty NO_COLOR does not count (no-color.org)
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(Terminal()) is False


def test_an_object_without_isatty_is_not_a_terminal():
    class Sink:
        def write(self, text: str) -> int:
            return len(text)

    assert use_colour(Sink()) is False  # type: ignore[arg-type]


def test_colour_shows_every_record_and_the_empty_message():
    out = io.StringIO()
    formatter = ColourFormatter(out, Lang.EN, width=80)
    empty = Section("e", COLUMNS[:1], [], empty="Nothing here.")
    formatter.emit(Report([SECTION, empty], heading=["Heading"]))
    text = re.sub("\x1b\\[[0-9;]*m", "", out.getvalue())
    assert text.splitlines()[0] == "Heading"
    assert "Phòng Nội vụ" in text and "Xã Vĩnh Hòa" in text
    assert text.rstrip().endswith("Nothing here.")


# -- one layout, with or without colour (issue 17, 20) ---------------------------------


def alerting_report() -> Report:
    columns = [
        Column("ref", "label.ref"),
        Column("name", "label.name", brief=lambda r: r["name"][:4], shrink=True),
        Column("count", "label.member-count", right=True, style="red", head="head.total"),
    ]
    records = [
        {"ref": "tb-1/1.1", "name": "[bold red]Phòng[/] \x1b[2J Nội vụ", "count": 12, "late": True},
        {"ref": "tb-1/2", "name": "Xã Vĩnh Hòa", "count": 3, "late": False},
    ]
    section = Section("rows", columns, records, alert=lambda r: r["late"], footer=["Ghi chú"])
    return Report([section], heading=["Tiêu đề"])


@pytest.mark.parametrize("width", [20, 40, 80, 160])
def test_the_terminal_writes_the_pipes_characters_with_colour_added(width):
    plain, colour = io.StringIO(), io.StringIO()
    PlainFormatter(plain, Lang.VI, width=width).emit(alerting_report())
    ColourFormatter(colour, Lang.VI, width=width).emit(alerting_report())
    assert re.sub("\x1b\\[[0-9;]*m", "", colour.getvalue()) == plain.getvalue()
    assert "\x1b[31m" in colour.getvalue()


def test_an_alerted_row_starts_with_a_mark_and_is_red_on_a_terminal():
    plain, colour = io.StringIO(), io.StringIO()
    PlainFormatter(plain, Lang.VI, width=100).emit(alerting_report())
    ColourFormatter(colour, Lang.VI, width=100).emit(alerting_report())
    rows = plain.getvalue().splitlines()  # heading, blank line, header, rows
    assert rows[3].startswith("!  tb-1/1.1") and rows[4].startswith("   tb-1/2")
    late = colour.getvalue().splitlines()[3]
    assert late.startswith("\x1b[1;31m!\x1b[0m") and "\x1b[31mtb-1/1.1\x1b[0m" in late


def test_markup_and_escapes_in_data_are_shown_as_written():
    out = io.StringIO()
    ColourFormatter(out, Lang.VI, width=160).emit(alerting_report())
    text = out.getvalue()
    assert "[bold red]Phòng[/] \\x1b[2J Nội vụ" in text
    assert "\x1b[2J" not in text


def test_a_narrow_table_explains_its_short_headers_once_per_report():
    report = alerting_report()
    report.tables.append(report.tables[0])
    out = io.StringIO()
    PlainFormatter(out, Lang.VI, width=20).emit(report)
    legends = [line for line in out.getvalue().splitlines() if line.startswith("Viết tắt")]
    assert legends == ["Viết tắt: Tổng: Số"]  # wrapped at 20 columns, said once


def test_fields_wrap_under_their_value_and_a_tab_is_a_space():
    columns = [Column("field", "label.name"), Column("value", "label.text")]
    records = [
        {"field": "Nội dung", "value": "một\thai " + "ba " * 10},
        {"field": "Mã", "value": "x"},
    ]
    out = io.StringIO()
    PlainFormatter(out, Lang.VI, width=24).emit(
        Report([Section("f", columns, records, fields=True)])
    )
    assert out.getvalue() == (
        "Nội dung:  một hai ba ba\n           ba ba ba ba\n           ba ba ba ba\nMã:        x\n"
    )
