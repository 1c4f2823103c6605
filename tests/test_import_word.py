"""Word notices (services/wordtext): tables read in document order, the header's and the
signature's columns one after the other, a table of tasks row by row."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from cchc_cli.services.importer import read, read_source
from cchc_cli.services.wordtext import document_text
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent


def two_columns(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def test_tables_are_read_where_they_stand_column_by_column():
    document = Document()
    left = ["UBND HUYỆN VĨNH LINH", "Số: 95/TB-UBND"]
    two_columns(
        document, left, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Vĩnh Linh, ngày 28/11/2023"]
    )
    document.add_paragraph("THÔNG BÁO")
    document.add_paragraph("1. Phòng Nội vụ rà soát.")
    two_columns(document, ["Nơi nhận:", "- Như trên;"], ["TL. CHỦ TỊCH", "Hoàng Thị Phụng"])
    assert document_text(document).splitlines() == [
        "UBND HUYỆN VĨNH LINH",
        "Số: 95/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Vĩnh Linh, ngày 28/11/2023",
        "THÔNG BÁO",
        "1. Phòng Nội vụ rà soát.",
        "Nơi nhận:",
        "- Như trên;",
        "TL. CHỦ TỊCH",
        "Hoàng Thị Phụng",
    ]


def task_table(rows: list[tuple[str, ...]], before: str | None = None) -> Document:
    document = Document()
    if before:
        document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return document


def test_a_table_of_tasks_is_read_row_by_row_saying_what_each_column_is():
    document = task_table(
        [
            ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"),
            ("1", "Rà soát thủ tục", "Phòng Nội vụ", "Phòng Tư pháp", "Trước 15/12/2023"),
            ("2", "Kiểm tra công vụ.", "Thanh tra huyện", "", "Quý I/2024"),
        ]
    )
    assert document_text(document).splitlines() == [
        "1. Rà soát thủ tục. Cơ quan chủ trì: Phòng Nội vụ. Cơ quan phối hợp: Phòng Tư pháp."
        " Thời hạn: Trước 15/12/2023.",
        "2. Kiểm tra công vụ. Cơ quan chủ trì: Thanh tra huyện. Thời hạn: Quý I/2024.",
    ]


def test_the_rows_of_a_table_of_tasks_are_tasks_with_their_units(tmp_path):
    document = task_table(
        [
            ("STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian hoàn thành"),
            ("1", "Rà soát thủ tục hành chính", "Phòng Nội vụ", "Trước ngày 15/12/2023"),
            ("2", "Tổ chức tập huấn chữ ký số", "Phòng Văn hóa và Thông tin", "Tháng 12/2023"),
        ],
        before="Vĩnh Linh, ngày 28 tháng 11 năm 2023",
    )
    path = tmp_path / "bang.docx"
    document.save(path)
    draft = read(read_source(str(path)), load(ROOT / "data").registry)
    found = [(t.id, t.assigned, str(t.deadline.last_day)) for t in draft.tasks]
    assert found == [("1", ["noi-vu"], "2023-12-14"), ("2", ["vh-tt"], "2023-12-31")]


def test_a_table_that_is_no_table_of_tasks_keeps_every_cell(tmp_path):
    document = task_table([("Họ và tên", "Chức vụ"), ("Nguyễn Văn An", "Trưởng phòng")])
    assert document_text(document).splitlines() == [
        "Họ và tên",
        "Nguyễn Văn An",
        "Chức vụ",
        "Trưởng phòng",
    ]


def test_a_unit_cell_merged_down_is_the_lead_of_every_row_it_spans():
    document = task_table(
        [
            ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"),
            ("1", "Rà soát thủ tục", "Phòng Nội vụ", "Tháng 12/2023"),
            ("2", "Kiểm tra công vụ", "", "Quý I/2024"),
            ("3", "Tập huấn chữ ký số", "Phòng Tư pháp", ""),
        ]
    )
    table = document.tables[0]
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(3, 2).merge(table.cell(3, 3))  # a cell spanning two columns
    assert document_text(document).splitlines() == [
        "1. Rà soát thủ tục. Đơn vị chủ trì: Phòng Nội vụ. Thời hạn: Tháng 12/2023.",
        "2. Kiểm tra công vụ. Đơn vị chủ trì: Phòng Nội vụ. Thời hạn: Quý I/2024.",
        "3. Tập huấn chữ ký số. Đơn vị chủ trì: Phòng Tư pháp.",
    ]


def test_a_cell_merged_down_outside_a_table_of_tasks_is_read_once():
    document = task_table([("Nơi nhận:", "TL. CHỦ TỊCH"), ("- Như trên;", "")])
    table = document.tables[0]
    table.cell(0, 1).merge(table.cell(1, 1))
    assert document_text(document).splitlines() == ["Nơi nhận:", "- Như trên;", "TL. CHỦ TỊCH"]


def bullets(document, marks: list[str]) -> str:
    """A bulleted list with a level per mark ("" a symbol font's glyph): its numId."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    root = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract_id = str(300 + len(root.findall(qn("w:abstractNum"))))
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for depth, mark in enumerate(marks):
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), str(depth))
        for tag, value in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", mark)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        abstract.append(level)
    root.insert(0, abstract)
    num_id = str(400 + len(root.findall(qn("w:num"))))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    root.append(num)
    return num_id


def bulleted(document, text: str, num_id: str, depth: int = 0) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph(text)
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(depth)), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().append(num_pr)


LEAD_IN = [
    "Thống kê thiệt hại sản xuất nông nghiệp:",
    "Đối với lúa và hoa màu: báo cáo chậm nhất ngày 12/9/2024.",
    "Đối với nuôi trồng thủy sản: báo cáo chậm nhất ngày 13/9/2024.",
]


def lead_in_notice(tmp_path: Path, add_items) -> list[tuple[str, str | None]]:
    document = Document()
    document.add_paragraph("Vĩnh Linh, ngày 09 tháng 9 năm 2024")
    document.add_paragraph("1. Phòng Nông nghiệp và Phát triển nông thôn:")
    add_items(document)
    document.add_paragraph("2. Phòng Tư pháp rà soát văn bản trước ngày 20/9/2024.")
    path = tmp_path / "cong-van.docx"
    document.save(path)
    draft = read(read_source(str(path)), load(ROOT / "data").registry)
    return [(t.text, str(t.deadline.last_day) if t.deadline else None) for t in draft.tasks]


def test_a_lead_in_over_plus_bullets_is_no_task_of_its_own(tmp_path):
    # Word's "-" and "+" lists: the "+" items sit under the "-" item ending in ":" (they
    # were all read as "-", and the lead-in became a task with no deadline).
    def typed(document) -> None:
        dash, plus = bullets(document, ["-"]), bullets(document, ["+"])
        bulleted(document, LEAD_IN[0], dash)
        for text in LEAD_IN[1:]:
            bulleted(document, text, plus)

    found = lead_in_notice(tmp_path, typed)
    assert [text for text, _ in found] == [
        *LEAD_IN[1:],
        "Phòng Tư pháp rà soát văn bản trước ngày 20/9/2024.",
    ]
    assert [day for _, day in found] == ["2024-09-12", "2024-09-13", "2024-09-19"]


def test_a_symbol_fonts_bullets_nest_by_their_level(tmp_path):
    # One list, two levels, both drawn with a Symbol font's glyph: the level tells.
    def glyphs(document) -> None:
        num_id = bullets(document, ["\uf0b7", "o"])
        bulleted(document, LEAD_IN[0], num_id, 0)
        for text in LEAD_IN[1:]:
            bulleted(document, text, num_id, 1)

    found = lead_in_notice(tmp_path, glyphs)
    assert [text for text, _ in found][:2] == LEAD_IN[1:]
    assert len(found) == 3
