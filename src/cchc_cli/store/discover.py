"""Which data folder a run works on, and which files in it a load reads.

From the current folder upward, the first folder holding ``units.yaml`` (so
``cchc`` works inside ``data/`` and ``data/notices/``); :mod:`cchc_cli.store.settings`
puts an explicit ``--data`` before it and ``CCHC_DATA``, then ``./data``, after it.
The data folder is found the way git finds its repository.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

#: The file that makes a folder a data folder.
MARKER = "units.yaml"


def _holds_marker(folder: Path) -> bool:
    """Whether ``folder`` holds a regular ``units.yaml`` (a folder or a pipe of that name
    does not count; a folder that cannot be read is not one)."""
    try:
        return stat.S_ISREG(os.stat(folder / MARKER).st_mode)
    except (OSError, ValueError):  # unreadable, too long a name, a NUL in it
        return False


def find_upward(start: Path) -> Path | None:
    """The nearest folder from ``start`` upward that holds ``units.yaml``, as a path
    relative to ``start`` (``.``, ``..``, ``../..``); None when there is none."""
    try:
        here = start.absolute()
    except OSError:  # the current folder was removed under the shell
        return None
    for depth, folder in enumerate((here, *here.parents)):
        if _holds_marker(folder):
            return Path(*([".."] * depth)) if depth else Path(".")
    return None


class Found(NamedTuple):
    """A file a load reads, as its folder's listing shows it."""

    path: str
    #: Whether the file is a symbolic link itself (the listing tells, no system call).
    linked: bool
    #: Its stat, links followed; None when it cannot be taken (a broken link).
    stat: os.stat_result | None


def _stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def walk_notices(folder: Path, suffixes: tuple[str, ...]) -> list[Found]:
    """Every file under ``folder`` (sub-folders too, hidden ones skipped) whose name ends
    in one of ``suffixes`` (in any case) and that is not a folder, in path order.

    One stat per file: it both tells a folder named like a notice from a file and
    fingerprints the file (:mod:`cchc_cli.store.snapshot`). Sub-folders that are
    links are not entered.
    """
    found: list[Found] = []
    add, is_dir, made = found.append, stat.S_ISDIR, Found._make  # (10,000 files at 100,000 tasks)
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
            name = entry.name
            if name[0] == ".":  # (a name is never empty)
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif name.endswith(suffixes) or name.lower().endswith(suffixes):
                # Anything else named like a notice is read or refused with the
                # reason (a pipe, a device, a broken link): never skipped unsaid.
                try:
                    info: os.stat_result | None = entry.stat()
                except OSError:
                    info = None
                if info is None or not is_dir(info.st_mode):
                    add(made((entry.path, entry.is_symlink(), info)))
    found.sort(key=lambda f: f.path)
    return found


def list_files(folder: Path, suffix: str) -> list[Found]:
    """The files directly in ``folder`` named ``*suffix`` (not folders, hidden ones
    skipped), in name order; none if ``folder`` is not a folder."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        listed = list(entries)
    # Not only regular files: a FIFO or a device named like one is reported, not read.
    found = [
        Found(entry.path, entry.is_symlink(), _stat(entry))
        for entry in listed
        if entry.name.endswith(suffix) and not entry.name.startswith(".")
    ]
    kept = [f for f in found if f.stat is None or not stat.S_ISDIR(f.stat.st_mode)]
    return sorted(kept, key=lambda f: f.path)


def outside_target(path: Path, inside: Path) -> str | None:
    """Where ``path`` really is, if that is outside the folder ``inside`` (resolved)."""
    try:
        target = path.resolve()
    except (RuntimeError, OSError):
        return None  # a loop of links (RuntimeError before 3.13): reading it says so
    return None if target.is_relative_to(inside) else str(target)
