"""Checks on the loaded model: small pure functions, each returning diagnostics.

The loader already refused what cannot be read (syntax, types, dates, units);
these checks find what reads fine but deserves a second look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import DAY_KINDS
from cchc_cli.core.diagnostics import Diagnostic, error, warning
from cchc_cli.core.model import Dataset, Notice, NoticeIndex, Registry, Task
from cchc_cli.core.vntext import tidy
from cchc_cli.store.cache import FEW_ROWS

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


def notice_key(
    number: str | None, issued: PartialDate | None, issuer: str | None, title: str | None
) -> tuple[str, ...] | None:
    """What makes two notices the same one: the number and the date of issue; without a
    number, the issuer, the date and the title. Case and spacing do not count
    ("412/TB-UBND" = "412 / tb-ubnd"). None when too little is known to tell."""
    written = "".join((number or "").split()).casefold()
    if issued is None:
        return None
    if written and not written.startswith("/"):
        return ("number", written, issued.iso())
    if issuer and title:
        return ("title", tidy(issuer).casefold(), issued.iso(), tidy(title).casefold())
    return None


def check_duplicate_notices(notices: Iterable[Notice]) -> list[Diagnostic]:
    """The same notice in two files (imported twice, say): an error on the second,
    naming the first. Across notices, so ``cchc validate`` runs it on all of them."""
    found: list[Diagnostic] = []
    # Of the first of each, only what the error names: not every notice kept whole.
    first: dict[tuple[str, ...], tuple[str, str]] = {}
    for notice in notices:
        key = notice_key(notice.number, notice.date, notice.issuer, notice.title)
        if key is None:
            continue
        if key not in first:
            first[key] = (notice.id, str(notice.spans.get("id", notice.source)))
            continue
        where = notice.spans.get("number" if key[0] == "number" else "title", notice.source)
        earlier_id, earlier_at = first[key]
        found.append(
            error(
                where,
                f"notice.duplicate-{key[0]}",
                id=earlier_id,
                first=earlier_at,
                number=notice.number or "",
                date=notice.date,
            )
        )
    return found


def duplicate_notices(dataset: Dataset) -> list[Diagnostic]:
    """:func:`check_duplicate_notices` on a data folder, reading only the notices that
    share their first day of issue with another (the same notice has the same date):
    validating a folder of distinct days reads no notice at all."""
    shared = Counter(entry.issued for entry in dataset.index)
    candidates = tuple(entry for entry in dataset.index if shared[entry.issued] > 1)
    return check_duplicate_notices(_in_parts(dataset, candidates))


#: Notices read back at once by :func:`duplicate_notices` (those of 100,000 tasks all
#: at once peaked at 320 MB); the cache looks up so many rows by their key.
PART = FEW_ROWS


def _in_parts(dataset: Dataset, entries: tuple[NoticeIndex, ...]) -> Iterator[Notice]:
    for at in range(0, len(entries), PART):
        yield from dataset.reader(entries[at : at + PART])


def same_notice(notices: Iterable[Notice], key: tuple[str, ...] | None) -> Notice | None:
    """The notice already in the data that ``key`` (:func:`notice_key`) names, if any:
    ``import`` and ``new`` refuse to write it a second time."""
    if key is None:
        return None
    return next(
        (n for n in notices if notice_key(n.number, n.date, n.issuer, n.title) == key), None
    )
