from cchc_cli.core.diagnostics import Source
from cchc_cli.store.yamlsrc import YMap, YScalar, YSeq, decode, parse, read_file


def test_decode_strips_a_bom():
    assert decode("\ufeffid: x\n".encode(), "a.yaml") == ("id: x\n", [])


def test_decode_names_the_line_and_column_of_the_first_bad_byte():
    data = "id: x\ntext: Báo ".encode() + "cáo".encode("cp1258") + b"\n"
    text, (diagnostic,) = decode(data, "a.yaml")
    assert text is None
    assert diagnostic.source == Source("a.yaml", 2, 12)  # the "á" after "c"
    assert diagnostic.args == {"byte": "0xE1"}


def test_read_file_reports_what_cannot_be_read(tmp_path):
    text, (diagnostic,) = read_file(tmp_path, "folder.yaml")
    assert text is None
    assert diagnostic.key == "file.unreadable"
    assert str(diagnostic.source) == "folder.yaml"


def test_scalars_stay_text_with_their_positions():
    node, problems = parse("date: 2023-13-01\nid: 2.10\nn: ~\nlist: [a, 'b']\n", "a.yaml")
    assert problems == []
    assert isinstance(node, YMap)
    date = node.entries["date"].value
    assert date == YScalar("2023-13-01", Source("a.yaml", 1, 7))
    assert node.entries["id"].value.value == "2.10"
    assert node.entries["n"].value.value is None
    items = node.entries["list"].value
    assert isinstance(items, YSeq)
    assert [i.value for i in items.items] == ["a", "b"]
    assert items.items[1].style == "'"


def test_values_are_nfc():
    node, _ = parse("name: Vi\u0303nh Linh\n", "a.yaml")
    assert node.entries["name"].value.value == "Vĩnh Linh"


def test_more_than_one_document_is_refused():
    node, (problem,) = parse("a: 1\n---\nb: 2\n", "a.yaml")
    assert node is None
    assert (problem.key, problem.source) == ("yaml.multi-document", Source("a.yaml", 2, 1))


def test_an_alias_is_refused_where_it_is_used():
    node, (problem,) = parse("a: &x [1]\nb: *x\n", "a.yaml")
    assert node is None
    assert (problem.key, problem.source) == ("yaml.alias", Source("a.yaml", 2, 4))


def test_explicit_core_tags_are_allowed_and_nulls_are_none():
    node, problems = parse("a: !!str 12\nb: null\nc: ''\nd: 'null'\ne: ~\n", "a.yaml")
    assert problems == []
    values = {k: e.value.value for k, e in node.entries.items()}
    assert values == {"a": "12", "b": None, "c": "", "d": "null", "e": None}


def test_a_refused_value_marks_its_mapping_and_parents_damaged():
    node, problems = parse("tasks:\n  - id: '1'\n    text: !!binary aGk=\n", "a.yaml")
    assert [p.key for p in problems] == ["yaml.tag"]
    task = node.entries["tasks"].value.items[0]
    assert task.refused == frozenset({"text"})
    assert task.damaged and node.damaged


def test_position_inside_a_quoted_scalar():
    node, _ = parse('deadline: "trước ngày 31/11/2023"\n', "a.yaml")
    scalar = node.entries["deadline"].value
    assert scalar.at(11) == Source("a.yaml", 1, 23)
