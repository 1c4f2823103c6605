"""Deadlines as an iCalendar file, for the calendars offices read on their phones.

One all-day event per (task, unit) pair that has a last day, on that day:

- its summary says what to do and for whom, short enough for a phone: the start of
  the task's text and the unit's short name ("Thực hiện báo cáo kết quả nâng cao… –
  P. Nội vụ"), "(gia hạn)" when the deadline was extended, "Đã xong:" or "Đã hủy:"
  in front once it is;
- its description holds the whole text, the deadline as written and the last day, the
  extension (new day, original day, reason, decision) and the status;
- an open pair has an alarm some days before; a done one none;
- done and cancelled pairs stay in the file (STATUS:CANCELLED for a cancelled task)
  with a higher SEQUENCE, so a calendar that imported the file before updates the
  event instead of keeping a stale deadline forever. SEQUENCE counts what changed
  the pair, as of the day: extensions, completion, reopenings, cancellation; it only
  grows as events are recorded.

UIDs are ``<notice>-<task>-<unit>@<office>``: stable across exports (a subscribed
calendar updates its events instead of adding copies), and distinct between two
offices that use the same notice ids (:func:`office_id`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from cchc_cli.core.model import Config, Dataset, Registry
from cchc_cli.core.status import DONE, OPEN, Status, UnitStatus, extension_in_force, statuses
from cchc_cli.core.vntext import fold, shorten
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.official import paper_text

PRODID = "-//cchc//Thong bao ket luan//VI"
#: The part of a task's text a phone shows in a summary.
SUMMARY_TEXT = 40
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SLUG = re.compile(r"[^a-z0-9]+")


def office_id(config: Config, office_email: tuple[str, ...] = ()) -> str:
    """What makes this office's UIDs its own: its mailbox ("vanphong.vinhlinh.gov.vn" for
    vanphong@vinhlinh.gov.vn; two offices on one provincial domain differ by mailbox),
    else its name made ASCII ("van-phong-hdnd-va-ubnd-huyen-vinh-linh"), else "cchc"."""
    if office_email:
        local, _, domain = office_email[0].lower().rpartition("@")
        return f"{_UNSAFE.sub('_', local)}.{_UNSAFE.sub('_', domain)}"
    name = config.document.body or config.office or config.issuing_body
    slug = _SLUG.sub("-", fold(name or "")).strip("-")
    return slug[:60].strip("-") or "cchc"


def uid(item: UnitStatus, office: str = "cchc") -> str:
    """Stable across exports: the same pair of the same office always has the same UID."""
    task = item.task
    parts = (task.notice, task.id, item.unit)
    return "-".join(_UNSAFE.sub("_", p) for p in parts) + f"@{office}"


def upcoming_items(
    dataset: Dataset, today: date, ahead: int, notice: str | None, unit: str | None
) -> list[UnitStatus]:
    """Recurring tasks' instances whose period begins within ``ahead`` days, as they
    stand today (open): a calendar shows the deadlines to come. One event per instance,
    not an RRULE with EXDATEs: each instance has its own status, completion and
    extension per unit, and a last day moved off a holiday, which no RRULE can say."""
    from cchc_cli.core.asof import exists_on
    from cchc_cli.core.dates import LAST_DAY, add_days
    from cchc_cli.core.recurrence import upcoming
    from cchc_cli.views.query import find_notice, resolve_units, sorted_tasks

    notices = [find_notice(dataset, notice)] if notice else dataset.notices
    existing = [n for n in notices if exists_on(n, today)]
    until = min(add_days(today, min(ahead, (LAST_DAY - today).days)), LAST_DAY)
    items = statuses(upcoming(sorted_tasks(existing), today, until), today)
    if unit:
        wanted = set(resolve_units(dataset, unit))
        items = [i for i in items if i.unit in wanted]
    return items


def exported(items: list[UnitStatus]) -> list[UnitStatus]:
    """The pairs a calendar shows: those with a last day, open, done or cancelled."""
    return [i for i in items if i.last_day is not None]


def sequence(item: UnitStatus) -> int:
    """How many times the pair changed by the day: each extension for it, its completion,
    each reopening (it undoes a completion: two changes), the cancellation."""
    task = item.task
    today = item.today
    extensions = sum(1 for e in task.extensions if e.unit in (None, item.unit))
    reopened = sum(
        1
        for completion, day in task.withdrawn
        if completion.unit == item.unit and (today is None or day <= today)
    )
    done = 1 if item.completion is not None else 0
    cancelled = 1 if task.cancelled is not None else 0
    return extensions + 2 * reopened + done + cancelled


def short_name(registry: Registry, unit: str) -> str:
    """The unit's short name where the registry has one ("P. Nội vụ"), else its name."""
    found = registry.units.get(unit)
    return getattr(found, "short", None) or registry.name_of(unit)


def start_of(text: str, width: int = SUMMARY_TEXT) -> str:
    """The first words of ``text`` within ``width`` columns, cut between words."""
    words = " ".join(paper_text(text).split())
    cut = shorten(words, width)
    if cut == words:
        return words
    head = cut[:-1]
    if " " in head and not words[len(head)].isspace():
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:-") + "…"


def summary(item: UnitStatus, registry: Registry, lang: Lang) -> str:
    """What to do and for whom, for a phone's narrow list."""
    task = item.task
    text = start_of(task.text)
    said = f"{text} – {paper_text(short_name(registry, item.unit))}"
    if item.today is not None and extension_in_force(task, item.today, item.unit):
        said += t("ics.extended", lang)
    if item.status is Status.CANCELLED:
        return t("ics.cancelled", lang, summary=said)
    if item.status in DONE:
        return t("ics.done", lang, summary=said)
    return said


def description(item: UnitStatus, registry: Registry, lang: Lang) -> str:
    """The whole task: its text, deadline, extension, status and reference."""
    task = item.task
    lines = [task.text, ""]
    lines.append(
        t("remind.deadline", lang, written=task.deadline.text or "", last=task.deadline.last_day)
    )
    extension = extension_in_force(task, item.today, item.unit) if item.today else None
    if extension is not None:
        lines.append(
            t(
                "ics.extension",
                lang,
                to=extension.to,
                original=task.deadline.last_day or "-",
                reason=extension.reason,
                decision=extension.decision or "-",
            )
        )
    status = t(f"status.{item.status.value}", lang)
    if item.done_on is not None:
        status = t("ics.done-on", lang, status=status, day=item.done_on)
    elif item.status is Status.CANCELLED and task.cancelled is not None:
        status = t("ics.cancelled-why", lang, status=status, reason=task.cancelled.reason)
    lines.append(t("ics.status", lang, status=status))
    lines.append(t("ics.ref", lang, ref=task.ref, unit=registry.name_of(item.unit)))
    # iCalendar text cannot hold control characters (RFC 5545, 3.3.11): shown, not kept.
    return paper_text("\n".join(lines))


def calendar(
    items: list[UnitStatus],
    registry: Registry,
    lang: Lang,
    alarm_days: int,
    stamp: datetime,
    name: str,
    office: str = "cchc",
) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", paper_text(name))
    for item in exported(items):
        assert item.last_day is not None
        said = summary(item, registry, lang)
        event = Event()
        event.add("uid", uid(item, office))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence(item))
        event.add("dtstart", item.last_day)
        event.add("dtend", item.last_day + timedelta(days=1))
        event.add("summary", said)
        event.add("description", description(item, registry, lang))
        event.add("categories", [item.task.notice])
        event.add("status", "CANCELLED" if item.status is Status.CANCELLED else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        if item.status in OPEN:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", said)
            alarm.add("trigger", timedelta(days=-alarm_days))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
