"""The periodic report as offices file it: its numbers, then its tables. Pure: the
dataset and the day come in.

The data are taken as they stood on the report's day (:mod:`cchc_cli.core.asof`):
each (task, unit) pair counts once, in the categories of ../shared/DOMAIN.md;
then the overdue pairs (those late by more than 30 days marked) and the ongoing
no-deadline pairs with no report (a note) for three months, counted from the
last note or else from the day the task was given (Bình Định's rule).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from cchc_cli.core.asof import assigned_on, tasks_as_of
from cchc_cli.core.dateargs import Period, parse_period
from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.model import Dataset, Registry, Task
from cchc_cli.core.status import REPORTED, Status, Tally, UnitStatus, statuses
from cchc_cli.core.vntext import sort_key
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.official import period_name
from cchc_cli.views.render import Column, Report, Section
from cchc_cli.views.tables import rate_text

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


def pairs_on(tasks: list[Task], day: date, units: set[str] | None = None) -> list[UnitStatus]:
    """The pairs a report on ``day`` counts: each (task, unit) of ``tasks`` (as they stood
    that day: :func:`cchc_cli.core.asof.tasks_as_of`) in ``units`` (all when None).

    The one place a report's pairs are chosen: :func:`build` for the report, the trend
    of the report page (:mod:`cchc_cli.views.trend`) for each earlier period.
    """
    return [i for i in statuses(tasks, day) if units is None or i.unit in units]


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
    items = pairs_on(tasks, as_of, units)
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


def build_from_rows(
    dataset: Dataset,
    as_of: date,
    notice: str | None = None,
    units: set[str] | None = None,
    registry_order: bool = False,
    period_open: bool = False,
) -> ReportData | None:
    """:func:`build` on the tasks of ``notice`` (all when None) from the cache's rows: the
    counts from a tally, the overdue and quiet pairs from the pair rows, their tasks from
    the task rows, notices from their rows; no notice is read back. None if the cache
    cannot answer (no rows: ``--no-cache``, a recurring task, several offices)."""
    from cchc_cli.store import tally
    from cchc_cli.store.pairs import OVERDUE_PAIRS, PairIndex
    from cchc_cli.views.query import notice_entry

    index = dataset.pairs
    if not isinstance(index, PairIndex):
        return None
    entry = notice_entry(dataset, notice) if notice else None
    chosen = tuple(units) if units is not None else None
    cutoff = as_of - relativedelta(months=QUIET_MONTHS)
    counts = index.counts(as_of, False, chosen, entry)
    late = index.pairs(as_of, OVERDUE_PAIRS, chosen, entry)
    silent = tally.quiet_pairs(index, as_of, cutoff, chosen, entry)
    notices = tally.notice_rows(index)
    if counts is None or late is None or silent is None or notices is None:
        return None
    registry = dataset.registry
    by_unit: dict[str, Counter[Status]] = {}
    for unit, status, pairs in counts:
        by_unit.setdefault(unit, Counter())[status] += pairs
    if registry_order:
        order = [u for u in registry.units if u in by_unit]
    else:
        order = sorted(by_unit, key=lambda u: sort_key(registry.name_of(u)))
    position = {unit: n for n, unit in enumerate(order)}
    make = UnitStatus._make
    overdue = sorted(
        (make((task, unit, Status.OVERDUE, last, None, as_of)) for task, unit, _, last, _ in late),
        key=lambda i: (position[i.unit], -(i.days_overdue or 0), i.task.ref),
    )
    assigned = {row.id: row.assigned for row in notices.values()}
    quiet = []
    for task, unit, last_note in silent:
        item = make((task, unit, Status.ONGOING, None, None, as_of))
        found = Quiet(item, assigned[task.notice], last_note)
        if found.since < cutoff:
            quiet.append(found)
    quiet.sort(key=lambda q: (position[q.item.unit], q.since, q.item.task.ref))
    # The issuers of the notices counted (of those with tasks, issued by then), in order.
    rows = {row.id: row for row in notices.values()}
    used = [
        rows[e.id]
        for e in dataset.index
        if (entry is None or e is entry) and e.task_ids and rows[e.id].exists_from <= as_of
    ]
    issuers = tuple(dict.fromkeys(r.issuer for r in used if r.issuer)) or tuple(
        filter(None, [dataset.config.issuing_body])
    )
    return ReportData(
        as_of,
        [(unit, Tally(by_unit[unit])) for unit in order],
        Tally(sum(by_unit.values(), Counter())),
        overdue,
        quiet,
        issuers,
        period_open,
        left_out(dataset.diagnostics),
    )


# -- the report's tables ----------------------------------------------------------------


def report_view(
    data: ReportData, registry: Registry, lang: Lang, period: str, office: str | None = None
) -> Report:
    """The report's three tables: per unit with totals, overdue pairs, quiet pairs; under
    the name of ``office`` where given. ``period`` is the period's label ("2023-11"),
    which the heading words as offices do ("tháng 11/2023"). Every text is whole: a
    terminal fits it to its width, documents wrap it."""
    issuers = ", ".join(data.issuers)
    period_key = "report.period-open" if data.period_open else "report.period"
    named = period_name(parse_period(period, data.as_of), lang)
    heading = [
        *filter(None, [office]),
        t("report.title", lang),
        t(period_key, lang, issuer=issuers, period=named, as_of=data.as_of),
    ]
    if data.left_out:
        # In the document itself: a report sent on must not pass for complete.
        files = ", ".join(data.left_out)
        heading.append(t("report.left-out", lang, count=len(data.left_out), files=files))

    def counts(tally: Tally) -> dict[str, Any]:
        record: dict[str, Any] = {s.value: tally[s] for s in REPORTED}
        record.update(total=tally.total, overdue_rate=tally.overdue_rate)
        record.update(completion_rate=tally.completion_rate, cancelled=tally[Status.CANCELLED])
        return record

    rows = [
        {"stt": n, "unit": unit, "name": registry.name_of(unit), **counts(tally)}
        for n, (unit, tally) in enumerate(data.rows, start=1)
    ]

    def short(record: dict[str, Any]) -> str:
        """A unit's short name for a narrow screen (views/layout.py)."""
        return registry.short_of(record["unit"]) if record.get("unit") else record["name"]

    totals = [{"stt": None, "unit": None, "name": t("label.totals", lang), **counts(data.totals)}]
    summary = Section(
        "summary",
        [
            Column("stt", "label.stt", right=True, kind="int"),
            Column("unit", "label.id", table=False),
            Column("name", "label.unit", brief=short, shrink=True),
            Column("total", "label.total-tasks", right=True, kind="int", head="head.total"),
            *(
                Column(s.value, f"status.{s.value}", right=True, kind="int", head=f"head.{s.value}")
                for s in REPORTED
            ),
            Column("cancelled", "status.cancelled", right=True, kind="int", head="head.cancelled"),
            Column(
                "completion_rate",
                "label.completion",
                right=True,
                kind="percent",
                show=lambda r: rate_text(r["completion_rate"]),
                head="head.completion",
            ),
            Column(
                "overdue_rate",
                "label.overdue-rate",
                right=True,
                kind="percent",
                show=lambda r: rate_text(r["overdue_rate"]),
                head="head.overdue-rate",
            ),
        ],
        rows,
        title=t("report.summary", lang),
        empty=t("cli.no-tasks", lang),
        totals=totals,
    )

    def task_fields(item: UnitStatus) -> dict[str, Any]:
        return {
            "unit": item.unit,
            "name": registry.name_of(item.unit),
            "ref": item.task.ref,
            "text": item.task.text,
            "deadline": item.task.deadline.text,
        }

    overdue_rows = [
        {
            "stt": n,
            **task_fields(item),
            "last_day": item.last_day,
            "days_overdue": item.days_overdue,
            "long": (item.days_overdue or 0) > LONG_OVERDUE_DAYS,
        }
        for n, item in enumerate(data.overdue, start=1)
    ]
    base = [
        Column("stt", "label.stt", right=True, kind="int"),
        Column("unit", "label.id", table=False),
        Column("name", "label.unit", brief=short, shrink=True),
        Column("ref", "label.ref"),
        Column("text", "label.text", shrink=True),
    ]
    overdue = Section(
        "overdue",
        [
            *base,
            Column("deadline", "label.deadline", optional=True, shrink=True),
            Column("last_day", "label.last-day", kind="date", head="head.last-day"),
            Column(
                "days_overdue",
                "label.days-overdue",
                right=True,
                kind="int",
                head="head.days-overdue",
                legend="head.days-overdue-legend",
            ),
            Column(
                "long",
                "report.long-overdue",
                show=lambda r: t("report.mark", lang) if r["long"] else "",
                head="head.long-overdue",
            ),
        ],
        overdue_rows,
        title=t("report.overdue", lang),
        empty=t("cli.nothing-overdue", lang),
    )
    quiet_rows = [
        {
            "stt": n,
            **task_fields(q.item),
            "assigned": q.assigned,
            "last_report": q.last_report,
            "since": q.since,
        }
        for n, q in enumerate(data.quiet, start=1)
    ]
    no_report = t("report.no-report", lang)
    quiet = Section(
        "quiet",
        [
            *base,
            Column("assigned", "report.assigned", kind="date"),
            Column(
                "last_report",
                "report.since",
                head="head.last-report",
                kind="date",
                show=lambda r: fmt_date(r["last_report"], lang) if r["last_report"] else no_report,
            ),
            Column("since", "report.since", table=False, kind="date"),
        ],
        quiet_rows,
        title=t("report.quiet", lang, months=QUIET_MONTHS),
        empty=t("report.none-quiet", lang),
    )
    document = {
        "issuers": list(data.issuers),
        "period": period,
        "period_name": named,
        "as_of": data.as_of,
        "period_open": data.period_open,
        "left_out": list(data.left_out),
        "units": [{k: v for k, v in r.items() if k != "stt"} for r in rows],
        "totals": {k: v for k, v in totals[0].items() if k not in ("stt", "unit", "name")},
        "overdue": [{k: v for k, v in r.items() if k != "stt"} for r in overdue_rows],
        "quiet": [{k: v for k, v in r.items() if k != "stt"} for r in quiet_rows],
    }
    return Report([summary, overdue, quiet], document=document, csv_tables=True, heading=heading)
