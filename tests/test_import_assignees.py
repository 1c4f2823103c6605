"""Who a notice's sentence assigns, on forms the first readers missed: a heading that
names units the registry does not know, a group narrowed by the places in brackets
after it, bodies that are no registry unit (services/roles, services/meaning)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.services.meaning import deadline_in, read_tasks
from cchc_cli.services.noticehead import Closing, Header
from cchc_cli.services.noticelines import Line
from cchc_cli.services.roles import roles
from cchc_cli.services.structure import Layout, body_tree
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
ISSUED = PartialDate(2024, 3, 5)


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def assignees(names, body: str) -> list[tuple[str, list[str]]]:
    lines = [Line(text) for text in body.strip().splitlines()]
    layout = Layout(Header(), body_tree(lines), Closing())
    found = read_tasks(layout, names, deadline_in, ISSUED).tasks
    return [(t.id, [*t.assigned, *t.unknown]) for t in found]


def test_a_heading_naming_a_unit_the_registry_does_not_know_keeps_its_items(names):
    """ "Chỉ đạo Phòng Nội vụ ..." under "Đề nghị UBND huyện Vĩnh Linh:" is what the
    district does, in a Sở's notice; the Phòng it directs is no assignee."""
    body = """
1. Đề nghị UBND huyện Vĩnh Linh:
a) Chỉ đạo Phòng Nội vụ huyện tham mưu ban hành Kế hoạch chỉnh lý tài liệu trong quý II/2024.
b) Chỉ đạo các phòng, ban chuyên môn nộp lưu hồ sơ trước ngày 30/6/2024.
2. Giao Chi cục Văn thư - Lưu trữ tỉnh tổ chức tập huấn trong tháng 5/2024.
"""
    assert assignees(names, body) == [
        ("1.a", ["UBND huyện Vĩnh Linh"]),
        ("1.b", ["UBND huyện Vĩnh Linh"]),
        ("2", ["Chi cục Văn thư - Lưu trữ tỉnh"]),
    ]


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("UBND các xã (Vĩnh Long, Vĩnh Thủy, Vĩnh Hà) hoàn thành hồ sơ.",
         ["vinh-long", "vinh-thuy", "vinh-ha"]),
        ("Chủ tịch UBND các xã (Vĩnh Long và Vĩnh Thủy) hoàn thành hồ sơ.",
         ["vinh-long", "vinh-thuy"]),
        ("Giao UBND các xã, thị trấn ven biển (Vĩnh Thái, Kim Thạch, thị trấn Cửa Tùng) kêu"
         " gọi tàu thuyền vào bờ.", ["vinh-thai", "kim-thach", "cua-tung"]),
        ("Các phòng, ban (Phòng Nội vụ, Phòng Tư pháp) rà soát thủ tục.",
         ["noi-vu", "tu-phap"]),
        # A bracket that is no list of members leaves the group whole.
        ("UBND các xã (có đê biển) rà soát phương án.", ["xa-thi-tran"]),
        ("UBND các xã, thị trấn (Phòng Nội vụ hướng dẫn) rà soát.", ["xa-thi-tran"]),
    ],
)  # fmt: skip
def test_a_group_with_places_in_brackets_gives_those_places(names, written, units):
    said = roles(names, written)
    assert said.subject.units == units
    assert simple_start(written[said.predicate :])


def simple_start(rest: str) -> bool:
    """The instruction starts after the bracket, with a lower-case verb."""
    return rest[:1].islower()


@pytest.mark.parametrize(
    ("written", "unknown"),
    [
        ("Thanh tra Sở phối hợp kiểm tra việc tuyển dụng.", "Thanh tra Sở"),
        ("Thanh tra Sở Xây dựng kiểm tra các công trình.", "Thanh tra Sở Xây dựng"),
        ("Thanh tra tỉnh làm việc với huyện.", "Thanh tra tỉnh"),
        ("Hội đồng bồi thường, hỗ trợ và tái định cư huyện hoàn thành phương án.",
         "Hội đồng bồi thường, hỗ trợ và tái định cư huyện"),
        ("Các thành viên Hội đồng bồi thường, hỗ trợ và tái định cư huyện theo chức năng,"
         " nhiệm vụ giải quyết kiến nghị.", "Hội đồng bồi thường, hỗ trợ và tái định cư huyện"),
        ("Ban chỉ đạo phòng, chống dịch huyện Vĩnh Linh tăng cường kiểm tra.",
         "Ban chỉ đạo phòng, chống dịch huyện Vĩnh Linh"),
        ("Trưởng các thôn vận động nhân dân tổng vệ sinh.", "Trưởng các thôn"),
        ("Các thôn, khu phố tổng vệ sinh môi trường.", "Các thôn, khu phố"),
        ("Công an xã Vĩnh Thái tăng cường tuần tra.", "Công an xã Vĩnh Thái"),
        ("Trạm Y tế xã Vĩnh Hà tổ chức tiêm chủng.", "Trạm Y tế xã Vĩnh Hà"),
    ],
)  # fmt: skip
def test_bodies_the_registry_does_not_know_are_kept_as_written_never_given_an_id(
    names, written, unknown
):
    said = roles(names, written)
    assert (said.subject.units, said.subject.unknown) == ([], [unknown])


@pytest.mark.parametrize(
    "written",
    [
        "Ban hành quy chế quản lý cụm công nghiệp của xã, hoàn thành trong quý III/2024.",
        "Tổ chức hội nghị tổng kết của huyện, hoàn thành trong quý III/2024.",
        # A known unit stays known: "Thanh tra huyện", "Ban Quản lý dự án ... huyện".
    ],
)
def test_a_verb_that_starts_like_a_board_names_no_body(names, written):
    assert not roles(names, written).subject


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("Thanh tra huyện kiểm tra công vụ.", "thanh-tra"),
        ("Giao Ban Quản lý dự án đầu tư xây dựng huyện hoàn thành hồ sơ.", "ban-qlda"),
    ],
)
def test_district_units_of_those_kinds_stay_registry_units(names, written, unit):
    assert roles(names, written).subject.units == [unit]


def test_the_review_says_which_registry_unit_a_body_belongs_to(names):
    body = """
1. Công an xã Vĩnh Thái tăng cường tuần tra trong tháng 6/2024.
2. Trạm Y tế xã Vĩnh Hà tổ chức tiêm chủng trước ngày 20/6/2024.
3. Thanh tra Sở Xây dựng kiểm tra các công trình trong quý II/2024.
"""
    lines = [Line(text) for text in body.strip().splitlines()]
    layout = Layout(Header(), body_tree(lines), Closing())
    found = read_tasks(layout, names, deadline_in, ISSUED).tasks
    assert [t.review for t in found] == [
        ["import.unit-of:Công an xã Vĩnh Thái → vinh-thai"],
        ["import.unit-of:Trạm Y tế xã Vĩnh Hà → vinh-ha"],
        ["import.unknown-unit:Thanh tra Sở Xây dựng"],
    ]
    assert [t.assigned for t in found] == [[], [], []]


@pytest.mark.parametrize(
    ("written", "subject"),
    [
        # The one asked is the issuer or a person: the unit it must direct does the work.
        ("Đề nghị UBND huyện chỉ đạo Phòng Tài chính - Kế hoạch bố trí kinh phí.",
         (["tc-kh"], [])),
        ("Chủ tịch UBND huyện giao đồng chí Phó Chủ tịch UBND huyện phụ trách chỉ đạo Phòng"
         " Nông nghiệp và PTNT rà soát diện tích lúa.", (["nn-ptnt"], [])),
        # The one asked is a unit: it is assigned, what it directs is its own business.
        ("Đề nghị UBND huyện Vĩnh Linh chỉ đạo Phòng Nội vụ tham mưu kế hoạch.",
         ([], ["UBND huyện Vĩnh Linh"])),
        ("Yêu cầu Phòng Giáo dục và Đào tạo chỉ đạo các trường học thu học phí.",
         (["gd-dt"], [])),
        ("Đề nghị UBND các xã, thị trấn chỉ đạo Bộ phận một cửa số hóa hồ sơ.",
         (["xa-thi-tran"], [])),
        # No order to a unit follows: nobody is made up.
        ("Đề nghị UBND huyện quan tâm bố trí kinh phí.", ([], [])),
    ],
)  # fmt: skip
def test_who_is_asked_to_direct_and_who_is_directed(names, written, subject):
    said = roles(names, written)
    assert (said.subject.units, said.subject.unknown) == subject


@pytest.mark.parametrize(
    ("written", "subject"),
    [
        # A title before "UBND huyện" and a person's name after it: an official, no unit.
        ("Giao đồng chí Phó Chủ tịch UBND huyện Lê Văn Hùng trực tiếp chỉ đạo Phòng Tài"
         " nguyên và Môi trường hoàn thành phương án.", (["tn-mt"], [])),
        # A committee named by its place stays a unit the registry does not know.
        ("Đề nghị UBND huyện Vĩnh Linh bố trí kinh phí.", ([], ["UBND huyện Vĩnh Linh"])),
        ("Đề nghị Chi nhánh Văn phòng đăng ký đất đai huyện phối hợp rà soát.",
         ([], ["Chi nhánh Văn phòng đăng ký đất đai huyện"])),
    ],
)  # fmt: skip
def test_an_official_is_no_unit_and_a_branch_keeps_its_whole_name(names, written, subject):
    said = roles(names, written)
    assert (said.subject.units, said.subject.unknown) == subject


def test_a_name_the_registry_does_not_know_ends_at_its_level_before_a_verb(names):
    said = roles(names, "Trung tâm Phát triển quỹ đất huyện lập hồ sơ giao đất.")
    assert said.subject.unknown == ["Trung tâm Phát triển quỹ đất huyện"]
    said = roles(names, "Trung tâm Văn hóa huyện Vĩnh Linh lập danh sách.")
    assert said.subject.unknown == ["Trung tâm Văn hóa huyện Vĩnh Linh"]
