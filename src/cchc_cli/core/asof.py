"""The state of the data as of a day: the one definition every view uses. Pure.

On a day D, as a clerk would have seen the files that evening:

- a notice exists from its meeting day or the first day its date of issue can
  mean, whichever comes first: the conclusions are known from the meeting on,
  and a notice dated "11/2023" may have been issued on 01/11 (so on 31/10 a
  notice of "11/2023" does not exist yet, in every view); before that day the
  notice and its tasks do not exist;
- a completion, extension, cancellation or note dated after D has not happened
  yet, and neither has a reopening: a unit done on 24/11 and reopened on 28/11
  was done on 26/11; an extension or cancellation with no date counts from the
  start (it was written without saying when, so it is taken as always known).

:func:`tasks_as_of` applies both rules; status, due, overdue, report, remind,
export and show all go through it, so they cannot disagree about a day. It also
stands a recurring task's instances begun by D in its place
(:func:`cchc_cli.core.recurrence.expand`): every view counts instances.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cchc_cli.core.model import Notice, Task


def issued_from(notice: Notice) -> date:
    """The first day the notice exists: its meeting day or the first day its date of
    issue can mean, whichever comes first."""
    first = notice.date.earliest()
    meeting = notice.meeting_date
    return min(first, meeting) if meeting else first


def exists_on(notice: Notice, day: date) -> bool:
    return issued_from(notice) <= day


def assigned_on(notice: Notice) -> date:
    """The day its tasks were given: the meeting day; else the day of issue; else, for a
    partial date, the last day it can mean (the notice was out by then for sure)."""
    return notice.meeting_date or notice.date.complete or notice.date.latest()


def happened(on: date | None, day: date) -> bool:
    """A record dated ``on`` has happened by ``day``; an undated one always has."""
    return on is None or on <= day


def task_as_of(task: Task, day: date) -> Task:
    """The task with what was recorded after ``day`` taken away (the same object when
    nothing was: most tasks, most days; this runs for every task of every view)."""
    done, extensions, cancelled, notes = task.done, task.extensions, task.cancelled, task.notes
    changed = False
    if done and any(c.on > day for c in done.values()):
        done = {unit: c for unit, c in done.items() if c.on <= day}
        changed = True
    # A completion reopened after the day still stood that day.
    for completion, reopened in reversed(task.withdrawn):
        if completion.on <= day < reopened and completion.unit not in done:
            done = {**done, completion.unit: completion}
            changed = True
    if extensions and any(e.on is not None and e.on > day for e in extensions):
        extensions = tuple(e for e in extensions if happened(e.on, day))
        changed = True
    if cancelled is not None and not happened(cancelled.on, day):
        cancelled = None
        changed = True
    if notes and any(n.on > day for n in notes):
        notes = tuple(n for n in notes if n.on <= day)
        changed = True
    if not changed:
        return task
    import dataclasses  # not for a warm run: dataclasses costs 6 ms to import

    return dataclasses.replace(
        task, done=done, extensions=extensions, cancelled=cancelled, notes=notes
    )


def tasks_as_of(notices: Iterable[Notice], tasks: Iterable[Task], day: date) -> list[Task]:
    """``tasks`` as they stood on ``day``: those of notices not issued yet left out, the
    others without what was recorded later. ``notices`` must hold the tasks' notices."""
    from cchc_cli.core.recurrence import expand

    existing = {n.id for n in notices if exists_on(n, day)}
    # A recurring task counts as its instances begun by the day (issue 23).
    return [task_as_of(t, day) for t in expand((t for t in tasks if t.notice in existing), day)]
