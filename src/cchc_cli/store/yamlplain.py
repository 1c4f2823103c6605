"""The plain YAML most data files are written in, read straight into the located tree.

A first run reads every notice file; building the tree from the C parser's events
costs about 3 µs per event, most of it in Python (an event object and two marks per
node). Files written by cchc or by a clerk following docs/format.md use a small part
of YAML: block mappings and sequences, one-line plain or quoted scalars, one-line
flow lists of plain words, folded or literal block scalars, and comments (on lines
of their own or after a value). :func:`plain_tree` reads exactly that part, line by
line, into the same :class:`YMap` / :class:`YSeq` / :class:`YScalar` nodes, with the
same values, styles and positions.

Anything else - a tab, a trailing space, an empty value, a duplicate key, an
anchor, a tag, an escape, a multi-line plain scalar, a blank line inside a block
scalar, a character YAML forbids - is not judged here: :func:`plain_tree`
returns None and the file goes through the full parser
(:func:`cchc_cli.store.yamlsrc.parse`), which gives every diagnostic with its
``path:line:col``. So a file is read here only when the full parser would find no
problem in it, and tests compare the two trees for every file they know.
"""

from __future__ import annotations

import re

from cchc_cli.core.diagnostics import Source
from cchc_cli.core.vntext import nfc
from cchc_cli.store.yamlsrc import NULLS, YEntry, YMap, YNode, YScalar, YSeq

#: A block mapping's key: a plain word, then ``:`` and a space or the line's end.
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +|\Z)")
#: Characters the text may hold here: YAML's printable ones, but tab, CR, the BOM
#: and the line breaks of YAML 1.1 (the full parser judges or hides those).
_ODD = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: First characters that make a value something other than a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: What a one-line flow list's items may not hold (quotes, nesting, comments, ...).
_NOT_IN_FLOW = re.compile(r"[\[\]{}#&*!|>'\"%@`:?]")
#: Block scalar headers read here, and whether each folds its lines and keeps a last break.
_BLOCKS = {">": (True, True), ">-": (True, False), "|": (False, True), "|-": (False, False)}
#: What the character at a mapping's indentation is when its line holds no next key there.
_NOT_A_KEY = frozenset(("", " ", "#", "-"))
#: Nesting read here; deeper goes to the full parser (which refuses past MAX_DEPTH).
_DEPTH = 32

_new_tuple = tuple.__new__


class _NotPlain(Exception):
    """The text is outside what this module reads."""


def plain_tree(text: str, path: str) -> YNode | None:
    """The tree of ``text`` if it is plain YAML as described above, else None."""
    if not text.endswith("\n") or " \n" in text or _ODD.search(text) is not None:
        return None
    reader = _Reader(text.split("\n"), path)
    try:
        return reader.document()
    except (_NotPlain, IndexError):
        return None


class _Reader:
    """One pass over the lines; ``at`` is the next line not yet read."""

    def __init__(self, lines: list[str], path: str) -> None:
        self.lines = lines
        self.path = path
        self.at = 0
        self.depth = 0

    def _source(self, line: int, col: int) -> Source:
        return _new_tuple(Source, (self.path, line + 1, col + 1))

    def _next(self) -> tuple[int, str] | None:
        """The indentation and text of the next line with content (comments skipped)."""
        lines = self.lines
        while self.at < len(lines):
            line = lines[self.at]
            text = line.lstrip(" ")
            if text and text[0] != "#":
                return len(line) - len(text), line
            self.at += 1
        return None

    def document(self) -> YNode:
        first = self._next()
        if first is None or first[0] != 0:
            raise _NotPlain
        tree = self._mapping(0, 0)
        if self._next() is not None:
            raise _NotPlain
        return tree

    def _mapping(self, indent: int, start: int) -> YMap:
        """The block mapping whose keys are at column ``indent``; its first key at
        ``start`` on the current line (after a sequence's ``- ``, or ``indent``).

        The most common entry, a key and a one-line plain value, is read inline:
        this runs for every line of every file of a first run.
        """
        self.depth += 1
        if self.depth > _DEPTH:
            raise _NotPlain
        entries: dict[str, YEntry] = {}
        lines, path, key_match = self.lines, self.path, _KEY.match
        margin = " " * indent
        source = _new_tuple(Source, (path, self.at + 1, start + 1))
        col = start
        while True:
            at = self.at
            line = lines[at]
            match = key_match(line, col)
            if match is None:
                raise _NotPlain
            key = match.group(1)
            if key in entries or key in NULLS or len(key) > 128:
                raise _NotPlain
            key_source = _new_tuple(Source, (path, at + 1, col + 1))
            rest = match.end()
            text = line[rest:]
            if not text or text[0] == "#":
                self.at = at + 1
                value = self._nested(indent)
            elif (
                text[0] not in _INDICATORS
                and " #" not in text
                and ": " not in text
                and text[-1] != ":"
            ):
                self.at = at + 1
                value_source = _new_tuple(Source, (path, at + 1, rest + 1))
                if text in NULLS:
                    value = YScalar(None, value_source)
                else:
                    if not text.isascii():
                        text = nfc(text)
                    value = YScalar(text, value_source, "", True)
            else:
                value = self._value(text, rest, indent)
            entries[key] = YEntry(key, key_source, value)
            line = lines[self.at] if self.at < len(lines) else ""
            if line.startswith(margin) and line[indent : indent + 1] not in _NOT_A_KEY:
                col = indent  # the next key, at once (the usual case)
                continue
            found = self._next()
            if found is None or found[0] < indent:
                break
            if found[0] > indent:
                raise _NotPlain
            col = indent
        self.depth -= 1
        return YMap(entries, source)

    def _nested(self, indent: int) -> YNode:
        """The block under a key with nothing after its ``:``."""
        found = self._next()
        if found is None:
            raise _NotPlain  # an empty value: the full parser reads it as null
        inner, line = found
        if line.startswith("- ", inner) and inner >= indent:
            return self._sequence(inner)
        if inner > indent:
            return self._mapping(inner, inner)
        raise _NotPlain

    def _sequence(self, indent: int) -> YSeq:
        """The block sequence whose ``-`` are at column ``indent``."""
        self.depth += 1
        if self.depth > _DEPTH:
            raise _NotPlain
        items: list[YNode] = []
        source = self._source(self.at, indent)
        while True:
            line = self.lines[self.at]
            col = indent + 1
            while col < len(line) and line[col] == " ":
                col += 1
            if col == indent + 1 or col == len(line):
                raise _NotPlain  # "-x" or a lone "-"
            if _KEY.match(line, col) is not None:
                items.append(self._mapping(col, col))
            else:
                items.append(self._value(line[col:], col, indent))
            found = self._next()
            if found is None or found[0] < indent:
                break
            inner, line = found
            if inner > indent:
                raise _NotPlain
            if not line.startswith("- ", inner):
                break  # a key after a sequence written at its key's indentation
        self.depth -= 1
        return YSeq(tuple(items), source)

    def _value(self, text: str, col: int, indent: int) -> YNode:
        """The value ``text`` written from column ``col`` of the current line (and the
        lines of a block scalar, more indented than ``indent``); the line is read."""
        line_no = self.at
        self.at += 1
        head = text[0]
        if head not in _INDICATORS:
            cut = text.find(" #")
            if cut >= 0:
                text = text[:cut].rstrip(" ")
            if ": " in text or text[-1] == ":":
                raise _NotPlain
            return self._plain(text, line_no, col)
        if head == '"' or head == "'":
            end = text.find(head, 1)
            if end < 0 or not _ends(text, end + 1) or (head == '"' and "\\" in text[:end]):
                raise _NotPlain
            return _scalar(text[1:end], self._source(line_no, col), head)
        if head == "[":
            end = text.find("]")
            if end < 0 or not _ends(text, end + 1):
                raise _NotPlain
            return self._flow(text[: end + 1], line_no, col)
        cut = text.find(" #")
        block = _BLOCKS.get(text if cut < 0 else text[:cut].rstrip(" "))
        if block is not None:
            return self._block(head, block, indent, self._source(line_no, col))
        raise _NotPlain

    def _plain(self, text: str, line_no: int, col: int) -> YScalar:
        source = self._source(line_no, col)
        if text in NULLS:
            return YScalar(None, source)
        return _scalar(text, source, "")

    def _flow(self, text: str, line_no: int, col: int) -> YSeq:
        """A one-line flow list of plain words: ``[a, b c]``."""
        if _NOT_IN_FLOW.search(text, 1, len(text) - 1) is not None:
            raise _NotPlain
        items: list[YNode] = []
        inside = text[1:-1]
        if inside.strip(" "):
            offset = col + 1
            for part in inside.split(","):
                word = part.strip(" ")
                if not word or word[0] in _INDICATORS:
                    raise _NotPlain  # "[a,]", "[, a]": left to the full parser
                lead = len(part) - len(part.lstrip(" "))
                items.append(self._plain(word, line_no, offset + lead))
                offset += len(part) + 1
        elif inside:
            raise _NotPlain
        return YSeq(tuple(items), self._source(line_no, col), False, True)

    def _block(self, style: str, block: tuple[bool, bool], indent: int, source: Source) -> YScalar:
        """A block scalar's lines, all at one indentation with none blank, joined."""
        folded, keep_break = block
        lines = self.lines
        first = lines[self.at]
        depth = len(first) - len(first.lstrip(" "))
        if depth <= indent or depth == len(first):
            raise _NotPlain
        content = []
        while self.at < len(lines):
            line = lines[self.at]
            text = line.lstrip(" ")
            inner = len(line) - len(text)
            if not text:
                if self._content_follows(depth):
                    raise _NotPlain  # a blank line inside: folding rules the full parser knows
                break
            if inner < depth:
                break
            if inner > depth:
                raise _NotPlain
            content.append(text)
            self.at += 1
        value = (" " if folded else "\n").join(content) + ("\n" if keep_break else "")
        return _scalar(value, source, style, single_line=False)

    def _content_follows(self, depth: int) -> bool:
        """Whether the next line that is not blank is indented ``depth`` or more."""
        lines = self.lines
        for at in range(self.at, len(lines)):
            text = lines[at].lstrip(" ")
            if text:
                return len(lines[at]) - len(text) >= depth
        return False


def _ends(text: str, at: int) -> bool:
    """Whether ``text`` ends at ``at``, but for spaces and a comment."""
    tail = text[at:]
    return not tail or (tail[0] == " " and tail.lstrip(" ")[0] == "#")


def _scalar(value: str, source: Source, style: str, single_line: bool = True) -> YScalar:
    if not value.isascii():
        value = nfc(value)
    return YScalar(value, source, style, single_line)
