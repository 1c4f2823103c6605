from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.deadlines import DeadlineError, DeadlineKind, parse_deadline
from cchc_cli.core.vntext import nfc

K = DeadlineKind


@pytest.mark.parametrize(
    ("written", "kind", "last_day"),
    [
        # The rows of DOMAIN.md's table, and the phrases of the reference notice.
        ("hoàn thành trước ngày 10/12/2023", K.BEFORE, date(2023, 12, 9)),
        ("xong trước ngày 10/7/2019", K.BEFORE, date(2019, 7, 9)),
        ("trước ngày 25/11/2023", K.BEFORE, date(2023, 11, 24)),
        ("Trước ngày 01/01/2024", K.BEFORE, date(2023, 12, 31)),
        ("chậm nhất ngày 24/11/2023", K.NO_LATER_THAN, date(2023, 11, 24)),
        ("chậm nhất trong ngày 04/8/2023", K.NO_LATER_THAN, date(2023, 8, 4)),
        ("chậm nhất ngày 15 tháng 9 năm 2023", K.NO_LATER_THAN, date(2023, 9, 15)),
        ("đến 31/12/2023", K.UNTIL, date(2023, 12, 31)),
        ("từ nay đến 14/12/2023", K.UNTIL, date(2023, 12, 14)),
        ("đến hết ngày 30/6/2024", K.UNTIL, date(2024, 6, 30)),
        ("từ nay đến cuối năm 2023", K.END_OF_YEAR, date(2023, 12, 31)),
        ("trong năm 2023", K.END_OF_YEAR, date(2023, 12, 31)),
        ("trong tháng 12/2023", K.WITHIN_MONTH, date(2023, 12, 31)),
        ("trong tháng 2/2024", K.WITHIN_MONTH, date(2024, 2, 29)),
        ("trong quý 3/2021", K.WITHIN_QUARTER, date(2021, 9, 30)),
        ("quý IV/2023", K.WITHIN_QUARTER, date(2023, 12, 31)),
        ("trong quý I năm 2024", K.WITHIN_QUARTER, date(2024, 3, 31)),
        ("20.7.2020", K.NO_LATER_THAN, date(2020, 7, 20)),
        ("7/8/2019", K.NO_LATER_THAN, date(2019, 8, 7)),
        ("thường xuyên", K.ONGOING, None),
        # Decomposed text and the other tone placement read the same.
        ("tr\u01b0\u1edbc nga\u0300y 10/12/2023", K.BEFORE, date(2023, 12, 9)),
        ("CHẬM NHẤT NGÀY 24/11/2023", K.NO_LATER_THAN, date(2023, 11, 24)),
    ],
)
def test_deadline_kinds_and_last_days(written, kind, last_day):
    deadline = parse_deadline(written, 2023)
    assert (deadline.kind, deadline.last_day) == (kind, last_day)
    assert deadline.text == nfc(written)


def test_before_a_time_of_day_keeps_the_day_and_the_time():
    deadline = parse_deadline("trước 14 giờ, ngày 05/12/2017")
    assert deadline.kind is K.BEFORE_TIME
    assert deadline.last_day == date(2017, 12, 5)
    assert deadline.time == time(14, 0)
    assert parse_deadline("trước 8 giờ 30 phút ngày 05/12/2017").time == time(8, 30)


def test_a_date_without_a_year_takes_the_year_of_the_notice():
    assert parse_deadline("trước ngày 15/9", 2021).last_day == date(2021, 9, 14)


def test_a_date_without_a_year_and_no_notice_year_is_an_error():
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("trước ngày 15/9", None)
    assert caught.value.key == "deadline.no-year"


@pytest.mark.parametrize(
    ("written", "key", "offset"),
    [
        ("trước ngày 31/11/2023", "date.bad-day", 11),
        ("chậm nhất ngày 30/02/2024", "date.bad-day", 15),
        ("trước ngày 10/13/2023", "date.bad-month", 11),
        ("trong tháng 13/2023", "date.bad-month", 12),
        ("trước 25 giờ ngày 05/12/2017", "deadline.bad-time", 6),
        ("tuần sau", "deadline.no-day", 0),
        ("trước ngày 10/12/23", "deadline.unreadable", 0),
        ("khi có yêu cầu", "deadline.no-day", 0),
        ("khi nào xong", "deadline.unreadable", 0),
    ],
)
def test_unreadable_deadlines_say_why_and_where(written, key, offset):
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(written, 2023)
    assert (caught.value.key, caught.value.offset) == (key, offset)


@given(st.text(max_size=60), st.one_of(st.none(), st.integers(1, 9999)))
def test_any_text_is_read_or_refused_with_a_deadline_error(text, year):
    try:
        deadline = parse_deadline(text, year)
    except DeadlineError:
        return
    assert deadline.kind in K
