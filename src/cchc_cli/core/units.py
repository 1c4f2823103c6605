"""Resolving what people write to the units and groups of the registry. Pure.

People write a unit by its id ("noi-vu"), its name ("Phòng Nội vụ"), or an
alias ("VP HĐND&UBND"), in any case, composed or decomposed, with the tone mark
on either vowel ("Vĩnh Hoà"), and at the prompt often without any marks at all
("noi vu"). :class:`Resolver` tries the strict key first and falls back to the
loose one; when the loose key fits several units it says so instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from cchc_cli.core.lazyclass import dataclass
from cchc_cli.core.model import Registry
from cchc_cli.core.vntext import fold, match_key, suggest

UNIT_KINDS = ("department", "commune", "town", "organization", "agency")

#: How offices shorten the words a unit's name starts with ("Phòng Nội vụ" is
#: "P. Nội vụ" in a table), longest first; and words anywhere in it.
_SHORT_PREFIXES = (
    ("Ban Quản lý dự án ", "BQLDA "),
    ("Ban quản lý dự án ", "BQLDA "),
    ("Ban Chỉ đạo ", "BCĐ "),
    ("Ban chỉ đạo ", "BCĐ "),
    ("Ban Quản lý ", "BQL "),
    ("Ban quản lý ", "BQL "),
    ("Văn phòng ", "VP "),
    ("Thị trấn ", "TT. "),
    ("Phòng ", "P. "),
    ("Xã ", "X. "),
)
_SHORT_WORDS = (
    ("Ủy ban nhân dân", "UBND"),
    ("Uỷ ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Mặt trận Tổ quốc", "MTTQ"),
)


def derive_short(name: str) -> str:
    """The short name of a unit that has none written: "Xã Vĩnh Tú" -> "X. Vĩnh Tú",
    "Ủy ban nhân dân huyện" -> "UBND huyện", "Ban Chỉ đạo CCHC" -> "BCĐ CCHC"."""
    short = unicodedata.normalize("NFC", name).strip()
    for words, initials in _SHORT_WORDS:
        short = short.replace(words, initials)
    for prefix, initials in _SHORT_PREFIXES:
        if short.startswith(prefix) and len(short) > len(prefix):
            return initials + short[len(prefix) :]
    return short


ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


@dataclass(frozen=True)
class Lookup:
    """What a written name resolves to: one id, or why not."""

    ident: str | None
    #: Several units fit the loose key: the caller must say which.
    candidates: tuple[str, ...] = ()
    #: Nothing fits: the closest known name, for "did you mean".
    suggestion: str | None = None


class Resolver:
    """Finds units and groups by id, name or alias, diacritic-insensitively."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._strict: dict[str, set[str]] = defaultdict(set)
        self._loose: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, str] = {}
        entries: list[tuple[str, str, tuple[str, ...]]] = [
            (u.id, u.name, u.aliases) for u in registry.units.values()
        ] + [(g.id, g.name, g.aliases) for g in registry.groups.values()]
        for ident, name, aliases in entries:
            for written in (ident, name, *aliases):
                self._strict[match_key(written)].add(ident)
                self._loose[fold(written)].add(ident)
                self._names.setdefault(fold(written), written)

    def lookup(self, written: str) -> Lookup:
        if written in self.registry.units or written in self.registry.groups:
            return Lookup(written)
        for index, key in ((self._strict, match_key(written)), (self._loose, fold(written))):
            found = index.get(key)
            if found and len(found) == 1:
                return Lookup(next(iter(found)))
            if found:
                return Lookup(None, candidates=tuple(sorted(found)))
        close = suggest(fold(written), self._names)
        return Lookup(None, suggestion=self._names[close] if close else None)
