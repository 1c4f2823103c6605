"""A notice as the office receives it (text, Word, PDF) -> a draft notice file to review.

Reading is done in two stages, each tested on its own:

1. structure (:mod:`~cchc_cli.services.noticelines`, :mod:`~cchc_cli.services.structure`,
   :mod:`~cchc_cli.services.noticehead`): the lines a reader sees (page furniture
   dropped, wrapped lines joined, columns read in order), the header, the body as
   a tree of parts and items in every numbering style, the closing;
2. meaning (:mod:`~cchc_cli.services.meaning`, :mod:`~cchc_cli.services.roles`):
   which items are tasks, their units, lead and partners, the deadline, the
   target and where reports go.

Then the draft is written as a notice file (:func:`to_yaml`), with a ``# REVIEW:``
comment wherever a person must decide.

What arrives is bounded (:data:`MAX_TEXT`, :data:`MAX_PARAGRAPHS`,
:data:`MAX_TASKS`, and the Word and PDF readers' own limits) and refused past
that with :class:`TooLarge`; every pattern is linear in its line; a date that
does not exist is a review item, never an exception.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from cchc_cli.core.dates import PartialDate, make_date
from cchc_cli.core.deadlines import Deadline
from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Registry
from cchc_cli.services.meaning import (
    MAX_TASKS,
    DraftTask,
    Finder,
    TooLarge,
    deadline_in,
    read_tasks,
)
from cchc_cli.services.noticelines import read_lines
from cchc_cli.services.structure import read_layout
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.yamlwrite import block_text, comment, flow_seq, quoted, scalar
from cchc_cli.views.i18n import Lang, t

__all__ = [
    "MAX_PARAGRAPHS",
    "MAX_TASKS",
    "MAX_TEXT",
    "REVIEW_KEYS",
    "Draft",
    "DraftTask",
    "TooLarge",
    "read",
    "read_source",
    "to_yaml",
]

#: The most text an import reads, in characters: about 300 pages, where a
#: conclusion notice has 2 to 10. Larger input is refused before any work.
MAX_TEXT = 1_000_000
#: The most paragraphs (lines with text): about 300 pages' worth.
MAX_PARAGRAPHS = 20_000


#: Every kind of item a draft flags for review (messages in views/i18n.py).
REVIEW_KEYS = (
    "import.no-assignees",
    "import.unknown-unit",
    "import.unit-of",
    "import.bad-deadline",
    "import.no-day",
    "import.deadline-before-issue",
    "import.several-deadlines",
    "import.same-day",
    "import.maybe-task",
    "import.left-out",
    "import.bad-date",
    "import.more-units",
    "import.not-found",
)


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
    #: (section, text) of paragraphs left out that may be tasks: each a review item.
    doubtful: list[tuple[str, str]] = field(default_factory=list)
    #: The date of issue or of the meeting as written, when it is no real date
    #: ("ngày 31 tháng 02 năm 2023", "tháng 13", "năm 0000"): for a person to fix.
    date_problem: str | None = None
    meeting_problem: str | None = None

    @property
    def reviews(self) -> int:
        header = (self.date_problem is not None) + (self.meeting_problem is not None)
        return header + len(self.doubtful) + sum(len(t.review) for t in self.tasks)


# -- what arrives -------------------------------------------------------------------


#: The most bytes a Word or PDF file may have (packed): its text is limited again unpacked.
MAX_DOCX_BYTES = 64 * 1024 * 1024


def _kind(source: str, data: bytes = b"") -> str:
    """ "docx", "pdf" or "text": by the file's name, else by its first bytes."""
    name = source.lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith(".pdf"):
        return "pdf"
    from cchc_cli.services.pdftext import is_pdf

    if is_pdf(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    return "text"


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
    """The notice's text: a .docx, a .pdf, a UTF-8 text file, or ``-`` for ``stdin``
    (a Word or PDF file there is known by its first bytes).

    Never more than :data:`MAX_TEXT` characters: a larger file is refused after
    reading only what the limit can take, so a huge file, a device or a pipe
    that never ends costs nothing. :class:`CchcError` says what is wrong.
    """
    from cchc_cli.store.yamlsrc import decode

    # UTF-8 takes at most four bytes a character: more bytes than that are
    # more characters than the limit, whatever they are.
    most = 4 * MAX_TEXT
    if source == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read(most + 1)
        if _kind(source, data) != "text" and len(data) > most:
            data += stream.read(MAX_DOCX_BYTES + 1 - len(data))
            if len(data) > MAX_DOCX_BYTES:
                raise TooLarge("import.too-large", path=source, limit=MAX_TEXT)
    else:
        binary = _kind(source) != "text"
        data = _read_file(source, MAX_DOCX_BYTES if binary else most)
    kind = _kind(source, data)
    if kind == "docx":
        from cchc_cli.services.wordtext import read_docx

        return read_docx(source, MAX_TEXT, data)
    if kind == "pdf":
        from cchc_cli.services.pdftext import read_pdf

        return read_pdf(source, MAX_TEXT, data)
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


def read(text: str, registry: Registry, source: str = "-", finder: Finder = deadline_in) -> Draft:
    """The draft of the notice in ``text``; :class:`TooLarge` past the documented limits.

    ``finder`` reads a task's deadline (the deadline engine; tests pass their own).
    """
    if len(text) > MAX_TEXT:
        raise TooLarge("import.too-large", path=source, limit=MAX_TEXT)
    if _count_lines(text) > MAX_PARAGRAPHS:
        raise TooLarge("import.too-many-paragraphs", path=source, limit=MAX_PARAGRAPHS)
    layout = read_layout(read_lines(text))
    head, closing = layout.header, layout.closing
    draft = Draft(
        number=head.number,
        issuer=head.issuer,
        place=head.place,
        date=head.date,
        meeting=head.meeting,
        title=head.title,
        chair=head.chair,
        signer=closing.signer,
        recipients=closing.recipients,
        date_problem=head.date_problem,
        meeting_problem=head.meeting_problem,
    )
    reading = read_tasks(layout, UnitNames(registry), finder, head.date)
    draft.tasks, draft.doubtful = reading.tasks, reading.doubtful
    return draft


def _count_lines(text: str) -> int:
    """Lines with text, counted without building them all (a 1 MB text of "1.\n")."""
    count = 0
    for line in text.splitlines():
        if not line.isspace() and line:
            count += 1
            if count > MAX_PARAGRAPHS:
                break
    return count


# -- writing the draft ------------------------------------------------------------------


def _repeat(text: str) -> str | None:
    """The recurrence a task's sentence gives ("định kỳ hằng tháng ... trước ngày 20"),
    as written; None when it gives none or one that cannot be made exact (the
    deadline, if any, is written instead and the loader says what is missing)."""
    from cchc_cli.core.recurrence import RecurrenceError
    from cchc_cli.core.recurrence_phrases import read_recurrence

    try:
        found = read_recurrence(text)
    except RecurrenceError:
        return None
    return found.phrase if found else None


def _reading(deadline: Deadline, heading: str | None) -> str:
    """How cchc reads the phrase, as a comment for the reviewer."""
    reading = f"  # {deadline.kind.value}"
    if deadline.last_day is not None:
        reading += f": {deadline.last_day.isoformat()}"
    if heading:
        reading += f" (from: {comment(heading)[:60]})"
    return reading


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
        out.append(f"date:  # REVIEW: {say('import.not-found', '')}")
    if draft.meeting:
        y, m, d = draft.meeting
        out.append(f"meeting_date: {scalar(make_date(y, m, d))}")
    elif draft.meeting_problem:
        out.append(f"# meeting_date:  # REVIEW: {say('import.bad-date', draft.meeting_problem)}")
    if draft.title:
        out.append(block_text("title", draft.title))
    else:
        out.append(f"title:  # REVIEW: {say('import.not-found', '')}")
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
            if key == "import.bad-deadline" and arg.endswith(".no-day"):
                # The engine says a limit names no day (issue 18): nothing to write.
                key, arg = "import.no-day", ""
            out.append(f"    # REVIEW: {say(key, arg)}")
        if task.lead:
            out.append(f"    lead: {scalar(task.lead)}")
        if task.with_:
            out.append(f"    with: {flow_seq(task.with_)}")
        out.append(block_text("text", task.text, 4))
        repeat = _repeat(task.text)  # issue 23: a standing report recurs
        if repeat is not None:
            out.append(f"    repeat: {scalar(repeat)}")
        elif task.deadline is not None:
            phrase = scalar(task.deadline.text or "")
            out.append(f"    deadline: {phrase}{_reading(task.deadline, task.deadline_from)}")
        if task.target:
            out.append(f"    target: {scalar(task.target)}")
        if task.report_to:
            out.append(f"    report_to: {scalar(task.report_to)}")
    if draft.doubtful:
        out.append("")
    for where, text in draft.doubtful:
        out.append(f"  # REVIEW: {say('import.left-out', '')}")
        if where:
            out.append(f"  #   ({comment(where)[:70]})")
        out += textwrap.wrap(comment(text), 76, initial_indent="  #   ", subsequent_indent="  #   ")
    return "\n".join(out) + "\n"


def _reviewer(review_text: Mapping[str, str]) -> Callable[[str, str], str]:
    """The text of a review item, from ``review_text`` (the caller's language) or,
    for a key the caller did not know of, the catalog's Vietnamese."""

    def say(key: str, arg: str) -> str:
        template = review_text.get(key) or t(key, Lang.VI, arg="{arg}")
        return comment(template.replace("{arg}", arg))

    return say
