"""views/tables.py: the small texts every view shares (time left, who has still to act)."""

from __future__ import annotations

import pytest

from cchc_cli.core.model import Group, Registry, Task, Unit
from cchc_cli.views.i18n import Lang
from cchc_cli.views.tables import open_units_text, time_left


@pytest.mark.parametrize(
    ("days", "vi", "en"),
    [
        (None, "", ""),
        (5, "còn 5 ngày", "5 days left"),
        (1, "còn 1 ngày", "1 day left"),
        (0, "hôm nay là hạn cuối", "last day today"),
        (-1, "quá 1 ngày", "1 day overdue"),
        (-30, "quá 30 ngày", "30 days overdue"),
    ],
)
def test_time_left_in_both_languages(days, vi, en):
    assert (time_left(days, Lang.VI), time_left(days, Lang.EN)) == (vi, en)


REGISTRY = Registry(
    {
        "noi-vu": Unit("noi-vu", "Phòng Nội vụ", "department"),
        "ho-xa": Unit("ho-xa", "Thị trấn Hồ Xá", "town", groups=("xa",)),
        "vinh-ha": Unit("vinh-ha", "Xã Vĩnh Hà", "commune", groups=("xa",)),
        "vinh-tu": Unit("vinh-tu", "Xã Vĩnh Tú", "commune", groups=("xa",)),
    },
    {"xa": Group("xa", "UBND các xã, thị trấn")},
    {"xa": ("ho-xa", "vinh-ha", "vinh-tu")},
)
TASK = Task(
    "tb-1",
    "1",
    "x",
    ("noi-vu", "xa"),
    ("noi-vu", "ho-xa", "vinh-ha", "vinh-tu"),
)


def test_a_group_whose_members_are_all_open_is_named_by_its_name():
    text = open_units_text(TASK, ["noi-vu", "ho-xa", "vinh-ha", "vinh-tu"], REGISTRY, Lang.EN)
    assert text == "Phòng Nội vụ; UBND các xã, thị trấn (3 of 3 not done)"


def test_a_group_partly_done_names_its_open_members():
    text = open_units_text(TASK, ["ho-xa", "vinh-tu"], REGISTRY, Lang.VI)
    assert text == "UBND các xã, thị trấn (2/3 chưa xong): Thị trấn Hồ Xá, Xã Vĩnh Tú"


def test_nobody_open_is_an_empty_text():
    assert open_units_text(TASK, [], REGISTRY, Lang.VI) == ""


def test_a_unit_assigned_directly_and_through_a_group_is_named_once():
    task = Task("tb-1", "1", "x", ("ho-xa", "xa"), ("ho-xa", "vinh-ha", "vinh-tu"))
    text = open_units_text(task, ["ho-xa", "vinh-ha"], REGISTRY, Lang.EN)
    # (How the group's share counts a member also assigned directly is being settled
    # on another branch; the names are not.)
    assert text.count("Thị trấn Hồ Xá") == 1
    assert text.startswith("Thị trấn Hồ Xá; UBND các xã, thị trấn (")
    assert text.endswith("): Xã Vĩnh Hà")
