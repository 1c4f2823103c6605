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

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from cchc_cli.core.diagnostics import Diagnostic, Source, error, merged, sort_diagnostics
from cchc_cli.core.errors import CchcError, DataFolderError
from cchc_cli.core.model import (
    Config,
    Dataset,
    Notice,
    NoticeIndex,
    Registry,
    entries_named,
    index_of,
)
from cchc_cli.core.units import Resolver
from cchc_cli.core.workdays import PUBLIC_CALENDAR, WorkCalendar
from cchc_cli.store import progress, snappatch, snapsettle, snapshot
from cchc_cli.store.cache import FileCache, registry_key, stat_of
from cchc_cli.store.cacheplace import sha256_hex
from cchc_cli.store.cachewrite import RowMaker
from cchc_cli.store.config import CONFIG_FILE, read_settings
from cchc_cli.store.discover import outside_target, walk_notices
from cchc_cli.store.fileio import DEFAULT_LIMIT
from cchc_cli.store.holidaystamp import holidays_stamp
from cchc_cli.store.pairquery import PAIRS_MADE
from cchc_cli.store.pairrows import put_premade, refresh_pairs, source_key
from cchc_cli.store.pairs import PairIndex
from cchc_cli.store.snaplazy import Deferred, notice_paths, row_ids

UNITS_FILE = snapshot.UNITS_FILE
NOTICES_DIR = snapshot.NOTICES_DIR
NOTICE_SUFFIXES = snapshot.NOTICE_SUFFIXES


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
    found = walk_notices(folder, NOTICE_SUFFIXES)
    files = [Path(f.path) for f in found]
    if folder.is_symlink():
        return files, set(files)
    return files, {Path(f.path) for f in found if f.linked}


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
    ``tick(done, total)`` is told of each notice file read (a progress bar).

    Through the cache, a folder unchanged since the last load is answered from that
    load's snapshot (:mod:`cchc_cli.store.snapshot`): one stat per file, no YAML. If
    only progress files changed, the notices' half of it still holds.
    """
    check_folder(data_dir)
    if cache is None:
        return _load_files(data_dir, None, tick)
    began = time.time_ns()  # before any file is listed: the racily clean files' bound
    listing = snapshot.list_folder(data_dir)
    if not snapshot.storable(listing):  # as with --no-cache, every run
        cache.close()
        return _load_files(data_dir, None, tick)
    restored = snapshot.restore(listing, cache)
    parsed: dict[str, Notice] = {}
    if restored is None:  # maybe only notice files changed: the snapshot patched for them
        patched = snappatch.patch(listing, cache, _read_steady)
        if patched is None:
            return _load_files(data_dir, cache, tick, listing, began)
        restored, parsed = patched
    notices = restored.notices
    # Made when first read (from the index's paths, none of its entries decoded): a
    # warm status reads it not.
    wanted: dict[str, tuple[str, str, str]] = Deferred(
        lambda: {
            path: (key, sha, path)
            for path, (key, sha) in zip(notice_paths(notices.index), notices.rows, strict=True)
        }
    )
    if restored.progress is not None:
        if not parsed:  # restored as stored, its racily clean files checked: settle them
            snapsettle.settle(cache, listing, restored.parts, began)
        cache.close()
        grouped = {ref: list(events) for ref, events in restored.progress.events.items()}
        reader = _reader(cache, wanted, {}, notices.registry, notices.config, grouped)
        pair_index = None
        if restored.progress.pairs is not None:
            entries: dict[str, NoticeIndex] = Deferred(
                lambda: {key: e for e, (key, _) in zip(notices.index, notices.rows, strict=True)}
            )
            ids = partial(row_ids, notices.index, notices.rows)  # made when first read
            token = restored.parts.get(PAIRS_MADE)  # spares reading pair_sources (pairquery)
            pair_index = PairIndex(cache, restored.progress.pairs, entries, ids, token)
        return _dataset(notices, restored.progress, reader, pair_index)
    # Progress files changed (or notices, patched): read again, each through its cache row.
    shas = restored.shas | {path: sha for path, (_, sha, _) in wanted.items()}
    made, reader, pair_index = _with_progress(data_dir, cache, notices, wanted, parsed, shas)
    snapshot.store(cache, listing, began, shas, notices, made, restored.parts)
    cache.finish([Path(f.path) for f in listing.notices] + [Path(p) for p in made.files])
    return _dataset(notices, made, reader, pair_index)


def _dataset(
    notices: snapshot.Notices,
    made: snapshot.Progress,
    reader: Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]],
    pair_index: PairIndex | None,
) -> Dataset:
    diagnostics = notices.diagnostics
    if made.diagnostics:
        diagnostics = merged(diagnostics, made.diagnostics)
    return Dataset(
        notices.registry,
        notices.index,
        diagnostics,
        notices.files + made.files,
        notices.config,
        reader,
        dict(made.events),
        pair_index,
        notices.duplicates,
    )


def _with_progress(
    data_dir: Path,
    cache: FileCache | None,
    notices: snapshot.Notices,
    wanted: dict[str, tuple[str, str, str]],
    parsed: dict[str, Notice],
    shas: dict[str, str],
    resolver: Resolver | None = None,
) -> tuple[
    snapshot.Progress, Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]], PairIndex | None
]:
    """The progress files read and checked against ``notices``, the dataset's reader
    and its pair rows brought up to date; the SHA-256 of each file read goes to ``shas``."""
    config, registry, index = notices.config, notices.registry, notices.index
    limit = config.max_file_mb * 1024 * 1024
    events, problems, paths = load_progress(data_dir, cache, registry, limit, shas)
    kept: list[progress.Event] = []
    if events:  # the facts of 20,000 tasks cost more than checking no event at all
        # Only the notices the events name: not 20,000 tasks' facts for a few events.
        facts = progress.facts_of(entries_named(index, {e.task for e in events}))
        kept, found = progress.check_events(events, facts, registry)
        problems += found
    grouped = progress.by_task(kept)
    reader = _reader(cache, wanted, parsed, registry, config, grouped, resolver)
    pair_index = None
    if cache:
        pair_index = refresh_pairs(cache, tuple(index), shas, notices.depends_on, grouped, reader)
    made = snapshot.Progress(
        {ref: tuple(found) for ref, found in grouped.items()},
        tuple(problems),
        tuple(str(p) for p in paths),
        pair_index.expected if pair_index is not None else None,
    )
    return made, reader, pair_index


def _load_files(
    data_dir: Path,
    cache: FileCache | None,
    tick: Callable[[int, int], None] | None,
    listing: snapshot.Listing | None = None,
    began: int = 0,
) -> Dataset:
    """:func:`load` from the files themselves (and the per-file rows of ``cache``); the
    snapshot of what it made is stored if the folder was ``listing`` at ``began``."""
    from cchc_cli.store.parallel import Encoded, read_ahead
    from cchc_cli.store.registry import load_registry
    from cchc_cli.store.yamlsrc import parse, read_file_bytes

    units_path = data_dir / UNITS_FILE
    config, diagnostics, has_config, config_keys, config_bytes = read_settings(data_dir)
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
    wanted: dict[str, tuple[str, str, str]] = {}
    # The SHA-256 of each file read or found in the cache: notices, settings, progress.
    shas: dict[str, str] = {shown_units: registry_key(units_bytes)}
    if has_config:
        shas[str(data_dir / CONFIG_FILE)] = sha256_hex(config_bytes)
    seen_ids: dict[str, Source] = {}
    if listing is not None:
        files = [Path(f.path) for f in listing.notices]
        linked = {Path(p) for p in listing.linked}
    else:
        files, linked = scan_notices(data_dir)
    maker = RowMaker(data_dir, depends_on)
    args = (registry, resolver, limit, calendar)
    ahead = read_ahead(files, cache, _read_steady, *args, skip=linked, rows=maker)
    if cache and ahead.pooled:
        cache.stream()  # a first run: rows go to the database as the workers make them
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
            wanted[shown] = hit.wanted
            shas[shown] = hit.sha
        else:
            got = ahead(path, shown)
            if isinstance(got, Encoded):
                # Made into rows in a worker: written; the notice is read back if asked for.
                assert cache, "a worker makes rows for a cache only"
                problems, entry, id_source = got.problems, got.entry, got.id_source
                key = got.row[0]
                shas[shown] = sha = cache.put_row(got.row)
                wanted[shown] = (key, sha, shown)
                if entry is not None and got.notice is not None:
                    source = source_key(sha, depends_on)
                    put_premade(cache, key, source, got.pairs, got.notice)
            else:
                stat, content, notice, problems = got
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

    read = [str(data_dir / CONFIG_FILE)] if has_config else []
    read += ([shown_units] if units_path.exists() else []) + [str(p) for p in files]
    rows = tuple((cache.key_of(e.path) if cache else "", shas.get(e.path, "")) for e in index)
    notices = snapshot.Notices(
        config,
        registry,
        tuple(index),
        rows,
        tuple(sort_diagnostics(diagnostics)),
        tuple(read),
        depends_on,
    )
    made, reader, pair_index = _with_progress(
        data_dir, cache, notices, wanted, parsed, shas, resolver
    )
    if cache:
        if listing is not None and all(e.path in shas for e in index):
            snapshot.store(cache, listing, began, shas, notices, made, keys=config_keys)
        cache.finish(files + [Path(p) for p in made.files])
    return _dataset(notices, made, reader, pair_index)


def _reader(
    cache: FileCache | None,
    wanted: dict[str, tuple[str, str, str]],
    parsed: dict[str, Notice],
    registry: Registry,
    config: Config,
    grouped: dict[str, list[progress.Event]],
    resolver: Resolver | None = None,
) -> Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]]:
    """The dataset's reader: notices read back from the cache's rows (``wanted``: the
    row key, SHA-256 and shown path of each) or already parsed, progress applied."""
    instances = progress.by_instance(grouped)  # issue 23: recurring tasks' instances
    calendar = config.calendar
    limit = config.max_file_mb * 1024 * 1024

    def with_progress(notice: Notice) -> Notice:
        recurring = any(task.recurrence is not None for task in notice.tasks)
        if not recurring and not any(task.ref in grouped for task in notice.tasks):
            return notice
        import dataclasses  # not for a warm run: dataclasses costs 6 ms to import

        tasks = tuple(progress.apply_events(t, grouped.get(t.ref, ())) for t in notice.tasks)
        if recurring:
            tasks = tuple(progress.with_instances(t, instances, calendar) for t in tasks)
        return dataclasses.replace(notice, tasks=tasks)

    def reader(entries: tuple[NoticeIndex, ...]) -> tuple[Notice, ...]:
        cached = [wanted[e.path] for e in entries if e.path not in parsed]
        from_cache = iter(cache.read(cached) if cache and cached else [])
        notices = []
        for entry in entries:
            notice = parsed.get(entry.path) or next(from_cache)
            if notice is None:
                # The cache row changed since it was checked (another run
                # rewrote it): read the file itself.
                _, notice, _ = load_notice(
                    Path(entry.path),
                    entry.path,
                    registry,
                    resolver or Resolver(registry),
                    limit,
                    calendar,
                )
            if notice is None or index_of(notice) != entry:
                raise CchcError("data.changed", path=entry.path)
            notices.append(with_progress(notice))
        return tuple(notices)

    return reader


def load_progress(
    data_dir: Path,
    cache: FileCache | None,
    registry: Registry,
    limit: int,
    shas: dict[str, str] | None = None,
) -> tuple[list[progress.Event], list[Diagnostic], list[Path]]:
    """Every event of progress/*.yaml (the office's file first), and the problems found;
    the SHA-256 of each file read goes into ``shas``.

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
        found, problems, sha = hit or _read_progress(path, shown, unit, cache, limit)
        events += found
        diagnostics += problems
        if shas is not None and sha is not None:
            shas[shown] = sha
    return events, diagnostics, paths


def _read_progress(
    path: Path, shown: str, unit: str | None, cache: FileCache | None, limit: int
) -> tuple[list[progress.Event], list[Diagnostic], str | None]:
    """A progress file's events and problems, and the SHA-256 of what was read if cached."""
    from cchc_cli.store.yamlsrc import read_file_bytes

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
            sha = None
            if cache and before is not None and text is not None:
                sha = cache.put_progress(path, before, content, events, problems)
            return events, problems, sha
    return [], [error(Source(shown), "file.changing")], None


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
    from cchc_cli.store import validate
    from cchc_cli.store.noticefile import read_notice
    from cchc_cli.store.yamlsrc import read_file_bytes

    content, text, diagnostics = read_file_bytes(path, shown, limit)
    if text is None:
        return (content or None), None, diagnostics
    notice, problems, _ = read_notice(text, shown, registry, resolver, calendar)
    diagnostics += problems
    if notice is not None:
        diagnostics += validate.check_notice(notice, registry)
    return content, notice, diagnostics
