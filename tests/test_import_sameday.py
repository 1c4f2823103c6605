""" "Trước 20 giờ cùng ngày" in a notice (services/sameday): the day it refers to is
written out and flagged, never guessed where the notice names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.services.importer import Draft, to_yaml
from cchc_cli.services.meaning import deadline_in, read_tasks
from cchc_cli.services.noticehead import Closing, Header
from cchc_cli.services.noticelines import Line
from cchc_cli.services.structure import Layout, body_tree
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
ISSUED = PartialDate(2024, 9, 6)


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def tasks(names, body: str):
    lines = [Line(text) for text in body.strip().splitlines()]
    return read_tasks(
        Layout(Header(), body_tree(lines), Closing()), names, deadline_in, ISSUED
    ).tasks


def test_the_same_day_as_the_task_before(names):
    _, second = tasks(
        names,
        "1. UBND các xã ven biển kêu gọi tàu thuyền vào nơi trú ẩn trước 17 giờ ngày 07/9/2024.\n"
        "2. UBND các xã ven biển tổ chức sơ tán dân, báo cáo trước 20 giờ cùng ngày.",
    )
    assert str(second.deadline.last_day) == "2024-09-07"
    assert second.deadline.text == "trước 20 giờ ngày 07/09/2024"
    assert second.review == ["import.same-day:trước 20 giờ cùng ngày"]


def test_the_same_day_as_a_day_named_before_it_in_the_item(names):
    (task,) = tasks(
        names,
        "1. Phòng Nông nghiệp và PTNT dự cuộc họp ngày 09/9/2024 tại tỉnh, báo cáo kết quả"
        " chậm nhất 16 giờ cùng ngày.",
    )
    assert str(task.deadline.last_day) == "2024-09-09"
    assert task.review == ["import.same-day:chậm nhất 16 giờ cùng ngày"]


def test_no_day_to_refer_to_gives_no_deadline(names):
    (task,) = tasks(names, "1. Phòng Nội vụ báo cáo trước 20 giờ cùng ngày.")
    assert task.deadline is None and task.review == []


def test_the_draft_writes_the_day_out_and_flags_it(names):
    found = tasks(
        names,
        "1. Phòng Nội vụ họp trước 17 giờ ngày 07/9/2024.\n"
        "2. Phòng Tư pháp báo cáo trước 20 giờ cùng ngày.",
    )
    text = to_yaml(Draft(number="1/TB", tasks=found), "tb-1", "tb.txt", {})
    assert 'deadline: "trước 20 giờ ngày 07/09/2024"' in text or (
        "deadline: trước 20 giờ ngày 07/09/2024" in text
    )
    assert "# REVIEW: văn bản ghi “trước 20 giờ cùng ngày”" in text
