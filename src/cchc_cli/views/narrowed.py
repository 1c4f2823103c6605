"""A filtered ``list`` and a narrowed ``export`` read back only the notices they print.

Both print what only a whole task has (its target, lead, completions' evidence...),
so their tasks come from the notices; but which notices hold them is answered in SQL
over the cache's rows (:mod:`cchc_cli.store.listrows`, issue 17), and only those are
read. The dataset is then narrowed to them (:func:`narrowed`) and goes through the
same code as with every notice: what a notice left out holds would have been left
out anyway, and the display order is the notices' own, so the output is the same
byte for byte. Where the cache cannot answer, every notice is read as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.core.model import Dataset, Notice, Task
from cchc_cli.core.status import UnitStatus
from cchc_cli.views.listing import choose
from cchc_cli.views.query import find_notice, resolve_units, select, select_statuses

if TYPE_CHECKING:
    from cchc_cli.store.pairs import PairIndex


def listed_tasks(
    dataset: Dataset,
    today: date,
    notice: str | None,
    units: tuple[str, ...],
    status: str | None,
    search: str | None,
) -> list[tuple[Task, str | None]]:
    """The tasks ``list`` shows, in display order, each with its unit's role
    (:func:`cchc_cli.views.listing.choose`)."""
    from cchc_cli.store.listrows import listed

    index = _own_rows(dataset)
    if index is not None and (units or status is not None):
        key = _key(dataset, index, notice)
        found = listed(index, today, units, key, status)
        if found is not None:
            kept = narrowed(dataset, index, {path for path, _ in found}, key)
            ids = {(index.entries[path].id, task) for path, task in found}
            tasks = [t for t in select(kept, notice=notice) if (t.notice, t.id) in ids]
            return choose(tasks, _by_id(kept.notices), today, units, status, search)
    read = [find_notice(dataset, notice)] if notice else dataset.notices
    return choose(select(dataset, notice=notice), _by_id(read), today, units, status, search)


def exported_statuses(
    dataset: Dataset, today: date, notice: str | None, unit: str | None
) -> tuple[list[UnitStatus], Dataset]:
    """The pairs ``export`` holds (:func:`cchc_cli.views.query.select_statuses`) and the
    dataset of the notices holding them, where only those were read."""
    from cchc_cli.store.listrows import exported

    index = _own_rows(dataset)
    if index is not None:
        key = _key(dataset, index, notice)  # refused before the unit, as select_statuses does
        units = resolve_units(dataset, unit) if unit else None
        found = exported(index, today, units, key)
        if found is not None:
            kept = narrowed(dataset, index, found, key)
            return select_statuses(kept, today, notice=notice, unit=unit), kept
    return select_statuses(dataset, today, notice=notice, unit=unit), dataset


def _own_rows(dataset: Dataset) -> PairIndex | None:
    """One folder's pair rows, if the dataset was read through its cache. Several
    folders' (:mod:`cchc_cli.store.multipairs`) are not asked: their notices are read."""
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.pairs import PairIndex

    index = dataset.pairs
    if isinstance(index, PairIndex) and not isinstance(index, CombinedPairs):
        return index
    return None


def narrowed(
    dataset: Dataset, index: PairIndex, paths: Collection[str], named: str | None
) -> Dataset:
    """``dataset`` with the notices of the files ``paths`` (row keys) only, in its order,
    and the one ``--notice`` names (key ``named``): it is found in it as in ``dataset``."""
    entries = {index.entries[path] for path in [*paths, *([named] if named else [])]}
    return dataclasses.replace(dataset, index=tuple(e for e in dataset.index if e in entries))


def _key(dataset: Dataset, index: PairIndex, notice: str | None) -> str | None:
    """The row key of the notice ``--notice`` names (refused as everywhere if none)."""
    if notice is None:
        return None
    ident = find_notice(dataset, notice).id
    return next(path for path, entry in index.entries.items() if entry.id == ident)


def _by_id(notices: Collection[Notice]) -> dict[str, Notice]:
    return {n.id: n for n in notices}
