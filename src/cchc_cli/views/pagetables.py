"""The report page's tables: units (sortable), overdue, quiet; then every task in full.

On a phone each table row becomes a compact card (the stylesheet places the
cells by their ``c-*`` class and labels them from ``data-label``); in print the
rows are never cut. Each reference in the lists links to the task's full text
in the list of tasks below them, where a task's units are grouped by status
("Quá hạn (18): Xã ..., Xã ...") so a task given to every commune stays short.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.status import REPORTED, Status, Tally, UnitStatus
from cchc_cli.core.vntext import shorten, sort_key
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.pagedata import Page, number, rate
from cchc_cli.views.report import LONG_OVERDUE_DAYS, QUIET_MONTHS
from cchc_cli.views.svg import esc

#: Characters of a task's text in the overdue and quiet lists (the whole is below them).
LIST_TEXT = 140
#: The order a task's units are listed in, by status: what needs attention first.
STATUS_ORDER = (
    Status.OVERDUE,
    Status.IN_PROGRESS,
    Status.ONGOING,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
    Status.DONE_NO_DEADLINE,
    Status.CANCELLED,
)


def td(content: str, css: str, label: str = "", sort: float | None = None) -> str:
    """A cell: ``content`` is HTML already escaped; ``label`` names it on a phone."""
    attrs = f' class="{css}"'
    if label:
        attrs += f' data-label="{esc(label)}"'
    if sort is not None:
        attrs += f' data-sort="{sort:g}"'
    return f"<td{attrs}>{content}</td>"


def _header(labels: list[str], numbers: tuple[int, ...], first: list[str] | None = None) -> str:
    """A table's header row: the numbers' columns right-aligned; ``first`` says which way a
    sortable column sorts on the first click."""
    cells = []
    for index, label in enumerate(labels):
        css = ' class="num"' if index in numbers else ""
        order = f' data-first="{first[index]}"' if first else ""
        cells.append(f'<th scope="col"{css}{order}>{esc(label)}</th>')
    return "<tr>" + "".join(cells) + "</tr>"


def _table(ident: str, css: str, head: str, body: list[str], foot: str = "") -> list[str]:
    return [
        f'<div class="scroll"><table class="{css}" id="{ident}">',
        f"<thead>{head}</thead>",
        f"<tbody>{''.join(body)}</tbody>",
        f"<tfoot>{foot}</tfoot>" if foot else "",
        "</table></div>",
    ]


def units_table(page: Page, lang: Lang) -> list[str]:
    rows = page.data.rows
    out = [f'<section id="units"><h2>{esc(t("report.summary", lang))}</h2>']
    if not rows:
        return [*out, f"<p>{esc(t('cli.no-tasks', lang))}</p>", "</section>"]
    keys = [
        "label.stt",
        "label.unit",
        "label.total-tasks",
        *(f"status.{s.value}" for s in REPORTED),
        "label.overdue-rate",
        "label.completion",
    ]
    labels = [t(key, lang) for key in keys]
    # On a phone's card the short names: "QH chưa HT" (the legend above says what they mean).
    short = [t(k, lang) for k in ("label.total", *(f"col.{s.value}" for s in REPORTED))]
    short += [t("page.short-overdue-rate", lang), t("page.short-completion", lang)]
    first = ["ascending", "ascending"] + ["descending"] * (len(keys) - 2)
    order = sorted((u for u, _ in rows), key=lambda u: sort_key(page.registry.name_of(u)))
    alphabetical = {unit: rank for rank, unit in enumerate(order)}

    def figures(tally: Tally) -> list[str]:
        values: list[tuple[str, float]] = [(number(tally.total, lang), tally.total)]
        values += [(number(tally[s], lang), tally[s]) for s in REPORTED]
        for value in (tally.overdue_rate, tally.completion_rate):
            values.append((rate(value, lang), -1 if value is None else value))
        cells = [
            td(shown, "num", label, sort)
            for (shown, sort), label in zip(values, short, strict=True)
        ]
        # On a phone's card the total takes a line of its own, the rest two by two.
        cells[0] = cells[0].replace('class="num"', 'class="num c-total"', 1)
        return cells

    body = []
    for n, (unit, tally) in enumerate(rows, start=1):
        name = esc(page.registry.name_of(unit))
        cells = [td(str(n), "num c-stt", "", n), td(name, "name lead", "", alphabetical[unit])]
        body.append("<tr>" + "".join(cells + figures(tally)) + "</tr>")
    totals = [td("", "num c-stt"), td(esc(t("label.totals", lang)), "name lead")]
    foot = "<tr>" + "".join(totals + figures(page.data.totals)) + "</tr>"
    head = _header(labels, (0, *range(2, len(keys))), first)
    return [
        *out,
        f'<p class="meta">{esc(t("label.status-legend", lang))}</p>',
        *_table("units-table", "sortable cards units", head, body, foot),
        "</section>",
    ]


class _Cells:
    """The cells the overdue and quiet lists repeat (a task late for eighteen communes is
    eighteen rows), each escaped once: at 20,000 tasks that is most of the page's time."""

    def __init__(self, page: Page, lang: Lang) -> None:
        self.page, self.lang = page, lang
        self.anchors = page.anchors
        self.units: dict[str, str] = {}
        self.tasks: dict[tuple[str, str], tuple[str, str, str]] = {}
        self.days: dict[date, str] = {}

    def unit(self, item: UnitStatus) -> str:
        found = self.units.get(item.unit)
        if found is None:
            name = esc(self.page.registry.name_of(item.unit))
            found = self.units[item.unit] = td(name, "name lead c-unit")
        return found

    def task(self, item: UnitStatus) -> tuple[str, str, str]:
        """The reference (a link to the task in full), the text cut short, the deadline."""
        task = item.task
        key = (task.notice, task.id)
        found = self.tasks.get(key)
        if found is None:
            anchor, ref = self.anchors.get(key), esc(task.ref)
            link = f'<a href="#{anchor}">{ref}</a>' if anchor else ref
            found = self.tasks[key] = (
                td(link, "ref c-ref"),
                td(esc(shorten(task.text, LIST_TEXT)), "text c-text"),
                td(esc(task.deadline.text or ""), "text c-deadline"),
            )
        return found

    def day(self, day: date | None) -> str:
        if day is None:
            return ""
        found = self.days.get(day)
        if found is None:
            found = self.days[day] = esc(fmt_date(day, self.lang))
        return found


def overdue_table(page: Page, lang: Lang) -> list[str]:
    out = [f'<section id="overdue"><h2>{esc(t("report.overdue", lang))}</h2>']
    if not page.data.overdue:
        return [*out, f"<p>{esc(t('cli.nothing-overdue', lang))}</p>", "</section>"]
    keys = ["label.stt", "label.unit", "label.ref", "label.text", "label.deadline",
            "label.last-day", "label.days-overdue", "report.long-overdue"]  # fmt: skip
    labels = [t(k, lang) for k in keys]
    last, late = esc(labels[5]), esc(labels[6])
    badge = f'<span class="badge b-long">{esc(t("page.long-badge", lang))}</span>'
    cells = _Cells(page, lang)
    body = []
    for n, item in enumerate(page.data.overdue, start=1):
        days = item.days_overdue or 0
        long = days > LONG_OVERDUE_DAYS
        ref, text, deadline = cells.task(item)
        row = '<tr class="long">' if long else "<tr>"
        body.append(
            f'{row}<td class="num c-stt">{n}</td>{cells.unit(item)}{ref}{text}{deadline}'
            f'<td class="num c-last" data-label="{last}">{cells.day(item.last_day)}</td>'
            f'<td class="num c-days" data-label="{late}">{number(days, lang)}</td>'
            f'<td class="c-long">{badge if long else ""}</td></tr>'
        )
    head = _header(labels, (0, 5, 6))
    return [*out, *_table("overdue-table", "cards compact", head, body), "</section>"]


def quiet_table(page: Page, lang: Lang) -> list[str]:
    title = t("report.quiet", lang, months=QUIET_MONTHS)
    out = [f'<section id="quiet"><h2>{esc(title)}</h2>']
    if not page.data.quiet:
        return [*out, f"<p>{esc(t('report.none-quiet', lang))}</p>", "</section>"]
    keys = ["label.stt", "label.unit", "label.ref", "label.text", "report.assigned",
            "report.since"]  # fmt: skip
    labels = [t(k, lang) for k in keys]
    given, since = esc(labels[4]), esc(labels[5])
    none = esc(t("report.no-report", lang))
    cells = _Cells(page, lang)
    body = []
    for n, quiet in enumerate(page.data.quiet, start=1):
        item = quiet.item
        ref, text, _ = cells.task(item)
        last = cells.day(quiet.last_report) if quiet.last_report else none
        body.append(
            f'<tr><td class="num c-stt">{n}</td>{cells.unit(item)}{ref}{text}'
            f'<td class="num c-last" data-label="{given}">{cells.day(quiet.assigned)}</td>'
            f'<td class="num c-days" data-label="{since}">{last}</td></tr>'
        )
    head = _header(labels, (0, 4, 5))
    return [*out, *_table("quiet-table", "cards compact", head, body), "</section>"]


def _notice_heading(notice: Notice | None, ident: str, lang: Lang) -> str:
    if notice is None:
        return ident
    issued = notice.date.day_first() if lang is Lang.VI else notice.date.iso()
    if notice.number:
        return t("page.notice", lang, number=notice.number, title=notice.title, date=issued)
    return t("page.notice-no-number", lang, title=notice.title, date=issued)


def details(page: Page, lang: Lang) -> list[str]:
    out = [
        f'<section id="tasks"><h2>{esc(t("page.details", lang))}</h2>',
        f'<p class="meta">{esc(t("page.details-intro", lang, as_of=page.data.as_of))}</p>',
    ]
    if not page.by_task:
        return [*out, f"<p>{esc(t('cli.no-tasks', lang))}</p>", "</section>"]
    words = _TaskWords(page.registry, lang)
    current = None
    for key, items in page.by_task.items():
        task = items[0].task
        if task.notice != current:
            if current is not None:
                out.append("</div>")
            current = task.notice
            heading = _notice_heading(page.notices.get(task.notice), task.notice, lang)
            out.append(f'<div class="notice"><h3>{esc(heading)}</h3>')
        out.append(words.task(task, items, page.anchors[key]))
    out += ["</div>", "</section>"]
    return out


class _TaskWords:
    """Writes one task in full: reference, deadline, text, its units grouped by status;
    the words every task repeats (status names, unit names) looked up once."""

    def __init__(self, registry: Registry, lang: Lang) -> None:
        self.registry, self.lang = registry, lang
        self.status = {s: t(f"status.{s.value}", lang) for s in STATUS_ORDER}
        self.units = esc(t("label.units", lang))
        self.with_ = esc(t("label.with", lang))
        self.no_deadline = esc(t("page.no-deadline", lang))

    def task(self, task: Task, items: list[UnitStatus], anchor: str) -> str:
        lang, name_of = self.lang, self.registry.name_of
        last = task.last_day
        if not task.deadline.text:
            deadline = self.no_deadline
        elif last:
            deadline = esc(t("page.deadline", lang, written=task.deadline.text, last=last))
        else:
            deadline = esc(task.deadline.text)
        by_status: dict[Status, list[str]] = {}
        for item in items:
            by_status.setdefault(item.status, []).append(name_of(item.unit))
        groups = []
        for status in STATUS_ORDER:
            names = by_status.get(status)
            if names:
                label = f"{self.status[status]} ({number(len(names), lang)})"
                groups.append(
                    f'<li><span class="badge b-{status.value}">{esc(label)}</span> '
                    f"{esc(', '.join(names))}</li>"
                )
        extra = ""
        if task.with_:
            partners = esc(", ".join(name_of(u) for u in task.with_))
            extra = f'<p class="meta">{self.with_}: {partners}</p>'
        return (
            f'<article class="task" id="{anchor}">'
            f'<h4><span class="ref">{esc(task.ref)}</span>'
            f'<span class="deadline">{deadline}</span></h4>'
            f'<p class="text">{esc(task.text)}</p>'
            f'<ul aria-label="{self.units}">{"".join(groups)}</ul>{extra}'
            "</article>"
        )
