"""core/workdays.py: the office's working days, and what the holidays package knows of
Vietnam's public holidays checked against the decisions that set them (docs/format.md,
"Holidays"). A test here that starts failing after an upgrade of the package means
the package changed its answer: check it against the law and update the docs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_cli.core.dates import DateError
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar, public_holidays

D = date


def off(first: date, last: date) -> list[date]:
    return [d.day for d in PUBLIC_CALENDAR.days_off(first, last)]


def weekdays_off(first: date, last: date) -> list[date]:
    return [d for d in off(first, last) if d.weekday() < 5]


# -- what the package gets right -------------------------------------------------------


def test_tet_2024_is_thursday_8_to_wednesday_14_february():
    # Tết Giáp Thìn: 29 tháng Chạp (08/02) to mùng 5 (14/02), weekends included.
    assert off(D(2024, 2, 7), D(2024, 2, 15)) == [D(2024, 2, d) for d in range(8, 15)]


def test_tet_2025_is_nine_days_from_saturday_25_january():
    # Tết Ất Tỵ: off 25/01 to 02/02/2025, the five weekdays 27-31/01 (VPCP 8726/VPCP-KGVX).
    assert off(D(2025, 1, 24), D(2025, 2, 3)) == [
        D(2025, 1, 25) + timedelta(days=i) for i in range(9)
    ]


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2023, 4, 29), "Ngày Giỗ Tổ Hùng Vương"),
        (D(2024, 4, 18), "Ngày Giỗ Tổ Hùng Vương"),
        (D(2025, 4, 7), "Ngày Giỗ Tổ Hùng Vương"),
    ],
)
def test_gio_to_hung_vuong_is_the_10th_of_the_3rd_lunar_month(day, name):
    assert public_holidays(day.year)[day][0] == name


def test_gio_to_on_a_saturday_gives_a_day_off_after_it():
    # 2023: Giỗ Tổ on Saturday 29/04, 30/04 a Sunday: off until Wednesday 03/05.
    assert weekdays_off(D(2023, 4, 28), D(2023, 5, 4)) == [D(2023, 5, d) for d in (1, 2, 3)]


@pytest.mark.parametrize(
    ("year", "days"),
    [
        (2021, (2, 3)),  # Thursday 2/9 and the Friday after
        (2022, (1, 2)),  # Friday 2/9 and the Thursday before
        (2023, (1, 4)),  # Saturday 2/9: Friday 1/9, and Monday 4/9 in its stead
        (2024, (2, 3)),  # Monday 2/9 and Tuesday 3/9
        (2025, (1, 2)),  # Tuesday 2/9 and Monday 1/9
    ],
)
def test_quoc_khanh_has_one_adjacent_day_since_2021(year, days):
    assert weekdays_off(D(year, 8, 28), D(year, 9, 6)) == [D(year, 9, d) for d in days]


def test_before_2021_quoc_khanh_was_one_day():
    assert weekdays_off(D(2020, 8, 31), D(2020, 9, 4)) == [D(2020, 9, 2)]


def test_the_swap_of_2024_is_known_both_ways():
    # Monday 29/04/2024 off, Saturday 04/05/2024 worked (VPCP 2450/VPCP-KGVX).
    assert not PUBLIC_CALENDAR.is_working_day(D(2024, 4, 29))
    assert PUBLIC_CALENDAR.is_working_day(D(2024, 5, 4))


# -- what the package gets wrong -----------------------------------------------------------


def test_tet_2014_is_wrong_in_the_package_and_the_office_corrects_it():
    # Công văn 10525/VPCP-KGVX (12/12/2013): civil servants off from 28/01 to 05/02/2014,
    # Saturdays 25/01 and 08/02 worked instead. The package knows only the five Tết days.
    assert weekdays_off(D(2014, 1, 27), D(2014, 2, 7)) == [
        D(2014, 1, 29),
        D(2014, 1, 30),
        D(2014, 1, 31),
        D(2014, 2, 3),
        D(2014, 2, 4),
    ]
    assert not PUBLIC_CALENDAR.is_working_day(D(2014, 1, 25))
    office = WorkCalendar.of(
        holidays=(D(2014, 1, 28), D(2014, 2, 5)), working_days=(D(2014, 1, 25), D(2014, 2, 8))
    )
    assert weekdays_off(D(2014, 1, 27), D(2014, 2, 7)) != [
        d.day for d in office.days_off(D(2014, 1, 27), D(2014, 2, 7)) if d.day.weekday() < 5
    ]
    assert [d.day for d in office.days_off(D(2014, 1, 24), D(2014, 2, 9))] == [
        D(2014, 1, 26),
        *[D(2014, 1, 28) + timedelta(days=i) for i in range(9)],
        D(2014, 2, 9),
    ]


def test_years_past_2100_have_weekends_only():
    calendar = PUBLIC_CALENDAR
    assert not calendar.knows(2101) and calendar.knows(2100)
    assert public_holidays(2150) == {}
    assert calendar.is_working_day(D(2150, 9, 2))  # a Friday; the package has no 2150


def test_the_package_adds_24_november_from_2026():
    # "Ngày Văn hóa Việt Nam" (Nghị quyết 80-NQ/TW, as the package cites it): not in
    # Bộ luật Lao động 2019, Điều 112 as written. An office that works lists it.
    assert D(2026, 11, 24) in public_holidays(2026)
    assert WorkCalendar.of(working_days=(D(2026, 11, 24),)).is_working_day(D(2026, 11, 24))


# -- the calendar itself ---------------------------------------------------------------------


def test_an_office_day_off_and_a_day_worked():
    calendar = WorkCalendar.of(holidays=(D(2024, 3, 8),), working_days=(D(2024, 3, 9),))
    assert not calendar.is_working_day(D(2024, 3, 8))
    assert calendar.is_working_day(D(2024, 3, 9))
    assert calendar.day_off(D(2024, 3, 8)).reason == "office"
    assert calendar.day_off(D(2024, 3, 10)).reason == "weekend"
    assert calendar.day_off(D(2024, 9, 2)).name_en == "National Day"


def test_the_next_working_day_and_the_days_passed_over():
    day, passed = PUBLIC_CALENDAR.next_working_day(D(2024, 2, 10))
    assert day == D(2024, 2, 15)
    assert [d.day for d in passed] == [D(2024, 2, d) for d in range(10, 15)]


def test_working_days_do_not_count_the_day_counted_from():
    day, _ = PUBLIC_CALENDAR.add_working_days(D(2024, 3, 4), 1)  # a Monday
    assert day == D(2024, 3, 5)
    day, _ = PUBLIC_CALENDAR.add_working_days(D(2024, 3, 8), 1)  # a Friday
    assert day == D(2024, 3, 11)


def test_a_year_of_days_off_is_an_error_not_a_hang():
    year = tuple(D(2030, 1, 1) + timedelta(days=i) for i in range(400))
    with pytest.raises(DateError) as caught:
        WorkCalendar.of(holidays=year).next_working_day(D(2030, 1, 1))
    assert caught.value.key == "calendar.no-working-day"


def test_counting_past_the_window_is_an_error():
    with pytest.raises(DateError) as caught:
        PUBLIC_CALENDAR.add_working_days(D(2199, 12, 1), 30)
    assert caught.value.key == "date.beyond-range"


def test_the_cache_key_names_what_the_days_depend_on():
    a = WorkCalendar.of((D(2024, 1, 2),))
    assert a.key != WorkCalendar.of((D(2024, 1, 3),)).key
    assert a.key != WorkCalendar.of((D(2024, 1, 2),), move_to_working_day=True).key
    assert a.key == WorkCalendar.of((D(2024, 1, 2),)).key
