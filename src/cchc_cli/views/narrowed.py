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
from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING, Any

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

    if units or status is not None:
        named = find_notice(dataset, notice).id if notice else None
        found = _asked(dataset, units, named, lambda i, u, k: listed(i, today, u, k, status))
        if found is not None:
            kept = narrowed(dataset, {ident for ident, _ in found}, named)
            tasks = [t for t in select(kept, notice=notice) if (t.notice, t.id) in found]
            return choose(tasks, _by_id(kept.notices), today, units, status, search)
    read = [find_notice(dataset, notice)] if notice else dataset.notices
    return choose(select(dataset, notice=notice), _by_id(read), today, units, status, search)


def exported_statuses(
    dataset: Dataset, today: date, notice: str | None, unit: str | None
) -> tuple[list[UnitStatus], Dataset]:
    """The pairs ``export`` holds (:func:`cchc_cli.views.query.select_statuses`) and the
    dataset of the notices holding them, where only those were read."""
    from cchc_cli.store.listrows import exported

    if dataset.pairs is not None:
        named = find_notice(dataset, notice).id if notice else None  # refused before the unit
        units = resolve_units(dataset, unit) if unit else None
        found = _asked(dataset, units, named, lambda i, u, k: exported(i, today, u, k))
        if found is not None:
            kept = narrowed(dataset, {ident for ident, _ in found}, named)
            return select_statuses(kept, today, notice=notice, unit=unit), kept
    return select_statuses(dataset, today, notice=notice, unit=unit), dataset


#: A question to one folder's rows: its index, the units asked about as it knows them
#: (None: any) and the row key of the notice asked about (None: any); (file key, task
#: id or None) of what it finds, None if it cannot answer.
Question = Callable[["PairIndex", Any, str | None], set[tuple[str, Any]] | None]


def _asked(
    dataset: Dataset, units: tuple[str, ...] | None, named: str | None, question: Question
) -> set[tuple[str, Any]] | None:
    """``question`` asked of the rows of each folder read (one, or several offices'),
    with ids as each knows them; what they find with notice ids as ``dataset`` has them.
    None if a folder cannot answer (or the dataset was read without a cache)."""
    from cchc_cli.core.offices import NOTICE_SEP, UNIT_SEP
    from cchc_cli.store.multipairs import CombinedPairs
    from cchc_cli.store.pairs import PairIndex

    index = dataset.pairs
    if isinstance(index, CombinedPairs):
        folders = [(office + UNIT_SEP, office + NOTICE_SEP, part) for office, part in index.parts]
    elif isinstance(index, PairIndex):
        folders = [("", "", index)]
    else:
        return None
    found: set[tuple[str, Any]] = set()
    for unit_prefix, notice_prefix, part in folders:
        own = None if units is None else _own(units, unit_prefix)
        if units and not own:
            continue  # none of its units was asked about
        key = None
        if named is not None:
            if not named.startswith(notice_prefix):
                continue  # another office's notice was asked about
            ident = named[len(notice_prefix) :]
            key = next(k for k, entry in part.entries.items() if entry.id == ident)
        answer = question(part, own, key)
        if answer is None:
            return None
        found |= {(notice_prefix + part.entries[k].id, rest) for k, rest in answer}
    return found


def _own(units: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    return tuple(u[len(prefix) :] for u in units if u.startswith(prefix))


def narrowed(dataset: Dataset, idents: Collection[str], named: str | None) -> Dataset:
    """``dataset`` with the notices ``idents`` only, in its order, and the one
    ``--notice`` names (``named``): it is found in it as in ``dataset``."""
    wanted = {*idents, *([named] if named else [])}
    return dataclasses.replace(dataset, index=tuple(e for e in dataset.index if e.id in wanted))


def _by_id(notices: Collection[Notice]) -> dict[str, Notice]:
    return {n.id: n for n in notices}
