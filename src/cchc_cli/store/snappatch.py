"""The snapshot of the last load patched for the notice files changed since, not made afresh.

A clerk edits one notice and runs ``due``: the fingerprint of the folder differs, and
:func:`cchc_cli.store.snapshot.restore` sends the load the long way (2,000 cache rows
decoded, then the whole snapshot encoded and checked again: 0.45 s of a 0.75 s run at
20,000 tasks). Yet only that file's part of the notices' half changed. When the
folder's listing differs from the snapshot's in notice files alone (changed, added,
removed), :func:`patch` keeps the snapshot's notices' half for the others and reads
only the changed ones (through their cache rows, or parsing them), then redoes what
crosses files exactly as the long way does it:

- the first-seen order of the notice ids and the notices found twice: every file that
  holds one of the ids the changed files held or hold (found in the snapshot's index,
  or in its ``notice.duplicate-id`` errors) is read again, through its cache row, and
  the ids are given out again in file order; the others keep what they had, since no
  file that holds their ids changed;
- the diagnostics: a file's problems all lie in that file (its cache row stores them
  so), so the stored diagnostics are a group per file in path order: the groups of the
  files read again are replaced, the rest kept as stored text, never decoded;
- the index: the stored columns of the kept entries copied, the new entries encoded
  after them into the same tables.

The progress half is then read again as when only progress files changed (the pair
rows of the changed notices refreshed there). Anything else (config.yaml or
units.yaml changed, another version, a link among the changed files, a racily clean
file that is not what it was, anything that does not read) returns None: the long way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from cchc_cli.core.diagnostics import Diagnostic, Source, error, sort_diagnostics
from cchc_cli.core.model import Config, Notice, NoticeIndex, Registry, index_of
from cchc_cli.core.units import Resolver
from cchc_cli.core.workdays import WorkCalendar
from cchc_cli.store.cache import RACY_NS, FileCache
from cchc_cli.store.snapcodec import (
    UNREADABLE,
    decode,
    diagnostics_from,
    diagnostics_to,
    index_from,
    index_to,
    same_diagnostics,
    to_json,
)
from cchc_cli.store.snapdups import DUPLICATES
from cchc_cli.store.snaplazy import checksum, collector_paused, parts_of, restored_index
from cchc_cli.store.snapshot import (
    Listing,
    Restored,
    notices_from,
    same_content,
    stored_parts,
)

#: The fingerprint's lines before the notice files' (list_folder): the stamp, the folder,
#: config.yaml, units.yaml and notices/ itself.
HEAD = 5
#: More changed files than this: the long way, which reads its misses in parallel.
MOST = 64
DUPLICATE_ID = "notice.duplicate-id"

#: The loader's reader of a notice file: (path, shown, registry, resolver, limit,
#: calendar) -> (stat, content, notice, problems).
Read = Callable[
    [Path, str, Registry, Resolver, int, WorkCalendar],
    tuple[Any, bytes | None, Notice | None, list[Diagnostic]],
]


class Patched(NamedTuple):
    """A load as the patched snapshot holds it (its progress half to be read again),
    and the notices parsed meanwhile."""

    restored: Restored
    parsed: dict[str, Notice]


class _Fresh(NamedTuple):
    """A notice file read again: what the long way's loop takes of it."""

    problems: list[Diagnostic]
    entry: NoticeIndex | None
    id_source: Source | None
    sha: str | None


class _Gone(Exception):
    """Something the patch does not handle: the long way."""


def patch(listing: Listing, cache: FileCache, read: Read) -> Patched | None:
    """The snapshot patched for the notice files that differ from its listing; None if
    anything else differs (or a part does not read): then the load takes the long way."""
    if listing.text is None or (parts := stored_parts(cache)) is None:
        return None
    if "fingerprint" not in parts:
        return None
    try:
        with collector_paused():
            return _patched(listing, cache, parts, read)
    except (_Gone, *UNREADABLE):
        return None


def _patched(
    listing: Listing, cache: FileCache, parts: dict[str, str], read: Read
) -> Patched | None:
    assert listing.text is not None
    changed, removed, order, head = _differences(listing, parts)
    config = decode(json.loads(parts["config"])[0])
    registry = decode(json.loads(parts["registry"]))
    depends = json.loads(parts["depends"])
    if not (isinstance(config, Config) and isinstance(registry, Registry)):
        return None
    # The index's columns, never decoded into entries: its paths and ids are enough.
    columns, rows = json.loads(parts["index"]), json.loads(parts["index_rows"])
    columns |= dict(zip(("ids", "issued"), json.loads(parts["index_ids"]), strict=True))
    kept_sum, _ = json.loads(parts["errors"])
    if restored_index(parts) is None or kept_sum != checksum(parts["diagnostics"]):
        return None
    prefix, ids = rows[0], columns["ids"]
    at = {prefix + path: number for number, path in enumerate(rows[1])}
    groups: list[list[Any]] = json.loads(parts["diagnostics"])
    twice = _ids_found_twice(groups)

    def ids_of(path: str) -> set[str]:
        number = at.get(path)
        return {ids[number]} if number is not None else twice.get(path, set())

    resolver = Resolver(registry)
    limit = config.max_file_mb * 1024 * 1024
    parsed: dict[str, Notice] = {}

    def again(path: str) -> _Fresh:
        hit = cache.get(Path(path), depends, whole=False)  # a few rows: not all 2,000
        if hit is not None:
            return _Fresh(hit.diagnostics, hit.index, hit.id_source, hit.sha)
        stat, content, notice, problems = read(
            Path(path), path, registry, resolver, limit, config.calendar
        )
        sha = None
        if stat is not None and content is not None:
            sha = cache.put(Path(path), stat, depends, content, notice, problems)
        if notice is None:
            return _Fresh(problems, None, None, sha)
        parsed[path] = notice
        return _Fresh(problems, index_of(notice), notice.spans["id"], sha)

    fresh = {path: again(path) for path in order if path in changed}
    moved: set[str] = set()  # the ids whose first holder may be another file now
    for path in (*changed, *removed):
        moved |= ids_of(path)
    moved |= {f.entry.id for f in fresh.values() if f.entry is not None}
    # The files that hold those ids and did not change: their place may change.
    fresh |= {path: again(path) for path in order if path not in fresh and ids_of(path) & moved}

    # The long way's loop, for the files read again; the others keep their entry.
    seen: dict[str, Source] = {}
    kept: list[int | tuple[NoticeIndex, str]] = []
    problems_of: dict[str, list[Diagnostic]] = {}
    for path in order:
        got = fresh.get(path)
        if got is None:
            if path in at:
                kept.append(at[path])
            continue
        problems = list(got.problems)
        entry, id_source = got.entry, got.id_source
        if entry is not None and id_source is not None:
            first = seen.get(entry.id)
            if first is not None:
                problems.append(error(id_source, DUPLICATE_ID, id=entry.id, first=str(first)))
            elif got.sha is None:
                return None  # not cached: the long way stores no snapshot either
            else:
                seen[entry.id] = id_source
                kept.append((entry, got.sha))
        problems_of[path] = problems

    new_parts = dict(parts)
    new_parts.pop(DUPLICATES, None)
    new_parts["fingerprint"] = listing.text
    new_parts["files"] = to_json(head + order)
    new_parts |= _diagnostics(groups, problems_of, set(removed))
    new_parts |= _index(columns, rows, kept)
    notices = notices_from(new_parts, cache.path)
    if notices is None:
        return None
    shas = {path: sha for path, sha in json.loads(parts["shas"]).items() if path not in fresh}
    shas |= {path: got.sha for path, got in fresh.items() if got.sha is not None}
    return Patched(Restored(notices, None, new_parts, shas), parsed)


def _differences(
    listing: Listing, parts: dict[str, str]
) -> tuple[set[str], list[str], list[str], list[str]]:
    """The notice files changed or added since the snapshot, those removed, every notice
    file in order and the files read before them; _Gone if anything else differs."""
    assert listing.text is not None
    old_lines = parts["fingerprint"].split("\n")
    new_lines = listing.text.split("\n")
    if old_lines[:HEAD] != new_lines[:HEAD]:
        raise _Gone  # another version, folder, config.yaml or units.yaml
    order = [found.path for found in listing.notices]
    if len(new_lines) != HEAD + len(order):
        raise _Gone  # a name with a line break in it
    new = dict(zip(order, new_lines[HEAD:], strict=True))
    old = {line.split("\t", 1)[0]: line for line in old_lines[HEAD:]}
    files = json.loads(parts["files"])
    start = len(files) - len(old)
    if len(old) != len(old_lines) - HEAD or start < 0 or files[start:] != list(old):
        raise _Gone
    if not all(line.startswith(path + "\t") for path, line in new.items()):
        raise _Gone
    changed = {path for path, line in new.items() if old.get(path) != line}
    removed = [path for path in old if path not in new]
    # Racily clean when the snapshot was stored: each is checked by content, as restore does.
    written = int(parts["written"])
    stored = json.loads(parts["shas"])
    for path, mtime in listing.mtimes.items():
        if mtime + RACY_NS < written or path in changed or path in listing.progress_mtimes:
            continue
        if not same_content(path, stored.get(path)):
            if path not in new:
                raise _Gone  # config.yaml or units.yaml
            changed.add(path)
    if len(changed) + len(removed) > MOST:
        raise _Gone
    for path in (*changed, *removed):
        lines = (new.get(path, ""), old.get(path, ""))
        if path in listing.linked or any(_linked(line) for line in lines):
            raise _Gone  # maybe out of the folder: the long way says so
    return changed, removed, order, files[:start]


def _linked(line: str) -> bool:
    return "\t->\t" in line or line.endswith("\t1")


def _ids_found_twice(groups: list[list[Any]]) -> dict[str, set[str]]:
    """The id of each file refused as a notice found twice, by path."""
    twice: dict[str, set[str]] = {}
    for path, values in groups:
        if DUPLICATE_ID in values[3::6]:  # each diagnostic's key
            for at in range(3, len(values), 6):
                if values[at] == DUPLICATE_ID:
                    twice.setdefault(path, set()).add(values[at + 1]["id"])
    return twice


def _diagnostics(
    groups: list[list[Any]], problems_of: dict[str, list[Diagnostic]], removed: set[str]
) -> dict[str, str]:
    """The stored diagnostics with the groups of the files read again replaced (and of
    those removed dropped), and their errors: the parts ``diagnostics`` and ``errors``."""
    kept = [group for group in groups if group[0] not in problems_of and group[0] not in removed]
    for path, problems in problems_of.items():
        ordered = sort_diagnostics(problems)
        data = diagnostics_to(ordered)
        if len(data) > 1 or (data and data[0][0] != path):
            raise _Gone  # a problem sourced elsewhere: not one group
        back = diagnostics_from(json.loads(to_json(data)))
        if not same_diagnostics(ordered, back):
            raise _Gone
        kept += data
    # In file order (a sort by path first): stable, and each path is one group.
    kept.sort(key=lambda group: group[0])
    errors = []
    for path, values in kept:
        starts = range(0, len(values), 6)
        chosen = [v for at in starts if values[at + 2] == 0 for v in values[at : at + 6]]
        if chosen:
            errors.append([path, chosen])
    text = to_json(kept)
    return {"diagnostics": text, "errors": to_json([checksum(text), errors])}


#: The index's columns of one value per entry.
_COLUMNS = ("ids", "issued", "starts", "tasks", "assignees", "done")


def _index(
    columns: dict[str, Any], rows: list[Any], kept: list[int | tuple[NoticeIndex, str]]
) -> dict[str, str]:
    """The index's parts (:func:`cchc_cli.store.snaplazy.index_parts`) for the entries
    ``kept``: the stored entry at that position, or a new entry and its SHA-256;
    ``columns`` and ``rows``: the stored parts ``index`` (with ``index_ids``) and
    ``index_rows``, read."""
    prefix, paths, shas = rows
    units, groups, ids_of = columns["units"], columns["groups"], columns["ids_of"]
    unit_at = {tuple(u): at for at, u in enumerate(units)}
    group_at = {tuple(g): at for at, g in enumerate(groups)}
    ids_at = {tuple(t): at for at, t in enumerate(ids_of)}

    def ref(table: list[Any], at: dict[Any, int], value: tuple[Any, ...]) -> int:
        if value not in at:
            at[value] = len(table)
            table.append(list(value))
        return at[value]

    def group(value: tuple[tuple[str, ...], ...]) -> int:
        return ref(groups, group_at, tuple(ref(units, unit_at, u) for u in value))

    made: dict[str, list[Any]] = {name: [] for name in (*_COLUMNS, "paths", "shas")}
    for item in kept:
        if isinstance(item, int):
            for name in _COLUMNS:
                made[name].append(columns[name][item])
            made["paths"].append(paths[item])
            made["shas"].append(shas[item])
            continue
        entry, sha = item
        if not entry.path.startswith(prefix) or _round_trip(entry, sha, prefix) != entry:
            raise _Gone
        made["ids"].append(entry.id)
        made["issued"].append(entry.issued.toordinal())
        made["starts"].append(entry.starts.toordinal() if entry.starts else None)
        made["tasks"].append(ref(ids_of, ids_at, entry.task_ids))
        made["assignees"].append(group(entry.assignees))
        made["done"].append(group(entry.done_inline))
        made["paths"].append(entry.path[len(prefix) :])
        made["shas"].append(sha)
    return parts_of({"prefix": prefix, **made, "units": units, "groups": groups, "ids_of": ids_of})


def _round_trip(entry: NoticeIndex, sha: str, prefix: str) -> NoticeIndex:
    """``entry`` encoded and decoded again (TypeError if it cannot be encoded)."""
    return index_from(json.loads(to_json(index_to((entry,), (sha,), prefix))))[0][0]
