"""The Word and PDF notices of the import corpus, as build.py lays them out."""

from __future__ import annotations

from build import body, numbered, numbering, page_numbers, two_columns

HEADER_LEFT = ["UBND HUYỆN VĨNH LINH", "________"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________"]


def n03_roman_letters(document) -> None:
    """Roman parts by Word's numbering, lettered items by Word's numbering, the header
    and the signature in tables."""
    two_columns(
        document,
        ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH", "________", "Số: 148/TB-UBND"],
        [*MOTTO, "Vĩnh Linh, ngày 15 tháng 01 năm 2024"],
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Chủ tịch UBND huyện tại Hội nghị triển khai nhiệm vụ phát triển nông"
        " nghiệp, nông thôn và xây dựng nông thôn mới năm 2024",
        bold=True,
        center=True,
    )
    body(
        document,
        "Ngày 12/01/2024, UBND huyện Vĩnh Linh tổ chức Hội nghị triển khai nhiệm vụ phát"
        " triển nông nghiệp, nông thôn và xây dựng nông thôn mới năm 2024 dưới sự chủ trì của"
        " đồng chí Thái Văn Thành - Chủ tịch UBND huyện. Tham dự Hội nghị có lãnh đạo các"
        " phòng, ban chuyên môn, Chủ tịch UBND các xã, thị trấn. Sau khi nghe báo cáo và ý kiến"
        " thảo luận, Chủ tịch UBND huyện kết luận như sau:",
    )
    roman = numbering(document, "upperRoman", "%1.")
    letters = numbering(document, "lowerLetter", "%1)", indent=720)
    numbered(document, "KẾT QUẢ THỰC HIỆN NĂM 2023", roman, bold=True)
    body(
        document,
        "Năm 2023, giá trị sản xuất nông, lâm, thủy sản ước đạt 2.150 tỷ đồng, tăng 4,2% so với"
        " năm 2022; có thêm 02 xã đạt chuẩn nông thôn mới nâng cao. Tuy nhiên, việc tích tụ"
        " ruộng đất còn chậm, một số xã chưa hoàn thành các tiêu chí về môi trường.",
    )
    numbered(document, "NHIỆM VỤ TRONG THỜI GIAN TỚI", roman, bold=True)
    for text in (
        "Phòng Nông nghiệp và PTNT chủ trì, phối hợp với UBND các xã, thị trấn rà soát, xây"
        " dựng kế hoạch chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả, trình UBND"
        " huyện trước ngày 31/3/2024.",
        "Giao Phòng Tài nguyên và Môi trường hướng dẫn các xã hoàn thiện hồ sơ thu hồi đất, giao"
        " đất cho các hộ dân vùng dự án cánh đồng lớn trong quý I/2024.",
        "UBND các xã: Vĩnh Hà, Vĩnh Ô, Vĩnh Khê tập trung hoàn thiện các tiêu chí còn thiếu để"
        " đề nghị xét công nhận xã đạt chuẩn nông thôn mới, gửi hồ sơ về Phòng Nông nghiệp và"
        " PTNT chậm nhất ngày 15/02/2024.",
        "Đề nghị Phòng Kinh tế và Hạ tầng phối hợp với Ban Quản lý dự án đầu tư xây dựng huyện"
        " đẩy nhanh tiến độ các công trình giao thông nông thôn, hoàn thành trong 6 tháng đầu"
        " năm 2024.",
        "Phòng Tài chính - Kế hoạch tham mưu bố trí vốn đối ứng thực hiện Chỉ thị số"
        " 05/CT-UBND ngày 15 tháng 3 năm 2023 của UBND tỉnh về xây dựng nông thôn mới; hoàn"
        " thành trong tháng 02/2024.",
        "Trung tâm Dịch vụ nông nghiệp huyện xây dựng mô hình trình diễn giống lúa chất lượng"
        " cao tại xã Vĩnh Lâm, tổng kết, đánh giá hiệu quả trong năm 2024.",
    ):
        numbered(document, text, letters)
    numbered(document, "TỔ CHỨC THỰC HIỆN", roman, bold=True)
    body(
        document,
        "Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc các đơn vị triển khai thực hiện,"
        " định kỳ hằng quý báo cáo Chủ tịch UBND huyện kết quả thực hiện.",
    )
    body(
        document,
        "Trên đây là kết luận của Chủ tịch UBND huyện tại Hội nghị, Văn phòng HĐND và UBND"
        " huyện thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.",
    )
    two_columns(
        document,
        ["Nơi nhận:", "- TT Huyện ủy, TT HĐND huyện;", "- CT, các PCT UBND huyện;",
         "- Các phòng, ban liên quan;", "- UBND các xã, thị trấn;", "- Lưu: VT, NN."],
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "", "Hoàng Thị Phụng"],
    )  # fmt: skip


def n08_bullets(document) -> None:
    """Bullets from Word's own list styles and "•" typed; the issuer on two lines; units
    that open their item ("Phòng Tư pháp: ...")."""
    for line in ("ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH"):
        body(document, line, bold=True)
    body(document, "Số: 27/TB-UBND")
    body(document, "Vĩnh Linh, ngày 06 tháng 3 năm 2024")
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Phó Chủ tịch UBND huyện Lê Văn Hùng tại buổi làm việc về công tác tư"
        " pháp, hộ tịch và phổ biến, giáo dục pháp luật",
        bold=True,
        center=True,
    )
    body(
        document,
        "Chiều ngày 04/3/2024, đồng chí Lê Văn Hùng, Phó Chủ tịch UBND huyện chủ trì buổi làm"
        " việc với Phòng Tư pháp và công chức Tư pháp - Hộ tịch các xã, thị trấn. Sau khi nghe"
        " báo cáo, Phó Chủ tịch UBND huyện có ý kiến kết luận như sau:",
    )
    body(document, "1. Đánh giá chung", bold=True)
    body(
        document,
        "Năm 2023, công tác đăng ký hộ tịch được thực hiện đúng quy định, 100% hồ sơ được giải"
        " quyết đúng hạn. Công tác phổ biến, giáo dục pháp luật có nhiều đổi mới. Tuy vậy, việc"
        " số hóa sổ hộ tịch còn chậm, mới đạt 62%.",
    )
    body(document, "2. Nhiệm vụ thời gian tới", bold=True)
    for text in (
        "Phòng Tư pháp: chủ trì tham mưu UBND huyện ban hành Kế hoạch phổ biến, giáo dục pháp"
        " luật năm 2024, trình trước ngày 20/3/2024.",
        "Phòng Tư pháp: phối hợp với Phòng Văn hóa và Thông tin hướng dẫn các xã, thị trấn số"
        " hóa dữ liệu hộ tịch, hoàn thành chậm nhất ngày 30/6/2024.",
        "Phòng Nội vụ: tham mưu bố trí đủ công chức Tư pháp - Hộ tịch cho các xã Kim Thạch,"
        " Trung Nam trong quý II/2024.",
    ):
        document.add_paragraph(text, style="List Bullet")
    for text in (
        "• UBND các xã, thị trấn: thường xuyên kiểm tra, rà soát sổ hộ tịch, kịp thời cải"
        " chính sai sót.",
        "• Xã Vĩnh Giang, xã Hiền Thành: khắc phục ngay các tồn tại qua kiểm tra, báo cáo kết"
        " quả về Phòng Tư pháp trước ngày 25/3/2024.",
    ):
        body(document, text)
    body(
        document,
        "Văn phòng HĐND và UBND huyện thông báo để các đơn vị liên quan biết, thực hiện./.",
    )
    body(document, "Nơi nhận:")
    for line in ("- Như trên;", "- PCT Lê Văn Hùng;", "- Lưu: VT."):
        body(document, line)
    for line in ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Thị Lan"):
        body(document, line, center=True)


def n10_task_table(document) -> None:
    """The tasks as a table (STT, content, lead unit, partners, deadline), as an appendix."""
    two_columns(
        document,
        [*HEADER_LEFT, "Số: 56/TB-UBND"],
        [*MOTTO, "Vĩnh Linh, ngày 22 tháng 4 năm 2024"],
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Chủ tịch UBND huyện tại phiên họp UBND huyện thường kỳ tháng 4 năm 2024",
        bold=True,
        center=True,
    )
    body(
        document,
        "Ngày 19/4/2024, UBND huyện tổ chức phiên họp thường kỳ tháng 4 năm 2024. Đồng chí"
        " Thái Văn Thành - Chủ tịch UBND huyện chủ trì phiên họp. Sau khi nghe các báo cáo,"
        " Chủ tịch UBND huyện kết luận, giao nhiệm vụ cho các đơn vị theo bảng dưới đây:",
    )
    rows = [
        ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
        ("1", "Tổng hợp, đánh giá tình hình kinh tế - xã hội quý I, xây dựng báo cáo 6 tháng"
         " đầu năm 2024", "Phòng Tài chính - Kế hoạch", "Các phòng, ban, đơn vị",
         "Trước ngày 10/6/2024"),
        ("2", "Tổ chức kiểm tra công tác cải cách hành chính tại các xã, thị trấn",
         "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Trong tháng 5/2024"),
        ("3", "Xây dựng phương án phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024",
         "Phòng Nông nghiệp và PTNT", "UBND các xã, thị trấn", "Chậm nhất ngày 15/5/2024"),
        ("4", "Rà soát, cập nhật hộ nghèo, hộ cận nghèo phát sinh", "Phòng Lao động - Thương"
         " binh và Xã hội", "UBND các xã, thị trấn", "Quý II/2024"),
        ("5", "Kiểm tra an toàn thực phẩm tại các trường mầm non", "Phòng Y tế",
         "Phòng Giáo dục và Đào tạo", "Thường xuyên"),
        ("6", "Hoàn thành kết luận thanh tra việc quản lý đất công ích tại xã Vĩnh Chấp",
         "Thanh tra huyện", "", "Trước ngày 30/5/2024"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    body(
        document,
        "Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc việc thực hiện; tổng hợp báo cáo"
        " tại phiên họp UBND huyện tháng 6/2024.",
    )
    body(document, "Trên đây là kết luận của Chủ tịch UBND huyện, thông báo đến các đơn vị"
         " để thực hiện./.")  # fmt: skip
    two_columns(
        document,
        ["Nơi nhận:", "- Các thành viên UBND huyện;", "- Các phòng, ban;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Thái Văn Thành"],
    )


def n04_printed_pdf(document) -> None:
    """A three-page notice printed to PDF: running head and page numbers, justified text
    wrapped by the printer, dashes with "+" items under lead-ins ending with ":"."""
    page_numbers(document, "Thông báo số 201/TB-UBND ngày 10/11/2023 của UBND huyện Vĩnh Linh")
    two_columns(
        document,
        [*HEADER_LEFT, "Số: 201/TB-UBND"],
        [*MOTTO, "Vĩnh Linh, ngày 10 tháng 11 năm 2023"],
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Chủ tịch UBND huyện tại buổi làm việc về công tác phòng, chống thiên"
        " tai mùa mưa bão năm 2023",
        bold=True,
        center=True,
    )
    body(
        document,
        "Ngày 08/11/2023, đồng chí Thái Văn Thành - Chủ tịch UBND huyện, Trưởng Ban Chỉ huy"
        " Phòng, chống thiên tai và Tìm kiếm cứu nạn huyện chủ trì buổi làm việc về công tác"
        " ứng phó với mưa lũ. Tham dự có các thành viên Ban Chỉ huy, lãnh đạo các phòng, ban"
        " và Chủ tịch UBND các xã, thị trấn ven biển. Sau khi nghe Phòng Nông nghiệp và Phát"
        " triển nông thôn báo cáo tình hình, ý kiến của các thành viên, Chủ tịch UBND huyện"
        " kết luận như sau:",
    )
    body(document, "1. Tình hình thiệt hại và công tác khắc phục", bold=True)
    body(
        document,
        "Đợt mưa lớn từ ngày 30/10 đến 02/11/2023 đã làm ngập 1.240 ngôi nhà, sạt lở 3,2 km bờ"
        " sông Bến Hải, hư hỏng nhiều tuyến đường giao thông nông thôn; tổng thiệt hại ước tính"
        " 46,5 tỷ đồng. Các địa phương đã chủ động sơ tán 312 hộ dân đến nơi an toàn, không để"
        " xảy ra thiệt hại về người. Tuy nhiên, công tác thông tin, cảnh báo ở một số nơi còn"
        " chậm; phương án bảo vệ các công trình đang thi công chưa được chuẩn bị chu đáo.",
    )
    body(document, "2. Nhiệm vụ trong thời gian tới", bold=True)
    for text in (
        "- Phòng Nông nghiệp và Phát triển nông thôn (Cơ quan thường trực Ban Chỉ huy):",
        "+ Chủ trì, phối hợp với UBND các xã, thị trấn tổng hợp đầy đủ thiệt hại, đề xuất UBND"
        " huyện phương án hỗ trợ khôi phục sản xuất trước ngày 20/11/2023.",
        "+ Tham mưu UBND huyện báo cáo UBND tỉnh, Ban Chỉ huy Phòng, chống thiên tai tỉnh kết"
        " quả khắc phục hậu quả mưa lũ, chậm nhất trong ngày 25/11/2023.",
        "- Phòng Kinh tế và Hạ tầng khẩn trương kiểm tra, đánh giá mức độ an toàn các cầu,"
        " cống, tuyến đường bị hư hỏng; cắm biển cảnh báo tại các điểm nguy hiểm, hoàn thành"
        " trước ngày 15/11/2023.",
        "- Phòng Tài chính - Kế hoạch cân đối nguồn dự phòng ngân sách huyện, tham mưu hỗ trợ"
        " kinh phí khắc phục hậu quả thiên tai cho các xã bị thiệt hại nặng trong tháng 11/2023.",
        "- Giao Phòng Giáo dục và Đào tạo chỉ đạo các trường học bị ngập vệ sinh trường lớp,"
        " bảo đảm điều kiện dạy và học, báo cáo kết quả về Phòng Nông nghiệp và Phát triển nông"
        " thôn trước ngày 18/11/2023.",
        "- Đối với UBND các xã, thị trấn:",
        "+ Tiếp tục rà soát các hộ dân sống ở vùng có nguy cơ sạt lở, lũ quét, xây dựng phương"
        " án di dời khi có mưa lớn; thực hiện thường xuyên trong mùa mưa bão.",
        "+ Riêng các xã Vĩnh Thái, Vĩnh Giang và thị trấn Cửa Tùng xây dựng phương án bảo vệ"
        " bờ biển, hoàn thành trước ngày 30/11/2023.",
        "- Ban Quản lý dự án đầu tư xây dựng huyện yêu cầu các nhà thầu có phương án bảo đảm"
        " an toàn công trình, vật tư, thiết bị khi có mưa lũ.",
        "- Phòng Văn hóa và Thông tin phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thông"
        " huyện tăng cường thông tin, tuyên truyền kỹ năng phòng, tránh thiên tai trên hệ"
        " thống truyền thanh cơ sở.",
    ):
        body(document, text)
    body(
        document,
        "Trên đây là kết luận của Chủ tịch UBND huyện, Văn phòng HĐND và UBND huyện thông báo"
        " đến các cơ quan, đơn vị, địa phương biết, thực hiện./.",
    )
    two_columns(
        document,
        ["Nơi nhận:", "- Ban Chỉ huy PCTT&TKCN tỉnh;", "- TT Huyện ủy, TT HĐND huyện;",
         "- Các thành viên BCH PCTT&TKCN huyện;", "- UBND các xã, thị trấn;", "- Lưu: VT."],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Lê Văn Hùng"],
    )  # fmt: skip


def n11_two_columns_pdf(document) -> None:
    """A short notice printed to PDF whose header and signature are two columns side by
    side; numbered sections typed by hand, lettered items and plain paragraphs."""
    two_columns(
        document,
        ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH", "Số: 73/TB-UBND"],
        [*MOTTO[:2], "Vĩnh Linh, ngày 14 tháng 5 năm 2024"],
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Chủ tịch UBND huyện tại buổi kiểm tra công tác bảo đảm trật tự an toàn"
        " giao thông và trật tự đô thị tại thị trấn Hồ Xá",
        bold=True,
        center=True,
    )
    body(
        document,
        "Ngày 10/5/2024, đồng chí Thái Văn Thành - Chủ tịch UBND huyện dẫn đoàn kiểm tra công"
        " tác bảo đảm trật tự an toàn giao thông, trật tự đô thị trên địa bàn thị trấn Hồ Xá."
        " Sau khi kiểm tra thực tế và nghe báo cáo, Chủ tịch UBND huyện kết luận:",
    )
    body(
        document,
        "Thời gian qua, UBND thị trấn Hồ Xá đã có nhiều cố gắng trong việc lập lại trật tự"
        " lòng đường, vỉa hè; tuy nhiên tình trạng lấn chiếm hành lang an toàn giao thông, xây"
        " dựng không phép vẫn còn xảy ra, việc xử lý vi phạm chưa kiên quyết.",
    )
    body(document, "1. UBND thị trấn Hồ Xá", bold=True)
    body(
        document,
        "a) Ra quân lập lại trật tự vỉa hè trên các tuyến đường Hùng Vương, Lê Duẩn, Trần Hưng"
        " Đạo; xử lý nghiêm các trường hợp tái lấn chiếm, hoàn thành trước ngày 31/5/2024.",
    )
    body(
        document,
        "b) Rà soát, lập hồ sơ xử lý các công trình xây dựng không phép, sai phép trên địa"
        " bàn; báo cáo kết quả về UBND huyện (qua Phòng Kinh tế và Hạ tầng) chậm nhất ngày"
        " 15/6/2024.",
    )
    body(document, "2. Phòng Kinh tế và Hạ tầng", bold=True)
    body(
        document,
        "Chủ trì, phối hợp với Phòng Tài nguyên và Môi trường, UBND thị trấn Hồ Xá tham mưu"
        " UBND huyện ban hành Quy chế quản lý trật tự đô thị thị trấn Hồ Xá trong quý III/2024.",
    )
    body(document, "3. Phòng Tài chính - Kế hoạch", bold=True)
    body(
        document,
        "Tham mưu bố trí kinh phí lắp đặt hệ thống đèn tín hiệu giao thông tại ngã tư Hùng"
        " Vương - Lê Duẩn trong kế hoạch vốn năm 2024.",
    )
    body(
        document,
        "Văn phòng HĐND và UBND huyện thông báo để các đơn vị liên quan biết, thực hiện./.",
    )
    two_columns(
        document,
        ["Nơi nhận:", "- UBND thị trấn Hồ Xá;", "- Các phòng: KT&HT, TC-KH, TN&MT;",
         "- Lưu: VT."],
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Hoàng Thị Phụng"],
    )  # fmt: skip


def n46_stage_table(document) -> None:
    """A plan's table of tasks whose deadline cells give a day for each stage, a lead
    cell naming a group narrowed in brackets, a time of day and a body the registry
    does not know; the header and the signature in tables."""
    two_columns(
        document,
        [*HEADER_LEFT, "Số: 118/TB-UBND"],
        [*MOTTO, "Vĩnh Linh, ngày 03 tháng 6 năm 2024"],
    )
    body(document, "THÔNG BÁO", bold=True, center=True)
    body(
        document,
        "Kết luận của Chủ tịch UBND huyện tại Hội nghị sơ kết 5 năm thực hiện phong trào"
        " \u201cToàn dân đoàn kết xây dựng đời sống văn hóa\u201d",
        bold=True,
        center=True,
    )
    body(
        document,
        "Ngày 31/5/2024, UBND huyện tổ chức Hội nghị sơ kết. Sau khi nghe báo cáo và tham"
        " luận, Chủ tịch UBND huyện kết luận, giao nhiệm vụ cụ thể như sau:",
    )
    rows = [
        ("TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"),
        ("1", "Theo dõi, tổng hợp kết quả thực hiện phong trào năm 2024",
         "Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn",
         "Sơ kết: trước ngày 15/6/2024; tổng kết: trước ngày 10/12/2024"),
        ("2", "Công nhận lại danh hiệu Thôn văn hóa, Khu phố văn hóa giai đoạn 2024 - 2028",
         "UBND các xã (Vĩnh Giang, Vĩnh Thái)", "Phòng Văn hóa và Thông tin", "Quý III/2024"),
        ("3", "Hoàn thiện hồ sơ đề nghị khen thưởng tập thể, cá nhân tiêu biểu", "Phòng Nội vụ",
         "Phòng Văn hóa và Thông tin", "Trước 17 giờ ngày 28/6/2024"),
        ("4", "Bảo đảm an ninh trật tự tại các lễ hội, sự kiện văn hóa", "Công an huyện",
         "UBND các xã, thị trấn", "Thường xuyên"),
        ("5", "Bố trí kinh phí khen thưởng phong trào", "Phòng Tài chính - Kế hoạch", "",
         "Tháng 7/2024"),
        ("6", "Kiểm tra thiết chế văn hóa thôn, khu phố",
         "Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn",
         "Đợt 1: chậm nhất ngày 31/7/2024; Đợt 2: chậm nhất ngày 30/11/2024"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    body(
        document,
        "Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị, địa phương biết,"
        " thực hiện./.",
    )
    two_columns(
        document,
        ["Nơi nhận:", "- Các phòng, ban liên quan;", "- Công an huyện;",
         "- UBND các xã, thị trấn;", "- Lưu: VT."],
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Hoàng Thị Phụng"],
    )  # fmt: skip


NOTICES = {
    "03-ba-cot-chu-cai-word": n03_roman_letters,
    "08-gach-dau-dong-word": n08_bullets,
    "10-bang-nhiem-vu-word": n10_task_table,
    "04-ban-in-ba-trang-pdf": n04_printed_pdf,
    "11-hai-cot-pdf": n11_two_columns_pdf,
    "46-bang-giai-doan-word": n46_stage_table,
}
