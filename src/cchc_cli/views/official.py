"""How official papers word what cchc computes: periods, dates, numbers, the title block.

Vietnamese offices write a period as "tháng 11/2023", "quý IV/2023", "năm 2023", a
document's date as "Vĩnh Linh, ngày 05 tháng 12 năm 2023" (Nghị định 30/2020/NĐ-CP,
Phụ lục I, II.4: a day below 10 and the months 1 and 2 take a leading zero), and a
decimal with a comma ("54,3"). English (``--lang en``) gets its own forms. Pure.

Text from data that goes into a document or a workbook passes :func:`paper_text`:
every control character and bidi override shown as its escape (as on a terminal),
and nothing an XML file cannot hold, so a hostile task text can neither reorder
what is printed nor corrupt the file.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cchc_cli.core.dateargs import Period
from cchc_cli.core.model import Config, Person
from cchc_cli.core.safetext import for_terminal
from cchc_cli.views.i18n import Lang, t

_ROMAN = ("I", "II", "III", "IV")
#: Not calendar.month_name: that follows the process's locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: What XML 1.0 cannot hold and :func:`for_terminal` lets through.
_NOT_XML = re.compile("[\ufffe\uffff]")


def paper_text(text: str) -> str:
    """``text`` as a document shows it: controls and bidi overrides visible, XML-safe."""
    shown = for_terminal(text)
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", shown)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month(month: int) -> str:
    """Phụ lục I, II.4: the months 1 and 2 take a leading zero (so no digit can be added)."""
    return f"{month:02d}" if month < 3 else str(month)


def period_name(period: Period, lang: Lang) -> str:
    """ "tháng 11/2023", "quý IV/2023", "năm 2023" (or "November 2023", "Q4 2023",
    "2023"); any other span "từ ngày 01/11/2023 đến ngày 15/11/2023"."""
    start, end = period.start, period.end
    if start.day == 1 and end == _month_end(end):
        if (start.year, start.month) == (end.year, end.month):
            month = _month(start.month) if lang is Lang.VI else _MONTHS[start.month - 1]
            return t("period.month", lang, month=month, year=start.year)
        quarter = (start.month - 1) // 3
        if start.month % 3 == 1 and (end.year, end.month) == (start.year, start.month + 2):
            name = _ROMAN[quarter] if lang is Lang.VI else str(quarter + 1)
            return t("period.quarter", lang, quarter=name, year=start.year)
        if (start.month, end.month, start.year) == (1, 12, end.year):
            return t("period.year", lang, year=start.year)
    return t("period.span", lang, start=start, end=end)


def place_date(place: str | None, day: date, lang: Lang) -> str:
    """The line under the national motto: "Vĩnh Linh, ngày 05 tháng 12 năm 2023"."""
    if lang is Lang.VI:
        written = t("paper.date", lang, day=f"{day.day:02d}", month=_month(day.month),
                    year=day.year)  # fmt: skip
    else:
        written = t("paper.date", lang, day=str(day.day), month=_MONTHS[day.month - 1],
                    year=day.year)  # fmt: skip
    if not place:
        return written[:1].upper() + written[1:]
    return f"{paper_text(place)}, {written}"


def decimal(value: float | None, lang: Lang, digits: int = 1) -> str:
    """A number as the language writes it: "54,3" in Vietnamese, "54.3" in English."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang is Lang.VI else text


@dataclass(frozen=True)
class TitleBlock:
    """What the top and the bottom of an official paper say, from ``config.yaml``."""

    parent: str | None
    body: str
    #: "Số:      /BC-VP": the number is left blank for the clerk who registers it.
    number: str
    place_date: str
    signer: Person | None
    recipients: tuple[str, ...]


def title_block(
    config: Config, day: date, lang: Lang, type_code: str | None, issuer: str = ""
) -> TitleBlock:
    """The title block of a paper of ``type_code`` ("BC" for a report; None for a
    letter, công văn, whose number has no type code) dated ``day``. The issuing body is
    ``document.body``, else ``office``, else ``issuing_body``, else ``issuer`` (the
    notices')."""
    document = config.document
    body = document.body or config.office or config.issuing_body or issuer
    parts = [p for p in (type_code, document.symbol) if p]
    if type_code is None and document.drafter:
        parts.append(document.drafter)
    # NĐ 30/2020 leaves the number to whoever registers the paper: blank, as drafts are.
    symbol = "-".join(parts)
    number = t("paper.number", lang) + (f"/{paper_text(symbol)}" if symbol else "")
    return TitleBlock(
        paper_text(document.parent) if document.parent else None,
        paper_text(body),
        number,
        place_date(document.place, day, lang),
        document.signer,
        tuple(paper_text(r) for r in document.recipients),
    )
