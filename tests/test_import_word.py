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
