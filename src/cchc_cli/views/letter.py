"""The follow-up letter (công văn đôn đốc) to the units that are late: who, which tasks,
written how, due when, late by how many days, and the day to report back by.

Offices chase late units with a signed letter in the layout of Nghị định 30/2020
(Hải Phòng issues them by the dozen), not by e-mail alone. :func:`late_units` picks
the pairs overdue on the letter's day (the data as they stood that day); the letter
is then written as a Word document (:func:`letter_docx`) or as Markdown for a quick
look (:func:`letter_markdown`). Pure: the statuses, the day and the settings come in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.model import Config, Notice, Registry
from cchc_cli.core.status import Status, UnitStatus, extension_in_force
from cchc_cli.core.vntext import sort_key
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.official import TitleBlock, paper_text, title_block
from cchc_cli.views.paper import Paper
from cchc_cli.views.paper_table import Cell, CellLike

#: More late units than this are not listed after "Kính gửi:" but in the table.
NAMED_UNITS = 6
#: The table's columns (cm): STT, unit, task, notice, deadline, days overdue.
WIDTHS = (1.0, 2.9, 5.9, 2.4, 2.6, 1.7)


@dataclass(frozen=True)
class LateUnit:
    unit: str
    name: str
    #: Its overdue pairs, the longest overdue first.
    items: tuple[UnitStatus, ...]


@dataclass(frozen=True)
class Letter:
    day: date
    reply_by: date
    units: tuple[LateUnit, ...]
    #: The notices the late tasks come from, in the order first cited.
    notices: tuple[Notice, ...]

    @property
    def tasks(self) -> int:
        return sum(len(u.items) for u in self.units)


def late_units(
    items: Iterable[UnitStatus],
    registry: Registry,
    notices: Iterable[Notice],
    day: date,
    reply_by: date,
) -> Letter:
    """The letter of ``day``: each unit with pairs overdue that day, Vietnamese order."""
    by_unit: dict[str, list[UnitStatus]] = {}
    for item in items:
        if item.status is Status.OVERDUE:
            by_unit.setdefault(item.unit, []).append(item)
    order = sorted(by_unit, key=lambda u: sort_key(registry.name_of(u)))
    units = tuple(
        LateUnit(
            unit,
            registry.name_of(unit),
            tuple(sorted(by_unit[unit], key=lambda i: (-(i.days_overdue or 0), i.task.ref))),
        )
        for unit in order
    )
    known = {n.id: n for n in notices}
    cited = dict.fromkeys(i.task.notice for u in units for i in u.items)
    return Letter(day, reply_by, units, tuple(known[n] for n in cited if n in known))


# -- words ------------------------------------------------------------------------------


def _when(issued: PartialDate, lang: Lang) -> str:
    """A notice's date as a sentence gives it: "ngày 28/11/2023", "tháng 11/2023"."""
    if issued.complete is not None:
        return t("letter.on-day", lang, day=issued.complete)
    if issued.month is not None:
        return t("letter.in-month", lang, month=f"{issued.month:02d}", year=issued.year)
    return t("letter.in-year", lang, year=issued.year)


def notice_ref(notice: Notice, lang: Lang) -> str:
    """ "Thông báo số 12/TB-UBND ngày 28/11/2023", or "Thông báo kết luận tháng 11/2023"
    for a draft with no number."""
    when = _when(notice.date, lang)
    if notice.number:
        return t("letter.notice", lang, number=notice.number, when=when)
    return t("letter.notice-unnumbered", lang, when=when)


def subject(letter: Letter, lang: Lang) -> str:
    """ "V/v đôn đốc thực hiện nhiệm vụ …": the notice when there is one, with a number."""
    if len(letter.notices) == 1 and letter.notices[0].number:
        return t("letter.subject-one", lang, notice=notice_ref(letter.notices[0], lang))
    return t("letter.subject", lang)


def _deadline(item: UnitStatus, lang: Lang) -> str:
    """The deadline as written and the last day in force, an extension named as such."""
    written = item.task.deadline.text or ""
    assert item.today is not None
    extended = extension_in_force(item.task, item.today, item.unit)
    if extended is not None:
        last = t("letter.extended-to", lang, day=extended.to)
    else:
        last = t("paper.last-day", lang, day=item.last_day)
    return f"{written}\n{last}".strip()


def _notice_cell(item: UnitStatus, notices: dict[str, Notice], lang: Lang) -> str:
    notice = notices.get(item.task.notice)
    if notice is None:
        return item.task.notice
    number = notice.number or t("label.no-number", lang)
    return f"{number}\n{_when(notice.date, lang)}"


def _addressees(letter: Letter, lang: Lang) -> list[str]:
    names = [u.name for u in letter.units]
    return names if len(names) <= NAMED_UNITS else [t("letter.to-many", lang)]


def _paragraphs(letter: Letter, block: TitleBlock, lang: Lang) -> tuple[str, str, str]:
    refs = "; ".join(notice_ref(n, lang) for n in letter.notices)
    opening = t(
        "letter.opening",
        lang,
        notices=refs or t("letter.the-notices", lang),
        day=letter.day,
        units=len(letter.units),
        tasks=letter.tasks,
    )
    body = block.body or t("letter.we", lang)
    request = t("letter.request", lang, body=body, reply_by=letter.reply_by)
    return opening, request, t("letter.closing", lang)


def recipients(letter: Letter, block: TitleBlock, lang: Lang) -> list[str]:
    """ "Nơi nhận:": the late units, then config.yaml's, the archive copy last."""
    found = [u.name for u in letter.units] + list(block.recipients)
    if not any(r.casefold().startswith(t("paper.archive-word", lang).casefold()) for r in found):
        found.append(t("paper.archive", lang))
    return found


def _rows(
    letter: Letter, lang: Lang, merged: bool = True
) -> tuple[list[list[CellLike]], list[tuple]]:
    """The table's rows and the merges; ``merged``: a unit's name once over its rows."""
    notices = {n.id: n for n in letter.notices}
    rows: list[list[CellLike]] = []
    merges = []
    for late in letter.units:
        start = len(rows) + 1  # row 0 is the header
        for index, item in enumerate(late.items):
            rows.append(
                [
                    Cell(str(len(rows) + 1), align="center"),
                    late.name if index == 0 or not merged else "",
                    Cell(item.task.text, lead=f"{item.task.ref}: "),
                    Cell(_notice_cell(item, notices, lang), align="center"),
                    _deadline(item, lang),
                    Cell(str(item.days_overdue or 0), align="center"),
                ]
            )
        if len(late.items) > 1:
            merges.append((start, 1, len(rows), 1))
    return rows, merges


def _header(lang: Lang) -> list[CellLike]:
    keys = ("label.stt", "label.unit", "label.task", "label.notice", "label.deadline")
    return [*(t(k, lang) for k in keys), t("label.days-overdue", lang)]


# -- the Word document ------------------------------------------------------------------


def letter_docx(letter: Letter, config: Config, lang: Lang, issuer: str = "") -> bytes:
    """The letter as a .docx file's bytes, in the layout of NĐ 30/2020."""
    block = title_block(config, letter.day, lang, None, issuer)
    about = subject(letter, lang)
    paper = Paper(lang, about, block.body, letter.day)
    paper.title_block(block, about)
    paper.to(_addressees(letter, lang))
    opening, request, closing = _paragraphs(letter, block, lang)
    paper.paragraph(opening)
    rows, merges = _rows(letter, lang)
    paper.table(WIDTHS, [_header(lang)], rows, size=12, header_size=11, merges=merges)
    paper.paragraph(request)
    paper.paragraph(closing)
    paper.closing(block, recipients(letter, block, lang))
    return paper.bytes()


# -- Markdown, for a quick look -------------------------------------------------------


#: What Markdown would read as markup in a table cell or a line: emphasis, code, raw
#: HTML and autolinks, strike-through, the cell's border, the "(" that makes "[x](url)"
#: a link, a backslash that escapes, "&lt;"-like entities. Lone brackets stay as they are.
_MD_MARKUP = re.compile(r"\\(?=[!-/:-@\[-`{-~])|[`*_<>|~]|(?<=\])\(|&(?=#?\w+;)")


def _md(text: str) -> str:
    """``text`` on one line, shown as written by any Markdown reader (never a link, a
    picture, raw HTML or emphasis)."""
    return _MD_MARKUP.sub(lambda m: "\\" + m[0], " ".join(paper_text(text).split()))


def letter_markdown(letter: Letter, config: Config, lang: Lang, issuer: str = "") -> str:
    """The same letter as Markdown: the title block as lines, the table as a pipe table."""
    block = title_block(config, letter.day, lang, None, issuer)
    lines = []
    if block.parent:
        lines.append(f"{_md(block.parent.upper())}  ")
    if block.body:
        lines.append(f"**{_md(block.body.upper())}**  ")
    lines += [
        f"{_md(block.number)}  ",
        f"{_md(subject(letter, lang))}",
        "",
        f"**{t('paper.motto', lang)}**  ",
        f"**{t('paper.motto-2', lang)}**  ",
        f"*{_md(block.place_date)}*",
        "",
    ]
    names = _addressees(letter, lang)
    lines.append(f"{t('paper.to', lang)} {'; '.join(_md(n) for n in names)}.")
    opening, request, closing = _paragraphs(letter, block, lang)
    lines += ["", _md(opening), ""]
    header = _header(lang)
    lines.append("| " + " | ".join(_md(str(h)) for h in header) + " |")
    lines.append("| ---: | --- | --- | --- | --- | ---: |")
    rows, _ = _rows(letter, lang, merged=False)
    for row in rows:
        cells = [c if isinstance(c, str) else f"{c.lead}{c.text}" for c in row]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += ["", _md(request), "", _md(closing), "", f"***{t('paper.recipients', lang)}***", ""]
    found = recipients(letter, block, lang)
    lines += [f"- {_md(r)}" for r in found]
    signer = block.signer
    if signer:
        lines.append("")
        lines += [f"**{_md(x.upper())}**  " for x in (signer.on_behalf, signer.title) if x]
        if signer.name:
            lines.append(f"**{_md(signer.name)}**")
    return "\n".join(lines) + "\n"
