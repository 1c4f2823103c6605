from datetime import date

import pytest

from cchc_cli.core.dateargs import parse_date_arg
from cchc_cli.core.errors import OptionError

TODAY = date(2023, 11, 22)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-12-10", date(2023, 12, 10)),
        ("10/12/2023", date(2023, 12, 10)),
        ("10.12.2023", date(2023, 12, 10)),
        ("10/12", date(2023, 12, 10)),
        ("today", TODAY),
        ("hôm nay", TODAY),
        ("hom nay", TODAY),
        ("tomorrow", date(2023, 11, 23)),
        ("ngày mai", date(2023, 11, 23)),
        ("yesterday", date(2023, 11, 21)),
        ("+7d", date(2023, 11, 29)),
        ("+7", date(2023, 11, 29)),
        ("-3d", date(2023, 11, 19)),
        ("+2w", date(2023, 12, 6)),
        ("+1m", date(2023, 12, 22)),
        ("+1y", date(2024, 11, 22)),
        ("eow", date(2023, 11, 26)),
        ("end-of-week", date(2023, 11, 26)),
        ("cuối tuần", date(2023, 11, 26)),
        ("eom", date(2023, 11, 30)),
        ("cuối tháng", date(2023, 11, 30)),
        ("eoq", date(2023, 12, 31)),
        ("end-of-quarter", date(2023, 12, 31)),
        ("cuoi quy", date(2023, 12, 31)),
        ("eoy", date(2023, 12, 31)),
        ("EOM", date(2023, 11, 30)),
    ],
)
def test_command_line_dates(text, expected):
    assert parse_date_arg(text, TODAY, "--before") == expected


def test_end_of_quarter_in_each_quarter():
    assert parse_date_arg("eoq", date(2024, 2, 10), "--by") == date(2024, 3, 31)
    assert parse_date_arg("eoq", date(2024, 6, 30), "--by") == date(2024, 6, 30)
    assert parse_date_arg("eoq", date(2024, 7, 1), "--by") == date(2024, 9, 30)


def test_end_of_week_on_a_sunday_is_that_sunday():
    assert parse_date_arg("eow", date(2023, 11, 26), "--by") == date(2023, 11, 26)


def test_plus_one_month_clips_to_the_end_of_a_shorter_month():
    assert parse_date_arg("+1m", date(2024, 1, 31), "--by") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("next week", "cli.bad-date"),
        ("tuần sau", "cli.bad-date"),
        ("31/2", "date.bad-day"),
        ("+7x", "cli.bad-date"),
        ("31/11/2023", "date.bad-day"),
        ("2023-13-01", "date.bad-month"),
    ],
)
def test_bad_dates_name_the_option_and_the_reason(text, key):
    with pytest.raises(OptionError) as caught:
        parse_date_arg(text, TODAY, "--before")
    assert (caught.value.option, caught.value.key) == ("--before", key)
