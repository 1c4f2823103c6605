"""Where a notice's keys are, line by line, so they can be removed without touching the rest.

Re-dumping YAML loses comments, quoting and layout, so ``cchc migrate`` works
on the text itself: the located tree of :mod:`cchc_cli.store.yamlsrc` says
where a task and its keys are, and whole lines are removed there. Every other
byte of the file stays as it was: comments, blank lines, key order, quoting,
indentation, CRLF line endings.

The task must be a block mapping (``- id: ...`` with one key per line); a task
written in flow style (``- {id: ..., text: ...}``), or a key on the task's
first line, is refused rather than reformatted.
"""

from __future__ import annotations

import json
import re

from cchc_cli.core.errors import CchcError
from cchc_cli.store.yamlsrc import YMap, YNode, YScalar, YSeq, parse

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


class EditRefused(CchcError):
    """The file is laid out in a way this editor will not touch; ``key`` says why."""


def split_lines(text: str) -> list[str]:
    """Lines with their endings ("\\n" or "\\r\\n"); only "\\n" splits, as in YAML."""
    return _LINE.findall(text)


# -- rendering values ----------------------------------------------------------------


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain where it reads back the same, else double-quoted."""
    if _plain_ok(text, flow):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or not _PLAIN_START.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\n" in text or "\t" in text:
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    probe = f"k: [{text}]" if flow else f"k: {text}"
    node, problems = parse(probe, "")
    if problems or not isinstance(node, YMap):
        return False
    value = node.entries["k"].value
    if flow:
        return isinstance(value, YSeq) and len(value.items) == 1 and _is_text(value.items[0], text)
    return _is_text(value, text)


def _is_text(node: YNode, text: str) -> bool:
    return isinstance(node, YScalar) and node.value == text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


class NoticeText:
    """A notice file's lines and located tree: which lines each task's key takes."""

    def __init__(self, text: str, tree: YMap) -> None:
        self.lines = split_lines(text)
        self.tree = tree

    def task(self, task_id: str) -> YMap:
        tasks = self.tree.entries.get("tasks")
        for item in tasks.value.items if tasks and isinstance(tasks.value, YSeq) else ():
            if isinstance(item, YMap) and _id_of(item) == task_id:
                if item.flow:
                    raise EditRefused("edit.flow-task", id=task_id)
                return item
        raise EditRefused("edit.no-task", id=task_id)

    # -- where things are ----------------------------------------------------------

    def _span_end(self, first: int, min_indent: int) -> int:
        """Index after the last line of a node that starts on line ``first``.

        The node's lines are those after ``first`` that are blank or indented at
        least ``min_indent``; blank lines at the end belong to what follows.
        """
        end = first + 1
        while end < len(self.lines) and (
            _blank(self.lines[end]) or _indent(self.lines[end]) >= min_indent
        ):
            end += 1
        while end > first + 1 and _blank(self.lines[end - 1]):
            end -= 1
        return end

    def _entry_span(self, task: YMap, key: str) -> tuple[int, int]:
        entry = task.entries[key]
        first = entry.key_source.line - 1
        col = entry.key_source.col - 1
        if self.lines[first][:col].strip():
            # The key shares its line with something else ("- done: ..."): its
            # lines cannot be replaced without touching that.
            raise EditRefused("edit.layout", key=key, line=first + 1)
        return first, self._span_end(first, col + 1)

    def entry_lines(self, task_id: str, key: str) -> tuple[int, int]:
        """The lines ``key`` of a task takes (start index, end index); refused if shared."""
        return self._entry_span(self.task(task_id), key)


def _id_of(item: YMap) -> str | None:
    entry = item.entries.get("id")
    return entry.value.value if entry and isinstance(entry.value, YScalar) else None
