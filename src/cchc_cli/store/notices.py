"""Creating a new notice file (``cchc new``, ``cchc import``): its id, its place, and a
write that never replaces a file and never leaves half of one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.errors import CchcError, UsageError
from cchc_cli.store.fileio import atomic_write
from cchc_cli.store.loader import NOTICES_DIR

#: A notice id: it becomes a file name and the first half of every task reference.
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def new_id(number: str | None, issued: PartialDate | None) -> str:
    """The id a clerk would give: "tb-123-2023" from the number, else "tb-2023-11"."""
    year = issued.year if issued else 0
    digits = re.match(r"\d+", number or "")
    if digits:
        return f"tb-{digits[0]}-{year}"
    if issued and issued.month:
        return f"tb-{year}-{issued.month:02d}"
    return f"tb-{year}"


def check_id(ident: str, taken: Iterable[str]) -> None:
    """Refuse an id that cannot name a file, or one another notice already has."""
    if not _ID.fullmatch(ident) or len(ident) > 100:
        raise UsageError("new.bad-id", id=ident)
    if ident in set(taken):
        # Most likely the same notice imported twice: never a silent copy.
        raise CchcError("import.taken", id=ident)


def notice_path(data_dir: Path, ident: str) -> Path:
    return data_dir / NOTICES_DIR / f"{ident}.yaml"


def create(path: Path, text: str) -> Path:
    """Write a new file at ``path``, all or nothing; never over an existing one."""
    if path.exists():
        raise CchcError("import.exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    return path
