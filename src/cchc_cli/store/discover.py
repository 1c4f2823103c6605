"""Which data folder a run works on, found the way git finds its repository.

From the current folder upward, the first folder holding ``units.yaml`` (so
``cchc`` works inside ``data/`` and ``data/notices/``); :mod:`cchc_cli.store.settings`
puts an explicit ``--data`` before it and ``CCHC_DATA``, then ``./data``, after it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
