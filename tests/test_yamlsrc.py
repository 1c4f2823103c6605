import os
import time

import pytest

from cchc_cli.core.diagnostics import Source
from cchc_cli.store.yamlsrc import (
    MAX_DEPTH,
    DataFileError,
    YMap,
    YScalar,
    YSeq,
    decode,
    parse,
    read_data_file,
    read_file,
)


def test_decode_strips_a_bom():
    assert decode("\ufeffid: x\n".encode(), "a.yaml") == ("id: x\n", [])


def test_decode_names_the_line_and_column_of_the_first_bad_byte():
    data = "id: x\ntext: Báo ".encode() + "cáo".encode("cp1258") + b"\n"
    text, (diagnostic,) = decode(data, "a.yaml")
    assert text is None
    assert diagnostic.source == Source("a.yaml", 2, 12)  # the "á" after "c"
    assert diagnostic.args == {"byte": "0xE1"}


def test_read_file_reports_what_cannot_be_read(tmp_path):
    text, (diagnostic,) = read_file(tmp_path / "missing.yaml", "missing.yaml")
    assert text is None
    assert diagnostic.key == "file.unreadable"
    assert diagnostic.args == {"reason": "No such file or directory"}
    assert str(diagnostic.source) == "missing.yaml"


def test_a_folder_is_not_read_as_a_file(tmp_path):
    text, (diagnostic,) = read_file(tmp_path, "folder.yaml")
    assert text is None
    assert diagnostic.key == "file.is-folder"


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "units.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(DataFileError) as caught:
        read_data_file(fifo)
    assert caught.value.key == "file.is-fifo"
    assert time.monotonic() - started < 1


def test_a_link_to_dev_zero_is_refused_without_reading(tmp_path):
    link = tmp_path / "config.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(DataFileError) as caught:
        read_data_file(link)
    assert caught.value.key == "file.is-device"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 3000)
    assert read_data_file(path, limit=3000) == b"#" * 3000
    with pytest.raises(DataFileError) as caught:
        read_data_file(path, limit=2999)
    assert caught.value.key == "file.too-big"


def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path, monkeypatch):
    """The size is checked on what was read, not only on what fstat said."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"# small\n")
    calls = []

    def read(fd, size):
        calls.append(size)
        return b"#" * size  # a writer keeps appending: the end never comes

    monkeypatch.setattr(os, "read", read)
    with pytest.raises(DataFileError) as caught:
        read_data_file(path, limit=100)
    assert caught.value.key == "file.too-big"
    assert sum(calls) == 101  # one byte past the limit tells, no more is read


@pytest.mark.parametrize("style", ["flow", "block", "mapping"])
def test_nesting_beyond_the_limit_is_one_error_not_a_recursion_error(style):
    depth = 2000
    if style == "flow":
        text = "a: " + "[" * depth + "]" * depth + "\n"
    elif style == "block":
        text = "a:\n" + "".join("  " * i + "-\n" for i in range(1, depth))
    else:
        text = "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "v\n"
    node, (diagnostic,) = parse(text, "deep.yaml")
    assert node is None
    assert diagnostic.key == "yaml.too-deep"
    assert diagnostic.args == {"limit": MAX_DEPTH}


def test_nesting_up_to_the_limit_is_read():
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    node, problems = parse(text, "deep.yaml")
    assert problems == []
    assert isinstance(node, YMap)


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


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("style", ["plain", "quoted"])
def test_nel_ls_and_ps_are_characters_not_line_breaks(character, style):
    """Editors show them inside one line; positions after them must not shift."""
    value = f"Báo cáo{character}số 12" if style == "plain" else f'"Báo cáo{character}số 12"'
    text = f"a: {value}\nb: 2023-13-01\nc: !!python/object x\n"
    node, (diagnostic,) = parse(text, "f.yaml")
    assert node.entries["a"].value.value == f"Báo cáo{character}số 12"
    assert node.entries["b"].value.source == Source("f.yaml", 2, 4)
    assert diagnostic.source == Source("f.yaml", 3, 4)
    assert diagnostic.key == "yaml.tag"


def test_a_stand_in_never_collides_with_a_character_already_there():
    text = "a: \ue000\u2028\ue001\n"
    node, problems = parse(text, "f.yaml")
    assert problems == []
    assert node.entries["a"].value.value == "\ue000\u2028\ue001"
