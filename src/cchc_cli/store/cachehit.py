"""What a hit of the cache of notice files holds (:mod:`cchc_cli.store.cache`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from cchc_cli.core.diagnostics import Diagnostic, Source
from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import NoticeIndex

if TYPE_CHECKING:
    from cchc_cli.store.cache import FileCache


@dataclass(frozen=True)
class CachedFile:
    """A cache hit: the file's diagnostics and index now, its notice when read."""

    cache: FileCache
    key: str
    sha: str
    shown: str
    index: NoticeIndex | None
    diagnostics: list[Diagnostic]
    id_source: Source | None = None

    @property
    def wanted(self) -> tuple[str, str, str]:
        return (self.key, self.sha, self.shown)


def index_from(summary: list[Any], shown: str) -> tuple[NoticeIndex, Source]:
    """A notice's index entry and where its id is, from a row's summary."""
    ident, issued, task_ids, line, col, starts, assignees, done = summary
    entry = NoticeIndex(
        ident,
        shown,
        date.fromordinal(issued),
        tuple(task_ids),
        date.fromordinal(starts) if starts is not None else None,
        tuple(tuple(a) for a in assignees),
        tuple(tuple(d) for d in done),
    )
    return entry, Source(shown, line, col)
