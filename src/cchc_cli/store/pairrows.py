"""Each notice's pair rows (:mod:`cchc_cli.store.pairs`) brought up to date after a load."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Notice, NoticeIndex
from cchc_cli.store import progress
from cchc_cli.store.cache import FileCache
from cchc_cli.store.pairs import RECURRING, PairIndex, notice_pairs
from cchc_cli.store.serialize import event_to_data
from cchc_cli.store.tally import notice_row


def refresh_pairs(
    cache: FileCache,
    index: tuple[NoticeIndex, ...],
    shas: dict[str, str],
    depends_on: str,
    grouped: dict[str, list[progress.Event]],
    reader: Callable[[tuple[NoticeIndex, ...]], tuple[Notice, ...]],
) -> PairIndex | None:
    """The pair rows of every notice, computed again for those whose file, registry,
    calendar or progress events changed since (:mod:`cchc_cli.store.pairs`)."""
    expected: dict[str, str] = {}
    entries: dict[str, NoticeIndex] = {}
    stale: list[NoticeIndex] = []
    for entry in index:
        sha = shas.get(entry.path)
        if sha is None:
            return None
        events = [
            [ref, [event_to_data(e) for e in grouped[ref]]]
            for ref in (f"{entry.id}/{task}" for task in entry.task_ids)
            if ref in grouped
        ]
        made = f"{sha}:{depends_on}"
        if events:
            text = json.dumps(events, ensure_ascii=False, separators=(",", ":"))
            made += ":" + hashlib.sha256(text.encode()).hexdigest()
        key = cache.key_of(entry.path)
        if cache.pair_keys.get(key) == RECURRING + made:
            return None  # a recurring task: answered in Python, as it was last time
        expected[key] = made
        entries[key] = entry
        if cache.pair_keys.get(key) != made:
            stale.append(entry)
    for key in set(cache.pair_keys) - set(expected):
        # A file gone, or left out now (an error, a duplicate id): its rows would count.
        cache.put_pairs(key, "", [])
    if stale:
        try:
            notices = reader(tuple(stale))
        except CchcError:
            return None  # a file changed meanwhile: no pairs this run, the long way
        recurring = False
        for entry, notice in zip(stale, notices, strict=True):
            key = cache.key_of(entry.path)
            rows = notice_pairs(notice)
            if rows is None:
                recurring = True
                cache.put_pairs(key, RECURRING + expected[key], [], notice_row(notice))
            else:
                cache.put_pairs(key, expected[key], rows, notice_row(notice))
        if recurring:
            return None
    return PairIndex(cache, expected, entries)
