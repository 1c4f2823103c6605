"""What a period deadline means: a month, a quarter, a year, a week, a point of one.

Bộ luật Dân sự 2015, Điều 146 (đầu, giữa, cuối tháng và năm) and the office's
readings where no law speaks ("trước tháng 6" ends on 31/05; "tuần đầu tháng"
is days 1 to 7); docs/format.md has the table.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.core.deadline_rules import K, Reader, month_end
from cchc_cli.core.deadline_types import Deadline

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WEEK = {
    "dau": 1,
    "dau tien": 1,
    "nhat": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
}
_HALF_WORDS = {"sau": 6, "chin": 9, "ba": 3}


class PeriodReader(Reader):
    """Reads the day forms (:class:`Reader`) and the period forms."""

    # -- periods ----------------------------------------------------------------------------

    def _month_number(self, part: str = "mo") -> int:
        month = int(self.hit[part] or 0)
        if not 1 <= month <= 12:
            raise self.fail("date.bad-month", part, month=month)
        return month

    def _quarter_number(self) -> int:
        written = self.hit["q"] or "1"
        return _ROMAN.get(written) or int(written)

    def _period(self) -> tuple[str, date, date]:
        """The month, quarter or year a period form names: (what, first day, last day)."""
        hit = self.hit
        if hit["mlist"] or hit["qlist"] or hit["ylist"]:
            self.step("why.last-named")  # "các tháng 11, 12/2023": until the last one ends
        if hit["mo"] is not None:
            month = self._month_number()
            year = self.year_of(hit["my"], "mo", lambda y: self._end_of(y, month), "month")
            return "month", date(year, month, 1), month_end(year, month)
        if hit["q"] is not None:
            quarter = self._quarter_number()
            year = self.year_of(hit["qy"], "q", lambda y: self._end_of(y, quarter * 3), "quarter")
            return "quarter", date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3)
        year = self._year_number("yy")
        return "year", date(year, 1, 1), date(year, 12, 31)

    def _end_of(self, year: int, last_month: int) -> date:
        self._check_year(year, "mo" if self.hit["mo"] is not None else "q")
        return month_end(year, last_month)

    def _check_year(self, year: int, part: str) -> None:
        self.day(year, 1, 1, part)

    def _year_number(self, part: str) -> int:
        year = int(self.hit[part] or 0)
        self._check_year(year, part)
        self.step("why.year-written", year=year)
        return year

    def _before_period(self) -> Deadline:
        hit = self.hit
        if hit["mo"] is not None:
            month = self._month_number()
            year = self.year_of(
                hit["my"], "mo", lambda y: self.day(y, month, 1, "mo"), "month-start"
            )
            start = date(year, month, 1)
        elif hit["q"] is not None:
            quarter = self._quarter_number()
            first = quarter * 3 - 2
            year = self.year_of(
                hit["qy"], "q", lambda y: self.day(y, first, 1, "q"), "quarter-start"
            )
            start = date(year, first, 1)
        else:
            start = date(self._year_number("yy"), 1, 1)
        last = self.shift(start, -1, "mo" if hit["mo"] else "q" if hit["q"] else "yy")
        self.step("why.rule.before-period", start=start, last=last)
        return Deadline(self.phrase, K.BEFORE_PERIOD, self.office_move(last, before=start))

    def _month(self) -> Deadline:
        _, _, last = self._period()
        self.step("why.rule.month", last=last)
        return Deadline(self.phrase, K.WITHIN_MONTH, self.office_move(last))

    def _quarter(self) -> Deadline:
        _, _, last = self._period()
        self.step("why.rule.quarter", quarter=self._quarter_number(), last=last)
        return Deadline(self.phrase, K.WITHIN_QUARTER, self.office_move(last))

    def _year(self) -> Deadline:
        if self.hit["ylist"]:
            self.step("why.last-named")
        year = self._year_number("yy")
        last = date(year, 12, 31)
        self.step("why.rule.year", last=last)
        return Deadline(self.phrase, K.END_OF_YEAR, self.office_move(last))

    def _span(self) -> Deadline:
        first, year = int(self.hit["y1"] or 0), int(self.hit["y2"] or 0)
        self._check_year(first, "y1")
        self._check_year(year, "y2")
        if first > year:
            raise self.fail("deadline.bad-span", "y1", first=first, last=year)
        last = date(year, 12, 31)
        self.step("why.rule.year", last=last)
        return Deadline(self.phrase, K.END_OF_YEAR, self.office_move(last))

    def _months_of_year(self) -> Deadline:
        hit = self.hit
        written = hit["hn"]
        # "nửa đầu năm": six months.
        months = 6 if written is None else _HALF_WORDS.get(written) or int(written)
        if not 1 <= months <= 12:
            raise self.fail("date.bad-month", "hn", month=months)
        last_month = months if hit["hw"] == "dau" else 12
        year = self.year_of(hit["hy"], "hw", lambda y: self._end_of(y, last_month), "period")
        last = month_end(year, last_month)
        self.step("why.rule.months-of-year", months=months, last=last)
        return Deadline(self.phrase, K.MONTHS_OF_YEAR, self.office_move(last))

    def _week(self) -> Deadline:
        month = self._month_number()
        written = self.hit["wk"] or "dau"
        week = 0 if written.startswith("cuoi") else _WEEK.get(written) or int(written)

        def end(year: int) -> date:
            self._check_year(year, "mo")
            last = month_end(year, month)
            return last if week == 0 else last.replace(day=min(last.day, 7 * week))

        year = self.year_of(self.hit["my"], "mo", end, "week")
        last = end(year)
        first_day = last.day - 6 if week == 0 else 7 * week - 6
        self.step("why.rule.week", first_day=first_day, last_day=last.day, last=last)
        return Deadline(self.phrase, K.WITHIN_WEEK, self.office_move(last))

    def _point(self) -> Deadline:
        hit = self.hit
        which = hit["pt"] or "cuoi"
        bare = hit["bare"]
        if bare is not None:
            what, first, last = self._bare_period(bare, which)
        else:
            what, first, last = self._period()
        if which == "dau":
            point = first
        elif which == "giua":
            point = self._middle(what, first, last)
        else:
            point = last
        kind = {
            "dau": K.START_OF_PERIOD,
            "giua": K.MIDDLE_OF_PERIOD,
        }.get(which) or {"month": K.WITHIN_MONTH, "quarter": K.WITHIN_QUARTER}.get(
            what, K.END_OF_YEAR
        )
        self.step(f"why.rule.point-{which}", period=what, last=point)
        if hit["before"] and which != "cuoi":
            day = self.shift(point, -1, "pt")
            self.step("why.rule.before-point", day=point, last=day)
            return Deadline(self.phrase, K.BEFORE_PERIOD, self.office_move(day, before=point))
        return Deadline(self.phrase, kind, self.office_move(point))

    @staticmethod
    def _middle(what: str, first: date, last: date) -> date:
        if what == "month":
            return first.replace(day=15)
        if what == "year":
            return date(first.year, 6, 30)
        # "giữa quý": the 15th of its middle month (no law says; the office's reading).
        return date(first.year, first.month + 1, 15)

    def _bare_period(self, unit: str, which: str) -> tuple[str, date, date]:
        """ "cuối tháng", "đầu năm"...: the first such period whose point is not before
        the date of issue."""
        issued = self.context.issued
        if issued is None:
            raise self.fail("deadline.no-year", "pt")
        start = issued.earliest()
        what = {"thang": "month", "quy": "quarter"}.get(unit, "year")
        candidates = []
        for step in range(0, 25):
            month0 = (start.month - 1 if what != "year" else 0) + step * (
                1 if what == "month" else 3 if what == "quarter" else 12
            )
            year, month0 = start.year + month0 // 12, month0 % 12
            if what == "quarter":
                month0 -= month0 % 3
            span = {"month": 1, "quarter": 3, "year": 12}[what]
            self._check_year(year, "pt")
            first = date(year, month0 + 1, 1)
            last = month_end(year, month0 + span)
            point = (
                first
                if which == "dau"
                else last
                if which == "cuoi"
                else self._middle(what, first, last)
            )
            candidates.append((what, first, last))
            if point >= start:
                self.step("why.period-from-issue", issued=issued)
                return what, first, last
        return candidates[-1]  # pragma: no cover - a point is reached within two periods

    def _this_period(self) -> Deadline:
        issued = self.context.issued
        unit, rel = self.hit["this"] or "nam", self.hit["rel"] or "nay"
        if issued is None:
            raise self.fail("deadline.no-year", "this")
        if unit != "nam" and issued.month is None:
            raise self.fail("deadline.needs-issue-month", "this", issued=issued)
        ahead = 0 if rel == "nay" else 1
        if unit == "nam":
            year = issued.year + ahead
            self._check_year(year, "this")
            last, kind = date(year, 12, 31), K.END_OF_YEAR
        else:
            span = 1 if unit == "thang" else 3
            month0 = (issued.month or 1) - 1
            month0 = month0 - month0 % span + ahead * span
            year = issued.year + month0 // 12
            self._check_year(year, "this")
            last = month_end(year, month0 % 12 + span)
            kind = K.WITHIN_MONTH if unit == "thang" else K.WITHIN_QUARTER
        self.step("why.rule.this-period", issued=issued, last=last)
        return Deadline(self.phrase, kind, self.office_move(last))
