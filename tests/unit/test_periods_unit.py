"""The periods before a report's period (the page's trend), and the day each is judged on."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.dateargs import parse_period
from cchc_cli.core.dates import FIRST_DAY, LAST_DAY
from cchc_cli.core.periods import PeriodKind, judged_on, kind_of, last_periods, previous
from cchc_cli.views.report import report_period

TODAY = date(2024, 6, 15)


def labels(written: str, count: int = 12) -> list[str]:
    return [p.label for p in last_periods(parse_period(written, TODAY), count)]


@pytest.mark.parametrize(
    ("written", "kind"),
    [("2023-11", PeriodKind.MONTH), ("11/2023", PeriodKind.MONTH), ("2023-Q4", PeriodKind.QUARTER),
     ("q1/2024", PeriodKind.QUARTER), ("2023", PeriodKind.YEAR),
     ("2023-12-01..2023-12-13", PeriodKind.RANGE), ("2023-11-01..2023-11-30", PeriodKind.RANGE)],
)  # fmt: skip
def test_the_kind_of_a_period_is_read_from_its_label(written, kind):
    assert kind_of(parse_period(written, TODAY)) is kind


def test_months_go_back_across_the_year():
    assert labels("2024-02", 4) == ["2023-11", "2023-12", "2024-01", "2024-02"]
    (march,) = [p for p in last_periods(parse_period("2024-03", TODAY), 2) if p.label == "2024-02"]
    assert (march.start, march.end) == (date(2024, 2, 1), date(2024, 2, 29))


def test_quarters_and_years():
    assert labels("2024-Q2", 5) == ["2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]
    assert labels("2024", 3) == ["2022", "2023", "2024"]
    (q4,) = [p for p in last_periods(parse_period("2024-Q1", TODAY), 2) if p.label == "2023-Q4"]
    assert (q4.start, q4.end) == (date(2023, 10, 1), date(2023, 12, 31))


def test_a_range_is_preceded_by_ranges_of_the_same_length():
    found = last_periods(parse_period("2023-12-01..2023-12-13", TODAY), 3)
    assert [(p.start, p.end) for p in found] == [
        (date(2023, 11, 5), date(2023, 11, 17)),
        (date(2023, 11, 18), date(2023, 11, 30)),
        (date(2023, 12, 1), date(2023, 12, 13)),
    ]
    assert found[0].label == "2023-11-05..2023-11-17"


def test_no_period_before_the_first_day():
    assert labels("1900-03") == ["1900-01", "1900-02", "1900-03"]
    assert labels("1900") == ["1900"]
    assert previous(parse_period("1900-01-01..1900-01-10", TODAY)) is None
    assert labels("2199-Q4", 2) == ["2199-Q3", "2199-Q4"]


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY), st.sampled_from(["m", "q", "y", "r"]))
def test_periods_are_consecutive_same_kind_and_never_before_the_first_day(day, kind):
    written = {
        "m": f"{day:%Y-%m}",
        "q": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        "y": f"{day.year}",
        "r": f"{day}..{min(day + timedelta(days=9), LAST_DAY)}",
    }[kind]
    period = parse_period(written, TODAY)
    found = last_periods(period, 12)
    assert found[-1] == period and 1 <= len(found) <= 12
    for before, after in itertools.pairwise(found):
        assert before.end + timedelta(days=1) == after.start
        assert kind_of(before) is kind_of(after)
        # The label reads back as the same period, as `--period LABEL` would.
        assert parse_period(before.label, TODAY) == before
    assert found[0].start >= FIRST_DAY


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_a_period_is_judged_on_the_day_its_report_is(today):
    for written in ("2023-11", "2024-Q2", "2024", "2024-06-01..2024-06-20"):
        period, day, _ = report_period(written, today)
        assert judged_on(period, today) == day


def test_the_trend_s_axis_labels_say_the_year_where_it_changes():
    from cchc_cli.core.status import Tally
    from cchc_cli.views.i18n import Lang
    from cchc_cli.views.pagecharts import period_labels
    from cchc_cli.views.trend import TrendPoint

    def axis(written: str, count: int, lang: Lang) -> list[tuple[str, str]]:
        periods = last_periods(parse_period(written, TODAY), count)
        points = [TrendPoint(p, p.end, Tally.of([])) for p in periods]
        return period_labels(points, lang)

    assert axis("2024-02", 4, Lang.VI) == [("T11", "2023"), ("T12", ""), ("T1", "2024"), ("T2", "")]
    assert axis("2024-01", 2, Lang.EN) == [("Dec", "2023"), ("Jan", "2024")]
    assert axis("2024-Q1", 2, Lang.VI) == [("Q4", "2023"), ("Q1", "2024")]
    assert axis("2024", 2, Lang.EN) == [("2023", ""), ("2024", "")]
    assert axis("2023-12-01..2023-12-13", 2, Lang.VI) == [("30/11", "2023"), ("13/12", "")]
