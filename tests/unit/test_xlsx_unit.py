"""views/xlsx.py: a report as a workbook, read back with openpyxl: numbers are numbers,
percentages fractions, dates dates, and text never a formula."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import Column, Report, Section
from cchc_cli.views.xlsx import MAX_WIDTH, NUMBER_WIDTH, workbook_bytes

COLUMNS = [
    Column("unit", "label.unit"),
    Column("total", "label.member-count", right=True, kind="int"),
    Column("rate", "label.completion", right=True, kind="percent"),
    Column("last", "label.date", kind="date"),
    Column("hidden", "label.ref", table=False),
]
RECORDS = [
    {"unit": "Phòng Nội vụ", "total": 12, "rate": 58.3, "last": date(2023, 12, 9)},
    {"unit": '=HYPERLINK("http://x")', "total": 0, "rate": 0, "last": None},
]
SUMMARY = Section(
    "summary",
    COLUMNS,
    RECORDS,
    totals=[{"unit": "Tổng", "total": 12, "rate": 50.0}],
)


def workbook(tmp_path, report: Report, lang=Lang.VI, chart=None, title=None):
    path = tmp_path / "r.xlsx"
    path.write_bytes(workbook_bytes(report, lang, chart, title))
    return openpyxl.load_workbook(path)


def test_the_title_block_comes_first_then_bold_translated_headers(tmp_path):
    book = workbook(tmp_path, Report([SUMMARY], heading=["UBND HUYỆN VĨNH LINH", "Tháng 11"]))
    sheet = book.worksheets[0]
    assert sheet.title == "Tổng hợp"
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "UBND HUYỆN VĨNH LINH",
        "Tháng 11",
        None,
    ]
    header = [c.value for c in sheet[4]]
    assert header == ["Đơn vị", "Số đơn vị", "Hoàn thành (%)", "Ngày ban hành"]
    assert all(c.font.bold for c in sheet[4])
    assert sheet.freeze_panes == "A5"


def test_numbers_percentages_and_dates_keep_their_types(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY])).worksheets[0]
    unit, total, rate, last = sheet[2]
    assert (unit.value, total.value, rate.value) == ("Phòng Nội vụ", 12, pytest.approx(0.583))
    assert rate.number_format == "[$-42A]0.0%"  # Vietnamese: "58,3%" wherever it opens
    assert last.value.date() == date(2023, 12, 9)
    assert last.number_format == "DD/MM/YYYY"


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY])).worksheets[0]
    cell = sheet.cell(row=3, column=1)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_zero_is_written_and_a_missing_value_left_empty(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY])).worksheets[0]
    assert [c.value for c in sheet[3]][1:] == [0, 0, None]


def test_totals_follow_in_bold(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY])).worksheets[0]
    totals = sheet[4]
    assert [c.value for c in totals][:3] == ["Tổng", 12, 0.5]
    assert all(c.font.bold for c in totals)


def test_columns_are_as_wide_as_their_text_within_limits(tmp_path):
    long = Section(
        "x",
        [Column("unit", "label.unit"), COLUMNS[1]],
        [{"unit": "Phòng " * 30, "total": 123456789012345}],
    )
    sheet = workbook(tmp_path, Report([long])).worksheets[0]
    assert sheet.column_dimensions["A"].width == MAX_WIDTH
    assert sheet.column_dimensions["B"].width == NUMBER_WIDTH


def test_every_table_gets_its_own_sheet_named_from_the_catalog_or_its_title(tmp_path):
    overdue = Section("overdue", COLUMNS[:1], [], empty="Không có nhiệm vụ quá hạn.")
    other = Section("other", COLUMNS[:1], [{"unit": "a"}], title="Kết quả 11/2023 " + "x" * 40)
    book = workbook(tmp_path, Report([SUMMARY, overdue, other]))
    assert [s.title for s in book.worksheets] == [
        "Tổng hợp",
        "Quá hạn",
        ("Kết quả 11/2023 " + "x" * 40)[:31].replace("/", "-"),
    ]
    assert book.worksheets[1].cell(row=2, column=1).value == "Không có nhiệm vụ quá hạn."


def test_the_sheet_names_follow_the_language(tmp_path):
    book = workbook(tmp_path, Report([SUMMARY]), Lang.EN)
    assert book.worksheets[0].title == "Summary"
    assert next(c.value for c in book.worksheets[0][1]) == "Unit"


def test_the_chart_sheet_comes_third_with_each_units_rate(tmp_path):
    overdue = Section("overdue", COLUMNS[:1], [])
    book = workbook(
        tmp_path, Report([SUMMARY, overdue]), chart=("Tỷ lệ hoàn thành", "unit", "rate")
    )
    assert [s.title for s in book.worksheets] == ["Tổng hợp", "Quá hạn", "Biểu đồ"]
    chart = book.worksheets[2]
    rows = [tuple(c.value for c in row)[:2] for row in chart.iter_rows()]
    assert rows == [
        ("Tỷ lệ hoàn thành", None),
        ("Đơn vị", "Hoàn thành (%)"),
        ("Phòng Nội vụ", pytest.approx(0.583)),
        ('=HYPERLINK("http://x")', 0),
    ]


def test_the_chart_draws_its_bars_in_the_table_s_order_with_visible_axes(tmp_path):
    book = workbook(tmp_path, Report([SUMMARY]), chart=("t", "unit", "rate"))
    (bars,) = book["Biểu đồ"]._charts
    # A bar chart draws its first category at the bottom unless the axis is reversed.
    assert bars.x_axis.scaling.orientation == "maxMin"
    assert bars.y_axis.crosses == "max"
    assert (bars.x_axis.delete, bars.y_axis.delete) == (False, False)
    assert bars.dataLabels.showVal and not bars.dataLabels.showSerName


def test_no_chart_without_records(tmp_path):
    empty = Section("summary", COLUMNS, [])
    book = workbook(tmp_path, Report([empty]), chart=("t", "unit", "rate"))
    assert [s.title for s in book.worksheets] == ["Tổng hợp"]


def test_every_sheet_prints_landscape_one_page_wide(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY])).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


def test_a_unit_name_on_the_chart_sheet_is_text_never_a_formula(tmp_path):
    book = workbook(tmp_path, Report([SUMMARY]), chart=("t", "unit", "rate"))
    chart = book["Biểu đồ"]
    assert chart.cell(row=4, column=1).value == '=HYPERLINK("http://x")'
    assert chart.cell(row=4, column=1).data_type == "s"


HEADING = ["VĂN PHÒNG HĐND VÀ UBND HUYỆN", "BÁO CÁO", "kỳ báo cáo tháng 11/2023"]


def test_every_sheet_carries_the_title_block_and_its_table_s_title(tmp_path):
    overdue = Section("overdue", COLUMNS[:1], [], title="Quá hạn chưa hoàn thành")
    report = Report([SUMMARY, overdue], heading=HEADING)
    book = workbook(tmp_path, report, chart=("Tỷ lệ", "unit", "rate"), title="BÁO CÁO")
    for sheet in book.worksheets:
        assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == HEADING
    assert book["Quá hạn"]["A5"].value == "Quá hạn chưa hoàn thành"
    assert book["Biểu đồ"]["A5"].value == "Tỷ lệ"


def test_the_title_is_the_largest_line_and_the_office_above_it_bold(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY], heading=HEADING), title="BÁO CÁO").worksheets[0]
    office, title, period = (sheet.cell(row=r, column=1).font for r in (1, 2, 3))
    assert (title.sz, title.b) == (14, True)
    assert (office.sz, office.b) == (12, True)
    assert (period.sz, period.b, period.i) == (12, False, True)
    # Across the table: a title as wide as the sheet, not cut at the first column.
    assert "A1:D1" in {str(r) for r in sheet.merged_cells.ranges}


def test_every_cell_names_its_font(tmp_path):
    book = workbook(tmp_path, Report([SUMMARY], heading=HEADING), chart=("t", "unit", "rate"))
    fonts = {c.font.name for s in book.worksheets for row in s.iter_rows() for c in row if c.value}
    assert fonts == {"Times New Roman"}


def test_the_header_row_repeats_on_every_printed_page_and_pages_are_numbered(tmp_path):
    sheet = workbook(tmp_path, Report([SUMMARY], heading=HEADING)).worksheets[0]
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.freeze_panes == "A6"
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert sheet.page_setup.paperSize == 9  # A4


def test_a_long_header_wraps_in_a_row_tall_enough_to_show_it(tmp_path):
    ongoing = Column("ongoing", "status.ongoing", right=True, kind="int")  # 29 characters
    section = Section("summary", [COLUMNS[0], ongoing], [{"unit": "X", "ongoing": 2}])
    sheet = workbook(tmp_path, Report([section])).worksheets[0]
    assert sheet["B1"].value == "Thường xuyên / không thời hạn"
    assert sheet["B1"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width <= NUMBER_WIDTH
    # Three lines at most in a number column, and the row holds them all.
    assert sheet.row_dimensions[1].height >= 3 * 15


def test_long_text_is_whole_wrapped_and_its_row_tall_enough(tmp_path):
    text = "Thực hiện báo cáo kết quả nâng cao các chỉ số PAR INDEX, SIPAS, PAPI " * 4
    section = Section("summary", [Column("text", "label.text")], [{"text": text}])
    sheet = workbook(tmp_path, Report([section])).worksheets[0]
    cell = sheet["A2"]
    assert cell.value == text and cell.alignment.wrap_text
    assert sheet.column_dimensions["A"].width == MAX_WIDTH
    assert sheet.row_dimensions[2].height >= 4 * 15


def test_control_characters_and_bidi_overrides_are_shown_not_stored(tmp_path):
    hostile = Section(
        "summary", [Column("text", "label.text")], [{"text": "a\x1b[2Jb\u202ec\ufffe"}]
    )
    sheet = workbook(tmp_path, Report([hostile], heading=["x\x07y"])).worksheets[0]
    assert sheet["A1"].value == "x\\x07y"
    assert sheet["A4"].value == "a\\x1b[2Jb\\u202ec\\ufffe"
