"""Several data folders read together: ``--data A --data B`` and config.yaml's ``sources:``.

Each folder is loaded on its own, through its own cache, exactly as when it is read
alone; the datasets are then combined (:mod:`cchc_cli.core.offices`). A folder named
on the command line must exist (a typo is a usage error, as with one folder); a
folder named by ``sources:`` that is missing or unreadable is an error of the
config.yaml that names it, reported where it is written, and the other folders are
read all the same. ``sources:`` are followed in the folders they name too (a
province's districts, their communes), each folder once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from cchc_cli.core.diagnostics import Diagnostic, Source, error, warning
from cchc_cli.core.errors import DataFolderError
from cchc_cli.core.model import Config, Dataset
from cchc_cli.core.offices import Office, combine, paused_gc
from cchc_cli.core.vntext import fold
from cchc_cli.store.config import CONFIG_FILE

#: Not more folders than this in one picture (a loop of links, a runaway list).
MAX_FOLDERS = 1000


def office_id_for(config: Config, folder: Path) -> str:
    """``office_id:``, else the folder's name as an id ("Vĩnh Linh" -> "vinh-linh")."""
    if config.office_id:
        return config.office_id
    name = os.path.basename(os.path.normpath(os.path.abspath(folder)))
    ident = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return ident or "office"


def _shown(base: Path, written: str) -> Path:
    """A source's folder as diagnostics show it: relative to the config's folder,
    written without "a/../" (the way a person would type it)."""
    return Path(os.path.normpath(base / os.path.expanduser(written)))


def load_many(
    folders: Sequence[Path],
    load_one: Callable[[Path], Dataset],
) -> Dataset:
    """The folders and every folder their ``sources:`` name, combined, the first
    folder's settings in force.

    ``load_one`` loads a folder (with its cache). A source that cannot be read
    becomes an error diagnostic at its line in config.yaml.
    """
    queue: list[tuple[Path, Source | None]] = [(f, None) for f in folders]
    seen: set[str] = set()
    parts: list[tuple[Office, Dataset]] = []
    problems: list[Diagnostic] = []
    ids: set[str] = set()
    while queue:
        folder, named_at = queue.pop(0)
        try:
            key = os.path.realpath(folder)
        except (OSError, ValueError) as err:
            if named_at is None:
                raise
            problems.append(_problem(named_at, folder, err))
            continue
        if key in seen:
            continue
        seen.add(key)
        if len(parts) >= MAX_FOLDERS:
            where = named_at or Source(str(folder))
            problems.append(error(where, "sources.too-many", max=MAX_FOLDERS))
            break
        try:
            with paused_gc():
                dataset = load_one(folder)
        except (DataFolderError, OSError) as err:
            if named_at is None:
                raise
            problems.append(_problem(named_at, folder, err))
            continue
        config = dataset.config
        ident = office_id_for(config, folder)
        if ident in ids:
            where = Source(str(folder / CONFIG_FILE))
            problems.append(warning(where, "sources.same-office-id", id=ident))
            number = 2
            while f"{ident}-{number}" in ids:
                number += 1
            ident = f"{ident}-{number}"
        ids.add(ident)
        parts.append((Office(ident, config.office or ident, str(folder)), dataset))
        queue += [(_shown(folder, written), source) for written, source in config.sources]
    first = parts[0][1]
    # One folder after all (its sources all missing, or itself twice): as read alone.
    together: Dataset = first
    if len(parts) > 1:
        from cchc_cli.core.offices import notice_id
        from cchc_cli.store.snaplazy import LazyIndex, issue_days, notice_ids

        def columns() -> tuple[list[str], list[int]]:
            # Each entry's qualified id and day of issue from the folders': none decoded.
            ids = [notice_id(o.id, i) for o, d in parts for i in notice_ids(d.index)]
            return ids, [day for _, d in parts for day in issue_days(d.index)]

        together = combine(parts, first, lambda make: LazyIndex(make, columns))
        together = _with_pairs(together, parts)
    if not problems:
        return together
    import dataclasses

    from cchc_cli.core.diagnostics import merged

    return dataclasses.replace(together, diagnostics=merged(together.diagnostics, problems))


def _with_pairs(together: Dataset, parts: Sequence[tuple[Office, Dataset]]) -> Dataset:
    """``together`` answering queries from each folder's own pair rows, when every
    folder was read through its cache and has them (else it answers in Python)."""
    from cchc_cli.store.pairs import PairIndex

    indexes = [(office.id, dataset.pairs) for office, dataset in parts]
    if not all(isinstance(index, PairIndex) for _, index in indexes):
        return together
    import dataclasses

    from cchc_cli.store.multipairs import CombinedPairs

    return dataclasses.replace(together, pairs=CombinedPairs(indexes))  # type: ignore[arg-type]


def _problem(
    where: Source, folder: Path, err: DataFolderError | OSError | ValueError
) -> Diagnostic:
    """Why a source was not read, at the line of config.yaml that names it."""
    if isinstance(err, DataFolderError):
        key = "sources.missing" if err.key == "data.missing" else "sources.not-a-folder"
        return error(where, key, folder=str(folder))
    reason = (err.strerror if isinstance(err, OSError) else None) or str(err)
    return error(where, "sources.unreadable", folder=str(folder), reason=reason)
