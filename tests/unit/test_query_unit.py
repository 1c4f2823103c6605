"""views/query.py: finding notices and tasks by what a clerk types, filters and order,
on a dataset built in memory."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.core.deadlines import NO_DEADLINE, parse_deadline
from cchc_cli.core.diagnostics import Source
from cchc_cli.core.errors import UsageError
from cchc_cli.core.model import (
    Completion,
    Dataset,
    Group,
    Notice,
    PartialDate,
    Registry,
    Task,
    Unit,
    index_of,
)
from cchc_cli.core.status import Status
from cchc_cli.views.query import (
    due_by,
    find_notice,
    find_task,
    natural_key,
    overdue,
    ref_matches,
    resolve_unit_list,
    resolve_units,
    select,
    select_statuses,
    sorted_notices,
    sorted_tasks,
)

REGISTRY = Registry(
    {
        "noi-vu": Unit("noi-vu", "Phòng Nội vụ", "department"),
        "vinh-ha": Unit("vinh-ha", "Xã Vĩnh Hà", "commune", groups=("xa",)),
        "vinh-ha-2": Unit("vinh-ha-2", "Xã Vĩnh Hạ", "commune", groups=("xa",)),
        "ho-xa": Unit("ho-xa", "Thị trấn Hồ Xá", "town", groups=("xa",)),
    },
    {"xa": Group("xa", "Các xã, thị trấn")},
    {"xa": ("vinh-ha", "vinh-ha-2", "ho-xa")},
)


def task(notice: str, ident: str, units: tuple[str, ...], deadline: str | None = None, **kw):
    return Task(
        notice=notice,
        id=ident,
        text=kw.pop("text", f"Nhiệm vụ {ident} của {notice}"),
        assigned=units,
        assignees=units,
        deadline=parse_deadline(deadline, 2023) if deadline else NO_DEADLINE,
        **kw,
    )


def notice(ident: str, issued: PartialDate, tasks: list[Task], number: str | None = None):
    return Notice(
        ident, f"Thông báo {ident}", issued, tuple(tasks), number=number, source=Source(ident)
    )


NOTICES = [
    # listed out of order on purpose: display order is by date, then natural id order
    notice(
        "cchc-2023-12",
        PartialDate(2023, 12, 5),
        [
            task("cchc-2023-12", "2.3", ("noi-vu",), "chậm nhất ngày 10/12/2023"),
            task("cchc-2023-12", "1", ("ho-xa",)),
        ],
        number="450/TB-UBND",
    ),
    notice(
        "cchc-2023-11",
        PartialDate(2023, 11),
        [
            task("cchc-2023-11", "2.10", ("noi-vu",), "chậm nhất ngày 01/12/2023"),
            task("cchc-2023-11", "2.3", ("vinh-ha", "vinh-ha-2", "ho-xa"), "trước ngày 01/12/2023"),
            task(
                "cchc-2023-11",
                "2.9",
                ("vinh-ha", "ho-xa"),
                "chậm nhất ngày 20/11/2023",
                text="Rà soát thủ tục hành chính",
                done={"ho-xa": Completion("ho-xa", date(2023, 11, 15))},
            ),
        ],
        number="412/TB-UBND",
    ),
    notice("gd-2023-11", PartialDate(2023, 11, 1), [task("gd-2023-11", "5", ("noi-vu",))]),
]


def dataset(read: list[str] | None = None) -> Dataset:
    """The notices above; ``read`` collects the ids of the notices actually read."""
    by_id = {n.id: n for n in NOTICES}

    def reader(entries):
        if read is not None:
            read.extend(e.id for e in entries)
        return tuple(by_id[e.id] for e in entries)

    return Dataset(REGISTRY, tuple(index_of(n) for n in NOTICES), (), reader=reader)


@pytest.mark.parametrize(
    ("ids", "ordered"),
    [
        (["2.10", "2.9", "2.3", "10", "1"], ["1", "2.3", "2.9", "2.10", "10"]),
        (["b2", "a10", "a9"], ["a9", "a10", "b2"]),
        (["1.1a", "1.1", "1.10"], ["1.1", "1.1a", "1.10"]),
    ],
)
def test_natural_order_reads_numbers_as_numbers(ids, ordered):
    assert sorted(ids, key=natural_key) == ordered


def test_notices_in_order_of_their_first_possible_day_then_id():
    assert [n.id for n in sorted_notices(NOTICES)] == ["cchc-2023-11", "gd-2023-11", "cchc-2023-12"]


def test_tasks_in_notice_order_then_natural_task_order():
    assert [t.ref for t in sorted_tasks(NOTICES)] == [
        "cchc-2023-11/2.3",
        "cchc-2023-11/2.9",
        "cchc-2023-11/2.10",
        "gd-2023-11/5",
        "cchc-2023-12/1",
        "cchc-2023-12/2.3",
    ]


@pytest.mark.parametrize(
    ("notice_id", "task_id", "written", "matches"),
    [
        ("cchc-2023-11", "2.3", "cchc-2023-11/2.3", True),
        ("cchc-2023-11", "2.3", "cchc-2023/2.3", True),
        ("cchc-2023-11", "2.3", "cchc/2.3", True),
        ("cchc-2023-11", "2.3", "2.3", True),
        ("cchc-2023-11", "2.3", " 2.3 ", True),
        ("cchc-2023-11", "2.3", "/2.3", True),
        ("cchc-2023-11", "2.3", "2.30", False),
        ("cchc-2023-11", "2.3", "2", False),
        ("cchc-2023-11", "2.3", "gd/2.3", False),
        ("cchc-2023-11", "2.3", "2023-11/2.3", False),  # a prefix, not any part
        ("cchc-2023-11", "2.3", "cchc-2023-11-x/2.3", False),
    ],
)
def test_ref_matches_the_full_form_and_every_shorter_one(notice_id, task_id, written, matches):
    assert ref_matches(notice_id, task_id, written) is matches


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("cchc-2023-11/2.3", "cchc-2023-11/2.3"),
        ("cchc-2023-12/2.3", "cchc-2023-12/2.3"),
        ("cchc-2023-11/2.9", "cchc-2023-11/2.9"),
        ("2.9", "cchc-2023-11/2.9"),  # only one notice has a 2.9
        ("5", "gd-2023-11/5"),
        ("gd/5", "gd-2023-11/5"),
        ("cchc-2023-12/1", "cchc-2023-12/1"),
        (" 2.10 ", "cchc-2023-11/2.10"),
    ],
)
def test_find_task_by_full_or_unique_short_reference(ref, found):
    assert find_task(dataset(), ref).ref == found


def test_find_task_reads_only_the_notice_it_finds():
    read: list[str] = []
    find_task(dataset(read), "gd-2023-11/5")
    assert read == ["gd-2023-11"]


def usage_error(call, *args) -> UsageError:
    with pytest.raises(UsageError) as caught:
        call(*args)
    assert caught.value.exit_code == 2
    return caught.value


def test_a_short_reference_that_fits_two_tasks_lists_both_in_date_order():
    err = usage_error(find_task, dataset(), "2.3")
    assert err.key == "cli.ref-ambiguous"
    assert err.args_ == {"ref": "2.3", "candidates": "cchc-2023-11/2.3, cchc-2023-12/2.3"}
    err = usage_error(find_task, dataset(), "cchc-2023/2.3")
    assert err.args_["candidates"] == "cchc-2023-11/2.3, cchc-2023-12/2.3"


def test_an_unknown_reference_suggests_the_closest_full_one():
    err = usage_error(find_task, dataset(), "cchc-2023-11/2.33")
    assert (err.key, err.args_["suggestion"]) == ("cli.ref-unknown-suggest", "cchc-2023-11/2.3")
    err = usage_error(find_task, dataset(), "2.99")
    assert err.key == "cli.ref-unknown-suggest"
    assert err.args_["suggestion"] in ("cchc-2023-11/2.9", "cchc-2023-12/2.3", "cchc-2023-11/2.3")


def test_an_unknown_reference_with_nothing_close_has_no_suggestion():
    err = usage_error(find_task, dataset(), "zzzz/qqqq")
    assert (err.key, err.args_) == ("cli.ref-unknown", {"ref": "zzzz/qqqq"})


def test_a_task_id_of_another_notice_is_not_found_under_this_one():
    err = usage_error(find_task, dataset(), "gd-2023-11/2.3")
    assert err.key in ("cli.ref-unknown", "cli.ref-unknown-suggest")


def test_find_notice_by_id_or_unique_prefix():
    assert find_notice(dataset(), "cchc-2023-12").id == "cchc-2023-12"
    assert find_notice(dataset(), "gd").id == "gd-2023-11"
    err = usage_error(find_notice, dataset(), "cchc")
    assert err.args_ == {"ref": "cchc", "candidates": "cchc-2023-12, cchc-2023-11"}
    err = usage_error(find_notice, dataset(), "tb-9")
    assert (err.key, err.args_) == ("cli.notice-unknown", {"notice": "tb-9"})


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("noi-vu", ("noi-vu",)),
        ("Phòng Nội vụ", ("noi-vu",)),
        ("xa", ("vinh-ha", "vinh-ha-2", "ho-xa")),
        ("Các xã, thị trấn", ("vinh-ha", "vinh-ha-2", "ho-xa")),
        ("Xã Vĩnh Hạ", ("vinh-ha-2",)),
        ("thi tran ho xa", ("ho-xa",)),
    ],
)
def test_resolve_units_gives_a_unit_or_a_groups_members(written, units):
    assert resolve_units(dataset(), written) == units


@pytest.mark.parametrize(
    ("written", "key", "args"),
    [
        (
            "xa vinh ha",
            "units.ambiguous",
            {"name": "xa vinh ha", "candidates": "vinh-ha, vinh-ha-2"},
        ),
        (
            "Phòng Nội vụu",
            "units.unknown-unit-suggest",
            {"name": "Phòng Nội vụu", "suggestion": "Phòng Nội vụ"},
        ),
        ("Sở Tài chính tỉnh", "units.unknown-unit", {"name": "Sở Tài chính tỉnh"}),
    ],
)
def test_resolve_units_refuses_what_it_cannot_decide(written, key, args):
    err = usage_error(resolve_units, dataset(), written)
    assert (err.key, err.args_) == (key, args)


def test_several_units_come_once_each_in_registry_order():
    assert resolve_unit_list(dataset(), ["ho-xa", "noi-vu", "xa"]) == (
        "noi-vu",
        "vinh-ha",
        "vinh-ha-2",
        "ho-xa",
    )


def test_select_narrows_by_notice_unit_and_folded_text():
    data = dataset()
    assert [t.ref for t in select(data, notice="gd")] == ["gd-2023-11/5"]
    assert [t.ref for t in select(data, unit="Xã Vĩnh Hà")] == [
        "cchc-2023-11/2.3",
        "cchc-2023-11/2.9",
    ]
    assert [t.ref for t in select(data, search="ra soat THU TUC")] == ["cchc-2023-11/2.9"]
    assert [t.ref for t in select(data, notice="cchc-2023-12", unit="ho-xa")] == ["cchc-2023-12/1"]
    assert select(data, search="không có") == []


# A day after every notice was issued, so every task exists on it.
LATER = date(2023, 12, 6)


def test_select_statuses_narrows_pairs_to_the_units_asked():
    items = select_statuses(dataset(), LATER, unit="ho-xa")
    assert [(i.task.ref, i.unit, i.status) for i in items] == [
        ("cchc-2023-11/2.3", "ho-xa", Status.OVERDUE),
        ("cchc-2023-11/2.9", "ho-xa", Status.DONE_ON_TIME),
        ("cchc-2023-12/1", "ho-xa", Status.ONGOING),
    ]


def test_select_statuses_narrows_to_one_notice():
    items = select_statuses(dataset(), LATER, notice="cchc-2023-12")
    assert [(i.task.ref, i.unit, i.status) for i in items] == [
        ("cchc-2023-12/1", "ho-xa", Status.ONGOING),
        ("cchc-2023-12/2.3", "noi-vu", Status.IN_PROGRESS),
    ]


def test_due_by_keeps_open_pairs_with_a_last_day_up_to_the_day_inclusive_soonest_first():
    due = due_by(select_statuses(dataset(), LATER), date(2023, 12, 10))
    assert [(i.task.ref, i.unit, i.last_day) for i in due] == [
        ("cchc-2023-11/2.9", "vinh-ha", date(2023, 11, 20)),
        ("cchc-2023-11/2.3", "vinh-ha", date(2023, 11, 30)),
        ("cchc-2023-11/2.3", "vinh-ha-2", date(2023, 11, 30)),
        ("cchc-2023-11/2.3", "ho-xa", date(2023, 11, 30)),
        ("cchc-2023-11/2.10", "noi-vu", date(2023, 12, 1)),
        ("cchc-2023-12/2.3", "noi-vu", date(2023, 12, 10)),
    ]
    assert [i.task.ref for i in due_by(select_statuses(dataset(), LATER), date(2023, 12, 9))][
        -1
    ] == "cchc-2023-11/2.10"


def test_overdue_keeps_only_overdue_pairs_in_display_order():
    items = select_statuses(dataset(), LATER)
    assert [(i.task.ref, i.unit) for i in overdue(items)] == [
        ("cchc-2023-11/2.3", "vinh-ha"),
        ("cchc-2023-11/2.3", "vinh-ha-2"),
        ("cchc-2023-11/2.3", "ho-xa"),
        ("cchc-2023-11/2.9", "vinh-ha"),
        ("cchc-2023-11/2.10", "noi-vu"),
    ]
