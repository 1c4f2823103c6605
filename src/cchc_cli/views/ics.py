"""Deadlines as an iCalendar file, for the calendars offices read on their phones.

One all-day event per open (task, unit) pair that has a last day, on that
day, with an alarm some days before. UIDs are built from the notice, task and
unit, so exporting again updates the events of a subscribed calendar instead
of adding copies.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from cchc_cli.core.model import Registry
from cchc_cli.core.status import OPEN, UnitStatus
from cchc_cli.views.i18n import Lang, t

PRODID = "-//cchc//Thong bao ket luan//VI"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def uid(item: UnitStatus) -> str:
    """Stable across exports: the same pair always has the same UID."""
    task = item.task
    parts = (task.notice, task.id, item.unit)
    return "-".join(_UNSAFE.sub("_", p) for p in parts) + "@cchc"


def exported(items: list[UnitStatus]) -> list[UnitStatus]:
    """The pairs a calendar shows: open, with a last day."""
    return [i for i in items if i.status in OPEN and i.last_day is not None]


def calendar(
    items: list[UnitStatus],
    registry: Registry,
    lang: Lang,
    alarm_days: int,
    stamp: datetime,
    name: str,
) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in exported(items):
        task = item.task
        assert item.last_day is not None
        summary = f"{task.ref} - {registry.name_of(item.unit)}"
        deadline = t(
            "remind.deadline",
            lang,
            written=task.deadline.text or "",
            last=item.last_day,
        )
        event = Event()
        event.add("uid", uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.last_day)
        event.add("dtend", item.last_day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", f"{task.text}\n\n{deadline}")
        event.add("categories", [task.notice])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(days=-alarm_days))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
