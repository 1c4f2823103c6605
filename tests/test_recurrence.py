"""Recurring tasks, the core (issue 23): reading a rule, its instances, references."""

from __future__ import annotations

import unicodedata
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.core.errors import UsageError
from cchc_cli.core.model import Completion, Task
from cchc_cli.core.recurrence import (
    Every,
    Recurrence,
    RecurrenceError,
    Rule,
    expand,
    instance_by_key,
    instances,
    period_of,
    period_of_key,
    pick_instance,
    split_ref,
)
from cchc_cli.core.recurrence_phrases import read_recurrence
from cchc_cli.core.workdays import WorkCalendar

# -- reading phrases ----------------------------------------------------------------------

PHRASES = [
    (
        "Định kỳ hằng tháng, báo cáo tiến độ giải ngân trước ngày 20",
        Rule(Every.MONTH, 20, before=True),
    ),
    ("dinh ky hang thang bao cao truoc ngay 20", Rule(Every.MONTH, 20, before=True)),
    ("hàng tháng,   trước  ngày 20", Rule(Every.MONTH, 20, before=True)),
    ("chậm nhất ngày 25 hằng tháng", Rule(Every.MONTH, 25)),
    ("mỗi tháng một lần", Rule(Every.MONTH)),
    ("báo cáo định kỳ hằng quý vào ngày 15 tháng cuối quý", Rule(Every.QUARTER, 15)),
    ("hằng quý, trước ngày 10 tháng đầu quý", Rule(Every.QUARTER, 10, 1, before=True)),
    ("Hằng tuần, trước 16 giờ thứ Năm", Rule(Every.WEEK, weekday=3, at=time(16))),
    ("hang tuan truoc 16h30 thu 5", Rule(Every.WEEK, weekday=3, at=time(16, 30))),
    ("trước thứ Sáu hằng tuần", Rule(Every.WEEK, weekday=4, before=True)),
    ("vào thứ Hai hằng tuần", Rule(Every.WEEK, weekday=0)),
    ("báo cáo định kỳ 6 tháng", Rule(Every.HALF)),
    ("hằng năm trước ngày 15/12", Rule(Every.YEAR, 15, 12, before=True)),
    ("thường niên, chậm nhất ngày 15 tháng 12", Rule(Every.YEAR, 15, 12)),
]


@pytest.mark.parametrize(("text", "rule"), PHRASES)
def test_a_recurrence_phrase_reads_as_its_rule(text, rule):
    found = read_recurrence(text)
    assert found is not None and found.rule == rule


@pytest.mark.parametrize(("text", "rule"), PHRASES)
def test_a_decomposed_phrase_reads_the_same(text, rule):
    found = read_recurrence(unicodedata.normalize("NFD", text))
    assert found is not None and found.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "thường xuyên",
        "định kỳ",
        "6 tháng đầu năm 2024",
        "trước ngày 20/12/2024",
        "",
        "thông tin CBCCVC theo quy định. Hoàn thành trước ngày 25/11/2023.",
        "thực hiện mọi quy trình, quy chế trước ngày 20",
        "báo cáo theo tháng trước ngày 20",
    ],
)
def test_phrases_that_name_no_period_are_not_recurrences(text):
    assert read_recurrence(text) is None


def test_an_end_is_read_with_the_rule():
    found = read_recurrence("hằng tháng trước ngày 20, đến hết năm 2024")
    assert found is not None and found.end == date(2024, 12, 31)
    found = read_recurrence("hằng quý đến ngày 30/6/2025")
    assert found is not None and found.end == date(2025, 6, 30)


def test_the_phrase_found_in_a_sentence_is_the_part_that_says_it():
    found = read_recurrence("Các xã định kỳ hằng tháng báo cáo UBND huyện trước ngày 20.")
    assert found is not None
    assert found.phrase == "định kỳ hằng tháng báo cáo UBND huyện trước ngày 20"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("hằng tuần", "recurrence.no-weekday"),
        ("hằng tháng trước 16 giờ", "recurrence.time-no-day"),
        ("hằng tháng trước 25 giờ ngày 3", "recurrence.bad-time"),
        ("hằng tháng trước ngày 32", "recurrence.bad-day"),
        ("hằng năm trước ngày 30/2", "recurrence.bad-day"),
        ("hằng tháng trước ngày 15/12", "recurrence.month-not-yearly"),
        ("hằng tháng đến ngày 31/2/2024", "recurrence.bad-end"),
    ],
)
def test_a_recurrence_that_cannot_be_made_exact_is_an_error(text, key):
    with pytest.raises(RecurrenceError) as caught:
        read_recurrence(text)
    assert caught.value.key == key


# -- instances ------------------------------------------------------------------------------


def monthly(start=date(2024, 1, 5), end=None, text="hằng tháng, trước ngày 20", calendar=None):
    found = read_recurrence(text)
    assert found is not None
    kwargs = {"calendar": calendar} if calendar else {}
    return Recurrence(text, found.rule, start, end or found.end, **kwargs)


def test_trước_ngày_20_ends_on_the_19th_each_month():
    got = instances(monthly(), date(2024, 3, 1))
    assert [(i.key, i.last_day) for i in got] == [
        ("2024-01", date(2024, 1, 19)),
        ("2024-02", date(2024, 2, 19)),
        ("2024-03", date(2024, 3, 19)),
    ]


def test_no_instance_is_made_for_a_period_not_begun():
    assert [i.key for i in instances(monthly(), date(2024, 2, 29))] == ["2024-01", "2024-02"]
    assert instances(monthly(), date(2023, 12, 31)) == []


def test_a_series_starting_after_the_periods_deadline_begins_with_the_next_period():
    got = instances(monthly(start=date(2024, 1, 25)), date(2024, 2, 1))
    assert [i.key for i in got] == ["2024-02"]


def test_no_period_begins_after_the_end():
    got = instances(monthly(end=date(2024, 2, 10)), date(2024, 6, 1))
    assert [i.key for i in got] == ["2024-01", "2024-02"]


def test_day_31_is_the_last_day_of_a_short_month():
    got = instances(monthly(text="hằng tháng, chậm nhất ngày 31"), date(2024, 2, 1))
    assert got[-1].last_day == date(2024, 2, 29)


def test_quarterly_on_the_15th_of_the_quarters_last_month():
    rec = monthly(text="hằng quý vào ngày 15 tháng cuối quý", start=date(2024, 1, 1))
    got = instances(rec, date(2024, 7, 1))
    assert [(i.key, i.last_day) for i in got] == [
        ("2024-Q1", date(2024, 3, 15)),
        ("2024-Q2", date(2024, 6, 15)),
        ("2024-Q3", date(2024, 9, 15)),
    ]


def test_weekly_before_a_time_keeps_the_day_and_the_time():
    rec = monthly(text="hằng tuần, trước 16 giờ thứ Năm", start=date(2024, 1, 29))
    got = instances(rec, date(2024, 2, 5))
    assert [(i.key, i.last_day, i.at) for i in got] == [
        ("2024-W05", date(2024, 2, 1), time(16)),
        ("2024-W06", date(2024, 2, 8), time(16)),
    ]


def test_yearly_and_half_yearly():
    rec = monthly(text="hằng năm trước ngày 15/12", start=date(2023, 1, 1))
    assert [(i.key, i.last_day) for i in instances(rec, date(2024, 1, 1))] == [
        ("2023", date(2023, 12, 14)),
        ("2024", date(2024, 12, 14)),
    ]
    rec = monthly(text="báo cáo định kỳ 6 tháng", start=date(2024, 1, 1))
    assert [(i.key, i.last_day) for i in instances(rec, date(2024, 7, 1))] == [
        ("2024-H1", date(2024, 6, 30)),
        ("2024-H2", date(2024, 12, 31)),
    ]


def test_a_last_day_off_moves_only_when_the_office_says_so():
    # 20/04/2024 is a Saturday.
    moving = WorkCalendar.of(move_to_working_day=True)
    text = "hằng tháng, chậm nhất ngày 20"
    kept = instances(monthly(text=text), date(2024, 4, 1))[-1]
    moved = instances(monthly(text=text, calendar=moving), date(2024, 4, 1))[-1]
    assert (kept.last_day, moved.last_day) == (date(2024, 4, 20), date(2024, 4, 22))


def test_a_move_never_reaches_the_day_a_trước_names():
    # "trước ngày 21": the 20th (a Saturday) would move to Monday 22, past the 21st.
    moving = WorkCalendar.of(move_to_working_day=True)
    rec = monthly(text="hằng tháng, trước ngày 21", calendar=moving)
    assert instances(rec, date(2024, 4, 1))[-1].last_day == date(2024, 4, 20)


def test_keys_name_their_periods():
    assert period_of(Every.WEEK, date(2024, 12, 30))[0] == "2025-W01"
    assert period_of_key("2024-W05") == (Every.WEEK, date(2024, 1, 29))
    assert period_of_key("2024-Q2") == (Every.QUARTER, date(2024, 4, 1))
    for bad in ("2024-13", "2024-W54", "2024-Q5", "24-01", "2024-00", "9999"):
        assert period_of_key(bad) is None


def test_a_key_of_another_kind_names_no_instance():
    assert instance_by_key(monthly(), "2024-Q1") is None
    assert instance_by_key(monthly(), "2023-12") is None  # before the series
    assert instance_by_key(monthly(), "2024-02") is not None


# -- references -------------------------------------------------------------------------------


def test_a_reference_splits_at_its_at_sign():
    assert split_ref("tb-7/1.1@2024-01") == ("tb-7/1.1", "2024-01")
    assert split_ref("1.1@2024-q1") == ("1.1", "2024-Q1")
    assert split_ref("tb-7/1.1") == ("tb-7/1.1", None)
    for bad in ("1.1@", "1.1@jan", "@2024-01", "1.1@2024-1"):
        with pytest.raises(UsageError):
            split_ref(bad)


def recurring_task(**kwargs) -> Task:
    return Task(
        "tb-7",
        "1.1",
        "Báo cáo",
        ("a", "b"),
        ("a", "b"),
        recurrence=kwargs.pop("recurrence", monthly()),
        **kwargs,
    )


def with_done(task: Task, key: str, unit: str, on: date) -> Task:
    import dataclasses

    held = task.occurrences.get(key) or dataclasses.replace(task, recurrence=None, done={})
    held = dataclasses.replace(held, done={**held.done, unit: Completion(unit, on)})
    return dataclasses.replace(task, occurrences={**task.occurrences, key: held})


def test_the_plain_reference_means_the_oldest_open_instance():
    task = with_done(recurring_task(), "2024-01", "a", date(2024, 1, 10))
    assert pick_instance(task, None, date(2024, 3, 1)).ref == "tb-7/1.1@2024-01"
    assert pick_instance(task, None, date(2024, 3, 1), ("a",)).ref == "tb-7/1.1@2024-02"
    task = with_done(task, "2024-01", "b", date(2024, 1, 10))
    assert pick_instance(task, None, date(2024, 3, 1)).ref == "tb-7/1.1@2024-02"


def test_picking_refuses_what_is_not_there():
    task = recurring_task()
    for key, message in [
        ("2024-Q1", "recurrence.wrong-key"),
        ("2024-05", "recurrence.not-begun"),
        ("2023-12", "recurrence.wrong-key"),
    ]:
        with pytest.raises(UsageError) as caught:
            pick_instance(task, key, date(2024, 3, 1))
        assert caught.value.key == message
    with pytest.raises(UsageError) as caught:
        pick_instance(task, None, date(2023, 12, 1))
    assert caught.value.key == "recurrence.none-open"
    plain = Task("tb-7", "2", "x", ("a",), ("a",))
    with pytest.raises(UsageError) as caught:
        pick_instance(plain, "2024-01", date(2024, 3, 1))
    assert caught.value.key == "recurrence.not-recurring"


def test_a_cancelled_series_makes_no_instance_after_the_cancellation():
    from cchc_cli.core.model import Cancellation

    task = recurring_task(cancelled=Cancellation("thôi", date(2024, 2, 10)))
    assert [t.id for t in expand([task], date(2024, 6, 1))] == ["1.1@2024-01", "1.1@2024-02"]


# -- the property --------------------------------------------------------------------------

RULES = st.one_of(
    st.builds(Rule, st.just(Every.MONTH), st.none() | st.integers(1, 31), st.none(),
              st.none(), st.none() | st.just(time(16)), st.booleans()),
    st.builds(Rule, st.just(Every.QUARTER), st.none() | st.integers(1, 31),
              st.none() | st.integers(1, 3), st.none(), st.none(), st.booleans()),
    st.builds(Rule, st.just(Every.HALF), st.none() | st.integers(1, 31),
              st.none() | st.integers(1, 6), st.none(), st.none(), st.booleans()),
    st.builds(Rule, st.just(Every.YEAR), st.integers(1, 28), st.integers(1, 12),
              st.none(), st.none(), st.booleans()),
    st.builds(Rule, st.just(Every.WEEK), st.none(), st.none(), st.integers(0, 6),
              st.none() | st.just(time(16)), st.booleans()),
)  # fmt: skip
DAYS = st.dates(date(2020, 1, 1), date(2026, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    RULES,
    DAYS,
    st.none() | DAYS,
    DAYS,
    st.lists(st.tuples(st.integers(0, 200), st.sampled_from("ab"), DAYS), max_size=8),
)
def test_one_instance_per_period_and_completing_one_changes_no_other(
    rule, start, end, today, completions
):
    rec = Recurrence("r", rule, start, end)
    base = recurring_task(recurrence=rec)
    before = expand([base], today)
    keys = [t.id for t in before]
    assert len(keys) == len(set(keys))  # none duplicated
    # none missing: each period from the start's to the last begun, counted day by day
    found = instances(rec, today)
    stop = min(today, end) if end else today
    expected: list[str] = []
    day = period_of(rule.every, start)[1]
    while day <= stop:
        key = period_of(rule.every, day)[0]
        if not expected or expected[-1] != key:
            expected.append(key)
        day += timedelta(days=1)
    if expected and instance_by_key(rec, expected[0]) is None:
        expected.pop(0)  # its deadline was over before the series began
    assert keys == [f"1.1@{k}" for k in expected]
    for i in found:
        assert i.begins <= today and (end is None or i.begins <= end) and i.last_day >= start
    task = base
    for pick, unit, on in completions:
        if not found:
            break
        key = found[pick % len(found)].key
        task = with_done(task, key, unit, on)
        after = expand([task], today)
        assert [t.id for t in after] == keys  # completing never adds or drops one
        for old, new in zip(before, after, strict=True):
            if new.id != f"1.1@{key}":
                assert old == new  # nor changes another
        before = after
