"""The periodic report as a Word document an office signs and sends (``report --format
docx``): the title block of Nghị định 30/2020 (:mod:`cchc_cli.views.paper`), a summary
in words, then the report's three tables with every task's text whole.

The numbers are the report's own: this module only lays out the records that
:func:`cchc_cli.views.report.report_view` built for every other format.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from cchc_cli.core.dateargs import Period
from cchc_cli.core.model import Config
from cchc_cli.views.i18n import Lang, fmt_date, t
from cchc_cli.views.official import decimal, period_name, title_block
from cchc_cli.views.paper import Paper
from cchc_cli.views.paper_table import Cell, CellLike
from cchc_cli.views.render import Report, Section
from cchc_cli.views.report import LONG_OVERDUE_DAYS, QUIET_MONTHS

_ROMAN = ("I", "II", "III", "IV", "V")
#: The summary's columns after STT and the unit (cm): the text is 16.5 cm wide.
_SUMMARY_WIDTHS = (1.0, 3.2, 1.1, *(1.25,) * 5, 1.45, 1.0, 1.25, 1.25)
_DONE = ("done_on_time", "done_late", "done_no_deadline")
_OPEN = ("in_progress", "overdue", "ongoing")


def report_docx(view: Report, config: Config, lang: Lang, period: Period, day: date) -> bytes:
    """The report ``view`` as a .docx file's bytes, dated ``day`` (the day it is made)."""
    named = period_name(period, lang)
    # With no body in config.yaml, the notices' issuer is the best guess of the office.
    block = title_block(config, day, lang, "BC", (view.document["issuers"] or [""])[0])
    subject = t("paper.report-subject", lang, period=named)
    paper = Paper(lang, f"{t('paper.report', lang)} {subject}", block.body, day)
    paper.title_block(block)
    paper.heading(t("paper.report", lang), subject)
    document = view.document
    issuers = ", ".join(document["issuers"]) or block.body
    key = "paper.report-basis-open" if document["period_open"] else "paper.report-basis"
    paper.paragraph(t(key, lang, issuers=issuers, period=named, as_of=document["as_of"]))
    paper.paragraph(_totals_text(document["totals"], lang))
    if document["left_out"]:
        files = ", ".join(document["left_out"])
        paper.paragraph(
            t("report.left-out", lang, count=len(document["left_out"]), files=files), bold=True
        )
    for number, section in enumerate(view.tables):
        paper.paragraph(f"{_ROMAN[number]}. {(section.title or '').upper()}", bold=True)
        if not section.records:
            paper.paragraph(section.empty or t("report.none-quiet", lang))
            continue
        _TABLES[section.name](paper, section, lang)
    recipients = block.recipients or (t("paper.archive", lang),)
    paper.closing(block, recipients)
    return paper.bytes()


def _date(value: Any, lang: Lang) -> str:
    if isinstance(value, date):
        return fmt_date(value, lang)
    return str(value) if value else ""


def _totals_text(totals: dict[str, Any], lang: Lang) -> str:
    counts = {k: totals[k] for k in (*_DONE, *_OPEN, "total", "cancelled")}
    return t(
        "paper.report-totals",
        lang,
        completion=decimal(totals["completion_rate"], lang) or "-",
        overdue_rate=decimal(totals["overdue_rate"], lang) or "-",
        **counts,
    )


def _summary(paper: Paper, section: Section, lang: Lang) -> None:
    """Per unit: done (on time, late, no deadline), not done (in time, overdue,
    ongoing), cancelled and the two rates, under a two-level header."""
    first = [
        t("label.stt", lang),
        t("label.unit", lang),
        t("label.total", lang),
        t("paper.col.done", lang),
        "",
        "",
        t("paper.col.open", lang),
        "",
        "",
        t("col.cancelled", lang),
        t("paper.col.completion", lang),
        t("paper.col.overdue-rate", lang),
    ]
    second = ["", "", "", *(t(f"paper.col.{k}", lang) for k in (*_DONE, *_OPEN)), "", "", ""]

    def row(record: dict[str, Any], bold: bool = False) -> list[Cell]:
        numbers = [record[k] for k in ("total", *_DONE, *_OPEN, "cancelled")]
        rates = [decimal(record[k], lang) for k in ("completion_rate", "overdue_rate")]
        return [
            Cell(str(record["stt"] or ""), bold, "center"),
            Cell(record["name"], bold),
            *(Cell(str(n), bold, "right") for n in numbers),
            *(Cell(r, bold, "right") for r in rates),
        ]

    rows = [row(r) for r in section.records] + [row(r, bold=True) for r in section.totals]
    single = (0, 1, 2, 9, 10, 11)  # the columns whose header spans both rows
    merges = [(0, c, 1, c) for c in single] + [(0, 3, 0, 5), (0, 6, 0, 8)]
    paper.table(_SUMMARY_WIDTHS, [first, second], rows, size=11, header_size=10, merges=merges)
    paper.note(t("paper.summary-note", lang))


def _units_merged(
    records: Sequence[dict[str, Any]], column: int
) -> list[tuple[int, int, int, int]]:
    """Runs of rows of one unit, as merges of its column (the header is row 0)."""
    merges = []
    start = 0
    for index in range(1, len(records) + 1):
        if index == len(records) or records[index]["unit"] != records[start]["unit"]:
            if index - start > 1:
                merges.append((start + 1, column, index, column))
            start = index
    return merges


def _unit_once(records: Sequence[dict[str, Any]]) -> list[str]:
    """Each row's unit name, only on the first of a run of the same unit (merged)."""
    return [
        "" if index and r["unit"] == records[index - 1]["unit"] else r["name"]
        for index, r in enumerate(records)
    ]


def _task(record: dict[str, Any]) -> Cell:
    return Cell(record["text"], lead=f"{record['ref']}: ")


def _overdue(paper: Paper, section: Section, lang: Lang) -> None:
    header = [
        t("label.stt", lang),
        t("label.unit", lang),
        t("label.task", lang),
        t("label.deadline", lang),
        t("label.days-overdue", lang),
    ]
    rows: list[list[CellLike]] = []
    for record, name in zip(section.records, _unit_once(section.records), strict=True):
        last = t("paper.last-day", lang, day=record["last_day"])
        days = str(record["days_overdue"]) + (" (*)" if record["long"] else "")
        rows.append(
            [
                Cell(str(record["stt"]), align="center"),
                name,
                _task(record),
                f"{record['deadline'] or ''}\n{last}".strip(),
                Cell(days, bool(record["long"]), "center"),
            ]
        )
    merges = _units_merged(section.records, 1)
    paper.table((1.0, 3.1, 7.5, 3.0, 1.9), [header], rows, header_size=11, merges=merges)
    if any(r["long"] for r in section.records):
        paper.note(t("paper.long-note", lang, days=LONG_OVERDUE_DAYS))


def _quiet(paper: Paper, section: Section, lang: Lang) -> None:
    header = [
        t("label.stt", lang),
        t("label.unit", lang),
        t("label.task", lang),
        t("report.assigned", lang),
        t("report.since", lang),
    ]
    rows: list[list[CellLike]] = [
        [
            Cell(str(r["stt"]), align="center"),
            name,
            _task(r),
            Cell(_date(r["assigned"], lang), align="center"),
            Cell(_date(r["last_report"], lang) or t("report.no-report", lang), align="center"),
        ]
        for r, name in zip(section.records, _unit_once(section.records), strict=True)
    ]
    merges = _units_merged(section.records, 1)
    paper.table((1.0, 3.1, 8.0, 2.2, 2.2), [header], rows, header_size=11, merges=merges)
    paper.note(t("paper.quiet-note", lang, months=QUIET_MONTHS))


_TABLES = {"summary": _summary, "overdue": _overdue, "quiet": _quiet}
