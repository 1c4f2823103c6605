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
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cchc_cli.core.diagnostics import Diagnostic, Source, error, sort_diagnostics
from cchc_cli.core.errors import CchcError, DataFolderError
from cchc_cli.core.model import (
    Dataset,
    Notice,
    NoticeIndex,
    Registry,
    index_of,
)
from cchc_cli.core.units import Resolver
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar
from cchc_cli.store import progress, validate
from cchc_cli.store.cache import CachedFile, FileCache, registry_key, stat_of
from cchc_cli.store.config import CONFIG_FILE, load_config
from cchc_cli.store.holidaystamp import holidays_stamp
from cchc_cli.store.noticefile import read_notice
from cchc_cli.store.pairs import RECURRING, PairIndex, notice_pairs
from cchc_cli.store.parallel import read_ahead
from cchc_cli.store.registry import load_registry
from cchc_cli.store.serialize import event_to_data
from cchc_cli.store.yamlsrc import (
    DEFAULT_LIMIT,
    parse,
    read_file_bytes,
)

UNITS_FILE = "units.yaml"
NOTICES_DIR = "notices"
NOTICE_SUFFIXES = (".yaml", ".yml")


def notice_files(data_dir: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` under notices/, in sub-folders too, skipping hidden ones."""
    return scan_notices(data_dir)[0]


def scan_notices(data_dir: Path) -> tuple[list[Path], set[Path]]:
    """:func:`notice_files`, and those of them a symbolic link may lead out of the folder.

    Sub-folders that are links are not entered, so a file can only lead elsewhere
    if it is a link itself or notices/ is one; the listing tells which (no extra
    system call), and only those need resolving.
    """
    folder = data_dir / NOTICES_DIR
    if not folder.is_dir():
        return [], set()
    found = []
    linked: list[str] = []
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
                if entry.is_symlink():
                    linked.append(entry.path)
    files = [Path(p) for p in sorted(found)]
    if folder.is_symlink():
        return files, set(files)
    return files, {Path(p) for p in linked}


def outside_target(path: Path, inside: Path) -> str | None:
    """Where ``path`` really is, if that is outside the folder ``inside`` (resolved)."""
    target = path.resolve()
    return None if target.is_relative_to(inside) else str(target)


def check_folder(data_dir: Path) -> None:
    """Raise :class:`DataFolderError` unless ``data_dir`` looks like a data folder."""
    if not data_dir.exists():
        raise DataFolderError("data.missing", str(data_dir))
    if not data_dir.is_dir():
        raise DataFolderError("data.not-a-folder", str(data_dir))
    if not (data_dir / UNITS_FILE).exists() and not (data_dir / NOTICES_DIR).is_dir():
        raise DataFolderError("data.not-a-folder", str(data_dir))


def load(
    data_dir: Path,
    cache: FileCache | None = None,
    tick: Callable[[int, int], None] | None = None,
) -> Dataset:
    """Load and check everything in a data folder, through ``cache`` where given;
    ``tick(done, total)`` is told of each notice file read (a progress bar)."""
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
    calendar = config.calendar  # relative deadlines' last days depend on it (issue 18)
    depends_on = f"{registry_key(units_bytes)}:{limit}:{calendar.key}:{holidays_stamp()}"
    index: list[NoticeIndex] = []
    parsed: dict[str, Notice] = {}
    hits: dict[str, CachedFile] = {}
    shas: dict[str, str] = {}  # the SHA-256 of each notice file read or found in the cache
    seen_ids: dict[str, Source] = {}
    files, linked = scan_notices(data_dir)
    ahead = read_ahead(files, cache, _read_steady, registry, resolver, limit, calendar, skip=linked)
    inside = data_dir.resolve()
    for number, path in enumerate(files, 1):
        if tick is not None:
            tick(number, len(files))
        shown = str(path)
        target = outside_target(path, inside) if path in linked else None
        if target is not None:
            # A link out of the data folder: its target is not the office's to
            # read, and an edit would write outside the folder.
            diagnostics.append(error(Source(shown), "file.outside", target=target))
            continue
        hit = cache.get(path, depends_on) if cache else None
        if hit is not None:
            problems, entry, id_source = hit.diagnostics, hit.index, hit.id_source
            hits[shown] = hit
            shas[shown] = hit.sha
        else:
            stat, content, notice, problems = ahead(path, shown)
            if cache and stat is not None and content is not None:
                shas[shown] = cache.put(path, stat, depends_on, content, notice, problems)
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
    kept: list[progress.Event] = []
    if events:  # the facts of 20,000 tasks cost more than checking no event at all
        kept, problems = progress.check_events(events, progress.facts_of(index), registry)
        diagnostics += problems
    grouped = progress.by_task(kept)

    instances = progress.by_instance(grouped)  # issue 23: recurring tasks' instances

    def with_progress(notice: Notice) -> Notice:
        recurring = any(task.recurrence is not None for task in notice.tasks)
        if not recurring and not any(task.ref in grouped for task in notice.tasks):
            return notice
        tasks = tuple(progress.apply_events(t, grouped.get(t.ref, ())) for t in notice.tasks)
        if recurring:
            tasks = tuple(progress.with_instances(t, instances, calendar) for t in tasks)
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
                _, notice, _ = load_notice(
                    Path(entry.path), entry.path, registry, resolver, limit, calendar
                )
            if notice is None or index_of(notice) != entry:
                raise CchcError("data.changed", path=entry.path)
            notices.append(with_progress(notice))
        return tuple(notices)

    pair_index = None
    if cache:
        pair_index = refresh_pairs(cache, tuple(index), shas, depends_on, grouped, reader)
        cache.finish(files + progress_paths)

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
        pair_index,
    )


def refresh_pairs(
    cache: FileCache,
    index: tuple[NoticeIndex, ...],
    shas: dict[str, str],
    depends_on: str,
    grouped: dict[str, list[progress.Event]],
    reader: Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]],
) -> PairIndex | None:
    """The pair rows of every notice, computed again for those whose file, registry,
    calendar or progress events changed since (:mod:`cchc_cli.store.pairs`)."""
    expected: dict[str, str] = {}
    entries: dict[str, NoticeIndex] = {}
    stale: list[NoticeIndex] = []
    for entry in index:
        sha = shas.get(entry.path)
        if sha is None:
            return None
        events = [
            [ref, [event_to_data(e) for e in grouped[ref]]]
            for ref in (f"{entry.id}/{task}" for task in entry.task_ids)
            if ref in grouped
        ]
        made = f"{sha}:{depends_on}"
        if events:
            text = json.dumps(events, ensure_ascii=False, separators=(",", ":"))
            made += ":" + hashlib.sha256(text.encode()).hexdigest()
        key = cache.key_of(entry.path)
        if cache.pair_keys.get(key) == RECURRING + made:
            return None  # a recurring task: answered in Python, as it was last time
        expected[key] = made
        entries[key] = entry
        if cache.pair_keys.get(key) != made:
            stale.append(entry)
    for key in set(cache.pair_keys) - set(expected):
        # A file gone, or left out now (an error, a duplicate id): its rows would count.
        cache.put_pairs(key, "", [])
    if stale:
        try:
            notices = reader(tuple(stale))
        except CchcError:
            return None  # a file changed meanwhile: no pairs this run, the long way
        recurring = False
        for entry, notice in zip(stale, notices, strict=True):
            key = cache.key_of(entry.path)
            rows = notice_pairs(notice)
            if rows is None:
                recurring = True
                cache.put_pairs(key, RECURRING + expected[key], [])
            else:
                cache.put_pairs(key, expected[key], rows)
        if recurring:
            return None
    return PairIndex(cache, expected, entries)


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
    folder_linked = (data_dir / progress.PROGRESS_DIR).is_symlink()
    events: list[progress.Event] = []
    diagnostics: list[Diagnostic] = []
    for path in paths:
        shown = str(path)
        # Only a link (the folder or the file) can lead out of the data folder.
        linked = folder_linked or path.is_symlink()
        target = outside_target(path, inside) if linked else None
        if target is not None:
            diagnostics.append(error(Source(shown), "file.outside", target=target))
            continue
        owner_problem = progress.check_file_owner(path, shown, registry)
        if owner_problem is not None:
            diagnostics.append(owner_problem)
            continue
        owner = progress.owner_of(path)
        unit = None if owner == progress.OFFICE else owner
        # A file over a lowered size limit is refused, even when its row is cached.
        now = stat_of(path)
        fits = now is not None and now.size <= limit
        hit = cache.get_progress(path) if cache and fits else None
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
        # The one bounded reader: a FIFO, a device or a folder is refused without
        # blocking, and nothing over the size limit is read.
        content, text, problems = read_file_bytes(path, shown, limit)
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
    path: Path,
    shown: str,
    registry: Registry,
    resolver: Resolver,
    limit: int,
    calendar: WorkCalendar = PUBLIC_CALENDAR,
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
        content, notice, problems = load_notice(path, shown, registry, resolver, limit, calendar)
        if stat_of(path) == before:
            return before, content, notice, problems
    return None, None, None, [error(Source(shown), "file.changing")]


def load_notice(
    path: Path,
    shown: str,
    registry: Registry,
    resolver: Resolver,
    limit: int = DEFAULT_LIMIT,
    calendar: WorkCalendar = PUBLIC_CALENDAR,
) -> tuple[bytes | None, Notice | None, list[Diagnostic]]:
    """A notice file's bytes, model and every problem found in it (its checks included)."""
    content, text, diagnostics = read_file_bytes(path, shown, limit)
    if text is None:
        return (content or None), None, diagnostics
    notice, problems, _ = read_notice(text, shown, registry, resolver, calendar)
    diagnostics += problems
    if notice is not None:
        diagnostics += validate.check_notice(notice, registry)
    return content, notice, diagnostics
