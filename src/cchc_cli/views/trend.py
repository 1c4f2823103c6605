"""The report's figures over the periods before it: the trend on the report page. Pure.

Each earlier period is judged exactly as ``cchc report --period P`` judges it: as of
its last day (or of today while it runs), on the data as they stood that day, the
pairs chosen by :func:`cchc_cli.views.report.pairs_on`. Where the cache has pair
rows each period is counted in SQL (a tally, :mod:`cchc_cli.store.tally`: a few ms);
else the dataset is read once and only the classification runs again for each period
(about 0.15 s per period at 20,000 tasks on the development machine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cchc_cli.core.asof import tasks_as_of
from cchc_cli.core.dateargs import Period
from cchc_cli.core.model import Dataset, Task
from cchc_cli.core.periods import judged_on, last_periods
from cchc_cli.core.status import Status, Tally
from cchc_cli.views.report import pairs_on

#: How many periods the page's trend shows, the report's own included.
TREND_PERIODS = 12


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    #: The day the period is judged as of (its last day, or today while it runs).
    as_of: date
    tally: Tally
    #: Whether the period had begun by ``today`` (a later one has no figures yet).
    started: bool = True


def trend(
    dataset: Dataset,
    tasks: list[Task],
    period: Period,
    today: date,
    units: set[str] | None = None,
    count: int = TREND_PERIODS,
    current: Tally | None = None,
) -> list[TrendPoint]:
    """The tallies of the ``count`` periods ending with ``period`` (oldest first).

    ``tasks`` and ``units`` narrow every period as they narrow the report. ``current``
    is the report's own totals when the caller has them (the same numbers, not
    counted twice). An earlier period that starts after ``today`` (a report on a
    future period) has not begun: its point has no figures (``started`` False)
    rather than today's figures again.
    """
    points = []
    counted = _counter(dataset, tasks, units)
    for each in last_periods(period, count):
        day = judged_on(each, today)
        if each == period and current is not None:
            points.append(TrendPoint(each, day, current))
            continue
        if each != period and each.start > today:
            points.append(TrendPoint(each, day, Tally.of([]), started=False))
            continue
        tally = counted(day)
        if tally is None:
            tally = Tally.of(pairs_on(tasks_as_of(dataset.notices, tasks, day), day, units))
        points.append(TrendPoint(each, day, tally))
    return points


def _counter(
    dataset: Dataset, tasks: list[Task], units: set[str] | None
) -> Callable[[date], Tally | None]:
    """The tally of a day counted in SQL (:meth:`cchc_cli.store.pairs.PairIndex.counts`)
    when the cache has pair rows and ``tasks`` are every task or one notice's; else a
    function that answers None (the pairs are classified in Python)."""
    from cchc_cli.store.pairs import PairIndex

    index = dataset.pairs
    if not isinstance(index, PairIndex):
        return lambda day: None
    notice = None
    if len(tasks) != dataset.task_count:
        named = {task.notice for task in tasks}
        found = [e for e in dataset.index if e.id in named]
        if len(found) != 1 or len(found[0].task_ids) != len(tasks):
            return lambda day: None
        notice = found[0]
    chosen = tuple(units) if units is not None else None

    def counted(day: date) -> Tally | None:
        found = index.counts(day, False, chosen, notice)
        if found is None:
            return None
        counts: Counter[Status] = Counter()
        for _, status, pairs in found:
            counts[status] += pairs
        return Tally(counts)

    return counted
