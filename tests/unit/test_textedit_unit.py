"""store/textedit.py: the lines of a file and how a value is written into one; the
parts that stay when edits move to append-only progress files."""

from __future__ import annotations

import pytest

from cchc_cli.store.textedit import EditRefused, NoticeText, split_lines
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
