"""The report page's three charts: rates by unit, categories by unit, the overdue trend.

Drawn by :mod:`cchc_cli.views.svg`; each is a ``<figure>`` with its heading, a
caption saying how to read it, and a legend. The units of the rate chart are
sorted by completion (the issue asks for it, and the caption says so); those of
the category chart keep the units table's order, and its segments the table's
column order, so a reader goes from one to the other without searching.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from cchc_cli.core.periods import PeriodKind, kind_of
from cchc_cli.core.status import REPORTED, Status, Tally
from cchc_cli.core.vntext import sort_key
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.official import period_name
from cchc_cli.views.pagedata import Page, number, rate, share
from cchc_cli.views.svg import (
    Point,
    RateRow,
    Series,
    StackRow,
    column_chart,
    esc,
    rate_bars,
    stacked_bars,
    swatch,
)
from cchc_cli.views.trend import TrendPoint

#: The report's categories as the page draws them, in the table's column order.
PALETTE: dict[Status, Series] = {
    Status.DONE_ON_TIME: Series("", "#1a7f37"),
    Status.DONE_LATE: Series("", "#d4a72c", "#1f2328"),
    Status.DONE_NO_DEADLINE: Series("", "#8fd19e", "#1f2328"),
    Status.IN_PROGRESS: Series("", "#3b6fb6"),
    Status.OVERDUE: Series("", "#c62828", hatched=True),
    Status.ONGOING: Series("", "#b6bcc4", "#1f2328"),
}
DONE_FILL, ON_TIME_FILL = "#a7dbb0", "#1a7f37"
TREND_FILL, TREND_STRONG = "#e8918a", "#b42318"


def charts(page: Page, lang: Lang) -> list[str]:
    rows = page.data.rows
    names = {unit: page.registry.name_of(unit) for unit, _ in rows}
    out = [f'<section id="charts"><h2>{esc(t("page.charts", lang))}</h2>']
    if rows:
        out.append('<div class="charts two">')
        out += _rate_figure(rows, names, lang)
        out += _stack_figure(rows, names, lang)
        out.append("</div>")
    else:
        out.append(f"<p>{esc(t('cli.no-tasks', lang))}</p>")
    out += _trend_figure(page, lang)
    out.append("</section>")
    return out


#: Bars per SVG: a chart of many units is drawn in parts of this many, one under the
#: other, so that each part prints whole on an A4 page (a browser cuts an SVG anywhere).
PART = 10

Row = TypeVar("Row")


def _in_parts(
    rows: Sequence[Row],
    ident: str,
    title: str,
    draw: Callable[[Sequence[Row], str, str, bool], str],
) -> list[str]:
    """``draw`` (rows, id, title, whether to write the axis) for each part of ``rows``:
    the axis under the last part only, each part titled "(1/2)"... when there are several."""
    parts = [rows[i : i + PART] for i in range(0, len(rows), PART)] or [rows]
    if len(parts) == 1:
        return [draw(parts[0], ident, title, True)]
    return [
        draw(part, f"{ident}-{n}", f"{title} ({n}/{len(parts)})", n == len(parts))
        for n, part in enumerate(parts, start=1)
    ]


def _figure(ident: str, title: str, caption: str, legend: str, parts: list[str]) -> list[str]:
    """A chart's figure: its heading, caption and legend kept with its first part (on
    one printed page), then the other parts."""
    return [
        f'<figure aria-labelledby="{ident}-heading">',
        '<div class="keep">',
        f'<h3 id="{ident}-heading">{esc(title)}</h3>',
        f"<figcaption>{esc(caption)}</figcaption>",
        legend,
        parts[0],
        "</div>",
        *parts[1:],
        "</figure>",
    ]


def _legend(items: Sequence[tuple[Series, str]]) -> str:
    entries = "".join(f"<li>{swatch(kind)}<span>{esc(text)}</span></li>" for kind, text in items)
    return f'<ul class="legend">{entries}</ul>'


def _rate_figure(rows: list[tuple[str, Tally]], names: dict[str, str], lang: Lang) -> list[str]:
    def order(row: tuple[str, Tally]) -> tuple:
        unit, tally = row
        done = tally.completion_rate
        return (done is None, -(done or 0), -(share(tally[Status.DONE_ON_TIME], tally.total) or 0),
                sort_key(names[unit]))  # fmt: skip

    done = Series(t("page.legend-done", lang), DONE_FILL)
    on_time = Series(t("page.legend-on-time", lang), ON_TIME_FILL)
    bars = []
    for unit, tally in sorted(rows, key=order):
        on_time_rate = share(tally[Status.DONE_ON_TIME], tally.total)
        shown = f"{rate(tally.completion_rate, lang)} · {rate(on_time_rate, lang)}"
        detail = t(
            "page.rate-detail",
            lang,
            unit=names[unit],
            done=number(tally.done, lang),
            total=number(tally.total, lang),
            rate=rate(tally.completion_rate, lang),
            on_time=number(tally[Status.DONE_ON_TIME], lang),
            on_time_rate=rate(on_time_rate, lang),
        )
        bars.append(RateRow(names[unit], (tally.completion_rate, on_time_rate), shown, detail))
    title = t("page.chart-rates", lang)
    caption = t("page.chart-rates-caption", lang)
    chart = _in_parts(
        bars,
        "c1",
        title,
        lambda part, ident, name, axis: rate_bars(
            part, (done, on_time), ident, name, caption, axis=axis
        ),
    )
    legend = _legend([(done, done.name), (on_time, on_time.name)])
    return _figure("c1", title, caption, legend, chart)


def _stack_figure(rows: list[tuple[str, Tally]], names: dict[str, str], lang: Lang) -> list[str]:
    series = [
        Series(t(f"status.{s.value}", lang), k.fill, k.ink, k.hatched) for s, k in PALETTE.items()
    ]
    bars = []
    for unit, tally in rows:
        counts = tuple(tally[s] for s in REPORTED)
        parts = tuple(
            t("page.part-detail", lang, unit=names[unit], status=kind.name, count=tally[s])
            for s, kind in zip(REPORTED, series, strict=True)
        )
        detail = t("page.stack-detail", lang, unit=names[unit], total=number(tally.total, lang))
        bars.append(StackRow(names[unit], counts, number(tally.total, lang), detail, parts))
    title = t("page.chart-categories", lang)
    caption = t("page.chart-categories-caption", lang)
    largest = max(tally.total for _, tally in rows)
    chart = _in_parts(
        bars,
        "c2",
        title,
        lambda part, ident, name, axis: stacked_bars(
            part, series, ident, name, caption, largest=largest, axis=axis
        ),
    )
    legend = _legend([(kind, kind.name) for kind in series])
    return _figure("c2", title, caption, legend, chart)


#: English month names, fixed: strftime's %b follows the process' locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_labels(points: Sequence[TrendPoint], lang: Lang) -> list[tuple[str, str]]:
    """Each point's axis label and the year under it, where the year changes."""
    labels = []
    year = None
    for point in points:
        period = point.period
        kind = kind_of(period)
        if kind is PeriodKind.YEAR:
            labels.append((period.label, ""))
            continue
        if kind is PeriodKind.MONTH:
            month = period.start.month
            label = f"T{month}" if lang is Lang.VI else MONTHS[month - 1]
        elif kind is PeriodKind.QUARTER:
            label = f"Q{(period.start.month - 1) // 3 + 1}"
        else:
            label = f"{period.end:%d/%m}" if lang is Lang.VI else f"{period.end:%m-%d}"
        labels.append((label, str(period.end.year) if period.end.year != year else ""))
        year = period.end.year
    return labels


def _trend_figure(page: Page, lang: Lang) -> list[str]:
    title = t("page.chart-trend", lang, count=len(page.trend))
    caption = t("page.chart-trend-caption", lang)
    points = []
    for point, (label, sub) in zip(page.trend, period_labels(page.trend, lang), strict=True):
        # No column where there was nothing to count: "–", not a 0 that reads as good news.
        counted = point.started and point.tally.total > 0
        overdue = point.tally[Status.OVERDUE] if counted else None
        shown = number(overdue, lang) if overdue is not None else "–"
        if counted:
            detail = t(
                "page.trend-detail",
                lang,
                period=period_name(point.period, lang),
                as_of=point.as_of,
                overdue=shown,
                rate=rate(point.tally.overdue_rate, lang),
            )
        else:
            why = "page.trend-no-tasks" if point.started else "page.not-started"
            detail = f"{period_name(point.period, lang)}: {t(why, lang)}"
        current = point.period == page.period
        points.append(Point(label, sub, overdue, shown, detail, current))
    chart = column_chart(points, TREND_FILL, TREND_STRONG, "c3", title, caption)
    head = [
        ("page.trend-period", ""),
        ("page.trend-as-of", "c-asof"),
        ("status.overdue", "num"),
        ("label.overdue-rate", "num"),
        ("label.total-tasks", "num"),
    ]
    header = "".join(f'<th class="{css}" scope="col">{esc(t(k, lang))}</th>' for k, css in head)
    body = []
    for point in page.trend:
        tally = point.tally
        named = esc(period_name(point.period, lang))
        cells = [
            f'<td data-period="{esc(point.period.label)}">{named}</td>',
            f'<td class="c-asof">{esc(fmt_date(point.as_of, lang))}</td>',
        ]
        if point.started:
            cells += [
                f'<td class="num">{number(tally[Status.OVERDUE], lang)}</td>',
                f'<td class="num">{rate(tally.overdue_rate, lang)}</td>',
                f'<td class="num">{number(tally.total, lang)}</td>',
            ]
        else:
            cells.append(f'<td class="num" colspan="3">{esc(t("page.not-started", lang))}</td>')
        css = ' class="current"' if point.period == page.period else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return [
        '<figure class="trend" aria-labelledby="c3-heading">',
        f'<h3 id="c3-heading">{esc(title)}</h3>',
        f"<figcaption>{esc(caption)}</figcaption>",
        chart,
        '<div class="scroll"><table id="trend-table">',
        f"<caption>{esc(t('page.trend-table', lang))}</caption>",
        f"<thead><tr>{header}</tr></thead>",
        f"<tbody>{''.join(body)}</tbody>",
        "</table></div>",
        "</figure>",
    ]
