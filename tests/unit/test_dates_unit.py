"""core/dates.py and core/dateargs.py: dates in files and on the command line."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.dateargs import Period, parse_date_arg, parse_period
from cchc_cli.core.dates import (
    DateError,
    PartialDate,
    make_date,
    parse_date,
    parse_partial_date,
)
from cchc_cli.core.errors import EXIT_USAGE, OptionError

# Years well inside any window the project may settle on (1900-2199 is discussed).
office_days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(office_days)
def test_a_date_written_dd_mm_yyyy_parses_back(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day


@given(office_days)
def test_a_date_written_with_dots_and_no_padding_parses_back(day):
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day


@given(office_days)
def test_an_iso_date_parses_back(day):
    assert parse_date(day.isoformat()) == day


@given(office_days)
def test_a_partial_date_of_a_whole_day_is_that_day(day):
    partial = parse_partial_date(day.isoformat())
    assert partial.complete == day
    assert partial.earliest() == partial.latest() == day
    assert parse_partial_date(partial.day_first()) == partial
    assert parse_partial_date(partial.iso()) == partial


@given(office_days)
def test_a_month_spans_its_first_to_its_last_day(day):
    month = PartialDate(day.year, day.month)
    assert month.earliest() <= day <= month.latest()
    assert (month.latest() + timedelta(days=1)).day == 1
    assert parse_partial_date(month.day_first()) == month
    assert parse_partial_date(month.iso()) == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        ("29/02/2024", date(2024, 2, 29)),
        ("1-2-2024", date(2024, 2, 1)),  # dashes, day first
        ("2024-1-5", date(2024, 1, 5)),  # ISO without padding
        ("31.12.2023", date(2023, 12, 31)),
        ("\t01/01/2024\n", date(2024, 1, 1)),
    ],
)
def test_parse_date_forms_of_the_notices(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "args"),
    [
        ("29/02/2023", "date.bad-day", {"day": 29, "month": 2, "year": 2023, "last": 28}),
        ("2023-04-31", "date.bad-day", {"day": 31, "month": 4, "year": 2023, "last": 30}),
        ("00/01/2024", "date.bad-day", {"day": 0, "month": 1, "year": 2024, "last": 31}),
        ("01/00/2024", "date.bad-month", {"month": 0}),
        ("2024-13-01", "date.bad-month", {"month": 13}),
        ("24/11/23", "date.format", {"text": "24/11/23"}),
        ("2023/11/24", "date.format", {"text": "2023/11/24"}),
        ("24 11 2023", "date.format", {"text": "24 11 2023"}),
        ("", "date.format", {"text": ""}),
    ],
)
def test_parse_date_says_precisely_what_is_wrong(text, key, args):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert (caught.value.key, caught.value.args_) == (key, args)


def test_a_date_error_is_a_value_error_with_the_data_exit_code():
    err = DateError("date.format", text="x")
    assert isinstance(err, ValueError)
    assert err.exit_code == 1


def test_make_date_checks_month_before_day():
    with pytest.raises(DateError) as caught:
        make_date(2024, 14, 40)
    assert caught.value.key == "date.bad-month"


@pytest.mark.parametrize(
    ("text", "partial", "iso", "day_first", "earliest", "latest"),
    [
        ("2023", PartialDate(2023), "2023", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2/2024", PartialDate(2024, 2), "2024-02", "02/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-2", PartialDate(2023, 2), "2023-02", "02/2023", date(2023, 2, 1), date(2023, 2, 28)),
        (
            "11.2023",
            PartialDate(2023, 11),
            "2023-11",
            "11/2023",
            date(2023, 11, 1),
            date(2023, 11, 30),
        ),
        (
            "5/6/2023",
            PartialDate(2023, 6, 5),
            "2023-06-05",
            "05/06/2023",
            date(2023, 6, 5),
            date(2023, 6, 5),
        ),
    ],
)
def test_partial_dates_and_their_bounds(text, partial, iso, day_first, earliest, latest):
    found = parse_partial_date(text)
    assert found == partial
    assert (found.iso(), found.day_first()) == (iso, day_first)
    assert (found.earliest(), found.latest()) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tháng 11/2023", "date.format-partial"),
        ("23", "date.format-partial"),
        ("0/2023", "date.bad-month"),
        ("2023-00", "date.bad-month"),
        ("31/02/2024", "date.bad-day"),
    ],
)
def test_partial_dates_that_cannot_be_read(text, key):
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    assert caught.value.key == key


def test_a_partial_date_without_a_day_is_not_complete():
    assert PartialDate(2023).complete is None
    assert PartialDate(2023, 11).complete is None


# -- command-line dates ----------------------------------------------------------

MONDAY = date(2024, 1, 29)  # a Monday at the end of January in a leap year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1m", date(2024, 2, 29)),  # 29/01 + one month: February has 29 days in 2024
        ("+1M", date(2024, 2, 29)),
        ("+ 7 d", date(2024, 2, 5)),
        ("-1w", date(2024, 1, 22)),
        ("+0d", MONDAY),
        ("-1y", date(2023, 1, 29)),
        ("+12m", date(2025, 1, 29)),
        ("eow", date(2024, 2, 4)),
        ("cuối tuần", date(2024, 2, 4)),
        ("CUOI TUAN", date(2024, 2, 4)),
        ("end of week", date(2024, 2, 4)),
        ("eom", date(2024, 1, 31)),
        ("end-of-month", date(2024, 1, 31)),
        ("eoq", date(2024, 3, 31)),
        ("cuối quý", date(2024, 3, 31)),
        ("eoy", date(2024, 12, 31)),
        ("cuối năm", date(2024, 12, 31)),
        ("end-of-year", date(2024, 12, 31)),
        ("hôm qua", date(2024, 1, 28)),
        ("Ngày mai", date(2024, 1, 30)),
        ("29/2", date(2024, 2, 29)),  # this year
        ("1.3", date(2024, 3, 1)),
        (" 2024-03-01 ", date(2024, 3, 1)),
    ],
)
def test_command_line_dates_relative_to_today(text, expected):
    assert parse_date_arg(text, MONDAY, "--by") == expected


def test_end_of_week_on_a_sunday_is_that_sunday():
    sunday = date(2024, 2, 4)
    assert parse_date_arg("eow", sunday, "--by") == sunday


def test_one_month_from_the_31st_is_the_last_day_of_next_month():
    assert parse_date_arg("+1m", date(2023, 1, 31), "--by") == date(2023, 2, 28)
    assert parse_date_arg("-1m", date(2024, 3, 31), "--by") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "key", "args"),
    [
        ("30/2", "date.bad-day", {"day": 30, "month": 2, "year": 2024, "last": 29}),
        ("1/13", "date.bad-month", {"month": 13}),
        ("31/04/2024", "date.bad-day", {"day": 31, "month": 4, "year": 2024, "last": 30}),
        ("next week", "cli.bad-date", {"text": "next week"}),
        ("+7x", "cli.bad-date", {"text": "+7x"}),
        ("7d", "cli.bad-date", {"text": "7d"}),
        ("", "cli.bad-date", {"text": ""}),
    ],
)
def test_command_line_dates_that_are_wrong_are_usage_errors_naming_the_option(text, key, args):
    with pytest.raises(OptionError) as caught:
        parse_date_arg(text, MONDAY, "--before")
    err = caught.value
    assert (err.option, err.key, err.args_, err.exit_code) == ("--before", key, args, EXIT_USAGE)


@given(office_days, st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"]))
def test_an_exact_date_on_the_command_line_ignores_today(day, form):
    assert parse_date_arg(day.strftime(form), MONDAY, "--as-of") == day


@given(office_days, st.integers(min_value=-400, max_value=400))
def test_a_day_offset_moves_by_that_many_days(today, days):
    assert parse_date_arg(f"{days:+d}d", today, "--by") == today + timedelta(days=days)


@given(office_days)
def test_period_ends_fall_on_or_after_today_and_within_the_period(today):
    eow = parse_date_arg("eow", today, "--by")
    eom = parse_date_arg("eom", today, "--by")
    eoq = parse_date_arg("eoq", today, "--by")
    eoy = parse_date_arg("eoy", today, "--by")
    assert eow.weekday() == 6 and 0 <= (eow - today).days <= 6
    assert eom.month == today.month and (eom + timedelta(days=1)).day == 1
    assert eoq.month in (3, 6, 9, 12) and 0 <= eoq.month - today.month <= 2
    assert (eoq + timedelta(days=1)).day == 1
    assert eoy == date(today.year, 12, 31)
    assert today <= eow and today <= eom <= eoq <= eoy


# -- reporting periods -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023-11", Period(date(2023, 11, 1), date(2023, 11, 30), "2023-11")),
        ("11/2023", Period(date(2023, 11, 1), date(2023, 11, 30), "2023-11")),
        ("2/2024", Period(date(2024, 2, 1), date(2024, 2, 29), "2024-02")),
        ("2024-2", Period(date(2024, 2, 1), date(2024, 2, 29), "2024-02")),
        ("2023-Q4", Period(date(2023, 10, 1), date(2023, 12, 31), "2023-Q4")),
        ("2023-q1", Period(date(2023, 1, 1), date(2023, 3, 31), "2023-Q1")),
        ("Q2/2024", Period(date(2024, 4, 1), date(2024, 6, 30), "2024-Q2")),
        ("q3/2021", Period(date(2021, 7, 1), date(2021, 9, 30), "2021-Q3")),
        ("2023", Period(date(2023, 1, 1), date(2023, 12, 31), "2023")),
        (" 2023 ", Period(date(2023, 1, 1), date(2023, 12, 31), "2023")),
        (
            "01/11/2023..15/11/2023",
            Period(date(2023, 11, 1), date(2023, 11, 15), "2023-11-01..2023-11-15"),
        ),
        (
            "2023-11-01..eom",
            Period(date(2023, 11, 1), date(2024, 1, 31), "2023-11-01..2024-01-31"),
        ),
        ("today..today", Period(MONDAY, MONDAY, "2024-01-29..2024-01-29")),
    ],
)
def test_reporting_periods(text, period):
    assert parse_period(text, MONDAY) == period


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023-13", "date.bad-month"),
        ("0/2023", "date.bad-month"),
        ("2023-Q5", "cli.bad-period"),
        ("Q0/2023", "cli.bad-period"),
        ("quý 4", "cli.bad-period"),
        ("23", "cli.bad-period"),
        ("15/11/2023..01/11/2023", "cli.period-reversed"),
        ("01/11/2023..later", "cli.bad-date"),
    ],
)
def test_reporting_periods_that_are_wrong_name_the_period_option(text, key):
    with pytest.raises(OptionError) as caught:
        parse_period(text, MONDAY)
    assert (caught.value.option, caught.value.key) == ("--period", key)


@given(office_days)
def test_the_quarter_of_a_day_contains_it(day):
    quarter = (day.month - 1) // 3 + 1
    period = parse_period(f"{day.year}-Q{quarter}", day)
    assert period.start <= day <= period.end
    assert period.start.day == 1 and period.start.month == 3 * quarter - 2


typed = st.text(alphabet="0123456789/.-+ dwmyqQeoaáhômnaycuốituầnthángquýnăm", max_size=30)


@given(typed)
def test_anything_typed_as_a_date_is_a_date_or_a_usage_error(text):
    try:
        parse_date_arg(text, MONDAY, "--by")
    except OptionError as err:
        assert err.exit_code == EXIT_USAGE


@given(typed)
def test_anything_typed_as_a_period_is_a_period_or_a_usage_error(text):
    try:
        period = parse_period(text, MONDAY)
    except OptionError as err:
        assert err.option == "--period"
    else:
        assert period.start <= period.end
