"""core/model.py: the dataset reads notices only when asked, each once."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.core.deadlines import Deadline, DeadlineKind
from cchc_cli.core.diagnostics import Source, error, warning
from cchc_cli.core.model import (
    Dataset,
    Extension,
    Notice,
    PartialDate,
    Registry,
    Task,
    index_of,
)


def notice(ident: str, issued: PartialDate, task_ids: tuple[str, ...]) -> Notice:
    tasks = tuple(Task(ident, t, "x", ("a",), ("a",)) for t in task_ids)
    return Notice(ident, "T", issued, tasks, source=Source(f"notices/{ident}.yaml"))


NOTICES = (
    notice("tb-1", PartialDate(2023, 11), ("1", "2")),
    notice("tb-2", PartialDate(2023, 12, 5), ("1",)),
)


def dataset(calls: list[tuple[str, ...]], diagnostics=()) -> Dataset:
    by_id = {n.id: n for n in NOTICES}

    def reader(entries):
        calls.append(tuple(e.id for e in entries))
        return tuple(by_id[e.id] for e in entries)

    return Dataset(
        Registry({}, {}, {}), tuple(index_of(n) for n in NOTICES), diagnostics, reader=reader
    )


def test_the_index_holds_id_path_first_day_and_task_ids():
    entry = index_of(NOTICES[0])
    assert (entry.id, entry.path, entry.issued, entry.task_ids) == (
        "tb-1",
        "notices/tb-1.yaml",
        date(2023, 11, 1),
        ("1", "2"),
    )


def test_counting_tasks_reads_no_notice():
    calls: list[tuple[str, ...]] = []
    assert dataset(calls).task_count == 3
    assert calls == []


def test_one_notice_is_read_once_however_often_asked():
    calls: list[tuple[str, ...]] = []
    data = dataset(calls)
    entry = data.index[1]
    assert data.notice(entry) is data.notice(entry)
    assert calls == [("tb-2",)]


def test_all_notices_are_read_in_one_call_and_then_serve_single_requests():
    calls: list[tuple[str, ...]] = []
    data = dataset(calls)
    assert [n.id for n in data.notices] == ["tb-1", "tb-2"]
    assert data.notice(data.index[0]).id == "tb-1"
    assert [t.ref for t in data.tasks] == ["tb-1/1", "tb-1/2", "tb-2/1"]
    assert calls == [("tb-1", "tb-2")]


def test_a_dataset_without_a_reader_refuses_to_invent_notices():
    data = Dataset(Registry({}, {}, {}), (index_of(NOTICES[0]),), ())
    with pytest.raises(LookupError):
        data.notices  # noqa: B018
    assert Dataset(Registry({}, {}, {}), (), ()).notices == ()


def test_has_errors_only_for_errors_not_warnings():
    calls: list[tuple[str, ...]] = []
    place = Source("a.yaml", 1, 1)
    assert not dataset(calls, (warning(place, "yaml.empty"),)).has_errors
    assert dataset(calls, (warning(place, "yaml.empty"), error(place, "yaml.empty"))).has_errors


def test_a_tasks_last_day_is_the_latest_extensions_else_the_deadlines():
    deadline = Deadline("x", DeadlineKind.NO_LATER_THAN, date(2023, 12, 1))
    task = Task("tb-1", "1", "x", ("a",), ("a",), deadline=deadline)
    assert task.last_day == date(2023, 12, 1)
    extended = Task(
        "tb-1",
        "1",
        "x",
        ("a",),
        ("a",),
        deadline=deadline,
        extensions=(Extension(date(2023, 12, 15), "r1"), Extension(date(2023, 12, 31), "r2")),
    )
    assert extended.last_day == date(2023, 12, 31)
    assert extended.ref == "tb-1/1"
