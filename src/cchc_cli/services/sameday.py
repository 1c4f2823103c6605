""" "Trước 20 giờ cùng ngày": a limit on the same day as a day named before it.

The notice model has no phrase that points at another task's day, and the loader reads
a deadline's phrase alone. So the importer writes the day out ("trước 20 giờ ngày
06/09/2024") and flags it for review with the phrase as the notice wrote it. The day
is the last full date written before the phrase in the item ("họp ngày 06/9/2024, báo
cáo trước 20 giờ cùng ngày"), else the last day of the task before it ("- Kêu gọi tàu
thuyền ... trước 17 giờ ngày 06/9/2024. - Tổ chức sơ tán ... trước 20 giờ cùng ngày"),
else none: the phrase stays unread.
"""

from __future__ import annotations

import re
from datetime import date

from cchc_cli.services.lexicon import simple

#: A limit on "the same day", with its lead and perhaps a time of day (folded).
_SAME_DAY = re.compile(
    r"\b(?:truoc|cham nhat(?: la)?|den(?: het)?|trong)(?: (?:luc|vao))?"
    r"(?: \d{1,2} ?(?:gio|h|:) ?(?:\d{1,2} ?(?:phut|p)?)?(?: ?(?:sang|trua|chieu|toi|dem))?)?"
    r"(?: trong)? (?P<same>cung ngay)\b"
)
_FULL_DATE = re.compile(
    r"(?<![0-9])([0-9]{1,2}) ?[/.\-] ?([0-9]{1,2}) ?[/.\-] ?([0-9]{4})(?![0-9])"
)


def same_day(masked: str, text: str, previous: date | None) -> tuple[str, str | None]:
    """``masked`` with its "cùng ngày" written as the day it refers to, and the phrase as
    written; ``(masked, None)`` when it has none or no day to refer to. ``text``: the
    item's words before any date was blanked (a meeting's day is such a day)."""
    m = _SAME_DAY.search(simple(masked))
    if m is None:
        return masked, None
    day = previous
    for found in _FULL_DATE.finditer(text[: m.start()]):
        try:
            day = date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            continue
    if day is None:
        return masked, None
    start, end = m.span("same")
    return f"{masked[:start]}ngày {day:%d/%m/%Y}{masked[end:]}", masked[m.start() : m.end()]
