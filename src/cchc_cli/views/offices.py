"""Which office each row belongs to, when several data folders are read together. Pure.

Every view is built as for one folder (its ids qualified: ``vinh-linh/noi-vu``,
``vinh-linh:cchc-2023-11/1.1``); :func:`with_office` then gives each row its office:
an ordinary first column with the office's short id in tables, ``office_id`` and
``office`` (config.yaml's ``office:``) in JSON and CSV.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cchc_cli.core.offices import NOTICE_SEP, Office, office_of
from cchc_cli.core.status import Tally
from cchc_cli.views.i18n import Lang, t
from cchc_cli.views.render import Column, Report, Rows, Section

if TYPE_CHECKING:
    from cchc_cli.views.report import ReportData

#: Record keys that hold a qualified id, the first one found telling the office.
_KEYS = ("unit", "ref", "notice")


def office_columns(names: bool = False) -> list[Column]:
    return [
        Column("office_id", "label.office", kind="text"),
        Column("office", "label.office-name", table=names),
    ]


def row_office(record: dict[str, Any], offices: dict[str, Office]) -> Office | None:
    for key in _KEYS:
        found = _office(record.get(key), offices)
        if found:
            return found
    return None


def _office(value: Any, offices: dict[str, Office]) -> Office | None:
    """The office of a qualified id, or of an office's own (a report's row per office)."""
    if type(value) is not str:
        return None
    # office_of's first case without a call: what comes before a notice's ":".
    head, sep, _ = value.partition(NOTICE_SEP)
    return offices.get((head if sep else office_of(value)) or value)


def _offices(records: Sequence[dict[str, Any]], offices: dict[str, Office]) -> list[Office | None]:
    """Each record's office (:func:`row_office`); a column at a time for :class:`Rows`
    (33,000 rows of a province's due list: no dict made per row)."""
    if not isinstance(records, Rows):
        return _each_once(records, offices)
    found: list[Office | None] = [None] * len(records)
    for key in _KEYS:
        column = records.columns.get(key)
        if column is not None:
            found = [f or _office(v, offices) for f, v in zip(found, column, strict=True)]
    return found


def _each_once(
    records: Sequence[dict[str, Any]], offices: dict[str, Office]
) -> list[Office | None]:
    """:func:`row_office` of each record, each distinct value looked up once: a list of
    pairs for programs names a few hundred units (91,000 pairs on a province's due list)."""
    known: dict[str, Office | None] = {}

    def office(value: Any) -> Office | None:
        if type(value) is not str:
            return None
        if value in known:
            return known[value]
        found = known[value] = _office(value, offices)
        return found

    unit, ref, notice = _KEYS
    return [office(r.get(unit)) or office(r.get(ref)) or office(r.get(notice)) for r in records]


def _records(
    records: Sequence[dict[str, Any]], found: list[Office | None]
) -> Sequence[dict[str, Any]]:
    """``records`` with their offices ``found`` first (:class:`Rows` kept as columns)."""
    ids = [office.id if office else None for office in found]
    names = [office.name if office else None for office in found]
    if isinstance(records, Rows):
        return Rows({"office_id": ids, "office": names, **records.columns})
    return [
        {"office_id": ident, "office": name, **record}
        for ident, name, record in zip(ids, names, records, strict=True)
    ]


class _Made:
    """What one report's sections share: the office columns, and each shared table of
    :class:`~cchc_cli.views.textout.Picked` rows with its rows' offices."""

    def __init__(self, offices: dict[str, Office], names: bool) -> None:
        self.offices = offices
        self.columns = office_columns(names)
        self.bases: dict[int, tuple[Rows, list[str | None]]] = {}

    def base(self, base: Rows) -> tuple[Rows, list[str | None]]:
        """``base`` with its rows' offices first, and their ids."""
        found = self.bases.get(id(base))
        if found is None:
            offices = _offices(base, self.offices)
            made = _records(base, offices)
            assert isinstance(made, Rows)
            found = self.bases[id(base)] = (made, made.column("office_id"))
        return found


def _picked(section: Section, made: _Made) -> Section | None:
    """A section of rows picked from a shared table (the overdue list's unit by unit)
    with its offices, still picked from one table (the offices first), so a formatter
    lays each line out once: as :func:`_section`, which would copy each section's
    rows (91,000 lines of a province's overdue list). None if the rows' offices are not
    their unit's: :func:`_section` tells it row by row then."""
    from cchc_cli.views.textout import Picked

    records = section.records
    if not isinstance(records, Picked) or section.totals or section.name == "status":
        return None
    unit, ref, notice = _KEYS
    same, base = records.same, records.base
    if ref in same or notice in same or unit in base.columns or not records.numbers:
        return None
    office = _office(same.get(unit), made.offices)
    if office is None:
        return None
    qualified, ids = made.base(base)
    if set(map(ids.__getitem__, records.numbers)) != {office.id}:
        return None
    return dataclasses.replace(
        section,
        columns=[*made.columns, *section.columns],
        records=Picked(qualified, records.numbers, same),
        totals=[],
    )


def _section(section: Section, offices: dict[str, Office], names: bool = False) -> Section:
    return _section_made(section, _Made(offices, names))


def _section_made(section: Section, made: _Made) -> Section:
    picked = _picked(section, made)
    if picked is not None:
        return picked
    offices = made.offices
    found = _offices(section.records, offices)
    in_totals = _offices(section.totals, offices)
    if not any(found) and not any(in_totals):
        return section
    records = _records(section.records, found)
    if section.name == "status":
        # Counts per unit: office by office (the order the folders were given).
        order = {ident: n for n, ident in enumerate(offices)}
        ids = records.column("office_id") if isinstance(records, Rows) else _ids(records)
        records = _sorted(records, [order.get(ident, len(order)) for ident in ids])
    return dataclasses.replace(
        section,
        columns=[*made.columns, *section.columns],
        records=records,
        totals=list(_records(section.totals, in_totals)),
    )


def _ids(records: Sequence[dict[str, Any]]) -> list[Any]:
    return [record["office_id"] for record in records]


def _sorted(records: Sequence[dict[str, Any]], keys: list[int]) -> Sequence[dict[str, Any]]:
    """``records`` in the order of ``keys``, equal keys in their order (a stable sort)."""
    places = sorted(range(len(keys)), key=keys.__getitem__)
    if isinstance(records, Rows):
        return Rows({key: [column[i] for i in places] for key, column in records.columns.items()})
    return [records[i] for i in places]


def with_office(
    report: Report, offices: Sequence[Office], names: bool = False, lang: Lang = Lang.VI
) -> Report:
    """``report`` with each row's office: the first column, and two keys for programs;
    ``names``: the office's name a column of the tables too (a spreadsheet's). A
    record shown as fields (``show``) gets an "Office" line first."""
    by_id = {o.id: o for o in offices}
    document = report.document
    if isinstance(document, dict) and (office := row_office(document, by_id)):
        line = {"field": t("label.office", lang), "value": f"{office.name} ({office.id})"}
        tables = [
            dataclasses.replace(s, records=[line, *s.records]) if s.fields else s
            for s in report.tables
        ]
        document = {"office_id": office.id, "office": office.name, **document}
        return dataclasses.replace(report, tables=tables, document=document)
    data = report.data
    if callable(data):
        make = data

        def later() -> Section:
            return _section(make(), by_id)

        data = later
    elif data is not None:
        data = _section(data, by_id)
    shared = _Made(by_id, names)
    if isinstance(document, dict):
        document = {
            key: _records(value, _offices(value, by_id)) if _rows(value) else value
            for key, value in document.items()
        }
    return dataclasses.replace(
        report,
        tables=[_section_made(s, shared) for s in report.tables],
        data=data,
        document=document,
    )


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def per_office(data: ReportData, offices: Sequence[Office], by_unit: bool) -> ReportData:
    """A report's rows office by office, in the order the folders were given: one row
    per office (its id stands where a unit's would), or with ``by_unit`` the offices'
    unit rows one office after another, each office's in the order built."""
    order = {o.id: n for n, o in enumerate(offices)}

    def office(ident: str) -> int:
        return order.get(office_of(ident) or "", len(order))

    if by_unit:
        rows = sorted(data.rows, key=lambda row: office(row[0]))
    else:
        sums: dict[str, Counter[Any]] = {o.id: Counter() for o in offices}
        for unit, tally in data.rows:
            sums[office_of(unit) or ""].update(tally.counts)
        rows = [(ident, Tally(counts)) for ident, counts in sums.items() if counts]
    # The lists of pairs, office by office too (each office's as built).
    overdue = sorted(data.overdue, key=lambda item: office(item.unit))
    quiet = sorted(data.quiet, key=lambda q: office(q.item.unit))
    return dataclasses.replace(data, rows=rows, overdue=overdue, quiet=quiet)
