"""The report page read back as a reader sees it: its tables' text turned into numbers.

The tests compare what the page shows with `cchc report --format json`; they read
the text of the cells (``57,1%``, ``1.234``), not the attributes the sorting script
uses, so a figure printed wrong is caught.
"""

from __future__ import annotations

from typing import Any

import lxml.html

CATEGORIES = ("done_on_time", "done_late", "done_no_deadline", "in_progress", "overdue", "ongoing")


def parse(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def count(shown: str, lang: str = "vi") -> int:
    """``1.234`` (vi) or ``1,234`` (en) as a number."""
    return int(shown.replace("." if lang == "vi" else ",", ""))


def percent(shown: str, lang: str = "vi") -> float | None:
    """``57,1%`` (vi) or ``57.1%`` (en); ``–`` is no rate."""
    if shown == "–":
        return None
    assert shown.endswith("%"), shown
    number = shown[:-1]
    return float(number.replace(",", ".") if lang == "vi" else number)


def _row(cells: list[Any], lang: str) -> dict[str, Any]:
    shown = [text(c) for c in cells]
    record: dict[str, Any] = {"name": shown[1], "total": count(shown[2], lang)}
    for key, value in zip(CATEGORIES, shown[3:9], strict=True):
        record[key] = count(value, lang)
    record["overdue_rate"] = percent(shown[9], lang)
    record["completion_rate"] = percent(shown[10], lang)
    return record


def units(document: Any, lang: str = "vi") -> list[dict[str, Any]]:
    """The units table: one record per unit, in the page's order."""
    rows = document.xpath('//table[@id="units-table"]/tbody/tr')
    return [_row(row.xpath("./td"), lang) for row in rows]


def totals(document: Any, lang: str = "vi") -> dict[str, Any]:
    (row,) = document.xpath('//table[@id="units-table"]/tfoot/tr')
    record = _row(row.xpath("./td"), lang)
    del record["name"]
    return record


def overdue(document: Any, lang: str = "vi") -> list[tuple[str, str, int, bool]]:
    """(unit name, reference, days overdue, marked over 30 days) per row."""
    found = []
    for row in document.xpath('//table[@id="overdue-table"]/tbody/tr'):
        cells = [text(c) for c in row.xpath("./td")]
        found.append((cells[1], cells[2], count(cells[6], lang), bool(cells[7])))
    return found


def quiet(document: Any) -> list[tuple[str, str, str, str]]:
    """(unit name, reference, assigned, last report) per row."""
    found = []
    for row in document.xpath('//table[@id="quiet-table"]/tbody/tr'):
        cells = [text(c) for c in row.xpath("./td")]
        found.append((cells[1], cells[2], cells[4], cells[5]))
    return found


Point = tuple[str, int | None, float | None, int | None]


def trend(document: Any, lang: str = "vi") -> list[Point]:
    """(period, overdue, overdue rate, total) per period of the trend's table; the
    period as ``--period`` takes it (the cell shows its official name)."""
    found = []
    for row in document.xpath('//table[@id="trend-table"]/tbody/tr'):
        cells = [text(c) for c in row.xpath("./td")]
        cells[0] = row.xpath("./td/@data-period")[0]
        if len(cells) == 3:  # a period that has not begun
            found.append((cells[0], None, None, None))
        else:
            found.append(
                (cells[0], count(cells[2], lang), percent(cells[3], lang), count(cells[4], lang))
            )
    return found


def cards(document: Any) -> dict[str, tuple[str, str]]:
    """The headline figures: label -> (figure, the line under it)."""
    found = {}
    for card in document.xpath('//dl[@class="figures"]/div'):
        label = text(card.xpath("./dt")[0])
        found[label] = (text(card.xpath('.//span[contains(@class, "big")]')[0]),
                        text(card.xpath('.//span[@class="sub"]')[0]))  # fmt: skip
    return found


def task_refs(document: Any) -> list[str]:
    """The references of the list of tasks, in order."""
    return [text(r) for r in document.xpath('//section[@id="tasks"]//span[@class="ref"]')]
