"""What `cchc units` shows: the registry's units and groups. Pure."""

from __future__ import annotations

from typing import Any

from cchc_cli.core.model import Registry
from cchc_cli.core.vntext import shorten
from cchc_cli.views.i18n import MESSAGES, Lang, t
from cchc_cli.views.layout import TEXT_WIDTH
from cchc_cli.views.render import Column, Report, Section


def unit_report(registry: Registry, lang: Lang) -> Report:
    def kind(record: dict[str, Any]) -> str:
        # A kind the registry got wrong (validate says so) is shown as written.
        key = f"kind.{record['kind']}"
        return t(key, lang) if key in MESSAGES else record["kind"]

    units = [
        {
            "id": u.id,
            "name": u.name,
            "short": registry.short_of(u.id),
            "kind": u.kind,
            "groups": list(u.groups),
            "aliases": list(u.aliases),
            "email": list(u.emails),
        }
        for u in registry.units.values()
    ]
    unit_columns = [
        Column("id", "label.id", style="cyan"),
        Column("name", "label.name", shrink=True),
        Column("short", "label.short-name"),
        Column("kind", "label.unit-kind", show=kind),
        Column("groups", "label.groups"),
        Column("aliases", "label.aliases", table=False),
        Column("email", "label.email", table=False),
    ]
    groups = [
        {
            "id": g.id,
            "name": g.name,
            "count": len(registry.members[g.id]),
            "members": list(registry.members[g.id]),
            "includes": list(g.includes),
            "aliases": list(g.aliases),
        }
        for g in registry.groups.values()
    ]
    group_columns = [
        Column("id", "label.id", style="cyan"),
        Column("name", "label.name"),
        Column("count", "label.member-count", right=True),
        Column(
            "members",
            "label.members",
            show=lambda r: shorten(", ".join(r["members"]), TEXT_WIDTH),
        ),
        Column("includes", "label.groups", table=False),
        Column("aliases", "label.aliases", table=False),
    ]
    since = registry.valid_from
    until = registry.valid_until
    validity = t(
        "label.valid",
        lang,
        since=since or "…",
        until=until or "…",
    )
    title = f"{t('label.units-title', lang)} ({validity})"
    unit_section = Section("units", unit_columns, units, title=title)
    group_section = Section("groups", group_columns, groups, title=t("label.groups-title", lang))

    def data(section: Section) -> list[dict[str, Any]]:
        keys = [c.key for c in section.columns if c.data]
        return [{k: r[k] for k in keys} for r in section.records]

    document = {
        "valid_from": since.iso() if since else None,
        "valid_until": until.iso() if until else None,
        "units": data(unit_section),
        "groups": data(group_section),
    }
    return Report([unit_section, group_section], document=document)
