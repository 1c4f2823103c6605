"""The status engine, table-driven: every category, boundary days, time zone,
extensions, cancellations and group tasks."""

from datetime import UTC, date, datetime, timedelta

import pytest

from cchc_cli.core.deadlines import NO_DEADLINE, parse_deadline
from cchc_cli.core.model import Cancellation, Completion, Extension, Task
from cchc_cli.core.status import (
    Status,
    Tally,
    last_day_on,
    office_date,
    task_done,
    task_statuses,
    unit_status,
)

S = Status


def task(deadline: str | None = None, done=None, extensions=(), cancelled=None, units=("a",)):
    return Task(
        notice="tb",
        id="1",
        text="...",
        assigned=tuple(units),
        assignees=tuple(units),
        deadline=parse_deadline(deadline, 2023) if deadline else NO_DEADLINE,
        done={u: Completion(u, on) for u, on in (done or {}).items()},
        extensions=tuple(extensions),
        cancelled=cancelled,
    )


D = date


@pytest.mark.parametrize(
    ("deadline", "done_on", "today", "expected"),
    [
        # before: the last day is the day before the date written
        ("trước ngày 10/12/2023", None, D(2023, 12, 8), S.IN_PROGRESS),
        ("trước ngày 10/12/2023", None, D(2023, 12, 9), S.IN_PROGRESS),
        ("trước ngày 10/12/2023", None, D(2023, 12, 10), S.OVERDUE),
        ("trước ngày 10/12/2023", D(2023, 12, 9), D(2023, 12, 20), S.DONE_ON_TIME),
        ("trước ngày 10/12/2023", D(2023, 12, 10), D(2023, 12, 20), S.DONE_LATE),
        # no later than: the day itself is the last day
        ("chậm nhất ngày 24/11/2023", None, D(2023, 11, 24), S.IN_PROGRESS),
        ("chậm nhất ngày 24/11/2023", None, D(2023, 11, 25), S.OVERDUE),
        ("chậm nhất ngày 24/11/2023", D(2023, 11, 24), D(2023, 11, 30), S.DONE_ON_TIME),
        ("chậm nhất ngày 24/11/2023", D(2023, 11, 25), D(2023, 11, 30), S.DONE_LATE),
        # until
        ("từ nay đến 14/12/2023", None, D(2023, 12, 14), S.IN_PROGRESS),
        ("từ nay đến 14/12/2023", None, D(2023, 12, 15), S.OVERDUE),
        # before a time of day: judged by the day
        ("trước 14 giờ, ngày 05/12/2023", None, D(2023, 12, 5), S.IN_PROGRESS),
        ("trước 14 giờ, ngày 05/12/2023", None, D(2023, 12, 6), S.OVERDUE),
        # periods
        ("từ nay đến cuối năm 2023", None, D(2023, 12, 31), S.IN_PROGRESS),
        ("từ nay đến cuối năm 2023", None, D(2024, 1, 1), S.OVERDUE),
        ("trong tháng 12/2023", None, D(2023, 12, 31), S.IN_PROGRESS),
        ("trong tháng 12/2023", None, D(2024, 1, 1), S.OVERDUE),
        ("trong quý IV/2023", D(2023, 12, 31), D(2024, 1, 5), S.DONE_ON_TIME),
        ("trong quý IV/2023", None, D(2024, 1, 1), S.OVERDUE),
        # no deadline
        (None, None, D(2030, 1, 1), S.ONGOING),
        ("thường xuyên", None, D(2030, 1, 1), S.ONGOING),
        (None, D(2023, 12, 1), D(2023, 12, 5), S.DONE_NO_DEADLINE),
        # a completion dated after "today" has not happened yet
        ("trước ngày 10/12/2023", D(2023, 12, 5), D(2023, 12, 1), S.IN_PROGRESS),
        ("trước ngày 10/12/2023", D(2023, 12, 15), D(2023, 12, 12), S.OVERDUE),
        (None, D(2023, 12, 5), D(2023, 12, 1), S.ONGOING),
    ],
)
def test_status_of_one_unit(deadline, done_on, today, expected):
    subject = task(deadline, done={"a": done_on} if done_on else None)
    assert unit_status(subject, "a", today).status is expected


def test_days_left_and_overdue_count_calendar_days():
    subject = task("trước ngày 10/12/2023")
    assert unit_status(subject, "a", D(2023, 12, 1)).days_left == 8
    assert unit_status(subject, "a", D(2023, 12, 9)).days_left == 0
    late = unit_status(subject, "a", D(2023, 12, 12))
    assert (late.days_left, late.days_overdue) == (-3, 3)
    done_late = unit_status(
        task("trước ngày 10/12/2023", done={"a": D(2023, 12, 14)}), "a", D(2024, 1, 1)
    )
    assert (done_late.days_left, done_late.days_overdue) == (None, 5)


def test_an_extension_moves_the_last_day_and_keeps_the_original():
    extended = task(
        "trước ngày 10/12/2023",
        extensions=[Extension(D(2023, 12, 20), "Chờ số liệu", on=D(2023, 12, 5))],
    )
    assert extended.deadline.last_day == D(2023, 12, 9)
    assert unit_status(extended, "a", D(2023, 12, 15)).status is S.IN_PROGRESS
    assert unit_status(extended, "a", D(2023, 12, 21)).status is S.OVERDUE
    assert unit_status(extended, "a", D(2023, 12, 15)).last_day == D(2023, 12, 20)


def test_an_extension_decided_later_is_not_in_force_yet():
    extended = task(
        "trước ngày 10/12/2023",
        extensions=[Extension(D(2023, 12, 20), "Chờ số liệu", on=D(2023, 12, 12))],
    )
    assert last_day_on(extended, D(2023, 12, 11)) == D(2023, 12, 9)
    assert unit_status(extended, "a", D(2023, 12, 11)).status is S.OVERDUE
    assert unit_status(extended, "a", D(2023, 12, 12)).status is S.IN_PROGRESS


def test_the_latest_extension_in_force_wins():
    extended = task(
        "trước ngày 10/12/2023",
        extensions=[
            Extension(D(2023, 12, 20), "một"),
            Extension(D(2023, 12, 31), "hai", on=D(2023, 12, 18)),
        ],
    )
    assert last_day_on(extended, D(2023, 12, 17)) == D(2023, 12, 20)
    assert last_day_on(extended, D(2023, 12, 18)) == D(2023, 12, 31)


def test_done_late_is_judged_against_the_extended_deadline():
    extended = task(
        "trước ngày 10/12/2023",
        done={"a": D(2023, 12, 15)},
        extensions=[Extension(D(2023, 12, 20), "Chờ số liệu")],
    )
    assert unit_status(extended, "a", D(2024, 1, 1)).status is S.DONE_ON_TIME


def test_a_cancelled_task_counts_in_no_category_from_its_date():
    dropped = task(
        "trước ngày 10/12/2023", cancelled=Cancellation("Không còn phù hợp", on=D(2023, 12, 5))
    )
    assert unit_status(dropped, "a", D(2023, 12, 4)).status is S.IN_PROGRESS
    assert unit_status(dropped, "a", D(2023, 12, 5)).status is S.CANCELLED
    assert unit_status(dropped, "a", D(2024, 1, 1)).status is S.CANCELLED
    tally = Tally.of(task_statuses(dropped, D(2024, 1, 1)))
    assert (tally.total, tally[S.CANCELLED], tally.overdue_rate) == (0, 1, None)


def test_a_group_task_has_one_status_per_member_and_is_done_when_all_are():
    communes = ("a", "b", "c")
    subject = task(
        "trước ngày 10/12/2023",
        units=communes,
        done={"a": D(2023, 12, 1), "b": D(2023, 12, 11)},
    )
    today = D(2023, 12, 12)
    assert [s.status for s in task_statuses(subject, today)] == [
        S.DONE_ON_TIME,
        S.DONE_LATE,
        S.OVERDUE,
    ]
    assert not task_done(subject, today)
    all_done = task(
        "trước ngày 10/12/2023", units=communes, done={u: D(2023, 12, 1) for u in communes}
    )
    assert task_done(all_done, today)


def test_tally_counts_rates_against_tasks_with_a_deadline():
    today = D(2023, 12, 12)
    items = [
        *task_statuses(task("trước ngày 10/12/2023", units=("a", "b")), today),  # 2 overdue
        *task_statuses(task("trước ngày 31/12/2023", units=("a",)), today),  # in progress
        *task_statuses(task("trước ngày 10/12/2023", done={"a": D(2023, 12, 1)}), today),
        *task_statuses(task(None, units=("a", "b", "c")), today),  # 3 ongoing
    ]
    tally = Tally.of(items)
    assert tally.total == 7
    assert tally.with_deadline == 4
    assert tally.overdue_rate == 50.0
    assert tally.completion_rate == round(100 / 7, 1)


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2023, 12, 9, 16, 59, tzinfo=UTC), D(2023, 12, 9)),
        (datetime(2023, 12, 9, 17, 0, tzinfo=UTC), D(2023, 12, 10)),
        (datetime(2023, 12, 9, 17, 30, tzinfo=UTC), D(2023, 12, 10)),
    ],
)
def test_today_is_the_office_day_not_the_server_day(utc, expected):
    assert office_date(utc, "Asia/Ho_Chi_Minh") == expected


def test_a_cron_job_just_after_midnight_in_vietnam_sees_the_new_day():
    # 00:30 in Vĩnh Linh is 17:30 UTC the evening before.
    now = datetime(2023, 12, 9, 17, 30, tzinfo=UTC)
    subject = task("trước ngày 10/12/2023")
    assert unit_status(subject, "a", now.date()).status is S.IN_PROGRESS
    assert unit_status(subject, "a", office_date(now, "Asia/Ho_Chi_Minh")).status is S.OVERDUE
    assert office_date(now + timedelta(hours=7), "UTC") == D(2023, 12, 10)


# -- the state of the data as of a day (core.asof) -------------------------------------


def notice_dated(when: str, meeting: date | None = None):
    from cchc_cli.core.dates import parse_partial_date
    from cchc_cli.core.model import Notice

    return Notice("tb", "T", parse_partial_date(when), (), meeting_date=meeting)


@pytest.mark.parametrize(
    ("when", "meeting", "first_day", "assigned"),
    [
        # a partial date: from its first day (it may have been issued then); the
        # silence of the quiet list counts from the meeting, never from 01/11
        ("2023-11", D(2023, 11, 22), D(2023, 11, 1), D(2023, 11, 22)),
        # no meeting: the silence counts from the last day the date can mean
        ("2023-11", None, D(2023, 11, 1), D(2023, 11, 30)),
        ("2023", None, D(2023, 1, 1), D(2023, 12, 31)),
        # a complete date: the meeting (days before) is when the tasks became known
        ("2023-11-25", D(2023, 11, 22), D(2023, 11, 22), D(2023, 11, 22)),
        ("2023-11-25", None, D(2023, 11, 25), D(2023, 11, 25)),
    ],
)
def test_when_a_notice_exists_and_when_its_tasks_were_given(when, meeting, first_day, assigned):
    from cchc_cli.core.asof import assigned_on, exists_on, issued_from

    subject = notice_dated(when, meeting)
    assert issued_from(subject) == first_day
    assert not exists_on(subject, first_day - timedelta(days=1))
    assert exists_on(subject, first_day)
    assert assigned_on(subject) == assigned


def test_tasks_as_of_leave_out_notices_not_issued_yet():
    from cchc_cli.core.asof import tasks_as_of

    subject = task("trước ngày 10/12/2023")
    november = notice_dated("2023-11", D(2023, 11, 22))
    assert tasks_as_of([november], [subject], D(2023, 10, 31)) == []
    assert tasks_as_of([november], [subject], D(2023, 11, 1)) == [subject]
    issued = notice_dated("2023-12-05", D(2023, 12, 1))
    assert tasks_as_of([issued], [subject], D(2023, 11, 30)) == []
    assert tasks_as_of([issued], [subject], D(2023, 12, 1)) == [subject]


def test_task_as_of_takes_away_what_was_recorded_later():
    from cchc_cli.core.asof import task_as_of
    from cchc_cli.core.model import Note

    subject = Task(
        notice="tb",
        id="1",
        text="...",
        assigned=("a", "b"),
        assignees=("a", "b"),
        done={"a": Completion("a", D(2023, 12, 1)), "b": Completion("b", D(2023, 12, 9))},
        extensions=(
            Extension(D(2023, 12, 20), "r", on=None),
            Extension(D(2023, 12, 31), "r", on=D(2023, 12, 8)),
        ),
        cancelled=Cancellation("r", on=D(2023, 12, 10)),
        notes=(Note(D(2023, 12, 2), "x"), Note(D(2023, 12, 7), "y")),
    )
    seen = task_as_of(subject, D(2023, 12, 5))
    assert list(seen.done) == ["a"]
    assert [e.to for e in seen.extensions] == [D(2023, 12, 20)]  # undated: always known
    assert seen.cancelled is None
    assert [n.text for n in seen.notes] == ["x"]
    assert task_as_of(subject, D(2023, 12, 10)) is subject  # nothing later: the same task
