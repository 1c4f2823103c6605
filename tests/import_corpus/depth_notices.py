"""Notices 23 and 24 of the import corpus (written by the depth helper), built as
build.py builds the others:

    .venv/bin/python tests/import_corpus/depth_notices.py

23: a Word table of tasks grouped under merged section rows, with a notes column,
two lead units in one cell, deadlines as a table writes them ("Tháng 9/2024",
"15/10/2024", "Trước 30/9", "Hằng tháng"). 24: a PDF printed by LibreOffice from a
Word file with automatic numbering (decimal parts, lettered items), lists of units
under one head, "báo cáo về".
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import body, numbered, numbering, page_numbers, start, to_pdf, two_columns  # noqa: E402

LEFT = ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH", "________"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________"]


def n23_grouped_table(document) -> None:
    two_columns(
        document, [*LEFT, "Số: 214/TB-UBND"], [*MOTTO, "Vĩnh Linh, ngày 28 tháng 8 năm 2024"]
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(document, "Kết luận của Chủ tịch UBND huyện tại Hội nghị giao ban công tác xây dựng"
         " nông thôn mới tháng 8 năm 2024", bold=True, center=True)  # fmt: skip
    body(document, "Ngày 26/8/2024, đồng chí Thái Văn Thành, Chủ tịch UBND huyện chủ trì Hội"
         " nghị giao ban. Chủ tịch UBND huyện giao nhiệm vụ cụ thể như sau:")  # fmt: skip
    rows = [
        ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Ghi chú"),
        ("I", "LĨNH VỰC KINH TẾ", "", "", "", ""),
        ("1", "Hoàn thiện hồ sơ đề nghị công nhận xã Vĩnh Lâm đạt chuẩn nông thôn mới nâng cao",
         "UBND xã Vĩnh Lâm", "Phòng NN&PTNT", "Tháng 9/2024", ""),
        ("2", "Thẩm định nguồn vốn đối ứng các công trình nông thôn mới",
         "Phòng TC-KH; Phòng KT&HT", "", "15/10/2024", "Báo cáo UBND huyện"),
        ("3", "Rà soát tiêu chí thu nhập, hộ nghèo của các xã đăng ký đạt chuẩn năm 2024",
         "phòng lao động - thương binh và xã hội", "UBND các xã", "Trước 30/9", ""),
        ("II", "LĨNH VỰC VĂN HÓA - XÃ HỘI", "", "", "", ""),
        ("4", "Cập nhật số liệu tiêu chí văn hóa vào hệ thống theo dõi", "Phòng Văn hóa và"
         " Thông tin", "", "Hằng tháng", ""),
        ("5", "Kiểm tra tiêu chí môi trường, an toàn thực phẩm tại xã Vĩnh Hòa",
         "Phòng Tài nguyên và Môi trường", "Phòng Y tế", "Trong quý IV/2024", ""),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        if values[1].isupper():
            merged = row.cells[1].merge(row.cells[5])
            row.cells[0].text = values[0]
            merged.text = values[1]
            continue
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    body(document, "Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết,"
         " thực hiện./.")  # fmt: skip
    two_columns(
        document,
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NN."],
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", "Lê Văn An"],
    )
    page_numbers(document)


def n24_numbered_pdf(document) -> None:
    two_columns(
        document, [*LEFT, "Số: 275/TB-UBND"], [*MOTTO, "Vĩnh Linh, ngày 14 tháng 10 năm 2024"]
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(document, "Ý kiến kết luận của Phó Chủ tịch UBND huyện Nguyễn Thị Mai tại buổi làm"
         " việc về công tác giáo dục và y tế", bold=True, center=True)  # fmt: skip
    body(document, "Ngày 11/10/2024, Phó Chủ tịch UBND huyện Nguyễn Thị Mai làm việc với các"
         " đơn vị. Sau khi nghe báo cáo, Phó Chủ tịch UBND huyện kết luận:")  # fmt: skip
    parts = numbering(document, "decimal", "%1.")
    items = numbering(document, "lowerLetter", "%1)", indent=720)
    numbered(document, "Về giáo dục", parts, bold=True)
    numbered(document, "Giao các phòng: Giáo dục và Đào tạo, Tài chính - Kế hoạch rà soát,"
             " đề xuất bổ sung biên chế giáo viên năm học 2024-2025, báo cáo về Phòng Nội vụ"
             " trước ngày 25/10/2024.", items)  # fmt: skip
    numbered(document, "Đề nghị UBND thị trấn Hồ Xá, UBND xã Vĩnh Long bố trí quỹ đất mở"
             " rộng Trường Mầm non, hoàn thành trong năm 2025.", items)  # fmt: skip
    numbered(document, "Về y tế", parts, bold=True)
    items2 = numbering(document, "lowerLetter", "%1)", indent=720)
    numbered(document, "Phòng Y tế phối hợp với Trung tâm Y tế huyện triển khai tiêm vắc xin"
             " sởi cho trẻ em trong vòng 15 ngày kể từ ngày ký.", items2)  # fmt: skip
    numbered(document, "Các xã, thị trấn tăng cường tuyên truyền phòng chống sốt xuất huyết"
             " trong mùa mưa bão.", items2)  # fmt: skip
    body(document, "Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết,"
         " thực hiện./.")  # fmt: skip
    two_columns(
        document,
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Hoàng Thị Phụng"],
    )
    page_numbers(document, "Thông báo số 275/TB-UBND")


def main() -> None:
    document = start()
    n23_grouped_table(document)
    document.save(HERE / "23-bang-co-nhom-word.docx")
    document = start()
    n24_numbered_pdf(document)
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "24-danh-so-tu-dong-pdf.docx"
        document.save(docx)
        to_pdf(docx, HERE / "24-danh-so-tu-dong-pdf.pdf")


if __name__ == "__main__":
    main()
