"""A second, independent corpus of deadline phrases (issue 18), written without looking
at the engine's tables: each phrase with the last day derived by hand from the law
(BLDS 2015 Điều 146-148; BLLĐ 2019 Điều 112; QĐ 188/1999/QĐ-TTg) and ../shared/DOMAIN.md.

The notices' dates of issue vary so that "no year" is read near a year end, counts
cross Tết, 30/4-1/5 and 2/9, and weekends. Calendars used (civil servants):

- 2023: 02/01 (for Sunday 01/01); Tết 20-26/01; 29/04-03/05 (Giỗ Tổ on Saturday 29/04,
  30/4 and 1/5 on Sunday-Monday: off to Tuesday 02 and Wednesday 03/05); 01-04/09.
- 2024: 01/01; Tết 08-14/02; 18/04 (Giỗ Tổ); 29/04 (swapped with Saturday 04/05, a
  working day); 30/04; 01/05; 02-03/09.
- 2025: 01/01; Tết 27-31/01 (weekdays); 07/04 (Giỗ Tổ); 30/04; 01/05; 01-02/09.
"""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import (
    DeadlineContext,
    DeadlineError,
    find_deadline,
    parse_deadline,
    read_deadline,
)
from cchc_cli.core.workdays import WorkCalendar

D = date
P = PartialDate
NOV22 = P(2023, 11, 22)  # a Wednesday
DEC28 = P(2023, 12, 28)  # a Thursday, four days before the year ends
JAN15 = P(2024, 1, 15)  # a Monday
FEB01 = P(2024, 2, 1)  # a Thursday, a week before Tết 2024
APR25 = P(2024, 4, 25)  # a Thursday, before the 29/04-01/05 break of 2024
AUG26 = P(2024, 8, 26)  # a Monday, a week before Quốc khánh 2024
DEC20 = P(2024, 12, 20)  # a Friday
JAN10 = P(2023, 1, 10)

NO_DAY = "deadline.no-day"
REFUSED = "refused"  # any DeadlineError: the phrase is not a readable date

CORPUS: list[tuple[str, P, object]] = [
    # -- "trước ngày": the day before (DOMAIN.md) ------------------------------------------
    ("trước ngày 15/12/2023", NOV22, D(2023, 12, 14)),
    ("Hoàn thành trước ngày 15 tháng 12 năm 2023", NOV22, D(2023, 12, 14)),
    ("hoàn thành xong trước ngày 01/12/2023.", NOV22, D(2023, 11, 30)),
    ("trước ngày 1/1/2024", NOV22, D(2023, 12, 31)),
    ("trước ngày 01.3.2024", NOV22, D(2024, 2, 29)),
    ("trước ngày 01-03-2023", JAN10, D(2023, 2, 28)),
    ("TRƯỚC NGÀY 20/12/2023", NOV22, D(2023, 12, 19)),
    ("truoc ngay 20/12/2023", NOV22, D(2023, 12, 19)),
    ("Trước ngày 20/12", NOV22, D(2023, 12, 19)),
    ("trước ngày 05/01", DEC28, D(2024, 1, 4)),
    ("trước ngày 31/12", DEC28, D(2023, 12, 30)),
    ("trước ngày 28/12", DEC28, D(2023, 12, 27)),
    ("trước ngày 27/12", DEC28, D(2024, 12, 26)),
    ("trước ngày 15/01", JAN15, D(2024, 1, 14)),
    ("trư\u00adớc ngày 20/12/2023", NOV22, D(2023, 12, 19)),
    ("trước\u00a0ngày 20/12/2023", NOV22, D(2023, 12, 19)),
    ("trước ngày 20 / 12 / 2023", NOV22, D(2023, 12, 19)),
    ("trước ngày 20/12/2023;", NOV22, D(2023, 12, 19)),
    ("(trước ngày 20/12/2023)", NOV22, D(2023, 12, 19)),
    ("trước lễ 30/4", NOV22, D(2024, 4, 29)),
    ("trước ngày Quốc khánh 2/9", DEC28, D(2024, 9, 1)),
    # -- no later than: that day (BLDS Điều 148.1) -----------------------------------------
    ("chậm nhất ngày 30/11/2023", NOV22, D(2023, 11, 30)),
    ("Chậm nhất là ngày 30 tháng 11 năm 2023", NOV22, D(2023, 11, 30)),
    ("CHẬM NHẤT NGÀY 30/11/2023", NOV22, D(2023, 11, 30)),
    ("cham nhat ngay 30/11/2023", NOV22, D(2023, 11, 30)),
    ("chậm nh\u00adất ngày 30/11/2023", NOV22, D(2023, 11, 30)),
    ("chậm nhất: ngày 30/11/2023.", NOV22, D(2023, 11, 30)),
    ("chậm nhất  ngày\u202f30/11/2023", NOV22, D(2023, 11, 30)),
    ("chậm nhất ngày 05/01", DEC28, D(2024, 1, 5)),
    ("chậm nhất ngày 29/12", DEC28, D(2023, 12, 29)),
    ("Chậm nhất trong ngày 10/01/2024", DEC28, D(2024, 1, 10)),
    ("hạn chót ngày 20/12/2023", NOV22, D(2023, 12, 20)),
    ("Hạn chót: 20.12.2023", NOV22, D(2023, 12, 20)),
    ("Thời hạn: 30/12/2023", NOV22, D(2023, 12, 30)),
    ("Thời hạn hoàn thành: ngày 15/01/2024", DEC28, D(2024, 1, 15)),
    ("không quá ngày 10/12/2023", NOV22, D(2023, 12, 10)),
    ("không muộn hơn ngày 10/12/2023", NOV22, D(2023, 12, 10)),
    ("vào ngày 08/12/2023", NOV22, D(2023, 12, 8)),
    ("ngày 08/12/2023", NOV22, D(2023, 12, 8)),
    ("08/12/2023", NOV22, D(2023, 12, 8)),
    ("8.12.2023", NOV22, D(2023, 12, 8)),
    ("2023-12-08", NOV22, D(2023, 12, 8)),
    ("ngày 8 tháng 12", NOV22, D(2023, 12, 8)),
    # -- a weekday named beside the date; "Hạn:" as a table's label ------------------------
    ("chậm nhất vào ngày thứ Sáu, 15/12/2023", NOV22, D(2023, 12, 15)),
    ("trước thứ Sáu ngày 15/12/2023", NOV22, D(2023, 12, 14)),
    ("chậm nhất ngày thứ Hai (18/12/2023)", NOV22, D(2023, 12, 18)),
    ("trước 16 giờ 00, thứ Sáu, ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("đến hết ngày thứ Sáu, 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Hạn: 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Hạn chót nộp báo cáo là ngày 08/12/2023", NOV22, D(2023, 12, 8)),
    ("thời hạn gửi báo cáo: 15/12/2023", NOV22, D(2023, 12, 15)),
    # A bare date with its weekday, before or after it.
    ("15/12/2023 (thứ Sáu)", NOV22, D(2023, 12, 15)),
    ("ngày 15/12/2023, thứ Sáu", NOV22, D(2023, 12, 15)),
    ("Thứ Sáu, ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("ngày thứ Sáu (15/12/2023)", NOV22, D(2023, 12, 15)),
    # -- until: that day ---------------------------------------------------------------------
    ("đến ngày 31/12/2023", NOV22, D(2023, 12, 31)),
    ("Từ nay đến ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("đến hết ngày 31/01/2024", NOV22, D(2024, 1, 31)),
    ("đến hết ngày 15/01", DEC28, D(2024, 1, 15)),
    ("từ ngày 01/12/2023 đến ngày 20/12/2023", NOV22, D(2023, 12, 20)),
    ("từ 01/12 đến 20/12/2023", NOV22, D(2023, 12, 20)),
    ("từ nay đến hết tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("từ nay đến cuối năm", NOV22, D(2023, 12, 31)),
    ("từ nay đến cuối năm 2024", NOV22, D(2024, 12, 31)),
    # -- a time of day: that day ------------------------------------------------------------
    ("trước 17 giờ ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("trước 8 giờ 00 ngày 05/12/2023", NOV22, D(2023, 12, 5)),
    ("trước 16h00 ngày 5/12/2023", NOV22, D(2023, 12, 5)),
    ("trước 10 giờ 30, ngày 4/12/2023", NOV22, D(2023, 12, 4)),
    ("chậm nhất 11h ngày 4/12/2023", NOV22, D(2023, 12, 4)),
    ("trước 9 giờ sáng ngày 03/01", DEC28, D(2024, 1, 3)),
    ("chậm nhất 16 giờ 30 phút ngày 29/12/2023", DEC28, D(2023, 12, 29)),
    ("TRƯỚC 14 GIỜ NGÀY 05/12/2023", NOV22, D(2023, 12, 5)),
    # -- a month: its last day (BLDS Điều 146.2c) -------------------------------------------
    ("trong tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("Trong tháng 12 năm 2023", NOV22, D(2023, 12, 31)),
    ("trong tháng 02/2024", NOV22, D(2024, 2, 29)),
    ("trong tháng 2/2023", JAN10, D(2023, 2, 28)),
    ("trong tháng 12", DEC28, D(2023, 12, 31)),
    ("trong tháng 01", DEC28, D(2024, 1, 31)),
    ("trong tháng 1", NOV22, D(2024, 1, 31)),
    ("trong thang 12/2023", NOV22, D(2023, 12, 31)),
    ("TRONG THÁNG 12/2023", NOV22, D(2023, 12, 31)),
    ("tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("cuối tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("cuối tháng 2/2024", NOV22, D(2024, 2, 29)),
    ("trong tháng này", NOV22, D(2023, 11, 30)),
    ("trong tháng tới", NOV22, D(2023, 12, 31)),
    # -- beginning and middle (BLDS Điều 146.2a-b, 146.3a-b) -------------------------------
    ("đầu tháng 12/2023", NOV22, D(2023, 12, 1)),
    ("đầu tháng 01", DEC28, D(2024, 1, 1)),
    ("giữa tháng 12/2023", NOV22, D(2023, 12, 15)),
    ("giữa tháng 1", DEC28, D(2024, 1, 15)),
    ("đầu năm 2024", NOV22, D(2024, 1, 1)),
    ("giữa năm 2024", NOV22, D(2024, 6, 30)),
    ("cuối năm 2024", NOV22, D(2024, 12, 31)),
    ("đầu quý II/2024", NOV22, D(2024, 4, 1)),
    ("giữa quý II/2024", NOV22, D(2024, 5, 15)),
    ("cuối quý I/2024", NOV22, D(2024, 3, 31)),
    # -- quarters --------------------------------------------------------------------------
    ("quý IV/2023", NOV22, D(2023, 12, 31)),
    ("trong quý IV/2023", NOV22, D(2023, 12, 31)),
    ("Trong Quý IV năm 2023", NOV22, D(2023, 12, 31)),
    ("trong quý 4/2023", NOV22, D(2023, 12, 31)),
    ("trong quý I/2024", NOV22, D(2024, 3, 31)),
    ("trong quý II năm 2024", NOV22, D(2024, 6, 30)),
    ("trong quý iii/2024", NOV22, D(2024, 9, 30)),
    ("TRONG QUÝ III/2024", NOV22, D(2024, 9, 30)),
    ("trong quy III/2024", NOV22, D(2024, 9, 30)),
    ("trong quý I", DEC28, D(2024, 3, 31)),
    ("trong quý IV", DEC28, D(2023, 12, 31)),
    ("trong quý tới", NOV22, D(2024, 3, 31)),
    ("trong quý này", NOV22, D(2023, 12, 31)),
    # -- a year (BLDS Điều 146.3c) ---------------------------------------------------------
    ("năm 2024", NOV22, D(2024, 12, 31)),
    ("trong năm 2024", NOV22, D(2024, 12, 31)),
    ("trong năm nay", NOV22, D(2023, 12, 31)),
    ("trong năm sau", NOV22, D(2024, 12, 31)),
    ("đến năm 2025", NOV22, D(2025, 12, 31)),
    ("giai đoạn 2021-2025", NOV22, D(2025, 12, 31)),
    ("giai đoạn 2021 – 2025", NOV22, D(2025, 12, 31)),
    # -- before a period: the day before it starts ---------------------------------------
    ("trước tháng 6/2024", NOV22, D(2024, 5, 31)),
    ("trước tháng 3/2024", NOV22, D(2024, 2, 29)),
    ("trước tháng 01/2024", NOV22, D(2023, 12, 31)),
    ("truoc thang 6/2024", NOV22, D(2024, 5, 31)),
    ("trước quý III/2024", NOV22, D(2024, 6, 30)),
    ("trước quý I/2024", NOV22, D(2023, 12, 31)),
    ("trước quý 2 năm 2024", NOV22, D(2024, 3, 31)),
    ("trước năm 2025", NOV22, D(2024, 12, 31)),
    ("trước tháng 2", DEC28, D(2024, 1, 31)),
    # -- lists and ranges of periods: the last one named is the limit --------------------
    ("từ tháng 10 đến tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("từ tháng 10/2023 đến tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("trong hai tháng 11 và 12/2023", NOV22, D(2023, 12, 31)),
    ("trong các tháng 11, 12/2023", NOV22, D(2023, 12, 31)),
    ("trong tháng 11 và tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("tháng 11-12/2023", NOV22, D(2023, 12, 31)),
    ("trong quý III và quý IV/2024", NOV22, D(2024, 12, 31)),
    ("trong quý III, IV/2024", NOV22, D(2024, 12, 31)),
    ("trong năm 2023 - 2024", NOV22, D(2024, 12, 31)),
    ("từ năm 2024 đến năm 2025", NOV22, D(2025, 12, 31)),
    # -- months of a year ------------------------------------------------------------------
    ("6 tháng đầu năm 2024", NOV22, D(2024, 6, 30)),
    ("06 tháng đầu năm 2024", NOV22, D(2024, 6, 30)),
    ("sáu tháng đầu năm 2024", NOV22, D(2024, 6, 30)),
    ("9 tháng đầu năm 2024", NOV22, D(2024, 9, 30)),
    ("6 tháng cuối năm 2024", NOV22, D(2024, 12, 31)),
    ("nửa đầu năm 2024", NOV22, D(2024, 6, 30)),
    ("6 thang dau nam 2024", NOV22, D(2024, 6, 30)),
    ("trong 6 tháng đầu năm 2024", NOV22, D(2024, 6, 30)),
    # -- weeks of a month ------------------------------------------------------------------
    ("trong tuần đầu tháng 01/2024", NOV22, D(2024, 1, 7)),
    ("tuần đầu tháng 12/2023", NOV22, D(2023, 12, 7)),
    ("tuần thứ hai của tháng 3/2024", NOV22, D(2024, 3, 14)),
    ("tuần cuối tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("tuần cuối tháng 2/2024", NOV22, D(2024, 2, 29)),
    # -- counts in days (BLDS Điều 147, 148.1, 148.5) ---------------------------------------
    # 22/11/2023 + 15 = Thursday 07/12/2023.
    ("trong 15 ngày kể từ ngày ký", NOV22, D(2023, 12, 7)),
    ("trong vòng 15 ngày kể từ ngày ký", NOV22, D(2023, 12, 7)),
    ("trong thời hạn 15 ngày kể từ ngày ban hành", NOV22, D(2023, 12, 7)),
    ("trong mười lăm (15) ngày kể từ ngày nhận được thông báo này", NOV22, D(2023, 12, 7)),
    ("trong 15 ngay ke tu ngay ky", NOV22, D(2023, 12, 7)),
    ("TRONG 15 NGÀY KỂ TỪ NGÀY KÝ", NOV22, D(2023, 12, 7)),
    # + 5 = Monday 27/11/2023.
    ("trong vòng 05 ngày", NOV22, D(2023, 11, 27)),
    # + 4 = Sunday 26/11/2023: the next working day, Monday 27/11 (Điều 148.5).
    ("trong vòng 04 ngày", NOV22, D(2023, 11, 27)),
    # 28/12/2023 + 10 = Sunday 07/01/2024 -> Monday 08/01/2024.
    ("trong vòng 10 ngày kể từ ngày ký", DEC28, D(2024, 1, 8)),
    # 28/12/2023 + 4 = Monday 01/01/2024, a holiday -> Tuesday 02/01/2024.
    ("trong 04 ngày kể từ ngày ký", DEC28, D(2024, 1, 2)),
    # 15/01/2024 + 30 = Wednesday 14/02/2024, last day of Tết -> Thursday 15/02/2024.
    ("trong 30 ngày kể từ ngày ký", JAN15, D(2024, 2, 15)),
    # 20/12/2024 + 15 = Saturday 04/01/2025 -> Monday 06/01/2025.
    ("trong 15 ngày kể từ ngày ban hành", DEC20, D(2025, 1, 6)),
    # From an explicit day: 05/12/2023 + 10 = Friday 15/12/2023.
    ("trong 10 ngày kể từ ngày 05/12/2023", NOV22, D(2023, 12, 15)),
    # 25/04/2024 + 5 = Tuesday 30/04/2024 (holiday), 01/05 too -> Thursday 02/05/2024.
    ("trong vòng 05 ngày kể từ ngày ký", APR25, D(2024, 5, 2)),
    # -- counts in working days (Điều 147; QĐ 188/1999; BLLĐ Điều 112) ----------------------
    # From Monday 15/01/2024: 16-19 (4), 22-26 (9), 29 (10).
    ("trong thời hạn 10 ngày làm việc kể từ ngày ký", JAN15, D(2024, 1, 29)),
    ("trong 10 ngày làm việc", JAN15, D(2024, 1, 29)),
    ("trong 10 ngay lam viec ke tu ngay ky", JAN15, D(2024, 1, 29)),
    # From Thursday 01/02/2024: 02 (1), 05-07 (4), Tết 08-14 skipped, 15-16 (6), 19-22 (10).
    ("trong 10 ngày làm việc kể từ ngày ký", FEB01, D(2024, 2, 22)),
    # From Thursday 25/04/2024: 26 (1), 29/04-01/05 off, 02-03 (3), Saturday 04/05 worked
    # by the 2024 swap (4), Monday 06/05 (5).
    ("trong 05 ngày làm việc kể từ ngày ký", APR25, D(2024, 5, 6)),
    # From Monday 26/08/2024: 27-30 (4), 02-03/09 off, 04-06 (7).
    ("trong 07 ngày làm việc kể từ ngày ban hành", AUG26, D(2024, 9, 6)),
    # From Thursday 28/12/2023: 29 (1), 01/01 off, 02-05 (5).
    ("trong 05 ngày làm việc kể từ ngày 28/12/2023", NOV22, D(2024, 1, 5)),
    # From Friday 20/12/2024: 23-27 (5), 30-31 (7), 01/01 off, 02-03 (9).
    ("trong thời hạn 09 ngày làm việc kể từ ngày ký", DEC20, D(2025, 1, 3)),
    # A count with no lead word, counted from an event: 15/01/2024 + 10 working days.
    ("10 ngày làm việc kể từ ngày nhận được văn bản", JAN15, D(2024, 1, 29)),
    ("15 ngày kể từ ngày ký", NOV22, D(2023, 12, 7)),
    # A count alone, as a table's "Thời hạn" column writes it: from the date of issue.
    ("07 ngày", NOV22, D(2023, 11, 29)),
    ("mười lăm (15) ngày", NOV22, D(2023, 12, 7)),
    ("10 ngày làm việc", JAN15, D(2024, 1, 29)),
    ("01 tuần", NOV22, D(2023, 11, 29)),
    ("03 tháng.", NOV22, D(2024, 2, 22)),
    # -- counts in weeks, months, years (Điều 148.2-148.4) ----------------------------------
    ("trong 02 tuần kể từ ngày ký", NOV22, D(2023, 12, 6)),
    ("trong 01 tháng kể từ ngày ký", NOV22, D(2023, 12, 22)),
    ("trong 3 tháng kể từ ngày ký", NOV22, D(2024, 2, 22)),
    # 31/01/2024 + 1 month: February has no 31st, so its last day (Điều 148.3).
    ("trong 01 tháng kể từ ngày ký", P(2024, 1, 31), D(2024, 2, 29)),
    ("trong 1 năm kể từ ngày ký", NOV22, D(2024, 11, 22)),
    # 15/01/2024 + 4 weeks = Monday 12/02/2024, in Tết -> Thursday 15/02/2024.
    ("trong 04 tuần kể từ ngày ký", JAN15, D(2024, 2, 15)),
    # -- ongoing: no deadline ----------------------------------------------------------------
    ("thường xuyên", NOV22, None),
    ("Thường xuyên, liên tục", NOV22, None),
    ("hằng tháng", NOV22, None),
    ("không thời hạn", NOV22, None),
    ("THƯỜNG XUYÊN", NOV22, None),
    # The periods that follow, with no one limit ("năm tiếp theo" alone is next year).
    ("các năm tiếp theo", NOV22, None),
    ("năm 2023 và các năm tiếp theo", NOV22, D(2023, 12, 31)),
    ("năm tiếp theo", NOV22, D(2024, 12, 31)),
    # -- not a deadline: names no day ------------------------------------------------------
    ("trước Tết Nguyên đán", NOV22, NO_DAY),
    ("trước Tết Nguyên đán Giáp Thìn 2024", NOV22, NO_DAY),
    ("trong tuần này", NOV22, NO_DAY),
    ("tuần sau", NOV22, NO_DAY),
    ("sớm", NOV22, NO_DAY),
    ("khẩn trương", NOV22, NO_DAY),
    ("KHẨN TRƯƠNG", NOV22, NO_DAY),
    ("ngay lập tức", NOV22, NO_DAY),
    ("khi có yêu cầu", NOV22, NO_DAY),
    # -- impossible or unreadable dates: refused with a message -------------------------
    ("trước ngày 31/02/2024", NOV22, REFUSED),
    ("chậm nhất ngày 32/12/2023", NOV22, REFUSED),
    ("trong tháng 13/2024", NOV22, REFUSED),
    ("trong quý V/2024", NOV22, REFUSED),
    ("trước ngày 10/12/23", NOV22, REFUSED),
    ("chậm nhất ngày 29/02/2023", NOV22, REFUSED),
    ("trước ngày 01/01/0001", NOV22, REFUSED),
    ("chậm nhất ngày 00/12/2023", NOV22, REFUSED),
    ("hoàn thành tốt", NOV22, REFUSED),
    # A count that is a duration, not a limit.
    ("2 ngày 3 đêm", NOV22, REFUSED),
    ("07 ngày 2023", NOV22, REFUSED),
    # -- extremes: outside the years cchc accepts, a message rather than a traceback ---------
    ("đến ngày 31/12/9999", NOV22, "date.out-of-range"),
    ("trong năm 9999", NOV22, "date.out-of-range"),
    ("trong 10 ngày làm việc kể từ ngày 25/12/9999", NOV22, "date.out-of-range"),
]


def _context(issued: P) -> DeadlineContext:
    return DeadlineContext(issued)


def _check(phrase: str, issued: P, expected: object) -> None:
    if isinstance(expected, str):
        with pytest.raises(DeadlineError) as caught:
            parse_deadline(phrase, _context(issued))
        if expected != REFUSED:
            assert caught.value.key == expected
        return
    assert parse_deadline(phrase, _context(issued)).last_day == expected


@pytest.mark.parametrize(("phrase", "issued", "expected"), CORPUS)
def test_a_phrase_reads_as_the_law_and_a_clerk_read_it(phrase, issued, expected):
    _check(phrase, issued, expected)


@pytest.mark.parametrize(("phrase", "issued", "expected"), CORPUS)
def test_a_decomposed_phrase_reads_as_the_composed_one(phrase, issued, expected):
    _check(unicodedata.normalize("NFD", phrase), issued, expected)


def test_the_corpus_is_big_and_has_no_duplicates():
    assert len(CORPUS) >= 150
    assert len({(p, i) for p, i, _ in CORPUS}) == len(CORPUS)


# -- a third list (issue 17's held-out replay, IMP helper): phrases as a task table's
# deadline column or a plan's "Thời gian hoàn thành:" line holds them, written from the
# rules of DOMAIN.md and docs/format.md before the engine read them. ------------------
COLUMN = [
    # fixed days, as a column writes them
    ("Trước 15/12/2023", NOV22, D(2023, 12, 14)),
    ("Trước ngày 15.12.2023", NOV22, D(2023, 12, 14)),
    ("Chậm nhất 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Chậm nhất: 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Hạn chót: 20/12/2023", NOV22, D(2023, 12, 20)),
    ("Hạn hoàn thành: 20/12/2023", NOV22, D(2023, 12, 20)),
    ("Thời hạn hoàn thành: trước 20/12/2023", NOV22, D(2023, 12, 19)),
    ("Ngày 20/12/2023", NOV22, D(2023, 12, 20)),
    ("20/12/2023", NOV22, D(2023, 12, 20)),
    ("Trước 30/12", NOV22, D(2023, 12, 29)),
    ("Trước 05/01", DEC28, D(2024, 1, 4)),
    ("Chậm nhất 10/01", DEC28, D(2024, 1, 10)),
    ("Xong trước ngày 10 tháng 01 năm 2024", DEC28, D(2024, 1, 9)),
    ("Hoàn thành trước ngày 01 tháng 3", JAN15, D(2024, 2, 29)),
    ("Đến ngày 31/3/2024", JAN15, D(2024, 3, 31)),
    ("Đến hết 31/3/2024", JAN15, D(2024, 3, 31)),
    ("Từ nay đến 31/3/2024", JAN15, D(2024, 3, 31)),
    ("Từ 15/01/2024 đến 15/02/2024", JAN15, D(2024, 2, 15)),
    ("Từ ngày 01/02 đến ngày 29/02/2024", JAN15, D(2024, 2, 29)),
    ("trước 17h00 ngày 20/12/2023", NOV22, D(2023, 12, 20)),
    ("Trước 16 giờ 30 ngày 08/12/2023", NOV22, D(2023, 12, 8)),
    ("Trước 9 giờ sáng ngày 25/12/2023", NOV22, D(2023, 12, 25)),
    ("Chậm nhất 17 giờ 00 ngày 30/11/2023 (thứ Năm)", NOV22, D(2023, 11, 30)),
    ("trước ngày 15 - 12 - 2023", NOV22, D(2023, 12, 14)),
    ("Trước ngày 2023-12-15", NOV22, D(2023, 12, 14)),
    ("CHẬM NHẤT NGÀY 15/12/2023", NOV22, D(2023, 12, 15)),
    ("chậm nhất trong ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("không quá ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("không muộn hơn ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Thời hạn: 15/12/2023", NOV22, D(2023, 12, 15)),
    ("Hạn: trước 15/12/2023", NOV22, D(2023, 12, 14)),
    ("Thứ Năm, ngày 14/12/2023", NOV22, D(2023, 12, 14)),
    ("vào thứ Sáu, ngày 15/12/2023", NOV22, D(2023, 12, 15)),
    ("ngay trong ngày 23/11/2023", NOV22, D(2023, 11, 23)),
    ("Trước ngày 20 tháng 12", NOV22, D(2023, 12, 19)),
    ("Chậm nhất ngày 5/1/2024", NOV22, D(2024, 1, 5)),
    ("Trước 8 giờ ngày thứ Hai, 27/11/2023", NOV22, D(2023, 11, 27)),
    ("Hoàn thành: 15/12/2023", NOV22, D(2023, 12, 15)),
    # months
    ("Tháng 12/2023", NOV22, D(2023, 12, 31)),
    ("Tháng 12 năm 2023", NOV22, D(2023, 12, 31)),
    ("Trong tháng 01/2024", DEC28, D(2024, 1, 31)),
    ("Cuối tháng 01/2024", DEC28, D(2024, 1, 31)),
    ("Tháng 02", JAN15, D(2024, 2, 29)),
    ("Trước tháng 3/2024", JAN15, D(2024, 2, 29)),
    ("Trong các tháng 2, 3/2024", JAN15, D(2024, 3, 31)),
    ("Từ tháng 01 đến tháng 6/2024", JAN15, D(2024, 6, 30)),
    ("Tháng 11, 12/2023", NOV22, D(2023, 12, 31)),
    ("Trong tháng này", NOV22, D(2023, 11, 30)),
    ("Trong tháng tới", NOV22, D(2023, 12, 31)),
    ("Cuối tháng này", NOV22, D(2023, 11, 30)),
    ("Đầu tháng 3/2024", JAN15, D(2024, 3, 1)),
    ("Giữa tháng 3/2024", JAN15, D(2024, 3, 15)),
    ("Tuần đầu tháng 3/2024", JAN15, D(2024, 3, 7)),
    ("Tuần cuối tháng 02/2024", JAN15, D(2024, 2, 29)),
    ("Trong tháng 12/2023 và tháng 01/2024", NOV22, D(2024, 1, 31)),
    # quarters
    ("Quý I/2024", JAN15, D(2024, 3, 31)),
    ("Quý 1/2024", JAN15, D(2024, 3, 31)),
    ("Quý I năm 2024", JAN15, D(2024, 3, 31)),
    ("Trong quý II/2024", JAN15, D(2024, 6, 30)),
    ("Cuối quý II/2024", JAN15, D(2024, 6, 30)),
    ("Quý III và quý IV/2024", JAN15, D(2024, 12, 31)),
    ("Trước quý III/2024", JAN15, D(2024, 6, 30)),
    ("Đầu quý II/2024", JAN15, D(2024, 4, 1)),
    ("Trong quý này", NOV22, D(2023, 12, 31)),
    ("Trong quý tới", NOV22, D(2024, 3, 31)),
    ("Quý IV", NOV22, D(2023, 12, 31)),
    # years
    ("Năm 2024", JAN15, D(2024, 12, 31)),
    ("Trong năm 2024", JAN15, D(2024, 12, 31)),
    ("Cuối năm 2024", JAN15, D(2024, 12, 31)),
    ("Trước năm 2025", JAN15, D(2024, 12, 31)),
    ("Giai đoạn 2024 - 2025", JAN15, D(2025, 12, 31)),
    ("Đến năm 2025", JAN15, D(2025, 12, 31)),
    ("Trong năm nay", NOV22, D(2023, 12, 31)),
    ("Trong năm sau", NOV22, D(2024, 12, 31)),
    ("6 tháng đầu năm 2024", JAN15, D(2024, 6, 30)),
    ("9 tháng đầu năm 2024", JAN15, D(2024, 9, 30)),
    ("6 tháng cuối năm 2024", JAN15, D(2024, 12, 31)),
    ("Giữa năm 2024", JAN15, D(2024, 6, 30)),
    ("Đầu năm 2024", NOV22, D(2024, 1, 1)),
    ("Năm 2023 - 2024", NOV22, D(2024, 12, 31)),
    # counts (BLDS Điều 147, 148: the day counted from is not counted; a day off moves on)
    ("Trong 15 ngày kể từ ngày ký", NOV22, D(2023, 12, 7)),
    ("20 ngày kể từ ngày ký", NOV22, D(2023, 12, 12)),
    ("Trong vòng 10 ngày", NOV22, D(2023, 12, 4)),  # Saturday 02/12 -> Monday
    ("Trong thời hạn 05 ngày làm việc kể từ ngày ký", NOV22, D(2023, 11, 29)),
    ("Trong 01 tháng kể từ ngày ký", NOV22, D(2023, 12, 22)),
    ("Trong 02 tuần kể từ ngày ký", NOV22, D(2023, 12, 6)),
    ("Trong 30 ngày kể từ ngày nhận được văn bản", FEB01, D(2024, 3, 4)),
    ("Trong 05 ngày làm việc kể từ ngày ký", FEB01, D(2024, 2, 15)),  # across Tết
    ("07 ngày", AUG26, D(2024, 9, 4)),  # 02/09 and 03/09 off
    ("Trong vòng 7 ngày kể từ ngày 05/12/2023", NOV22, D(2023, 12, 12)),
    ("Trong mười (10) ngày kể từ ngày ký", NOV22, D(2023, 12, 4)),
    ("1 tuần", NOV22, D(2023, 11, 29)),
    ("Trong 3 tháng kể từ ngày ký", NOV22, D(2024, 2, 22)),
    # no deadline, or a limit that names no day
    ("Thường xuyên", NOV22, None),
    ("Liên tục", NOV22, None),
    ("Khi có yêu cầu", NOV22, NO_DAY),
    ("Trước Tết Nguyên đán", NOV22, NO_DAY),
    ("Trong tuần này", NOV22, NO_DAY),
    ("Tuần tới", NOV22, NO_DAY),
    ("Càng sớm càng tốt", NOV22, NO_DAY),
    ("Trước mùa mưa lũ năm 2024", JAN15, NO_DAY),
    ("Trước khi khai giảng năm học mới", JAN15, NO_DAY),
    ("Ngay sau khi có quyết định", NOV22, NO_DAY),
    ("Theo lộ trình của tỉnh", NOV22, NO_DAY),
    ("Theo tiến độ của dự án", NOV22, NO_DAY),
    # not a date
    ("Trước 31/4/2024", JAN15, REFUSED),
    ("Quý 5/2024", JAN15, REFUSED),
    ("Tháng 0/2024", JAN15, REFUSED),
]


@pytest.mark.parametrize(("phrase", "issued", "expected"), COLUMN)
def test_a_column_s_deadline_reads_as_a_clerk_reads_it(phrase, issued, expected):
    _check(phrase, issued, expected)


def test_the_column_list_is_big_and_new():
    assert len(COLUMN) >= 100
    assert len({(p, i) for p, i, _ in COLUMN}) == len(COLUMN)
    assert not {(p, i) for p, i, _ in COLUMN} & {(p, i) for p, i, _ in CORPUS}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A day after "vào" may carry its weekday, as a day given to a unit does.
        ("Nộp hồ sơ về Phòng Nội vụ vào thứ Năm, ngày 07/12/2023.", D(2023, 12, 7)),
        ("Gửi dự thảo để thẩm định vào ngày thứ Hai, 04/12/2023.", D(2023, 12, 4)),
        # "ngay trong ngày": at once, on that day, even after a "văn bản".
        ("Có ý kiến bằng văn bản ngay trong ngày 24/11/2023.", D(2023, 11, 24)),
        # A season's year is no limit; a day beside it is.
        ("Gia cố đê bao trước mùa mưa lũ năm 2024, xong trước ngày 31/8/2024.", D(2024, 8, 30)),
        ("Chuẩn bị giống cho vụ Đông Xuân 2023 - 2024, hoàn thành trong tháng 12/2023.",
         D(2023, 12, 31)),
        # Not limits: a meeting on a weekday, a document issued on one.
        ("Tổ chức hội nghị vào thứ Sáu, ngày 24/11/2023.", None),
        ("Thực hiện Kế hoạch số 12/KH-UBND ban hành vào thứ Hai, ngày 06/11/2023.", None),
        ("Hướng dẫn các xã triển khai theo kế hoạch của UBND tỉnh.", None),
        # A report to the committee or an office at a point of a period: due then.
        ("Tổng hợp, báo cáo UBND huyện cuối tháng 12/2023.", D(2023, 12, 31)),
        ("Xây dựng dự thảo, trình Chủ tịch UBND huyện cuối quý I/2024.", D(2024, 3, 31)),
        ("Báo cáo kết quả xếp loại cuối năm 2023.", None),
        # "trước khi ..." names no day, unless a day is named too.
        ("Hoàn thành trước ngày 15/12/2023, trước khi nghỉ Tết.", D(2023, 12, 14)),
    ],
)  # fmt: skip
def test_a_weekday_a_season_and_at_once_in_a_sentence(sentence, expected):
    found = find_deadline(sentence, DeadlineContext(NOV22))
    assert (found.last_day if found else None) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Nạo vét kênh mương trước mùa mưa lũ năm 2024.",
        "Sửa chữa phòng học trước năm học 2024 - 2025.",
        "Báo cáo UBND huyện ngay sau khi có kết quả kiểm tra.",
        "Sắp xếp các thôn, tổ dân phố theo lộ trình của tỉnh.",
        "Giải ngân vốn theo tiến độ thực hiện dự án.",
        "Kiểm tra cơ sở vật chất trước khi học sinh trở lại trường.",
    ],
)
def test_a_season_an_event_or_another_schedule_names_no_day(sentence):
    with pytest.raises(DeadlineError) as caught:
        find_deadline(sentence, DeadlineContext(NOV22))
    assert caught.value.key == NO_DAY


@pytest.mark.parametrize(("phrase", "issued", "expected"), CORPUS)
def test_every_reading_explains_itself(phrase, issued, expected):
    """`cchc why` shows these steps: each reading has at least the phrase and a rule."""
    if isinstance(expected, str):
        return
    reading = read_deadline(phrase, _context(issued), explain=True)
    assert reading.deadline.last_day == expected
    assert len(reading.steps) >= 1


# -- the same phrases inside a task's sentence, as `cchc import` meets them ------------------

SENTENCE_LEADS = (
    "Giao Phòng Nội vụ chủ trì, phối hợp các đơn vị liên quan tham mưu kế hoạch, hoàn thành {p}.",
    "Đề nghị UBND các xã, thị trấn rà soát, báo cáo kết quả về Phòng Nội vụ {p}",
)
IN_SENTENCE = [
    row
    for row in CORPUS
    if isinstance(row[2], date)
    and any(w in row[0].lower() for w in ("trước", "chậm nhất", "hạn chót", "đến", "trong "))
]


@pytest.mark.parametrize(("phrase", "issued", "expected"), IN_SENTENCE)
@pytest.mark.parametrize("lead", SENTENCE_LEADS)
def test_a_marked_phrase_inside_a_task_sentence_reads_the_same(lead, phrase, issued, expected):
    found = find_deadline(lead.format(p=phrase), _context(issued))
    assert found is not None, phrase
    assert found.last_day == expected, phrase


@pytest.mark.parametrize(
    ("sentence", "issued", "expected"),
    [
        # Two deadlines: the surer mark wins, else the last one.
        (
            "Các xã gửi báo cáo sơ bộ trước ngày 05/12/2023, báo cáo chính thức trước "
            "ngày 20/12/2023.",
            NOV22,
            D(2023, 12, 19),
        ),
        (
            "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/3/2023, hoàn thành trước ngày 30/12/2023.",
            NOV22,
            D(2023, 12, 29),
        ),
        (
            "Tổng hợp số liệu tính đến ngày 31/12/2023, báo cáo trong tháng 01/2024.",
            NOV22,
            D(2024, 1, 31),
        ),
        (
            "Theo Chỉ thị số 05/CT-UBND ngày 15 tháng 3 năm 2023, các phòng tự kiểm tra, "
            "báo cáo chậm nhất ngày 15/12/2023.",
            NOV22,
            D(2023, 12, 15),
        ),
        # After "để tổng hợp" comes the office's own next step, not this task's limit.
        (
            "Các phòng gửi báo cáo về Phòng Nội vụ trước ngày 25/12/2023 để tổng hợp, báo cáo "
            "UBND tỉnh trước ngày 31/12/2023.",
            NOV22,
            D(2023, 12, 24),
        ),
        (
            "Các đơn vị hoàn thành trước ngày 15/12/2023 để Phòng Nội vụ tổng hợp, báo cáo UBND "
            "tỉnh trước ngày 20/12/2023.",
            NOV22,
            D(2023, 12, 14),
        ),
        # A strong lead, what is due, then "là" or ":".
        ("Hạn chót nộp báo cáo là ngày 08/12/2023 (thứ Sáu).", NOV22, D(2023, 12, 8)),
        ("Thời hạn nộp hồ sơ về Phòng Nội vụ là ngày 15/12/2023.", NOV22, D(2023, 12, 15)),
        ("Các xã gửi hồ sơ, thời hạn gửi hồ sơ: 15/12/2023.", NOV22, D(2023, 12, 15)),
        ("Hoàn thành trước khi kết thúc năm 2023.", NOV22, D(2023, 12, 31)),
        (
            "Tổ chức hội nghị trong 02 ngày, hoàn thành trong quý I/2024.",
            NOV22,
            D(2024, 3, 31),
        ),
        (
            "Rà soát thủ tục hành chính, gửi Văn phòng trong thời hạn 10 ngày làm việc "
            "kể từ ngày ký Thông báo này.",
            JAN15,
            D(2024, 1, 29),
        ),
        (
            "Hoàn thành 6 tháng đầu năm 2024 theo Kế hoạch CCHC năm 2024.",
            NOV22,
            D(2024, 6, 30),
        ),
    ],
)
def test_the_finder_picks_the_limit_among_other_dates(sentence, issued, expected):
    found = find_deadline(sentence, _context(issued))
    assert found is not None
    assert found.last_day == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Đề nghị các xã khẩn trương triển khai, hoàn thành trước Tết Nguyên đán.",
        "Phòng Tài chính - Kế hoạch sớm tham mưu bố trí kinh phí.",
        "UBND các xã báo cáo trong tuần này.",
        # A season or an event of the school or farming year names no day.
        "Đẩy nhanh tiến độ công trình trường học, đưa vào sử dụng trước năm học mới.",
        "Các xã hoàn thành gia cố đê điều trước mùa mưa bão.",
        "Phòng Nông nghiệp chuẩn bị đủ giống trước vụ Đông Xuân 2023-2024.",
        "Sửa chữa phòng học xong trước ngày khai giảng.",
        "Hoàn thành việc sửa chữa trước thềm năm học mới.",
    ],
)
def test_a_sentence_whose_limit_names_no_day_is_flagged_not_dropped(sentence):
    with pytest.raises(DeadlineError) as caught:
        find_deadline(sentence, _context(NOV22))
    assert caught.value.key == NO_DAY


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count of months is not a list of months, nor "12 xã" a month.
        ("Trong tháng 11, 12 xã đã hoàn thành, báo cáo trong tháng 12/2023.", D(2023, 12, 31)),
        ("Thực hiện từ tháng 01/2024 theo kế hoạch.", None),
        ("Triển khai từ tháng 10 đến tháng 12/2023 tại các xã.", D(2023, 12, 31)),
    ],
)
def test_a_span_of_months_in_a_sentence_ends_with_its_last_month(sentence, expected):
    found = find_deadline(sentence, _context(NOV22))
    assert (found.last_day if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What must not happen by then is no deadline.
        ("Lập hồ sơ thanh toán khi có khối lượng, không để dồn vào cuối năm.", None),
        ("Giải ngân đều các quý, tránh dồn vào quý IV/2024.", None),
        ("Tổ chức hội nghị tổng kết vào cuối năm 2023.", D(2023, 12, 31)),
        # A heading of one month's tasks: that month is their limit.
        ("II. NHIỆM VỤ TRỌNG TÂM THÁNG 12 NĂM 2023", D(2023, 12, 31)),
        ("Nhiệm vụ tháng 01/2024", D(2024, 1, 31)),
        ("Kế hoạch CCHC tháng 12/2023 của huyện", None),
        # A report made at a meeting of a named period: that period is its limit.
        (
            "Văn phòng theo dõi, đôn đốc; tổng hợp báo cáo tại phiên họp UBND huyện tháng 6/2024.",
            D(2024, 6, 30),
        ),
        ("Phòng Nội vụ tham mưu, trình tại kỳ họp HĐND huyện cuối năm 2024.", D(2024, 12, 31)),
        ("Báo cáo tại hội nghị giao ban quý I/2024.", D(2024, 3, 31)),
        ("Báo cáo UBND huyện tại phiên họp thường kỳ tháng 12.", D(2023, 12, 31)),
        # ... but not the meeting where the conclusions were given, nor what a meeting is
        # about, nor a review named by its span.
        ("Tại phiên họp UBND huyện tháng 11/2023, Chủ tịch kết luận như sau.", None),
        ("Báo cáo tại cuộc họp ngày 22/11/2023 về tình hình tháng 11/2023.", None),
        ("Báo cáo kết quả tại Hội nghị sơ kết 6 tháng đầu năm 2024.", None),
        ("Báo cáo tại phiên họp về kết quả năm 2023.", None),
    ],
)
def test_a_period_is_a_limit_only_where_the_words_make_it_one(sentence, expected):
    found = find_deadline(sentence, _context(NOV22))
    assert (found.last_day if found else None) == expected


def test_the_office_rule_moves_a_fixed_day_off_to_the_next_working_day():
    """config.yaml `deadline_next_working_day: true`: Sunday 31/12/2023 -> Tuesday 02/01."""
    moving = DeadlineContext(NOV22, calendar=WorkCalendar(move_to_working_day=True))
    assert parse_deadline("đến ngày 31/12/2023", moving).last_day == D(2024, 1, 2)
    assert parse_deadline("đến ngày 31/12/2023", _context(NOV22)).last_day == D(2023, 12, 31)
    # Never past the day a "trước" names: before Monday 01/01/2024 is Sunday 31/12/2023,
    # which cannot move to 02/01.
    assert parse_deadline("trước ngày 01/01/2024", moving).last_day <= D(2023, 12, 31)


def test_the_office_s_own_days_change_a_count_in_working_days():
    """A made-up Saturday counts, an extra day off does not (config.yaml)."""
    office = WorkCalendar(
        holidays=frozenset({D(2024, 1, 16)}), working_days=frozenset({D(2024, 1, 20)})
    )
    context = DeadlineContext(JAN15, calendar=office)
    # 17, 18, 19, Saturday 20 (4), 22-26 (9), 29 (10): the two changes cancel out.
    assert parse_deadline("trong 10 ngày làm việc", context).last_day == D(2024, 1, 29)
    # 17, 18, 19, 20 (4), 22 (5).
    assert parse_deadline("trong 05 ngày làm việc", context).last_day == D(2024, 1, 22)


@pytest.mark.parametrize(
    "phrase", ["trong các tháng 11, 12/2023", "trong quý III và quý IV/2024", "năm 2023 - 2024"]
)
def test_why_says_the_last_period_named_is_the_limit(phrase):
    steps = read_deadline(phrase, _context(NOV22), explain=True).steps
    assert "why.last-named" in [step.key for step in steps]
    single = read_deadline("trong tháng 12/2023", _context(NOV22), explain=True).steps
    assert "why.last-named" not in [step.key for step in single]


@pytest.mark.parametrize(
    "repeated",
    [
        "tháng 1, ",  # a list of months tried again from each "tháng"
        "quý I, ",
        "năm 2023 - ",
        "12/2023 đến tháng ",  # many hits: each checked against all the others
        "10 ngày kể từ ",
        "trước ngày 5/12/2023 để tổng hợp, ",  # the purpose clause searched per hit
        "thứ Sáu, ",
    ],
)
def test_long_hostile_text_is_read_in_linear_time(repeated):
    import time

    text = repeated * (120_000 // len(repeated)) + "x"
    start = time.perf_counter()
    for read in (find_deadline, parse_deadline):
        with contextlib.suppress(DeadlineError):
            read(text, _context(NOV22))
    assert time.perf_counter() - start < 10  # was minutes (quadratic)
