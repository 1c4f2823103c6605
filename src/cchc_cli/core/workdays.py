"""Working days of a Vietnamese public office: weekends, public holidays, the office's own days.

Civil servants work Monday to Friday (Quyết định 188/1999/QĐ-TTg). Public
holidays are Bộ luật Lao động 2019, Điều 112's: Tết Dương lịch, five days of Tết
Âm lịch, Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5 and Quốc khánh 2/9 with one
adjacent day, plus a day off the next working day for one that falls on a
weekend, and the swaps the Prime Minister decides each year (làm bù). They come
from the ``holidays`` package (its Vietnam calendar computes the lunar days and
knows some swaps; docs/format.md, "Holidays", says what it gets wrong), and the
office corrects it in ``config.yaml``: ``holidays`` (more days off) and
``working_days`` (days worked whatever the calendar says: a Saturday made up, or
a day the package wrongly takes for a holiday).

The package costs about 0.15 s to import, so it is imported on the first
question about a weekday, never at start-up. It knows the years 1901 to 2100;
outside them only weekends and the office's days count (:meth:`WorkCalendar.knows`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta

from cchc_cli.core.dates import LAST_DAY, DateError, add_days
from cchc_cli.core.lazyclass import dataclass, field

#: Saturday and Sunday (``date.weekday()``).
WEEKEND = (5, 6)
#: The years the ``holidays`` package has a Vietnamese calendar for.
PUBLIC_YEARS = range(1901, 2101)
#: The most consecutive days off a search walks over: Tết with its weekends and swaps
#: is nine or ten; anything longer means the office's list is wrong, not a long holiday.
MAX_DAYS_OFF = 366


@dataclass(frozen=True)
class DayOff:
    """Why a day is not worked: ``weekend``, ``office`` (config.yaml) or ``public``."""

    day: date
    reason: str
    #: The public holiday's name, in Vietnamese and in English.
    name_vi: str = ""
    name_en: str = ""


@functools.lru_cache(maxsize=512)
def public_holidays(year: int) -> dict[date, tuple[str, str]]:
    """Vietnam's public holidays of ``year`` with their names (Vietnamese, English)."""
    if year not in PUBLIC_YEARS:
        return {}
    from holidays.countries.vietnam import Vietnam

    vi = Vietnam(years=year, language="vi")
    en = Vietnam(years=year, language="en_US")
    return {day: (str(name), str(en.get(day, name))) for day, name in vi.items()}


@functools.lru_cache(maxsize=512)
def public_working_days(year: int) -> frozenset[date]:
    """Weekend days the package knows were worked in exchange for a bridged holiday."""
    if year not in PUBLIC_YEARS:
        return frozenset()
    from holidays.countries.vietnam import Vietnam

    return frozenset(d for d in Vietnam(years=year).weekend_workdays if d.year == year)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days the office works, and the office's rule for a last day it does not."""

    #: Days off besides weekends and public holidays (config.yaml ``holidays``).
    holidays: frozenset[date] = frozenset()
    #: Days worked whatever the calendar says (config.yaml ``working_days``).
    working_days: frozenset[date] = frozenset()
    #: The office's setting: a fixed last day on a day off moves to the next
    #: working day (config.yaml ``deadline_next_working_day``; off by default).
    move_to_working_day: bool = False
    #: Public holidays from the ``holidays`` package (off only in tests of the rest).
    public: bool = True
    _memo: dict[date, DayOff | None] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @classmethod
    def of(
        cls,
        holidays: tuple[date, ...] | frozenset[date] = (),
        working_days: tuple[date, ...] | frozenset[date] = (),
        move_to_working_day: bool = False,
    ) -> WorkCalendar:
        return cls(frozenset(holidays), frozenset(working_days), move_to_working_day)

    @property
    def key(self) -> str:
        """What the days this calendar gives depend on, as text (for the cache)."""
        days = ",".join(sorted(d.isoformat() for d in self.holidays))
        worked = ",".join(sorted(d.isoformat() for d in self.working_days))
        return f"h={days};w={worked};m={int(self.move_to_working_day)};p={int(self.public)}"

    def knows(self, year: int) -> bool:
        """Whether the public holidays of ``year`` are known (else only weekends count)."""
        return not self.public or year in PUBLIC_YEARS

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not a working day; None when it is one."""
        if day in self._memo:
            return self._memo[day]
        found = self._day_off(day)
        self._memo[day] = found
        return found

    def _day_off(self, day: date) -> DayOff | None:
        if day in self.working_days:
            return None
        if day in self.holidays:
            return DayOff(day, "office")
        if self.public:
            names = public_holidays(day.year).get(day)
            if names is not None:
                return DayOff(day, "public", *names)
        if day.weekday() in WEEKEND:
            if self.public and day in public_working_days(day.year):
                return None
            return DayOff(day, "weekend")
        return None

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def next_working_day(self, day: date) -> tuple[date, tuple[DayOff, ...]]:
        """The first working day on or after ``day``, and the days off passed over."""
        passed: list[DayOff] = []
        while (off := self.day_off(day)) is not None:
            passed.append(off)
            if len(passed) > MAX_DAYS_OFF:
                raise DateError("calendar.no-working-day", day=passed[0].day)
            day = add_days(day, 1)
        return day, tuple(passed)

    def add_working_days(self, start: date, count: int) -> tuple[date, tuple[DayOff, ...]]:
        """The ``count``-th working day after ``start`` (``start`` itself not counted,
        Bộ luật Dân sự 2015, Điều 147), and the days off passed over."""
        if count > (LAST_DAY - start).days:
            raise DateError("date.beyond-range", first=start, last=LAST_DAY)
        passed: list[DayOff] = []
        day = start
        for _ in range(count):
            day = add_days(day, 1)
            day, skipped = self.next_working_day(day)
            passed += skipped
        return day, tuple(passed)

    def days_off(self, first: date, last: date) -> Iterator[DayOff]:
        """Every day off from ``first`` to ``last`` included."""
        day = first
        while day <= last:
            off = self.day_off(day)
            if off is not None:
                yield off
            day += timedelta(days=1)


#: Weekends and Vietnam's public holidays, nothing of any office's.
PUBLIC_CALENDAR = WorkCalendar()
