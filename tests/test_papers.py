"""Papers an office signs and sends: the report as a Word document and the follow-up
letter, both in the layout of Nghị định 30/2020/NĐ-CP, read back with python-docx;
the title block's settings in config.yaml and their errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
DOCUMENT = """\
office: Văn phòng HĐND và UBND huyện Vĩnh Linh
document:
  parent: UBND huyện Vĩnh Linh
  body: Văn phòng HĐND và UBND huyện
  symbol: VP
  drafter: TH
  place: Vĩnh Linh
  signer:
    on_behalf: KT. Chánh Văn phòng
    title: Phó Chánh Văn phòng
    name: Lê Văn An
  recipients:
    - Thường trực UBND huyện (b/c)
    - "Lưu: VT, TH"
"""


@pytest.fixture
def office(data_dir: Path) -> Path:
    """The bundled data with a title block in config.yaml."""
    config = data_dir / "config.yaml"
    config.write_text(config.read_text("utf-8") + DOCUMENT, "utf-8")
    return data_dir


def made(tmp_path: Path, *args: str, name: str = "out.docx", code: int = 0) -> docx.Document:
    path = tmp_path / name
    result = cchc(*args, "-o", str(path))
    assert result.exit_code == code, result.stderr
    return docx.Document(str(path))


def texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def rows(table, skip: int = 1) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[skip:]]


def report_docx(tmp_path: Path, *args: str) -> docx.Document:
    return made(tmp_path, "report", "-f", "docx", *args)


# -- the page ------------------------------------------------------------------------------


def test_a4_with_the_decree_s_margins_and_times_new_roman(office, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-11")
    section = document.sections[0]

    def mm(*lengths):  # Word stores twentieths of a point: a few EMU off
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210.0, 297.0)
    assert mm(section.top_margin, section.bottom_margin) == (20.0, 20.0)
    assert mm(section.left_margin, section.right_margin) == (30.0, 15.0)
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{k}") for k in ("eastAsia", "cs")} == {
        "Times New Roman"
    }


def test_pages_are_numbered_at_the_top_from_the_second_on(office, tmp_path):
    section = report_docx(tmp_path, "--period", "2023-11").sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    assert "PAGE" in header._p.xml and 'w:fldCharType="begin"' in header._p.xml


# -- the title block -------------------------------------------------------------------------


def test_the_title_block_comes_from_config_yaml(office, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-12", "--as-of", "2024-01-05")
    left, right = document.tables[0].rows[0].cells
    assert texts(left) == [
        "UBND HUYỆN VĨNH LINH",
        "VĂN PHÒNG HĐND VÀ UBND HUYỆN",
        "",
        "Số:        /BC-VP",
    ]
    parent, body = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert (parent.bold, body.bold, body.font.size) == (False, True, Pt(13))
    assert texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Vĩnh Linh, ngày 05 tháng 01 năm 2024",
    ]
    motto, date_line = right.paragraphs[0].runs[0], right.paragraphs[3].runs[0]
    assert (motto.bold, motto.font.size, date_line.italic) == (True, Pt(12), True)
    heading = [p.text for p in document.paragraphs[:3]]
    assert heading[:2] == [
        "BÁO CÁO",
        "Tình hình thực hiện nhiệm vụ theo thông báo kết luận tháng 12/2023",
    ]
    assert all(r.bold for p in document.paragraphs[:2] for r in p.runs)
    assert document.core_properties.author == "Văn phòng HĐND và UBND huyện"


def test_nơi_nhận_and_the_signature_block(office, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-11")
    left, right = document.tables[-1].rows[0].cells
    assert texts(left) == [
        "Nơi nhận:",
        "- Thường trực UBND huyện (b/c);",
        "- Lưu: VT, TH.",
    ]
    label = left.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    signed = [t for t in texts(right) if t]
    assert signed == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn An"]
    assert all(r.bold for p in right.paragraphs for r in p.runs)


def test_without_a_title_block_the_notices_issuer_heads_the_paper(data_dir, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-11")
    left, _ = document.tables[0].rows[0].cells
    assert texts(left) == ["UBND HUYỆN VĨNH LINH", "", "Số:        /BC"]
    closing, _ = document.tables[-1].rows[0].cells
    assert texts(closing) == ["Nơi nhận:", "- Lưu: VT."]


# -- the numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2023-11"),
        ("--period", "2023-Q4"),
        ("--period", "2023-12", "--unit", "xa-thi-tran"),
        ("--period", "2023-11-01..2023-11-25", "--order", "registry"),
    ],
)
def test_the_summary_table_has_the_report_s_own_numbers(office, tmp_path, args):
    report = json.loads(cchc("report", "-f", "json", *args).stdout)
    table = report_docx(tmp_path, *args).tables[1]
    keys = ("total", "done_on_time", "done_late", "done_no_deadline", "in_progress",
            "overdue", "ongoing", "cancelled")  # fmt: skip

    def expected(record: dict, number: str) -> list[str]:
        rates = [f"{record[k]:.1f}".replace(".", ",") if record[k] is not None else ""
                 for k in ("completion_rate", "overdue_rate")]  # fmt: skip
        return [number, record.get("name") or "Tổng cộng", *(str(record[k]) for k in keys), *rates]

    wanted = [expected(r, str(n)) for n, r in enumerate(report["units"], start=1)]
    wanted.append(expected(report["totals"], ""))
    assert rows(table, skip=2) == wanted


def test_the_summary_table_has_a_two_level_header_repeated_on_every_page(office, tmp_path):
    table = report_docx(tmp_path, "--period", "2023-11").tables[1]
    first, second = ([c.text for c in row.cells] for row in table.rows[:2])
    assert first[3:9] == ["Đã hoàn thành"] * 3 + ["Chưa hoàn thành"] * 3
    assert second[3:9] == ["Đúng hạn", "Quá hạn", "Không thời hạn", "Trong hạn", "Quá hạn",
                           "Thường xuyên"]  # fmt: skip
    assert first[0] == second[0] == "STT"  # merged down
    for row in table.rows[:2]:
        assert "<w:tblHeader" in row._tr.xml
    assert "<w:tblHeader" not in table.rows[2]._tr.xml
    assert '<w:tblLayout w:type="fixed"/>' in table._tbl.xml


def test_the_summary_in_words_matches_the_totals(office, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-11")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Tổng số 159 lượt nhiệm vụ" in body
    assert "đang thực hiện trong hạn 43; quá hạn chưa hoàn thành 51" in body
    assert "tỷ lệ quá hạn 54,3%" in body
    assert "tình hình thực hiện tháng 11/2023 (số liệu tính đến ngày 30/11/2023)" in body


def test_the_overdue_list_has_every_task_s_whole_text_and_marks_long_delays(office, tmp_path):
    args = ("--period", "2023-12", "--unit", "noi-vu")
    report = json.loads(cchc("report", "-f", "json", *args).stdout)
    table = report_docx(tmp_path, *args).tables[2]
    found = rows(table)
    assert len(found) == len(report["overdue"]) == 3
    for row, record in zip(found, report["overdue"], strict=True):
        assert row[2] == f"{record['ref']}: {record['text']}"
        assert row[4] == str(record["days_overdue"]) + (" (*)" if record["long"] else "")
    assert found[0][3] == "chậm nhất ngày 24/11/2023\n(hạn cuối 24/11/2023)"
    # One unit: its name once, over its three rows.
    assert found[0][1] == found[1][1] == "Phòng Nội vụ"
    assert [p.text for p in document_paragraphs(tmp_path)].count("(*) Quá hạn trên 30 ngày.") == 1


def document_paragraphs(tmp_path: Path) -> list:
    return docx.Document(str(tmp_path / "out.docx")).paragraphs


def test_the_quiet_list_says_none_where_there_was_no_report(office, tmp_path):
    table = report_docx(tmp_path, "--period", "2024-02", "--unit", "noi-vu").tables[3]
    found = rows(table)
    assert len(found) == 4
    assert all(r[3] == "22/11/2023" and r[4] == "chưa có" for r in found)


def test_a_report_in_english(office, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-Q4", "--lang", "en", "--as-of", "2024-01-05")
    _, right = document.tables[0].rows[0].cells
    assert texts(right)[:2] == [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Independence - Freedom - Happiness",
    ]
    assert texts(right)[3] == "Vĩnh Linh, 5 January 2024"
    assert document.paragraphs[1].text == "Progress on the tasks of the conclusion notices, Q4 2023"
    assert document.tables[1].rows[0].cells[3].text == "Done"


def test_docx_needs_an_output_file(office):
    result = cchc("report", "-f", "docx", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "cchc: error: --format docx needs --output FILE.docx\n",
    )


def test_a_report_on_data_with_errors_says_so_in_the_document(office, tmp_path):
    path = office / "notices" / NOTICE
    text = path.read_text("utf-8")
    path.write_text(text.replace("meeting_date: 2023-11-22", "meeting_date: 2023-11-31"), "utf-8")
    document = made(tmp_path, "report", "-f", "docx", "--period", "2023-11", code=1)
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"1 tệp không được tính (toàn bộ hoặc một phần): data/notices/{NOTICE}" in body


# -- hostile text ------------------------------------------------------------------------------


HOSTILE = "=cmd|' /C calc'!A0 \\e[2J \\u202eabc [/] \\x07 \\uFFFE " + "x" * 400 + " end"


@pytest.fixture
def hostile(office):
    (office / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        f"  - id: '1'\n    assignees: [noi-vu]\n    text: \"{HOSTILE}\"\n"
        "    deadline: trước ngày 10/11/2023\n",
        "utf-8",
    )
    return office


def test_hostile_text_is_shown_in_a_document_never_obeyed(hostile, tmp_path):
    document = report_docx(tmp_path, "--period", "2023-11", "--notice", "tb-x")
    (row,) = rows(document.tables[2])
    assert row[2].startswith("tb-x/1: =cmd|' /C calc'!A0 \\x1b[2J \\u202eabc [/] \\x07 \\ufffe xxx")
    letter = made(tmp_path, "letter", "--as-of", "2023-11-20", "--notice", "tb-x", name="l.docx")
    assert "\\x1b[2J" in rows(letter.tables[1])[0][2]


MARKDOWN_HOSTILE = (
    "PIPE | cell ** bold ** _em_ `code` [x](javascript:alert(1)) ![i](http://evil.example/p.png)"
    " <img src=x onerror=alert(1)> <script>alert(2)</script> &lt;b&gt; ~~gone~~ \\\\* end"
)


def test_the_markdown_letter_shows_markup_in_data_as_text(office):
    """A Markdown reader (markdown-it, as rich and most viewers use) must see no link, no
    picture, no HTML, no emphasis and no extra cell in what a task says."""
    from markdown_it import MarkdownIt

    (office / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        f"  - id: '1'\n    assignees: [noi-vu]\n    text: \"{MARKDOWN_HOSTILE}\"\n"
        "    deadline: trước ngày 10/11/2023\n",
        "utf-8",
    )
    result = cchc("letter", "-f", "md", "--as-of", "2023-11-20", "--notice", "tb-x")
    assert result.exit_code == 0, result.stderr
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(result.stdout)
    row = next(r for r in html.split("<tr>") if "PIPE" in r).split("</tr>")[0]
    assert row.count("<td") == 6
    for made_by_data in ("<a ", "<img", "<script", "<em>", "<code>", "<s>", "<del>"):
        assert made_by_data not in row, made_by_data
    assert "<strong>" not in row
    cell = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[2]
    import html as html_lib

    assert html_lib.unescape(cell).strip() == "tb-x/1: " + MARKDOWN_HOSTILE.replace("\\\\", "\\")


# -- the letter ---------------------------------------------------------------------------------


def letter(tmp_path: Path, *args: str, code: int = 0) -> docx.Document:
    return made(tmp_path, "letter", *args, name="letter.docx", code=code)


def test_the_letter_names_each_late_unit_its_tasks_and_the_day_to_report_by(office, tmp_path):
    document = letter(tmp_path, "--as-of", "2023-12-05", "--unit", "noi vu", "--unit", "Vĩnh Hà")
    left, right = document.tables[0].rows[0].cells
    assert texts(left)[3:] == [
        "Số:        /VP-TH",
        "V/v đôn đốc thực hiện nhiệm vụ theo thông báo kết luận",
    ]
    assert texts(right)[3] == "Vĩnh Linh, ngày 05 tháng 12 năm 2023"
    body = [p.text for p in document.paragraphs if p.text]
    assert body[:3] == ["Kính gửi:", "- Phòng Nội vụ;", "- Xã Vĩnh Hà."]
    assert body[3].startswith(
        "Theo dõi việc thực hiện các nhiệm vụ được giao tại Thông báo kết luận tháng 11/2023,"
        " đến ngày 05/12/2023 còn 4 lượt nhiệm vụ của 2 cơ quan, đơn vị"
    )
    found = rows(document.tables[1])
    assert [(r[0], r[1], r[2].split(":")[0], r[5]) for r in found] == [
        ("1", "Phòng Nội vụ", "cchc-2023-11/1.2", "11"),
        ("2", "Phòng Nội vụ", "cchc-2023-11/2.3", "11"),
        ("3", "Xã Vĩnh Hà", "cchc-2023-11/8.2", "12"),
        ("4", "Xã Vĩnh Hà", "cchc-2023-11/1.2", "11"),
    ]
    assert found[0][3] == "(chưa có số)\ntháng 11/2023"
    assert found[1][4] == "trước ngày 25/11/2023\n(hạn cuối 24/11/2023)"
    # Reply within a week unless --reply-by says.
    assert "gửi về Văn phòng HĐND và UBND huyện chậm nhất ngày 12/12/2023" in body[4]
    assert body[5] == "Đề nghị các cơ quan, đơn vị quan tâm thực hiện./."
    closing, _ = document.tables[-1].rows[0].cells
    assert texts(closing) == [
        "Nơi nhận:",
        "- Phòng Nội vụ;",
        "- Xã Vĩnh Hà;",
        "- Thường trực UBND huyện (b/c);",
        "- Lưu: VT, TH.",
    ]


def test_the_letter_s_reply_day_can_be_chosen_but_not_before_its_own(office, tmp_path):
    document = letter(tmp_path, "--as-of", "2023-12-05", "--unit", "noi-vu", "--reply-by", "08/12")
    assert any("chậm nhất ngày 08/12/2023" in p.text for p in document.paragraphs)
    result = cchc("letter", "--as-of", "2023-12-05", "--reply-by", "2023-12-01", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: error: --reply-by: the reply day 2023-12-01 is before the letter's day"
        " (2023-12-05)\n"
    )


def test_a_letter_to_many_units_points_at_its_table(office, tmp_path):
    document = letter(tmp_path, "--as-of", "2023-12-05")
    body = [p.text for p in document.paragraphs if p.text]
    assert body[0] == "Kính gửi: Các cơ quan, đơn vị có tên tại bảng dưới đây."
    report = json.loads(cchc("report", "-f", "json", "--as-of", "2023-12-05").stdout)
    assert len(rows(document.tables[1])) == report["totals"]["overdue"]
    closing, _ = document.tables[-1].rows[0].cells
    assert len(texts(closing)) == 1 + len(report["units"]) + 2


def test_a_numbered_notice_is_cited_and_an_extension_named(office, tmp_path):
    path = office / "notices" / NOTICE
    text = path.read_text("utf-8")
    text = text.replace('number: ""', 'number: "412/TB-UBND"').replace(
        "date: 2023-11 ", "date: 2023-11-28 "
    )
    path.write_text(text, "utf-8")
    extend = ("extend", "2.3", "--to", "2023-11-30", "--reason", "Chờ", "--as-of", "2023-11-29")
    assert cchc(*extend).exit_code == 0
    document = letter(tmp_path, "--as-of", "2023-12-05", "--unit", "noi-vu")
    left, _ = document.tables[0].rows[0].cells
    assert texts(left)[-1] == (
        "V/v đôn đốc thực hiện nhiệm vụ theo Thông báo số 412/TB-UBND ngày 28/11/2023"
    )
    found = rows(document.tables[1])
    assert found[0][3] == "412/TB-UBND\nngày 28/11/2023"
    extended = next(r for r in found if r[2].startswith("cchc-2023-11/2.3"))
    assert extended[4] == "trước ngày 25/11/2023\n(gia hạn đến 30/11/2023)"
    assert extended[5] == "5"
    body = [p.text for p in document.paragraphs if p.text]
    assert body[0] == "Kính gửi: Phòng Nội vụ."


def test_nobody_late_means_no_letter(office, tmp_path):
    path = tmp_path / "letter.docx"
    result = cchc("letter", "--as-of", "2023-11-20", "-o", str(path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert (
        result.stderr
        == "Không có đơn vị nào quá hạn ngày 20/11/2023: không lập công văn đôn đốc.\n"
    )
    assert not path.exists()


def test_the_letter_goes_to_standard_output_when_piped(office):
    result = cchc("letter", "--as-of", "2023-12-05", "--unit", "noi-vu")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


def test_an_unknown_unit_is_a_usage_error(office):
    result = cchc("letter", "--as-of", "2023-12-05", "--unit", "noi-vu", "--unit", "phòng ma")
    assert result.exit_code == 2
    assert "phòng ma" in result.stderr


def test_the_letter_in_markdown_for_a_quick_look(office, golden):
    result = cchc(
        "letter", "-f", "md", "--as-of", "2023-12-05", "--unit", "noi-vu", "--unit", "vinh-ha"
    )
    assert result.exit_code == 0, result.stderr
    golden("letter-noi-vu-vinh-ha.md", result.stdout)


def test_the_letter_in_english(office, tmp_path):
    document = letter(tmp_path, "--as-of", "2023-12-05", "--unit", "noi-vu", "--lang", "en")
    body = [p.text for p in document.paragraphs if p.text]
    assert body[0] == "To: Phòng Nội vụ."
    assert body[1].startswith(
        "Following the tasks assigned in the conclusion notice of 2023-11: as of 2023-12-05,"
        " 2 assignments of 1 unit are overdue and not done:"
    )
    assert rows(document.tables[1])[0][1] == "Phòng Nội vụ"


# -- config.yaml's document: ---------------------------------------------------------------------


def validate_lines(data_dir: Path, config: str) -> list[str]:
    (data_dir / "config.yaml").write_text(config, "utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    return [line for line in result.stderr.splitlines() + result.stdout.splitlines()
            if "config.yaml" in line]  # fmt: skip


def test_a_wrong_title_block_is_reported_where_it_is_written(data_dir):
    lines = validate_lines(
        data_dir,
        "document:\n"
        "  boddy: X\n"
        "  symbol: BC-VP\n"
        "  drafter: T H\n"
        '  place: "Vĩnh\\x1bLinh"\n'
        "  signer: {title: Chánh Văn phòng, nam: A}\n"
        "  recipients: {a: b}\n",
    )
    assert lines == [
        "data/config.yaml:2:3: error: unknown key 'boddy'; did you mean 'body'?",
        "data/config.yaml:3:11: error: symbol 'BC-VP': write only the body's abbreviation (VP);"
        " cchc adds BC- for a report",
        "data/config.yaml:4:12: error: symbol 'T H' takes letters and digits, parts joined by"
        " '-' (for example VP, UBND-VP)",
        "data/config.yaml:5:10: error: place must be one line of text without control characters",
        "data/config.yaml:6:36: error: unknown key 'nam'; did you mean 'name'?",
        "data/config.yaml:7:15: error: 'recipients' must be a list",
    ]


def test_a_signer_may_be_just_a_name(data_dir, tmp_path):
    (data_dir / "config.yaml").write_text("document:\n  signer: Hoàng Thị Phụng\n", "utf-8")
    assert cchc("validate").exit_code == 0
    _, right = report_docx(tmp_path, "--period", "2023-11").tables[-1].rows[0].cells
    assert [t for t in texts(right) if t] == ["Hoàng Thị Phụng"]


def test_the_init_template_s_title_block_works_once_uncommented(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cchc("init", "data").exit_code == 0
    (tmp_path / "data" / "units.yaml").write_text(
        (Path(__file__).parent.parent / "data" / "units.yaml").read_text("utf-8"), "utf-8"
    )
    config = tmp_path / "data" / "config.yaml"
    text = re.sub(r"^# ([a-z_]+:)", r"\1", config.read_text("utf-8"), flags=re.MULTILINE)
    text = re.sub(r"^#   ", "  ", text, flags=re.MULTILINE)
    config.write_text(text, "utf-8")
    assert cchc("validate").exit_code == 0
    left, _ = report_docx(tmp_path, "--period", "2023-11").tables[0].rows[0].cells
    assert texts(left)[-1] == "Số:        /BC-VP"


def test_a_character_xml_cannot_hold_never_breaks_a_paper(office, tmp_path):
    (office / "notices" / "x.yaml").write_text(
        'id: tb-x\ndate: 2023-11-01\nnumber: "12\\uFFFE\\e[31m/TB"\ntitle: T\ntasks:\n'
        "  - id: '1'\n    assignees: [noi-vu]\n    text: X\n    deadline: trước ngày 10/11/2023\n",
        "utf-8",
    )
    document = letter(tmp_path, "--as-of", "2023-11-20", "--notice", "tb-x")
    left, _ = document.tables[0].rows[0].cells
    assert texts(left)[-1] == (
        "V/v đôn đốc thực hiện nhiệm vụ theo Thông báo số 12\\ufffe\\x1b[31m/TB ngày 01/11/2023"
    )


# -- on a terminal -------------------------------------------------------------------------------


@pytest.mark.slow
def test_on_a_terminal_a_word_letter_needs_a_file_and_markdown_shows_escapes(office):
    from test_hostile import run_on_terminal

    code, shown = run_on_terminal(["letter", "--as-of", "2023-12-05"], office, 80)
    assert code == 2
    assert "cchc: lỗi: --format docx cần --output TỆP.docx" in shown
    (office / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n"
        '    text: "\\e]0;pwned\\a \\e[2J [/] [bold]x[/bold]"\n'
        "    deadline: trước ngày 10/11/2023\n",
        "utf-8",
    )
    code, shown = run_on_terminal(
        ["letter", "-f", "md", "--as-of", "2023-11-20", "--notice", "tb-x"], office, 80
    )
    assert code == 0
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;pwned\\x07 \\x1b[2J [/] [bold]x[/bold]" in shown
    code, shown = run_on_terminal(["report", "-f", "docx", "-o", "r.docx"], office, 80)
    assert (code, shown.strip()) == (0, "Đã ghi r.docx")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_is_named_in_the_message(office):
    result = cchc("report", "-f", "docx", "-o", "/dev/full", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("cchc: error: /dev/full: ")
