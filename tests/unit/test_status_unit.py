"""core/status.py: invariants of the report categories over every day, and the tally."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.deadlines import NO_DEADLINE, Deadline, DeadlineKind
from cchc_cli.core.model import Cancellation, Completion, Extension, Task
from cchc_cli.core.status import (
    DONE,
    OPEN,
    REPORTED,
    WITH_DEADLINE,
    Status,
    Tally,
    office_date,
    statuses,
    task_done,
    task_statuses,
    unit_status,
)

S = Status
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
offsets = st.integers(min_value=-400, max_value=400)


def task(last: date | None, done: dict[str, date] | None = None, units=("a",), **kw) -> Task:
    deadline = Deadline("x", DeadlineKind.NO_LATER_THAN, last) if last else NO_DEADLINE
    return Task(
        notice="tb",
        id="1",
        text="...",
        assigned=tuple(units),
        assignees=tuple(units),
        deadline=deadline,
        done={u: Completion(u, on) for u, on in (done or {}).items()},
        **kw,
    )


@given(days, offsets)
def test_an_open_task_is_in_progress_through_its_last_day_and_overdue_after(last, offset):
    today = last + timedelta(days=offset)
    item = unit_status(task(last), "a", today)
    assert item.status is (S.IN_PROGRESS if offset <= 0 else S.OVERDUE)
    assert item.days_left == -offset
    assert item.days_overdue == (offset if offset > 0 else None)


@given(days, offsets, offsets)
def test_a_completion_counts_from_its_day_and_decides_on_time_or_late(last, done_at, seen_at):
    done_on = last + timedelta(days=done_at)
    today = done_on + timedelta(days=seen_at)
    item = unit_status(task(last, {"a": done_on}), "a", today)
    if seen_at < 0:
        assert item.status in OPEN and item.completion is None
    else:
        assert item.status is (S.DONE_ON_TIME if done_at <= 0 else S.DONE_LATE)
        assert item.done_on == done_on
        assert item.days_left is None
        assert item.days_overdue == (done_at if done_at > 0 else None)


@given(days, days)
def test_without_a_deadline_a_task_is_ongoing_or_done_without_deadline(done_on, today):
    item = unit_status(task(None, {"a": done_on}), "a", today)
    assert item.status is (S.DONE_NO_DEADLINE if done_on <= today else S.ONGOING)
    assert item.days_left is None and item.days_overdue is None and item.last_day is None


@given(days, offsets)
def test_every_pair_is_in_exactly_one_reported_category_unless_cancelled(last, offset):
    today = last + timedelta(days=offset)
    for t in (task(last), task(last, {"a": last}), task(None), task(None, {"a": last})):
        status = unit_status(t, "a", today).status
        assert status in REPORTED
        assert (status in DONE) + (status in OPEN) == 1


@given(days, offsets)
def test_a_cancellation_counts_from_its_day(last, offset):
    cancelled_on = last + timedelta(days=offset)
    t = task(last, cancelled=Cancellation("Không còn phù hợp", on=cancelled_on))
    assert unit_status(t, "a", cancelled_on).status is S.CANCELLED
    assert unit_status(t, "a", cancelled_on - timedelta(days=1)).status is not S.CANCELLED


def test_an_undated_cancellation_or_extension_counts_from_the_start():
    last = date(2023, 12, 1)
    cancelled = task(last, cancelled=Cancellation("Bỏ"))
    assert unit_status(cancelled, "a", date(2000, 1, 1)).status is S.CANCELLED
    extended = task(last, extensions=(Extension(date(2023, 12, 31), "Gia hạn"),))
    assert unit_status(extended, "a", date(2023, 12, 20)).status is S.IN_PROGRESS
    assert unit_status(extended, "a", date(2023, 12, 20)).last_day == date(2023, 12, 31)


@given(days, st.integers(min_value=2, max_value=60), st.integers(min_value=0, max_value=60))
def test_an_extension_is_in_force_from_the_day_it_is_decided(last, decided_after, longer):
    # Decided at least two days after the last day: the day before it, the task is overdue.
    decided = last + timedelta(days=decided_after)
    new_last = decided + timedelta(days=longer)
    t = task(last, extensions=(Extension(new_last, "Gia hạn", on=decided),))
    before = unit_status(t, "a", decided - timedelta(days=1))
    after = unit_status(t, "a", decided)
    assert (before.status, before.last_day) == (S.OVERDUE, last)
    assert (after.status, after.last_day) == (S.IN_PROGRESS, new_last)


def test_a_group_task_is_done_only_when_every_member_is():
    last = date(2023, 12, 1)
    t = task(last, {"a": date(2023, 11, 30), "b": date(2023, 12, 5)}, units=("a", "b", "c"))
    items = task_statuses(t, date(2023, 12, 10))
    assert [(i.unit, i.status) for i in items] == [
        ("a", S.DONE_ON_TIME),
        ("b", S.DONE_LATE),
        ("c", S.OVERDUE),
    ]
    assert task_done(t, date(2023, 12, 10)) is False
    all_done = task(last, {u: last for u in "abc"}, units=("a", "b", "c"))
    assert task_done(all_done, last) is True


def test_statuses_of_several_tasks_keep_task_then_unit_order():
    first = task(None, units=("b", "a"))
    second = Task("tb", "2", "...", ("c",), ("c",))
    assert [(i.task.id, i.unit) for i in statuses([first, second], date(2024, 1, 1))] == [
        ("1", "b"),
        ("1", "a"),
        ("2", "c"),
    ]


def tally(*found: Status) -> Tally:
    return Tally(Counter(found))


def test_the_tally_counts_rates_against_tasks_with_a_deadline():
    counted = tally(
        S.DONE_ON_TIME,
        S.DONE_ON_TIME,
        S.DONE_LATE,
        S.IN_PROGRESS,
        S.OVERDUE,
        S.ONGOING,
        S.DONE_NO_DEADLINE,
        S.CANCELLED,
    )
    assert (counted.total, counted.done, counted.with_deadline) == (7, 4, 5)
    assert counted.completion_rate == round(100 * 4 / 7, 1) == 57.1
    assert counted.overdue_rate == 20.0
    assert counted[S.CANCELLED] == 1 and counted[S.OVERDUE] == 1


def test_an_empty_tally_has_no_rates():
    empty = tally()
    assert (empty.total, empty.completion_rate, empty.overdue_rate) == (0, None, None)
    no_deadline = tally(S.ONGOING, S.DONE_NO_DEADLINE)
    assert (no_deadline.completion_rate, no_deadline.overdue_rate) == (50.0, None)


@given(st.lists(st.sampled_from(list(Status)), max_size=40))
def test_tally_totals_add_up(found):
    counted = tally(*found)
    assert (
        counted.total == sum(counted[s] for s in REPORTED) == len(found) - found.count(S.CANCELLED)
    )
    assert counted.done + sum(counted[s] for s in OPEN) == counted.total
    assert counted.with_deadline == sum(counted[s] for s in WITH_DEADLINE) <= counted.total
    for rate in (counted.completion_rate, counted.overdue_rate):
        assert rate is None or 0 <= rate <= 100


def test_tally_of_statuses_counts_each_pair():
    t = task(date(2023, 12, 1), {"a": date(2023, 11, 1)}, units=("a", "b"))
    counted = Tally.of(task_statuses(t, date(2023, 12, 2)))
    assert (counted[S.DONE_ON_TIME], counted[S.OVERDUE], counted.total) == (1, 1, 2)


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        (datetime(2023, 12, 9, 16, 59, tzinfo=UTC), date(2023, 12, 9)),  # 23:59 in Vietnam
        (datetime(2023, 12, 9, 17, 0, tzinfo=UTC), date(2023, 12, 10)),  # midnight in Vietnam
        (datetime(2023, 12, 9, 17, 30, tzinfo=UTC), date(2023, 12, 10)),  # cron at 00:30
        (datetime(2023, 12, 31, 17, 0, tzinfo=UTC), date(2024, 1, 1)),
    ],
)
def test_the_office_day_is_the_day_in_ho_chi_minh_city(utc, day):
    assert office_date(utc, "Asia/Ho_Chi_Minh") == day


def test_another_office_time_zone_is_honoured():
    utc = datetime(2023, 12, 9, 23, 0, tzinfo=UTC)
    assert office_date(utc, "Asia/Ho_Chi_Minh") == date(2023, 12, 10)
    assert office_date(utc, "Europe/London") == date(2023, 12, 9)
