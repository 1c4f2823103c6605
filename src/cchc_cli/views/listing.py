"""``list``: which tasks, by status, by unit (assigned or coordinating) and by text. Pure.

A task's status on a day is the statuses of its (task, unit) pairs
(:mod:`cchc_cli.core.status`); with ``--unit`` only that unit's pairs count. The
clerk's words map onto them:

==============  ===================================================================
``overdue``     a pair is overdue (some unit is late)
``open``        a pair is not done yet (in progress, overdue or ongoing)
``done``        every pair is done (the task is finished)
``cancelled``   the task was cancelled
a category      a pair is in that report category (``done_late``, ``ongoing``...)
==============  ===================================================================

A unit coordinating a task (``with``, phối hợp) has no pair of its own: the task's
pairs count. Search looks at the task's text, its deadline phrase, target, notes and
evidence, and its notice's number and title, without marks or case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from cchc_cli.core.asof import exists_on
from cchc_cli.core.model import Notice, Task
from cchc_cli.core.status import DONE, OPEN, Status, UnitStatus, task_statuses
from cchc_cli.core.vntext import fold
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import Column, Report

#: ``list --unit``: the unit is assigned the task, or coordinates it.
ASSIGNED = "assigned"
COORDINATING = "with"


#: The words ``list --status`` takes (the CLI's choices are these).
STATUS_WORDS = (
    "overdue",
    "open",
    "done",
    "cancelled",
    *(s.value for s in Status if s is not Status.CANCELLED and s is not Status.OVERDUE),
)


def _pair_matches(wanted: str, pairs: list[UnitStatus]) -> bool:
    found = {p.status for p in pairs}
    if wanted == "open":
        return bool(found & OPEN)
    if wanted == "done":
        return bool(found) and found <= DONE
    return Status(wanted) in found


def has_status(
    task: Task, notice: Notice, wanted: str, today: date, units: Iterable[str] = ()
) -> bool:
    """Whether ``task`` is ``wanted`` on ``today`` (for ``units`` only, when given and
    assigned); a notice not issued by then has no task in any status."""
    if not exists_on(notice, today):
        return False
    pairs = task_statuses(task, today)
    own = [p for p in pairs if p.unit in set(units)]
    return _pair_matches(wanted, own or pairs)


def search_text(task: Task) -> str:
    """What ``list --search`` looks at in the task itself, folded (no marks, no case)."""
    parts = [task.text, task.deadline.text or "", task.target or ""]
    parts += [n.text for n in task.notes]
    parts += [c.evidence or "" for c in task.done.values()]
    parts += [c.note or "" for c in task.done.values()]
    return fold(" \n ".join(parts))


class Searched:
    """``list --search NEEDLE``: whether a task's text, deadline phrase, target, notes,
    completions' evidence and notes, or its notice's number and title hold the needle,
    marks and case aside. Folded once: the needle, and each notice's part (a folded
    text is its words joined by single spaces, so the parts' folds join the same way
    as a fold of the parts joined)."""

    def __init__(self, needle: str) -> None:
        self.needle = fold(needle)
        self._notices: dict[int, str] = {}  # by the object: ids may be duplicated

    def __call__(self, task: Task, notice: Notice | None) -> bool:
        folded = [search_text(task)]
        if notice is not None:
            key = id(notice)
            if key not in self._notices:
                self._notices[key] = fold(f"{notice.number or ''} \n {notice.title}")
            folded.append(self._notices[key])
        return self.needle in " ".join(part for part in folded if part)


def role_of(task: Task, units: set[str]) -> str | None:
    """How ``units`` stand to ``task``: assigned it, coordinating it, or neither."""
    if units.intersection(task.assignees):
        return ASSIGNED
    if units.intersection(task.with_):
        return COORDINATING
    return None


def choose(
    tasks: list[Task],
    notices: dict[str, Notice],
    today: date,
    units: tuple[str, ...] = (),
    status: str | None = None,
    search: str | None = None,
) -> list[tuple[Task, str | None]]:
    """The tasks ``list`` shows, in the order given, each with its unit's role."""
    wanted = set(units)
    matches = Searched(search) if search else None
    chosen = []
    for task in tasks:
        role = role_of(task, wanted) if wanted else None
        if wanted and role is None:
            continue
        notice = notices.get(task.notice)
        if status is not None and (
            notice is None or not has_status(task, notice, status, today, wanted)
        ):
            continue
        if matches is not None and not matches(task, notice):
            continue
        chosen.append((task, role))
    return chosen


def with_roles(report: Report, roles: list[str | None], lang: Lang) -> Report:
    """``list --unit``: the tasks the unit coordinates marked as such (a column, and
    ``role`` in JSON and CSV)."""
    section = report.tables[0]
    for record, role in zip(section.records, roles, strict=True):
        record["role"] = role

    def shown(record: dict[str, object]) -> str:
        return t("list.coordinating", lang) if record["role"] == COORDINATING else ""

    columns = list(section.columns)
    columns.insert(1, Column("role", "label.role", show=shown))
    return dataclasses.replace(
        report, tables=[dataclasses.replace(section, columns=columns), *report.tables[1:]]
    )
