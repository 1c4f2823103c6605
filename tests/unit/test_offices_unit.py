"""core/offices.py: qualifying one office's ids for the combined dataset. Pure."""

from __future__ import annotations

import dataclasses
from datetime import date

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.model import Completion, Extension, Note, Notice, Task
from cchc_cli.core.offices import (
    office_of,
    qualify_notice,
    qualify_task,
    unqualified,
)


def a_task() -> Task:
    done = Completion("noi-vu", date(2023, 12, 1), "12/BC")
    return Task(
        notice="cchc-2023-11",
        id="2.3",
        text="Báo cáo",
        assigned=("noi-vu", "xa-thi-tran"),
        assignees=("noi-vu", "ho-xa"),
        lead="noi-vu",
        with_=("tu-phap",),
        done={"noi-vu": done},
        extensions=(
            Extension(date(2024, 1, 1), "lý do", unit="ho-xa"),
            Extension(date(2024, 2, 1), "chung"),
        ),
        notes=(Note(date(2023, 12, 2), "đã gửi", unit="ho-xa"), Note(date(2023, 12, 3), "chung")),
        withdrawn=((Completion("ho-xa", date(2023, 11, 30)), date(2023, 12, 5)),),
    )


def test_every_unit_id_of_a_task_is_qualified_and_nothing_else_changes():
    task = a_task()
    got = qualify_task("vinh-linh", "vinh-linh:cchc-2023-11", task)
    q = "vinh-linh/".__add__
    expected = dataclasses.replace(
        task,
        notice="vinh-linh:cchc-2023-11",
        assigned=tuple(map(q, task.assigned)),
        assignees=tuple(map(q, task.assignees)),
        lead=q("noi-vu"),
        with_=(q("tu-phap"),),
        done={q("noi-vu"): dataclasses.replace(task.done["noi-vu"], unit=q("noi-vu"))},
        extensions=(dataclasses.replace(task.extensions[0], unit=q("ho-xa")), task.extensions[1]),
        notes=(dataclasses.replace(task.notes[0], unit=q("ho-xa")), task.notes[1]),
        withdrawn=((Completion(q("ho-xa"), date(2023, 11, 30)), date(2023, 12, 5)),),
    )
    assert got == expected
    assert got.ref == "vinh-linh:cchc-2023-11/2.3"
    assert task.assignees == ("noi-vu", "ho-xa")  # the original is untouched


def test_a_notice_and_its_tasks_are_qualified_together():
    notice = Notice("cchc-2023-11", "Kết luận", PartialDate(2023, 11), (a_task(),))
    got = qualify_notice("gio-linh", notice)
    assert got.id == "gio-linh:cchc-2023-11"
    assert got.tasks[0].notice == got.id and got.title == "Kết luận"


def test_the_office_of_an_id():
    assert office_of("vinh-linh/noi-vu") == "vinh-linh"
    assert office_of("vinh-linh:cchc-2023-11/1.1") == "vinh-linh"
    assert office_of("vinh-linh:cchc-2023-11") == "vinh-linh"
    assert office_of("noi-vu") is None
    assert office_of("Tổng cộng") is None
    assert unqualified("vinh-linh:cchc-2023-11") == "cchc-2023-11"
    assert unqualified("cchc-2023-11") == "cchc-2023-11"


def test_the_offices_registry_expands_as_any_registry_does():
    from cchc_cli.core.model import Group, Registry, Unit
    from cchc_cli.core.offices import OfficesRegistry

    units = {i: Unit(i, i.upper(), "department") for i in ("a/x", "a/y", "b/x", "b/z")}
    groups = {g: Group(g, g) for g in ("a", "b", "a/g")}
    members = {"a": ("a/x", "a/y"), "b": ("b/x", "b/z"), "a/g": ("a/y",)}
    fast = OfficesRegistry(units, groups, members)
    plain = Registry(units, groups, members)
    for idents in (["a"], ["b/z"], ["a/g"], ["nowhere"], ["a", "b/x"], [], ["b/z", "a/x"]):
        assert fast.expand(idents) == plain.expand(idents), idents
