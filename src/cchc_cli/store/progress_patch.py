"""After an edit, the cache brought up to date for the notice it changed, not for all.

The next run after an edit found the progress files changed and took the loader's way
for that (:func:`cchc_cli.store.loader.load`): the whole folder listed and the snapshot
decoded again, every notice's pair key recomputed, and the snapshot stored anew, 50-90
ms at 20,000 tasks; a clerk ticking off tasks paid it on every ``done`` after the
first. The edit knows what it changed, so it does the same there and then, for the one
notice: the progress files read again (each through the row the edit just wrote, so
without parsing), the events checked and grouped as the loader does, the changed
notice's pair, task and notice rows made again, and the snapshot's progress half
(its fingerprint, events, problems and pair keys) replaced; the notices' half is kept.

Only when the cache holds what the edit's dataset was loaded with: every notice's pair
rows computed from the same file contents and settings (the pair keys, as
:class:`cchc_cli.store.pairs.PairIndex` checks them), and a snapshot. Anything else (a
recurring task, a notice row missing, a value that would not read back as it is) leaves
the cache as it was, and the next run takes the loader's way: never a wrong answer, as
the snapshot's fingerprint still has to match the files.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from cchc_cli.core.diagnostics import Diagnostic
from cchc_cli.core.model import Dataset, Notice, NoticeIndex
from cchc_cli.store import progress, snapshot
from cchc_cli.store.cache import RACY_NS, FileCache
from cchc_cli.store.loader import load_progress
from cchc_cli.store.pairrows import made_from
from cchc_cli.store.pairs import PairIndex, notice_pairs
from cchc_cli.store.serialize import event_from_data, event_to_data
from cchc_cli.store.snapcodec import (
    UNREADABLE,
    diagnostics_from,
    diagnostics_to,
    pairs_to,
    same_diagnostics,
    to_json,
)
from cchc_cli.store.snaplazy import entries_named
from cchc_cli.store.tally import notice_row

SHA_LENGTH = 64
#: The parts of the snapshot's notices' half that tell it is still the one read.
_NOTICES_READ = ("fingerprint", "written")
#: Every part the patch reads.
_READ = (*_NOTICES_READ, "shas", "pairs")


class _Declined(Exception):
    """The cache is left as it is: the next run takes the loader's way."""


def patch(data_dir: Path, seen: Dataset) -> None:
    """Bring the cache up to date with the progress files after an edit to ``seen``
    (the dataset the edit was checked against); never fails the edit."""
    pair_index = seen.pairs
    if not isinstance(pair_index, PairIndex):
        return  # no pair rows (a recurring task): the loader's way
    cache = FileCache.open(data_dir)
    if cache is None:
        return
    try:
        _patch(data_dir, cache, seen, pair_index)
    except (_Declined, sqlite3.Error, OSError, *UNREADABLE):
        cache.close()


def _patch(data_dir: Path, cache: FileCache, seen: Dataset, pair_index: PairIndex) -> None:
    # Listed before the files are read, as the loader does: a file changed in between
    # has a stat the next run does not find in the fingerprint.
    listed, mtimes = snapshot.list_progress(data_dir)
    # Only the parts the patch reads or replaces: the rest (the notices' half, validate's
    # lines, a megabyte) stays as it is in the database, neither read nor written again.
    names = ", ".join("?" * len(_READ))
    sql = f"SELECT part, data FROM snapshot WHERE part IN ({names})"
    parts = dict(cache.connection.execute(sql, _READ))
    sources = dict(cache.connection.execute("SELECT path, key FROM pair_sources"))
    expected = pair_index.expected
    if listed is None or set(parts) != set(_READ) or sources != expected:
        raise _Declined
    limit = seen.config.max_file_mb * 1024 * 1024
    shas: dict[str, str] = {}
    events, problems, paths = load_progress(data_dir, cache, seen.registry, limit, shas)
    grouped = _grouped(events, problems, seen)
    changed = {ref for ref in grouped.keys() | seen.progress.keys() if _differs(ref, grouped, seen)}
    _check_encoding(grouped, changed, problems)
    depends = json.loads(parts["pairs"])["depends"]
    made = dict(expected)  # in the index's order, as the loader made it
    for entry in entries_named(seen.index, changed):
        key = cache.key_of(entry.path)
        sha = expected[key][:SHA_LENGTH]
        if not expected[key].startswith(f"{sha}:{depends}"):
            raise _Declined
        made[key] = made_from(entry, sha, depends, grouped)
        if made[key] != expected[key]:
            notice = _notice(cache, entry, key, sha, grouped)
            rows = notice_pairs(notice)
            if rows is None:
                raise _Declined  # a recurring task
            cache.put_pairs(key, made[key], rows, notice_row(notice))
    written = int(parts["written"])
    racy = [path for path, mtime in mtimes.items() if mtime + RACY_NS >= written]
    if any(path not in shas for path in racy):
        raise _Declined  # a file whose content the next run could not check
    stored_shas = {k: v for k, v in json.loads(parts["shas"]).items() if k not in mtimes}
    files = tuple(str(p) for p in paths)
    # Replaced only if the notices' half is still the one read (another run may have
    # stored a snapshot since): the halves of two loads are never mixed.
    over = {part: parts[part] for part in _NOTICES_READ}
    made_parts = {
        "fingerprint_progress": listed,
        "shas": to_json(stored_shas | {path: shas[path] for path in racy}),
        "progress": to_json(
            [
                [ref, [[e.source.path, *event_to_data(e)] for e in found]]
                for ref, found in grouped.items()
            ]
        ),
        "progress_diagnostics": to_json(diagnostics_to(problems)),
        "progress_files": to_json(files),
        "pairs": to_json(pairs_to(made, list(made), _shas(made), depends)),
    }
    cache.put_snapshot(made_parts, over, made)
    cache.finish_progress(list(paths))


def _grouped(
    events: list[progress.Event], problems: list[Diagnostic], seen: Dataset
) -> dict[str, list[progress.Event]]:
    """The events that make sense, by task, and their problems added to ``problems``:
    as the loader checks them (:func:`cchc_cli.store.loader.load`)."""
    if not events:
        return {}
    facts = progress.facts_of(entries_named(seen.index, {e.task for e in events}))
    kept, found = progress.check_events(events, facts, seen.registry)
    problems += found
    return progress.by_task(kept)


def _differs(ref: str, grouped: dict[str, list[progress.Event]], seen: Dataset) -> bool:
    return tuple(grouped.get(ref, ())) != seen.progress.get(ref, ())


def _check_encoding(
    grouped: dict[str, list[progress.Event]], changed: set[str], problems: list[Diagnostic]
) -> None:
    """Decline unless the new events and the problems read back from the snapshot as they
    are (the rest read back so when the snapshot was stored)."""
    for ref in changed:
        for event in grouped.get(ref, ()):
            if event_from_data(event_to_data(event), event.source.path) != event:
                raise _Declined
    back = diagnostics_from(json.loads(to_json(diagnostics_to(problems))))
    if tuple(back) != tuple(problems) or not same_diagnostics(back, problems):
        raise _Declined


def _notice(
    cache: FileCache,
    entry: NoticeIndex,
    key: str,
    sha: str,
    grouped: dict[str, list[progress.Event]],
) -> Notice:
    """The notice of ``entry`` from its cache row, with its progress applied."""
    (notice,) = cache.read([(key, sha, entry.path)])
    if notice is None or any(task.recurrence is not None for task in notice.tasks):
        raise _Declined
    if not any(task.ref in grouped for task in notice.tasks):
        return notice
    tasks = tuple(progress.apply_events(t, grouped.get(t.ref, ())) for t in notice.tasks)
    return dataclasses.replace(notice, tasks=tasks)


def _shas(made: dict[str, str]) -> tuple[str, ...]:
    """Each notice file's SHA-256, with which its pair key starts."""
    return tuple(key[:SHA_LENGTH] for key in made.values())
