"""How a clerk reads the layouts of plans and letters (Kế hoạch, công văn), with other
sentences than the corpus's: a task whose fields are lines of their own, the
addressees of a letter, a plan's title and its parts that assign nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.services.meaning import deadline_in, read_tasks
from cchc_cli.services.noticelines import read_lines
from cchc_cli.services.structure import read_layout
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
ISSUED = PartialDate(2023, 11, 28)
HEAD = """ỦY BAN NHÂN DÂN
HUYỆN VĨNH LINH
Số: 12/KH-UBND
Vĩnh Linh, ngày 28 tháng 11 năm 2023
"""


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def summary(names, text: str) -> list[tuple]:
    layout = read_layout(read_lines(text))
    return [
        (t.id, [*t.assigned, *t.unknown], str(t.deadline.last_day) if t.deadline else None)
        for t in read_tasks(layout, names, deadline_in, ISSUED).tasks
    ]


def test_a_plan_s_task_with_its_fields_on_lines_of_their_own_is_one_task(names):
    text = (
        HEAD
        + """KẾ HOẠCH
Kiểm tra công tác văn thư năm 2024
II. NHIỆM VỤ
1. Xây dựng kho lưu trữ điện tử
- Đơn vị chủ trì: Phòng Nội vụ.
- Đơn vị phối hợp: Phòng Tài chính - Kế hoạch.
- Thời gian thực hiện: Quý I/2024.
2. Tập huấn sử dụng chữ ký số
- Chủ trì: Phòng Văn hóa và Thông tin.
- Tiến độ: trước ngày 15/01/2024.
"""
    )
    assert summary(names, text) == [
        ("1", ["noi-vu"], "2024-03-31"),
        ("2", ["vh-tt"], "2024-01-14"),
    ]


def test_a_dash_that_assigns_or_coordinates_in_a_sentence_is_still_a_task(names):
    text = (
        HEAD
        + """THÔNG BÁO
Kết luận của Chủ tịch UBND huyện
1. Phòng Nội vụ:
- Phối hợp với Phòng Tư pháp rà soát thủ tục hành chính trước ngày 10/12/2023.
- Chủ trì tổ chức hội nghị tập huấn nghiệp vụ: trong tháng 12/2023.
"""
    )
    assert summary(names, text) == [
        ("1.1", ["noi-vu"], "2023-12-09"),
        ("1.2", ["noi-vu"], "2023-12-31"),
    ]


def test_the_addressees_of_a_letter_are_no_tasks(names):
    text = """ỦY BAN NHÂN DÂN
HUYỆN VĨNH LINH
Số: 2036/UBND-NV
V/v đôn đốc nộp báo cáo
Vĩnh Linh, ngày 28 tháng 11 năm 2023
Kính gửi:
- Thủ trưởng các phòng, ban, đơn vị;
- Chủ tịch UBND các xã, thị trấn.
Chủ tịch UBND huyện yêu cầu:
1. Phòng Nội vụ tổng hợp báo cáo trước ngày 05/12/2023.
"""
    assert summary(names, text) == [("1", ["noi-vu"], "2023-12-04")]


def test_a_plan_s_title_is_no_task_and_its_purpose_assigns_nothing(names):
    text = (
        HEAD
        + """KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2024
I. MỤC ĐÍCH, YÊU CẦU
Triển khai đồng bộ các nhiệm vụ; xác định rõ trách nhiệm của từng cơ quan, đơn vị.
II. MỤC TIÊU
Phấn đấu 100% văn bản được ký số trong năm 2024.
III. NHIỆM VỤ
1. Phòng Văn hóa và Thông tin hướng dẫn các đơn vị sử dụng chữ ký số trong tháng 01/2024.
"""
    )
    layout = read_layout(read_lines(text))
    assert layout.header.title == "Triển khai công tác chuyển đổi số năm 2024"
    assert summary(names, text) == [("1", ["vh-tt"], "2024-01-31")]


def test_what_is_not_done_then_an_order_is_a_task_and_a_bare_statement_is_not(names):
    text = (
        HEAD
        + """THÔNG BÁO
Kết luận của Chủ tịch UBND huyện
1. UBND các xã, thị trấn:
- Các xã Vĩnh Hà, Vĩnh Khê chưa nộp hồ sơ, phải hoàn thành trước ngày 05/12/2023.
- Các xã Vĩnh Sơn, Vĩnh Tú chưa nộp hồ sơ đúng hạn.
"""
    )
    assert summary(names, text) == [("1.1", ["vinh-ha", "vinh-khe"], "2023-12-04")]


@pytest.mark.parametrize(
    ("text", "units", "unknown"),
    [
        # A head before a one-word abbreviation the registry knows.
        ("Phòng TCKH bố trí kinh phí.", ["tc-kh"], []),
        ("Phòng LĐTBXH rà soát hộ nghèo.", ["ld-tbxh"], []),
        # "TT" is the "thị trấn" of the group's name.
        ("UBND các xã, TT rà soát hồ sơ.", ["xa-thi-tran"], []),
        # A group's start with the kinds of unit it is written with, then another group.
        ("Thủ trưởng các phòng, ban, ngành và UBND các xã, thị trấn rà soát.",
         ["phong-ban", "xa-thi-tran"], []),
        # A committee named by its place, in another office's notice.
        ("UBND huyện Gio Linh rà soát hồ sơ.", [], ["UBND huyện Gio Linh"]),
        ("Đề nghị UBND tỉnh Quảng Bình phối hợp.", [], ["UBND tỉnh Quảng Bình"]),
        # Not: the bare "UBND huyện" that issues the notice, a lower-case "phòng".
        ("UBND huyện giao Phòng Nội vụ rà soát.", ["noi-vu"], []),
        ("Tham mưu UBND huyện ban hành kế hoạch.", [], []),
    ],
)  # fmt: skip
def test_units_written_short_or_named_by_their_place(names, text, units, unknown):
    from cchc_cli.services.roles import roles

    said = roles(names, text)
    assert (said.subject.units, said.subject.unknown) == (units, unknown)


def test_a_letter_s_subject_under_its_date_is_its_title_and_no_task(names):
    text = """ỦY BAN NHÂN DÂN
HUYỆN VĨNH LINH
Số: 2040/UBND-VP
Vĩnh Linh, ngày 28 tháng 11 năm 2023
V/v chuẩn bị nội dung kỳ họp HĐND huyện
Kính gửi: Các phòng, ban, đơn vị.
Chủ tịch UBND huyện yêu cầu:
1. Phòng Tài chính - Kế hoạch gửi báo cáo trước ngày 05/12/2023.
"""
    layout = read_layout(read_lines(text))
    assert layout.header.title == "chuẩn bị nội dung kỳ họp HĐND huyện"
    assert summary(names, text) == [("1", ["tc-kh"], "2023-12-04")]


WORK = "Thực hiện các nhiệm vụ trọng tâm quý I năm 2024"
CITED = "Thực hiện Công văn số 25/UBND-VP ngày 20/11/2023, UBND huyện ban hành Kế hoạch:"


@pytest.mark.parametrize(("second", "title"), [(WORK, WORK), (CITED, None)])
def test_a_plan_s_title_may_start_with_what_it_carries_out(second, title):
    layout = read_layout(read_lines(HEAD + "KẾ HOẠCH\n" + second + "\n1. Phòng Nội vụ rà soát.\n"))
    assert layout.header.title == title


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Công an xã tăng cường tuần tra.", ["Công an xã"]),
        ("Một là, công chức Địa chính - Xây dựng đo đạc.", ["công chức Địa chính - Xây dựng"]),
        ("Ban Chỉ huy Quân sự xã huấn luyện dân quân.", ["Ban Chỉ huy Quân sự xã"]),
        # Not: a whole corps ("cán bộ, công chức cấp xã"), a commune named after "xã".
        ("Nâng cao trình độ đội ngũ cán bộ, công chức cấp xã.", []),
    ],
)  # fmt: skip
def test_a_commune_s_own_officers_are_units_kept_as_written(names, text, unknown):
    from cchc_cli.services.roles import roles

    assert roles(names, text).subject.unknown == unknown
