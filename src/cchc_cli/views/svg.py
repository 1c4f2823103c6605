"""Charts as inline SVG, written as text: horizontal bars, stacked bars, columns. Pure.

No browser engine, no library: each chart is a few rectangles and labels. The
charts are laid out for any width without a ``viewBox``: horizontal positions
are percentages of the chart's width and vertical ones pixels, so the same
chart reads on a 390 px phone and on a 1280 px screen with its text at the same
size (a scaled ``viewBox`` shrinks the labels to nothing on a phone). Each bar
sits on its own line under its label, so a long unit name never has to share
its line with the bar.

Every text from data goes through :func:`esc`: the control and bidi characters
made visible (:func:`cchc_cli.core.safetext.for_terminal`), then ``< > & " '``
escaped, so a name holding ``</svg><script>`` stays text. A label too long for
the narrowest screen is cut (:func:`cchc_cli.core.vntext.shorten`), whole in its
tooltip (``<title>``). Every chart is ``role="img"`` with a title and a
description for screen readers; the figures themselves are in the page's tables.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cchc_cli.core.safetext import for_terminal
from cchc_cli.core.vntext import shorten

#: Display columns a label line may take: what fits 358 px at 13 px (a phone).
LABEL_COLUMNS = 46
FONT = 13
SMALL = 11
ROW = 40  # px per bar: its label line, then the bar
#: A white outline under a label's letters: the grid lines behind it stop short of them.
HALO = ' paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"'
BAR = 13
AXIS = 22  # px under the bars for the axis' labels


_MARKUP = re.compile("[<>&\"']")


def esc(text: str) -> str:
    """Text from data as SVG/HTML text or attribute value: shown, never interpreted."""
    shown = for_terminal(text)
    # Most text has nothing to escape: one search instead of html.escape's five passes.
    return html.escape(shown, quote=True) if _MARKUP.search(shown) else shown


def pct(value: float) -> str:
    """A horizontal position or width in percent of the chart, as an attribute value."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


@dataclass(frozen=True)
class Series:
    """One kind of bar or segment: its name (legend, tooltips) and colours."""

    name: str
    fill: str
    #: The colour of a count written inside the segment (contrast with ``fill``).
    ink: str = "#ffffff"
    #: Hatched, to be told apart without colour (the overdue segments).
    hatched: bool = False


@dataclass(frozen=True)
class RateRow:
    label: str
    #: Percentages 0-100 (None: nothing to show), drawn one over the other: the second
    #: is a part of the first (done on time is part of done).
    values: tuple[float | None, ...]
    #: The figures as the page writes them, right of the bar.
    shown: str
    #: The tooltip: the whole label and the figures in words.
    detail: str


@dataclass(frozen=True)
class StackRow:
    label: str
    counts: tuple[int, ...]
    shown: str
    detail: str
    #: Each segment's tooltip, in the order of ``counts``.
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Point:
    """One column of a column chart."""

    label: str
    #: A second label line (the year, where it changes); empty for none.
    sublabel: str
    value: int | None
    shown: str
    detail: str
    #: Drawn stronger: the period the page reports on.
    current: bool = False


def _open(ident: str, height: int, title: str, desc: str, css: str) -> list[str]:
    return [
        f'<svg class="chart {css}" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" font-size="{FONT}">',
        f'<title id="{ident}-t">{esc(title)}</title>',
        f'<desc id="{ident}-d">{esc(desc)}</desc>',
    ]


def _hatch(ident: str) -> str:
    return (
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="2" '
        'stroke-opacity="0.28"/></pattern></defs>'
    )


def _grid(track: float, bottom: int, ticks: Sequence[tuple[float, str]], axis: bool) -> list[str]:
    """Vertical grid lines across the bars, and their labels under them where ``axis``."""
    out = []
    for share, text in ticks:
        x = pct(track * share)
        out.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{bottom}" stroke="#d0d7de" '
            'stroke-width="1" shape-rendering="crispEdges"/>'
        )
        if axis:
            anchor = "start" if share == 0 else "middle"
            out.append(
                f'<text x="{x}" y="{bottom + 15}" font-size="{SMALL}" fill="#57606a" '
                f'text-anchor="{anchor}">{esc(text)}</text>'
            )
    return out


def rate_bars(
    rows: Sequence[RateRow],
    series: Sequence[Series],
    ident: str,
    title: str,
    desc: str,
    ticks: Sequence[str] = ("0%", "25%", "50%", "75%", "100%"),
    track: float = 70.0,
    axis: bool = True,
) -> str:
    """Percent bars, one per row, each series drawn over the one before it, the figures
    to the right; ``track`` is the share of the width the bars may take. Without
    ``axis`` (a chart cut in parts, all but the last) no labels under the grid."""
    height = len(rows) * ROW + (AXIS + 4 if axis else 0)
    out = _open(ident, height, title, desc, "bars")
    shares = [i / (len(ticks) - 1) for i in range(len(ticks))] if len(ticks) > 1 else [0.0]
    out += _grid(track, len(rows) * ROW, list(zip(shares, ticks, strict=True)), axis)
    for index, row in enumerate(rows):
        top = index * ROW
        out.append(f"<g><title>{esc(row.detail)}</title>")
        out.append(
            f'<text x="0" y="{top + 14}"{HALO}>{esc(shorten(row.label, LABEL_COLUMNS))}</text>'
        )
        bar_y = top + 20
        out.append(f'<rect x="0" y="{bar_y}" width="{pct(track)}" height="{BAR}" fill="#eef1f4"/>')
        for value, kind in zip(row.values, series, strict=True):
            if value is None or value <= 0:
                continue
            width = pct(track * min(value, 100.0) / 100)
            out.append(
                f'<rect x="0" y="{bar_y}" width="{width}" height="{BAR}" fill="{kind.fill}"/>'
            )
        out.append(
            f'<text x="100%" y="{bar_y + 11}" font-size="12" text-anchor="end" '
            f'font-weight="600">{esc(row.shown)}</text>'
        )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _label(text: str, top: int) -> str:
    """A bar's label on its own line above it, cut to what a phone's line holds."""
    return f'<text x="0" y="{top + 14}"{HALO}>{esc(shorten(text, LABEL_COLUMNS))}</text>'


def _fits(count: int, share: float) -> bool:
    """Whether a count's digits fit in a segment ``share`` percent of the track wide on
    the narrowest screen (about 310 px of track, 7 px a digit at 11 px)."""
    return share * 3.1 >= len(str(count)) * 7 + 4


def stacked_bars(
    rows: Sequence[StackRow],
    series: Sequence[Series],
    ident: str,
    title: str,
    desc: str,
    track: float = 86.0,
    largest: int | None = None,
    axis: bool = True,
) -> str:
    """One bar per row made of its counts end to end, in ``series`` order, on a common
    scale: the axis' last round figure at or above ``largest`` (default: the largest
    total of ``rows``; the same for every part of a chart cut in parts) fills ``track``
    percent. The total to the right; without ``axis`` no labels under the grid."""
    ticks = count_ticks(
        max((sum(r.counts) for r in rows), default=0) if largest is None else largest
    )
    scale = ticks[-1] or 1
    height = len(rows) * ROW + (AXIS + 4 if axis else 0)
    out = _open(ident, height, title, desc, "stack")
    if any(s.hatched for s in series):
        out.append(_hatch(ident))
    out += _grid(track, len(rows) * ROW, [(v / scale, str(v)) for v in ticks], axis)
    for index, row in enumerate(rows):
        top = index * ROW
        out.append(f"<g><title>{esc(row.detail)}</title>")
        out.append(
            f'<text x="0" y="{top + 14}"{HALO}>{esc(shorten(row.label, LABEL_COLUMNS))}</text>'
        )
        bar_y = top + 20
        start = 0.0
        for position, (count, kind) in enumerate(zip(row.counts, series, strict=True)):
            if count <= 0:
                continue
            share = track * count / scale
            x, width = pct(start), pct(share)
            tip = f"<title>{esc(row.parts[position])}</title>" if row.parts else ""
            out.append(
                f'<rect x="{x}" y="{bar_y}" width="{width}" height="{BAR + 2}" '
                f'fill="{kind.fill}">{tip}</rect>'
            )
            if kind.hatched:
                out.append(
                    f'<rect x="{x}" y="{bar_y}" width="{width}" height="{BAR + 2}" '
                    f'fill="url(#{ident}-hatch)"/>'
                )
            if _fits(count, share):
                middle = pct(start + share / 2)
                out.append(
                    f'<text x="{middle}" y="{bar_y + 12}" font-size="{SMALL}" '
                    f'text-anchor="middle" fill="{kind.ink}">{count}</text>'
                )
            start += share
        out.append(
            f'<text x="100%" y="{bar_y + 12}" font-size="12" text-anchor="end" '
            f'font-weight="600">{esc(row.shown)}</text>'
        )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def count_ticks(largest: int, most: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``largest``: steps of 1, 2 or 5 times a
    power of ten, at most ``most`` + 1 ticks."""
    if largest <= 0:
        return [0]
    raw = largest / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    top = step * math.ceil(largest / step)
    return list(range(0, top + 1, step))


PLOT_LEFT = 10.0  # percent of the width left of the columns, for the axis' figures
COLUMNS_TOP = 22
COLUMNS_HEIGHT = 150


def column_chart(
    points: Sequence[Point], fill: str, strong: str, ident: str, title: str, desc: str
) -> str:
    """A column per point on a common scale (the figures above them), its label (and
    the year where it changes) under it; the current point in ``strong``."""
    values = [p.value for p in points if p.value is not None]
    ticks = count_ticks(max(values, default=0))
    top_value = ticks[-1] or 1
    bottom = COLUMNS_TOP + COLUMNS_HEIGHT
    height = bottom + 40
    out = _open(ident, height, title, desc, "columns")
    for tick in ticks:
        y = bottom - round(COLUMNS_HEIGHT * tick / top_value)
        out.append(
            f'<line x1="{pct(PLOT_LEFT)}" y1="{y}" x2="100%" y2="{y}" stroke="#d0d7de" '
            'stroke-width="1" shape-rendering="crispEdges"/>'
        )
        out.append(
            f'<text x="{pct(PLOT_LEFT - 1.5)}" y="{y + 4}" font-size="{SMALL}" '
            f'fill="#57606a" text-anchor="end">{tick}</text>'
        )
    slot = (100.0 - PLOT_LEFT) / max(len(points), 1)
    for index, point in enumerate(points):
        middle = PLOT_LEFT + slot * (index + 0.5)
        out.append(f"<g><title>{esc(point.detail)}</title>")
        if point.value is not None:
            tall = round(COLUMNS_HEIGHT * point.value / top_value)
            colour = strong if point.current else fill
            out.append(
                f'<rect x="{pct(middle - slot * 0.3)}" y="{bottom - tall}" '
                f'width="{pct(slot * 0.6)}" height="{max(tall, 0)}" fill="{colour}"/>'
            )
            out.append(
                f'<text class="value" x="{pct(middle)}" y="{bottom - tall - 5}" '
                f'font-size="{SMALL}" text-anchor="middle">{esc(point.shown)}</text>'
            )
        elif point.shown:
            out.append(
                f'<text class="value" x="{pct(middle)}" y="{bottom - 5}" font-size="{SMALL}" '
                f'fill="#57606a" text-anchor="middle">{esc(point.shown)}</text>'
            )
        weight = ' font-weight="700"' if point.current else ""
        out.append(
            f'<text x="{pct(middle)}" y="{bottom + 16}" font-size="{SMALL}" '
            f'text-anchor="middle"{weight}>{esc(point.label)}</text>'
        )
        if point.sublabel:
            out.append(
                f'<text x="{pct(middle)}" y="{bottom + 31}" font-size="{SMALL}" '
                f'fill="#57606a" text-anchor="middle">{esc(point.sublabel)}</text>'
            )
        out.append("</g>")
    out.append(
        f'<line x1="{pct(PLOT_LEFT)}" y1="{bottom}" x2="100%" y2="{bottom}" stroke="#57606a" '
        'stroke-width="1" shape-rendering="crispEdges"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def swatch(kind: Series) -> str:
    """A legend's square of a series' colour (hatched like its bars)."""
    hatch = (
        '<line x1="3" y1="12" x2="12" y2="3" stroke="#000000" stroke-width="2" '
        'stroke-opacity="0.28"/>'
        if kind.hatched
        else ""
    )
    return (
        '<svg class="swatch" width="14" height="14" aria-hidden="true">'
        f'<rect width="14" height="14" rx="2" fill="{kind.fill}"/>{hatch}</svg>'
    )
