"""The domain as frozen values: units and groups, notices, tasks and their progress.

Objects here are built by :mod:`cchc_cli.store.loader` and never change afterwards.
Each keeps where it came from (``source``) and where its fields came from
(``spans``), so later checks can point at the exact line and column.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import NO_DEADLINE, Deadline
from cchc_cli.core.diagnostics import NOWHERE, Diagnostic, Source, errors_of
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.workdays import WorkCalendar

if TYPE_CHECKING:
    from cchc_cli.core.recurrence import Recurrence


@dataclass(frozen=True)
class Unit:
    """An office unit tasks are assigned to."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    source: Source = NOWHERE
    #: The name as offices abbreviate it in a table ("P. Nội vụ"); "" for the name.
    short: str = ""


@dataclass(frozen=True)
class Group:
    """A named set of units a task may be assigned to at once."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    #: Other groups whose members belong to this one too.
    includes: tuple[str, ...] = ()
    source: Source = NOWHERE
    short: str = ""


@dataclass(frozen=True)
class Registry:
    """Units and groups in registry order; ``members`` maps a group to its unit ids."""

    units: dict[str, Unit]
    groups: dict[str, Group]
    members: dict[str, tuple[str, ...]]
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    source: Source = NOWHERE

    def __post_init__(self) -> None:
        # What expand() gave for each list asked about (every task asks, about a few
        # lists). Not a field: the snapshot writes a registry's fields, and this is
        # no part of what the registry says.
        object.__setattr__(self, "_expanded", {})

    def name_of(self, ident: str) -> str:
        if ident in self.units:
            return self.units[ident].name
        if ident in self.groups:
            return self.groups[ident].name
        return ident

    def short_of(self, ident: str) -> str:
        """The short name a narrow table shows ("X. Vĩnh Tú"); the name if none."""
        entry = self.units.get(ident) or self.groups.get(ident)
        if entry is None:
            return ident
        return entry.short or entry.name

    def expand(self, idents: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Unit ids for a list of unit and group ids, in registry order, each once.

        Memoised per registry (a pass over every unit otherwise, twice a task).
        """
        key = tuple(idents)
        memo: dict[tuple[str, ...], tuple[str, ...]] = self._expanded  # type: ignore[attr-defined]
        found = memo.get(key)
        if found is None:
            wanted: set[str] = set()
            for ident in key:
                wanted.update(self.members.get(ident, (ident,)))
            found = memo[key] = tuple(uid for uid in self.units if uid in wanted)
        return found


@dataclass(frozen=True)
class Person:
    """Someone named on a paper (a signer)."""

    name: str
    title: str | None = None
    #: "TL. CHỦ TỊCH", "KT. CHỦ TỊCH": on whose behalf a signer signs.
    on_behalf: str | None = None


@dataclass(frozen=True)
class Completion:
    """One unit's report that its part of a task is done."""

    unit: str
    on: date
    evidence: str | None = None
    note: str | None = None
    source: Source = NOWHERE


@dataclass(frozen=True)
class Extension:
    """A later last day granted for a task, and why."""

    to: date
    reason: str
    decision: str | None = None
    on: date | None = None
    source: Source = NOWHERE
    #: The one unit the extension is for; None: the whole task (the chairman's decision).
    unit: str | None = None


@dataclass(frozen=True)
class Cancellation:
    """Why, when and by which decision a task was called off."""

    reason: str
    on: date | None = None
    decision: str | None = None
    source: Source = NOWHERE


@dataclass(frozen=True)
class Note:
    """A dated remark on a task, maybe by one unit."""

    on: date
    text: str
    unit: str | None = None
    source: Source = NOWHERE


@dataclass(frozen=True)
class Task:
    """One task of a notice, with who must do it, by when, and what was done."""

    notice: str
    id: str
    text: str
    #: Unit and group ids as the file assigns them.
    assigned: tuple[str, ...]
    #: Unit ids responsible for completing the task: groups expanded.
    assignees: tuple[str, ...]
    lead: str | None = None
    #: Coordinating unit ids (phối hợp): informed, not tracked for completion.
    with_: tuple[str, ...] = ()
    deadline: Deadline = NO_DEADLINE
    #: The day the task's counted deadline starts from, when the file gives one.
    deadline_from: date | None = None
    target: str | None = None
    report_to: str | None = None
    done: dict[str, Completion] = field(default_factory=dict)
    extensions: tuple[Extension, ...] = ()
    cancelled: Cancellation | None = None
    notes: tuple[Note, ...] = ()
    #: Completions a later "reopened" withdrew, each with the day it was reopened: on a
    #: day between the two the unit was done (:func:`cchc_cli.core.asof.task_as_of`).
    withdrawn: tuple[tuple[Completion, date], ...] = ()
    source: Source = NOWHERE
    spans: dict[str, Source] = field(default_factory=dict, compare=False)
    #: A recurring task's rule (``repeat:``): its instances are derived from it
    #: (:mod:`cchc_cli.core.recurrence`); None for a task done once.
    recurrence: Recurrence | None = None
    #: A recurring task's progress, instance by instance: key (``2024-01``) -> a task
    #: holding only what was recorded against ``<ref>@<key>``.
    occurrences: dict[str, Task] = field(default_factory=dict, compare=False)

    @property
    def ref(self) -> str:
        return f"{self.notice}/{self.id}"

    @property
    def last_day(self) -> date | None:
        """The last permissible day in force: the latest extension's, else the original's.

        Extensions for one unit only (``Extension.unit``) do not count here.
        """
        return self.last_day_for(None)

    def last_day_for(self, unit: str | None) -> date | None:
        """The last permissible day in force for ``unit``: the latest extension of the
        whole task or of that unit, else the original's."""
        for extension in reversed(self.extensions):
            if extension.unit is None or extension.unit == unit:
                return extension.to
        return self.deadline.last_day


@dataclass(frozen=True)
class Notice:
    """One conclusion notice: its heading and its tasks."""

    id: str
    title: str
    date: PartialDate
    tasks: tuple[Task, ...]
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    # dt.date: inside this class `date` names the field above.
    meeting_date: dt.date | None = None
    #: The day counted deadlines start from ("kể từ ngày nhận được"), when not the issue's.
    deadline_from: dt.date | None = None
    chair: Person | None = None
    signer: Person | None = None
    recipients: tuple[str, ...] = ()
    source: Source = NOWHERE
    spans: dict[str, Source] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        return self.source.path


DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def _no_reader(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
    if entries:
        raise LookupError(entries[0].id)
    return ()


def index_of(notice: Notice) -> NoticeIndex:
    issued = notice.date.earliest()
    starts = min(issued, notice.meeting_date) if notice.meeting_date else issued
    return NoticeIndex(
        notice.id,
        notice.path,
        issued,
        tuple(t.id for t in notice.tasks),
        starts,
        tuple(t.assignees for t in notice.tasks),
        tuple(tuple(t.done) for t in notice.tasks),
    )


def entries_named(index: Iterable[NoticeIndex], refs: Iterable[str]) -> list[NoticeIndex]:
    """The entries of the notices that task references name (``n/1.1``,
    ``n/1.1@2024-01``). Checking a few progress events needs these, not all 20,000
    tasks' facts."""
    ids = ids_named(refs)
    return [entry for entry in index if entry.id in ids]


def ids_named(refs: Iterable[str]) -> set[str]:
    """The notice ids that task references may name: a notice id is what comes before
    some slash of one."""
    ids = set()
    for ref in refs:
        ref = ref.partition("@")[0]
        at = ref.find("/")
        while at >= 0:
            ids.add(ref[:at])
            at = ref.find("/", at + 1)
    return ids


DEFAULT_REMINDER_DAYS = 3
SMTP_SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpSettings:
    """How reminders are mailed; the password is only ever read from ``password_env``."""

    host: str | None = None
    #: Default: 587 for STARTTLS, 465 for SSL, 25 for none.
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password_env: str = "CCHC_SMTP_PASSWORD"
    sender: str | None = None


@dataclass(frozen=True)
class DocumentSettings:
    """The title block of the papers cchc writes (the report as a Word document, the
    follow-up letter), in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I."""

    #: The issuing body's parent (cơ quan chủ quản), above its name: "UBND HUYỆN VĨNH LINH".
    parent: str | None = None
    #: The issuing body (cơ quan ban hành); unset: ``Config.office``, else ``issuing_body``.
    body: str | None = None
    #: The body's abbreviation in the number: "VP" gives "Số: …/BC-VP" on a report.
    symbol: str | None = None
    #: A letter's drafting unit (đơn vị soạn thảo): "TH" gives "Số: …/VP-TH".
    drafter: str | None = None
    #: The place before the date: "Vĩnh Linh, ngày 05 tháng 12 năm 2023".
    place: str | None = None
    #: Who signs, with the TL./KT./TM. line.
    signer: Person | None = None
    #: "Nơi nhận" besides the units a letter is sent to: "Lưu: VT, VP" last.
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """The data folder's settings (``config.yaml``)."""

    #: The office's time zone: it decides what "today" is.
    timezone: str = DEFAULT_TIMEZONE
    #: ``remind`` lists tasks whose last day falls within this many days.
    reminder_days: int = DEFAULT_REMINDER_DAYS
    #: Days off besides weekends and Vietnam's public holidays.
    holidays: tuple[date, ...] = ()
    #: Days worked whatever the calendar says: a Saturday worked in exchange for a
    #: bridged holiday (làm bù), or a day the public calendar wrongly takes off.
    working_days: tuple[date, ...] = ()
    #: A fixed last day on a weekend or holiday moves to the next working day.
    deadline_next_working_day: bool = False
    #: The office keeping the files, above the report's title and under reminders.
    office: str | None = None
    #: Who issues the notices: the header of ``cchc new`` and imported drafts,
    #: and the report's heading when the notices do not say.
    issuing_body: str | None = None
    #: Commit every edit to the data folder's git repository, as ``--commit`` does.
    git_commit: bool = False
    #: The interface language when neither ``--lang`` nor ``CCHC_LANG`` says.
    language: str | None = None
    #: The office's own addresses: the reminders' summary goes there.
    office_email: tuple[str, ...] = ()
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    #: Notice files larger than this are refused (a runaway paste, a wrong file).
    max_file_mb: int = 10
    #: Who may write which units' progress files: (e-mail or name, unit ids); empty: anyone.
    writers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The title block of the documents cchc writes (``document:``).
    document: DocumentSettings = field(default_factory=DocumentSettings)
    #: The office's short id when read with other folders (``office_id:``; default:
    #: the folder's name): it qualifies units and notices (``vinh-linh/noi-vu``).
    office_id: str | None = None
    #: Other data folders read with this one (``sources:``), as written, each with
    #: where it is written (a missing one is reported there).
    sources: tuple[tuple[str, Source], ...] = ()

    @property
    def calendar(self) -> WorkCalendar:
        """The office's working days: weekends, public holidays and its own days."""
        return WorkCalendar.of(self.holidays, self.working_days, self.deadline_next_working_day)


@dataclass(frozen=True)
class NoticeIndex:
    """What is known of a notice without reading all of it: enough to find a task."""

    id: str
    path: str
    issued: date
    task_ids: tuple[str, ...]
    #: The first day progress can be recorded on: the meeting's or the notice's.
    starts: date | None = None
    #: Each task's assignees (unit ids), in the order of ``task_ids``.
    assignees: tuple[tuple[str, ...], ...] = ()
    #: Units each task's notice file itself records as done (the old layout).
    done_inline: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from one data folder, with every problem found on the way.

    The notices themselves are read only when asked for (from the cache that is
    the costly part): counting, validating or finding one task needs only the
    index.
    """

    registry: Registry
    #: Restored from a snapshot: a sequence decoded when first read (store/snaplazy.py).
    index: Sequence[NoticeIndex]
    #: In file order; a :class:`~cchc_cli.core.diagnostics.Diagnostics` on a warm load.
    diagnostics: Sequence[Diagnostic]
    files: tuple[str, ...] = ()
    config: Config = field(default_factory=Config)
    #: Reads the notices some index entries stand for (several at once is cheaper).
    reader: Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]] = field(
        default=_no_reader, compare=False, repr=False
    )
    #: Each task's progress events (task reference -> events from progress/), as read.
    progress: dict[str, tuple[object, ...]] = field(default_factory=dict, compare=False)
    #: The notices' (task, unit) pairs in SQL, when read through the cache
    #: (:class:`cchc_cli.store.pairs.PairIndex`, issue 17); None: answer in Python.
    pairs: object | None = field(default=None, compare=False, repr=False)
    #: The notices found twice (``validate``) as kept with the snapshot the dataset
    #: was restored from: ``duplicates(dataset)``; None: find them.
    duplicates: Callable[[Dataset], list[Diagnostic]] | None = field(
        default=None, compare=False, repr=False
    )

    @functools.cached_property
    def notices(self) -> tuple[Notice, ...]:
        return self.reader(tuple(self.index))

    def notice(self, entry: NoticeIndex) -> Notice:
        """One notice, read once however often it is asked for."""
        if "notices" in self.__dict__:
            return self.notices[self.index.index(entry)]
        read: dict[NoticeIndex, Notice] = self.__dict__.setdefault("_read", {})
        if entry not in read:
            read[entry] = self.reader((entry,))[0]
        return read[entry]

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for notice in self.notices for task in notice.tasks)

    @property
    def task_count(self) -> int:
        return sum(len(entry.task_ids) for entry in self.index)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The errors among the diagnostics (the warnings are not read for them)."""
        return errors_of(self.diagnostics)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)
