"""views/official.py: periods, dates and numbers as offices write them; the title block."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.dateargs import Period, parse_period
from cchc_cli.core.model import Config, DocumentSettings, Person
from cchc_cli.views.i18n import Lang
from cchc_cli.views.official import decimal, paper_text, period_name, place_date, title_block

TODAY = date(2023, 11, 20)


@pytest.mark.parametrize(
    ("written", "vi", "en"),
    [
        ("2023-11", "tháng 11/2023", "November 2023"),
        ("2024-02", "tháng 02/2024", "February 2024"),
        ("2023-Q4", "quý IV/2023", "Q4 2023"),
        ("q1/2024", "quý I/2024", "Q1 2024"),
        ("2023", "năm 2023", "2023"),
        # A span that is a calendar month, quarter or year is named as one.
        ("2023-10-01..2023-12-31", "quý IV/2023", "Q4 2023"),
        ("2023-11-01..2023-11-30", "tháng 11/2023", "November 2023"),
        ("01/11/2023..15/11/2023", "từ ngày 01/11/2023 đến ngày 15/11/2023",
         "2023-11-01 to 2023-11-15"),
        ("2023-11-01..2023-12-31", "từ ngày 01/11/2023 đến ngày 31/12/2023",
         "2023-11-01 to 2023-12-31"),
        ("2023-02-01..2023-04-30", "từ ngày 01/02/2023 đến ngày 30/04/2023",
         "2023-02-01 to 2023-04-30"),
    ],
)  # fmt: skip
def test_periods_are_named_as_offices_write_them(written, vi, en):
    period = parse_period(written, TODAY)
    assert (period_name(period, Lang.VI), period_name(period, Lang.EN)) == (vi, en)


@given(
    st.dates(date(1900, 1, 1), date(2199, 12, 31)), st.dates(date(1900, 1, 1), date(2199, 12, 31))
)
def test_every_span_has_a_name_that_mentions_its_year(first, second):
    start, end = sorted((first, second))
    name = period_name(Period(start, end, "x"), Lang.VI)
    assert str(start.year) in name and str(end.year) in name


@pytest.mark.parametrize(
    ("day", "vi", "en"),
    [
        (date(2023, 12, 5), "Vĩnh Linh, ngày 05 tháng 12 năm 2023", "Vĩnh Linh, 5 December 2023"),
        (date(2024, 1, 9), "Vĩnh Linh, ngày 09 tháng 01 năm 2024", "Vĩnh Linh, 9 January 2024"),
        (date(2024, 2, 29), "Vĩnh Linh, ngày 29 tháng 02 năm 2024", "Vĩnh Linh, 29 February 2024"),
        (date(2024, 3, 10), "Vĩnh Linh, ngày 10 tháng 3 năm 2024", "Vĩnh Linh, 10 March 2024"),
    ],
)
def test_the_place_and_date_line_pads_days_below_10_and_months_1_and_2(day, vi, en):
    assert place_date("Vĩnh Linh", day, Lang.VI) == vi
    assert place_date("Vĩnh Linh", day, Lang.EN) == en


def test_without_a_place_the_date_line_starts_with_a_capital():
    assert place_date(None, date(2023, 12, 5), Lang.VI) == "Ngày 05 tháng 12 năm 2023"


def test_decimals_take_a_comma_in_vietnamese():
    assert (decimal(54.25, Lang.VI), decimal(54.25, Lang.EN), decimal(None, Lang.VI)) == (
        "54,2",
        "54.2",
        "",
    )


def test_paper_text_shows_what_a_file_cannot_hold():
    assert paper_text("a\x1bb\u202ec\ufffe\uffff\x00 Việt") == (
        "a\\x1bb\\u202ec\\ufffe\\uffff\\x00 Việt"
    )
    assert paper_text("dòng 1\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"


def test_the_title_block_falls_back_from_document_to_office_to_issuing_body():
    day = date(2023, 12, 5)
    signer = Person("Lê Văn An", "Phó Chánh Văn phòng", "KT. Chánh Văn phòng")
    full = Config(
        office="Văn phòng",
        document=DocumentSettings(
            parent="UBND huyện", body="VP HĐND-UBND", symbol="VP", drafter="TH",
            place="Vĩnh Linh", signer=signer, recipients=("Lưu: VT",),
        ),
    )  # fmt: skip
    report = title_block(full, day, Lang.VI, "BC")
    assert (report.parent, report.body, report.number) == (
        "UBND huyện",
        "VP HĐND-UBND",
        "Số:        /BC-VP",
    )
    assert title_block(full, day, Lang.VI, None).number == "Số:        /VP-TH"
    assert title_block(Config(office="Văn phòng"), day, Lang.VI, "BC").body == "Văn phòng"
    assert title_block(Config(issuing_body="UBND"), day, Lang.EN, "BC").number == "No.:        /BC"
    assert title_block(Config(), day, Lang.VI, None, "UBND huyện").body == "UBND huyện"
    assert title_block(Config(), day, Lang.VI, None).number == "Số:        "
