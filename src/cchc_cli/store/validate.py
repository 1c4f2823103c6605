"""Checks on the loaded model: small pure functions, each returning diagnostics.

The loader already refused what cannot be read (syntax, types, dates, units);
these checks find what reads fine but deserves a second look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cchc_cli.core.deadlines import DAY_KINDS
from cchc_cli.core.diagnostics import Diagnostic, warning
from cchc_cli.core.model import Notice, Registry, Task

WEEKEND = (5, 6)


def check_notice_number(notice: Notice) -> Iterator[Diagnostic]:
    if not notice.number or notice.number.strip().startswith("/"):
        where = notice.spans.get("number", notice.source)
        yield warning(where, "notice.no-number")


def check_notice_date(notice: Notice) -> Iterator[Diagnostic]:
    if notice.date.complete is None:
        yield warning(notice.spans["date"], "notice.partial-date", date=notice.date)


def check_deadline_before_meeting(notice: Notice, task: Task) -> Iterator[Diagnostic]:
    start = notice.meeting_date or notice.date.complete
    last = task.deadline.last_day
    if start and last and last < start:
        yield warning(
            task.spans["deadline"],
            "task.deadline-before-meeting",
            last=last,
            start=start,
        )


def check_deadline_weekend(notice: Notice, task: Task) -> Iterator[Diagnostic]:
    last = task.deadline.last_day
    if last and task.deadline.kind in DAY_KINDS and last.weekday() in WEEKEND:
        yield warning(
            task.spans["deadline"],
            "task.deadline-weekend",
            last=last,
            weekday=last.weekday(),
        )


def check_extensions(notice: Notice, task: Task) -> Iterator[Diagnostic]:
    previous = task.deadline.last_day
    for extension in task.extensions:
        if previous and extension.to <= previous:
            yield warning(
                extension.source,
                "task.extension-not-later",
                to=extension.to,
                previous=previous,
            )
        previous = extension.to


def check_registry_validity(notice: Notice, registry: Registry) -> Iterator[Diagnostic]:
    """A notice dated outside the registry's validity may name units that no longer exist."""
    if registry.valid_until and notice.date.earliest() > registry.valid_until.latest():
        yield warning(notice.spans["date"], "notice.after-registry", until=registry.valid_until)
    if registry.valid_from and notice.date.latest() < registry.valid_from.earliest():
        yield warning(notice.spans["date"], "notice.before-registry", since=registry.valid_from)


NOTICE_CHECKS: list[Callable[[Notice], Iterator[Diagnostic]]] = [
    check_notice_number,
    check_notice_date,
]
TASK_CHECKS: list[Callable[[Notice, Task], Iterator[Diagnostic]]] = [
    check_deadline_before_meeting,
    check_deadline_weekend,
    check_extensions,
]


def check_notice(notice: Notice, registry: Registry) -> list[Diagnostic]:
    """Every check that needs one notice and the registry: all of them but duplicate ids.

    They run when a file is read, so the cache keeps their results with it.
    """
    found: list[Diagnostic] = list(check_registry_validity(notice, registry))
    for notice_check in NOTICE_CHECKS:
        found.extend(notice_check(notice))
    for task in notice.tasks:
        for task_check in TASK_CHECKS:
            found.extend(task_check(notice, task))
    return found
