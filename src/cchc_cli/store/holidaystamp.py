"""Which ``holidays`` package is installed, told without importing it (0.15 s).

A cached notice's last days depend on the public holidays the package knows
(a deadline counted in working days skips them), so the cache keys notices by
the package's version too: upgrading it rebuilds them. The version is read
from the name of its ``holidays-X.Y.dist-info`` folder, which costs one
listing of the folder it is installed in.
"""

from __future__ import annotations

import functools
import importlib.util
import os


@functools.cache
def holidays_stamp() -> str:
    """``holidays-0.109`` (the installed distribution), or ``holidays-?`` if not found."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return "holidays-?"
    folder = os.path.dirname(next(iter(spec.submodule_search_locations)))
    try:
        names = os.listdir(folder)
    except OSError:
        return "holidays-?"
    found = sorted(n for n in names if n.startswith("holidays-") and n.endswith(".dist-info"))
    return found[-1].removesuffix(".dist-info") if found else "holidays-?"
