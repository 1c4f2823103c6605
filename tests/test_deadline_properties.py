"""Properties of the deadline engine (issue 18): counts in working days end on working
days, a date without a year is the first on or after the notice, and every date of the
accepted window reads while the years outside it are refused cleanly."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.core.dates import FIRST_DAY, LAST_DAY, PartialDate
from cchc_cli.core.deadlines import (
    DeadlineContext,
    DeadlineError,
    DeadlineKind,
    find_deadline,
    parse_deadline,
)
from cchc_cli.core.workdays import WorkCalendar

K = DeadlineKind
anchors = st.dates(min_value=date(1901, 1, 1), max_value=date(2190, 12, 31))
office_days = st.lists(st.dates(date(1901, 1, 1), date(2199, 12, 31)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(anchors, st.integers(1, 120), office_days, office_days)
def test_a_count_in_working_days_ends_on_a_working_day(anchor, count, holidays, worked):
    calendar = WorkCalendar.of(holidays, worked)
    context = DeadlineContext(PartialDate(anchor.year, anchor.month, anchor.day), calendar)
    deadline = parse_deadline(f"trong {count} ngày làm việc kể từ ngày ký", context)
    assert deadline.kind is K.WORKING_DAYS_FROM
    last = deadline.last_day
    assert last is not None and last > anchor
    assert calendar.is_working_day(last)
    # Exactly `count` working days after the anchor, the anchor itself not counted.
    days = [anchor + timedelta(days=i) for i in range(1, (last - anchor).days + 1)]
    assert sum(calendar.is_working_day(d) for d in days) == count


@settings(max_examples=60, deadline=None)
@given(anchors, st.integers(1, 400), office_days)
def test_a_count_in_days_ends_on_a_working_day_on_or_after_the_nth_day(anchor, count, holidays):
    calendar = WorkCalendar.of(holidays)
    context = DeadlineContext(PartialDate(anchor.year, anchor.month, anchor.day), calendar)
    deadline = parse_deadline(f"trong vòng {count} ngày", context)
    last = deadline.last_day
    nth = anchor + timedelta(days=count)
    assert last is not None and last >= nth
    assert calendar.is_working_day(last)
    # Moved only over days off (Điều 148.5).
    passed = [nth + timedelta(days=i) for i in range((last - nth).days)]
    assert not any(calendar.is_working_day(day) for day in passed)


issue_days = st.sampled_from([(12, 28), (12, 31), (1, 1)])
years = st.integers(1901, 2198)
days_of_year = st.dates(date(2001, 1, 1), date(2001, 12, 31))  # a common year: no 29/02


@given(years, issue_days, days_of_year)
def test_a_day_without_a_year_is_the_first_on_or_after_the_notice(year, issued, day):
    notice = date(year, *issued)
    context = DeadlineContext(PartialDate(year, *issued))
    deadline = parse_deadline(f"chậm nhất ngày {day.day}/{day.month}", context)
    named = deadline.last_day
    assert named is not None and (named.month, named.day) == (day.month, day.day)
    assert named >= notice
    assert named.replace(year=named.year - 1) < notice


@given(years, issue_days, days_of_year)
def test_before_a_day_without_a_year_names_the_first_such_day(year, issued, day):
    notice = date(year, *issued)
    context = DeadlineContext(PartialDate(year, *issued))
    deadline = parse_deadline(f"trước ngày {day.day}/{day.month}", context)
    named = deadline.last_day + timedelta(days=1)
    assert (named.month, named.day) == (day.month, day.day)
    assert notice <= named < notice.replace(year=notice.year + 1) + timedelta(days=1)


@given(years, issue_days, st.integers(1, 12))
def test_a_month_without_a_year_is_the_first_that_has_not_ended(year, issued, month):
    notice = date(year, *issued)
    context = DeadlineContext(PartialDate(year, *issued))
    last = parse_deadline(f"trong tháng {month}", context).last_day
    assert last is not None and last.month == month and last >= notice
    assert date(last.year - 1, month, 28) < notice


@given(years, issue_days, st.integers(1, 12))
def test_before_a_month_without_a_year_is_the_day_before_the_next_one(year, issued, month):
    notice = date(year, *issued)
    context = DeadlineContext(PartialDate(year, *issued))
    last = parse_deadline(f"trước tháng {month}", context).last_day
    start = last + timedelta(days=1)
    assert (start.month, start.day) == (month, 1) and start >= notice
    assert start.replace(year=start.year - 1) < notice


forms = st.sampled_from(
    [
        "trước ngày {d}/{m}/{y}",
        "chậm nhất ngày {d} tháng {m} năm {y}",
        "đến hết ngày {d}.{m}.{y}",
        "trước 14 giờ ngày {d}/{m}/{y}",
        "trong tháng {m}/{y}",
        "trước tháng {m}/{y}",
        "trong quý {q}/{y}",
        "trước quý {q}/{y}",
        "6 tháng đầu năm {y}",
        "năm {y}",
        "trước năm {y}",
        "cuối năm {y}",
        "giữa tháng {m}/{y}",
        "tuần đầu tháng {m}/{y}",
        "tuần thứ {q} tháng {m}/{y}",
        "tuần thứ 5 tháng {m}/{y}",
        "trong 10 ngày kể từ ngày {d}/{m}/{y}",
        "trong 10 ngày làm việc kể từ ngày {d}/{m}/{y}",
        "trong 3 tháng kể từ ngày {d}/{m}/{y}",
    ]
)


@settings(max_examples=300, deadline=None)
@given(forms, st.integers(0, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(1, 4))
def test_any_year_reads_inside_the_window_or_is_refused_cleanly(form, year, month, day, q):
    phrase = form.format(d=day, m=month, y=f"{year:04d}", q=q)
    try:
        deadline = parse_deadline(phrase, DeadlineContext(PartialDate(2023, 11, 22)))
    except DeadlineError as err:
        assert err.key.startswith(("date.", "deadline.", "calendar."))
        assert not 1901 <= year <= 2198, (phrase, err.key)
        return
    assert FIRST_DAY <= deadline.last_day <= LAST_DAY
    assert FIRST_DAY.year - 1 <= year <= LAST_DAY.year


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.integers(1, 9999)))
def test_any_text_is_read_or_refused_never_a_crash(text, year):
    context = None if year is None else DeadlineContext(PartialDate(min(max(year, 1900), 2199)))
    for reader in (parse_deadline, find_deadline):
        with contextlib.suppress(DeadlineError):
            reader(text, context)


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet="0123456789/.-, ()trướcngàyđếnquýIVthángnămhếtcuốichậmnhấtgiờkểtừ"
        "làmviệcvòng\u00ad",
        max_size=60,
    )
)
def test_phrase_soup_is_read_or_refused(text):
    test_any_text_is_read_or_refused_never_a_crash.hypothesis.inner_test(text, 2023)


HOSTILE_REPEATS = [
    "trong ",
    "vào là ",
    "hạn chót là ",
    "trước lễ dịp ",
    "trong 15 ngày kể từ ",
    "tuần đầu tháng ",
    "1/",
    "trước 8 giờ 30 phút ",
]


def test_long_repetitive_text_is_read_in_linear_time():
    import time

    # Before the repetitions were bounded, "trong " * 100,000 took minutes: each
    # start re-read every word after it.
    for word in HOSTILE_REPEATS:
        text = word * (60_000 // len(word))
        started = time.monotonic()
        for reader in (parse_deadline, find_deadline):
            with contextlib.suppress(DeadlineError):
                reader(text, DeadlineContext(PartialDate(2023, 11, 22)))
        assert time.monotonic() - started < 5, word
