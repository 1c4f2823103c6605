"""Notices 36 and 37 of the import corpus (written by the IMP helper from notices the
team had not tuned to), built as build.py builds the others:

    .venv/bin/python tests/import_corpus/imp_notices.py

36: a Kế hoạch from a Sở whose task table has a "Thời gian hoàn thành" column, group
rows merged across the table, a lead unit merged down over two rows, deadlines as a
column writes them. 37: a Công văn đôn đốc from the Văn phòng with Word bullets
("-" and "+") under unit lines, deadlines inside long sentences.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import body, numbered, numbering, page_numbers, start, two_columns  # noqa: E402

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________"]


def n36_merged_table(document) -> None:
    two_columns(
        document,
        ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH", "________", "Số: 96/KH-UBND"],
        [*MOTTO, "Vĩnh Linh, ngày 17 tháng 4 năm 2025"],
    )
    body(document, "KẾ HOẠCH", bold=True, center=True)
    body(document, "Thực hiện các nhiệm vụ trọng tâm quý II và quý III năm 2025",
         bold=True, center=True)  # fmt: skip
    body(document, "Căn cứ Thông báo số 88/TB-UBND ngày 10/4/2025 kết luận của Chủ tịch UBND"
         " huyện tại phiên họp thường kỳ tháng 4/2025, UBND huyện ban hành Kế hoạch với các"
         " nhiệm vụ cụ thể như sau:")  # fmt: skip
    rows = [
        ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp",
         "Thời gian hoàn thành"),
        ("A", "LĨNH VỰC KINH TẾ", "", "", ""),
        ("1", "Rà soát, điều chỉnh kế hoạch đầu tư công năm 2025", "Phòng Tài chính - Kế"
         " hoạch", "Các chủ đầu tư", "Trước 15/5/2025"),
        ("2", "Thẩm định báo cáo kinh tế - kỹ thuật các công trình khởi công mới", "",
         "Ban QLDA ĐTXD huyện", "Trong tháng 6/2025"),
        ("3", "Kiểm tra chất lượng công trình trường học trước mùa mưa", "Phòng Kinh tế và"
         " Hạ tầng", "Phòng GD&ĐT", "Tháng 8/2025"),
        ("4", "Đôn đốc thu nợ đọng tiền sử dụng đất", "UBND các xã, thị trấn",
         "Chi cục Thuế khu vực", "Đến 30/9/2025"),
        ("B", "LĨNH VỰC VĂN HÓA - XÃ HỘI", "", "", ""),
        ("5", "Tổ chức Lễ kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước",
         "Phòng Văn hóa và Thông tin", "Các đơn vị liên quan", "Trước ngày 30/4/2025"),
        ("6", "Tổ chức kỳ thi tuyển sinh lớp 10 năm học 2025-2026 an toàn",
         "Phòng Giáo dục và Đào tạo", "Công an huyện", "Tháng 6 năm 2025"),
        ("7", "Kiểm tra công tác phòng chống dịch bệnh mùa hè", "Phòng Y tế",
         "Trung tâm Y tế huyện", "Quý III năm 2025"),
        ("C", "LĨNH VỰC NỘI CHÍNH", "", "", ""),
        ("8", "Sơ kết 6 tháng công tác phòng, chống tham nhũng", "Thanh tra huyện", "",
         "Hạn chót 20/6/2025"),
        ("9", "Triển khai sắp xếp đơn vị hành chính cấp xã", "Phòng Nội vụ", "UBND các xã,"
         " thị trấn", "Theo lộ trình của tỉnh"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        if values[1].isupper():
            row.cells[0].text = values[0]
            row.cells[1].merge(row.cells[4]).text = values[1]
            continue
        for cell, value in zip(row.cells, values, strict=True):
            if value:
                cell.text = value
    # Item 2's lead unit is item 1's, the cell merged down as Word writes it.
    table.cell(2, 2).merge(table.cell(3, 2))
    body(document, "Giao Văn phòng HĐND và UBND huyện theo dõi, tổng hợp kết quả thực hiện,"
         " báo cáo UBND huyện trước ngày 05/10/2025.")  # fmt: skip
    two_columns(
        document,
        ["Nơi nhận:", "- Các phòng, ban, ngành;", "- UBND các xã, thị trấn;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Thái Văn Thành"],
    )
    page_numbers(document)


def n37_bullets_under_units(document) -> None:
    two_columns(
        document,
        ["UBND HUYỆN VĨNH LINH", "VĂN PHÒNG HĐND VÀ UBND", "________", "Số: 311/VP-TH",
         "V/v triển khai kết luận của Chủ tịch UBND huyện về phòng, chống thiên tai"],
        [*MOTTO, "Vĩnh Linh, ngày 09 tháng 9 năm 2024"],
    )  # fmt: skip
    body(document, "Kính gửi: Các cơ quan, đơn vị, địa phương có tên dưới đây.")
    body(document, "Tại cuộc họp Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn huyện"
         " chiều ngày 06/9/2024, sau khi nghe báo cáo tình hình thiệt hại do bão số 3 (ngày"
         " 07/9/2024 dự báo đổ bộ), Chủ tịch UBND huyện kết luận, chỉ đạo; Văn phòng HĐND và"
         " UBND huyện truyền đạt như sau:")  # fmt: skip
    dash = numbering(document, "bullet", "-")
    plus = numbering(document, "bullet", "+", indent=720)
    body(document, "1. UBND các xã, thị trấn ven biển (Vĩnh Thái, Kim Thạch,"
         " thị trấn Cửa Tùng):", bold=True)  # fmt: skip
    numbered(document, "Kêu gọi tàu thuyền vào nơi trú ẩn an toàn, hoàn thành trước 17 giờ"
             " ngày 06/9/2024.", dash)  # fmt: skip
    numbered(document, "Tổ chức sơ tán dân ở vùng nguy hiểm, báo cáo số hộ sơ tán về Ban Chỉ"
             " huy huyện trước 20 giờ cùng ngày.", dash)  # fmt: skip
    body(document, "2. Phòng Nông nghiệp và Phát triển nông thôn:", bold=True)
    numbered(document, "Thống kê thiệt hại sản xuất nông nghiệp:", dash)
    numbered(document, "Đối với lúa và hoa màu: tổng hợp báo cáo trong vòng 03 ngày sau khi"
             " bão tan.", plus)  # fmt: skip
    numbered(document, "Đối với nuôi trồng thủy sản: phối hợp với UBND các xã ven biển"
             " tổng hợp, báo cáo chậm nhất ngày 13/9/2024.", plus)  # fmt: skip
    numbered(document, "Tham mưu UBND huyện đề nghị UBND tỉnh hỗ trợ giống cây trồng, vật"
             " nuôi để khôi phục sản xuất, trình trước ngày 20/9/2024.", dash)  # fmt: skip
    body(document, "3. Phòng Kinh tế và Hạ tầng:", bold=True)
    numbered(document, "Kiểm tra các hồ đập, công trình đang thi công, có phương án bảo đảm"
             " an toàn trong suốt thời gian mưa bão.", dash)  # fmt: skip
    numbered(document, "Tổng hợp thiệt hại về nhà ở, trường học, công trình công cộng, báo"
             " cáo UBND huyện chậm nhất là 10 giờ ngày 10/9/2024.", dash)  # fmt: skip
    body(document, "4. Phòng Tài chính - Kế hoạch cân đối nguồn dự phòng ngân sách huyện năm"
         " 2024 để hỗ trợ khắc phục hậu quả, tham mưu trong tháng 9/2024.")  # fmt: skip
    body(
        document,
        "5. Phòng Giáo dục và Đào tạo chỉ đạo các trường cho học sinh nghỉ học"
        " ngày 07/9/2024, kiểm tra cơ sở vật chất trước khi học sinh đi học trở lại.",
    )
    two_columns(
        document,
        ["Nơi nhận:", "- Như trên;", "- CT, PCT UBND huyện (b/c);", "- Lưu: VT, TH."],
        ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", "Trần Minh Đức"],
    )


def main() -> None:
    for name, build in (
        ("36-ke-hoach-bang-gop-o-word", n36_merged_table),
        ("37-cong-van-gach-cong-word", n37_bullets_under_units),
    ):
        document = start()
        build(document)
        document.save(HERE / f"{name}.docx")


if __name__ == "__main__":
    main()
