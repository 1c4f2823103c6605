"""A province's combined dataset made lazily (issue 24, speed): what a command reads
of it is what it was when everything was qualified at once.

``combine`` qualifies an index entry's id at once and its tasks' units when first
read (``status`` and ``due`` read none); ``with_office`` gives a table held as
columns its office column by column. Each is checked against the eager way.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from cchc_cli.core.model import NoticeIndex
from cchc_cli.core.offices import Office, QualifiedEntry, combine, qualify_notice
from cchc_cli.store.loader import load
from cchc_cli.views.i18n import Lang
from cchc_cli.views.offices import with_office
from cchc_cli.views.render import Column, Report, Rows, Section
from conftest import DATA


def two_offices(tmp_path: Path) -> list[tuple[Office, object]]:
    parts = []
    for name in ("vinh-linh", "gio-linh"):
        folder = tmp_path / name
        shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".cchc"))
        parts.append((Office(name, name.title(), str(folder)), load(folder)))
    return parts


def test_combined_entries_read_their_units_qualified_as_before(tmp_path):
    parts = two_offices(tmp_path)
    combined = combine(parts, parts[0][1])
    assert len(combined.index) == 2
    for (office, dataset), entry in zip(parts, combined.index, strict=True):
        own = dataset.index[0]
        assert isinstance(entry, QualifiedEntry)
        assert entry.id == f"{office.id}:{own.id}"
        assert entry.path == own.path and entry.task_ids == own.task_ids
        assigned = tuple(tuple(f"{office.id}/{u}" for u in units) for units in own.assignees)
        assert assigned and entry.assignees == assigned
        done = tuple(tuple(f"{office.id}/{u}" for u in units) for units in own.done_inline)
        assert entry.done_inline == done
        # The office's own entry is left as it was.
        assert own.assignees[0][0] == assigned[0][0].split("/", 1)[1]
        # Equal to (and hashed as) the same entry made with every field at once.
        eager = dataclasses.replace(entry)
        assert eager == entry and hash(eager) == hash(entry)
        assert eager != dataclasses.replace(entry, assignees=())


def test_combined_entries_read_back_their_offices_notices(tmp_path):
    parts = two_offices(tmp_path)
    combined = combine(parts, parts[0][1])
    expected = [qualify_notice(o.id, d.notices[0]) for o, d in parts]
    assert [n.id for n in combined.notices] == [n.id for n in expected]
    assert [t.ref for n in combined.notices for t in n.tasks] == [
        t.ref for n in expected for t in n.tasks
    ]
    # One notice at a time, and an entry copied (not the index's own object).
    again = combine(parts, parts[0][1])
    second = dataclasses.replace(again.index[1])
    assert again.notice(second).tasks[0].assignees == expected[1].tasks[0].assignees


def test_a_qualified_entry_is_no_plain_entry_to_the_type_checks_that_matter(tmp_path):
    parts = two_offices(tmp_path)
    entry = combine(parts, parts[0][1]).index[0]
    assert isinstance(entry, NoticeIndex)
    assert {f.name for f in dataclasses.fields(entry)} >= {"id", "assignees", "done_inline"}
    assert repr(entry).startswith("QualifiedEntry(id='vinh-linh:")


def test_the_combined_index_is_made_by_the_maker_given(tmp_path):
    parts = two_offices(tmp_path)
    eager = combine(parts, parts[0][1])
    assert isinstance(eager.index, tuple)  # made at once without a maker
    makers: list = []
    lazy = combine(parts, parts[0][1], lambda make: makers.append(make) or ())
    assert len(makers) == 1  # made when the caller's sequence asks (load_many's: LazyIndex)
    # A notice read back without the combined index: its office found from the folders'.
    (notice,) = lazy.reader(eager.index[1:])
    assert notice.id == "gio-linh:cchc-2023-11" and notice == eager.notices[1]
    assert makers[0]() == eager.index


def test_a_provinces_warm_status_decodes_no_folders_index(tmp_path, monkeypatch):
    from cchc_cli.store import snaplazy
    from test_rows import run_in

    folders = [Path(office.folder) for office, _ in two_offices(tmp_path)]
    args = ["status", "--as-of", "2024-01-15"]
    run_in(folders, args, "100", cached=True)  # fills each folder's cache and snapshot
    decoded: list[int] = []
    real = snaplazy.index_from
    monkeypatch.setattr(snaplazy, "index_from", lambda data: decoded.append(1) or real(data))
    warm = run_in(folders, args, "100", cached=True)
    assert decoded == []
    monkeypatch.undo()
    assert warm == run_in(folders, args, "100", cached=False)


OFFICES = (Office("a", "Office A", "a"), Office("b", "Office B", "b"))
COLUMNS = [Column("unit", "label.unit"), Column("ref", "label.ref")]
RECORDS = [
    {"unit": "b/noi-vu", "ref": "b:tb-1/1.1"},
    {"unit": None, "ref": "a:tb-1/1.2"},
    {"unit": "nowhere", "ref": "b:tb-2/1"},
    {"unit": "a/noi-vu", "ref": None},
    {"unit": 3, "ref": "elsewhere"},
]


def as_rows(records: list[dict]) -> Rows:
    return Rows({key: [r[key] for r in records] for key in records[0]})


def test_rows_get_their_offices_a_column_at_a_time_as_records_do_one_by_one():
    for name in ("due", "status"):
        listed = with_office(Report([Section(name, COLUMNS, RECORDS)]), OFFICES)
        columns = with_office(Report([Section(name, COLUMNS, as_rows(RECORDS))]), OFFICES)
        table = columns.tables[0]
        assert isinstance(table.records, Rows)  # no dict made per row
        assert list(table.records) == list(listed.tables[0].records)
        assert [c.key for c in table.columns] == ["office_id", "office", "unit", "ref"]
    # Counts per unit come office by office, each office's in the order made.
    assert [r["office_id"] for r in table.records] == ["a", "a", "b", "b", None]
    assert [r["ref"] for r in table.records][:2] == ["a:tb-1/1.2", None]


def test_a_table_of_no_office_is_left_as_it_is():
    section = Section("due", COLUMNS, as_rows([{"unit": "x", "ref": "y"}]))
    assert with_office(Report([section]), OFFICES).tables[0] is section


def test_a_qualified_ids_office_is_what_office_of_tells():
    from cchc_cli.core.offices import office_of

    # Ids no office would have, for the odd cases of office_of.
    offices = {ident: Office(ident, ident, ident) for ident in ("a", "b", "a/b", ":x")}
    values = ["a:tb/1", "b/u", "a/b:c", ":x", ":x/y", "a", "b:", "x/y:z", "", "nowhere", "a/"]
    records = [{"ref": value} for value in values]
    expected = [offices.get(office_of(value) or value) for value in values]
    report = with_office(Report([Section("due", COLUMNS[1:], as_rows(records))]), offices.values())
    table = report.tables[0].records
    assert [r["office_id"] for r in table] == [o.id if o else None for o in expected]
    listed = with_office(Report([Section("due", COLUMNS[1:], records)]), offices.values())
    assert [r["office_id"] for r in listed.tables[0].records] == [r["office_id"] for r in table]


def test_records_for_programs_look_each_distinct_id_up_once(monkeypatch):
    from cchc_cli.views import offices as offices_view

    asked: list[str] = []
    real = offices_view.office_of
    monkeypatch.setattr(offices_view, "office_of", lambda v: asked.append(v) or real(v))
    records = [{"unit": f"{'ab'[n % 2]}/noi-vu", "ref": None} for n in range(100)]
    report = with_office(Report([Section("due", COLUMNS, records)]), OFFICES)
    assert [r["office_id"] for r in report.tables[0].records] == ["a", "b"] * 50
    assert sorted(asked) == ["a/noi-vu", "b/noi-vu"]


def picked_report(lines: list[dict], picks: dict[str, list[int]], columns: list[Column]):
    """The overdue list's shape: a section per unit, picking lines of one shared table."""
    from cchc_cli.views.textout import Picked

    shared = as_rows(lines)
    picked = [
        Section(unit, columns, Picked(shared, numbers, {"unit": unit}), title=unit)
        for unit, numbers in picks.items()
    ]
    listed = [
        Section(unit, columns, [{**lines[n], "unit": unit} for n in numbers], title=unit)
        for unit, numbers in picks.items()
    ]
    return Report(picked), Report(listed)


PICKED_LINES = [
    {"ref": "a:tb-1/1.1", "text": "Một"},
    {"ref": "b:tb-1/1.1", "text": "Hai dòng dài hơn một chút"},
    {"ref": "a:tb-2/3", "text": "Ba"},
    {"ref": "elsewhere", "text": "Bốn"},
]
PICKED_COLUMNS = [Column("ref", "label.ref"), Column("text", "label.text", shrink=True)]


def test_sections_picking_one_table_keep_picking_it_with_their_offices():
    """The overdue list's sections (one per unit, picking lines of one table) get their
    office as a column of that one table: still picked, so each line is laid out once,
    and printed as the same rows given as records print."""
    import io

    from cchc_cli.views.textout import ColourFormatter, Picked, PlainFormatter

    picks = {"a/noi-vu": [0, 2], "b/tu-phap": [1], "a/tai-chinh": [2]}
    picked, listed = picked_report(PICKED_LINES, picks, PICKED_COLUMNS)
    got = with_office(picked, OFFICES)
    expected = with_office(listed, OFFICES)
    bases = set()
    for table, plain in zip(got.tables, expected.tables, strict=True):
        assert isinstance(table.records, Picked)
        bases.add(id(table.records.base))
        assert list(table.records) == list(plain.records)
        assert table.columns == plain.columns
    assert len(bases) == 1  # one shared table, its offices worked out once
    # The office columns are the same objects in every section (laid out once too).
    assert len({id(t.columns[0]) for t in got.tables}) == 1
    for formatter in (PlainFormatter, ColourFormatter):
        for width in (30, 80):
            texts = []
            for report in (got, expected):
                out = io.StringIO()
                formatter(out, Lang.VI, width).emit(report)
                texts.append(out.getvalue())
            assert texts[0] == texts[1]


def test_picked_rows_not_all_of_their_units_office_are_told_row_by_row():
    from cchc_cli.views.textout import Picked

    # A unit of one office picking another's line, a unit of no office, no line at all.
    picks = {"a/noi-vu": [0, 1], "nowhere": [2, 3], "b/tu-phap": []}
    picked, listed = picked_report(PICKED_LINES, picks, PICKED_COLUMNS)
    got = with_office(picked, OFFICES)
    expected = with_office(listed, OFFICES)
    for table, plain in zip(got.tables, expected.tables, strict=True):
        assert not isinstance(table.records, Picked) or not table.records.numbers
        assert list(table.records) == list(plain.records)
        assert [c.key for c in table.columns] == [c.key for c in plain.columns]
    assert [r["office_id"] for r in got.tables[0].records] == ["a", "a"]
    assert [r["office_id"] for r in got.tables[1].records] == ["a", None]
