"""The notices found twice, kept with the snapshot (:mod:`cchc_cli.store.snapshot`)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_cli.store.snapcodec import (
    UNREADABLE,
    diagnostics_from,
    diagnostics_to,
    same_diagnostics,
    to_json,
)

if TYPE_CHECKING:
    from cchc_cli.core.diagnostics import Diagnostic
    from cchc_cli.core.model import Dataset

#: The part that keeps the notices found twice (``validate``), with the fingerprint's digest.
DUPLICATES = "duplicates"


class Duplicates:
    """:func:`cchc_cli.store.validate.duplicate_notices` of a restored dataset, kept in
    the snapshot it was restored from.

    Finding the same notice twice reads back every notice that shares its day with
    another (on the benchmark's 20,000 tasks, nearly all: 0.3-0.8 s of a ``validate``
    of 0.5-1 s, and most of its memory). The answer depends on the notice files alone,
    which the snapshot's fingerprint describes: it is kept under the SHA-256 of that
    fingerprint, and used only by a dataset restored from a snapshot of the same one
    (whose racily clean files were checked by content). A progress file recorded keeps
    it; anything else that changes the fingerprint makes it unused.
    """

    def __init__(
        self, parts: dict[str, str], cache_path: Path, diagnostics: Sequence[Diagnostic] = ()
    ) -> None:
        #: The snapshot's parts, as restored.
        self.parts = parts
        self.cache_path = cache_path
        #: The notices' diagnostics restored from the same snapshot (its "diagnostics" part).
        self.diagnostics = diagnostics

    @property
    def stamp(self) -> str:
        """What the notices found twice are kept under: the fingerprint's SHA-256."""
        import hashlib  # not at start-up: 2.5 ms (OpenSSL loaded)

        digest = hashlib.sha256(self.parts["fingerprint"].encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def __call__(self, dataset: Dataset) -> list[Diagnostic]:
        """The notices of ``dataset`` found twice; kept for the next run if found now."""
        stamp = self.stamp
        try:
            kept_stamp, kept = json.loads(self.parts[DUPLICATES])
            if kept_stamp == stamp:
                return list(diagnostics_from(kept))
        except UNREADABLE:
            pass  # none kept, or damaged: found again
        from cchc_cli.store.validate import duplicate_notices

        found = duplicate_notices(dataset)
        _keep_duplicates(self.cache_path, stamp, found)
        return found


def _keep_duplicates(cache_path: Path, stamp: str, found: list[Diagnostic]) -> None:
    """Keep what :class:`Duplicates` found, if it reads back exactly; never fails the run."""
    from cchc_cli.store.cache import BUSY_TIMEOUT

    try:
        data = to_json([stamp, diagnostics_to(found)])
        back = diagnostics_from(json.loads(data)[1])
    except UNREADABLE:
        return
    if not same_diagnostics(found, back):
        return
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(cache_path, timeout=BUSY_TIMEOUT)
        try:
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO snapshot VALUES (?, ?)", (DUPLICATES, data)
                )
        finally:
            connection.close()
