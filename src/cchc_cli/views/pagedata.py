"""What the report page shows, computed once, and how it writes numbers. Pure.

The figures are those of every other format of ``cchc report``: the same
:class:`~cchc_cli.views.report.ReportData`; for the list of tasks, the same pairs
(:func:`cchc_cli.views.report.pairs_on`); for the trend, the same pairs as of
each earlier period's end (:mod:`cchc_cli.views.trend`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from cchc_cli.core.asof import tasks_as_of
from cchc_cli.core.dateargs import Period
from cchc_cli.core.model import Dataset, Notice, Registry, Task
from cchc_cli.core.status import UnitStatus
from cchc_cli.core.units import Resolver
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.query import find_notice
from cchc_cli.views.report import ReportData, pairs_on
from cchc_cli.views.trend import TrendPoint, trend


@dataclass(frozen=True)
class Page:
    """Everything the page shows, computed; :func:`render` only writes it out."""

    data: ReportData
    trend: list[TrendPoint]
    #: Every pair of the report (cancelled ones too), for the list of tasks.
    pairs: list[UnitStatus]
    notices: dict[str, Notice]
    registry: Registry
    period: Period
    office: str | None = None
    #: How the report was narrowed (--unit, --notice), as lines of the title block.
    scope: tuple[str, ...] = ()

    @functools.cached_property
    def by_task(self) -> dict[tuple[str, str], list[UnitStatus]]:
        """The pairs of each task (notice id, task id), in the report's order of tasks."""
        found: dict[tuple[str, str], list[UnitStatus]] = {}
        for item in self.pairs:
            found.setdefault((item.task.notice, item.task.id), []).append(item)
        return found

    @functools.cached_property
    def anchors(self) -> dict[tuple[str, str], str]:
        """Each task's anchor in the page's list of tasks, made here (``t-1``, ``t-2``...),
        never taken from data."""
        return {key: f"t-{n}" for n, key in enumerate(self.by_task, start=1)}


def page_for(
    dataset: Dataset,
    tasks: list[Task],
    data: ReportData,
    period: Period,
    today: date,
    units: set[str] | None,
    lang: Lang,
    notice: str | None = None,
    unit: str | None = None,
) -> Page:
    """The page of the report ``data`` (made by :func:`cchc_cli.views.report.build` from
    ``tasks`` and ``units``, narrowed by ``--notice`` and ``--unit`` as written), with the
    trend of the periods up to ``period``."""
    points = trend(dataset, tasks, period, today, units, current=data.totals)
    pairs = pairs_on(tasks_as_of(dataset.notices, tasks, data.as_of), data.as_of, units)
    notices = {n.id: n for n in dataset.notices}
    scope = []
    if unit:
        found = Resolver(dataset.registry).lookup(unit).ident or unit
        scope.append(t("page.scope-unit", lang, unit=dataset.registry.name_of(found)))
    if notice:
        chosen = find_notice(dataset, notice)
        named = chosen.number or chosen.id
        scope.append(t("page.scope-notice", lang, notice=named, title=chosen.title))
    office = dataset.config.office
    return Page(data, points, pairs, notices, dataset.registry, period, office, tuple(scope))


# -- numbers as each language writes them ---------------------------------------------


def number(value: int, lang: Lang) -> str:
    """``20.000`` in Vietnamese, ``20,000`` in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang is Lang.VI else text


def rate(value: float | None, lang: Lang) -> str:
    """``57,1%`` in Vietnamese, ``57.1%`` in English; a dash for no rate."""
    if value is None:
        return "–"
    text = f"{value:.1f}%"
    return text.replace(".", ",") if lang is Lang.VI else text


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
