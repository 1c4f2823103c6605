"""A data folder -> the model plus every problem found, never an exception for bad data.

Layout of a data folder::

    units.yaml            the registry of units and groups
    notices/**/*.yaml     one notice per file (``.yml`` too; other files are not read)
    progress/*.yaml       one unit's progress per file (:mod:`cchc_cli.store.progress`)

A task or notice with an error is left out of the model (a wrong deadline shown
as if right would be a lie), and the error says where it is; nothing is skipped
without a diagnostic.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_cli.core.deadlines import NO_DEADLINE, Deadline, DeadlineError, parse_deadline
from cchc_cli.core.diagnostics import Diagnostic, Source, error, sort_diagnostics, warning
from cchc_cli.core.errors import CchcError, DataFolderError
from cchc_cli.core.model import (
    Cancellation,
    Completion,
    Dataset,
    Extension,
    Note,
    Notice,
    NoticeIndex,
    Person,
    Registry,
    Task,
    index_of,
)
from cchc_cli.core.units import ID_PATTERN, Resolver
from cchc_cli.store import progress, validate
from cchc_cli.store.cache import CachedFile, FileCache, registry_key, stat_of
from cchc_cli.store.config import CONFIG_FILE, load_config
from cchc_cli.store.registry import load_registry
from cchc_cli.store.schema import Fields, expect_map, read_date
from cchc_cli.store.yamlsrc import (
    DEFAULT_LIMIT,
    YMap,
    YNode,
    YScalar,
    parse,
    read_file_bytes,
)

UNITS_FILE = "units.yaml"
NOTICES_DIR = "notices"
NOTICE_SUFFIXES = (".yaml", ".yml")
TASK_ID_PATTERN = re.compile(r"[^\s/]+")

NOTICE_KEYS = (
    "id",
    "number",
    "issuer",
    "place",
    "date",
    "meeting_date",
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
    "target",
    "report_to",
    "done",
    "extensions",
    "cancelled",
    "notes",
)


#: Keys of the old layout, where progress was written inside the notice.
PROGRESS_KEYS = ("done", "extensions", "cancelled", "notes")


def notice_files(data_dir: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` under notices/, in sub-folders too, skipping hidden ones."""
    folder = data_dir / NOTICES_DIR
    if not folder.is_dir():
        return []
    found = []
    # A stack, not os.walk: os.walk recurses (in Python 3.11) and 1,100 nested
    # folders would exhaust the interpreter's stack.
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = list(entries)
        except OSError:
            continue  # as os.walk does: a folder that cannot be listed has no notices
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.name.lower().endswith(NOTICE_SUFFIXES) and not os.path.isdir(entry.path):
                # Anything else named like a notice is read or refused with the
                # reason (a pipe, a device, a broken link): never skipped unsaid.
                found.append(entry.path)
    return [Path(p) for p in sorted(found)]


def check_folder(data_dir: Path) -> None:
    """Raise :class:`DataFolderError` unless ``data_dir`` looks like a data folder."""
    if not data_dir.exists():
        raise DataFolderError("data.missing", str(data_dir))
    if not data_dir.is_dir():
        raise DataFolderError("data.not-a-folder", str(data_dir))
    if not (data_dir / UNITS_FILE).exists() and not (data_dir / NOTICES_DIR).is_dir():
        raise DataFolderError("data.not-a-folder", str(data_dir))


def load(data_dir: Path, cache: FileCache | None = None) -> Dataset:
    """Load and check everything in a data folder, through ``cache`` where given."""
    check_folder(data_dir)
    units_path = data_dir / UNITS_FILE

    config, diagnostics, has_config = load_config(data_dir)
    shown_units = str(units_path)
    units_bytes = b""
    limit = config.max_file_mb * 1024 * 1024
    if units_path.exists():
        units_bytes, text, problems = read_file_bytes(units_path, shown_units, limit)
        diagnostics += problems
        node, problems = parse(text, shown_units) if text is not None else (None, [])
        diagnostics += problems
    else:
        node = None
        diagnostics.append(error(Source(shown_units), "data.no-units"))
    registry, problems = load_registry(node, shown_units)
    diagnostics += problems

    resolver = Resolver(registry)
    # A notice's model depends on the registry it was resolved against, and
    # whether it is read at all on the size limit (lowered: refused, not cached).
    depends_on = f"{registry_key(units_bytes)}:{limit}"
    index: list[NoticeIndex] = []
    parsed: dict[str, Notice] = {}
    hits: dict[str, CachedFile] = {}
    seen_ids: dict[str, Source] = {}
    files = notice_files(data_dir)
    inside = data_dir.resolve()
    for path in files:
        shown = str(path)
        if not path.resolve().is_relative_to(inside):
            # A link out of the data folder: its target is not the office's to
            # read, and an edit would write outside the folder.
            diagnostics.append(error(Source(shown), "file.outside", target=str(path.resolve())))
            continue
        hit = cache.get(path, depends_on) if cache else None
        if hit is not None:
            problems, entry, id_source = hit.diagnostics, hit.index, hit.id_source
            hits[shown] = hit
        else:
            stat, content, notice, problems = _read_steady(path, shown, registry, resolver, limit)
            if cache and stat is not None and content is not None:
                cache.put(path, stat, depends_on, content, notice, problems)
            entry = index_of(notice) if notice else None
            id_source = notice.spans["id"] if notice else None
            if notice:
                parsed[shown] = notice
        diagnostics += problems
        if entry is None or id_source is None:
            continue
        if entry.id in seen_ids:
            first = seen_ids[entry.id]
            diagnostics.append(
                error(id_source, "notice.duplicate-id", id=entry.id, first=str(first))
            )
            continue
        seen_ids[entry.id] = id_source
        index.append(entry)
    events, problems, progress_paths = load_progress(data_dir, cache, registry, limit)
    diagnostics += problems
    kept, problems = progress.check_events(events, progress.facts_of(index), registry)
    diagnostics += problems
    grouped = progress.by_task(kept)
    if cache:
        cache.finish(files + progress_paths)

    def with_progress(notice: Notice) -> Notice:
        if not any(task.ref in grouped for task in notice.tasks):
            return notice
        tasks = tuple(progress.apply_events(t, grouped.get(t.ref, ())) for t in notice.tasks)
        return dataclasses.replace(notice, tasks=tasks)

    def reader(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        cached = [hits[e.path].wanted for e in entries if e.path not in parsed]
        from_cache = iter(cache.read(cached) if cache and cached else [])
        notices = []
        for entry in entries:
            notice = parsed.get(entry.path) or next(from_cache)
            if notice is None:
                # The cache row changed since it was checked (another run
                # rewrote it): read the file itself.
                _, notice, _ = load_notice(Path(entry.path), entry.path, registry, resolver, limit)
            if notice is None or index_of(notice) != entry:
                raise CchcError("data.changed", path=entry.path)
            notices.append(with_progress(notice))
        return tuple(notices)

    read = [str(data_dir / CONFIG_FILE)] if has_config else []
    read += ([shown_units] if units_path.exists() else []) + [str(p) for p in files]
    read += [str(p) for p in progress_paths]
    return Dataset(
        registry,
        tuple(index),
        tuple(sort_diagnostics(diagnostics)),
        tuple(read),
        config,
        reader,
        {ref: tuple(events) for ref, events in grouped.items()},
    )


def load_progress(
    data_dir: Path, cache: FileCache | None, registry: Registry, limit: int
) -> tuple[list[progress.Event], list[Diagnostic], list[Path]]:
    """Every event of progress/*.yaml (the office's file first), and the problems found.

    Each file is read on its own and cached on its own: recording one event
    re-reads one small file. A file named for no unit is reported and not read.
    """
    paths = progress.progress_files(data_dir)
    office = [p for p in paths if progress.owner_of(p) == progress.OFFICE]
    paths = office + [p for p in paths if p not in office]
    inside = data_dir.resolve()
    events: list[progress.Event] = []
    diagnostics: list[Diagnostic] = []
    for path in paths:
        shown = str(path)
        if not path.resolve().is_relative_to(inside):
            diagnostics.append(error(Source(shown), "file.outside", target=str(path.resolve())))
            continue
        if not path.is_file():
            # A FIFO would block the read forever, a device never end.
            diagnostics.append(error(Source(shown), "file.unreadable", reason="not a regular file"))
            continue
        owner_problem = progress.check_file_owner(path, shown, registry)
        if owner_problem is not None:
            diagnostics.append(owner_problem)
            continue
        owner = progress.owner_of(path)
        unit = None if owner == progress.OFFICE else owner
        hit = cache.get_progress(path) if cache else None
        if hit is None:
            hit = _read_progress(path, shown, unit, cache, limit)
        events += hit[0]
        diagnostics += hit[1]
    return events, diagnostics, paths


def _read_progress(
    path: Path, shown: str, unit: str | None, cache: FileCache | None, limit: int
) -> tuple[list[progress.Event], list[Diagnostic]]:
    for _ in range(READ_ATTEMPTS):
        before = stat_of(path)
        if before is not None and before.size > limit:
            size = round(before.size / 1024 / 1024, 1)
            return [], [error(Source(shown), "file.too-big", size=size, limit=limit // 2**20)]
        content, text, problems = read_file_bytes(path, shown)
        events: list[progress.Event] = []
        if text is not None:
            events, found = progress.parse_progress(text, shown, unit)
            problems += found
        if stat_of(path) == before:
            if cache and before is not None and text is not None:
                cache.put_progress(path, before, content, events, problems)
            return events, problems
    return [], [error(Source(shown), "file.changing")]


READ_ATTEMPTS = 3


def _read_steady(
    path: Path, shown: str, registry: Registry, resolver: Resolver, limit: int
) -> tuple[Any, bytes | None, Notice | None, list[Diagnostic]]:
    """Read a file that is not being written meanwhile: its stat must not move during the read.

    The stat is taken before reading, so the cache never keys content by a
    stat newer than the content; a file still changing after a few attempts
    is reported rather than read half-written.
    """
    for _ in range(READ_ATTEMPTS):
        before = stat_of(path)
        if before is not None and before.size > limit:
            size = round(before.size / 1024 / 1024, 1)
            limit_mb = limit // 1024 // 1024
            return (
                None,
                None,
                None,
                [error(Source(shown), "file.too-big", size=size, limit=limit_mb)],
            )
        content, notice, problems = load_notice(path, shown, registry, resolver, limit)
        if stat_of(path) == before:
            return before, content, notice, problems
    return None, None, None, [error(Source(shown), "file.changing")]


def load_notice(
    path: Path,
    shown: str,
    registry: Registry,
    resolver: Resolver,
    limit: int = DEFAULT_LIMIT,
) -> tuple[bytes | None, Notice | None, list[Diagnostic]]:
    """A notice file's bytes, model and every problem found in it (its checks included)."""
    content, text, diagnostics = read_file_bytes(path, shown, limit)
    if text is None:
        return (content or None), None, diagnostics
    notice, problems, _ = read_notice(text, shown, registry, resolver)
    diagnostics += problems
    if notice is not None:
        diagnostics += validate.check_notice(notice, registry)
    return content, notice, diagnostics


def read_notice(
    text: str, shown: str, registry: Registry, resolver: Resolver
) -> tuple[Notice | None, list[Diagnostic], YNode | None]:
    """A notice from its text: the model, the problems, and the located tree."""
    node, diagnostics = parse(text, shown)
    if node is None:
        return None, diagnostics, None
    if not isinstance(node, YMap):
        return None, [*diagnostics, error(node.source, "yaml.not-a-mapping")], node
    builder = _NoticeBuilder(registry, resolver, diagnostics)
    return builder.notice(node), diagnostics, node


@dataclass
class _NoticeBuilder:
    registry: Registry
    resolver: Resolver
    diagnostics: list[Diagnostic]
    year: int | None = None
    _task_ids: dict[str, Source] = field(default_factory=dict)

    def notice(self, node: YMap) -> Notice | None:
        before = len(self.diagnostics)
        fields = Fields(node, NOTICE_KEYS, self.diagnostics)
        ident = fields.scalar("id", required=True)
        if ident is not None and not ID_PATTERN.fullmatch(ident.value or ""):
            self.diagnostics.append(error(ident.source, "notice.bad-id", id=ident.value))
        number = fields.text("number")
        issued = fields.partial_date("date", required=True)
        self.year = issued.year if issued else None
        meeting = fields.date("meeting_date")
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
        deadline = self._deadline(fields.scalar("deadline"))
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
            target=target,
            report_to=report_to,
            done=done,
            extensions=extensions,
            cancelled=cancelled,
            notes=notes,
            source=node.source,
            spans=dict(fields.spans),
        )

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

    def _deadline(self, scalar: YScalar | None) -> Deadline:
        if scalar is None or not (scalar.value or "").strip():
            return NO_DEADLINE
        written = " ".join((scalar.value or "").split())
        try:
            return parse_deadline(written, self.year)
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
