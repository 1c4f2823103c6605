"""Stage 2 of reading a notice: which items are tasks, for whom, by when.

Reads the tree of :mod:`cchc_cli.services.structure` and decides, for each
item, with the rules a clerk follows:

- a task is an instruction: it starts with a verb of assignment or action
  ("Giao", "Đề nghị", "Chủ trì", "Phối hợp", "Tham mưu", "Khẩn trương", "Rà
  soát"...), possibly after its units; parts that review results ("Kết quả đạt
  được", "Tồn tại, hạn chế", "1. Đánh giá chung") hold no tasks, unless an item
  there assigns outright ("Đề nghị Phòng Nội vụ ..."); a heading or a line
  ending with ":" holds tasks and is none; an item in an assigning part that
  reads as neither is kept and flagged, and a paragraph elsewhere that looks
  like an assignment with a deadline is flagged, not kept;
- who: the units the item names as acting (:mod:`cchc_cli.services.roles`),
  else its heading's, else its part's; a heading naming a group and an item
  naming some of its members gives those members;
- by when: the deadline the item gives, else its heading's or its lead-in's
  ("Đối với các nhiệm vụ sau, hoàn thành trước 30/12/2023:"), read by the one
  finder :func:`deadline_in`; dates that refer to other documents ("Công văn
  số 2036/UBND-NV ngày 07/11/2023") or fix a cut-off ("tính đến ngày ...") are
  not given to it;
- the target ("đạt 100%") and where reports go ("báo cáo về ... (qua Phòng Nội vụ)").

What is uncertain becomes a review item (a ``# REVIEW:`` comment in the draft).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from string import ascii_lowercase

from cchc_cli.core.dates import DateError, PartialDate
from cchc_cli.core.deadlines import Deadline, DeadlineContext, DeadlineError, find_deadline
from cchc_cli.core.errors import CchcError
from cchc_cli.core.vntext import fold
from cchc_cli.services.lexicon import (
    ADVERBS,
    ASSIGN,
    ASSIGN_HEADING,
    DESCRIPTION,
    MORE_TO_DO,
    RESULTS,
    REVIEW_HEADING,
    SPEAKER,
    VERBS,
    simple,
    starts_with,
)
from cchc_cli.services.roles import Roles, assigned_within, roles
from cchc_cli.services.sameday import same_day
from cchc_cli.services.stages import by_unit, staged
from cchc_cli.services.structure import Layout, Node
from cchc_cli.services.unitnames import MAX_UNKNOWN_UNITS, UnitNames
from cchc_cli.services.unitruns import owner_of

#: The most tasks one notice may give (the largest seen has about 60).
MAX_TASKS = 2_000


class TooLarge(CchcError):
    """The input is past the importer's limits (text, paragraphs, tasks, a file's)."""


@dataclass
class DraftTask:
    id: str
    text: str
    #: The headings above it, as "2. Phòng Nội vụ".
    section: str
    assigned: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    lead: str | None = None
    with_: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_problem: str | None = None
    #: The heading the deadline was taken from, when the item gives none itself.
    deadline_from: str | None = None
    target: str | None = None
    report_to: str | None = None
    review: list[str] = field(default_factory=list)


#: The finder: a sentence and the notice's date of issue -> its deadline, or None.
Finder = Callable[[str, PartialDate | None], Deadline | None]


def deadline_in(sentence: str, issued: PartialDate | None) -> Deadline | None:
    """The one call of the deadline engine: the deadline a task's sentence gives, read
    against the notice's date of issue (a date with no year is the first such day on
    or after it; counts in days start from it) and the public calendar (the loader
    reads the phrase again with the office's own)."""
    return find_deadline(sentence, DeadlineContext(issued=issued))


@dataclass(frozen=True)
class _Context:
    mode: str = "neutral"  # "assign", "review" or "neutral"
    units: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    lead: str | None = None
    partners: tuple[str, ...] = ()
    report_to: str | None = None
    deadline: Deadline | None = None
    deadline_from: str | None = None
    ids: tuple[str, ...] = ()
    section: tuple[str, ...] = ()


@dataclass
class Reading:
    """Stage 2's result: the tasks, and paragraphs that may be tasks but were left out."""

    tasks: list[DraftTask] = field(default_factory=list)
    #: (section, text) of each paragraph left out that may be a task.
    doubtful: list[tuple[str, str]] = field(default_factory=list)


def read_tasks(
    layout: Layout,
    names: UnitNames,
    finder: Finder = deadline_in,
    issued: PartialDate | None = None,
) -> Reading:
    """The tasks of a notice's body; :class:`TooLarge` past :data:`MAX_TASKS`."""
    reader = _Reader(names, finder, issued)
    reader.children(layout.body, _Context())
    _unique_ids(reader.found.tasks)
    return reader.found


class _Reader:
    def __init__(self, names: UnitNames, finder: Finder, issued: PartialDate | None) -> None:
        self.names = names
        self.finder = finder
        self.issued = issued
        self.found = Reading()

    def children(self, node: Node, context: _Context) -> None:
        counters: dict[str, int] = {}
        paragraphs = sum(1 for c in node.children if c.kind == "para")
        # An unnumbered heading counts in the ids where it names units ("Đối với Phòng
        # X:"); a lead-in ("... như sau:") is no level of its own.
        headings = [c for c in node.children if c.kind == "heading" and c.children]
        named = {id(c) for c in headings} if any(self._names(c) for c in headings) else set()
        after_items = False
        for place, child in enumerate(node.children, start=1):
            counters[child.kind] = counters.get(child.kind, 0) + 1
            trailing = child.kind == "para" and after_items
            after_items = after_items or child.kind != "para"
            if child.kind == "heading":
                counters["heading"] -= id(child) not in named
            part = _id_part(child, counters[child.kind], paragraphs, id(child) in named)
            if trailing:
                part = str(place)
            ids = context.ids + ((part,) if part else ())
            if child.kind == "multi":
                ids = (*(i for i in context.ids if not i.isdigit()), child.label)
            self.node(child, replace(context, ids=ids), trailing)

    def _names(self, node: Node) -> bool:
        """A short heading that names units ("Đối với Phòng Nội vụ:"), not a lead-in."""
        return len(node.text.split()) <= 16 and bool(roles(self.names, node.text).subject)

    def node(self, node: Node, context: _Context, trailing: bool = False) -> None:
        if len(self.found.tasks) > MAX_TASKS:
            raise TooLarge("import.too-many-tasks", limit=MAX_TASKS)
        if context.mode == "neutral" and node.kind not in ("para", "heading"):
            context = replace(context, mode="assign")  # a notice's lists assign
        items = [c for c in node.children if c.kind != "para"]
        said = roles(self.names, node.text, inherited=_inherits(context))
        if node.children and (node.heading_like or (items and _has_task(items))):
            self.children(node, self._within(node, said, context))
            return
        text = " ".join([node.text, *(c.text for c in node.walk()[1:])])
        if node.children:
            said = roles(self.names, text, inherited=_inherits(context))
        verdict = self._verdict(text, said, context)
        if trailing:
            # A paragraph after the items (a closing word of the section) is kept only
            # when it reads as an instruction, and the lead-in's deadline was for the items.
            verdict = "no" if verdict == "maybe" else verdict
            context = replace(context, deadline=None, deadline_from=None)
        if verdict == "no" and context.mode != "review" and self._assigns_inside(text):
            verdict = "doubt"
        if verdict == "no" and context.mode == "assign" and node.kind not in ("para", "heading"):
            # A numbered or bulleted item of a list that assigns is left out only with a
            # flag: an item no rule reads ("Các thành viên Ban Chỉ đạo ... kiểm tra, đôn đốc
            # ...") must not vanish from the draft unseen.
            verdict = "doubt"
        if verdict == "no":
            return
        if verdict == "doubt":
            self.found.doubtful.append((_section(context), text))
            return
        # "...; Phòng Nội vụ tham mưu ...", "...; đồng thời ... trước ngày ...": a task each.
        pieces = by_unit(self.names, text, self._dated)
        base = context.ids
        for letter, piece in zip(ascii_lowercase, pieces, strict=False):
            if len(pieces) > 1:
                own = roles(self.names, piece, inherited=_inherits(context))
                # "...; đồng thời phối hợp với X ...": the units of the piece before, its
                # own partners.
                said = own if own.subject else replace(own, subject=said.subject)
                ids = (*base[:-1], (base[-1] if base else "") + letter)
                context = replace(context, ids=ids)
            task = self._task(piece, said, context, verdict == "maybe")
            # "sơ kết trước 15/6, tổng kết trước 15/12": a task for each stage.
            self.found.tasks += staged(task, mask_references(piece), self.finder, self.issued)

    def _within(self, node: Node, said: Roles, context: _Context) -> _Context:
        """The context a heading or part gives the items under it."""
        folded = fold(node.text[:160])
        # "Kết quả ... và nhiệm vụ thời gian tới" holds tasks too: losing one is worse.
        if REVIEW_HEADING.match(folded) and not MORE_TO_DO.search(folded):
            mode = "review"
        elif said.subject or node.kind not in ("heading", "para") or ASSIGN_HEADING.match(folded):
            mode = "assign"
        else:
            mode = context.mode
        context = replace(context, mode=mode, section=(*context.section, _heading(node)[:200]))
        if said.subject:
            context = replace(
                context,
                units=tuple(said.subject.units),
                unknown=tuple(said.subject.unknown),
                lead=_lead(said, said.subject.units, self.names),
                partners=tuple(said.partners.units),
            )
        if said.report_to:
            context = replace(context, report_to=said.report_to)
        # The heading's last sentence (the one that leads in to the items) may set their
        # deadline; what a long preamble says of the meeting before it does not.
        last = _SENTENCE.split(mask_references(node.text))[-1]
        try:
            found = self.finder(last, self.issued)
        except (CchcError, OverflowError, ValueError):
            found = None
        if found is not None:
            context = replace(context, deadline=found, deadline_from=_heading(node)[:120])
        return context

    def _verdict(self, text: str, said: Roles, context: _Context) -> str:
        """ "task", "maybe" (kept, flagged), "doubt" (left out, flagged) or "no"."""
        plain = simple(text[:400])
        predicate = plain[said.predicate :] if said.subject else plain
        words = _WORD.findall(predicate)
        acting = _acts(words) or _acts(_after_topic(predicate))
        assigning = _assigns(plain)
        own = bool(said.subject)
        if context.mode == "review":
            return "task" if assigning and own else "no"
        described = any(w in DESCRIPTION for w in words[:6]) and not acting
        # "Các xã ... chưa số hóa ... phải khắc phục ngay": what is not done, then an order.
        described = described and not _OBLIGES.search(predicate[:300])
        if context.mode == "assign":
            if described:
                return "no"
            if acting or own or assigning:
                return "task"
            return "no" if RESULTS.search(predicate[:300]) else "maybe"
        if (assigning and own) or (own and acting):
            return "task"
        return "no"

    def _dated(self, text: str) -> bool:
        """The text gives a deadline with a day."""
        try:
            found = self.finder(mask_references(text), self.issued)
        except (CchcError, OverflowError, ValueError):
            return False
        return found is not None and found.last_day is not None

    def _assigns_inside(self, text: str) -> bool:
        """A paragraph left out that gives dated work to a unit inside a sentence."""
        plain = simple(text[:400])
        dated = re.search(r"\d/\d|thang \d", plain)
        return bool(dated) and assigned_within(self.names, text[:400])

    def _task(self, text: str, said: Roles, context: _Context, maybe: bool) -> DraftTask:
        own = said.subject
        units = own.units if own else list(context.units)
        unknown = own.unknown if own else list(context.unknown)
        task = DraftTask(".".join(context.ids) or "1", text, _section(context), list(units))
        task.unknown = unknown[:MAX_UNKNOWN_UNITS]
        if maybe:
            task.review.append("import.maybe-task")
        if not units and not unknown:
            task.review.append("import.no-assignees")
        for name in task.unknown:
            owner = owner_of(self.names, name)
            key = "import.unit-of" if owner else "import.unknown-unit"
            task.review.append(f"{key}:{name}" + (f" → {owner}" if owner else ""))
        if len(unknown) > MAX_UNKNOWN_UNITS:
            task.review.append(f"import.more-units:{len(unknown) - MAX_UNKNOWN_UNITS}")
        task.lead = _lead(said, units, self.names) if said.leads or own else None
        if task.lead is None and not own and context.lead in units:
            task.lead = context.lead
        partners = [*said.partners.units, *([] if own else context.partners)]
        task.with_ = [u for u in dict.fromkeys(partners) if u not in units]
        for name in said.partners.unknown[:MAX_UNKNOWN_UNITS]:
            # Kept as written, like an unknown assignee: the clerk adds it or drops it.
            task.with_.append(name)
            task.review.append(f"import.unknown-unit:{name}")
        task.report_to = said.report_to or context.report_to
        if m := _TARGET.search(text):
            task.target = m[0]
        self._deadline(task, text, context)
        return task

    def _deadline(self, task: DraftTask, text: str, context: _Context) -> None:
        before = self.found.tasks[-1].deadline if self.found.tasks else None
        masked, same = same_day(mask_references(text), text, before.last_day if before else None)
        if same:  # "trước 20 giờ cùng ngày": the day written out, for a person to check
            task.review.append(f"import.same-day:{same}")
        try:
            found = self.finder(masked, self.issued)
        except DeadlineError as err:
            task.deadline_problem = err.key
            task.review.append(f"import.bad-deadline:{err.key}")
            return
        except (DateError, OverflowError) as err:
            # A year outside the window, a day next to the ends of the calendar.
            key = err.key if isinstance(err, DateError) else "date.beyond-range"
            task.deadline_problem = key
            task.review.append(f"import.bad-deadline:{key}")
            return
        if found is None and context.deadline is not None:
            found = context.deadline
            task.deadline_from = context.deadline_from
        if found is None:
            return
        task.deadline = found
        issued = self.issued
        if issued and found.last_day and found.last_day < issued.earliest():
            task.review.append("import.deadline-before-issue")
        others = self._other_deadlines(masked, found)
        if others:
            task.review.append("import.several-deadlines:" + "; ".join(others))

    def _other_deadlines(self, masked: str, chosen: Deadline) -> list[str]:
        """Deadlines in other sentences of the item than the one chosen."""
        phrases = []
        for sentence in _SENTENCE.split(masked)[:20]:
            try:
                other = self.finder(sentence, self.issued)
            except (CchcError, OverflowError, ValueError):
                continue
            if other and other.last_day and other.last_day != chosen.last_day and other.text:
                phrases.append(other.text)
        return list(dict.fromkeys(phrases))


# -- what the words say -----------------------------------------------------------------

_TARGET = re.compile(
    r"đạt(?: tỷ lệ| tối thiểu| trên| ít nhất| từ)?\s+\d+(?:[.,]\d+)?\s*%(?:\s+trở lên)?"
)
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=\S)")


#: Words that turn a statement of what was (not) done into an order: "phải", "có trách
#: nhiệm", "khẩn trương".
_OBLIGES = re.compile(r"\b(?:phai|co trach nhiem|khan truong)\b")


def _acts(words: list[str]) -> bool:
    """The words start with a verb of action, perhaps after an adverb ("Tiếp tục ...")."""
    index = 0
    while size := starts_with(words, index, ADVERBS):
        index += size
        if starts_with(words, index, VERBS):
            return True
    return bool(starts_with(words, index, VERBS)) or bool(starts_with(words, 0, VERBS))


def _after_topic(plain: str) -> list[str]:
    """ "Đối với ..., thì thực hiện ..." / "Về ...: tổ chức ...": the words after the topic."""
    if not plain.startswith(("doi voi ", "ve ", "rieng ")):
        return []
    m = re.search(r":|\bthi\b", plain[:300])
    return _WORD.findall(plain[m.end() :]) if m else []


def _assigns(plain: str) -> bool:
    """The sentence opens with the chairman's assignment ("Giao ...", "UBND huyện đề nghị")."""
    m = SPEAKER.match(plain)
    words = _WORD.findall(plain[m.end() if m else 0 : 200])
    return bool(starts_with(words, 0, ASSIGN))


def _inherits(context: _Context) -> bool:
    """A heading above names the acting units, known to the registry or not ("Đề nghị UBND
    huyện Vĩnh Linh:" in a Sở's notice): its items' "Chỉ đạo Phòng X ..." is what
    those units do, not a new assignment to X."""
    return bool(context.units or context.unknown)


def _has_task(items: list[Node]) -> bool:
    """A node's items are instructions of their own, not details of it."""
    for item in items:
        words = _WORD.findall(simple(item.text[:120]))
        if item.children or _acts(words) or _assigns(simple(item.text[:120])):
            return True
    return False


def _lead(said: Roles, units: list[str], names: UnitNames) -> str | None:
    if said.leads and len(units) == 1 and units[0] in names.unit_ids:
        return units[0]
    return None


def _heading(node: Node) -> str:
    label = f"{node.label}. " if node.label else "- " if node.kind in ("dash", "plus") else ""
    return f"{label}{node.text}"


def _section(context: _Context) -> str:
    """The heading a task is listed under: its nearest, with the numbered one above an
    unnumbered "Đối với ...:" heading."""
    chain = context.section
    if not chain:
        return ""
    if len(chain) >= 2 and not _LABELLED.match(chain[-1]) and _LABELLED.match(chain[-2]):
        return f"{chain[-2]} › {chain[-1]}"
    return chain[-1]


_LABELLED = re.compile(r"(?:[IVXL]+|[A-H]|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\. ")


def _id_part(node: Node, count: int, paragraphs: int, named: bool) -> str:
    if node.label:
        return node.label
    if node.kind == "para":
        return str(count) if paragraphs > 1 else ""
    if node.kind == "heading":
        return str(count) if named else ""
    return str(count)


def _unique_ids(tasks: list[DraftTask]) -> None:
    """Ids without the Roman part where they stay unique; a suffix where they repeat."""
    short = [_without_part(t.id) for t in tasks]
    if len(set(short)) == len(short):
        for task, ident in zip(tasks, short, strict=True):
            task.id = ident
        return
    seen: dict[str, int] = {}
    for task in tasks:
        seen[task.id] = seen.get(task.id, 0) + 1
        if seen[task.id] > 1:
            task.id = f"{task.id}-{seen[task.id]}"


def _without_part(ident: str) -> str:
    head, dot, rest = ident.partition(".")
    if dot and re.fullmatch(r"[IVXL]+|[A-H]", head):
        return rest
    return ident


# -- dates that are no deadline ------------------------------------------------------------

_DATE = (
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?)"
)
#: Between a document and its date: no word that would make the date a deadline.
_BETWEEN = r"(?:(?!\b(?:truoc|cham nhat|den|han|xong|vao|trong|hoan thanh)\b)[^.;]){0,40}?"
_DOCUMENT = (
    r"\b(?:cong van|ke hoach|quyet dinh|chi thi|thong bao|nghi quyet|to trinh|huong dan"
    r"|thong tu|nghi dinh|van ban|de an|chuong trinh|ket luan|giay moi|cong dien|cam ket)\b"
)
_REFERENCE = re.compile(
    rf"(?:\bso\s+)?\d+\s*/\s*(?=[a-z0-9&\-]*[a-z])[a-z0-9&\-]+(?:/[a-z0-9\-]+)?"
    rf"{_BETWEEN}\bngay\s+{_DATE}"
    rf"|{_DOCUMENT}{_BETWEEN}\bngay\s+{_DATE}"
    rf"|\b(?:tinh|so lieu)(?: tinh)? (?:den|tu)(?: het)?(?: ngay)?\s+{_DATE}"
    rf"|^\s*(?:tinh )?den(?: het)?(?: ngay)?\s+{_DATE}\s*,"
    rf"|\b(?:cuoc hop|phien hop|hoi nghi|buoi lam viec|ky hop)\s+ngay\s+{_DATE}"
)


def mask_references(text: str) -> str:
    """``text`` with dates of other documents and cut-off dates blanked out (same length):
    "Công văn số 2036/UBND-NV ngày 07/11/2023", "tính đến ngày 31/12/2023"."""
    plain = simple(text)
    if "ngay" not in plain and "den" not in plain:
        return text
    out = list(text)
    for m in _REFERENCE.finditer(plain):
        for index in range(m.start(), m.end()):
            out[index] = " "
    return "".join(out)
