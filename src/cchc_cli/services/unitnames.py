"""Units named in a notice's text: the registry's names and aliases, folded once.

The importer asks, word by word, which registry name starts here
(:meth:`UnitNames.match_at`); reading a run of names, a list under one head and
names the registry does not know is :mod:`cchc_cli.services.unitruns`'s job. Pure:
no I/O, the registry passed in.
"""

from __future__ import annotations

import re

from cchc_cli.core.model import Registry
from cchc_cli.core.vntext import fold

#: Names that would make one task's assignees longer than any notice's: the rest
#: are flagged once ("import.more-units") instead of being listed.
MAX_UNKNOWN_UNITS = 30


class Words:
    """A text's words: as written, folded, and the punctuation before each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.folded: list[str] = []
        self.before: list[str] = []
        cache: dict[str, str] = {}
        end = 0
        for m in re.finditer(r"\w+", text):
            word = m[0]
            folded = cache.get(word)
            if folded is None:
                folded = cache[word] = fold(word).replace(" ", "") or "_"
            if word == "P" and text[m.end() : m.end() + 1] == ".":
                folded = "phong"  # "P.TC-KH", "P. Nội vụ": the usual short form of "Phòng"
            self.before.append(text[end : m.start()].strip())
            self.spans.append(m.span())
            self.folded.append(folded)
            end = m.end()

    def __len__(self) -> int:
        return len(self.folded)

    def index_at(self, offset: int) -> int:
        """The first word that starts at or after ``offset``."""
        low, high = 0, len(self.spans)
        while low < high:
            mid = (low + high) // 2
            if self.spans[mid][0] < offset:
                low = mid + 1
            else:
                high = mid
        return low

    def written(self, start: int, end: int) -> str:
        return self.text[self.spans[start][0] : self.spans[end - 1][1]]

    def capital(self, index: int) -> bool:
        """The word at ``index`` starts with a capital or a digit (False past the end)."""
        if index >= len(self.spans):
            return False
        first = self.text[self.spans[index][0]]
        return first.isupper() or first.isdigit()


def _words(text: str) -> list[str]:
    return fold(text).split()


class UnitNames:
    """The registry's names and aliases, folded once for a whole import."""

    def __init__(self, registry: Registry) -> None:
        #: Ids of units (not groups): a report goes to one unit.
        self.unit_ids = frozenset(registry.units)
        #: Each group's unit ids in registry order (for "UBND các xã (trừ xã Vĩnh Ô)").
        self.members = dict(registry.members)
        #: Each unit's and group's name, folded: "Phòng" in "Phòng Y tế" says what it is.
        self.folded_names = {i: fold(n) for i, n in _all_names(registry)[::-1]}
        names: dict[tuple[str, ...], str] = {}
        for ident, written in _all_names(registry):
            names.setdefault(tuple(_words(written)), ident)
        #: The first three words or more of a group's names (not all of them), where no
        #: other name starts the same way.
        starts: dict[tuple[str, ...], set[str]] = {}
        for ident, written in _all_names(registry):
            words = tuple(_words(written))
            for size in range(3, len(words)):
                # Ending on what the group is made of: "UBND các xã", "các phòng, ban".
                if words[size - 1] in ("xa", "phong", "ban"):
                    starts.setdefault(words[:size], set()).add(ident)
        self.group_starts = {
            key: next(iter(found))
            for key, found in starts.items()
            if len(found) == 1 and next(iter(found)) in registry.groups and key not in names
        }
        # One-word aliases ("Tư pháp" aside) match too much inside sentences.
        keys = [(k, i) for k, i in names.items() if len(k) >= 2 or k == ("pnv",)]
        #: One-word names ("TCKH", "PNV"): matched only where written in capitals, as a
        #: unit's place in a sentence holds them.
        self.single = {k[0]: i for k, i in names.items() if len(k) == 1}
        # Longest first; among equals, in the registry's order. Filed by first
        # word, so a text is only matched against names that can start in it.
        ranked = sorted(keys, key=lambda pair: len(pair[0]), reverse=True)
        self.by_first: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
        for rank, (key, ident) in enumerate(ranked):
            self.by_first.setdefault(key[0], []).append((rank, key, ident))

    def group_start_at(self, words: list[str], index: int) -> tuple[int, str] | None:
        """The start of a group's name ("UBND các xã" of "UBND các xã, thị trấn", "các phòng,
        ban" of "các phòng, ban, đơn vị"), said for the whole group: (length, id)."""
        for size in range(min(6, len(words) - index), 2, -1):
            ident = self.group_starts.get(tuple(words[index : index + size]))
            if ident is not None:
                return size, ident
        return None

    def match_at(self, words: list[str], index: int) -> tuple[int, str] | None:
        """The longest name that starts at ``words[index]``: (its length in words, its id)."""
        for _, key, ident in self.by_first.get(words[index], ()):
            if tuple(words[index : index + len(key)]) == key:
                return len(key), ident
        return None


def _all_names(registry: Registry) -> list[tuple[str, str]]:
    out = []
    for unit in registry.units.values():
        out += [(unit.id, unit.name), *((unit.id, a) for a in unit.aliases)]
    for group in registry.groups.values():
        out += [(group.id, group.name), *((group.id, a) for a in group.aliases)]
    return out
