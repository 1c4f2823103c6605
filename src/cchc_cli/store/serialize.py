"""Notices and diagnostics as JSON-ready lists, for the cache.

JSON rather than pickle: a cache file that someone else wrote, or that got
damaged, must never run code when it is read. The format is positional to
keep it small; :data:`FORMAT` changes whenever it does, and the cache drops
rows of another format. Task spans (per-field positions) are not kept: every
check that needs them runs before a notice is cached.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import Deadline, DeadlineKind
from cchc_cli.core.diagnostics import Diagnostic, Severity, Source
from cchc_cli.core.model import Cancellation, Completion, Extension, Note, Notice, Person, Task
from cchc_cli.store.progress import Event

if TYPE_CHECKING:
    from cchc_cli.core.recurrence import Recurrence

FORMAT = 3  # 3: a recurring task's rule (issue 23)
_KINDS = {k.value: k for k in DeadlineKind}


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _from_day(value: int | None) -> date | None:
    return date.fromordinal(value) if value is not None else None


def _at(source: Source) -> list[int]:
    return [source.line, source.col]


def _person(person: Person | None) -> list[str | None] | None:
    return None if person is None else [person.name, person.title, person.on_behalf]


def _from_person(data: list[str | None] | None) -> Person | None:
    return None if data is None else Person(data[0] or "", data[1], data[2])


def notice_to_data(notice: Notice) -> list[Any]:
    issued = notice.date
    return [
        notice.id,
        notice.title,
        [issued.year, issued.month, issued.day],
        notice.number,
        notice.issuer,
        notice.place,
        _day(notice.meeting_date),
        _person(notice.chair),
        _person(notice.signer),
        list(notice.recipients),
        _at(notice.source),
        {key: _at(source) for key, source in notice.spans.items()},
        [_task_to_data(task) for task in notice.tasks],
        _day(notice.deadline_from),
    ]


def notice_from_data(data: list[Any], path: str) -> Notice:
    ident, title, issued, number, issuer, place, meeting, chair, signer = data[:9]
    recipients, at, spans, tasks, *anchor = data[9:]
    return Notice(
        id=ident,
        title=title,
        date=PartialDate(*issued),
        tasks=tuple(_task_from_data(task, ident, path) for task in tasks),
        number=number,
        issuer=issuer,
        place=place,
        meeting_date=_from_day(meeting),
        chair=_from_person(chair),
        signer=_from_person(signer),
        recipients=tuple(recipients),
        deadline_from=_from_day(anchor[0]) if anchor else None,
        source=Source(path, *at),
        spans={key: Source(path, *pos) for key, pos in spans.items()},
    )


def _task_to_data(task: Task) -> list[Any]:
    deadline = task.deadline
    moment = deadline.time.isoformat(timespec="minutes") if deadline.time else None
    anchor = _day(task.deadline_from)  # issue 18: what a counted deadline starts from
    return [
        task.id,
        task.text,
        list(task.assigned),
        list(task.assignees),
        task.lead,
        list(task.with_),
        [deadline.text, deadline.kind.value, _day(deadline.last_day), moment, anchor],
        task.target,
        task.report_to,
        [[u, _day(c.on), c.evidence, c.note, *_at(c.source)] for u, c in task.done.items()],
        [
            [_day(e.to), e.reason, e.decision, _day(e.on), *_at(e.source), e.unit]
            for e in task.extensions
        ],
        None
        if task.cancelled is None
        else [
            task.cancelled.reason,
            _day(task.cancelled.on),
            task.cancelled.decision,
            *_at(task.cancelled.source),
        ],
        [[_day(n.on), n.text, n.unit, *_at(n.source)] for n in task.notes],
        _at(task.source),
        _recurrence_to_data(task.recurrence),
    ]


def _recurrence_to_data(recurrence: Recurrence | None) -> list[Any] | None:
    """Issue 23: a recurring task's rule; the calendar is the loader's to attach."""
    if recurrence is None:
        return None
    rule = recurrence.rule
    moment = rule.at.isoformat(timespec="minutes") if rule.at else None
    return [
        recurrence.text,
        rule.every.value,
        rule.day,
        rule.month,
        rule.weekday,
        moment,
        rule.before,
        _day(recurrence.start),
        _day(recurrence.end),
    ]


def _recurrence_from_data(data: list[Any] | None) -> Recurrence | None:
    if data is None:
        return None
    from cchc_cli.core.recurrence import Every, Recurrence, Rule

    text, every, day, month, weekday, moment, before, start, end = data
    at = time.fromisoformat(moment) if moment else None
    rule = Rule(Every(every), day, month, weekday, at, before)
    return Recurrence(text, rule, date.fromordinal(start), _from_day(end))


def _task_from_data(data: list[Any], notice: str, path: str) -> Task:
    ident, text, assigned, assignees, lead, with_, deadline = data[:7]
    target, report_to, done, extensions, cancelled, notes, at = data[7:14]
    written, kind, last, moment, *anchor = deadline
    return Task(
        notice=notice,
        id=ident,
        text=text,
        assigned=tuple(assigned),
        assignees=tuple(assignees),
        lead=lead,
        with_=tuple(with_),
        deadline=Deadline(
            written, _KINDS[kind], _from_day(last), time.fromisoformat(moment) if moment else None
        ),
        deadline_from=_from_day(anchor[0]) if anchor else None,
        target=target,
        report_to=report_to,
        done={
            u: Completion(u, date.fromordinal(on), evidence, note, Source(path, line, col))
            for u, on, evidence, note, line, col in done
        },
        extensions=tuple(
            Extension(
                date.fromordinal(to), reason, decision, _from_day(on), Source(path, line, col), unit
            )
            for to, reason, decision, on, line, col, unit in extensions
        ),
        cancelled=None
        if cancelled is None
        else Cancellation(
            cancelled[0], _from_day(cancelled[1]), cancelled[2], Source(path, *cancelled[3:])
        ),
        notes=tuple(
            Note(date.fromordinal(on), text, unit, Source(path, line, col))
            for on, text, unit, line, col in notes
        ),
        source=Source(path, *at),
        recurrence=_recurrence_from_data(data[14]) if len(data) > 14 else None,
    )


def _arg(value: Any) -> Any:
    if isinstance(value, date):
        return {"date": value.toordinal()}
    if isinstance(value, PartialDate):
        return {"partial": [value.year, value.month, value.day]}
    return value


def _from_arg(value: Any) -> Any:
    if isinstance(value, dict) and "date" in value:
        return date.fromordinal(value["date"])
    if isinstance(value, dict) and "partial" in value:
        return PartialDate(*value["partial"])
    return value


def diagnostic_to_data(d: Diagnostic) -> list[Any]:
    args = {k: _arg(v) for k, v in d.args.items()}
    return [d.source.path, d.source.line, d.source.col, d.severity.value, d.key, args]


def diagnostic_from_data(data: list[Any]) -> Diagnostic:
    path, line, col, severity, key, args = data
    return Diagnostic(
        Source(path, line, col), Severity(severity), key, {k: _from_arg(v) for k, v in args.items()}
    )


def event_to_data(e: Event) -> list[Any]:
    return [
        e.kind,
        e.task,
        e.unit,
        _day(e.day),
        _day(e.on),
        e.text,
        e.evidence,
        e.note,
        e.reason,
        e.decision,
        *_at(e.source),
        *_at(e.task_source),
    ]


def event_from_data(data: list[Any], path: str) -> Event:
    kind, task, unit, day, on, text, evidence, note, reason, decision = data[:10]
    line, col, task_line, task_col = data[10:]
    return Event(
        kind,
        task,
        unit,
        _from_day(day),
        _from_day(on),
        text,
        evidence,
        note,
        reason,
        decision,
        Source(path, line, col),
        Source(path, task_line, task_col),
    )
