"""core/deadlines.py: every kind of written deadline, its last day, and finding it in a
sentence; expected days worked out from ../shared/DOMAIN.md's table."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.deadlines import (
    DAY_KINDS,
    NO_DEADLINE,
    Deadline,
    DeadlineError,
    DeadlineKind,
    find_deadline,
    parse_deadline,
)
from cchc_cli.core.units import Resolver
from cchc_cli.store.noticefile import read_notice
from cchc_cli.store.registry import load_registry
from cchc_cli.store.yamlsrc import parse

K = DeadlineKind
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(days)
def test_before_a_day_means_the_day_before(day):
    deadline = parse_deadline(f"trước ngày {day:%d/%m/%Y}")
    assert (deadline.kind, deadline.last_day) == (K.BEFORE, day - timedelta(days=1))


@given(days)
def test_no_later_than_a_day_means_that_day(day):
    deadline = parse_deadline(f"chậm nhất ngày {day.day}/{day.month}/{day.year}")
    assert (deadline.kind, deadline.last_day) == (K.NO_LATER_THAN, day)


@given(days)
def test_until_a_day_written_with_dots_means_that_day(day):
    deadline = parse_deadline(f"đến {day.day}.{day.month}.{day.year}")
    assert (deadline.kind, deadline.last_day) == (K.UNTIL, day)


@given(days)
def test_a_bare_date_is_a_no_later_than_deadline(day):
    assert parse_deadline(day.strftime("%d/%m/%Y")).last_day == day


@given(days)
def test_a_date_in_words_reads_like_one_in_figures(day):
    written = f"chậm nhất ngày {day.day} tháng {day.month} năm {day.year}"
    assert parse_deadline(written).last_day == day


@pytest.mark.parametrize(
    ("month", "last"),
    [
        (1, 31),
        (2, 29),
        (3, 31),
        (4, 30),
        (5, 31),
        (6, 30),
        (7, 31),
        (8, 31),
        (9, 30),
        (10, 31),
        (11, 30),
        (12, 31),
    ],
)
def test_within_a_month_ends_on_its_last_day(month, last):
    deadline = parse_deadline(f"trong tháng {month}/2024")
    assert (deadline.kind, deadline.last_day) == (K.WITHIN_MONTH, date(2024, month, last))


def test_within_february_of_a_common_year_ends_on_the_28th():
    assert parse_deadline("trong tháng 02 năm 2023").last_day == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("written", "last"),
    [
        ("quý 1/2024", date(2024, 3, 31)),
        ("quý I/2024", date(2024, 3, 31)),
        ("quý 2/2024", date(2024, 6, 30)),
        ("quý II/2024", date(2024, 6, 30)),
        ("quý 3/2024", date(2024, 9, 30)),
        ("quý III/2024", date(2024, 9, 30)),
        ("quý 4/2024", date(2024, 12, 31)),
        ("quý IV năm 2024", date(2024, 12, 31)),
        ("Trong Quý iii/2024", date(2024, 9, 30)),
    ],
)
def test_within_a_quarter_ends_on_the_quarters_last_day(written, last):
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.last_day) == (K.WITHIN_QUARTER, last)


@pytest.mark.parametrize(
    "written",
    ["từ nay đến cuối năm 2024", "trong năm 2024", "hết năm 2024", "đến cuối năm 2024"],
)
def test_the_end_of_a_year(written):
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.last_day) == (K.END_OF_YEAR, date(2024, 12, 31))


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("trước 14 giờ, ngày 05/12/2017", time(14, 0)),
        ("trước 14h ngày 05/12/2017", time(14, 0)),
        ("trước 8h30 ngày 05/12/2017", time(8, 30)),
        ("trước 8 giờ 30 phút, ngày 05/12/2017", time(8, 30)),
        ("trước 0 giờ ngày 05/12/2017", time(0, 0)),
        ("trước 23 giờ 59 phút ngày 05/12/2017", time(23, 59)),
    ],
)
def test_before_a_time_keeps_the_day_itself_and_the_time(written, moment):
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.last_day, deadline.time) == (
        K.BEFORE_TIME,
        date(2017, 12, 5),
        moment,
    )


def test_a_minute_past_59_is_a_bad_time():
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("trước 8 giờ 60 phút ngày 05/12/2017")
    assert caught.value.key == "deadline.bad-time"
    assert caught.value.args_ == {"time": "8:60"}


@pytest.mark.parametrize("written", ["thường xuyên", "Không thời hạn", "thực hiện liên tục"])
def test_ongoing_phrases_have_no_last_day(written):
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.last_day, deadline.has_day) == (K.ONGOING, None, False)


def test_the_phrase_is_kept_as_written_in_nfc():
    assert parse_deadline("  trước ngày 10/12/2023 ").text == "  trước ngày 10/12/2023 "


def test_no_deadline_is_ongoing_without_text():
    assert Deadline(None, K.ONGOING) == NO_DEADLINE
    assert not NO_DEADLINE.has_day


def test_day_kinds_are_those_that_name_one_day():
    assert {K.BEFORE, K.NO_LATER_THAN, K.UNTIL, K.BEFORE_TIME} == DAY_KINDS


def test_a_date_without_a_year_takes_the_year_given():
    assert parse_deadline("chậm nhất ngày 5/1", 2024).last_day == date(2024, 1, 5)


@pytest.mark.parametrize(
    ("written", "offset"),
    [
        ("trước ngày 32/12/2023", 11),
        ("chậm nhất ngày 29/02/2023", 15),
        ("đến 31/4/2023", 4),
    ],
)
def test_a_day_that_does_not_exist_points_at_the_day(written, offset):
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(written)
    assert (caught.value.key, caught.value.offset) == ("date.bad-day", offset)


def test_a_deadline_error_carries_the_data_exit_code_and_is_a_value_error():
    err = DeadlineError("deadline.unreadable", 3, text="x")
    assert (err.key, err.offset, err.args_, err.exit_code) == (
        "deadline.unreadable",
        3,
        {"text": "x"},
        1,
    )
    assert isinstance(err, ValueError)


# -- deadlines inside a task's sentence ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind", "last"),
    [
        (
            "Các phòng phấn đấu cải thiện điểm số từ nay đến cuối năm 2023.",
            "từ nay đến cuối năm 2023",
            K.END_OF_YEAR,
            date(2023, 12, 31),
        ),
        (
            "Báo cáo về UBND huyện trước ngày 10/12/2023.",
            "trước ngày 10/12/2023",
            K.BEFORE,
            date(2023, 12, 9),
        ),
        (
            "Hoàn thành trong tháng 12/2023 để tổng hợp",
            "trong tháng 12/2023",
            K.WITHIN_MONTH,
            date(2023, 12, 31),
        ),
        (
            "Triển khai trong quý IV/2023",
            "trong quý IV/2023",
            K.WITHIN_QUARTER,
            date(2023, 12, 31),
        ),
        (
            "Gửi hồ sơ chậm nhất là ngày 5/12",
            "chậm nhất là ngày 5/12",
            K.NO_LATER_THAN,
            date(2023, 12, 5),
        ),
        (
            "Nộp báo cáo trước 8h30 ngày 5/12/2023 tại Văn phòng",
            "trước 8h30 ngày 5/12/2023",
            K.BEFORE_TIME,
            date(2023, 12, 5),
        ),
        (
            "Tổ chức kiểm tra từ nay đến hết ngày 31/12/2023",
            "từ nay đến hết ngày 31/12/2023",
            K.UNTIL,
            date(2023, 12, 31),
        ),
        ("Theo dõi, đôn đốc thường xuyên", "thường xuyên", K.ONGOING, None),
    ],
)
def test_find_deadline_gives_the_phrase_a_clerk_would_copy(sentence, phrase, kind, last):
    found = find_deadline(sentence, 2023)
    assert found == Deadline(phrase, kind, last, found.time if found else None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Công văn số 2036/UBND-NV ngày 07/11/2023 của UBND huyện",
        "Tiếp tục theo dõi, đôn đốc",
        "",
    ],
)
def test_a_sentence_without_a_deadline_phrase_has_none(sentence):
    assert find_deadline(sentence, 2023) is None


def test_find_deadline_keeps_the_marks_of_a_decomposed_sentence_in_nfc():
    import unicodedata

    sentence = unicodedata.normalize("NFD", "Báo cáo trước ngày 10/12/2023")
    found = find_deadline(sentence, 2023)
    assert found is not None and found.text == "trước ngày 10/12/2023"


# -- a date without a year in a notice issued late in the year -------------------

UNITS = "units:\n  - {id: noi-vu, name: Phòng Nội vụ, kind: department}\n"


def deadline_in_notice(issued: str, written: str) -> date | None:
    node, _ = parse(UNITS, "units.yaml")
    registry, _ = load_registry(node, "units.yaml")
    text = (
        "id: tb-1\n"
        "title: Kết luận\n"
        f"date: {issued}\n"
        "tasks:\n"
        "  - id: '1'\n"
        "    assignees: [noi-vu]\n"
        "    text: Báo cáo\n"
        f"    deadline: {written}\n"
    )
    notice, problems, _ = read_notice(text, str(Path("tb-1.yaml")), registry, Resolver(registry))
    assert notice is not None, problems
    return notice.tasks[0].deadline.last_day


def test_a_date_without_a_year_in_a_notice_takes_the_notices_year():
    assert deadline_in_notice("2023-11-22", "chậm nhất ngày 15/12") == date(2023, 12, 15)


def test_a_yearless_date_before_the_notices_day_falls_in_the_next_year():
    # DOMAIN.md: "in a notice of 28/12/2023, 'trước ngày 10/01' is 10/01/2024".
    assert deadline_in_notice("2023-12-28", "chậm nhất ngày 10/01") == date(2024, 1, 10)


phrases = st.text(
    alphabet="0123456789/.-, trướcngàyđếnquýIVthángnămhếtcuốichậmnhấtgiờhphútxuyên",
    max_size=50,
)


@given(phrases, st.one_of(st.none(), st.integers(min_value=1950, max_value=2150)))
def test_any_sentence_gives_a_deadline_none_or_a_deadline_error(sentence, year):
    try:
        found = find_deadline(sentence, year)
    except DeadlineError:
        return
    if found is None:
        return
    # The phrase is copied from the sentence, and a phrase with a day has its last day.
    assert found.text and found.text in sentence
    assert (found.last_day is None) is (found.kind is K.ONGOING)
