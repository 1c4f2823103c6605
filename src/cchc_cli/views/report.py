"""The periodic report as offices file it. Pure: the dataset and the day come in.

The data are taken as they stood on the report's day (:mod:`cchc_cli.core.asof`):
each (task, unit) pair counts once, in the categories of ../shared/DOMAIN.md;
then the overdue pairs (those late by more than 30 days marked) and the ongoing
no-deadline pairs with no report (a note) for three months, counted from the
last note or else from the day the task was given (Bình Định's rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from cchc_cli.core.asof import assigned_on, tasks_as_of
from cchc_cli.core.dateargs import Period, parse_period
from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.model import Dataset, Task
from cchc_cli.core.status import Status, Tally, UnitStatus, statuses
from cchc_cli.core.vntext import sort_key

LONG_OVERDUE_DAYS = 30
QUIET_MONTHS = 3


@dataclass(frozen=True)
class Quiet:
    """An ongoing pair nobody has reported on for three months."""

    item: UnitStatus
    #: The day the task was given (:func:`cchc_cli.core.asof.assigned_on`).
    assigned: date
    #: The latest note on the task for the unit (or for all), if there is one.
    last_report: date | None = None

    @property
    def since(self) -> date:
        """The day the silence counts from."""
        return self.last_report or self.assigned


@dataclass(frozen=True)
class ReportData:
    as_of: date
    rows: list[tuple[str, Tally]]
    totals: Tally
    overdue: list[UnitStatus]
    quiet: list[Quiet]
    issuers: tuple[str, ...]
    #: The period runs on after ``as_of``: the report judges as of today, not its end.
    period_open: bool = False
    #: Files left out of the report because of errors in them.
    left_out: tuple[str, ...] = ()


def report_period(written: str | None, today: date) -> tuple[Period, date, bool]:
    """The period a report covers (``written``, else the month of ``today``), the day it
    judges as of, and whether the period is still open on ``today``.

    A period that has ended is judged as of its last day; one still running as of
    ``today`` (a task due tomorrow is not late yet). ``today`` is ``--as-of`` when given.
    """
    period = parse_period(written or f"{today:%Y-%m}", today)
    if today < period.end:
        return period, today, True
    return period, period.end, False


def left_out(diagnostics: Iterable[Diagnostic]) -> tuple[str, ...]:
    """The files with errors, each once: what they hold (all of it, or the tasks in error)
    is missing from every count."""
    return tuple(dict.fromkeys(d.source.path for d in diagnostics if d.is_error))


def last_report(task: Task, unit: str) -> date | None:
    """The latest note on the task for the unit or for all (the task as it stood)."""
    return max((n.on for n in task.notes if n.unit in (None, unit)), default=None)


def build(
    dataset: Dataset,
    tasks: list[Task],
    as_of: date,
    units: set[str] | None = None,
    registry_order: bool = False,
    period_open: bool = False,
) -> ReportData:
    """The report on ``tasks`` as of ``as_of``: the data as they stood that day."""
    notices = {n.id: n for n in dataset.notices}
    tasks = tasks_as_of(dataset.notices, tasks, as_of)
    items = [i for i in statuses(tasks, as_of) if units is None or i.unit in units]
    registry = dataset.registry
    by_unit: dict[str, list[UnitStatus]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    if registry_order:
        order = [u for u in registry.units if u in by_unit]
    else:
        order = sorted(by_unit, key=lambda u: sort_key(registry.name_of(u)))
    position = {unit: index for index, unit in enumerate(order)}
    overdue = sorted(
        (i for i in items if i.status is Status.OVERDUE),
        key=lambda i: (position[i.unit], -(i.days_overdue or 0), i.task.ref),
    )
    cutoff = as_of - relativedelta(months=QUIET_MONTHS)
    quiet = []
    for item in items:
        if item.status is not Status.ONGOING:
            continue
        found = Quiet(
            item, assigned_on(notices[item.task.notice]), last_report(item.task, item.unit)
        )
        if found.since < cutoff:
            quiet.append(found)
    quiet.sort(key=lambda q: (position[q.item.unit], q.since, q.item.task.ref))
    used = {t.notice for t in tasks}
    issuers = tuple(
        dict.fromkeys(n.issuer for n in dataset.notices if n.id in used and n.issuer)
    ) or tuple(filter(None, [dataset.config.issuing_body]))
    return ReportData(
        as_of,
        [(unit, Tally.of(by_unit[unit])) for unit in order],
        Tally.of(items),
        overdue,
        quiet,
        issuers,
        period_open,
        left_out(dataset.diagnostics),
    )
