"""views/i18n.py: how arguments are written into messages in each language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.views.i18n import MESSAGES, Lang, days_key, fmt_date, placeholders, t


@pytest.mark.parametrize(
    ("day", "lang", "written"),
    [
        (date(2023, 12, 9), Lang.VI, "09/12/2023"),
        (date(2023, 12, 9), Lang.EN, "2023-12-09"),
        (date(2024, 1, 1), Lang.VI, "01/01/2024"),
    ],
)
def test_dates_are_dd_mm_yyyy_in_vietnamese_and_iso_in_english(day, lang, written):
    assert fmt_date(day, lang) == written


def test_date_arguments_follow_the_language():
    assert t("remind.heading", Lang.VI, today=date(2023, 12, 4), overdue=1, upcoming=2, days=3) == (
        "Nhắc việc ngày 04/12/2023: 1 quá hạn, 2 đến hạn trong 3 ngày tới"
    )
    assert t("remind.heading", Lang.EN, today=date(2023, 12, 4), overdue=1, upcoming=2, days=3) == (
        "Reminders for 2023-12-04: 1 overdue, 2 due within 3 days"
    )


def test_a_partial_date_argument_is_written_as_the_language_writes_it():
    key = "remind.notice"
    assert t(key, Lang.VI, notice=PartialDate(2023, 11)) == "Thông báo: 11/2023"
    assert t(key, Lang.EN, notice=PartialDate(2023, 11)) == "Notice: 2023-11"
    assert t(key, Lang.EN, notice=PartialDate(2023)) == "Notice: 2023"


@pytest.mark.parametrize(
    ("weekday", "vi", "en"),
    [(5, "thứ Bảy", "Saturday"), (6, "Chủ nhật", "Sunday")],
)
def test_a_weekday_argument_is_named_in_the_language(weekday, vi, en):
    key = next(k for k, (v, _) in MESSAGES.items() if "{weekday}" in v)
    assert vi in t(key, Lang.VI, last=date(2024, 5, 4), weekday=weekday)
    assert en in t(key, Lang.EN, last=date(2024, 5, 4), weekday=weekday)


def test_text_from_data_with_braces_is_written_as_it_is():
    assert t("remind.notice", Lang.EN, notice="Số {1}/TB") == "Notice: Số {1}/TB"


@pytest.mark.parametrize(
    ("days", "suffix"), [(1, "-one"), (-1, "-one"), (0, ""), (2, ""), (-3, "")]
)
def test_one_day_has_its_own_message(days, suffix):
    assert days_key("label.left-days", days) == "label.left-days" + suffix


def test_the_one_day_messages_exist_for_every_key_that_asks_for_them():
    for key in ("label.left-days", "label.late-days", "remind.overdue-by"):
        assert key + "-one" in MESSAGES
        assert t(key + "-one", Lang.EN, days=1).startswith("1 day")


def test_placeholders_of_a_template():
    assert placeholders("{a} và {b}: {a}") == {"a", "b"}
    assert placeholders("không có") == set()


@pytest.mark.parametrize(
    ("key", "args", "one", "more"),
    [
        ("cli.data-has-errors", {"errors": 1}, "has 1 error;", "has 2 errors;"),
        ("mail.sent", {"count": 1, "skipped": 0}, "Sent 1 message (", "Sent 2 messages ("),
        ("label.done-count", {"done": 0, "total": 1}, "0 of 1 unit done", "2 of 2 units done"),
        (
            "import.summary",
            {"tasks": 1, "deadlines": 1, "reviews": 1},
            "Read 1 task, 1 deadline; 1 item needs review.",
            "Read 2 tasks, 2 deadlines; 2 items need review.",
        ),
    ],
)
def test_english_counts_agree_with_their_noun(key, args, one, more):
    assert one in t(key, Lang.EN, **args)
    assert more in t(key, Lang.EN, **{k: 2 for k in args})
    assert "[" not in t(key, Lang.VI, **args)


def test_every_plural_marker_names_a_placeholder_and_only_english_has_them():
    marker = re.compile(r"\[(\w+):[^|\]]*\|[^\]]*\]")
    for key, (vi, en) in MESSAGES.items():
        assert not marker.search(vi), key
        for name in marker.findall(en):
            assert name in placeholders(en), key
