"""The report as one self-contained HTML page: for the chairman's phone and the intranet.

``cchc report --format html``: the title block and the headline figures, three
charts (:mod:`cchc_cli.views.pagecharts`), the units table (sortable where
scripts run), the overdue and the quiet lists, then every task of the report in
full (:mod:`cchc_cli.views.pagetables`). What it shows is computed by
:func:`cchc_cli.views.pagedata.page_for`; this module only writes it out.

One file, nothing fetched: the style and the script are inline
(:mod:`cchc_cli.views.pagestyle`), the fonts are the system's, and the page's
Content-Security-Policy forbids any request. Text from data is escaped by
:func:`cchc_cli.views.svg.esc` everywhere, attributes included.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.core.model import Dataset
from cchc_cli.core.status import Status
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.official import period_name
from cchc_cli.views.pagecharts import charts
from cchc_cli.views.pagedata import Page, number, page_for, rate, share
from cchc_cli.views.pagestyle import SCRIPT, STYLE, content_policy
from cchc_cli.views.pagetables import details, overdue_table, quiet_table, units_table
from cchc_cli.views.query import resolve_units, select
from cchc_cli.views.report import build, report_period
from cchc_cli.views.svg import esc


def render(page: Page, lang: Lang) -> str:
    data = page.data
    title = t("page.title", lang, period=period_name(page.period, lang), as_of=data.as_of)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang.value}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy()}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="cchc">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        *_title_block(page, lang),
        "<main>",
        *_figures(page, lang),
        *charts(page, lang),
        *units_table(page, lang),
        *overdue_table(page, lang),
        *quiet_table(page, lang),
        *details(page, lang),
        "</main>",
        f"<footer><p>{esc(t('page.footer', lang, as_of=data.as_of))}</p></footer>",
        "</div>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _title_block(page: Page, lang: Lang) -> list[str]:
    data = page.data
    key = "report.period-open" if data.period_open else "report.period"
    heading = t(
        key,
        lang,
        issuer=", ".join(data.issuers),
        period=period_name(page.period, lang),
        as_of=data.as_of,
    )
    out = ['<header class="title">']
    if page.office:
        out.append(f'<p class="office">{esc(page.office)}</p>')
    out.append(f"<h1>{esc(t('report.title', lang))}</h1>")
    out.append(f'<p class="meta">{esc(heading)}</p>')
    out += [f'<p class="meta scope">{esc(line)}</p>' for line in page.scope]
    if data.left_out:
        files = ", ".join(data.left_out)
        note = t("report.left-out", lang, count=len(data.left_out), files=files)
        out.append(f'<p class="warning" role="alert">{esc(note)}</p>')
    links = [
        ("figures", t("page.figures", lang)),
        ("charts", t("page.charts", lang)),
        ("units", t("report.summary", lang)),
        ("overdue", t("report.overdue", lang)),
        ("quiet", t("page.quiet-short", lang)),
        ("tasks", t("page.details", lang)),
    ]
    items = " ".join(f'<a href="#{anchor}">{esc(text)}</a>' for anchor, text in links)
    out.append(f'<nav class="jump" aria-label="{esc(t("page.contents", lang))}">{items}</nav>')
    out.append("</header>")
    return out


def _card(label: str, big: str, sub: str, css: str = "") -> str:
    kind = f' class="big {css}"' if css else ' class="big"'
    return (
        f'<div class="card"><dt>{esc(label)}</dt>'
        f"<dd><span{kind}>{esc(big)}</span>"
        f'<span class="sub">{esc(sub)}</span></dd></div>'
    )


def _figures(page: Page, lang: Lang) -> list[str]:
    totals = page.data.totals
    counted = [p for p in page.pairs if p.status is not Status.CANCELLED]
    tasks = len({p.task.ref for p in counted})
    notices = len({p.task.notice for p in counted})
    units = len({p.unit for p in counted})
    on_time = totals[Status.DONE_ON_TIME]
    cards = [
        _card(
            t("label.total-tasks", lang),
            number(totals.total, lang),
            t(
                "page.tasks-sub",
                lang,
                tasks=number(tasks, lang),
                notices=number(notices, lang),
                units=number(units, lang),
            ),
        ),
        _card(
            t("status.done_on_time", lang),
            number(on_time, lang),
            t(
                "page.on-time-sub",
                lang,
                rate=rate(share(on_time, totals.total), lang),
                done=number(totals.done, lang),
                completion=rate(totals.completion_rate, lang),
            ),
        ),
        _card(
            t("page.overdue-rate", lang),
            rate(totals.overdue_rate, lang),
            t(
                "page.overdue-sub",
                lang,
                overdue=number(totals[Status.OVERDUE], lang),
                deadline=number(totals.with_deadline, lang),
            ),
        ),
        _change_card(page, lang),
    ]
    return [
        f'<section id="figures" aria-label="{esc(t("page.figures", lang))}">',
        '<dl class="figures">',
        *cards,
        "</dl>",
        "</section>",
    ]


def _change_card(page: Page, lang: Lang) -> str:
    """The overdue rate against the period before (the trend's point before the last)."""
    now = page.data.totals
    before = page.trend[-2] if len(page.trend) > 1 else None
    if before is None:
        return _card(t("page.change", lang, period="–"), "–", t("page.change-none", lang))
    label = t("page.change", lang, period=period_name(before.period, lang))
    was = before.tally
    counts = t(
        "page.change-counts",
        lang,
        was=number(was[Status.OVERDUE], lang),
        now=number(now[Status.OVERDUE], lang),
    )
    if was.overdue_rate is None or now.overdue_rate is None:
        return _card(label, "–", f"{t('page.change-none', lang)} {counts}")
    points = round(now.overdue_rate - was.overdue_rate, 1)
    size = rate(abs(points), lang).rstrip("%")
    if points > 0:
        big, css = t("page.change-up", lang, points=size), "change up"
    elif points < 0:
        big, css = t("page.change-down", lang, points=size), "change down"
    else:
        big, css = t("page.change-same", lang), "change"
    rates = t(
        "page.change-rates",
        lang,
        was=rate(was.overdue_rate, lang),
        now=rate(now.overdue_rate, lang),
    )
    return _card(label, big, f"{rates}; {counts}", css)


def month_page(
    dataset: Dataset, today: date, lang: Lang, notice: str | None, unit: str | None
) -> tuple[str, bytes]:
    """The report page of the month of ``today`` as ``cchc report --format html`` makes it,
    narrowed the same way, with its file name: what ``remind --attach-report`` sends."""
    period, day, running = report_period(None, today)
    units = set(resolve_units(dataset, unit)) if unit else None
    tasks = select(dataset, notice=notice)
    built = build(dataset, tasks, day, units, False, running)
    page = page_for(dataset, tasks, built, period, today, units, lang, notice, unit)
    return f"bao-cao-{period.label}.html", render(page, lang).encode("utf-8")
