"""An item with a deadline for each stage of its work becomes a task per stage
(services/stages): the notice model gives a task one deadline, and each stage is done,
late or pending on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.services.meaning import deadline_in, read_tasks
from cchc_cli.services.noticehead import Closing, Header
from cchc_cli.services.noticelines import Line
from cchc_cli.services.structure import Layout, body_tree
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
ISSUED = PartialDate(2024, 3, 5)


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def tasks(names, body: str):
    lines = [Line(text) for text in body.strip().splitlines()]
    layout = Layout(Header(), body_tree(lines), Closing())
    return read_tasks(layout, names, deadline_in, ISSUED).tasks


@pytest.mark.parametrize(
    ("item", "days"),
    [
        ("1. Phòng Nội vụ xây dựng báo cáo thi đua. Trước ngày 10/6 (sơ kết); trước ngày"
         " 10/12 (tổng kết).", ["2024-06-09", "2024-12-09"]),
        ("1. Phòng Nội vụ tổng hợp kết quả, báo cáo sơ kết trước 15/6/2024, tổng kết trước"
         " 15/12/2024.", ["2024-06-14", "2024-12-14"]),
        ("1. Phòng Nội vụ gửi báo cáo 6 tháng trước ngày 20/6/2024 và báo cáo năm trước ngày"
         " 20/11/2024.", ["2024-06-19", "2024-11-19"]),
        ("1. Phòng Nội vụ số hóa hồ sơ: đợt 1 hoàn thành trong quý II/2024; đợt 2 hoàn thành"
         " trong quý IV/2024.", ["2024-06-30", "2024-12-31"]),
        ("1. Phòng Nội vụ tổ chức thi tuyển, giai đoạn 1 xong chậm nhất ngày 30/5/2024,"
         " giai đoạn 2 xong chậm nhất ngày 31/8/2024, báo cáo về UBND huyện.",
         ["2024-05-30", "2024-08-31"]),
    ],
)  # fmt: skip
def test_an_item_with_a_deadline_for_each_stage_gives_a_task_for_each(names, item, days):
    found = tasks(names, item)
    assert [t.id for t in found] == ["1a", "1b"]
    assert [str(t.deadline.last_day) for t in found] == days
    assert all(t.assigned == ["noi-vu"] and t.review == [] for t in found)
    # Each keeps the item's words before and after its stage, and only its own stage.
    assert all(t.text.startswith("Phòng Nội vụ") for t in found)
    assert found[0].text != found[1].text


def test_the_texts_of_the_stage_tasks(names):
    first, second = tasks(
        names,
        "1. Phòng Nội vụ tổng hợp kết quả, báo cáo sơ kết trước 15/6/2024, tổng kết trước"
        " 15/12/2024, gửi Văn phòng HĐND và UBND huyện.",
    )
    assert first.text == (
        "Phòng Nội vụ tổng hợp kết quả, báo cáo sơ kết trước 15/6/2024, gửi Văn phòng HĐND"
        " và UBND huyện."
    )
    assert second.text == (
        "Phòng Nội vụ tổng hợp kết quả, báo cáo tổng kết trước 15/12/2024, gửi Văn phòng"
        " HĐND và UBND huyện."
    )
    assert first.report_to == second.report_to == "vp-hdnd-ubnd"


@pytest.mark.parametrize(
    "item",
    [
        # Two deadlines, no stage to tell them apart: one task, flagged.
        "1. Phòng Nội vụ xây dựng kế hoạch trước ngày 15/4/2024. Tổ chức thực hiện trong"
        " quý III/2024.",
        # A stage named once, with one deadline.
        "1. Phòng Nội vụ tổng hợp, báo cáo sơ kết 6 tháng trước ngày 15/6/2024.",
        # "năm" inside the deadline is no stage of its own.
        "1. Phòng Nội vụ báo cáo sơ kết trước ngày 15/6/2024, hoàn thành trong năm 2024.",
    ],
)
def test_an_item_without_a_stage_for_each_deadline_stays_one_task(names, item):
    (task,) = tasks(names, item)
    assert task.id == "1"


def test_a_clause_after_a_semicolon_that_gives_another_unit_its_own_work_is_a_task(names):
    found = tasks(
        names,
        "4. Yêu cầu Thanh tra huyện hoàn thành 03 cuộc thanh tra trong quý IV/2024; Phòng Nội"
        " vụ tham mưu xếp loại công chức trước ngày 20/12/2024.",
    )
    assert [(t.id, t.assigned, str(t.deadline.last_day)) for t in found] == [
        ("4a", ["thanh-tra"], "2024-12-31"),
        ("4b", ["noi-vu"], "2024-12-19"),
    ]
    assert found[1].text.startswith("Phòng Nội vụ tham mưu")


@pytest.mark.parametrize(
    "item",
    [
        # Units that coordinate, and units named as objects, stay with the task.
        "4. Phòng Tư pháp chủ trì rà soát văn bản trong quý IV/2024; Phòng Nội vụ phối hợp.",
        "4. Phòng Tư pháp rà soát văn bản trong quý IV/2024; báo cáo Phòng Nội vụ kết quả.",
        "4. Phòng Tư pháp rà soát văn bản; UBND các xã, thị trấn được hướng dẫn trong quý IV.",
    ],
)
def test_a_clause_after_a_semicolon_without_a_unit_of_its_own_stays(names, item):
    (task,) = tasks(names, item)
    assert task.id == "4" and task.assigned == ["tu-phap"]


@pytest.mark.parametrize("then", ["đồng thời", "sau đó"])
def test_a_second_piece_of_work_with_its_own_deadline_is_a_task_for_the_same_units(names, then):
    found = tasks(
        names,
        "1. Giao Phòng Lao động - Thương binh và Xã hội lập danh sách hộ nghèo trước ngày"
        f" 10/4/2024; {then} phối hợp với Phòng Tài chính - Kế hoạch tổ chức tặng quà xong"
        " trước ngày 20/5/2024.",
    )
    assert [(t.id, t.assigned, str(t.deadline.last_day)) for t in found] == [
        ("1a", ["ld-tbxh"], "2024-04-09"),
        ("1b", ["ld-tbxh"], "2024-05-19"),
    ]
    assert found[1].with_ == ["tc-kh"]


def test_a_second_piece_of_work_without_a_deadline_stays_with_the_first(names):
    (task,) = tasks(
        names,
        "1. Phòng Văn hóa và Thông tin xây dựng kế hoạch trong tháng 4/2024; đồng thời tổ"
        " chức tuyên truyền trên hệ thống truyền thanh.",
    )
    assert task.id == "1" and str(task.deadline.last_day) == "2024-04-30"


def test_the_words_after_the_stages_follow_each_stage_with_their_space(names):
    first, second = tasks(
        names,
        "1. Phòng Nội vụ báo cáo sơ kết trước 15/6/2024, tổng kết trước 15/12/2024 và gửi"
        " kèm tài liệu kiểm chứng.",
    )
    assert first.text == (
        "Phòng Nội vụ báo cáo sơ kết trước 15/6/2024 và gửi kèm tài liệu kiểm chứng."
    )
    assert second.text == (
        "Phòng Nội vụ báo cáo tổng kết trước 15/12/2024 và gửi kèm tài liệu kiểm chứng."
    )


def test_a_piece_cut_at_a_semicolon_ends_as_a_sentence(names):
    first, second = tasks(
        names,
        "4. Thanh tra huyện hoàn thành 03 cuộc thanh tra trong quý IV/2024; Phòng Nội vụ tham"
        " mưu xếp loại công chức trước ngày 20/12/2024",
    )
    assert first.text == "Thanh tra huyện hoàn thành 03 cuộc thanh tra trong quý IV/2024."
    assert second.text.endswith("trước ngày 20/12/2024")
