"""A notice as the office receives it (text or Word) -> a draft notice file to review.

Pure: text in, a :class:`Draft` out (header, tasks, what needs a person's
decision), then YAML text in the project's format. The rules follow how
conclusion notices are written:

- The assignments are the sections numbered ``1.``, ``2.``...; the parts under
  Roman numerals before them ("Những kết quả đã đạt được", "tồn tại, hạn chế")
  are not tasks. A section's heading names its units; each ``-`` bullet or
  lettered item (``a)``, ``b)``, ``đ)``...) under it is a task (``2.1``,
  ``2.a``), and a section with neither is one task (``4``).
- Units are found by the registry's names and aliases in any spelling it knows
  (:mod:`cchc_cli.services.unitnames`); "các Phòng: Nội vụ, Tư pháp" is two
  units; a name the registry does not know is kept as written and flagged,
  never dropped or guessed.
- "Chủ trì" makes the section's unit the lead; "phối hợp với X" puts X among
  the coordinating units.
- The deadline is the phrase the text gives ("trước ngày 10/12/2023",
  "từ nay đến cuối năm 2023"...), read by :mod:`cchc_cli.core.deadlines`; a target
  such as "đạt 100%" is kept.

What arrives is bounded (:data:`MAX_TEXT`, :data:`MAX_PARAGRAPHS`,
:data:`MAX_TASKS`, and :mod:`cchc_cli.services.wordtext`'s limits for Word
files) and refused past that with :class:`TooLarge`; every pattern is linear
in its line; a date that does not exist is a review item, never an exception.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from cchc_cli.core.dates import DateError, PartialDate, make_date
from cchc_cli.core.deadlines import Deadline, DeadlineContext, DeadlineError, find_deadline
from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Registry
from cchc_cli.core.vntext import fold, nfc
from cchc_cli.services.unitnames import MAX_UNKNOWN_UNITS, UnitNames, expand_shared_prefix
from cchc_cli.store.yamlwrite import block_text, comment, flow_seq, quoted, scalar
from cchc_cli.views.i18n import Lang, t

#: The most text an import reads, in characters: about 300 pages, where a
#: conclusion notice has 2 to 10. Larger input is refused before any work.
MAX_TEXT = 1_000_000
#: The most paragraphs (lines with text): about 300 pages' worth.
MAX_PARAGRAPHS = 20_000
#: The most tasks one notice may give (the largest seen has about 60).
MAX_TASKS = 2_000


#: Every kind of item a draft flags for review (messages in views/i18n.py).
REVIEW_KEYS = (
    "import.no-assignees",
    "import.unknown-unit",
    "import.bad-deadline",
    "import.deadline-before-issue",
    "import.bad-date",
    "import.more-units",
)


class TooLarge(CchcError):
    """The input is past :data:`MAX_TEXT` or :data:`MAX_TASKS` (or a Word file's limits)."""


_SECTION = re.compile(r"(\d{1,2})\.\s+(\S.*)")
_ROMAN = re.compile(r"(?:[IVX]{1,5})\.\s+\S")
_BULLET = re.compile(r"[-–•+]\s*(\S.*)")
_LETTER = re.compile(r"([a-zđ])\)\s+(\S.*)")
_NUMBER = re.compile(r"Số\s*:\s*(.*)", re.IGNORECASE)
# Every repetition that a later part of its pattern must stop is bounded (a place,
# an issuer, a name and a title are short): on a line that repeats the pattern's
# start without its end, an unbounded one made the search quadratic or worse
# (seconds on 10 KB, minutes on 500 KB).
_PLACE_DATE = re.compile(
    r"(.{1,200}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE
)
_MEETING = re.compile(r"Ngày\s+(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*,\s*(.{1,120}?)\s+tổ chức")
# A name has no dash, so the dash that ends it is the first one: one split only.
_CHAIR = re.compile(
    r"đồng chí\s+([^,;\-–]{1,80}?)\s+[-–]\s+(Chủ tịch\s+[^,;]{1,120}?)(?:,|\s+kết luận)"
)
_SIGNED = re.compile(r"(TL|KT|TM|Q)\.\s*(.+)")
_TARGET = re.compile(r"đạt(?: tỷ lệ)?\s+\d+(?:[.,]\d+)?\s*%")
_WITH = re.compile(r"phối hợp với\s+(.+?)(?:\s+(?:hoàn thành|để|thực hiện|trong)\b|[.;]|$)", re.I)


@dataclass
class DraftTask:
    id: str
    text: str
    #: The section's heading, as "2. Phòng Nội vụ".
    section: str
    assigned: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    lead: str | None = None
    with_: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_problem: str | None = None
    target: str | None = None
    review: list[str] = field(default_factory=list)


@dataclass
class Draft:
    number: str = ""
    issuer: str | None = None
    place: str | None = None
    date: PartialDate | None = None
    meeting: tuple[int, int, int] | None = None
    title: str | None = None
    chair: tuple[str, str] | None = None
    signer: tuple[str, str | None, str | None] | None = None
    recipients: list[str] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    #: The date of issue or of the meeting as written, when it is no real date
    #: ("ngày 31 tháng 02 năm 2023", "tháng 13", "năm 0000"): for a person to fix.
    date_problem: str | None = None
    meeting_problem: str | None = None

    @property
    def reviews(self) -> int:
        header = (self.date_problem is not None) + (self.meeting_problem is not None)
        return header + sum(len(t.review) for t in self.tasks)


def _clean(line: str) -> str:
    # Word and Markdown exports bring emphasis marks and odd spaces.
    line = nfc(line).replace("\u00a0", " ").replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(?!\s)|(?<=\S)\*(?!\w)", "", line)
    return " ".join(line.split())


def paragraphs(text: str) -> list[str]:
    return [p for p in (_clean(line) for line in text.splitlines()) if p]


# -- what arrives -------------------------------------------------------------------


#: The most bytes a Word file may have (packed): its text is limited again unpacked.
MAX_DOCX_BYTES = 64 * 1024 * 1024


def _is_docx(source: str) -> bool:
    return source.lower().endswith(".docx")


def _read_file(source: str, limit: int) -> bytes:
    """A regular file's bytes through the one bounded reader of data files: a pipe, a
    device or a folder is refused at once, never waited on or read without end."""
    from cchc_cli.store.fileio import DataFileError, read_data_file

    try:
        return read_data_file(source, limit)
    except DataFileError as err:
        if err.key == "file.too-big":
            raise TooLarge("import.too-large", path=source, limit=MAX_TEXT) from None
        if err.key == "file.unreadable":
            raise CchcError("import.unreadable", path=source, **err.args_) from None
        raise CchcError("import.not-regular", path=source) from None


def read_source(source: str, stdin: BinaryIO | None = None) -> str:
    """The notice's text: a .docx, a UTF-8 text file, or ``-`` for ``stdin``.

    Never more than :data:`MAX_TEXT` characters: a larger file is refused after
    reading only what the limit can take, so a huge file, a device or a pipe
    that never ends costs nothing. :class:`CchcError` says what is wrong.
    """
    from cchc_cli.store.yamlsrc import decode

    # UTF-8 takes at most four bytes a character: more bytes than that are
    # more characters than the limit, whatever they are.
    most = 4 * MAX_TEXT
    if source == "-":
        data = (stdin or sys.stdin.buffer).read(most + 1)
    else:
        data = _read_file(source, MAX_DOCX_BYTES if _is_docx(source) else most)
    if _is_docx(source):
        from cchc_cli.services.wordtext import read_docx

        return read_docx(source, MAX_TEXT, data)
    if len(data) > most:
        raise TooLarge("import.too-large", path=source, limit=MAX_TEXT)
    text, problems = decode(data, source)
    if text is None:
        where = problems[0].source
        raise CchcError("import.not-utf8", path=source, line=where.line, col=where.col)
    if len(text) > MAX_TEXT:
        raise TooLarge("import.too-large", path=source, limit=MAX_TEXT)
    return text


# -- reading a notice ----------------------------------------------------------------


def read(text: str, registry: Registry, source: str = "-") -> Draft:
    """The draft of the notice in ``text``; :class:`TooLarge` past the documented limits."""
    if len(text) > MAX_TEXT:
        raise TooLarge("import.too-large", path=source, limit=MAX_TEXT)
    lines = paragraphs(text)
    if len(lines) > MAX_PARAGRAPHS:
        raise TooLarge("import.too-many-paragraphs", path=source, limit=MAX_PARAGRAPHS)
    names = UnitNames(registry)
    draft = Draft()
    _header(lines, draft)
    year = draft.date.year if draft.date else None
    start = next(
        (i for i, line in enumerate(lines) if _SECTION.fullmatch(line) and not _ROMAN.match(line)),
        len(lines),
    )
    _tasks(lines[start:], draft, names, year)
    _footer(lines, draft)
    return draft


def _header(lines: list[str], draft: Draft) -> None:
    dated = met = False
    for index, line in enumerate(lines):
        if m := _NUMBER.match(line):
            number = m[1].strip()
            draft.number = "" if number.startswith("/") else number
        elif not dated and (m := _PLACE_DATE.match(line)):
            dated = True
            draft.place = m[1].strip()
            day = int(m[2]) if m[2] else None
            month = int(m[3]) if m[3] else None
            try:
                draft.date = _partial_date(int(m[4]), month, day if month else None)
            except (DateError, ValueError):
                draft.date_problem = m[0][len(m[1]) :].lstrip(" ,")
        elif line.upper() == "THÔNG BÁO" and index + 1 < len(lines):
            draft.title = lines[index + 1]
        elif not met and (m := _MEETING.search(line)):
            met = True
            draft.issuer = m[4].strip()
            try:
                make_date(int(m[3]), int(m[2]), int(m[1]))
                draft.meeting = (int(m[3]), int(m[2]), int(m[1]))
            except (DateError, ValueError):
                draft.meeting_problem = f"{m[1]}/{m[2]}/{m[3]}"
        if (m := _CHAIR.search(line)) and draft.chair is None:
            draft.chair = (m[1].strip(), m[2].strip())


def _partial_date(year: int, month: int | None, day: int | None) -> PartialDate:
    """The date of issue as far as it is written; :class:`DateError` if it is no real date."""
    make_date(year, month or 1, day or 1)  # the checks every date in cchc gets
    return PartialDate(year, month, day)


def _footer(lines: list[str], draft: Draft) -> None:
    try:
        # "Nơi nhận" starts its line: folding the start of each line is enough.
        start = next(i for i, line in enumerate(lines) if fold(line[:24]).startswith("noi nhan"))
    except StopIteration:
        return
    recipients: list[list[str]] = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if m := _SIGNED.fullmatch(line):
            title = lines[index + 1] if index + 1 < len(lines) else None
            name = lines[-1] if len(lines) > index + 2 else None
            draft.signer = (name or "", title, f"{m[1]}. {m[2]}")
            break
        if bullet := _BULLET.fullmatch(line):
            recipients.append([bullet[1]])
        elif recipients:
            recipients[-1].append(line)  # joined once at the end: never quadratic
    draft.recipients = [" ".join(parts).rstrip(";.,") for parts in recipients]


def _tasks(lines: list[str], draft: Draft, names: UnitNames, year: int | None) -> None:
    section: tuple[str, list[str], list[str], str] | None = None
    items: list[tuple[str, str]] = []

    def close() -> None:
        if section is None:
            return
        _, assigned, unknown, heading = section
        for ident, text in items:
            draft.tasks.append(
                _task(ident, text, heading, assigned, unknown, names, year, draft.date)
            )

    for line in lines:
        if len(items) + len(draft.tasks) > MAX_TASKS:
            raise TooLarge("import.too-many-tasks", limit=MAX_TASKS)
        if (m := _SECTION.fullmatch(line)) and not _ROMAN.match(line):
            close()
            heading = expand_shared_prefix(m[2])
            assigned, unknown = names.find(heading)
            section = (m[1], assigned, unknown, f"{m[1]}. {m[2]}")
            items = []
            continue
        if section is None:
            continue
        if bullet := _BULLET.fullmatch(line):
            items.append((f"{section[0]}.{len(items) + 1}", bullet[1]))
        elif letter := _LETTER.fullmatch(line):
            items.append((f"{section[0]}.{letter[1]}", letter[2]))
        elif not items:
            items.append((section[0], line))
        else:
            break  # the closing paragraphs: the assignments are over
    close()


def _task(
    ident: str,
    text: str,
    section: str,
    assigned: list[str],
    unknown: list[str],
    names: UnitNames,
    year: int | None,
    issued: PartialDate | None,
) -> DraftTask:
    own = names.leading(text) if "." in ident and not ident[-1].isdigit() else []
    if own:
        assigned, unknown = own, []
    task = DraftTask(ident, text, section, list(assigned), unknown[:MAX_UNKNOWN_UNITS])
    if not assigned and not unknown:
        task.review.append("import.no-assignees")
    for name in task.unknown:
        task.review.append(f"import.unknown-unit:{name}")
    if len(unknown) > MAX_UNKNOWN_UNITS:
        task.review.append(f"import.more-units:{len(unknown) - MAX_UNKNOWN_UNITS}")
    after_colon = text.partition(":")[2] if own else ""
    if fold((after_colon or text)[:40]).startswith("chu tri") and len(task.assigned) == 1:
        task.lead = task.assigned[0]
    if m := _WITH.search(text):
        partners, _ = names.find(m[1])
        task.with_ = [p for p in partners if p not in task.assigned]
    if m := _TARGET.search(text):
        task.target = m[0]
    try:
        found = find_deadline(text, DeadlineContext(issued) if issued else year)
    except DeadlineError as err:
        task.deadline_problem = err.key
        task.review.append(f"import.bad-deadline:{err.key}")
        found = None
    except (DateError, OverflowError) as err:
        # A year outside the window, a day next to the ends of the calendar
        # ("trước ngày 01/01/0001").
        key = err.key if isinstance(err, DateError) else "date.beyond-range"
        task.deadline_problem = key
        task.review.append(f"import.bad-deadline:{key}")
        found = None
    if found is not None:
        task.deadline = found
        if issued and found.last_day and found.last_day < issued.earliest():
            task.review.append("import.deadline-before-issue")
    return task


# -- writing the draft ------------------------------------------------------------------


def _reading(deadline: Deadline) -> str:
    """How cchc reads the phrase, as a comment for the reviewer."""
    if deadline.last_day is None:
        return f"  # {deadline.kind.value}"
    return f"  # {deadline.kind.value}: {deadline.last_day.isoformat()}"


def to_yaml(draft: Draft, notice_id: str, source: str, review_text: Mapping[str, str]) -> str:
    """The draft as a notice file, with review comments where a person must decide.

    ``review_text`` holds the message of each of :data:`REVIEW_KEYS` with an
    ``{arg}`` placeholder, in the language of the run.
    """
    say = _reviewer(review_text)
    out = [
        f"# Imported by cchc from {comment(source)}: review it, then remove this line.",
        f"# {draft.reviews} item(s) need review: search for REVIEW.",
        "",
        f"id: {scalar(notice_id)}",
    ]
    if draft.issuer:
        out.append(f"issuer: {scalar(draft.issuer)}")
    out.append(f"number: {scalar(draft.number)}")
    if draft.place:
        out.append(f"place: {scalar(draft.place)}")
    if draft.date:
        out.append(f"date: {scalar(draft.date)}")
    elif draft.date_problem:
        out.append(f"date:  # REVIEW: {say('import.bad-date', draft.date_problem)}")
    else:
        out.append("date:  # REVIEW: not found")
    if draft.meeting:
        y, m, d = draft.meeting
        out.append(f"meeting_date: {scalar(make_date(y, m, d))}")
    elif draft.meeting_problem:
        out.append(f"# meeting_date:  # REVIEW: {say('import.bad-date', draft.meeting_problem)}")
    if draft.title:
        out.append(block_text("title", draft.title))
    else:
        out.append("title:  # REVIEW: not found")
    if draft.chair:
        out += ["chair:", f"  name: {scalar(draft.chair[0])}", f"  title: {scalar(draft.chair[1])}"]
    if draft.signer:
        name, title, on_behalf = draft.signer
        out += ["signer:", f"  name: {scalar(name)}"]
        if title:
            out.append(f"  title: {scalar(title)}")
        if on_behalf:
            out.append(f"  on_behalf: {scalar(on_behalf)}")
    if draft.recipients:
        out.append("recipients:")
        out += [f"  - {scalar(r)}" for r in draft.recipients]
    out += ["", "tasks:"]
    section = None
    for task in draft.tasks:
        if task.section != section:
            section = task.section
            out += [
                "",
                *textwrap.wrap(
                    comment(section), 76, initial_indent="  # ", subsequent_indent="  # "
                ),
            ]
        out.append(f"  - id: {quoted(task.id)}")
        out.append(f"    assignees: {flow_seq([*task.assigned, *task.unknown])}")
        for item in task.review:
            key, _, arg = item.partition(":")
            out.append(f"    # REVIEW: {say(key, arg)}")
        if task.lead:
            out.append(f"    lead: {scalar(task.lead)}")
        if task.with_:
            out.append(f"    with: {flow_seq(task.with_)}")
        out.append(block_text("text", task.text, 4))
        if task.deadline is not None:
            phrase = scalar(task.deadline.text or "")
            out.append(f"    deadline: {phrase}{_reading(task.deadline)}")
        if task.target:
            out.append(f"    target: {scalar(task.target)}")
    return "\n".join(out) + "\n"


def _reviewer(review_text: Mapping[str, str]) -> Callable[[str, str], str]:
    """The text of a review item, from ``review_text`` (the caller's language) or,
    for a key the caller did not know of, the catalog's Vietnamese."""

    def say(key: str, arg: str) -> str:
        template = review_text.get(key) or t(key, Lang.VI, arg="{arg}")
        return comment(template.replace("{arg}", arg))

    return say
