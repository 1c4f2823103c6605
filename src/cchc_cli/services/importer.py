"""A notice as the office receives it (text or Word) -> a draft notice file to review.

Pure: text in, a :class:`Draft` out (header, tasks, what needs a person's
decision), then YAML text in the project's format. The rules follow how
conclusion notices are written:

- The assignments are the sections numbered ``1.``, ``2.``...; the parts under
  Roman numerals before them ("Những kết quả đã đạt được", "tồn tại, hạn chế")
  are not tasks. A section's heading names its units; each ``-`` bullet or
  lettered item (``a)``, ``b)``, ``đ)``...) under it is a task (``2.1``,
  ``2.a``), and a section with neither is one task (``4``).
- Units are found by the registry's names and aliases in any spelling it knows;
  "các Phòng: Nội vụ, Tư pháp" is two units; a name the registry does not know
  is kept as written and flagged, never dropped or guessed.
- "Chủ trì" makes the section's unit the lead; "phối hợp với X" puts X among
  the coordinating units.
- The deadline is the phrase the text gives ("trước ngày 10/12/2023",
  "từ nay đến cuối năm 2023"...), read by :mod:`cchc_cli.core.deadlines`; a target
  such as "đạt 100%" is kept.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from cchc_cli.core.dates import PartialDate, make_date
from cchc_cli.core.deadlines import Deadline, DeadlineError, find_deadline
from cchc_cli.core.model import Registry
from cchc_cli.core.units import Resolver
from cchc_cli.core.vntext import fold, nfc
from cchc_cli.store.yamlwrite import block_text, flow_seq, quoted, scalar

_SECTION = re.compile(r"(\d{1,2})\.\s+(\S.*)")
_ROMAN = re.compile(r"(?:[IVX]{1,5})\.\s+\S")
_BULLET = re.compile(r"[-–•+]\s*(\S.*)")
_LETTER = re.compile(r"([a-zđ])\)\s+(\S.*)")
_NUMBER = re.compile(r"Số\s*:\s*(.*)", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"(.+?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE
)
_MEETING = re.compile(r"Ngày\s+(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*,\s*(.+?)\s+tổ chức")
_CHAIR = re.compile(r"đồng chí\s+([^,;]+?)\s+[-–]\s+(Chủ tịch\s+[^,;]+?)(?:,|\s+kết luận)")
_SIGNED = re.compile(r"(TL|KT|TM|Q)\.\s*(.+)")
_TARGET = re.compile(r"đạt(?: tỷ lệ)?\s+\d+(?:[.,]\d+)?\s*%")
_SHARED_PREFIX = re.compile(r"(?:các\s+)?(Phòng|Xã|Thị trấn|Ban)\s*:\s*([^.;]+)", re.IGNORECASE)
_WITH = re.compile(r"phối hợp với\s+(.+?)(?:\s+(?:hoàn thành|để|thực hiện|trong)\b|[.;]|$)", re.I)
_UNIT_WORDS = (
    "phong", "ban", "ubnd", "xa", "thi tran", "trung tam", "doan", "hoi", "van phong",
    "thanh tra", "chi cuc", "cong an", "ban chi huy", "cac phong", "cac xa",
)  # fmt: skip
_FILLER = ("de nghi", "giao", "va", "cac", "thu truong", "chu tich")


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

    @property
    def reviews(self) -> int:
        return sum(len(t.review) for t in self.tasks)


def _clean(line: str) -> str:
    # Word and Markdown exports bring emphasis marks and odd spaces.
    line = nfc(line).replace("\u00a0", " ").replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(?!\s)|(?<=\S)\*(?!\w)", "", line)
    return " ".join(line.split())


def paragraphs(text: str) -> list[str]:
    return [p for p in (_clean(line) for line in text.splitlines()) if p]


# -- units ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return fold(text).split()


def find_units(text: str, resolver: Resolver) -> tuple[list[str], list[str]]:
    """Unit and group ids named in ``text`` (longest names first), and names not known."""
    registry = resolver.registry
    names: dict[tuple[str, ...], str] = {}
    for ident, written in _all_names(registry):
        names.setdefault(tuple(_words(written)), ident)
    words = _words(text)
    found: list[tuple[int, str]] = []
    used = [False] * len(words)
    for key in sorted(names, key=len, reverse=True):
        if len(key) < 2 and key[0] not in ("pnv",):
            continue  # one-word aliases ("Tư pháp" aside) match too much inside sentences
        for start in range(len(words) - len(key) + 1):
            if tuple(words[start : start + len(key)]) == key and not any(
                used[start : start + len(key)]
            ):
                used[start : start + len(key)] = [True] * len(key)
                found.append((start, names[key]))
    ordered = [ident for _, ident in sorted(found)]
    leftover = " ".join(w if not u else "|" for w, u in zip(words, used, strict=True))
    unknown = []
    for chunk in re.split(r"\|| va |,", leftover):
        chunk = " ".join(w for w in chunk.split() if w)
        for filler in _FILLER:
            chunk = re.sub(rf"^{filler}\b\s*", "", chunk)
        if len(chunk.split()) >= 2 and chunk.startswith(_UNIT_WORDS):
            unknown.append(_written(text, chunk))
    return list(dict.fromkeys(ordered)), unknown


def _all_names(registry: Registry) -> list[tuple[str, str]]:
    out = []
    for unit in registry.units.values():
        out += [(unit.id, unit.name), *((unit.id, a) for a in unit.aliases)]
    for group in registry.groups.values():
        out += [(group.id, group.name), *((group.id, a) for a in group.aliases)]
    return out


def _written(text: str, folded: str) -> str:
    """The words of ``text`` that fold to ``folded``, as they were written."""
    words = text.replace(",", " ").split()
    keys = folded.split()
    for start in range(len(words)):
        window = words[start : start + len(keys)]
        if [fold(w) for w in window] == keys:
            return " ".join(window)
    return folded


def _expand_shared_prefix(text: str) -> str:
    """ "các Phòng: Nội vụ, Tư pháp và Y tế" -> "Phòng Nội vụ, Phòng Tư pháp, Phòng Y tế"."""

    def expand(m: re.Match[str]) -> str:
        prefix = m[1]
        items = re.split(r",|\s+và\s+", m[2])
        return ", ".join(f"{prefix} {item.strip()}" for item in items if item.strip())

    return _SHARED_PREFIX.sub(expand, text)


# -- reading a notice ----------------------------------------------------------------


def read(text: str, registry: Registry) -> Draft:
    resolver = Resolver(registry)
    lines = paragraphs(text)
    draft = Draft()
    _header(lines, draft)
    year = draft.date.year if draft.date else None
    start = next(
        (i for i, line in enumerate(lines) if _SECTION.fullmatch(line) and not _ROMAN.match(line)),
        len(lines),
    )
    _tasks(lines[start:], draft, resolver, year)
    _footer(lines, draft)
    return draft


def _header(lines: list[str], draft: Draft) -> None:
    for index, line in enumerate(lines):
        if m := _NUMBER.match(line):
            number = m[1].strip()
            draft.number = "" if number.startswith("/") else number
        elif (m := _PLACE_DATE.match(line)) and draft.date is None:
            draft.place = m[1].strip()
            day = int(m[2]) if m[2] else None
            month = int(m[3]) if m[3] else None
            draft.date = PartialDate(int(m[4]), month, day if month else None)
        elif line.upper() == "THÔNG BÁO" and index + 1 < len(lines):
            draft.title = lines[index + 1]
        elif (m := _MEETING.search(line)) and draft.meeting is None:
            draft.meeting = (int(m[3]), int(m[2]), int(m[1]))
            draft.issuer = m[4].strip()
        if (m := _CHAIR.search(line)) and draft.chair is None:
            draft.chair = (m[1].strip(), m[2].strip())


def _footer(lines: list[str], draft: Draft) -> None:
    try:
        start = next(i for i, line in enumerate(lines) if fold(line).startswith("noi nhan"))
    except StopIteration:
        return
    recipients: list[str] = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if m := _SIGNED.fullmatch(line):
            title = lines[index + 1] if index + 1 < len(lines) else None
            name = lines[-1] if len(lines) > index + 2 else None
            draft.signer = (name or "", title, f"{m[1]}. {m[2]}")
            break
        if bullet := _BULLET.fullmatch(line):
            recipients.append(bullet[1])
        elif recipients:
            recipients[-1] += " " + line
    draft.recipients = [r.rstrip(";.,") for r in recipients]


def _tasks(lines: list[str], draft: Draft, resolver: Resolver, year: int | None) -> None:
    section: tuple[str, list[str], list[str], str] | None = None
    items: list[tuple[str, str]] = []

    def close() -> None:
        if section is None:
            return
        _, assigned, unknown, heading = section
        for ident, text in items:
            draft.tasks.append(
                _task(ident, text, heading, assigned, unknown, resolver, year, draft.date)
            )

    for line in lines:
        if (m := _SECTION.fullmatch(line)) and not _ROMAN.match(line):
            close()
            heading = _expand_shared_prefix(m[2])
            assigned, unknown = find_units(heading, resolver)
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


def _leading_units(text: str, resolver: Resolver) -> list[str]:
    """Units an item begins with ("a) UBND cấp xã: ..."), which then are its assignees."""
    head, colon, _ = text.partition(":")
    if colon and len(head.split()) <= 12:
        units, unknown = find_units(_expand_shared_prefix(head), resolver)
        if units and not unknown:
            return units
    words = _words(text)
    for ident, written in sorted(_all_names(resolver.registry), key=lambda n: -len(n[1])):
        key = _words(written)
        if len(key) >= 2 and words[: len(key)] == key:
            return [ident]
    return []


def _task(
    ident: str,
    text: str,
    section: str,
    assigned: list[str],
    unknown: list[str],
    resolver: Resolver,
    year: int | None,
    issued: PartialDate | None,
) -> DraftTask:
    own = _leading_units(text, resolver) if "." in ident and not ident[-1].isdigit() else []
    if own:
        assigned, unknown = own, []
    task = DraftTask(ident, text, section, list(assigned), list(unknown))
    if not assigned and not unknown:
        task.review.append("import.no-assignees")
    for name in unknown:
        task.review.append(f"import.unknown-unit:{name}")
    after_colon = text.partition(":")[2] if own else ""
    if fold(after_colon or text).startswith("chu tri") and len(task.assigned) == 1:
        task.lead = task.assigned[0]
    if m := _WITH.search(text):
        partners, _ = find_units(m[1], resolver)
        task.with_ = [p for p in partners if p not in task.assigned]
    if m := _TARGET.search(text):
        task.target = m[0]
    try:
        found = find_deadline(text, year)
    except DeadlineError as err:
        task.deadline_problem = err.key
        task.review.append(f"import.bad-deadline:{err.key}")
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


def to_yaml(draft: Draft, notice_id: str, source: str, review_text: dict[str, str]) -> str:
    """The draft as a notice file, with review comments where a person must decide."""
    out = [
        f"# Imported by cchc from {_comment(source)}: review it, then remove this line.",
        f"# {draft.reviews} item(s) need review: search for REVIEW.",
        "",
        f"id: {scalar(notice_id)}",
    ]
    if draft.issuer:
        out.append(f"issuer: {scalar(draft.issuer)}")
    out.append(f"number: {scalar(draft.number)}")
    if draft.place:
        out.append(f"place: {scalar(draft.place)}")
    out.append(f"date: {scalar(draft.date)}" if draft.date else "date:  # REVIEW: not found")
    if draft.meeting:
        y, m, d = draft.meeting
        out.append(f"meeting_date: {scalar(make_date(y, m, d))}")
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
                    _comment(section), 76, initial_indent="  # ", subsequent_indent="  # "
                ),
            ]
        out.append(f"  - id: {quoted(task.id)}")
        out.append(f"    assignees: {flow_seq([*task.assigned, *task.unknown])}")
        for item in task.review:
            key, _, arg = item.partition(":")
            out.append(f"    # REVIEW: {_comment(review_text[key].format(arg=arg))}")
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


def _comment(text: str) -> str:
    """Text for a comment line: line breaks would end the comment and start YAML."""
    return " ".join(text.split())
