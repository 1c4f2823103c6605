"""One notice file's text -> the notice in the model plus every problem found.

The notice's header and its tasks are read against the fields the format allows
(docs/format.md); a task or a notice with an error is left out and the error says
where. Progress written inside the notice (the old layout) is read too, with one
warning per file pointing at ``cchc migrate``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import (
    NO_DEADLINE,
    RELATIVE_KINDS,
    Deadline,
    DeadlineContext,
    DeadlineError,
    parse_deadline,
)
from cchc_cli.core.diagnostics import Diagnostic, Source, error, warning
from cchc_cli.core.model import (
    Cancellation,
    Completion,
    Extension,
    Note,
    Notice,
    Person,
    Registry,
    Task,
)
from cchc_cli.core.units import ID_PATTERN, Resolver
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar
from cchc_cli.store.schema import Fields, expect_map, read_date
from cchc_cli.store.yamlsrc import YMap, YNode, YScalar, parse

if TYPE_CHECKING:
    from cchc_cli.core.recurrence import Recurrence

TASK_ID_PATTERN = re.compile(r"[^\s/]+")

NOTICE_KEYS = (
    "id",
    "number",
    "issuer",
    "place",
    "date",
    "meeting_date",
    "deadline_from",
    "title",
    "chair",
    "signer",
    "recipients",
    "tasks",
)
TASK_KEYS = (
    "id",
    "assignees",
    "lead",
    "with",
    "text",
    "deadline",
    "deadline_from",
    "repeat",
    "repeat_from",
    "repeat_until",
    "target",
    "report_to",
    "done",
    "extensions",
    "cancelled",
    "notes",
)


#: Keys of the old layout, where progress was written inside the notice.
PROGRESS_KEYS = ("done", "extensions", "cancelled", "notes")


def read_notice(
    text: str,
    shown: str,
    registry: Registry,
    resolver: Resolver,
    calendar: WorkCalendar = PUBLIC_CALENDAR,
) -> tuple[Notice | None, list[Diagnostic], YNode | None]:
    """A notice from its text: the model, the problems, and the located tree.

    ``calendar`` (the office's working days) decides the last day of a deadline
    counted in days and the office's rule for a last day on a day off.
    """
    node, diagnostics = parse(text, shown)
    if node is None:
        return None, diagnostics, None
    if not isinstance(node, YMap):
        return None, [*diagnostics, error(node.source, "yaml.not-a-mapping")], node
    builder = _NoticeBuilder(registry, resolver, diagnostics, calendar)
    return builder.notice(node), diagnostics, node


@dataclass
class _NoticeBuilder:
    registry: Registry
    resolver: Resolver
    diagnostics: list[Diagnostic]
    calendar: WorkCalendar = PUBLIC_CALENDAR
    issued: PartialDate | None = None
    meeting: date | None = None
    #: The notice's ``deadline_from``: the day its counted deadlines start from.
    anchor: date | None = None
    _task_ids: dict[str, Source] = field(default_factory=dict)
    _contexts: dict[date | None, DeadlineContext] = field(default_factory=dict)

    def notice(self, node: YMap) -> Notice | None:
        before = len(self.diagnostics)
        fields = Fields(node, NOTICE_KEYS, self.diagnostics)
        ident = fields.scalar("id", required=True)
        if ident is not None and not ID_PATTERN.fullmatch(ident.value or ""):
            self.diagnostics.append(error(ident.source, "notice.bad-id", id=ident.value))
        number = fields.text("number")
        issued = fields.partial_date("date", required=True)
        meeting = fields.date("meeting_date")
        self.issued, self.meeting = issued, meeting
        self.anchor = fields.date("deadline_from")
        title = fields.text("title", required=True)
        chair = self._person(fields.node, "chair", ("name", "title"))
        signer = self._person(fields.node, "signer", ("name", "title", "on_behalf"))
        issuer = fields.text("issuer")
        place = fields.text("place")
        recipients = fields.texts("recipients")
        tasks_node = fields.sequence("tasks", required=True)
        fields.finish()
        header_ok = len(self.diagnostics) == before and not node.refused
        tasks = []
        for item in tasks_node.items if tasks_node else ():
            task = self.task(item, (ident.value or "") if ident else "")
            if task is not None:
                tasks.append(task)
        self._warn_old_progress(tasks_node)
        if not header_ok or ident is None or issued is None or title is None:
            return None
        if tasks_node is not None and not tasks_node.items:
            self.diagnostics.append(warning(tasks_node.source, "notice.no-tasks"))
        return Notice(
            id=ident.value or "",
            title=title,
            date=issued,
            tasks=tuple(tasks),
            number=number or None,
            issuer=issuer,
            place=place,
            meeting_date=meeting,
            deadline_from=self.anchor,
            chair=chair,
            signer=signer,
            recipients=recipients,
            source=node.source,
            spans=dict(fields.spans),
        )

    def _warn_old_progress(self, tasks_node: object) -> None:
        """Progress written inside the notice (the old layout): one warning per file."""
        for item in tasks_node.items if tasks_node else ():  # type: ignore[attr-defined]
            if not isinstance(item, YMap):
                continue
            for key in PROGRESS_KEYS:
                if key in item.entries:
                    source = item.entries[key].key_source
                    self.diagnostics.append(warning(source, "notice.old-progress"))
                    return

    def _person(self, node: YMap, key: str, allowed: tuple[str, ...]) -> Person | None:
        entry = node.entries.get(key)
        if entry is None:
            return None
        if isinstance(entry.value, YScalar):
            return Person(entry.value.value) if entry.value.value else None
        person = expect_map(entry.value, key, self.diagnostics)
        if person is None:
            return None
        fields = Fields(person, allowed, self.diagnostics)
        name = fields.text("name", required=True)
        title = fields.text("title")
        on_behalf = fields.text("on_behalf") if "on_behalf" in allowed else None
        fields.finish()
        return Person(name, title, on_behalf) if name else None

    # -- tasks -----------------------------------------------------------------

    def task(self, item: object, notice_id: str) -> Task | None:
        node = expect_map(item, "tasks", self.diagnostics)  # type: ignore[arg-type]
        if node is None:
            return None
        before = len(self.diagnostics)
        fields = Fields(node, TASK_KEYS, self.diagnostics)
        ident = self._task_id(fields)
        text = fields.text("text", required=True)
        assigned = self._units(fields.scalars("assignees", required=True), allow_groups=True)
        if "assignees" in fields.spans and not assigned and len(self.diagnostics) == before:
            self.diagnostics.append(error(fields.spans["assignees"], "task.no-assignees"))
        assignees = self.registry.expand(assigned)
        lead = self._lead(fields, assignees)
        with_ = self.registry.expand(self._units(fields.scalars("with"), allow_groups=True))
        report_to = self._one_unit(fields.scalar("report_to"))
        anchor = fields.date("deadline_from")
        deadline = self._deadline(fields.scalar("deadline"), anchor or self.anchor)
        if anchor is not None and deadline.kind not in RELATIVE_KINDS:
            self.diagnostics.append(warning(fields.spans["deadline_from"], "task.unused-anchor"))
        recurrence = self._recurrence(fields, deadline)
        target = fields.text("target")
        done = self._done(fields, assignees)
        extensions = self._extensions(fields.sequence("extensions"))
        cancelled = self._cancelled(fields.mapping("cancelled"))
        notes = self._notes(fields.sequence("notes"))
        fields.finish()
        if len(self.diagnostics) != before or node.damaged or ident is None or text is None:
            return None
        return Task(
            notice=notice_id,
            id=ident,
            text=text,
            assigned=assigned,
            assignees=assignees,
            lead=lead,
            with_=with_,
            deadline=deadline,
            deadline_from=anchor,
            target=target,
            report_to=report_to,
            done=done,
            extensions=extensions,
            cancelled=cancelled,
            notes=notes,
            source=node.source,
            spans=dict(fields.spans),
            recurrence=recurrence,
        )

    def _recurrence(self, fields: Fields, deadline: Deadline) -> Recurrence | None:
        """``repeat:`` (the rule as written), ``repeat_from:`` and ``repeat_until:``."""
        scalar = fields.scalar("repeat")
        start, until = fields.date("repeat_from"), fields.date("repeat_until")
        if scalar is None or not (scalar.value or "").strip():
            for key in ("repeat_from", "repeat_until"):
                if key in fields.spans:
                    self.diagnostics.append(error(fields.spans[key], "recurrence.no-rule", key=key))
            if deadline.text and reads_as_recurrence(deadline.text):
                self.diagnostics.append(
                    warning(fields.spans["deadline"], "recurrence.in-deadline", text=deadline.text)
                )
            return None
        # Imported here, past the common case of a task that does not repeat.
        from cchc_cli.core.recurrence import Recurrence, RecurrenceError
        from cchc_cli.core.recurrence_phrases import read_recurrence

        written = " ".join((scalar.value or "").split())
        if "deadline" in fields.spans:
            self.diagnostics.append(error(fields.spans["deadline"], "recurrence.and-deadline"))
        try:
            found = read_recurrence(written)
        except RecurrenceError as err:
            self.diagnostics.append(error(scalar.source, err.key, **err.args_))
            return None
        if found is None:
            self.diagnostics.append(error(scalar.source, "recurrence.unreadable", text=written))
            return None
        if until is not None and found.end is not None and until != found.end:
            self.diagnostics.append(
                error(fields.spans["repeat_until"], "recurrence.two-ends", a=found.end, b=until)
            )
        end = until or found.end
        begins = start or (self.issued.earliest() if self.issued else None)
        if begins is None:
            self.diagnostics.append(error(scalar.source, "recurrence.no-start"))
            return None
        if end is not None and end < begins:
            where = fields.spans.get("repeat_until", scalar.source)
            self.diagnostics.append(
                error(where, "recurrence.end-before-start", end=end, start=begins)
            )
            return None
        return Recurrence(written, found.rule, begins, end, self.calendar)

    def _task_id(self, fields: Fields) -> str | None:
        scalar = fields.scalar("id", required=True)
        if scalar is None:
            return None
        ident = scalar.value or ""
        if not TASK_ID_PATTERN.fullmatch(ident):
            self.diagnostics.append(error(scalar.source, "task.bad-id", id=ident))
            return None
        if ident in self._task_ids:
            first = self._task_ids[ident]
            self.diagnostics.append(
                error(scalar.source, "task.duplicate-id", id=ident, line=first.line)
            )
            return None
        self._task_ids[ident] = scalar.source
        return ident

    def _resolve(self, scalar: YScalar, allow_groups: bool) -> str | None:
        written = scalar.value or ""
        found = self.resolver.lookup(written)
        if found.ident is not None:
            if not allow_groups and found.ident in self.registry.groups:
                self.diagnostics.append(
                    error(scalar.source, "task.group-not-allowed", name=written)
                )
                return None
            return found.ident
        if found.candidates:
            names = ", ".join(found.candidates)
            self.diagnostics.append(
                error(scalar.source, "units.ambiguous", name=written, candidates=names)
            )
        elif found.suggestion:
            self.diagnostics.append(
                error(
                    scalar.source,
                    "units.unknown-unit-suggest",
                    name=written,
                    suggestion=found.suggestion,
                )
            )
        else:
            self.diagnostics.append(error(scalar.source, "units.unknown-unit", name=written))
        return None

    def _units(self, scalars: list[YScalar], allow_groups: bool) -> tuple[str, ...]:
        found = (self._resolve(s, allow_groups) for s in scalars)
        return tuple(dict.fromkeys(i for i in found if i is not None))

    def _one_unit(self, scalar: YScalar | None) -> str | None:
        return self._resolve(scalar, allow_groups=False) if scalar is not None else None

    def _lead(self, fields: Fields, assignees: tuple[str, ...]) -> str | None:
        scalar = fields.scalar("lead")
        lead = self._one_unit(scalar)
        if scalar is not None and lead is not None and assignees and lead not in assignees:
            self.diagnostics.append(error(scalar.source, "task.lead-not-assignee", unit=lead))
        return lead

    def context(self, anchor: date | None = None) -> DeadlineContext:
        """What a task's deadline is read against (its notice, the office's calendar).

        One per anchor, made once: the deadlines read are memoised on it, and the
        tasks of a notice almost all share their notice's.
        """
        made = self._contexts.get(anchor)
        if made is None:
            made = DeadlineContext(self.issued, self.calendar, anchor, self.meeting)
            self._contexts[anchor] = made
        return made

    def _deadline(self, scalar: YScalar | None, anchor: date | None) -> Deadline:
        if scalar is None or not (scalar.value or "").strip():
            return NO_DEADLINE
        written = " ".join((scalar.value or "").split())
        try:
            return parse_deadline(written, self.context(anchor))
        except DeadlineError as err:
            # Offsets count in the phrase with its spaces tidied; they fit the
            # file only where the phrase was written tidy.
            offset = err.offset if written == scalar.value else 0
            self.diagnostics.append(error(scalar.at(offset), err.key, **err.args_))
            return NO_DEADLINE

    def _done(self, fields: Fields, assignees: tuple[str, ...]) -> dict[str, Completion]:
        """``done:`` maps units to a date or {on, evidence, note}; a bare date is everyone's."""
        value = fields.node.entries.get("done")
        if value is not None and isinstance(value.value, YScalar) and value.value.value:
            completion = self._completion(value.value)
            if completion is None:
                return {}
            source = value.key_source
            return {u: Completion(u, completion.on, source=source) for u in assignees}
        node = fields.mapping("done")
        done: dict[str, Completion] = {}
        for key, entry in node.entries.items() if node else ():
            key_scalar = YScalar(key, entry.key_source)
            ident = self._resolve(key_scalar, allow_groups=True)
            if ident is None:
                continue
            units = self.registry.expand([ident])
            outsiders = [u for u in units if u not in assignees]
            if outsiders:
                self.diagnostics.append(
                    error(entry.key_source, "task.done-not-assignee", unit=", ".join(outsiders))
                )
                continue
            completion = self._completion(entry.value)
            if completion is None:
                continue
            for uid in units:
                if uid in done:
                    self.diagnostics.append(error(entry.key_source, "task.done-twice", unit=uid))
                    continue
                done[uid] = Completion(
                    uid, completion.on, completion.evidence, completion.note, entry.key_source
                )
        return done

    def _completion(self, value: object) -> Completion | None:
        if isinstance(value, YScalar):
            on = read_date(value, self.diagnostics)
            return Completion("", on) if on else None
        node = expect_map(value, "done", self.diagnostics)  # type: ignore[arg-type]
        if node is None:
            return None
        fields = Fields(node, ("on", "evidence", "note"), self.diagnostics)
        on = fields.date("on", required=True)
        evidence = fields.text("evidence")
        note = fields.text("note")
        fields.finish()
        return Completion("", on, evidence, note) if on else None

    def _extensions(self, seq: object) -> tuple[Extension, ...]:
        out = []
        for item in seq.items if seq else ():  # type: ignore[attr-defined]
            node = expect_map(item, "extensions", self.diagnostics)
            if node is None:
                continue
            fields = Fields(node, ("to", "reason", "decision", "on"), self.diagnostics)
            to = fields.date("to", required=True)
            reason = fields.text("reason", required=True)
            decision = fields.text("decision")
            on = fields.date("on")
            fields.finish()
            if to and reason:
                out.append(Extension(to, reason, decision, on, node.source))
        return tuple(out)

    def _cancelled(self, node: YMap | None) -> Cancellation | None:
        if node is None:
            return None
        fields = Fields(node, ("reason", "on", "decision"), self.diagnostics)
        reason = fields.text("reason", required=True)
        on = fields.date("on")
        decision = fields.text("decision")
        fields.finish()
        return Cancellation(reason, on, decision, node.source) if reason else None

    def _notes(self, seq: object) -> tuple[Note, ...]:
        out = []
        for item in seq.items if seq else ():  # type: ignore[attr-defined]
            node = expect_map(item, "notes", self.diagnostics)
            if node is None:
                continue
            fields = Fields(node, ("on", "text", "unit"), self.diagnostics)
            on = fields.date("on", required=True)
            text = fields.text("text", required=True)
            unit = self._one_unit(fields.scalar("unit"))
            fields.finish()
            if on and text:
                out.append(Note(on, text, unit, node.source))
        return tuple(out)


@functools.lru_cache(maxsize=4096)
def reads_as_recurrence(text: str) -> bool:
    """A ``deadline:`` that names a period to repeat ("hằng tháng, trước ngày 20").

    Memoised on the phrase: every task with a deadline asks, about a few phrases.
    """
    from cchc_cli.core.recurrence import RecurrenceError
    from cchc_cli.core.recurrence_phrases import read_recurrence

    try:
        return read_recurrence(text) is not None
    except RecurrenceError:
        return True
