"""Reading ``units.yaml`` into the registry; every problem becomes a diagnostic."""

from __future__ import annotations

from dataclasses import replace

from cchc_cli.core.diagnostics import Diagnostic, Source, error
from cchc_cli.core.model import Group, Registry, Unit
from cchc_cli.core.units import ID_PATTERN, UNIT_KINDS, derive_short
from cchc_cli.core.vntext import match_key, suggest, tidy
from cchc_cli.store.schema import Fields, expect_map, read_addresses
from cchc_cli.store.yamlsrc import YMap, YNode, YScalar, YSeq


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
    shorts: dict[str, YScalar] = {}
    groups = _read_groups(fields.sequence("groups"), diagnostics, shorts)
    units = _read_units(fields.sequence("units", required=True), groups, diagnostics, shorts)
    fields.finish()
    units, groups = _with_shorts(units, groups, shorts, diagnostics)
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


def _read_groups(
    seq: YSeq | None, diagnostics: list[Diagnostic], shorts: dict[str, YScalar]
) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    taken: dict[str, Source] = {}
    raw_includes: list[tuple[str, list]] = []
    for item in seq.items if seq else ():
        node = expect_map(item, "groups", diagnostics)
        if node is None:
            continue
        fields = Fields(node, ("id", "name", "short", "aliases", "includes"), diagnostics)
        ident = _read_id(fields, taken, diagnostics)
        name = fields.text("name", required=True)
        short = fields.scalar("short")
        aliases = fields.texts("aliases")
        includes = fields.scalars("includes")
        fields.finish()
        if ident and short is not None:
            shorts[ident] = short
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
    seq: YSeq | None,
    groups: dict[str, Group],
    diagnostics: list[Diagnostic],
    shorts: dict[str, YScalar],
) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    taken: dict[str, Source] = {g.id: g.source for g in groups.values()}
    allowed = ("id", "name", "short", "kind", "aliases", "groups", "email")
    for item in seq.items if seq else ():
        node = expect_map(item, "units", diagnostics)
        if node is None:
            continue
        fields = Fields(node, allowed, diagnostics)
        ident = _read_id(fields, taken, diagnostics)
        name = fields.text("name", required=True)
        short = fields.scalar("short")
        if ident and short is not None:
            shorts[ident] = short
        kind = fields.scalar("kind", required=True)
        if kind is not None and kind.value not in UNIT_KINDS:
            diagnostics.append(_bad_kind(kind.value or "", kind.source))
        member_of = []
        for scalar in fields.scalars("groups"):
            if scalar.value in groups:
                member_of.append(scalar.value)
            else:
                diagnostics.append(_unknown(scalar.value or "", scalar.source, groups, "group"))
        emails = read_addresses(fields.scalars("email"), diagnostics)
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


def _with_shorts(
    units: dict[str, Unit],
    groups: dict[str, Group],
    written: dict[str, YScalar],
    diagnostics: list[Diagnostic],
) -> tuple[dict[str, Unit], dict[str, Group]]:
    """Every unit and group with its short name: as written (not empty, not another's),
    else derived from the name by the offices' rule (core/units.py). A derived short
    name two units would share is no short name: both show their names."""
    chosen: dict[str, str] = {}
    owners: dict[str, str] = {}
    entries: list[Unit | Group] = [*groups.values(), *units.values()]
    for entry in entries:
        scalar = written.get(entry.id)
        if scalar is None:
            continue
        short = tidy(scalar.value) if scalar.value else ""
        if not short:
            diagnostics.append(error(scalar.source, "units.empty-short", id=entry.id))
            continue
        other = owners.setdefault(match_key(short), entry.id)
        if other != entry.id:
            diagnostics.append(
                error(scalar.source, "units.duplicate-short", short=short, id=entry.id, other=other)
            )
            continue
        chosen[entry.id] = short
    derived: dict[str, list[str]] = {}
    for entry in entries:
        if entry.id not in chosen and entry.id not in written:
            derived.setdefault(match_key(derive_short(entry.name)), []).append(entry.id)
    for key, idents in derived.items():
        if len(idents) == 1 and key not in owners:
            chosen[idents[0]] = derive_short(_name(idents[0], units, groups))
    return (
        {i: replace(u, short=chosen.get(i, "")) for i, u in units.items()},
        {i: replace(g, short=chosen.get(i, "")) for i, g in groups.items()},
    )


def _name(ident: str, units: dict[str, Unit], groups: dict[str, Group]) -> str:
    return units[ident].name if ident in units else groups[ident].name


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
