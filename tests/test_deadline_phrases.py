"""The deadline engine on phrases as notices write them (issue 18): each with the last
day a clerk reads, or the refusal; from a notice field and inside a task's sentence.

Unless a row says otherwise the notice was issued on Wednesday 22/11/2023 and the
office keeps Vietnam's public calendar with no days of its own. Expected days were
worked out by hand from the calendar (22/11/2023 is a Wednesday; 01/01/2024 a
public holiday; Tết 2024 is 08-14/02).
"""

from __future__ import annotations

import unicodedata
from datetime import date, time

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import (
    DeadlineContext,
    DeadlineError,
    DeadlineKind,
    find_deadline,
    parse_deadline,
    read_deadline,
)

K = DeadlineKind
ISSUED = PartialDate(2023, 11, 22)
LATE = PartialDate(2023, 12, 28)
D = date

# (phrase, last day | None for ongoing | an error key, date of issue)
FIELD_CASES: list[tuple[str, object, PartialDate | None]] = [
    # -- a day, before it ("trước ngày": the day before) -----------------------------
    ("trước ngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("Hoàn thành trước ngày 10/12/2023.", D(2023, 12, 9), ISSUED),
    ("xong trước ngày 10/7/2024", D(2024, 7, 9), ISSUED),
    ("TRƯỚC NGÀY 10/12/2023", D(2023, 12, 9), ISSUED),
    ("Trước Ngày 01/01/2024", D(2023, 12, 31), ISSUED),
    ("trước ngày 10/12", D(2023, 12, 9), ISSUED),
    ("trước ngày 10/01", D(2024, 1, 9), LATE),
    ("trước ngày 28/12", D(2023, 12, 27), LATE),
    ("trước ngày 15/9", D(2024, 9, 14), ISSUED),
    ("trước ngày 10.12.2023", D(2023, 12, 9), ISSUED),
    ("trước ngày 10-12-2023", D(2023, 12, 9), ISSUED),
    ("trước ngày 10–12–2023", D(2023, 12, 9), ISSUED),
    ("trước ngày 10 / 12 / 2023", D(2023, 12, 9), ISSUED),
    ("trước  ngày   10/12/2023", D(2023, 12, 9), ISSUED),
    ("trước ngày10/12/2023", D(2023, 12, 9), ISSUED),
    ("truoc ngay 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trươc ngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trứơc ngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trư\u00adớc ngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trước\u200b ngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trước\u00a0ngày\u00a010/12/2023", D(2023, 12, 9), ISSUED),
    ("trước\tngày 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trước ngày 5 tháng 12 năm 2023", D(2023, 12, 4), ISSUED),
    ("trước ngày 05 tháng 12/2023", D(2023, 12, 4), ISSUED),
    ("trước 10/12/2023", D(2023, 12, 9), ISSUED),
    ("trước lễ 30/4", D(2024, 4, 29), ISSUED),
    ("trước dịp Quốc khánh 2/9/2024", D(2024, 9, 1), ISSUED),
    ("trước ngày 01/03/2024", D(2024, 2, 29), ISSUED),
    ("trước ngày 29/02", D(2024, 2, 28), ISSUED),
    # -- a day, no later than it ------------------------------------------------------
    ("chậm nhất ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("chậm nhất là ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("chậm nhất trong ngày 04/12/2023", D(2023, 12, 4), ISSUED),
    ("Chậm nhất vào ngày 4/12", D(2023, 12, 4), ISSUED),
    ("chậm nhât ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("chạm nhất ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("muộn nhất ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("Thời hạn: 30/12/2023", D(2023, 12, 30), ISSUED),
    ("Thời hạn hoàn thành: 30/12/2023", D(2023, 12, 30), ISSUED),
    ("thời hạn 30/12/2023", D(2023, 12, 30), ISSUED),
    ("hạn chót ngày 15/12/2023", D(2023, 12, 15), ISSUED),
    ("Hạn chót: 15-12-2023", D(2023, 12, 15), ISSUED),
    ("hạn cuối là ngày 15.12.2023", D(2023, 12, 15), ISSUED),
    ("không quá ngày 20/12/2023", D(2023, 12, 20), ISSUED),
    ("không muộn hơn ngày 20/12/2023", D(2023, 12, 20), ISSUED),
    ("vào ngày 5 tháng 12 năm 2023", D(2023, 12, 5), ISSUED),
    ("vào ngày 05/12", D(2023, 12, 5), ISSUED),
    ("ngày 5 tháng 12 năm 2023", D(2023, 12, 5), ISSUED),
    ("ngày 05/12/2023.", D(2023, 12, 5), ISSUED),
    ("2023-12-05", D(2023, 12, 5), ISSUED),
    ("05/12/2023", D(2023, 12, 5), ISSUED),
    ("20.7.2024", D(2024, 7, 20), ISSUED),
    ("5/12", D(2023, 12, 5), ISSUED),
    ("15/9", D(2024, 9, 15), ISSUED),
    # -- until a day ----------------------------------------------------------------------
    ("đến 31/12/2023", D(2023, 12, 31), ISSUED),
    ("từ nay đến 14/12/2023", D(2023, 12, 14), ISSUED),
    ("đến hết ngày 30/6/2024", D(2024, 6, 30), ISSUED),
    ("Đến hết 30/6/2024", D(2024, 6, 30), ISSUED),
    ("hết ngày 31/12/2023", D(2023, 12, 31), ISSUED),
    ("từ ngày 01/12/2023 đến ngày 15/12/2023", D(2023, 12, 15), ISSUED),
    ("tới ngày 15/12/2023", D(2023, 12, 15), ISSUED),
    ("đến hết ngày 31/1", D(2024, 1, 31), ISSUED),
    # -- a time of day (the day itself, time kept) -----------------------------------------
    ("trước 14 giờ, ngày 05/12/2023", D(2023, 12, 5), ISSUED),
    ("trước 8 giờ sáng ngày 05/12/2023", D(2023, 12, 5), ISSUED),
    ("trước 8h30 ngày 5/12/2023", D(2023, 12, 5), ISSUED),
    ("trước 8:30 ngày 5/12/2023", D(2023, 12, 5), ISSUED),
    ("trước 16 giờ 30 phút ngày 05/12/2023", D(2023, 12, 5), ISSUED),
    ("chậm nhất 17 giờ ngày 15/12/2023", D(2023, 12, 15), ISSUED),
    ("chậm nhất 17h00 ngày 15/12", D(2023, 12, 15), ISSUED),
    ("trước 2 giờ chiều ngày 5/12/2023", D(2023, 12, 5), ISSUED),
    ("hạn chót 10 giờ ngày 5/12/2023", D(2023, 12, 5), ISSUED),
    ("trước 17h00 ngày 15/12/2023", D(2023, 12, 15), ISSUED),
    ("trước 20 giờ 00 ngày 22/11/2023", D(2023, 11, 22), ISSUED),
    # -- a part of a day (the day itself: the model has no hours) ---------------------------
    ("trong buổi sáng ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("trong buổi chiều thứ Sáu, ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("chậm nhất chiều ngày 24/11/2023", D(2023, 11, 24), ISSUED),
    ("hạn chót nộp hồ sơ là sáng ngày 28/11/2023", D(2023, 11, 28), ISSUED),
    ("đến hết chiều ngày 30/11/2023", D(2023, 11, 30), ISSUED),
    # Before the afternoon of a day: its morning is still in time.
    ("trước buổi chiều ngày 25/11/2023", D(2023, 11, 25), ISSUED),
    ("trước sáng thứ Hai, ngày 27/11/2023", D(2023, 11, 27), ISSUED),
    ("trong ngày 20/11", D(2024, 11, 20), ISSUED),
    # -- months -------------------------------------------------------------------------
    ("trong tháng 12/2023", D(2023, 12, 31), ISSUED),
    ("trong tháng 2/2024", D(2024, 2, 29), ISSUED),
    ("trong tháng 02 năm 2023", D(2023, 2, 28), ISSUED),
    ("tháng 12/2023", D(2023, 12, 31), ISSUED),
    ("trong tháng 12", D(2023, 12, 31), ISSUED),
    ("trong tháng 11", D(2023, 11, 30), ISSUED),
    ("trong tháng 01", D(2024, 1, 31), ISSUED),
    ("trong tháng 10", D(2024, 10, 31), ISSUED),
    ("trong tháng 12", D(2023, 12, 31), LATE),
    ("hết tháng 3/2024", D(2024, 3, 31), ISSUED),
    ("trước tháng 6/2024", D(2024, 5, 31), ISSUED),
    ("trước tháng 6", D(2024, 5, 31), ISSUED),
    ("trước tháng 12", D(2023, 11, 30), ISSUED),
    ("trước tháng 01/2024", D(2023, 12, 31), ISSUED),
    ("trước tháng 3 năm 2024", D(2024, 2, 29), ISSUED),
    ("trong tháng này", D(2023, 11, 30), ISSUED),
    ("trong tháng tới", D(2023, 12, 31), ISSUED),
    ("trong tháng sau", D(2024, 1, 31), LATE),
    # -- quarters -----------------------------------------------------------------------
    ("trong quý IV/2023", D(2023, 12, 31), ISSUED),
    ("quý 3/2021", D(2021, 9, 30), ISSUED),
    ("trong quý I năm 2024", D(2024, 3, 31), ISSUED),
    ("Trong Quý iii/2024", D(2024, 9, 30), ISSUED),
    ("quý 4 - 2024", D(2024, 12, 31), ISSUED),
    ("trong quý IV", D(2023, 12, 31), ISSUED),
    ("trong quý I", D(2024, 3, 31), ISSUED),
    ("trước quý III/2024", D(2024, 6, 30), ISSUED),
    ("trước quý I/2024", D(2023, 12, 31), ISSUED),
    ("trước quý 1", D(2023, 12, 31), ISSUED),
    ("trong quý này", D(2023, 12, 31), ISSUED),
    ("trong quý tới", D(2024, 3, 31), ISSUED),
    # -- halves and months of a year ------------------------------------------------------
    ("6 tháng đầu năm 2024", D(2024, 6, 30), ISSUED),
    ("06 tháng đầu năm 2024", D(2024, 6, 30), ISSUED),
    ("sáu tháng cuối năm 2024", D(2024, 12, 31), ISSUED),
    ("nửa đầu năm 2024", D(2024, 6, 30), ISSUED),
    ("9 tháng đầu năm 2024", D(2024, 9, 30), ISSUED),
    ("trong 6 tháng đầu năm 2024", D(2024, 6, 30), ISSUED),
    ("6 tháng đầu năm", D(2024, 6, 30), ISSUED),
    # -- years --------------------------------------------------------------------------
    ("năm 2024", D(2024, 12, 31), ISSUED),
    ("trong năm 2024", D(2024, 12, 31), ISSUED),
    ("hết năm 2024", D(2024, 12, 31), ISSUED),
    ("từ nay đến cuối năm 2023", D(2023, 12, 31), ISSUED),
    ("trước năm 2025", D(2024, 12, 31), ISSUED),
    ("đến năm 2025", D(2025, 12, 31), ISSUED),
    ("giai đoạn 2021 - 2025", D(2025, 12, 31), ISSUED),
    ("trong năm nay", D(2023, 12, 31), ISSUED),
    ("trong năm sau", D(2024, 12, 31), ISSUED),
    # -- weeks of a month (the office's reading) ---------------------------------------------
    ("trong tuần đầu tháng 01/2024", D(2024, 1, 7), ISSUED),
    ("tuần đầu tiên của tháng 01/2024", D(2024, 1, 7), ISSUED),
    ("tuần thứ hai của tháng 3/2024", D(2024, 3, 14), ISSUED),
    ("tuần thứ 3 tháng 2/2024", D(2024, 2, 21), ISSUED),
    ("tuần cuối tháng 12/2023", D(2023, 12, 31), ISSUED),
    ("tuần thứ 5 tháng 2/2024", D(2024, 2, 29), ISSUED),
    ("trong tuần đầu tháng 01", D(2024, 1, 7), ISSUED),
    # -- points of a period (BLDS 2015, Điều 146) --------------------------------------------
    ("đầu tháng 12/2023", D(2023, 12, 1), ISSUED),
    ("giữa tháng 12/2023", D(2023, 12, 15), ISSUED),
    ("cuối tháng 12/2023", D(2023, 12, 31), ISSUED),
    ("đầu năm 2024", D(2024, 1, 1), ISSUED),
    ("giữa năm 2024", D(2024, 6, 30), ISSUED),
    ("cuối năm 2023", D(2023, 12, 31), ISSUED),
    ("cuối quý I/2024", D(2024, 3, 31), ISSUED),
    ("đầu quý II/2024", D(2024, 4, 1), ISSUED),
    ("giữa quý II/2024", D(2024, 5, 15), ISSUED),
    ("cuối tháng", D(2023, 11, 30), ISSUED),
    ("đầu tháng", D(2023, 12, 1), ISSUED),
    ("giữa tháng", D(2023, 12, 15), ISSUED),
    ("cuối năm", D(2023, 12, 31), ISSUED),
    ("đầu năm", D(2024, 1, 1), ISSUED),
    ("giữa năm", D(2024, 6, 30), ISSUED),
    ("cuối quý", D(2023, 12, 31), ISSUED),
    ("trước giữa tháng 12/2023", D(2023, 12, 14), ISSUED),
    ("trước đầu năm 2024", D(2023, 12, 31), ISSUED),
    ("trước cuối năm 2023", D(2023, 12, 31), ISSUED),
    # -- counts from the notice (BLDS 2015, Điều 147-148) ------------------------------------
    ("trong 15 ngày kể từ ngày ký", D(2023, 12, 7), ISSUED),
    ("trong 15 ngày kể từ ngày nhận được thông báo này", D(2023, 12, 7), ISSUED),
    ("trong vòng 05 ngày", D(2023, 11, 27), ISSUED),
    ("trong vòng 3 ngày", D(2023, 11, 27), ISSUED),  # 25/11 is a Saturday: Điều 148.5
    ("trong 18 ngày", D(2023, 12, 11), ISSUED),  # 10/12 is a Sunday
    ("trong thời hạn 30 ngày kể từ ngày ban hành", D(2023, 12, 22), ISSUED),
    ("trong mười lăm (15) ngày kể từ ngày ký", D(2023, 12, 7), ISSUED),
    ("trong mười lăm ngày", D(2023, 12, 7), ISSUED),
    ("trong hai mươi ngày kể từ ngày ký", D(2023, 12, 12), ISSUED),
    ("trong thời hạn 10 ngày làm việc kể từ ngày ký", D(2023, 12, 6), ISSUED),
    ("trong 5 ngày làm việc", D(2023, 11, 29), ISSUED),
    ("trong 10 ngày làm việc kể từ ngày ký", D(2024, 1, 12), LATE),  # 01/01 skipped
    ("trong 02 tuần kể từ ngày ký", D(2023, 12, 6), ISSUED),
    ("trong 01 tháng kể từ ngày ký", D(2023, 12, 22), ISSUED),
    ("trong thời hạn 03 tháng", D(2024, 2, 22), ISSUED),
    ("trong 1 năm kể từ ngày ký", D(2024, 11, 22), ISSUED),
    ("trong 10 ngày kể từ ngày 05/12/2023", D(2023, 12, 15), ISSUED),
    ("trong 7 ngày kể từ ngày 28/04/2024", D(2024, 5, 6), ISSUED),  # 05/05 a Sunday
    ("trong 5 ngày làm việc kể từ ngày 07/02/2024", D(2024, 2, 21), ISSUED),  # Tết 2024
    ("trong 3 ngày kể từ ngày 07/02/2024", D(2024, 2, 15), ISSUED),  # 10/02 is Tết
    ("trong 2 ngày làm việc kể từ ngày 30/08/2024", D(2024, 9, 5), ISSUED),  # 2-3/9
    ("trong 1 ngày làm việc kể từ ngày 25/04/2025", D(2025, 4, 26), ISSUED),  # worked Sat
    ("chậm nhất 15 ngày sau khi nhận được thông báo", D(2023, 12, 7), ISSUED),
    ("trong 1 tháng kể từ ngày 31/01/2024", D(2024, 2, 29), ISSUED),  # Điều 148.3
    # -- ongoing -------------------------------------------------------------------------
    ("thường xuyên", None, ISSUED),
    ("Thực hiện thường xuyên, liên tục", None, ISSUED),
    ("Không thời hạn", None, ISSUED),
    ("hằng tháng", None, ISSUED),
    ("định kỳ hằng quý", None, ISSUED),
    ("THƯỜNG XUYÊN", None, ISSUED),
    # -- named no day: refused, with the accepted forms ---------------------------------------
    ("trước Tết Nguyên đán", "deadline.no-day", ISSUED),
    ("trước Tết Nguyên đán Giáp Thìn 2024", "deadline.no-day", ISSUED),
    ("trước Tết", "deadline.no-day", ISSUED),
    ("trong tuần này", "deadline.no-day", ISSUED),
    ("tuần sau", "deadline.no-day", ISSUED),
    ("sớm", "deadline.no-day", ISSUED),
    ("khẩn trương", "deadline.no-day", ISSUED),
    ("càng sớm càng tốt", "deadline.no-day", ISSUED),
    ("ngay lập tức", "deadline.no-day", ISSUED),
    ("khi có yêu cầu", "deadline.no-day", ISSUED),
    ("KHẨN TRƯƠNG", "deadline.no-day", ISSUED),
    ("trước 17 giờ chiều nay", "deadline.no-day", ISSUED),
    ("trong sáng mai", "deadline.no-day", ISSUED),
    # -- unreadable or impossible ----------------------------------------------------------
    ("khi nào xong", "deadline.unreadable", ISSUED),
    ("trước ngày 10/12/23", "deadline.unreadable", ISSUED),
    ("99999999999999999999", "deadline.unreadable", ISSUED),
    ("trong quý V/2024", "deadline.unreadable", ISSUED),
    ("trước ngày 31/11/2023", "date.bad-day", ISSUED),
    ("chậm nhất ngày 29/02/2023", "date.bad-day", ISSUED),
    ("trước ngày 31/4", "date.bad-day", ISSUED),
    ("trước ngày 10/13/2023", "date.bad-month", ISSUED),
    ("trong tháng 13/2023", "date.bad-month", ISSUED),
    ("13 tháng đầu năm 2024", "date.bad-month", ISSUED),
    ("trước 25 giờ ngày 05/12/2023", "deadline.bad-time", ISSUED),
    ("trước 8 giờ 60 phút ngày 05/12/2023", "deadline.bad-time", ISSUED),
    ("trước ngày 01/01/0001", "date.out-of-range", ISSUED),
    ("đến 31/12/9999", "date.out-of-range", ISSUED),
    ("năm 9999", "date.out-of-range", ISSUED),
    ("trước ngày 01/01/1900", "date.beyond-range", ISSUED),
    ("trong 0 ngày", "deadline.zero-count", ISSUED),
    ("trong 9999999 ngày", "date.beyond-range", ISSUED),
    ("trong 9999999 năm", "date.beyond-range", ISSUED),
    ("trong 15 ngày kể từ ngày ký", "deadline.partial-anchor", PartialDate(2023, 11)),
    ("trong 15 ngày kể từ ngày ký", "deadline.no-anchor", None),
    ("trong 15 ngày kể từ ngày có kết quả thẩm định", "deadline.needs-anchor", ISSUED),
    ("trước ngày 10/12", "deadline.no-year", None),
    ("trong tháng này", "deadline.needs-issue-month", PartialDate(2023)),
    ("giai đoạn 2025-2021", "deadline.bad-span", ISSUED),
    # A day of the month of issue or the next ("tháng sau": after 22/11/2023, December;
    # after 28/12/2023, January of the next year); "5 tháng sau" is five months on.
    ("trước ngày 5 tháng sau", D(2023, 12, 4), ISSUED),
    ("Trước ngày 05 tháng sau", D(2024, 1, 4), LATE),
    ("chậm nhất ngày 10 tháng tới", D(2023, 12, 10), ISSUED),
    ("đến ngày 30 tháng này", D(2023, 11, 30), ISSUED),
    ("ngày 25 tháng sau", D(2023, 12, 25), ISSUED),
    ("trước ngày 31 tháng sau", D(2023, 12, 30), ISSUED),
    ("trước ngày 31 tháng này", "date.bad-day", ISSUED),
    ("trước ngày 5 tháng sau", "deadline.no-year", None),
    ("trước ngày 5 tháng sau", "deadline.needs-issue-month", PartialDate(2023)),
    ("trước 5 tháng sau", "deadline.unreadable", ISSUED),
    # "những năm tiếp theo" as "các năm tiếp theo": not the year after the one named.
    ("trong năm 2024 và những năm tiếp theo", D(2024, 12, 31), ISSUED),
    ("năm 2024 và những năm sau", D(2024, 12, 31), ISSUED),
    ("những năm tiếp theo", None, ISSUED),
    # A table's column: a month alone ("12/2023"), a period alone ("trong năm").
    ("12/2023", D(2023, 12, 31), ISSUED),
    ("Hoàn thành 01/2024", D(2024, 1, 31), ISSUED),
    ("12-2023.", D(2023, 12, 31), ISSUED),
    ("13/2023", "date.bad-month", ISSUED),
    ("hoàn thành trong năm", D(2023, 12, 31), ISSUED),
    ("Trong quý", D(2023, 12, 31), ISSUED),
    ("trong tháng.", D(2023, 11, 30), ISSUED),
    ("trong năm", "deadline.no-year", None),
    # "từ" a period: when the work begins, no limit (it was read as that period's end);
    # with its "đến", the period it ends with.
    ("từ tháng 4/2024", "deadline.unreadable", ISSUED),
    ("bắt đầu từ quý II/2024", "deadline.unreadable", ISSUED),
    ("từ năm 2024", "deadline.unreadable", ISSUED),
    ("từ tháng 4 năm 2024", "deadline.unreadable", ISSUED),
    ("từ tháng 4/2024 đến tháng 6/2024", D(2024, 6, 30), ISSUED),
    ("từ tháng 4 năm 2024 đến hết năm 2024", D(2024, 12, 31), ISSUED),
    ("từ năm 2024 đến năm 2025", D(2025, 12, 31), ISSUED),
]


def read(phrase: str, issued: PartialDate | None):
    return parse_deadline(phrase, DeadlineContext(issued))


@pytest.mark.parametrize(("phrase", "expected", "issued"), FIELD_CASES)
def test_a_deadline_field_reads_as_a_clerk_reads_it(phrase, expected, issued):
    if isinstance(expected, str):
        with pytest.raises(DeadlineError) as caught:
            read(phrase, issued)
        assert caught.value.key == expected
        return
    deadline = read(phrase, issued)
    assert deadline.last_day == expected
    assert (deadline.kind is K.ONGOING) is (expected is None)


def test_the_table_has_at_least_150_phrases():
    assert len(FIELD_CASES) + len(SENTENCE_CASES) >= 150
    assert len({(p, i) for p, _, i in FIELD_CASES}) == len(FIELD_CASES)


@pytest.mark.parametrize(("phrase", "expected", "issued"), FIELD_CASES[:60])
def test_a_decomposed_phrase_reads_like_a_composed_one(phrase, expected, issued):
    decomposed = unicodedata.normalize("NFD", phrase)
    if isinstance(expected, str):
        with pytest.raises(DeadlineError):
            read(decomposed, issued)
        return
    assert read(decomposed, issued).last_day == expected


@pytest.mark.parametrize(
    ("phrase", "moment"),
    [
        ("trước 14 giờ, ngày 05/12/2023", time(14, 0)),
        ("trước 8 giờ sáng ngày 05/12/2023", time(8, 0)),
        ("trước 2 giờ chiều ngày 5/12/2023", time(14, 0)),
        ("chậm nhất 17 giờ ngày 15/12/2023", time(17, 0)),
        ("trước 8h30 ngày 5/12/2023", time(8, 30)),
        ("trước 16 giờ 30 phút ngày 05/12/2023", time(16, 30)),
        ("hạn chót 10 giờ tối ngày 5/12/2023", time(22, 0)),
    ],
)
def test_a_time_of_day_is_kept(phrase, moment):
    deadline = read(phrase, ISSUED)
    assert (deadline.kind, deadline.time) == (K.BEFORE_TIME, moment)


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("trước tháng 6/2024", K.BEFORE_PERIOD),
        ("trước quý III/2024", K.BEFORE_PERIOD),
        ("trước năm 2025", K.BEFORE_PERIOD),
        ("6 tháng đầu năm 2024", K.MONTHS_OF_YEAR),
        ("trong tuần đầu tháng 01/2024", K.WITHIN_WEEK),
        ("đầu tháng 12/2023", K.START_OF_PERIOD),
        ("giữa năm 2024", K.MIDDLE_OF_PERIOD),
        ("trong 15 ngày kể từ ngày ký", K.DAYS_FROM),
        ("trong 10 ngày làm việc kể từ ngày ký", K.WORKING_DAYS_FROM),
        ("trong 02 tuần kể từ ngày ký", K.PERIOD_FROM),
        ("năm 2024", K.END_OF_YEAR),
    ],
)
def test_each_form_has_its_kind(phrase, kind):
    assert read(phrase, ISSUED).kind is kind


def test_a_refusal_points_at_where_the_phrase_went_wrong():
    with pytest.raises(DeadlineError) as caught:
        read("Hoàn thành trước ngày 31/11/2023", ISSUED)
    assert caught.value.offset == len("Hoàn thành trước ngày ")
    with pytest.raises(DeadlineError) as caught:
        read("xong trư\u00adớc ngày 31/11/2023", ISSUED)
    assert caught.value.offset == len("xong trư\u00adớc ngày ")


def test_a_phrase_naming_no_day_says_which_words():
    with pytest.raises(DeadlineError) as caught:
        read("Hoàn thành trước Tết Nguyên đán", ISSUED)
    assert caught.value.key == "deadline.no-day"
    assert caught.value.args_["text"] == "Hoàn thành trước Tết Nguyên đán"


def test_a_count_starts_from_deadline_from_when_the_file_gives_it():
    context = DeadlineContext(ISSUED, anchor=D(2023, 12, 1))
    assert parse_deadline("trong 15 ngày kể từ ngày nhận được", context).last_day == D(
        2023, 12, 18
    )  # 16/12 is a Saturday: the Monday after
    # A partial date of issue is no obstacle then.
    partial = DeadlineContext(PartialDate(2023, 11), anchor=D(2023, 12, 1))
    assert parse_deadline("trong 5 ngày làm việc", partial).last_day == D(2023, 12, 8)


def test_a_count_from_the_meeting_uses_the_meeting_day():
    context = DeadlineContext(ISSUED, meeting=D(2023, 11, 20))
    assert parse_deadline("trong 10 ngày kể từ ngày họp", context).last_day == D(2023, 11, 30)
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("trong 10 ngày kể từ ngày họp", DeadlineContext(ISSUED))
    assert caught.value.key == "deadline.needs-anchor"


# -- inside a task's sentence (cchc import) -------------------------------------------------

SENTENCE_CASES: list[tuple[str, object, str | None]] = [
    (
        "Thực hiện Chỉ thị số 05/CT-UBND ngày 15 tháng 3 năm 2023 của UBND tỉnh, hoàn "
        "thành trước ngày 15/12/2023.",
        D(2023, 12, 14),
        "trước ngày 15/12/2023",
    ),
    (
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 02/02/2023, các phòng báo cáo kết quả chậm "
        "nhất ngày 20/12/2023",
        D(2023, 12, 20),
        "chậm nhất ngày 20/12/2023",
    ),
    (
        "Tổng hợp số liệu tính đến ngày 31/12/2023, gửi Phòng Nội vụ trong tháng 01/2024",
        D(2024, 1, 31),
        "trong tháng 01/2024",
    ),
    ("Triển khai Quyết định số 1234/QĐ-UBND ngày 10/10/2023 của UBND huyện", None, None),
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 02/02/2023 của UBND huyện", None, None),
    ("Tham mưu tổ chức hội nghị vào ngày 05/12/2023", None, None),
    ("Nộp hồ sơ vào ngày 15/12/2023", D(2023, 12, 15), "vào ngày 15/12/2023"),
    ("Khẩn trương hoàn thiện hồ sơ, trình UBND huyện", "deadline.no-day", None),
    (
        "Khẩn trương hoàn thiện hồ sơ, trình UBND huyện trước ngày 30/11/2023",
        D(2023, 11, 29),
        "trước ngày 30/11/2023",
    ),
    (
        "Chuẩn bị các điều kiện phục vụ nhân dân đón Tết trước Tết Nguyên đán Giáp Thìn 2024",
        "deadline.no-day",
        None,
    ),
    ("Sớm hoàn thành việc số hóa hồ sơ", "deadline.no-day", None),
    ("Rà soát, báo cáo kết quả trong tuần này", "deadline.no-day", None),
    (
        "Rà soát, báo cáo trong thời hạn 10 ngày làm việc kể từ ngày ký thông báo này",
        D(2023, 12, 6),
        "trong thời hạn 10 ngày làm việc kể từ ngày ký thông báo này",
    ),
    (
        "Các xã, thị trấn báo cáo về UBND huyện (qua Phòng Nội vụ) trong vòng 05 ngày.",
        D(2023, 11, 27),
        "trong vòng 05 ngày",
    ),
    (
        "Báo cáo trong 15 ngày kể từ ngày nhận được thông báo này để tổng hợp",
        D(2023, 12, 7),
        "trong 15 ngày kể từ ngày nhận được thông báo này",
    ),
    ("Theo dõi, đôn đốc thường xuyên", None, "thường xuyên"),
    ("Tổ chức hội nghị trong 02 ngày", None, None),
    (
        "Báo cáo trước ngày 10/12/2023 và hoàn thành trước ngày 30/12/2023",
        D(2023, 12, 29),
        "trước ngày 30/12/2023",
    ),
    ("Xây dựng Kế hoạch cải cách hành chính năm 2024", None, None),
    ("Hoàn thành trong năm 2024", D(2024, 12, 31), "trong năm 2024"),
    ("Phấn đấu đến năm 2025 đạt 100%", D(2025, 12, 31), "đến năm 2025"),
    (
        "Tiếp tục thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2023 về cải cách hành chính "
        "giai đoạn 2021-2025",
        None,
        None,
    ),
    (
        "Xây dựng báo cáo sơ kết 6 tháng đầu năm 2024, gửi UBND huyện trước ngày 15/6/2024",
        D(2024, 6, 14),
        "trước ngày 15/6/2024",
    ),
    (
        "Báo cáo kết quả thực hiện, chậm nhất 17 giờ ngày 15/12/2023",
        D(2023, 12, 15),
        "chậm nhất 17 giờ ngày 15/12/2023",
    ),
    (
        "Thời hạn hoàn thành: trong tháng 12/2023",
        D(2023, 12, 31),
        "trong tháng 12/2023",
    ),
    (
        "Gửi báo cáo về Văn phòng HĐND và UBND huyện trước ngày 25/11",
        D(2023, 11, 24),
        "trước ngày 25/11",
    ),
    (
        "Các phòng phấn đấu cải thiện điểm số từ nay đến cuối năm 2023.",
        D(2023, 12, 31),
        "từ nay đến cuối năm 2023",
    ),
    (
        "Tổ chức kiểm tra từ nay đến hết ngày 31/12/2023",
        D(2023, 12, 31),
        "từ nay đến hết ngày 31/12/2023",
    ),
    (
        "Báo cáo về UBND huyện trư\u00adớc ngày 10/12/2023.",
        D(2023, 12, 9),
        "trước ngày 10/12/2023",
    ),
    (
        "PHÒNG NỘI VỤ CHỦ TRÌ, PHỐI HỢP VỚI CÁC ĐƠN VỊ HOÀN THÀNH TRƯỚC NGÀY 10/12/2023",
        D(2023, 12, 9),
        "TRƯỚC NGÀY 10/12/2023",
    ),
    (
        "Trên cơ sở kết quả chấm điểm năm 2022 và Thông báo số 98/TB-UBND ngày 20/4/2023, "
        "các cơ quan, đơn vị rà soát tiêu chí bị trừ điểm, xây dựng giải pháp khắc phục, gửi "
        "Phòng Nội vụ tổng hợp, báo cáo Chủ tịch UBND huyện trong quý I/2024",
        D(2024, 3, 31),
        "trong quý I/2024",
    ),
    ("Hoàn thành trong tuần đầu tháng 01/2024", D(2024, 1, 7), "trong tuần đầu tháng 01/2024"),
    ("Kiểm tra, báo cáo trước quý III/2024", D(2024, 6, 30), "trước quý III/2024"),
    ("Nộp báo cáo trước 8 giờ sáng ngày 05/12/2023 tại Văn phòng", D(2023, 12, 5), None),
    ("Tham gia tập huấn ngày 05/12/2023 tại Hội trường UBND huyện", None, None),
    (
        "Tổng hợp số hộ sơ tán, báo cáo Ban Chỉ huy trong buổi sáng ngày 24/11/2023",
        D(2023, 11, 24),
        "trong buổi sáng ngày 24/11/2023",
    ),
    (
        "Hoàn thiện hồ sơ, gửi Phòng Nội vụ trước 17h00 ngày 15/12/2023 để tổng hợp",
        D(2023, 12, 15),
        "trước 17h00 ngày 15/12/2023",
    ),
    # "tổng hợp", "phối hợp" are no meeting ("họp") that would make the day a reference.
    (
        "Phối hợp với các xã tổng hợp số liệu, báo cáo trong ngày 24/11/2023",
        D(2023, 11, 24),
        "trong ngày 24/11/2023",
    ),
    # "bằng văn bản" (in writing) is no document; a meeting in another clause is no
    # reference for this clause's day.
    (
        "Thẩm định các dự thảo trình kỳ họp, có ý kiến bằng văn bản trong ngày 14/12/2023.",
        D(2023, 12, 14),
        "trong ngày 14/12/2023",
    ),
    # A meeting on a morning is no limit.
    ("Dự họp vào sáng thứ Hai, ngày 27/11/2023 tại Hội trường UBND huyện", None, None),
    # A report at a meeting the notice names by no day: a limit with no day.
    ("Tổng hợp kết quả, báo cáo tại giao ban tuần 47.", "deadline.no-day", None),
    ("Hoàn thiện dự thảo, trình tại cuộc họp lần sau", "deadline.no-day", None),
    ("Tại giao ban tuần 45, Chủ tịch UBND huyện đã chỉ đạo rà soát", None, None),
    (
        "Hoàn thành trước ngày 20/12/2023, báo cáo tại giao ban tuần tới",
        D(2023, 12, 19),
        "trước ngày 20/12/2023",
    ),
    # A month or a period alone is a field's, not a sentence's.
    ("Thực hiện theo Kế hoạch số 12/2023 của UBND tỉnh", None, None),
    ("Rà soát các thủ tục hành chính trong năm", None, None),
    ("Thời gian thực hiện: từ tháng 4/2024.", None, None),
    # A strong lead, what is due, then a time and its day.
    (
        "Hạn cuối nộp hồ sơ: 17 giờ 00 ngày 25/11/2023.",
        D(2023, 11, 25),
        "Hạn cuối nộp hồ sơ: 17 giờ 00 ngày 25/11/2023",
    ),
    (
        "Các xã tổng hợp, báo cáo Phòng Nội vụ chậm nhất ngày 10 tháng sau để tổng hợp.",
        D(2023, 12, 10),
        "chậm nhất ngày 10 tháng sau",
    ),
]


@pytest.mark.parametrize(("sentence", "expected", "phrase"), SENTENCE_CASES)
def test_the_finder_picks_the_deadline_not_a_reference(sentence, expected, phrase):
    if isinstance(expected, str):
        with pytest.raises(DeadlineError) as caught:
            find_deadline(sentence, DeadlineContext(ISSUED))
        assert caught.value.key == expected
        return
    found = find_deadline(sentence, DeadlineContext(ISSUED))
    if phrase is None and expected is None:
        assert found is None
        return
    assert found is not None
    assert found.last_day == expected
    if phrase is not None:
        assert found.text == phrase


def test_the_finder_and_the_field_read_a_phrase_alike():
    for phrase, expected, issued in FIELD_CASES:
        if isinstance(expected, str) or expected is None or issued is None:
            continue
        sentence = f"Các đơn vị triển khai thực hiện, báo cáo kết quả {phrase}"
        try:
            found = find_deadline(sentence, DeadlineContext(issued))
        except DeadlineError:
            continue
        if found is not None and found.text and found.text.strip(" .") == phrase.strip(" ."):
            assert found.last_day == expected, phrase


def test_the_steps_of_a_reading_name_the_law_they_apply():
    reading = read_deadline("trong 10 ngày làm việc kể từ ngày ký", LATE, explain=True)
    keys = [s.key for s in reading.steps]
    assert keys == ["why.anchor.issue", "why.rule.working-days", "why.skipped"]
    skipped = reading.steps[-1].args["days"]
    assert [d.day for d in skipped] == [
        D(2023, 12, 30),
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2024, 1, 6),
        D(2024, 1, 7),
    ]
    assert skipped[2].reason == "public" and skipped[2].name_vi == "Tết Dương lịch"


@pytest.mark.parametrize(
    ("sentence", "last_day"),
    [
        ("Tổ chức tập huấn. Thời gian hoàn thành: Tháng 12/2023.", date(2023, 12, 31)),
        ("Rà soát hồ sơ. Thời hạn: Quý I/2024.", date(2024, 3, 31)),
        ("Số hóa hồ sơ. Tiến độ thực hiện: năm 2024.", date(2024, 12, 31)),
        ("Báo cáo kết quả. Hạn chót: cuối tháng 01/2024.", date(2024, 1, 31)),
    ],
)
def test_a_field_label_marks_a_period_as_the_time_limit(sentence, last_day):
    # A table of tasks writes "Thời gian hoàn thành: Tháng 12/2023" with no lead word;
    # the label is the lead.
    found = find_deadline(sentence, DeadlineContext(issued=date(2023, 11, 28)))
    assert found is not None and found.last_day == last_day


def test_a_period_with_no_label_or_lead_is_still_not_a_deadline():
    assert find_deadline("Công bố kết quả xếp loại năm 2023 của các xã.", 2023) is None


def test_a_deadline_read_compiles_only_the_forms_tried_before_its_own():
    """A run that parses one notice compiles the forms its deadlines need, not all 17."""
    from cchc_cli.core import deadline_phrases

    deadline_phrases._compiled_rule.cache_clear()
    hit = deadline_phrases.first_hit("truoc ngay 10/12/2023")
    assert hit is not None and hit.name == "before-day"
    assert deadline_phrases._compiled_rule.cache_info().currsize == 3
    assert len(deadline_phrases.rules()) == len(deadline_phrases._SPECS)
