"""Line-level edits of a notice file that change only what they mean to change.

Re-dumping YAML loses comments, quoting and layout, so edits are made on the
text itself: the located tree of :mod:`cchc_cli.store.yamlsrc` says where a task and
its keys are, and an edit inserts, replaces or deletes whole lines there. Every
other byte of the file stays as it was: comments, blank lines, key order,
quoting, indentation, CRLF line endings. Each edit is one :class:`Hunk`, which
is also what the journal keeps to undo it.

The task must be a block mapping (``- id: ...`` with one key per line); a task
written in flow style (``- {id: ..., text: ...}``) is refused rather than
reformatted. A progress key written in flow style (``done: {a: 2023-12-01}``)
is rewritten, as a block, in its own lines only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cchc_cli.store.yamlsrc import YMap, YNode, YScalar, YSeq, parse

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
DEFAULT_STEP = 2


class EditRefused(Exception):
    """The file is laid out in a way this editor will not touch; ``key`` says why."""

    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def split_lines(text: str) -> list[str]:
    """Lines with their endings ("\\n" or "\\r\\n"); only "\\n" splits, as in YAML."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class Hunk:
    """Lines ``old`` at index ``start`` became ``new``."""

    start: int
    old: tuple[str, ...]
    new: tuple[str, ...]

    def apply(self, lines: Sequence[str]) -> list[str]:
        return _swap(lines, self.start, self.old, self.new)

    def revert(self, lines: Sequence[str]) -> list[str]:
        return _swap(lines, self.start, self.new, self.old)

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "old": list(self.old), "new": list(self.new)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Hunk:
        return cls(int(data["start"]), tuple(data["old"]), tuple(data["new"]))


class HunkMismatch(Exception):
    """The lines a hunk expects are not there: the file changed since."""


def _swap(lines: Sequence[str], start: int, old: tuple[str, ...], new: tuple[str, ...]) -> list:
    if tuple(lines[start : start + len(old)]) != old:
        raise HunkMismatch(start)
    return [*lines[:start], *new, *lines[start + len(old) :]]


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


def flow_mapping(pairs: Sequence[tuple[str, str | None]]) -> str:
    """``{k: v, ...}`` on one line; pairs whose value is None are left out."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs if v is not None) + "}"


# -- the document ----------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


class NoticeText:
    """A notice file's lines and located tree; each method computes one edit as a hunk.

    The tree's positions hold for the text as read: apply the hunk, then read
    the new text again before the next edit.
    """

    def __init__(self, text: str, tree: YMap) -> None:
        self.lines = split_lines(text)
        self.tree = tree
        first = self.lines[0] if self.lines else "\n"
        self.newline = "\r\n" if first.endswith("\r\n") else "\n"

    @property
    def text(self) -> str:
        return "".join(self.lines)

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

    def _task_end(self, task: YMap) -> int:
        return self._span_end(task.source.line - 1, task.source.col - 1)

    def _entry_span(self, task: YMap, key: str) -> tuple[int, int]:
        entry = task.entries[key]
        first = entry.key_source.line - 1
        col = entry.key_source.col - 1
        if self.lines[first][:col].strip():
            # The key shares its line with something else ("- done: ..."): its
            # lines cannot be replaced without touching that.
            raise EditRefused("edit.layout", key=key, line=first + 1)
        return first, self._span_end(first, col + 1)

    def _step(self, task: YMap) -> int:
        """The file's indentation step, read from a nested block mapping."""
        for node in (task, self.tree):
            for entry in node.entries.values():
                child = entry.value
                if isinstance(child, YMap) and not child.flow and child.entries:
                    inner = next(iter(child.entries.values())).key_source.col
                    if inner > entry.key_source.col:
                        return inner - entry.key_source.col
        return DEFAULT_STEP

    def _pad(self, columns: int) -> str:
        return " " * columns

    def _line(self, columns: int, content: str) -> str:
        return f"{self._pad(columns)}{content}{self.newline}"

    # -- edits --------------------------------------------------------------------

    def _insert(self, index: int, new: list[str]) -> Hunk:
        if index == len(self.lines) and self.lines and not self.lines[-1].endswith("\n"):
            # The file ends without a line break: the last line gets one.
            last = self.lines[-1]
            return self._commit(Hunk(index - 1, (last,), (last + self.newline, *new)))
        return self._commit(Hunk(index, (), tuple(new)))

    def _replace(self, start: int, end: int, new: list[str]) -> Hunk:
        return self._commit(Hunk(start, tuple(self.lines[start:end]), tuple(new)))

    def _commit(self, hunk: Hunk) -> Hunk:
        # Check the hunk fits; the caller applies it (the tree is not re-read here).
        hunk.apply(self.lines)
        return hunk

    def _new_key(self, task: YMap, key: str, child: str) -> Hunk:
        """``key:`` with its first ``child`` line, at the end of ``task``."""
        col = task.source.col - 1
        lines = [self._line(col, f"{key}:"), self._line(col + self._step(task), child)]
        return self._insert(self._task_end(task), lines)

    def add_mapping_entry(self, task_id: str, key: str, entry_key: str, value: str) -> Hunk:
        """Add ``entry_key: value`` under ``key`` (``done``), creating ``key`` if absent."""
        task = self.task(task_id)
        entry = task.entries.get(key)
        if entry is None:
            return self._new_key(task, key, f"{entry_key}: {value}")
        node = entry.value
        if isinstance(node, YMap) and not node.flow and node.entries:
            child_col = next(iter(node.entries.values())).key_source.col - 1
            _, end = self._entry_span(task, key)
            return self._insert(end, [self._line(child_col, f"{entry_key}: {value}")])
        raise EditRefused("edit.rewrite", key=key)

    def remove_mapping_entry(self, task_id: str, key: str, entry_key: str) -> Hunk:
        """Delete the lines of ``entry_key`` under ``key``; ``key`` too if nothing is left."""
        task = self.task(task_id)
        node = task.entries[key].value
        if not isinstance(node, YMap) or node.flow:
            raise EditRefused("edit.rewrite", key=key)
        if len(node.entries) == 1:
            start, end = self._entry_span(task, key)
            return self._replace(start, end, [])
        child = node.entries[entry_key]
        first = child.key_source.line - 1
        end = self._span_end(first, child.key_source.col)
        return self._replace(first, end, [])

    def append_item(self, task_id: str, key: str, item: str) -> Hunk:
        """Append ``- item`` to the list under ``key``, creating ``key`` if absent."""
        task = self.task(task_id)
        entry = task.entries.get(key)
        if entry is None:
            return self._new_key(task, key, f"- {item}")
        node = entry.value
        if isinstance(node, YSeq) and not node.flow and node.items:
            first_item = node.items[0].source
            line = self.lines[first_item.line - 1][: first_item.col - 1]
            dash = len(line.rstrip()) - 1
            if dash < 0 or line.rstrip()[-1] != "-":
                raise EditRefused("edit.layout", key=key, line=first_item.line)
            _, end = self._entry_span(task, key)
            return self._insert(end, [self._line(dash, f"- {item}")])
        raise EditRefused("edit.rewrite", key=key)

    def set_entry(self, task_id: str, key: str, value: str) -> Hunk:
        """``key: value`` on one line, replacing the key's lines if it is there."""
        task = self.task(task_id)
        line = self._line(task.source.col - 1, f"{key}: {value}")
        if key not in task.entries:
            return self._insert(self._task_end(task), [line])
        start, end = self._entry_span(task, key)
        return self._replace(start, end, [line])

    def entry_lines(self, task_id: str, key: str) -> tuple[int, int]:
        """The lines ``key`` of a task takes (start index, end index); refused if shared."""
        return self._entry_span(self.task(task_id), key)

    def replace_entry_block(self, task_id: str, key: str, items: list[str], mapping: bool) -> Hunk:
        """Rewrite ``key`` as a block of ``items`` (mapping entries, or list items)."""
        task = self.task(task_id)
        col = task.source.col - 1
        step = self._step(task)
        prefix = "" if mapping else "- "
        lines = [self._line(col, f"{key}:")]
        lines += [self._line(col + step, prefix + item) for item in items]
        if not items:
            lines = []
        if key not in task.entries:
            return self._insert(self._task_end(task), lines)
        start, end = self._entry_span(task, key)
        return self._replace(start, end, lines)


def _id_of(item: YMap) -> str | None:
    entry = item.entries.get("id")
    return entry.value.value if entry and isinstance(entry.value, YScalar) else None
