"""One item, two tasks: two stages, or two units each with its own work.

Two stages: "báo cáo sơ kết trước 15/6, tổng kết trước 15/12", "Trước ngày
10/6 (sơ kết); trước ngày 10/12 (tổng kết)", "đợt 1 hoàn thành trong quý II, đợt 2 trong
quý IV".

A task of the notice model has one deadline (:class:`cchc_cli.core.model.Task`), and
each stage is finished, late or pending on its own: a clerk reports the mid-year
review done while the year's is still due. So an item whose clauses each pair a stage
with its own deadline becomes one task per stage, ids "2a", "2b" in the order
written, each with the item's words before the stages, its own stage's clause and the
words after the stages. An item with several deadlines and no stage to tell them apart
stays one task, flagged (``import.several-deadlines``).

Two pieces of work, each with its deadline: "... gửi Phòng Tài chính - Kế hoạch trước
ngày 10/12; đồng thời phối hợp ... xong trước ngày 20/01/2025" (or "; sau đó ..."): a
task each, for the same units.

Two units: "Yêu cầu Thanh tra huyện hoàn thành ... trong quý IV; Phòng Nội vụ tham mưu
... trước ngày 20/12": after a ";" a clause that opens with registry units and a verb
of their own is a task of its own ("2a", "2b"), with its own deadline. A clause whose
units only coordinate ("...; Phòng Tư pháp phối hợp") stays with the task it helps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from string import ascii_lowercase
from typing import TYPE_CHECKING

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import Deadline
from cchc_cli.core.errors import CchcError
from cchc_cli.services.lexicon import ADVERBS, VERBS, simple, starts_with
from cchc_cli.services.roles import roles
from cchc_cli.services.unitnames import UnitNames

if TYPE_CHECKING:
    from cchc_cli.services.meaning import DraftTask

#: The most stages one item is split into.
MAX_STAGES = 6
#: The most of an item read for its stages, in characters (an item has a few hundred).
MAX_TEXT = 2_000

#: Words that name a stage of the work or of its reporting (folded).
_STAGE = re.compile(
    r"\b(?:so ket|tong ket|(?:6|sau|9|chin) thang(?: dau nam| cuoi nam)?"
    r"|(?<=bao cao )nam|ca nam|(?<=\()nam(?=\))|dot (?:\d\b|[ivx]+\b|mot|hai|ba)"
    r"|giai doan (?:\d\b|[ivx]+\b)"
    r"|lan (?:\d\b|thu \w+)|hoc ky (?:\d\b|[ivx]+\b)|vu (?:dong xuan|he thu|mua|dong)"
    r"|buoc (?:\d|mot|hai|ba))"
)
#: Where an item's clauses part: "," ";" "." and "và" between two of them.
_CLAUSE = re.compile(r"\s*[,;.]\s+|\s+va\s+|\s*;\s*")

Finder = Callable[[str, PartialDate | None], Deadline | None]


def staged(
    task: DraftTask, masked: str, finder: Finder, issued: PartialDate | None
) -> list[DraftTask]:
    """``task`` split into one task per stage, or ``[task]`` when its item has no two
    stages with deadlines of their own. ``masked``: its text with the dates of other
    documents blanked (same length as the text)."""
    plain = simple(masked)
    if task.deadline is None or not _STAGE.search(plain):
        return [task]
    clauses: list[tuple[int, int, Deadline]] = []
    start = 0
    for m in [*_CLAUSE.finditer(plain, 0, MAX_TEXT), None]:
        end = m.start() if m else len(plain)
        clause = masked[start:end]
        try:
            found = finder(clause, issued) if clause.strip() else None
        except (CchcError, OverflowError, ValueError):
            found = None
        if found is not None and found.last_day is not None:
            phrase = simple(found.text or "")
            at = max(plain.find(phrase, start, end), start)
            where = plain[start:end].replace(phrase, " " * len(phrase), 1)
            if stage := _STAGE.search(where):
                # The stage's own words start at its name or its deadline, whichever
                # comes first: "báo cáo [sơ kết trước 15/6]", "[Trước ngày 10/6 (sơ kết)]".
                clauses.append((min(start + stage.start(), at), end, found))
            elif clauses:
                return [task]  # a deadline with no stage among staged ones: no reading
        start = m.end() if m else end
    days = {found.last_day for _, _, found in clauses}
    if not 2 <= len(clauses) <= MAX_STAGES or len(days) < len(clauses):
        return [task]
    text = task.text
    before, after = text[: clauses[0][0]], text[clauses[-1][1] :].rstrip()
    if after.strip(" .;,") == "":
        after = "." if text.rstrip().endswith(".") else ""
    out = []
    for letter, (start, end, found) in zip(ascii_lowercase, clauses, strict=False):
        out.append(
            replace(
                task,
                id=f"{task.id}{letter}",
                text=f"{before}{text[start:end].rstrip(' .,;')}{after}".strip(),
                deadline=found,
                deadline_from=None,
                assigned=list(task.assigned),
                unknown=list(task.unknown),
                with_=list(task.with_),
                review=[r for r in task.review if not r.startswith("import.several-deadlines")],
            )
        )
    return out


#: Where an item may hold a second unit's task: a ";" and what follows it.
_NEXT = re.compile(r"(?<=;)\s+(?=\S)")
#: A second piece of work of the same units: "...; đồng thời ...", "...; sau đó ...".
_THEN = re.compile(r"(?:dong thoi|sau do)\s*,?\s*")
#: A clause whose units only coordinate: it belongs with the task before it.
_HELPS = re.compile(r"\s*(?:cung )?phoi hop\b")


def by_unit(names: UnitNames, text: str, dated: Callable[[str], bool]) -> list[str]:
    """``text`` cut before each clause after a ";" that opens with registry units and
    their own verb, or with "đồng thời" / "sau đó" and a verb when it and the clause
    before each give a deadline (``dated``); ``[text]`` when there is none."""
    first, *parts = _NEXT.split(text[:MAX_TEXT])
    if not parts:
        return [text]
    parts[-1] += text[MAX_TEXT:]
    pieces = [first]
    for part in parts:
        said = roles(names, part)
        plain = simple(part)
        rest = re.findall(r"\w+", plain[said.predicate :])
        at = starts_with(rest, 0, ADVERBS)
        own = (
            said.subject.units
            and said.subject.start == 0
            and not _HELPS.match(plain, said.predicate)
        )
        if own and starts_with(rest, at, VERBS):
            pieces.append(part)
            continue
        step = _THEN.match(plain)
        words = re.findall(r"\w+", plain[step.end() :]) if step else []
        if step and starts_with(words, 0, VERBS) and dated(part) and dated(pieces[-1]):
            pieces.append(part)  # "...; đồng thời phối hợp ... xong trước ngày 20/01"
            continue
        pieces[-1] = f"{pieces[-1]} {part}"
    if len(pieces) == 1:
        return [text]
    # Each piece a sentence of its own: "... trong quý IV;" ends with a full stop.
    return [f"{piece.rstrip(' ;,')}." for piece in pieces[:-1]] + pieces[-1:]
