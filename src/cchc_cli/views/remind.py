"""The nightly reminder: what to tell each unit, as plain text that reads well in mail.

Pure: the statuses and ``today`` come in, text and messages go out. Sending
them is :mod:`cchc_cli.services.mail`'s job.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from cchc_cli.core.addresses import parse_address
from cchc_cli.core.model import Notice, Registry
from cchc_cli.core.safetext import for_terminal
from cchc_cli.core.status import Status, UnitStatus
from cchc_cli.core.vntext import shorten, sort_key
from cchc_cli.core.wrapping import wrap
from cchc_cli.views.i18n import Lang, days_key, fmt_date, t
from cchc_cli.views.tables import time_left

WIDTH = 78


@dataclass(frozen=True)
class UnitReminder:
    unit: str
    overdue: tuple[UnitStatus, ...]
    upcoming: tuple[UnitStatus, ...]

    @property
    def items(self) -> tuple[UnitStatus, ...]:
        return self.overdue + self.upcoming


def collect(
    items: list[UnitStatus], today: date, days: int, registry: Registry
) -> list[UnitReminder]:
    """Per unit (Vietnamese order): what is overdue, most overdue first, then what is due
    within ``days`` days, soonest first."""
    horizon = today + timedelta(days=days)
    by_unit: dict[str, tuple[list[UnitStatus], list[UnitStatus]]] = {}
    for item in items:
        if item.status is Status.OVERDUE:
            by_unit.setdefault(item.unit, ([], []))[0].append(item)
        elif item.status is Status.IN_PROGRESS and item.last_day and item.last_day <= horizon:
            by_unit.setdefault(item.unit, ([], []))[1].append(item)
    order = sorted(by_unit, key=lambda unit: sort_key(registry.name_of(unit)))
    return [
        UnitReminder(
            unit,
            tuple(sorted(by_unit[unit][0], key=_by_last_day)),
            tuple(sorted(by_unit[unit][1], key=_by_last_day)),
        )
        for unit in order
    ]


def _by_last_day(item: UnitStatus) -> tuple[date, str]:
    return (item.last_day or date.max, item.task.ref)


# -- text --------------------------------------------------------------------------


def _when(item: UnitStatus, lang: Lang) -> str:
    if item.status is Status.OVERDUE:
        return _overdue_by(item.days_overdue or 0, lang)
    return _time_left(item.days_left, lang)


@functools.lru_cache(maxsize=1024)
def _overdue_by(days: int, lang: Lang) -> str:
    return t(days_key("remind.overdue-by", days), lang, days=days)


_time_left = functools.lru_cache(maxsize=1024)(time_left)


def unit_block(
    reminder: UnitReminder, registry: Registry, lang: Lang, notices: dict[str, str]
) -> list[str]:
    """One unit's part: a heading line, then each task in a few short lines.

    ``notices`` gives each notice id the words that name it (number and title).
    """
    counts = t(
        "remind.counts", lang, overdue=len(reminder.overdue), upcoming=len(reminder.upcoming)
    )
    # Names and texts come from data; this goes to a terminal or into a mail: every line
    # is made safe (those said again, once).
    lines = [for_terminal(f"{registry.name_of(reminder.unit)}: {counts}")]
    for item in reminder.items:
        task = item.task
        lines.append(for_terminal(f"- {task.ref}: {_when(item, lang)}"))
        lines += _deadline_lines(task.deadline.text or "", item.last_day, lang)
        lines.append(_notice_line(notices.get(task.notice, task.notice), lang))
        lines += _text_lines(task.text)
    return lines


# A reminder of many pairs says the same deadlines, notices and texts again and again
# (a notice copied to 1,200 communes: 300,000 lines): each is worded and wrapped once.


@functools.lru_cache(maxsize=4096)
def _deadline_lines(written: str, last_day: date | None, lang: Lang) -> list[str]:
    last = fmt_date(last_day, lang) if last_day else ""
    deadline = t("remind.deadline", lang, written=written, last=last)
    lines = wrap(deadline, WIDTH, "  ", "    ")
    return [for_terminal(line) for line in lines]


@functools.lru_cache(maxsize=4096)
def _notice_line(name: str, lang: Lang) -> str:
    return for_terminal("  " + shorten(t("remind.notice", lang, notice=name), WIDTH - 2))


@functools.lru_cache(maxsize=4096)
def _text_lines(text: str) -> list[str]:
    lines = wrap(shorten(text, 2 * WIDTH - 10), WIDTH, "  ", "  ")
    return [for_terminal(line) for line in lines]


def heading(found: list[UnitReminder], today: date, days: int, lang: Lang) -> str:
    overdue = sum(len(r.overdue) for r in found)
    upcoming = sum(len(r.upcoming) for r in found)
    return t("remind.heading", lang, today=today, overdue=overdue, upcoming=upcoming, days=days)


def notice_names(notices: Iterable[Notice]) -> dict[str, str]:
    """How a reminder names each notice (:func:`notice_name`)."""
    return {n.id: notice_name(n.number, n.title) for n in notices}


def notice_name(number: str | None, title: str) -> str:
    """A notice as a reminder names it: its number (when it has one) and title."""
    return f"{number}: {title}" if number else title


def report_text(
    found: list[UnitReminder],
    registry: Registry,
    today: date,
    days: int,
    lang: Lang,
    notices: dict[str, str],
) -> str:
    """Everything, for the terminal or cron's own mail: empty when there is nothing."""
    if not found:
        return ""
    lines = [heading(found, today, days, lang)]
    for reminder in found:
        lines += ["", *unit_block(reminder, registry, lang, notices)]
    return "\n".join(lines) + "\n"


# -- messages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outgoing:
    """One message to send, and the key that makes it once per day."""

    key: str
    to: tuple[str, ...]
    message: EmailMessage


def messages(
    found: list[UnitReminder],
    registry: Registry,
    today: date,
    days: int,
    lang: Lang,
    sender: str,
    office: tuple[str, ...],
    notices: dict[str, str],
    calendars: dict[str, bytes] | None = None,
    signature: str | None = None,
    page: tuple[str, bytes] | None = None,
) -> list[Outgoing]:
    """One message per unit with an address (with its deadlines as an .ics file, where
    ``calendars`` has one), then one summary to the office, with ``page`` (file name,
    bytes: the report page of ``remind --attach-report``) attached where given; signed
    ``signature`` (the office's name) where given."""
    footer = [t("remind.footer", lang)] if not signature else [signature, t("remind.footer", lang)]
    out = []
    unreachable = []
    for reminder in found:
        unit = registry.units.get(reminder.unit)
        addresses = unit.emails if unit else ()
        if not addresses:
            unreachable.append(reminder.unit)
            continue
        name = registry.name_of(reminder.unit)
        subject = t(
            "remind.subject-unit",
            lang,
            today=today,
            unit=name,
            overdue=len(reminder.overdue),
            upcoming=len(reminder.upcoming),
        )
        body = [t("remind.dear", lang, unit=name), ""]
        body += unit_block(reminder, registry, lang, notices)
        body += ["", *footer]
        message = _message(sender, addresses, subject, body)
        if calendars and calendars.get(reminder.unit):
            message.add_attachment(
                calendars[reminder.unit],
                maintype="text",
                subtype="calendar",
                filename=f"cchc-{reminder.unit}.ics",
                # Without it, mail readers take the Vietnamese for ASCII ("???").
                params={"charset": "utf-8"},
            )
        out.append(Outgoing(f"unit:{reminder.unit}", addresses, message))
    summary = [heading(found, today, days, lang)]
    if unreachable:
        names = ", ".join(registry.name_of(u) for u in unreachable)
        summary += ["", *textwrap.wrap(t("remind.no-address", lang, units=names), WIDTH)]
    if page is not None:
        attached = t("remind.report-attached", lang, file=page[0])
        summary += ["", *textwrap.wrap(attached, WIDTH)]
    for reminder in found:
        summary += ["", *unit_block(reminder, registry, lang, notices)]
    summary += ["", *footer]
    subject = t(
        "remind.subject-office",
        lang,
        today=today,
        units=len(found),
        overdue=sum(len(r.overdue) for r in found),
        upcoming=sum(len(r.upcoming) for r in found),
    )
    message = _message(sender, office, subject, summary)
    if page is not None:
        message.add_attachment(
            page[1], maintype="text", subtype="html", filename=page[0], params={"charset": "utf-8"}
        )
    out.append(Outgoing("office", office, message))
    return out


def _message(sender: str, to: tuple[str, ...], subject: str, body: list[str]) -> EmailMessage:
    # Address objects, not joined text: the library quotes a display name
    # ("Văn phòng ..., Vĩnh Linh") so no reader splits it at its comma.
    source = parse_address(sender, named=True)
    message = EmailMessage()
    message["From"] = source
    message["To"] = tuple(parse_address(address) for address in to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=source.domain)
    # RFC 3834: an automatic message; vacation responders must not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(body) + "\n", charset="utf-8")
    return message


def calendars(
    items: list[UnitStatus],
    found: list[UnitReminder],
    registry: Registry,
    lang: Lang,
    stamp: datetime,
    alarm_days: int = 3,
    office: str = "cchc",
) -> dict[str, bytes]:
    """Each reminded unit with an address gets its deadlines as an .ics file (done and
    cancelled ones too, so its calendar updates them)."""
    from cchc_cli.views.ics import calendar

    made = {}
    for reminder in found:
        unit = registry.units.get(reminder.unit)
        if unit and unit.emails:
            own = [i for i in items if i.unit == reminder.unit]
            name = t("ics.name", lang, unit=unit.name)
            made[unit.id] = calendar(own, registry, lang, alarm_days, stamp, name, office)
    return made
