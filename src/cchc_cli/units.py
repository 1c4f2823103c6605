"""The registry of units and groups: reading it, and resolving what people write.

People write a unit by its id ("noi-vu"), its name ("Phòng Nội vụ"), or an
alias ("VP HĐND&UBND"), in any case, composed or decomposed, with the tone mark
on either vowel ("Vĩnh Hoà"), and at the prompt often without any marks at all
("noi vu"). :class:`Resolver` tries the strict key first and falls back to the
loose one; when the loose key fits several units it says so instead of guessing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .diagnostics import Diagnostic, Source, error
from .model import Group, Registry, Unit
from .schema import Fields, expect_map, suggest
from .vntext import fold, match_key
from .yamlsrc import YMap, YNode, YSeq

UNIT_KINDS = ("department", "commune", "town", "organization", "agency")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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


def load_registry(node: YNode | None, path: str) -> tuple[Registry, list[Diagnostic]]:
    """Build the registry from a parsed ``units.yaml``; problems become diagnostics."""
    diagnostics: list[Diagnostic] = []
    if not isinstance(node, YMap):
        if node is not None:
            diagnostics.append(error(node.source, "yaml.not-a-mapping"))
        return Registry({}, {}, {}, source=Source(path)), diagnostics
    top = node
    fields = Fields(top, ("valid_from", "valid_until", "units", "groups"), diagnostics)
    valid_from = fields.partial_date("valid_from")
    valid_until = fields.partial_date("valid_until")
    groups = _read_groups(fields.sequence("groups"), diagnostics)
    units = _read_units(fields.sequence("units", required=True), groups, diagnostics)
    fields.finish()
    members = _members(units, groups, diagnostics)
    registry = Registry(units, groups, members, valid_from, valid_until, top.source)
    diagnostics.extend(_alias_clashes(registry))
    return registry, diagnostics


def _read_id(fields: Fields, taken: dict[str, Source], diagnostics: list[Diagnostic]) -> str | None:
    scalar = fields.scalar("id", required=True)
    if scalar is None:
        return None
    ident = scalar.value or ""
    if not ID_PATTERN.fullmatch(ident):
        diagnostics.append(error(scalar.source, "units.bad-id", id=ident))
        return None
    if ident in taken:
        diagnostics.append(
            error(scalar.source, "units.duplicate-id", id=ident, line=taken[ident].line)
        )
        return None
    taken[ident] = scalar.source
    return ident


def _read_groups(seq: YSeq | None, diagnostics: list[Diagnostic]) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    taken: dict[str, Source] = {}
    raw_includes: list[tuple[str, list]] = []
    for item in seq.items if seq else ():
        node = expect_map(item, "groups", diagnostics)
        if node is None:
            continue
        fields = Fields(node, ("id", "name", "aliases", "includes"), diagnostics)
        ident = _read_id(fields, taken, diagnostics)
        name = fields.text("name", required=True)
        aliases = fields.texts("aliases")
        includes = fields.scalars("includes")
        fields.finish()
        if ident and name:
            groups[ident] = Group(ident, name, aliases, (), node.source)
            raw_includes.append((ident, includes))
    for ident, includes in raw_includes:
        known = []
        for scalar in includes:
            if scalar.value in groups:
                known.append(scalar.value)
            else:
                diagnostics.append(_unknown(scalar.value or "", scalar.source, groups, "group"))
        group = groups[ident]
        groups[ident] = Group(group.id, group.name, group.aliases, tuple(known), group.source)
    return groups


def _read_units(
    seq: YSeq | None, groups: dict[str, Group], diagnostics: list[Diagnostic]
) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    taken: dict[str, Source] = {g.id: g.source for g in groups.values()}
    allowed = ("id", "name", "kind", "aliases", "groups", "email")
    for item in seq.items if seq else ():
        node = expect_map(item, "units", diagnostics)
        if node is None:
            continue
        fields = Fields(node, allowed, diagnostics)
        ident = _read_id(fields, taken, diagnostics)
        name = fields.text("name", required=True)
        kind = fields.scalar("kind", required=True)
        if kind is not None and kind.value not in UNIT_KINDS:
            diagnostics.append(_bad_kind(kind.value or "", kind.source))
        member_of = []
        for scalar in fields.scalars("groups"):
            if scalar.value in groups:
                member_of.append(scalar.value)
            else:
                diagnostics.append(_unknown(scalar.value or "", scalar.source, groups, "group"))
        emails = []
        for scalar in fields.scalars("email"):
            if _EMAIL.fullmatch(scalar.value or ""):
                emails.append(scalar.value or "")
            else:
                diagnostics.append(error(scalar.source, "units.bad-email", email=scalar.value))
        aliases = fields.texts("aliases")
        fields.finish()
        # A unit with a wrong group, address or kind still exists: keep it, so
        # that one slip is not reported again at every task that names it.
        if ident and name:
            units[ident] = Unit(
                ident,
                name,
                kind.value or "" if kind else "",
                aliases,
                tuple(member_of),
                tuple(emails),
                node.source,
            )
    return units


def _bad_kind(kind: str, source: Source) -> Diagnostic:
    return error(source, "units.bad-kind", kind=kind, allowed=", ".join(UNIT_KINDS))


def _unknown(written: str, source: Source, known: dict, what: str) -> Diagnostic:
    close = suggest(written, known)
    if close:
        return error(source, f"units.unknown-{what}-suggest", name=written, suggestion=close)
    return error(source, f"units.unknown-{what}", name=written)


def _members(
    units: dict[str, Unit], groups: dict[str, Group], diagnostics: list[Diagnostic]
) -> dict[str, tuple[str, ...]]:
    direct: dict[str, set[str]] = {gid: set() for gid in groups}
    for unit in units.values():
        for gid in unit.groups:
            direct[gid].add(unit.id)

    reported: set[frozenset[str]] = set()

    def collect(gid: str, path: tuple[str, ...]) -> set[str]:
        found = set(direct[gid])
        for inner in groups[gid].includes:
            if inner in path:
                loop = (*path[path.index(inner) :], inner)
                # A cycle is met from each group on it; report it once.
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    cycle = " → ".join(loop)
                    diagnostics.append(error(groups[gid].source, "units.group-cycle", cycle=cycle))
                continue
            found |= collect(inner, (*path, inner))
        return found

    members = {}
    for gid in groups:
        found = collect(gid, (gid,))
        members[gid] = tuple(uid for uid in units if uid in found)
    return members


def _alias_clashes(registry: Registry) -> list[Diagnostic]:
    """Two units sharing a name or alias (up to tone placement) make it useless."""
    owners: dict[str, str] = {}
    diagnostics = []
    entries = [(u.id, u.name, u.aliases, u.source) for u in registry.units.values()]
    entries += [(g.id, g.name, g.aliases, g.source) for g in registry.groups.values()]
    # In file order, so the second use of a name is the one reported.
    for ident, name, aliases, source in sorted(entries, key=lambda e: e[3]):
        for written in dict.fromkeys((name, *aliases)):
            key = match_key(written)
            other = owners.setdefault(key, ident)
            if other != ident:
                diagnostics.append(
                    error(source, "units.alias-clash", alias=written, id=ident, other=other)
                )
    return diagnostics
