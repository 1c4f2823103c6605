"""A first run without a cache (issue 17): memoised parsers and the parallel load."""

from datetime import date

import pytest

from cchc_cli.core.dates import DateError, PartialDate, parse_date
from cchc_cli.core.deadlines import DeadlineContext, DeadlineError, parse_deadline
from cchc_cli.core.workdays import WorkCalendar
from cchc_cli.store.noticefile import reads_as_recurrence

# -- memoised parsers: equal input, equal result; the context is part of the input ---------


def test_a_deadline_read_twice_is_read_once_and_gives_the_same_deadline():
    parse_deadline.cache_clear()
    context = DeadlineContext(PartialDate(2023, 11, 24))
    first = parse_deadline("trong 10 ngày làm việc", context)
    second = parse_deadline("trong 10 ngày làm việc", DeadlineContext(PartialDate(2023, 11, 24)))
    assert first == second
    assert parse_deadline.cache_info().hits == 1


def test_the_same_phrase_in_another_context_is_read_again():
    phrase = "trong 10 ngày làm việc"
    issued_a = DeadlineContext(PartialDate(2023, 11, 24))
    issued_b = DeadlineContext(PartialDate(2023, 12, 1))
    assert parse_deadline(phrase, issued_a).last_day != parse_deadline(phrase, issued_b).last_day
    office = DeadlineContext(PartialDate(2023, 11, 24), WorkCalendar(holidays=frozenset()))
    day_off = DeadlineContext(
        PartialDate(2023, 11, 24), WorkCalendar(holidays=frozenset({date(2023, 11, 27)}))
    )
    assert parse_deadline(phrase, office).last_day != parse_deadline(phrase, day_off).last_day


def test_an_unreadable_phrase_raises_every_time():
    for _ in range(2):
        with pytest.raises(DeadlineError) as caught:
            parse_deadline("trước Tết", 2023)
        assert caught.value.key == "deadline.no-day"


def test_dates_are_memoised_and_bad_dates_still_raise():
    parse_date.cache_clear()
    assert parse_date("24/11/2023") == parse_date("24/11/2023") == date(2023, 11, 24)
    assert parse_date.cache_info().hits == 1
    for _ in range(2):
        with pytest.raises(DateError):
            parse_date("31/02/2023")


def test_a_recurring_phrase_in_a_deadline_is_recognised_once_per_text():
    reads_as_recurrence.cache_clear()
    assert reads_as_recurrence("hằng tháng, trước ngày 20")
    assert reads_as_recurrence("hằng tháng, trước ngày 20")
    assert not reads_as_recurrence("trước ngày 20/12/2023")
    assert reads_as_recurrence.cache_info().hits == 1
