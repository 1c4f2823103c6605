"""``-f json`` and ``-f csv`` written a column at a time: the same bytes as the record at
a time writers (``json.dumps(..., indent=2)``, ``csv.writer``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.views.datarows import columns_of, json_rows
from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import (
    Column,
    OutputFormat,
    Report,
    Rows,
    Section,
    _csv_cell,
    formatter_for,
    json_value,
)

SCALARS = (
    st.text()
    | st.none()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.booleans()
    | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4), max_leaves=8)


def reference(keys, records) -> str:
    document = [{k: json_value(r.get(k)) for k in keys} for r in records]
    return json.dumps(document, ensure_ascii=False, indent=2, default=json_value)


@settings(max_examples=300)
@given(
    st.lists(st.text(max_size=12), min_size=1, max_size=5, unique=True).flatmap(
        lambda keys: st.tuples(
            st.just(keys),
            st.lists(st.fixed_dictionaries({k: VALUES for k in keys}), max_size=6),
        )
    )
)
def test_json_rows_are_json_dumps_byte_for_byte(case):
    keys, records = case
    section = Section("rows", [Column(k) for k in keys], records)
    written = json_rows(keys, columns_of(section, keys))
    assert written == reference(keys, records)


def test_rows_held_by_column_read_as_the_records_they_hold():
    rows = Rows({"a": [1, None], "b": ["x", ["y", date(2024, 2, 29)]]})
    section = Section("rows", [Column("a"), Column("b"), Column("c")], rows)
    assert columns_of(section, ["a", "b", "c"]) == [
        [1, None],
        ["x", ["y", date(2024, 2, 29)]],
        [None, None],
    ]
    assert json_rows(["a", "b", "c"], columns_of(section, ["a", "b", "c"])) == reference(
        ["a", "b", "c"], list(rows)
    )


def test_a_value_of_another_kind_is_left_to_json_dumps():
    assert json_rows(["a"], [[1.5]]) is None
    assert json_rows(["a"], [[{"b": 1}]]) is None
    assert json_rows([], []) is None
    assert json_rows(["a"], [[]]) == "[]" == json.dumps([], indent=2)


def test_lone_surrogates_and_control_characters_are_escaped_as_json_dumps_does():
    values = ["\ud800", "a\x00b\x1f", "\u2028", "tab\there", '"quoted" \\ back']
    assert json_rows(["t"], [values]) == reference(["t"], [{"t": v} for v in values])


def _emitted(fmt: str, section: Section) -> str:
    out = io.StringIO()
    formatter_for(OutputFormat(fmt), Lang.VI, out).emit(Report([section], data=section))
    return out.getvalue()


@pytest.mark.parametrize("held", [list, lambda records: Rows(_by_column(records))])
def test_the_writers_say_what_a_record_at_a_time_said(held):
    records = [
        {"ref": "tb/1", "units": ["a", "b"], "last_day": date(2024, 6, 30), "n": 3},
        {"ref": "=cmd|' /C calc'!A0", "units": [], "last_day": None, "n": -1},
        {"ref": "tb/2", "units": ["c"], "last_day": date(2024, 7, 1), "n": 2.5},  # a float
    ]
    keys = list(records[0])
    section = Section("rows", [Column(k) for k in keys], held(records))
    assert _emitted("json", section) == reference(keys, records) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(keys)
    for record in records:
        writer.writerow([_csv_cell(record.get(k)) for k in keys])
    assert _emitted("csv", section) == "\ufeff" + buffer.getvalue()
    assert "'=cmd" in _emitted("csv", section)  # still neutralized


def _by_column(records: list[dict]) -> dict[str, list]:
    return {key: [r[key] for r in records] for key in records[0]}
