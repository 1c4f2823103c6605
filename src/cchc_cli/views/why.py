"""``cchc why``: how a task's deadline is read, step by step, and its last day. Pure.

Each step of the reading (:class:`cchc_cli.core.deadlines.Reading`) is a message
key with its arguments; here they become sentences in the run's language, with
the days off named (a weekday, a public holiday's name, "the office's day off").
Everything from data is text to :mod:`cchc_cli.views.render`, which shows it
without letting it act on a terminal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc_cli.core.asof import task_as_of
from cchc_cli.core.deadlines import Reading, Step
from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.workdays import DayOff
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.render import Column, Report, Section

#: How many days off a step lists before "...": Tết with a long count is a dozen.
MAX_DAYS_LISTED = 20


def day_off_text(off: DayOff, lang: Lang) -> str:
    """ "10/02/2024 (Tết Nguyên Đán)", "09/12/2023 (thứ Bảy)"."""
    if off.reason == "public":
        why = off.name_vi if lang is Lang.VI else off.name_en
    elif off.reason == "office":
        why = t("why.off.office", lang)
    else:
        why = t(f"weekday.{off.day.weekday()}", lang)
    return f"{fmt_date(off.day, lang)} ({why})"


def _days_text(days: tuple[DayOff, ...], lang: Lang) -> str:
    shown = [day_off_text(d, lang) for d in days[:MAX_DAYS_LISTED]]
    if len(days) > MAX_DAYS_LISTED:
        shown.append(f"... (+{len(days) - MAX_DAYS_LISTED})")
    return ", ".join(shown)


def step_text(step: Step, lang: Lang) -> str:
    """One step of a reading as a sentence."""
    args: dict[str, Any] = {}
    for name, value in step.args.items():
        if name in ("off", "days"):
            args[name] = _days_text(value, lang)
        elif name == "period":
            args[name] = t(f"why.period.{value}", lang)
        elif name == "what":
            args[name] = t(f"why.what.{value}", lang)
        else:
            args[name] = value
    return t(step.key, lang, **args)


def _last_day_text(day: date, lang: Lang, moment: str | None = None) -> str:
    if moment:
        return t("why.time", lang, day=day, weekday=day.weekday(), time=moment)
    return t("why.last-day-value", lang, day=day, weekday=day.weekday())


def why_report(
    task: Task,
    notice: Notice,
    reading: Reading | None,
    registry: Registry,
    lang: Lang,
    today: date,
    unit: str | None = None,
) -> Report:
    """The reading of ``task``'s deadline, the extensions in force on ``today`` (for
    ``unit`` too, when given) and the last day that results."""
    del notice  # the task's reference names it; kept for callers that show more
    task = task_as_of(task, today)
    rows: list[tuple[str, str]] = [(t("label.ref", lang), task.ref)]
    if unit is not None:
        rows.append((t("why.unit", lang), registry.name_of(unit)))
    steps: list[str] = []
    if reading is None:
        steps.append(t("why.none", lang))
    else:
        rows.append((t("why.written", lang), task.deadline.text or ""))
        rows.append((t("why.kind", lang), t(f"deadline.{reading.deadline.kind.value}", lang)))
        steps = [step_text(step, lang) for step in reading.steps]
    rows += [(t("why.step", lang, number=n), text) for n, text in enumerate(steps, 1)]
    in_force = [e for e in task.extensions if e.unit is None or e.unit == unit]
    extension_texts = []
    for extension in in_force:
        key = "why.extension" if extension.unit is None else "why.extension-unit"
        text = t(
            key,
            lang,
            to=extension.to,
            reason=extension.reason,
            unit=registry.name_of(extension.unit or ""),
        )
        if extension.decision:
            text += "; " + t("why.extension-decision", lang, decision=extension.decision)
        extension_texts.append(text)
    label = t("why.extensions", lang)
    for text in extension_texts or [t("why.no-extension", lang)]:
        rows.append((label, text))
        label = ""
    original = task.deadline.last_day
    last = task.last_day_for(unit)
    moment = task.deadline.time.strftime("%H:%M") if task.deadline.time else None
    if last is None:
        shown = t("deadline.ongoing", lang)
    elif original is not None and last != original:
        shown = t("why.extended-last", lang, day=last, weekday=last.weekday(), original=original)
    else:
        shown = _last_day_text(last, lang, moment)
    rows.append((t("why.last-day", lang), shown))
    document = {
        "ref": task.ref,
        "unit": unit,
        "written": task.deadline.text,
        "kind": reading.deadline.kind.value if reading else None,
        "steps": [
            {"key": s.key, "text": text}
            for s, text in zip(reading.steps if reading else (), steps, strict=False)
        ],
        "extensions": [
            {"to": e.to, "reason": e.reason, "decision": e.decision, "unit": e.unit}
            for e in in_force
        ],
        "original_last_day": original,
        "time": moment,
        "last_day": last,
        "as_of": today,
    }
    columns = [Column("field", "label.name"), Column("value", "label.text")]
    records = [{"field": label, "value": value} for label, value in rows]
    title = t("why.title", lang, ref=task.ref)
    section = Section("why", columns, records, fields=True)
    return Report([section], document=document, heading=[title])
