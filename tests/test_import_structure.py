"""Stage 1 of the import, on its own: the lines a reader sees, the header, the body's
tree of parts and items, the closing (services/noticelines, structure, noticehead)."""

from __future__ import annotations

import unicodedata

import pytest

from cchc_cli.services.noticelines import read_lines
from cchc_cli.services.structure import Node, body_tree, label_of, read_layout


def texts(text: str) -> list[str]:
    return [line.text for line in read_lines(text)]


def outline(node: Node, depth: int = 0) -> list[str]:
    """The tree as indented "kind label: text" lines (text cut at 30 characters)."""
    out = []
    for child in node.children:
        label = f" {child.label}" if child.label else ""
        out.append(f"{'  ' * depth}{child.kind}{label}: {child.text[:30]}")
        out += outline(child, depth + 1)
    return out


def tree(text: str) -> list[str]:
    return outline(read_layout(read_lines(text)).body)


# -- the lines ---------------------------------------------------------------------------


def test_decomposed_text_soft_hyphens_and_odd_spaces_read_as_typed():
    raw = unicodedata.normalize("NFD", "Phòng Nội vụ , trư\u00adớc\u00a0ngày ( 15/12/2023 )")
    assert texts(raw) == ["Phòng Nội vụ, trước ngày (15/12/2023)"]


def test_zero_width_and_bidi_controls_are_dropped_but_control_characters_stay():
    assert texts("Phòng\u200b Nội\u202e vụ\x00 làm") == ["Phòng Nội vụ\x00 làm"]


def test_a_letter_spaced_title_is_closed_up():
    assert texts("T H Ô N G  B Á O") == ["THÔNG BÁO"]


def test_markdown_emphasis_is_removed():
    assert texts("Hoàn thành **trước ngày 10/12/2023** (*qua Phòng Nội vụ*).") == [
        "Hoàn thành trước ngày 10/12/2023 (qua Phòng Nội vụ)."
    ]


@pytest.mark.parametrize("number", ["2", "- 2 -", "Trang 2", "Trang 2/5", "2/5", "– 12 –"])
def test_page_numbers_are_dropped(number):
    text = f"- Rà soát thủ tục hành chính trên địa bàn\n{number}\nhoàn thành trước 15/12/2023."
    assert texts(text) == ["- Rà soát thủ tục hành chính trên địa bàn hoàn thành trước 15/12/2023."]


def test_a_running_head_at_the_top_of_each_page_is_dropped():
    head = "Thông báo số 77/TB-UBND ngày 18/10/2023"
    pages = [
        f"{head}\n1. Phòng Nội vụ rà soát.\n- 1 -",
        f"{head}\n2. Phòng Tư pháp kiểm tra.\n- 2 -",
    ]
    assert texts("\f".join(pages)) == ["1. Phòng Nội vụ rà soát.", "2. Phòng Tư pháp kiểm tra."]


def test_a_running_head_beside_page_numbers_is_dropped_without_form_feeds():
    head = "Thông báo số 77/TB-UBND ngày 18/10/2023"
    text = (
        f"1. Phòng Nội vụ rà soát.\n- 2 -\n{head}\n2. Phòng Tư pháp.\n- 3 -\n{head}\n3. Thanh tra."
    )
    assert texts(text) == ["1. Phòng Nội vụ rà soát.", "2. Phòng Tư pháp.", "3. Thanh tra."]


def test_a_line_repeated_in_the_text_is_no_running_head():
    line = "- Hoàn thành trước ngày 15/12/2023."
    assert texts(f"{line}\n{line}\n{line}") == [line, line, line]


def test_wrapped_lines_are_joined_where_the_sentence_goes_on():
    text = (
        "- Chủ trì, phối hợp với\n"  # ends with a word no sentence ends with
        "Phòng Nội vụ tổ chức tập huấn cho các\n"
        "công chức, viên chức; hoàn thành trước ngày\n\n"  # a blank line in between
        "15/12/2023.\n"
        "- Tiếp tục theo dõi."
    )
    assert texts(text) == [
        "- Chủ trì, phối hợp với Phòng Nội vụ tổ chức tập huấn cho các công chức, viên chức;"
        " hoàn thành trước ngày 15/12/2023.",
        "- Tiếp tục theo dõi.",
    ]


def test_a_number_cut_at_its_hyphen_is_glued_back():
    assert texts("thực hiện Chỉ thị số 05/CT-\nUBND của UBND tỉnh") == [
        "thực hiện Chỉ thị số 05/CT-UBND của UBND tỉnh"
    ]


def test_a_heading_and_the_paragraph_after_it_stay_apart():
    assert texts("4. Phòng Kinh tế và Hạ tầng\nHoàn thành báo cáo.") == [
        "4. Phòng Kinh tế và Hạ tầng",
        "Hoàn thành báo cáo.",
    ]
    assert texts("II. NHIỆM VỤ THỜI GIAN TỚI\nĐối với Phòng Nội vụ:") == [
        "II. NHIỆM VỤ THỜI GIAN TỚI",
        "Đối với Phòng Nội vụ:",
    ]


WRAPPED = """Ngày 16/10/2023, UBND huyện Vĩnh Linh tổ chức cuộc họp bàn giải pháp nâng
cao Chỉ số PAPI năm 2023. Đồng chí Thái Văn Thành - Chủ tịch UBND huyện chủ
trì cuộc họp. Sau khi nghe Phòng Nội vụ báo cáo và ý kiến thảo luận của các
đại biểu, Chủ tịch UBND huyện kết luận như sau:
1. Phòng Nội vụ chủ trì, phối hợp với Phòng Văn hóa và Thông tin xây dựng Kế
hoạch nâng cao Chỉ số PAPI giai đoạn 2023-2025, trình UBND huyện trước ngày
31/10/2023.
2. Phòng Tư pháp tăng cường công tác tiếp công dân, giải quyết kịp thời các
đơn thư thuộc thẩm quyền, không để tồn đọng, kéo dài; báo cáo kết quả về UBND
huyện (qua Phòng Nội vụ) chậm nhất ngày 20/11/2023.
3. Phòng Tài chính - Kế hoạch hướng dẫn UBND các xã, thị trấn công khai dự
toán, quyết toán ngân sách theo đúng quy định, hoàn thành trước ngày 15/11/2023
Kết luận của Chủ tịch UBND huyện tại cuộc họp bàn giải pháp nâng cao Chỉ số
Ngày 20/10/2023, Văn phòng HĐND và UBND huyện tổ chức kiểm tra việc thực hiện."""


def test_text_wrapped_at_a_width_is_joined_at_that_width():
    lines = texts(WRAPPED)
    assert [line[:12] for line in lines] == [
        "Ngày 16/10/2",
        "1. Phòng Nội",
        "2. Phòng Tư ",
        "3. Phòng Tài",
        "Ngày 20/10/2",  # a paragraph opens ("Ngày ..."): no join at the width
    ]
    assert lines[2].endswith(
        "báo cáo kết quả về UBND huyện (qua Phòng Nội vụ) chậm nhất ngày 20/11/2023."
    )


def test_two_columns_are_read_left_then_right():
    text = (
        "UBND HUYỆN VĨNH LINH            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số:   /TB-UBND                   Độc lập - Tự do - Hạnh phúc\n"
        "                           Vĩnh Linh, ngày 28 tháng 11 năm 2023\n"
        "THÔNG BÁO\n"
    )
    assert texts(text) == [
        "UBND HUYỆN VĨNH LINH",
        "Số: /TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Vĩnh Linh, ngày 28 tháng 11 năm 2023",
        "THÔNG BÁO",
    ]


# -- the header ----------------------------------------------------------------------------


def header(text: str):
    return read_layout(read_lines(text)).header


@pytest.mark.parametrize(
    "text",
    [
        "Số: 95/TB-UBND        Vĩnh Linh, ngày 28 tháng 11 năm 2023\nTHÔNG BÁO\nTiêu đề\n",
        "Số: 95/TB-UBND Vĩnh Linh, ngày 28 tháng 11 năm 2023\nTHÔNG BÁO\nTiêu đề\n",
        "Số: 95/TB-UBND\nVĩnh Linh, ngày 28 tháng 11\nnăm 2023\nTHÔNG BÁO\nTiêu đề\n",
        "Số: 95/TB-UBND\nVĩnh Linh,\nngày 28 tháng 11 năm 2023\nTHÔNG BÁO\nTiêu đề\n",
        "Số 95/TB-UBND\nVĩnh Linh, ngày 28/11/2023\nTHÔNG BÁO\nTiêu đề\n",
        "SỐ: 95 /TB-UBND\nVĩnh Linh, ngày 28 tháng 11 năm 2023\nTHÔNG BÁO\nTiêu đề\n",
        "UBND HUYỆN VĨNH LINH      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 95/TB-UBND        Độc lập - Tự do - Hạnh phúc Vĩnh Linh, ngày 28 tháng 11 năm 2023\n"
        "THÔNG BÁO\nTiêu đề\n",
    ],
    ids=["one-line", "one-line-no-gap", "split-year", "split-place", "figures", "spaced", "motto"],
)
def test_the_number_place_and_date_in_any_arrangement(text):
    found = header(text)
    assert (found.number, found.place, found.date.iso()) == (
        "95/TB-UBND",
        "Vĩnh Linh",
        "2023-11-28",
    )
    assert found.title == "Tiêu đề"


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (["UBND HUYỆN VĨNH LINH"], "UBND huyện Vĩnh Linh"),
        (["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH"], "UBND huyện Vĩnh Linh"),
        (["UỶ BAN NHÂN DÂN", "HUYỆN VĨNH LINH"], "UBND huyện Vĩnh Linh"),
        (
            ["UBND HUYỆN VĨNH LINH", "VĂN PHÒNG HĐND VÀ UBND"],
            "Văn phòng HĐND và UBND huyện Vĩnh Linh",
        ),
    ],
)
def test_the_issuer_from_the_header_s_left_column(lines, issuer):
    text = "\n".join(lines) + "\nSố: 1/TB-UBND\nVĩnh Linh, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\nX\n"
    assert header(text).issuer == issuer


def test_the_title_on_the_line_of_thong_bao_and_in_capitals_over_lines():
    found = header(
        "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND HUYỆN\nTẠI CUỘC HỌP GIAO BAN THÁNG 11\n1. X"
    )
    assert found.title == "KẾT LUẬN CỦA CHỦ TỊCH UBND HUYỆN TẠI CUỘC HỌP GIAO BAN THÁNG 11"


@pytest.mark.parametrize(
    ("paragraph", "meeting", "chair"),
    [
        (
            "Ngày 22/11/2023, UBND huyện tổ chức họp. đồng chí Thái Văn Thành - Chủ tịch UBND"
            " huyện kết luận như sau:",
            (2023, 11, 22),
            ("Thái Văn Thành", "Chủ tịch UBND huyện"),
        ),
        (
            "Chiều ngày 08 tháng 7 năm 2024, đồng chí Nguyễn Thị Mai, Phó Chủ tịch UBND huyện"
            " chủ trì cuộc họp.",
            (2024, 7, 8),
            ("Nguyễn Thị Mai", "Phó Chủ tịch UBND huyện"),
        ),
        (
            "Thực hiện Kế hoạch số 208/KH-UBND ngày 12/10/2023 của UBND huyện, Đoàn kiểm tra đã"
            " làm việc.",
            None,
            None,
        ),
    ],
    ids=["dash", "comma-words", "a-document-s-date"],
)
def test_the_meeting_and_the_chair_from_the_first_paragraph(paragraph, meeting, chair):
    found = header(
        f"Số: 1/TB-UBND\nVĩnh Linh, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\nX\n{paragraph}\n"
    )
    assert (found.meeting, found.chair) == (meeting, chair)


# -- the body ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "label", "rest"),
    [
        ("II. NHIỆM VỤ", "roman", "II", "NHIỆM VỤ"),
        ("IV- Tổ chức thực hiện", "roman", "IV", "Tổ chức thực hiện"),
        ("1. Phòng Nội vụ", "decimal", "1", "Phòng Nội vụ"),
        ("1) Phòng Nội vụ", "decimal", "1", "Phòng Nội vụ"),
        ("1/ Phòng Nội vụ", "decimal", "1", "Phòng Nội vụ"),
        ("2- Phòng Nội vụ", "decimal", "2", "Phòng Nội vụ"),
        ("b/ Rà soát", "letter", "b", "Rà soát"),
        ("2.3. Rà soát", "multi", "2.3", "Rà soát"),
        ("2.3.1 Rà soát", "multi", "2.3.1", "Rà soát"),
        ("đ) Rà soát", "letter", "đ", "Rà soát"),
        ("a. Rà soát", "letter", "a", "Rà soát"),
        ("B. NHIỆM VỤ", "upper", "B", "NHIỆM VỤ"),
        ("- Rà soát", "dash", "", "Rà soát"),
        ("-Rà soát", "dash", "", "Rà soát"),
        ("– Rà soát", "dash", "", "Rà soát"),
        ("+ Rà soát", "plus", "", "Rà soát"),
        ("• Rà soát", "bullet", "", "Rà soát"),
    ],
)
def test_every_numbering_style(line, kind, label, rest):
    assert label_of(line) == (kind, label, rest)


@pytest.mark.parametrize(
    "line",
    [
        "20.3.2024 là hạn",
        "2023 là năm bản lề",
        "v.v. các nội dung",
        "100% hồ sơ",
        "Hồ Xá",
        "15/12/2023 là hạn",
        "2-3 ngày",
    ],
)
def test_lines_that_only_look_numbered(line):
    assert label_of(line) is None


NESTED = """Chủ tịch UBND huyện kết luận như sau:
I. KẾT QUẢ
- Các đơn vị đã triển khai.
II. NHIỆM VỤ
1. Phòng Nội vụ
a) Rà soát thủ tục.
- Chi tiết một.
+ Chi tiết hai.
b) Cập nhật dữ liệu.
1.1. Tổng hợp.
2. Phòng Tư pháp
Hoàn thành báo cáo.
Đối với các nhiệm vụ sau, hoàn thành trước 30/12/2023:
- Việc một.
- Việc hai.
"""


def test_parts_and_items_nest_by_their_rank():
    assert tree(NESTED) == [
        "heading: Chủ tịch UBND huyện kết luận n",
        "  roman I: KẾT QUẢ",
        "    dash: Các đơn vị đã triển khai.",
        "  roman II: NHIỆM VỤ",
        "    decimal 1: Phòng Nội vụ",
        "      letter a: Rà soát thủ tục.",
        "        dash: Chi tiết một.",
        "          plus: Chi tiết hai.",
        "      letter b: Cập nhật dữ liệu.",
        "      multi 1.1: Tổng hợp.",
        "    decimal 2: Phòng Tư pháp",
        "      para: Hoàn thành báo cáo.",
        # A line ending with ":" holds the items after it, whatever their numbering.
        "      heading: Đối với các nhiệm vụ sau, hoàn",
        "        dash: Việc một.",
        "        dash: Việc hai.",
    ]


def test_unnumbered_headings_are_siblings_and_hold_their_items():
    text = "II. NHIỆM VỤ\nĐối với Phòng Nội vụ:\n- A.\n- B.\nĐối với Phòng Tư pháp:\n- C.\n"
    assert tree(text) == [
        "roman II: NHIỆM VỤ",
        "  heading: Đối với Phòng Nội vụ:",
        "    dash: A.",
        "    dash: B.",
        "  heading: Đối với Phòng Tư pháp:",
        "    dash: C.",
    ]


def test_a_heading_followed_by_paragraphs_holds_them():
    text = "Đối với Phòng Nội vụ:\nRà soát thủ tục.\nĐối với Phòng Tư pháp:\nKiểm tra văn bản.\n"
    assert tree(text) == [
        "heading: Đối với Phòng Nội vụ:",
        "  para: Rà soát thủ tục.",
        "heading: Đối với Phòng Tư pháp:",
        "  para: Kiểm tra văn bản.",
    ]


def test_a_deadline_on_its_own_line_stays_with_its_item():
    text = "1. Phòng Nội vụ\n- Tiếp tục đôn đốc các đơn vị.\nHoàn thành trước ngày 25/11/2023.\n"
    assert tree(text) == [
        "decimal 1: Phòng Nội vụ",
        "  dash: Tiếp tục đôn đốc các đơn vị. H",
    ]


def test_a_paragraph_after_a_list_belongs_to_the_heading_above_the_list():
    text = "1. Phòng Nội vụ\n- A.\n- B.\nNăm 2023 là năm bản lề.\n"
    assert tree(text) == [
        "decimal 1: Phòng Nội vụ",
        "  dash: A.",
        "  dash: B.",
        "  para: Năm 2023 là năm bản lề.",
    ]


@pytest.mark.parametrize(
    "closing",
    [
        "Trên đây là kết luận của Chủ tịch UBND huyện.",
        "Văn phòng HĐND và UBND huyện thông báo để các đơn vị biết, thực hiện./.",
        "Yêu cầu các đơn vị nghiêm túc thực hiện./.",
        "Nơi nhận:",
    ],
)
def test_the_body_ends_at_the_closing(closing):
    text = f"1. Phòng Nội vụ rà soát.\n2. Phòng Tư pháp kiểm tra.\n{closing}\n- Như trên;\n3. Thêm."
    assert tree(text) == ["decimal 1: Phòng Nội vụ rà soát.", "decimal 2: Phòng Tư pháp kiểm tra."]


def test_a_last_item_that_ends_the_text_stays_in_the_body():
    assert tree("1. Phòng Nội vụ rà soát.\n2. Phòng Tư pháp kiểm tra./.\nNơi nhận:\n") == [
        "decimal 1: Phòng Nội vụ rà soát.",
        "decimal 2: Phòng Tư pháp kiểm tra./.",
    ]


def test_the_body_tree_of_lines_given_directly():
    from cchc_cli.services.noticelines import Line

    root = body_tree([Line("1. Phòng Nội vụ"), Line("- A."), Line("2. Phòng Tư pháp")])
    assert outline(root) == ["decimal 1: Phòng Nội vụ", "  dash: A.", "decimal 2: Phòng Tư pháp"]


# -- the closing ----------------------------------------------------------------------------


def closing(text: str):
    return read_layout(read_lines("1. Phòng Nội vụ rà soát.\n" + text)).closing


@pytest.mark.parametrize(
    "text",
    [
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n(Đã ký)\n"
        "Hoàng Thị Phụng\n",
        "Nơi nhận:                   TL. CHỦ TỊCH\n- Như trên;                 CHÁNH VĂN PHÒNG\n"
        "- Lưu: VT.\n                            Hoàng Thị Phụng\n",
        "                            TL. CHỦ TỊCH\n                            CHÁNH VĂN PHÒNG\n"
        "                            Hoàng Thị Phụng\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nHOÀNG THỊ PHỤNG\n",
    ],
    ids=["one-column", "two-columns", "signature-first", "name-in-capitals"],
)
def test_the_signature_and_the_recipients_in_any_order(text):
    found = closing(text)
    assert found.signer[1:] == ("CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH")
    assert found.signer[0] in ("Hoàng Thị Phụng", "HOÀNG THỊ PHỤNG")
    assert found.recipients == ["Như trên", "Lưu: VT"]


def test_a_notice_the_chairman_signs_himself():
    found = closing("Nơi nhận:\n- Như trên;\nCHỦ TỊCH\n\nThái Văn Thành\n")
    assert found.signer == ("Thái Văn Thành", "CHỦ TỊCH", None)


def test_headings_of_one_form_are_siblings_whatever_their_items_are_marked_with():
    """ "Đối với X:" with dashes, then "Đối với Y:" with "+" items: Y must not nest under
    X's last dash (it did, and X's task was taken for a lead-in and lost)."""
    body = tree(
        "THÔNG BÁO\nKết luận\n"
        "Đối với Phòng Lao động - Thương binh và Xã hội:\n"
        "- Chuẩn bị quà Tết, hoàn thành chậm nhất ngày 31/01/2024.\n"
        "Đối với UBND các xã, thị trấn:\n"
        "+ Vĩnh Thủy, Vĩnh Lâm: thu hồi nợ vay quá hạn.\n"
        "+ Ra quân làm thủy lợi trong tháng 01.\n"
    )
    assert [line.split(":")[0] for line in body] == [
        "heading",
        "  dash",
        "heading",
        "  plus",
        "  plus",
    ]


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Một là, Phòng Nội vụ rà soát.", "1"),
        ("Hai là: Phòng Nội vụ rà soát.", "2"),
        ("Bốn là, giao Phòng Nội vụ rà soát.", "4"),
        ("Thứ nhất, Phòng Nội vụ rà soát.", "1"),
        ("Thứ tư, Phòng Nội vụ rà soát.", "4"),
        ("THỨ HAI, Phòng Nội vụ rà soát.", "2"),
    ],
)
def test_paragraphs_counted_in_words_are_numbered_items(line, label):
    assert label_of(line)[:2] == ("ordinal", label)


def test_a_sentence_starting_with_a_counting_word_is_no_item():
    assert label_of("Hai phòng phối hợp thực hiện.") is None
    assert label_of("Năm 2024, Phòng Nội vụ rà soát.") is None


@pytest.mark.parametrize(
    "label", ["Thời gian: hằng tháng.", "Tiến độ thực hiện: trong tháng 7/2024."]
)
def test_a_label_line_under_a_heading_s_paragraph_joins_it(label):
    """ "2. VP HĐND&UBND HUYỆN / Theo dõi, đôn đốc ... / Thời gian: ..." is one task."""
    body = tree(
        "THÔNG BÁO\nKết luận\n2. VP HĐND&UBND HUYỆN\nTheo dõi, đôn đốc các đơn vị thực hiện.\n"
        f"{label}\n3. PHÒNG NỘI VỤ\n- Rà soát.\n"
    )
    assert [line.split(":")[0] for line in body] == ["decimal 2", "  para", "decimal 3", "  dash"]
