from datetime import date

import pytest

from cchc_cli.core.dates import DateError, PartialDate, parse_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-24", date(2023, 11, 24)),
        ("24/11/2023", date(2023, 11, 24)),
        ("24.11.2023", date(2023, 11, 24)),
        ("7/8/2019", date(2019, 8, 7)),
        ("20.7.2020", date(2020, 7, 20)),
        (" 04/8/2023 ", date(2023, 8, 4)),
    ],
)
def test_parse_date_accepts_iso_and_day_first(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023-02-30", "date.bad-day"),
        ("31/11/2023", "date.bad-day"),
        ("2023-13-01", "date.bad-month"),
        ("24/11", "date.format"),
        ("tuần sau", "date.format"),
        ("99999999999999999999", "date.format"),
        ("0000-01-01", "date.out-of-range"),
        ("1899-12-31", "date.out-of-range"),
        ("01/01/2200", "date.out-of-range"),
    ],
)
def test_parse_date_refuses_with_a_reason(text, key):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.key == key


def test_bad_day_names_the_length_of_the_month():
    with pytest.raises(DateError) as caught:
        parse_date("2023-02-30")
    assert caught.value.args_ == {"day": 30, "month": 2, "year": 2023, "last": 28}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11", PartialDate(2023, 11)),
        ("11/2023", PartialDate(2023, 11)),
        ("2023", PartialDate(2023)),
        ("22/11/2023", PartialDate(2023, 11, 22)),
    ],
)
def test_parse_partial_date(text, expected):
    assert parse_partial_date(text) == expected


def test_partial_date_bounds_and_forms():
    november = PartialDate(2023, 11)
    assert november.complete is None
    assert november.earliest() == date(2023, 11, 1)
    assert november.latest() == date(2023, 11, 30)
    assert november.iso() == "2023-11"
    assert november.day_first() == "11/2023"
    assert PartialDate(2024).latest() == date(2024, 12, 31)
    assert PartialDate(2023, 11, 22).complete == date(2023, 11, 22)


def test_partial_date_refuses_month_13():
    with pytest.raises(DateError) as caught:
        parse_partial_date("2023-13")
    assert caught.value.key == "date.bad-month"
