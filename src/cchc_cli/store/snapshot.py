"""A whole load of a data folder, kept in its cache so the next run costs one stat per file.

The per-file rows of :mod:`cchc_cli.store.cache` spare a warm run the YAML of the
notices, but not the rest of a load: config.yaml and units.yaml parsed again, a
query and two JSON documents per notice file, the progress files and their
checks. When a load through the cache completes, the loader stores what it made
(the settings, the registry, the index, the diagnostics, the progress events,
the pair rows' keys, the files read) as one snapshot, with a **fingerprint** of
everything the load looked at:

- what a load depends on besides the files: the program and cache version, the
  ``holidays`` package, Python, the data folder as named and where it really is;
- config.yaml and units.yaml (their stat, or that they are absent);
- the listings of notices/ (every sub-folder) and progress/, and each file's
  stat (size, modification and change times, inode), whether it is a link and,
  for a link, whether it leads out of the folder.

The next load lists the folders and stats every file again (one system call
per file, see :func:`cchc_cli.store.discover.walk_notices`); if the fingerprint
is the same text, the dataset is built from the snapshot without reading a
file or parsing YAML, and notices are read back from their per-file rows only
when asked for. Anything else (a file touched, added, renamed, made
unreadable; a folder added; another version) gives another text, and the load
takes the long way and stores a new snapshot.

A stat can miss a change made within the file system's timestamp granularity
of the read (git's "racily clean" files): a file modified within
:data:`~cchc_cli.store.cache.RACY_NS` before the load began is checked by the
SHA-256 of its content. A file that is not a regular one (a pipe, a broken
link) cannot be fingerprinted: such a folder is always loaded the long way.

Everything is stored as JSON, never pickle: the cache lives in a shared data
folder, and reading it must not run code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from cchc_cli.core.diagnostics import Diagnostic, Diagnostics, errors_of
from cchc_cli.core.lazyclass import dataclass, field
from cchc_cli.core.model import Config, NoticeIndex, Registry
from cchc_cli.store.cache import RACY_NS, VERSION, FileCache
from cchc_cli.store.cacheplace import sha256_hex
from cchc_cli.store.cachewrite import folder_prefix
from cchc_cli.store.discover import Found, list_files, outside_target, walk_notices
from cchc_cli.store.holidaystamp import holidays_stamp
from cchc_cli.store.progress import PROGRESS_DIR, SUFFIX, Event
from cchc_cli.store.serialize import event_from_data, event_to_data
from cchc_cli.store.snapcodec import (
    UNREADABLE,
    decode,
    diagnostics_from,
    diagnostics_to,
    encode,
    pairs_to,
    same_diagnostics,
    to_json,
)
from cchc_cli.store.snapdups import DUPLICATES, Duplicates
from cchc_cli.store.snaplazy import (
    checksum,
    collector_paused,
    index_parts,
    pairs_when_read,
    restored_index,
)
from cchc_cli.store.snaplines import PREFIX as LINES
from cchc_cli.store.snaplines import kept_lines

#: Raised whenever what a snapshot holds changes: 4 keeps the index's rows (each notice's
#: file and SHA-256) apart from the rest of it, which is decoded when read (snaplazy).
FORMAT = 4
CONFIG_FILE = "config.yaml"
UNITS_FILE = "units.yaml"
NOTICES_DIR = "notices"
NOTICE_SUFFIXES = (".yaml", ".yml")
#: What a snapshot that does not decode raises (a damaged or tampered cache): never used then.
_UNREADABLE = UNREADABLE


class Listing(NamedTuple):
    """Every file a load reads or looks for, listed and stat'ed before any is read.

    This and :class:`Restored` are named tuples: every warm run makes them, and a frozen
    dataclass costs five times as much to create."""

    notices: list[Found]
    #: Notice files a link may lead out of the folder (notices/ itself may be one).
    linked: set[str]
    progress: list[Found]
    #: The fingerprint of all but the progress files; None when something in the
    #: folder cannot be fingerprinted.
    text: str | None
    #: The progress files' fingerprint (None: one cannot be fingerprinted).
    progress_text: str | None
    #: Each file's modification time (ns), for the racily clean ones.
    mtimes: dict[str, int]
    #: Those of the progress files.
    progress_mtimes: dict[str, int]


def storable(listing: Listing) -> bool:
    """Whether every name the listing holds can be a key of the cache: SQLite holds
    UTF-8 text, and a file or folder name need not be UTF-8."""
    try:
        for text in (listing.text, listing.progress_text):
            if text is not None and not text.isascii():  # (no copy made of a megabyte)
                text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def list_folder(data_dir: Path) -> Listing:
    """The files of ``data_dir`` a load reads, and their fingerprint."""
    inside = data_dir.resolve()
    head = _Lines([_stamp(data_dir), str(inside)])
    for name in (CONFIG_FILE, UNITS_FILE):
        path = data_dir / name
        try:
            info = os.stat(path)
        except FileNotFoundError:
            head.lines.append(f"{path}\t-")
            continue
        except OSError:
            head.usable = False
            continue
        head.add(Found(str(path), False, info), None)
    folder = data_dir / NOTICES_DIR
    notices = walk_notices(folder, NOTICE_SUFFIXES) if folder.is_dir() else []
    folder_linked = folder.is_symlink()
    head.lines.append(f"{folder}\t{int(folder.is_dir())}\t{int(folder_linked)}")
    linked = {f.path for f in notices if folder_linked or f.linked}
    head.add_all(notices, linked, inside)
    progress, tail = _list_progress(data_dir, inside)
    return Listing(
        notices, linked, progress, head.text, tail.text, head.mtimes | tail.mtimes, tail.mtimes
    )


def list_progress(data_dir: Path) -> tuple[str | None, dict[str, int]]:
    """The progress files' half of :func:`list_folder`: their fingerprint and modification
    times, for an edit that changed only them (:mod:`cchc_cli.store.progress_patch`)."""
    _, tail = _list_progress(data_dir, data_dir.resolve())
    return tail.text, tail.mtimes


def _list_progress(data_dir: Path, inside: Path) -> tuple[list[Found], _Lines]:
    folder = data_dir / PROGRESS_DIR
    progress = list_files(folder, SUFFIX)
    folder_linked = folder.is_symlink()
    tail = _Lines([f"{folder}\t{int(folder.is_dir())}\t{int(folder_linked)}"])
    for found in progress:
        tail.add(found, inside if folder_linked or found.linked else None)
    return progress, tail


class _Lines:
    """A fingerprint being written: a line per file."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.mtimes: dict[str, int] = {}
        self.usable = True

    def add(self, found: Found, inside: Path | None) -> None:
        """The line of a file; ``inside``: the folder it is a link in, maybe out of."""
        target = outside_target(Path(found.path), inside) if inside is not None else None
        if target is not None:
            self.lines.append(f"{found.path}\t->\t{target}")  # refused for where it leads
            return
        info = found.stat
        if info is None or not stat.S_ISREG(info.st_mode):
            self.usable = False
            return
        self.mtimes[found.path] = info.st_mtime_ns
        self.lines.append(
            f"{found.path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ctime_ns}"
            f"\t{info.st_ino}\t{int(inside is not None)}"
        )

    def add_all(self, found: list[Found], linked: set[str], inside: Path) -> None:
        """The lines of the files ``found``, those in ``linked`` links maybe out of
        ``inside``: :meth:`add` of each, in one loop (2,000 files on every warm run)."""
        lines, mtimes, regular = self.lines, self.mtimes, stat.S_ISREG
        for each in found:
            path, _, info = each
            if path in linked:
                self.add(each, inside)
            elif info is None or not regular(info.st_mode):
                self.usable = False
            else:
                mtimes[path] = mtime = info.st_mtime_ns
                lines.append(
                    f"{path}\t{info.st_size}\t{mtime}\t{info.st_ctime_ns}\t{info.st_ino}\t0"
                )

    @property
    def text(self) -> str | None:
        return "\n".join(self.lines) if self.usable else None


def _stamp(data_dir: Path) -> str:
    """What a load depends on besides the files."""
    return "\t".join(
        ("snapshot", str(FORMAT), VERSION, holidays_stamp(), sys.version, str(data_dir))
    )


def racy_files(listing: Listing, written: int) -> list[str]:
    """The files modified so close to ``written`` that their stat may hide a change."""
    mtimes = listing.mtimes
    if not mtimes or max(mtimes.values()) + RACY_NS < written:  # the usual case: no loop
        return []
    return [path for path, mtime in mtimes.items() if mtime + RACY_NS >= written]


def same_content(path: str, sha: str | None) -> bool:
    try:
        with open(path, "rb") as file:
            return sha is not None and sha256_hex(file.read()) == sha
    except OSError:
        return False


# -- what a dataset is made of ----------------------------------------------------------


@dataclass(frozen=True)
class Notices:
    """What a load makes of the settings, the registry and the notices."""

    config: Config
    registry: Registry
    #: Restored: a :class:`~cchc_cli.store.snaplazy.LazyIndex`, decoded when read.
    index: Sequence[NoticeIndex]
    #: Each index entry's cache row: (row key, SHA-256 of the file).
    rows: tuple[tuple[str, str], ...]
    #: Their problems, in file order (restored: the errors at once, the rest when read).
    diagnostics: Sequence[Diagnostic]
    #: config.yaml and units.yaml if there, and every notice file.
    files: tuple[str, ...]
    #: What every notice's model depends on besides its file (the cache's ``depends_on``).
    depends_on: str
    #: The notices found twice, kept with the snapshot (:class:`Duplicates`), if restored.
    duplicates: Duplicates | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Progress:
    """What a load makes of the progress files, given its :class:`Notices`."""

    events: dict[str, tuple[Event, ...]]
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]
    #: The pair rows' keys (:class:`cchc_cli.store.pairs.PairIndex`); None: no pair rows.
    pairs: dict[str, str] | None


class Restored(NamedTuple):
    """A load as the snapshot holds it; ``progress`` is None when the progress files
    changed since (a unit's report recorded): they are read again, the rest holds."""

    notices: Notices
    progress: Progress | None
    #: The stored parts, to store the notices' half again as it is.
    parts: dict[str, str]
    #: The SHA-256 of the files that were racily clean when it was stored.
    shas: dict[str, str]


#: The parts of a snapshot that describe the notices' half (the rest: the progress half).
NOTICE_PARTS = (
    "config",
    "registry",
    "index",
    "index_rows",
    "index_ids",
    "index_sum",
    "errors",
    "diagnostics",
    "files",
    "depends",
)


def stored_parts(cache: FileCache) -> dict[str, str] | None:
    """The snapshot's parts but the lines validate keeps rendered (snaplines reads
    those itself); None if the cache cannot be read."""
    try:
        sql = "SELECT part, data FROM snapshot WHERE part NOT LIKE ?"
        return dict(cache.connection.execute(sql, (LINES + "%",)))
    except sqlite3.Error:
        return None


def restore(listing: Listing, cache: FileCache) -> Restored | None:
    """What the last load made, if the folder is still what it was; else None."""
    if listing.text is None or (parts := stored_parts(cache)) is None:
        return None
    if parts.get("fingerprint") != listing.text:
        return None
    try:
        racy = racy_files(listing, int(parts["written"]))
        shas = json.loads(parts["shas"]) if racy else {}
        settled = [path for path in racy if path not in listing.progress_mtimes]
        unsettled = [path for path in racy if path in listing.progress_mtimes]  # progress
        if not all(same_content(path, shas.get(path)) for path in settled):
            return None
        with collector_paused():
            notices = notices_from(parts, cache.path)
            if notices is None:
                return None
            progress = None
            if listing.progress_text is not None and (
                parts["fingerprint_progress"] == listing.progress_text
                and all(same_content(path, shas.get(path)) for path in unsettled)
            ):
                progress = _progress_from(parts, notices)
    except _UNREADABLE:
        return None
    return Restored(notices, progress, parts, shas)


def notices_from(parts: dict[str, str], place: Path | None = None) -> Notices | None:
    """The notices' half of a snapshot; with ``place`` (the cache's file), the notices
    found twice kept with it."""
    config = decode(json.loads(parts["config"])[0])
    registry = decode(json.loads(parts["registry"]))
    found = restored_index(parts)
    if found is None:
        return None
    index, keys, shas = found
    # The errors apart, so that a run that reads no warning decodes none; the whole
    # list is decoded when read, so its checksum stands for it now (damaged: the long way).
    kept_sum, stored_errors = json.loads(parts["errors"])
    if kept_sum != checksum(parts["diagnostics"]):
        return None
    errors = diagnostics_from(stored_errors)
    diagnostics = Diagnostics(errors, lambda: diagnostics_from(json.loads(parts["diagnostics"])))
    files = tuple(json.loads(parts["files"]))
    if not (isinstance(config, Config) and isinstance(registry, Registry)):
        return None
    rows = tuple(zip(keys, shas, strict=True))
    depends = json.loads(parts["depends"])
    kept = None if place is None else Duplicates(parts, place, diagnostics)
    return Notices(config, registry, index, rows, diagnostics, files, depends, kept)


def _progress_from(parts: dict[str, str], notices: Notices) -> Progress:
    events = {
        ref: tuple(event_from_data(e[1:], e[0]) for e in found)
        for ref, found in json.loads(parts["progress"])
    }
    pairs = pairs_when_read(json.loads(parts["pairs"]), notices.rows)
    diagnostics = diagnostics_from(json.loads(parts["progress_diagnostics"]))
    return Progress(events, diagnostics, tuple(json.loads(parts["progress_files"])), pairs)


def _exactly(a: Notices | Progress, b: Notices | Progress | None) -> bool:
    """Whether ``b`` is ``a`` in every value, the diagnostics' arguments and types too."""

    if b is None or a != b or not same_diagnostics(a.diagnostics, b.diagnostics):
        return False
    return same_diagnostics(errors_of(a.diagnostics), errors_of(b.diagnostics))


def store(
    cache: FileCache,
    listing: Listing,
    written: int,
    shas: dict[str, str],
    notices: Notices,
    progress: Progress,
    stored: dict[str, str] | None = None,
    keys: set[str] | None = None,
) -> None:
    """Queue the snapshot of a load that began at ``written`` (ns) and made ``notices``
    and ``progress``, from files whose SHA-256 are ``shas``, with config.yaml's
    ``keys``; the notices' half as ``stored`` already if given. :meth:`FileCache.finish`
    writes it.

    Nothing is stored if the folder cannot be fingerprinted, if a racily clean file's
    content is unknown, or if anything would not read back exactly as it is.
    """
    if listing.text is None:
        return
    racy = racy_files(listing, written)
    if any(path not in shas for path in racy):
        return
    keys_of = [key for key, _ in notices.rows]
    file_shas = tuple(sha for _, sha in notices.rows)
    prefix = folder_prefix(cache.data_dir)
    try:
        if stored is not None:
            parts = {part: stored[part] for part in NOTICE_PARTS}
            if DUPLICATES in stored:  # they depend on the notices alone, validate's lines too
                parts[DUPLICATES] = stored[DUPLICATES]
                parts |= kept_lines(cache.connection)  # (not kept for a patched snapshot)
        else:
            parts = {
                "config": to_json([encode(notices.config), sorted(keys or ())]),
                "registry": to_json(encode(notices.registry)),
                "diagnostics": to_json(diagnostics_to(notices.diagnostics)),
                "files": to_json(notices.files),
                "depends": to_json(notices.depends_on),
            }
            parts |= index_parts(notices.index, file_shas, prefix)
            errors = diagnostics_to(errors_of(notices.diagnostics))
            parts["errors"] = to_json([checksum(parts["diagnostics"]), errors])
            if not _exactly(notices, notices_from(parts)):
                return
        pairs = pairs_to(progress.pairs, keys_of, file_shas, notices.depends_on)
        parts |= {
            "fingerprint": listing.text,
            "fingerprint_progress": listing.progress_text or "",
            "written": str(written),
            "shas": to_json({path: shas[path] for path in racy}),
            "progress": to_json(
                [
                    [ref, [[e.source.path, *event_to_data(e)] for e in found]]
                    for ref, found in progress.events.items()
                ]
            ),
            "progress_diagnostics": to_json(diagnostics_to(progress.diagnostics)),
            "progress_files": to_json(progress.files),
            "pairs": to_json(pairs),
        }
        if not _exactly(progress, _progress_from(parts, notices)):
            return
    except _UNREADABLE:
        return  # a value of a kind the snapshot does not know: the long way next time
    cache.put_snapshot(parts, pairs=progress.pairs)


def read_config(data_dir: Path) -> tuple[Config, set[str]]:
    """:func:`cchc_cli.store.config.read_config`, from the snapshot when config.yaml is
    still the file it was made from: no YAML parser is imported then.

    For the settings of a run (``cli.context.build_run``), before the dataset is loaded.
    """
    path = data_dir / CONFIG_FILE
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Config(), set()  # as read_config says of a folder without the file
    except OSError:
        info = None
    found = _config_of(data_dir, info) if info is not None else None
    if found is not None:
        return found
    from cchc_cli.store.config import read_config as read_file

    return read_file(data_dir)


def _config_of(data_dir: Path, info: os.stat_result) -> tuple[Config, set[str]] | None:
    from cchc_cli.store.cache import BUSY_TIMEOUT, cache_locations

    if not stat.S_ISREG(info.st_mode):
        return None
    location = next((p for p in cache_locations(data_dir) if p.is_file()), None)
    if location is None:
        return None
    try:
        connection = sqlite3.connect(location, timeout=BUSY_TIMEOUT)
        try:
            parts = dict(
                connection.execute(
                    "SELECT part, data FROM snapshot"
                    " WHERE part IN ('fingerprint', 'written', 'shas', 'config')"
                )
            )
        finally:
            connection.close()
        path = str(data_dir / CONFIG_FILE)
        head = parts["fingerprint"].split("\n", 3)
        listed = Listing([], set(), [], None, None, {path: info.st_mtime_ns}, {})
        expected = (
            f"{path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ctime_ns}\t{info.st_ino}\t0"
        )
        # The stamp and the config line, as list_folder writes them.
        if head[0] != _stamp(data_dir) or head[2] != expected:
            return None
        racy = racy_files(listed, int(parts["written"]))
        if racy and not same_content(path, json.loads(parts["shas"]).get(path)):
            return None
        config, keys = json.loads(parts["config"])
        settings = decode(config)
    except (sqlite3.Error, *_UNREADABLE):
        return None
    return (settings, set(keys)) if isinstance(settings, Config) else None
