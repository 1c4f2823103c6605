"""What a count from an event means: "trong 15 ngày kể từ ngày ký" and the like.

Bộ luật Dân sự 2015, Điều 147 (the day counted from is not counted) and Điều 148
(a limit ends at the end of its last day, on the same weekday, day of the month
or day of the year; a last day off moves to the next working day); working days
skip weekends and holidays (:mod:`cchc_cli.core.workdays`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from cchc_cli.core.dates import DateError, add_days, check_day
from cchc_cli.core.deadline_periods import PeriodReader
from cchc_cli.core.deadline_phrases import DATE, number_in_words
from cchc_cli.core.deadline_rules import K
from cchc_cli.core.deadline_types import Deadline, DeadlineError

#: How the event a count starts from is recognised (folded words).
_ISSUE_EVENTS = ("ky", "ban hanh", "thong bao", "van ban nay", "phat hanh", "ket luan")
_RECEIPT_EVENTS = ("nhan duoc", "nhan")
_MEETING_EVENTS = ("hop", "hoi nghi")


class FormReader(PeriodReader):
    """Reads every form: days, periods (:class:`PeriodReader`) and counts."""

    # -- counts from an event ----------------------------------------------------------

    def _count(self) -> int:
        hit = self.hit
        if hit["n"] is not None:
            count = int(hit["n"])
        elif hit["n2"] is not None:
            count = int(hit["n2"])
        else:
            count = number_in_words(hit["nw"] or "mot")
        if count < 1:
            raise self.fail("deadline.zero-count", "n")
        return count

    def _anchor(self) -> date:
        """The day a count starts from (not counted itself: BLDS 2015, Điều 147)."""
        event = (self.hit["event"] or "").strip()
        written = re.search(DATE, event, re.ASCII)
        if written is not None:
            day = int(written["d"] or written["wd"] or written["id"] or 0)
            month = int(written["m"] or written["wm"] or written["im"] or 0)
            year = written["y"] or written["wy"] or written["iy"]
            if not 1 <= month <= 12:
                raise self.fail("date.bad-month", "event", month=month)
            chosen = self.year_of(year, "event", lambda y: self.day(y, month, day, "event"), "day")
            anchor = self.day(chosen, month, day, "event")
            self.step("why.anchor.date", day=anchor)
            return anchor
        if self.context.anchor is not None:
            self.step("why.anchor.field", day=self.context.anchor)
            return self.context.anchor
        words = f" {event} "
        if any(f" {w} " in words for w in _MEETING_EVENTS) and not any(
            f" {w} " in words for w in _ISSUE_EVENTS
        ):
            if self.context.meeting is None:
                raise self.fail("deadline.needs-anchor", "event", event=self._event_text())
            self.step("why.anchor.meeting", day=self.context.meeting)
            return self.context.meeting
        known = not event or any(f" {w} " in words for w in (*_ISSUE_EVENTS, *_RECEIPT_EVENTS))
        if not known:
            raise self.fail("deadline.needs-anchor", "event", event=self._event_text())
        issued = self.context.issued
        if issued is None:
            raise self.fail("deadline.no-anchor", "n")
        if issued.complete is None:
            raise self.fail("deadline.partial-anchor", "n", issued=issued)
        receipt = any(f" {w} " in words for w in _RECEIPT_EVENTS)
        self.step("why.anchor.receipt" if receipt else "why.anchor.issue", day=issued.complete)
        return issued.complete

    def _event_text(self) -> str:
        """The event a count starts from, as written."""
        folded = self.hit["event"] or ""
        start = self.hit.offsets.get("event")
        if start is None or not folded.strip():
            return ""
        end = start + len(folded.rstrip())
        return self.text[self.where[start] : self.where[end - 1] + 1]

    def _relative(self) -> Deadline:
        count = self._count()
        unit = self.hit["unit"] or "ngay"
        working = unit == "ngay lam viec" or self.hit["wd"] is not None
        anchor = self._anchor()
        calendar_ = self.context.calendar
        try:
            if working:
                last, skipped = calendar_.add_working_days(anchor, count)
                self.step("why.rule.working-days", count=count, anchor=anchor, last=last)
                self.note_skipped(skipped)
                self.note_unknown_years(anchor, last)
                return Deadline(self.phrase, K.WORKING_DAYS_FROM, last)
            end = self._count_end(anchor, count, unit)
            end = check_day(end)
        except (DateError, OverflowError) as err:
            key = err.key if isinstance(err, DateError) else "date.beyond-range"
            args = err.args_ if isinstance(err, DateError) else {}
            raise DeadlineError(key, self.at("n"), **args) from None
        rule = {"ngay": "days", "tuan": "weeks", "tuan le": "weeks", "thang": "months"}
        self.step(
            f"why.rule.count-{rule.get(unit, 'years')}",
            count=count,
            anchor=anchor,
            first=anchor + timedelta(days=1),
            last=end,
        )
        last = self.law_move(end)
        kind = K.DAYS_FROM if unit == "ngay" else K.PERIOD_FROM
        return Deadline(self.phrase, kind, last)

    @staticmethod
    def _count_end(anchor: date, count: int, unit: str) -> date:
        if unit == "ngay":
            return add_days(anchor, count)
        if unit in ("tuan", "tuan le"):
            return add_days(anchor, 7 * count)
        months = count * (1 if unit == "thang" else 12)
        if months > 12 * 400:
            raise DateError("date.beyond-range")
        month0 = anchor.month - 1 + months
        year, month = anchor.year + month0 // 12, month0 % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return check_day(date(year, month, min(anchor.day, last)))
