"""The periodic report as offices file it. Pure: the dataset and the day come in.

For the tasks of the notices issued up to the report's day, each (task, unit)
pair counts once, in the categories of ../shared/DOMAIN.md; then the overdue
pairs (those late by more than 30 days marked) and the ongoing no-deadline
pairs with no note or completion for three months (Bình Định's rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from cchc_cli.core.model import Dataset, Task
from cchc_cli.core.status import Status, Tally, UnitStatus, statuses
from cchc_cli.core.vntext import sort_key

LONG_OVERDUE_DAYS = 30
QUIET_MONTHS = 3


@dataclass(frozen=True)
class Quiet:
    """An ongoing pair nobody has reported on for three months."""

    item: UnitStatus
    #: The last note or completion on the task, or the day it was assigned.
    since: date


@dataclass(frozen=True)
class ReportData:
    as_of: date
    rows: list[tuple[str, Tally]]
    totals: Tally
    overdue: list[UnitStatus]
    quiet: list[Quiet]
    issuers: tuple[str, ...]


def last_activity(task: Task, unit: str, assigned: date, as_of: date) -> date:
    """The latest note on the task (for the unit or for all) dated by ``as_of``."""
    dates = [n.on for n in task.notes if n.on <= as_of and n.unit in (None, unit)]
    return max([assigned, *dates])


def build(
    dataset: Dataset,
    tasks: list[Task],
    as_of: date,
    units: set[str] | None = None,
    registry_order: bool = False,
) -> ReportData:
    """The report on ``tasks`` as of ``as_of``: the notices issued after it are left out."""
    issued = {n.id: n.date.earliest() for n in dataset.notices}
    tasks = [t for t in tasks if issued[t.notice] <= as_of]
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
        since = last_activity(item.task, item.unit, issued[item.task.notice], as_of)
        if since < cutoff:
            quiet.append(Quiet(item, since))
    quiet.sort(key=lambda q: (position[q.item.unit], q.since, q.item.task.ref))
    notices = {t.notice for t in tasks}
    issuers = tuple(
        dict.fromkeys(n.issuer for n in dataset.notices if n.id in notices and n.issuer)
    ) or tuple(filter(None, [dataset.config.issuing_body]))
    return ReportData(
        as_of,
        [(unit, Tally.of(by_unit[unit])) for unit in order],
        Tally.of(items),
        overdue,
        quiet,
        issuers,
    )
