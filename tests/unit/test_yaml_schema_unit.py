"""store/yamlsrc.py and store/schema.py: positions a clerk's editor can jump to, whatever
the line endings or BOM, and every wrong type, missing or unknown key named where it is."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.diagnostics import Source
from cchc_cli.store.schema import Fields, expect_map, read_date
from cchc_cli.store.yamlsrc import YMap, YScalar, YSeq, decode, parse, read_file

NOTICE = (
    "id: tb-1\n"
    "title: >-\n"
    "  Kết luận của Chủ tịch\n"
    "  UBND huyện\n"
    "tasks:\n"
    "  - id: '1.1'\n"
    "    assignees: [noi-vu, xa-thi-tran]\n"
    '    deadline: "trước ngày 10/12/2023"\n'
    "    text: |\n"
    "      Dòng một\n"
    "      Dòng hai\n"
)


def positions(text: str) -> dict[str, Source]:
    node, problems = parse(text, "a.yaml")
    assert problems == []
    assert isinstance(node, YMap)
    task = node.entries["tasks"].value.items[0]
    return {
        "id": node.entries["id"].value.source,
        "title": node.entries["title"].value.source,
        "tasks-key": node.entries["tasks"].key_source,
        "task": task.source,
        "task-id": task.entries["id"].value.source,
        "second-assignee": task.entries["assignees"].value.items[1].source,
        "deadline": task.entries["deadline"].value.source,
        "text": task.entries["text"].value.source,
    }


EXPECTED = {
    "id": Source("a.yaml", 1, 5),
    "title": Source("a.yaml", 2, 8),
    "tasks-key": Source("a.yaml", 5, 1),
    "task": Source("a.yaml", 6, 5),
    "task-id": Source("a.yaml", 6, 9),
    "second-assignee": Source("a.yaml", 7, 25),
    "deadline": Source("a.yaml", 8, 15),
    "text": Source("a.yaml", 9, 11),
}


def test_every_node_knows_its_line_and_column():
    assert positions(NOTICE) == EXPECTED


def test_crlf_line_endings_give_the_same_positions_and_values():
    crlf = NOTICE.replace("\n", "\r\n")
    assert positions(crlf) == EXPECTED
    node, _ = parse(crlf, "a.yaml")
    text = node.entries["tasks"].value.items[0].entries["text"].value
    assert text.value == "Dòng một\nDòng hai\n"


def test_a_bom_is_dropped_by_decode_and_positions_count_from_the_first_character():
    text, problems = decode(("\ufeff" + NOTICE).encode("utf-8"), "a.yaml")
    assert problems == [] and text == NOTICE
    assert positions(text) == EXPECTED


def test_a_bom_left_in_the_text_does_not_shift_the_first_line():
    node, problems = parse("\ufeffid: tb-1\n", "a.yaml")
    assert problems == []
    assert node.entries["id"].value == YScalar("tb-1", Source("a.yaml", 1, 5))


def test_columns_count_characters_not_bytes():
    node, _ = parse("title: Kết luận\nx: [Vĩnh Hòa, Hồ Xá]\n", "a.yaml")
    items = node.entries["x"].value.items
    assert [(i.value, i.source.col) for i in items] == [("Vĩnh Hòa", 5), ("Hồ Xá", 15)]


def test_block_scalars_keep_their_style_and_are_not_single_line():
    node, _ = parse(NOTICE, "a.yaml")
    title = node.entries["title"].value
    assert (title.value, title.style, title.single_line) == (
        "Kết luận của Chủ tịch UBND huyện",
        ">",
        False,
    )
    text = node.entries["tasks"].value.items[0].entries["text"].value
    assert text.style == "|"
    # inside a block scalar a column cannot be known: the scalar's own place is given
    assert text.at(5) == text.source


@pytest.mark.parametrize(
    ("line", "offset", "col"),
    [
        ("d: trước ngày 31/11/2023\n", 11, 15),
        ("d: 'trước ngày 31/11/2023'\n", 11, 16),
        ('d: "trước ngày 31/11/2023"\n', 0, 5),
    ],
)
def test_a_position_inside_a_single_line_scalar(line, offset, col):
    node, _ = parse(line, "a.yaml")
    assert node.entries["d"].value.at(offset) == Source("a.yaml", 1, col)


def test_a_multi_line_plain_scalar_points_at_its_start():
    node, _ = parse("d: trước ngày\n  31/11/2023\n", "a.yaml")
    scalar = node.entries["d"].value
    assert (scalar.value, scalar.single_line) == ("trước ngày 31/11/2023", False)
    assert scalar.at(11) == Source("a.yaml", 1, 4)


def test_flow_collections_say_so():
    node, _ = parse("a: [x]\nb:\n  - x\nc: {k: v}\n", "a.yaml")
    assert (node.entries["a"].value.flow, node.entries["b"].value.flow) == (True, False)
    assert node.entries["c"].value.flow is True


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        ("", "yaml.empty", (1, 1)),
        ("# only a comment\n", "yaml.empty", (1, 1)),
        ("a: 1\na: 2\n", "yaml.duplicate-key", (2, 1)),
        ("? [a, b]\n: 1\n", "yaml.complex-key", (1, 3)),
        ("a: !!python/object:os.system x\n", "yaml.tag", (1, 4)),
        ("a: [1, 2\n", "yaml.syntax", (2, 1)),
        ("a:\n\t- x\n", "yaml.tab", (2, 1)),
        ("a: b\x00c\n", "yaml.control-char", (1, 5)),
        ("a: Hà\x07\n", "yaml.control-char", (1, 6)),
    ],
)
def test_problems_are_named_where_they_are(text, key, where):
    _node, problems = parse(text, "a.yaml")
    assert [(p.key, (p.source.line, p.source.col)) for p in problems] == [(key, where)]


def test_a_duplicate_key_names_the_line_of_the_first_and_drops_both():
    node, (problem,) = parse("id: a\ntitle: x\nid: b\n", "a.yaml")
    assert problem.args == {"key": "id", "line": 1}
    assert "id" not in node.entries and "id" in node.refused
    assert node.damaged


def test_a_third_copy_of_a_key_is_reported_too():
    _, problems = parse("a: 1\na: 2\na: 3\n", "a.yaml")
    assert [(p.source.line, p.key) for p in problems] == [
        (2, "yaml.duplicate-key"),
        (3, "yaml.duplicate-key"),
    ]


def test_a_refused_item_in_a_list_damages_the_list_only_up_the_tree():
    node, _ = parse("a: [x, !!binary aGk=, y]\nb: z\n", "a.yaml")
    seq = node.entries["a"].value
    assert isinstance(seq, YSeq)
    assert [i.value for i in seq.items] == ["x", "y"]
    assert seq.damaged and node.damaged


def test_numbers_and_booleans_stay_text():
    node, _ = parse("a: 010\nb: yes\nc: 1.10\nd: 2023-11-22\n", "a.yaml")
    assert {k: e.value.value for k, e in node.entries.items()} == {
        "a": "010",
        "b": "yes",
        "c": "1.10",
        "d": "2023-11-22",
    }


def test_a_file_that_is_not_utf8_names_the_first_bad_byte(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: " + "Hà".encode("cp1258") + b"\n")
    text, (problem,) = read_file(path, "a.yaml")
    assert text is None
    assert (problem.key, problem.source, problem.args) == (
        "file.not-utf8",
        Source("a.yaml", 1, 6),
        {"byte": "0xE0"},
    )


def test_a_file_that_is_not_utf8_names_the_first_bad_byte_after_a_bom(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffid: ".encode() + "Hà".encode("cp1258") + b"\n")
    text, (problem,) = read_file(path, "a.yaml")
    assert text is None
    assert (problem.key, problem.source, problem.args) == (
        "file.not-utf8",
        Source("a.yaml", 1, 6),
        {"byte": "0xE0"},
    )


def test_a_bad_byte_on_a_later_line_after_a_bom_is_placed_exactly(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffid: tb-1\nti: ".encode() + b"\xff\n")
    _text, (problem,) = read_file(path, "a.yaml")
    assert (problem.source, problem.args) == (Source("a.yaml", 2, 5), {"byte": "0xFF"})


def test_read_file_gives_the_text_without_its_bom(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffid: tb-1\r\n".encode())
    assert read_file(path, "a.yaml") == ("id: tb-1\r\n", [])


# -- the schema ------------------------------------------------------------------


def fields_of(text: str, allowed=("id", "title", "tasks", "date", "issued", "to")):
    node, problems = parse(text, "a.yaml")
    assert problems == []
    diagnostics: list = []
    return Fields(node, allowed, diagnostics), diagnostics


def keys(diagnostics) -> list[tuple[int, int, str]]:
    return [(d.source.line, d.source.col, d.key) for d in diagnostics]


def test_a_required_key_that_is_missing_points_at_the_mapping():
    fields, diagnostics = fields_of("title: x\n")
    assert fields.scalar("id", required=True) is None
    assert keys(diagnostics) == [(1, 1, "schema.missing")]
    assert diagnostics[0].args == {"key": "id"}


def test_a_required_key_written_without_a_value_points_at_the_key():
    fields, diagnostics = fields_of("title: x\nid:\n")
    assert fields.scalar("id", required=True) is None
    assert keys(diagnostics) == [(2, 1, "schema.missing")]


def test_an_optional_key_that_is_missing_is_no_problem():
    fields, diagnostics = fields_of("title: x\n")
    assert (fields.scalar("id"), fields.text("id"), fields.scalars("to")) == (None, None, [])
    assert diagnostics == []


def test_a_required_key_whose_value_was_refused_is_not_also_missing():
    node, _ = parse("id: !!binary aGk=\n", "a.yaml")
    diagnostics: list = []
    assert Fields(node, ("id",), diagnostics).scalar("id", required=True) is None
    assert diagnostics == []


@pytest.mark.parametrize(
    ("text", "call", "key"),
    [
        ("id: [a]\n", lambda f: f.scalar("id"), "schema.expected-text"),
        ("tasks: x\n", lambda f: f.sequence("tasks"), "schema.expected-list"),
        ("tasks: {a: 1}\n", lambda f: f.scalars("tasks"), "schema.expected-list"),
        ("title: [x]\n", lambda f: f.mapping("title"), "schema.expected-mapping"),
        ("title: [x]\n", lambda f: f.text("title"), "schema.expected-text"),
        ("title: ''\n", lambda f: f.text("title", required=True), "schema.empty"),
        ("title: '   '\n", lambda f: f.text("title", required=True), "schema.empty"),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_at_the_value(text, call, key):
    fields, diagnostics = fields_of(text)
    assert call(fields) in (None, [])
    assert keys(diagnostics) == [(1, text.index(":") + 3, key)]


def test_text_is_tidied_nfc_with_single_spaces():
    fields, _ = fields_of("title: '  Kết   luận  '\n")
    assert fields.text("title") == "Kết luận"


def test_a_single_text_counts_as_a_list_of_one_and_empty_items_are_errors():
    fields, diagnostics = fields_of("to: noi-vu\n")
    assert [s.value for s in fields.scalars("to")] == ["noi-vu"]
    fields, diagnostics = fields_of("to: [a, ~, [b], '  c  ']\n")
    assert fields.texts("to") == ("a", "c")
    assert keys(diagnostics) == [(1, 9, "schema.expected-text"), (1, 12, "schema.expected-text")]


def test_dates_and_partial_dates_are_read_or_named_at_the_value():
    fields, diagnostics = fields_of("date: 2023-11\nissued: 31/11/2023\n")
    assert fields.partial_date("date") == PartialDate(2023, 11)
    assert fields.date("issued") is None
    assert keys(diagnostics) == [(2, 9, "date.bad-day")]
    assert diagnostics[0].args == {"day": 31, "month": 11, "year": 2023, "last": 30}


def test_a_full_date_is_refused_where_only_a_full_date_will_do():
    fields, diagnostics = fields_of("issued: 2023-11\n")
    assert fields.date("issued") is None
    assert keys(diagnostics) == [(1, 9, "date.format")]


def test_read_date_of_nothing_is_nothing():
    diagnostics: list = []
    assert read_date(None, diagnostics) is None and diagnostics == []
    assert read_date(YScalar("22/11/2023", Source("a", 1, 1)), diagnostics) == date(2023, 11, 22)


def test_unknown_keys_are_named_with_a_suggestion_when_one_is_close():
    fields, diagnostics = fields_of("titel: x\nzzz: y\nid: a\n")
    fields.finish()
    assert keys(diagnostics) == [(1, 1, "schema.unknown-key-suggest"), (2, 1, "schema.unknown-key")]
    assert diagnostics[0].args == {"key": "titel", "suggestion": "title"}
    assert diagnostics[1].args["allowed"] == "id, title, tasks, date, issued, to"


def test_spans_record_where_each_value_read_came_from():
    fields, _ = fields_of("id: a\ntitle: b\n")
    fields.scalar("id")
    fields.text("title")
    assert fields.spans == {"id": Source("a.yaml", 1, 5), "title": Source("a.yaml", 2, 8)}


def test_expect_map_names_what_it_expected():
    node, _ = parse("- a\n", "a.yaml")
    diagnostics: list = []
    assert expect_map(node, "tasks", diagnostics) is None
    assert keys(diagnostics) == [(1, 1, "schema.expected-mapping")]
    assert expect_map(None, "tasks", diagnostics) is None and len(diagnostics) == 1
