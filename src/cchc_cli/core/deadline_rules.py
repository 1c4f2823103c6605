"""What a deadline phrase means: its last day, by the rules a clerk can defend.

The sources (docs/format.md, "Deadlines", has the whole table):

- Bộ luật Dân sự 2015 (BLDS), Điều 146: "đầu tháng" is day 1, "giữa tháng" day
  15, "cuối tháng" the last day; "đầu năm" 1 January, "giữa năm" 30 June,
  "cuối năm" 31 December.
- Điều 147: a limit in days, weeks, months or years does not count the day it
  is counted from; it starts the next day.
- Điều 148: a limit in days ends at the end of its last day (khoản 1), in weeks
  on the same weekday (2), in months on the same day of the month or the
  month's last (3), in years on the same day and month (4); a last day on a
  weekend or public holiday ends at the end of the next working day (5); a
  limit that ends at a moment ends at that moment (6).
- Working days: Monday to Friday (QĐ 188/1999/QĐ-TTg) but public holidays
  (Bộ luật Lao động 2019, Điều 112) and the office's own days
  (:mod:`cchc_cli.core.workdays`).
- The office's readings where no law speaks (DOMAIN.md): "trước ngày X" ends the
  day before X; a date or period without a year is the first one that has not
  ended before the notice's date of issue.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, time
from typing import Any

from cchc_cli.core.dates import DateError, add_days, make_date
from cchc_cli.core.deadline_phrases import Hit
from cchc_cli.core.deadline_types import (
    Deadline,
    DeadlineContext,
    DeadlineError,
    DeadlineKind,
    Reading,
    Step,
)
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.workdays import DayOff

K = DeadlineKind


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Reader:
    """Reads one matched form in one context, noting each step for ``cchc why``."""

    hit: Hit
    context: DeadlineContext
    #: Index in the text of each folded character (for error offsets).
    where: list[int]
    #: The whole text the phrase was found in (NFC), and the phrase as written.
    text: str
    phrase: str
    explain: bool = False
    steps: list[Step] = field(default_factory=list)

    # -- helpers ----------------------------------------------------------------------

    def at(self, part: str) -> int:
        """Where ``part`` starts in the text as written."""
        folded = self.hit.offsets.get(part, self.hit.start)
        return self.where[folded] if folded < len(self.where) else 0

    def step(self, key: str, **args: Any) -> None:
        if self.explain:
            self.steps.append(Step(key, args))

    def fail(self, key: str, part: str, **args: Any) -> DeadlineError:
        return DeadlineError(key, self.at(part), **args)

    def day(self, year: int, month: int, day: int, part: str) -> date:
        try:
            return make_date(year, month, day)
        except DateError as err:
            raise DeadlineError(err.key, self.at(part), **err.args_) from None

    def shift(self, day: date, days: int, part: str) -> date:
        try:
            return add_days(day, days)
        except DateError as err:
            raise DeadlineError(err.key, self.at(part), **err.args_) from None

    def year_of(
        self, written: str | None, part: str, point: Callable[[int], date], what: str
    ) -> int:
        """The year written, or the first whose ``point`` is not before the date of issue."""
        if written is not None:
            year = int(written)
            self.day(year, 1, 1, part)  # inside the accepted window
            self.step("why.year-written", year=year)
            return year
        issued = self.context.issued
        if issued is None:
            raise self.fail("deadline.no-year", part)
        start = issued.earliest()
        problem: DeadlineError | None = None
        for year in range(start.year, start.year + 9):
            try:
                candidate = point(year)
            except DeadlineError as err:
                # 29/02 in a common year: the next years are tried; a day no year
                # has (31/04) fails in all of them, with the first year's message.
                problem = problem or err
                if err.key != "date.bad-day":
                    raise
                continue
            if candidate >= start:
                self.step("why.year-chosen", year=year, what=what, issued=issued)
                return year
        assert problem is not None
        raise problem

    # -- the forms ----------------------------------------------------------------------

    def read(self) -> Reading:
        deadline = getattr(self, "_" + self.hit.name.replace("-", "_"))()
        return Reading(deadline, tuple(self.steps), self.phrase)

    def _written_day(self) -> tuple[date, str]:
        """The day a day form names, and the part it starts at."""
        hit = self.hit
        if hit["rd"] is not None:
            return self._day_of_this_month(int(hit["rd"]), hit["rr"] != "nay"), "rd"
        for y, m, d in (("iy", "im", "id"), ("y", "m", "d"), ("wy", "wm", "wd")):
            if hit[d] is not None:
                month, day = int(hit[m] or 0), int(hit[d] or 0)

                def point(year: int, month: int = month, day: int = day, d: str = d) -> date:
                    return self.day(year, month, day, d)

                if not 1 <= month <= 12:
                    raise self.fail("date.bad-month", d, month=month)
                year = self.year_of(hit[y], d, point, "day")
                return point(year), d
        raise AssertionError("a day form without a day")  # pragma: no cover

    def _day_of_this_month(self, day: int, next_month: bool) -> date:
        """Day ``day`` of the month of issue, or of the month after it."""
        issued = self.context.issued
        if issued is None:
            raise self.fail("deadline.no-year", "rd")
        if issued.month is None:
            raise self.fail("deadline.needs-issue-month", "rd", issued=issued)
        month0 = issued.month - 1 + int(next_month)
        self.step("why.period-from-issue", issued=issued)
        return self.day(issued.year + month0 // 12, month0 % 12 + 1, day, "rd")

    def _time(self) -> time:
        hour, minute = int(self.hit["hh"] or 0), int(self.hit["mm"] or 0)
        half = self.hit["ap"]
        if (half in ("chieu", "toi", "dem") and hour < 12) or (half == "trua" and hour < 11):
            hour += 12
        if hour > 23 or minute > 59:
            raise self.fail("deadline.bad-time", "hh", time=f"{hour}:{minute:02d}")
        return time(hour, minute)

    def _before_time(self) -> Deadline:
        day, _ = self._written_day()
        moment = self._time()
        self.step("why.rule.time", day=day, time=moment.strftime("%H:%M"))
        return Deadline(self.phrase, K.BEFORE_TIME, day, moment)

    _by_time = _before_time

    def _before_day(self) -> Deadline:
        named, part = self._written_day()
        last = self.shift(named, -1, part)
        self.step("why.rule.before", day=named, last=last)
        last = self.office_move(last, before=named)
        return Deadline(self.phrase, K.BEFORE, last)

    def _no_later_than(self) -> Deadline:
        day, _ = self._written_day()
        self.step("why.rule.no-later-than", last=day)
        return Deadline(self.phrase, K.NO_LATER_THAN, self.office_move(day))

    _on_day = _no_later_than
    _bare = _no_later_than

    def _until(self) -> Deadline:
        day, _ = self._written_day()
        self.step("why.rule.until", last=day)
        return Deadline(self.phrase, K.UNTIL, self.office_move(day))

    # -- days off -------------------------------------------------------------------------

    def note_skipped(self, skipped: tuple[DayOff, ...]) -> None:
        if skipped:
            self.step("why.skipped", days=skipped)

    def note_unknown_years(self, first: date, last: date) -> None:
        calendar_ = self.context.calendar
        unknown = [y for y in range(first.year, last.year + 1) if not calendar_.knows(y)]
        if unknown:
            self.step("why.unknown-holidays", years=", ".join(map(str, unknown[:3])))

    def law_move(self, last: date) -> date:
        """Điều 148 khoản 5: a last day off ends at the end of the next working day."""
        moved, passed = self._next_working(last)
        if passed:
            self.step("why.moved-law", day=last, off=passed, to=moved)
        self.note_unknown_years(last, moved)
        return moved

    def office_move(self, last: date, before: date | None = None) -> date:
        """The office's setting: a fixed last day off moves to the next working day,
        never onto or past the day a "trước" names."""
        calendar_ = self.context.calendar
        if not calendar_.move_to_working_day and not self.explain:
            return last
        moved, passed = self._next_working(last)
        if not passed:
            return last
        if not calendar_.move_to_working_day:
            self.step("why.day-off-kept", day=last, off=passed[:1])
            return last
        if before is not None and moved >= before:
            self.step("why.not-moved-before", day=last, off=passed[:1], to=moved, named=before)
            return last
        self.step("why.moved-office", day=last, off=passed, to=moved)
        return moved

    def _next_working(self, day: date) -> tuple[date, tuple[DayOff, ...]]:
        try:
            return self.context.calendar.next_working_day(day)
        except DateError as err:
            raise DeadlineError(err.key, self.at("__start__"), **err.args_) from None
