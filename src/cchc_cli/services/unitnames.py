"""Units named in a notice's text: the registry's names and aliases, folded once.

The import asks this of every section heading and every item, so it is linear
in the text: a name is looked for only where its first word occurs, and names
the registry does not know are read off the words left over, as written. Pure:
no I/O, the registry passed in.
"""

from __future__ import annotations

import re

from cchc_cli.core.model import Registry
from cchc_cli.core.vntext import fold

#: Names that would make one section's assignees longer than any notice's: the
#: rest are flagged once ("import.more-units") instead of being listed.
MAX_UNKNOWN_UNITS = 30

_SHARED_PREFIX = re.compile(r"(?:các\s+)?(Phòng|Xã|Thị trấn|Ban)\s*:\s*([^.;]+)", re.IGNORECASE)
_UNIT_WORDS = (
    "phong", "ban", "ubnd", "xa", "thi tran", "trung tam", "doan", "hoi", "van phong",
    "thanh tra", "chi cuc", "cong an", "ban chi huy", "cac phong", "cac xa",
)  # fmt: skip
_FILLER_WORDS = tuple(
    tuple(f.split()) for f in ("de nghi", "giao", "va", "cac", "thu truong", "chu tich")
)


def _words(text: str) -> list[str]:
    return fold(text).split()


class UnitNames:
    """The registry's names and aliases, folded once for a whole import."""

    def __init__(self, registry: Registry) -> None:
        #: Ids of units (not groups): a report goes to one unit.
        self.unit_ids = frozenset(registry.units)
        #: Each unit's and group's name, folded: "Phòng" in "Phòng Y tế" says what it is.
        self.folded_names = {i: fold(n) for i, n in _all_names(registry)[::-1]}
        names: dict[tuple[str, ...], str] = {}
        for ident, written in _all_names(registry):
            names.setdefault(tuple(_words(written)), ident)
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
        by_length = sorted(_all_names(registry), key=lambda n: -len(n[1]))
        #: Names an item can begin with, longest as written first.
        self.prefixes = [(words, ident) for ident, w in by_length if len(words := _words(w)) >= 2]

    def find(self, text: str) -> tuple[list[str], list[str]]:
        """Unit and group ids named in ``text`` (longest names first), and names not known.

        Linear in the length of ``text``: a name is looked for only where its
        first word occurs, and names not known are read off the words left over.
        """
        tokens, words, owner, part = _tokens(text)
        where: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            where.setdefault(word, []).append(index)
        used = bytearray(len(words))
        found: list[tuple[int, str]] = []
        candidates = sorted(c for word in where for c in self.by_first.get(word, ()))
        for _, key, ident in candidates:
            size = len(key)
            for start in where.get(key[0], ()):
                if tuple(words[start : start + size]) == key and not any(
                    used[start : start + size]
                ):
                    used[start : start + size] = b"\x01" * size
                    found.append((start, ident))
        ordered = [ident for _, ident in sorted(found)]
        unknown = []
        for start, end in _leftover_chunks(words, used, part):
            for filler in _FILLER_WORDS:
                if tuple(words[start : start + len(filler)]) == filler:
                    start += len(filler)
            if end - start >= 2 and " ".join(words[start : start + 3]).startswith(_UNIT_WORDS):
                unknown.append(" ".join(tokens[owner[start] : owner[end - 1] + 1]))
        return list(dict.fromkeys(ordered)), unknown

    def match_at(self, words: list[str], index: int) -> tuple[int, str] | None:
        """The longest name that starts at ``words[index]``: (its length in words, its id)."""
        for _, key, ident in self.by_first.get(words[index], ()):
            if tuple(words[index : index + len(key)]) == key:
                return len(key), ident
        return None

    def leading(self, text: str) -> list[str]:
        """Units an item begins with ("a) UBND cấp xã: ..."), which then are its assignees."""
        head, colon, _ = text.partition(":")
        if colon and len(head.split()) <= 12:
            units, unknown = self.find(expand_shared_prefix(head))
            if units and not unknown:
                return units
        words = _words(" ".join(text.split()[:40]))
        for prefix, ident in self.prefixes:
            if words[: len(prefix)] == prefix:
                return [ident]
        return []


def _tokens(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    """The text's words as written, their folded words, which written word each folded
    word is in, and which of the text's comma-separated parts."""
    tokens: list[str] = []
    words: list[str] = []
    owner: list[int] = []
    part: list[int] = []
    folded: dict[str, list[str]] = {}
    for number, piece in enumerate(text.split(",")):
        for token in piece.split():
            parts = folded.get(token)
            if parts is None:
                parts = folded[token] = _words(token)
            words += parts
            owner += [len(tokens)] * len(parts)
            part += [number] * len(parts)
            tokens.append(token)
    return tokens, words, owner, part


def _leftover_chunks(words: list[str], used: bytearray, part: list[int]) -> list[tuple[int, int]]:
    """Runs of words no name took, split at "và" and commas: (start, end) index pairs."""
    chunks = []
    start = 0
    for index in range(len(words) + 1):
        if index == len(words) or used[index] or words[index] == "va":
            if index > start:
                chunks.append((start, index))
            start = index + 1
        elif index > start and part[index] != part[index - 1]:
            chunks.append((start, index))
            start = index
    return chunks


def _all_names(registry: Registry) -> list[tuple[str, str]]:
    out = []
    for unit in registry.units.values():
        out += [(unit.id, unit.name), *((unit.id, a) for a in unit.aliases)]
    for group in registry.groups.values():
        out += [(group.id, group.name), *((group.id, a) for a in group.aliases)]
    return out


def expand_shared_prefix(text: str) -> str:
    """ "các Phòng: Nội vụ, Tư pháp và Y tế" -> "Phòng Nội vụ, Phòng Tư pháp, Phòng Y tế"."""

    def expand(m: re.Match[str]) -> str:
        prefix = m[1]
        items = re.split(r",|\s+và\s+", m[2])
        return ", ".join(f"{prefix} {item.strip()}" for item in items if item.strip())

    return _SHARED_PREFIX.sub(expand, text)
