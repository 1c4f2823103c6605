"""store/textedit.py: the lines of a file and how a value is written into one; the
parts that stay when edits move to append-only progress files."""

from __future__ import annotations

import pytest

from cchc_cli.store.textedit import EditRefused, NoticeText, scalar, split_lines
from cchc_cli.store.yamlsrc import YMap, parse


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb\n", ["a\n", "b\n"]),
        ("a\r\nb\r\n", ["a\r\n", "b\r\n"]),
        ("a\nb", ["a\n", "b"]),
        ("a\rb\n", ["a\rb\n"]),  # a lone CR does not end a line
        ("\n\n", ["\n", "\n"]),
        ("", []),
    ],
)
def test_split_lines_keeps_each_lines_ending(text, lines):
    assert split_lines(text) == lines
    assert "".join(split_lines(text)) == text


@pytest.mark.parametrize(
    ("text", "flow", "written"),
    [
        ("Phòng Nội vụ", False, "Phòng Nội vụ"),
        ("a: b", False, '"a: b"'),
        ("# not a comment", False, '"# not a comment"'),
        (" space", False, '" space"'),
        ("", False, '""'),
        ("Số 12, ngày 01/12", False, "Số 12, ngày 01/12"),
        ("Số 12, ngày 01/12", True, '"Số 12, ngày 01/12"'),
        ('nói "được"', False, 'nói "được"'),
        ("hai\ndòng", False, '"hai\\ndòng"'),
    ],
)
def test_scalar_is_plain_only_when_it_reads_back_as_the_same_text(text, flow, written):
    assert scalar(text, flow) == written


@pytest.mark.xfail(
    strict=True,
    reason="textedit.scalar (used by `cchc new`) writes plain what YAML 1.1 loaders read as"
    " a bool or a date; store/yamlwrite.scalar quotes it (issue 13: one writer)",
)
@pytest.mark.parametrize("text", ["yes", "2023-12-01", "off"])
def test_scalar_quotes_words_other_yaml_loaders_read_as_something_else(text):
    assert scalar(text) == f'"{text}"'


@pytest.mark.parametrize(
    ("text", "task_id", "key"),
    [
        ("tasks:\n  - {id: '1', text: x}\n", "1", "edit.flow-task"),
        ("tasks:\n  - id: '1'\n    text: x\n", "2", "edit.no-task"),
        ("id: tb-1\n", "1", "edit.no-task"),
        ("tasks: []\n", "1", "edit.no-task"),
    ],
)
def test_a_task_that_cannot_be_edited_line_by_line_is_refused(text, task_id, key):
    tree, problems = parse(text, "a.yaml")
    assert problems == [] and isinstance(tree, YMap)
    with pytest.raises(EditRefused) as caught:
        NoticeText(text, tree).task(task_id)
    assert (caught.value.key, caught.value.args_) == (key, {"id": task_id})


def test_a_block_task_is_found_by_its_id():
    text = "tasks:\n  - id: '1'\n    text: a\n  - id: '2'\n    text: b\n"
    tree, _ = parse(text, "a.yaml")
    task = NoticeText(text, tree).task("2")
    assert task.entries["text"].value.value == "b"
