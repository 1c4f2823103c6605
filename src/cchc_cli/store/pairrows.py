"""Each notice's pair rows (:mod:`cchc_cli.store.pairs`) brought up to date after a load."""

from __future__ import annotations

import json
from collections.abc import Callable

from cchc_cli.core.errors import CchcError
from cchc_cli.core.model import Notice, NoticeIndex
from cchc_cli.store import progress
from cchc_cli.store.cache import FileCache
from cchc_cli.store.pairs import RECURRING, NoticeRows, PairIndex, notice_pairs
from cchc_cli.store.serialize import event_to_data
from cchc_cli.store.tally import StoredNotice, notice_row


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
        made = made_from(entry, sha, depends_on, grouped)
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


def made_from(
    entry: NoticeIndex, sha: str, depends_on: str, grouped: dict[str, list[progress.Event]]
) -> str:
    """What the rows of the notice ``entry`` (its file's SHA-256 ``sha``) are computed
    from, given every task's progress events (``grouped``)."""
    events = [
        [ref, [event_to_data(e) for e in grouped[ref]]]
        for ref in (f"{entry.id}/{task}" for task in entry.task_ids)
        if ref in grouped
    ]
    made = source_key(sha, depends_on)
    if events:
        text = json.dumps(events, ensure_ascii=False, separators=(",", ":"))
        import hashlib  # not at start-up: 2.5 ms (OpenSSL loaded)

        made += ":" + hashlib.sha256(text.encode()).hexdigest()
    return made


def source_key(sha: str, depends_on: str) -> str:
    """What the rows of a notice with no progress recorded against it are computed from:
    its file's SHA-256 and what its model depends on (:func:`refresh_pairs` adds the
    events of one that has some)."""
    return f"{sha}:{depends_on}"


def put_premade(
    cache: FileCache, key: str, made: str, rows: NoticeRows | None, notice: StoredNotice
) -> None:
    """Queue the rows a worker computed for the notice file ``key`` as it read it (``rows``;
    None: it holds a recurring task) and the ``notice``'s row, from ``made``
    (:func:`source_key`).

    They are the rows :func:`refresh_pairs` would compute when no progress is recorded
    against the notice, which it then finds up to date; for a notice with progress it
    finds them made from something else and computes them again.
    """
    if rows is None:
        cache.put_pairs(key, RECURRING + made, [], notice)
    else:
        cache.put_pairs(key, made, rows, notice)
