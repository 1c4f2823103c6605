"""Deadlines as written in notices, and the last permissible day they mean.

This is the only place that knows the rules; it is split by concern:

- :mod:`cchc_cli.core.deadline_types`: the values (``Deadline``, its kinds, the
  context a phrase is read in, the steps of a reading), re-exported here;
- :mod:`cchc_cli.core.deadline_phrases`: the grammar (which words make a phrase);
- :mod:`cchc_cli.core.deadline_rules`: the law and the office's readings (what a
  phrase means: its last day, step by step);
- :mod:`cchc_cli.core.deadline_finder`: the deadline inside a task's sentence;
- :mod:`cchc_cli.core.workdays`: weekends, public holidays, the office's days.

docs/format.md ("Deadlines") lists every form with its last day and source.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadline_types import (
    DAY_KINDS,
    NO_DEADLINE,
    RELATIVE_KINDS,
    Deadline,
    DeadlineContext,
    DeadlineError,
    DeadlineKind,
    Reading,
    Step,
)
from cchc_cli.core.vntext import nfc

if TYPE_CHECKING:
    from cchc_cli.core.deadline_phrases import Hit

Context = DeadlineContext | PartialDate | int | None

__all__ = [
    "DAY_KINDS",
    "NO_DEADLINE",
    "RELATIVE_KINDS",
    "Context",
    "Deadline",
    "DeadlineContext",
    "DeadlineError",
    "DeadlineKind",
    "Reading",
    "Step",
    "find_deadline",
    "find_reading",
    "parse_deadline",
    "read_deadline",
]


def read_deadline(text: str, context: Context = None, explain: bool = False) -> Reading:
    """A whole deadline field read, with the steps taken when ``explain``.

    ``context`` is the notice's date of issue and the calendar
    (:class:`DeadlineContext`), or for short a date of issue or a year. Raises
    :class:`DeadlineError` for a phrase that names no day ("trước Tết",
    "khẩn trương": ``deadline.no-day``) or cannot be read
    (``deadline.unreadable``); offsets count characters of the NFC text.
    """
    # The rules are imported when a phrase is read: a run that reads every
    # deadline from the cache never needs them.
    from cchc_cli.core.deadline_counts import FormReader
    from cchc_cli.core.deadline_phrases import clean, compiled

    text, folded, where, hit = _grammar(text)
    if hit is not None:
        return FormReader(hit, DeadlineContext.of(context), where, text, text, explain).read()
    if compiled("ongoing").search(folded):
        return Reading(Deadline(text, DeadlineKind.ONGOING), (Step("why.ongoing"),), text)
    if m := compiled("vague").search(folded):
        raise DeadlineError("deadline.no-day", where[m.start()], text=clean(text))
    raise DeadlineError("deadline.unreadable", text=clean(text))


@functools.lru_cache(maxsize=4096)
def _grammar(text: str) -> tuple[str, str, list[int], Hit | None]:
    """A phrase's NFC text, folded text, the map back, and the form it matches.

    Memoised on the text: the same few phrases recur in every notice, with other
    dates of issue; the readers of the result only read it.
    """
    from cchc_cli.core.deadline_phrases import bare_date, first_hit, fold

    text = nfc(text)
    folded, where = fold(text)
    return text, folded, where, bare_date(folded) or first_hit(folded)


@functools.lru_cache(maxsize=4096)
def parse_deadline(text: str, context: Context = None) -> Deadline:
    """Read a written deadline phrase; raise :class:`DeadlineError` if it is unreadable.

    Memoised (a pure function of values): a notice copied a thousand times reads
    its phrases once. A phrase that raises is read again each time.
    """
    return read_deadline(text, context).deadline


def find_reading(sentence: str, context: Context = None, explain: bool = False) -> Reading | None:
    """:func:`find_deadline` with the steps of the reading."""
    from cchc_cli.core.deadline_counts import FormReader
    from cchc_cli.core.deadline_finder import choose, copied, phrase_bounds, vague_or_ongoing
    from cchc_cli.core.deadline_phrases import fold

    text = nfc(sentence)
    folded, where = fold(text)
    hit = choose(folded)
    if hit is not None:
        start, end = phrase_bounds(hit, folded)
        phrase = copied(text, where, start, end)
        reader = FormReader(hit, DeadlineContext.of(context), where, text, phrase, explain)
        return reader.read()
    found = vague_or_ongoing(folded)
    if found is None:
        return None
    what, m = found
    phrase = copied(text, where, m.start(), m.end())
    if what == "ongoing":
        return Reading(Deadline(phrase, DeadlineKind.ONGOING), (Step("why.ongoing"),), phrase)
    raise DeadlineError("deadline.no-day", where[m.start()], text=phrase)


def find_deadline(sentence: str, context: Context = None) -> Deadline | None:
    """The deadline a task's sentence gives, with the phrase as written; None if none.

    "... phấn đấu cải thiện điểm số từ nay đến cuối năm 2023." gives the phrase
    "từ nay đến cuối năm 2023". A date alone, or one that names another document
    ("Kế hoạch số 12/KH-UBND ngày 02/02/2023"), is not a deadline. A time limit that
    names no day ("trước Tết Nguyên đán", "khẩn trương") raises
    :class:`DeadlineError` ``deadline.no-day``, so the importer flags it for review.
    """
    reading = find_reading(sentence, context)
    return reading.deadline if reading else None


def last_day_or_none(text: str, context: Context = None) -> date | None:
    """The last day of a phrase, or None when it has none or cannot be read."""
    try:
        return parse_deadline(text, context).last_day
    except DeadlineError:
        return None
