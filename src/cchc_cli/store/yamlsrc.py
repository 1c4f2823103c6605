"""YAML files as a small tree of values that remember where they came from.

The files are composed (not constructed) with ruamel.yaml's C-backed parser:
composing gives every node its position and resolves nothing, so a date like
``2023-13-01`` stays text for :mod:`cchc_cli.core.dates` to judge with a position,
tags such as ``!!python/object`` are refused without ever being executed, and
an alias bomb is refused without being expanded.

Most files are plain YAML without a problem: :mod:`cchc_cli.store.yamlplain` reads
those into the same tree without the parser's events (a first run reads thousands),
and hands anything else to the parser here.

Every scalar comes back as NFC text (or ``None`` for YAML null); types are the
schema's business, not the parser's.

Every data file (notices, units.yaml, config.yaml, progress files) is read by
:func:`cchc_cli.store.fileio.read_data_file` (through :func:`read_file_bytes`
for a diagnostic): a FIFO, a link to ``/dev/zero`` or a 50 GB file is a
diagnostic instead of a hang. Nesting deeper than :data:`MAX_DEPTH` is refused
the same way, before Python's recursion limit is near.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.reader import ReaderError

from cchc_cli.core.diagnostics import Diagnostic, Source, error
from cchc_cli.core.vntext import nfc
from cchc_cli.store.fileio import DEFAULT_LIMIT, DataFileError, read_data_file

__all__ = ["DEFAULT_LIMIT", "DataFileError", "read_data_file"]  # the readers, here too

_CORE_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE_TAG}{t}" for t in ("str", "null", "int", "float", "bool", "timestamp")}
_NULL_TAG = f"{_CORE_TAG}null"
_SEQ_TAG = f"{_CORE_TAG}seq"
_MAP_TAG = f"{_CORE_TAG}map"

#: How deep mappings and lists may nest: a notice needs six levels.
MAX_DEPTH = 64


# The nodes are built once per value of every file read and only read after:
# treat them as immutable. They are not ``frozen`` dataclasses because a frozen
# dataclass's __init__ sets each field through object.__setattr__, which made
# building the tree about 40% dearer (callgrind, 200 notice files).


@dataclass(slots=True)
class YScalar:
    value: str | None
    source: Source
    #: "" for plain, "'" or '"' for quoted, "|" or ">" for block scalars.
    style: str = ""
    single_line: bool = True

    def at(self, offset: int) -> Source:
        """The source of a character inside the value, where it can be known."""
        if not self.single_line or self.style in ("|", ">"):
            return self.source
        quote = 1 if self.style in ("'", '"') else 0
        return Source(self.source.path, self.source.line, self.source.col + quote + offset)


@dataclass(slots=True)
class YSeq:
    items: tuple[YNode, ...]
    source: Source
    #: An item, or something inside one, was refused (a diagnostic says why).
    damaged: bool = False
    #: Written in flow style: ``[a, b]``.
    flow: bool = False


@dataclass(slots=True)
class YEntry:
    key: str
    key_source: Source
    value: YNode


@dataclass(slots=True)
class YMap:
    entries: dict[str, YEntry]
    source: Source
    #: Keys whose values were refused or given twice (a diagnostic says why):
    #: not "missing", and not to be trusted.
    refused: frozenset[str] = frozenset()
    #: Something in this mapping, at any depth, was refused.
    damaged: bool = False
    #: Written in flow style: ``{a: 1}``.
    flow: bool = False


YNode = YScalar | YSeq | YMap


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text without its BOM, or a diagnostic that names the first bad byte."""
    # The BOM is cut off by hand, not by "utf-8-sig": that codec's error offsets do
    # not count the BOM, so the byte and column named would be 3 bytes early.
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8"), []
    except UnicodeDecodeError as err:
        start = err.start + skip
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        prefix = data[line_start:start].decode("utf-8", errors="replace")
        if line == 1 and prefix.startswith("\ufeff"):
            prefix = prefix[1:]
        source = Source(path, line, len(prefix) + 1)
        return None, [error(source, "file.not-utf8", byte=f"0x{data[start]:02X}")]


def read_file_bytes(
    path: Path, shown: str, limit: int = DEFAULT_LIMIT
) -> tuple[bytes, str | None, list[Diagnostic]]:
    """A file's bytes and text, or a diagnostic saying why it could not be read."""
    try:
        data = read_data_file(path, limit)
    except DataFileError as err:
        return b"", None, [error(Source(shown), err.key, **err.args_)]
    text, problems = decode(data, shown)
    return data, text, problems


def read_file(
    path: Path, shown: str, limit: int = DEFAULT_LIMIT
) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file, or a diagnostic saying why it could not be read."""
    _, text, problems = read_file_bytes(path, shown, limit)
    return text, problems


def _events(text: str) -> Callable[[], Any]:
    """The parser's next event, from the C parser where it is installed.

    A function, not an iterator: a generator between the parser and the
    builder costs a frame resumption per event (300,000 at 20,000 tasks).
    """
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # pragma: no cover - no C extension (PyPy, odd platforms)
        from ruamel.yaml import YAML

        return iter(YAML(typ="safe", pure=True).parse(io.StringIO(text))).__next__
    return CParser(io.StringIO(text)).get_event


#: Characters YAML 1.1 (and so libyaml) counts as line breaks but YAML 1.2, the
#: editors clerks use and :func:`cchc_cli.store.textedit.split_lines` do not.
_NON_BREAKS = "\x85\u2028\u2029"


def _hide_non_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with NEL, LS and PS swapped for private-use stand-ins, and the way back.

    Left in, a pasted U+2028 would shift every line number after it and fold
    the text around it; swapped, the parser sees one ordinary character, as an
    editor shows it, and the scalar gets the character back.
    """
    if text.isascii() or not any(c in text for c in _NON_BREAKS):
        return text, None
    spare = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    there = {c: stand_in for c, stand_in in zip(_NON_BREAKS, spare, strict=False) if c in text}
    hidden = text.translate({ord(c): stand_in for c, stand_in in there.items()})
    return hidden, {ord(stand_in): c for c, stand_in in there.items()}


def parse(text: str, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Read one YAML document into a located tree; problems become diagnostics."""
    text, restore = _hide_non_breaks(text)
    if restore is None:
        # Most files are plain YAML without a problem: read without the parser's events.
        from cchc_cli.store.yamlplain import plain_tree

        tree = plain_tree(text, path)
        if tree is not None:
            return tree, []
    builder = _Builder(path, _events(text), restore)
    try:
        tree = builder.document()
    except ReaderError as err:
        # A character YAML forbids (NUL, other controls): say where it is. The
        # C reader counts the position in UTF-8 bytes.
        data = text.encode("utf-8")
        position = err.position or 0
        start = data.rfind(b"\n", 0, position) + 1
        line = data.count(b"\n", 0, position) + 1
        col = len(data[start:position].decode("utf-8", errors="replace")) + 1
        code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        return None, [error(Source(path, line, col), "yaml.control-char", char=code)]
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = " ".join(p for p in (err.context, err.problem) if p)
        if mark is None:
            return None, [error(Source(path, 1, 1), "yaml.syntax", problem=problem)]
        return None, [_syntax_error(text, path, mark, problem)]
    except YAMLError as err:
        return None, [error(Source(path, 1, 1), "yaml.syntax", problem=str(err))]
    except _Refused as refused:
        return None, [refused.diagnostic]
    return tree, builder.diagnostics


class _Refused(Exception):
    """The whole file is refused (an alias, a second document)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.key)
        self.diagnostic = diagnostic


def _syntax_error(text: str, path: str, mark: object, problem: str) -> Diagnostic:
    line, column = mark.line, mark.column  # type: ignore[attr-defined]
    source = Source(path, line + 1, column + 1)
    lines = text.splitlines()
    if line < len(lines) and "\t" in lines[line][: column + 1]:
        return error(source, "yaml.tab")
    return error(source, "yaml.syntax", problem=problem)


#: What YAML 1.2's core schema reads as null in a plain scalar.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


_new_tuple = tuple.__new__


class _Builder:
    """Builds the tree from the parser's events, without the YAML resolver.

    Working from events (not composed nodes) is about three times faster, sees
    an alias the moment it appears (so an alias bomb is never expanded), and
    leaves every scalar as the text written. It runs once per event of every
    file of a cold load, so it is written for speed: the next event is one call,
    and a scalar, the most common node, takes the shortest road.
    """

    def __init__(
        self, path: str, events: Callable[[], Any], restore: dict[int, str] | None = None
    ) -> None:
        self.path = path
        self.next_event = events
        #: Stand-ins to turn back into the characters they hid (see ``parse``).
        self.restore = restore
        self.diagnostics: list[Diagnostic] = []
        self.depth = 0

    def _source(self, event: Any) -> Source:
        mark = event.start_mark
        return Source(self.path, mark.line + 1, mark.column + 1)

    def document(self) -> YNode | None:
        tree = None
        documents = 0
        while True:
            event = self.next_event()
            kind = type(event)
            if kind is StreamStartEvent:
                continue
            if kind is StreamEndEvent or event is None:
                break
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(error(self._source(event), "yaml.multi-document"))
                continue
            if documents and kind is not DocumentEndEvent:
                tree = self.node(event)
        if documents == 0 or (tree is None and not self.diagnostics):
            raise _Refused(error(Source(self.path, 1, 1), "yaml.empty"))
        return tree

    def node(self, event: Any) -> YNode | None:
        mark = event.start_mark
        # tuple.__new__ rather than Source(...): the named tuple's __new__ is a
        # Python function, called for every node.
        source = _new_tuple(Source, (self.path, mark.line + 1, mark.column + 1))
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is not None and str(tag) not in _SCALAR_TAGS:
                self.diagnostics.append(error(source, "yaml.tag", tag=_short_tag(str(tag))))
                return None
            value = event.value
            style = event.style
            if not style:
                if tag is None and value in NULLS:
                    return YScalar(None, source)
                style = ""
            if self.restore:
                value = value.translate(self.restore)
            if not value.isascii():
                value = nfc(value)
            return YScalar(value, source, style, mark.line == event.end_mark.line)
        if kind is AliasEvent:
            raise _Refused(error(source, "yaml.alias"))
        tag = event.tag
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(error(source, "yaml.too-deep", limit=MAX_DEPTH))
        node: YMap | YSeq
        if kind is MappingStartEvent:
            node = self._mapping(event, source)
            wanted = _MAP_TAG
        else:
            node = self._sequence(event, source)
            wanted = _SEQ_TAG
        self.depth -= 1
        if tag is not None and str(tag) != wanted:
            self.diagnostics.append(error(source, "yaml.tag", tag=_short_tag(str(tag))))
            return None
        return node

    def _sequence(self, start: Any, source: Source) -> YSeq:
        items: list[YNode] = []
        damaged = False
        next_event, node = self.next_event, self.node
        while True:
            event = next_event()
            if type(event) is SequenceEndEvent:
                break
            item = node(event)
            if item is None:
                damaged = True
            else:
                damaged = damaged or _damaged(item)
                items.append(item)
        return YSeq(tuple(items), source, damaged, bool(start.flow_style))

    def _mapping(self, start: Any, source: Source) -> YMap:
        entries: dict[str, YEntry] = {}
        refused: set[str] = set()
        bad_key = False
        next_event, node = self.next_event, self.node
        while True:
            event = next_event()
            if type(event) is MappingEndEvent:
                break
            key_node = node(event)
            key_source = key_node.source if key_node is not None else self._source(event)
            value = node(next_event())
            if type(event) is not ScalarEvent or not isinstance(key_node, YScalar):
                self.diagnostics.append(error(key_source, "yaml.complex-key"))
                bad_key = True
                continue
            key = key_node.value or ""
            if key in entries or key in refused:
                first = entries[key].key_source if key in entries else key_source
                self.diagnostics.append(
                    error(key_source, "yaml.duplicate-key", key=key, line=first.line)
                )
                entries.pop(key, None)
                refused.add(key)
                continue
            if value is None:
                refused.add(key)
            else:
                entries[key] = YEntry(key, key_source, value)
        damaged = bad_key or bool(refused) or any(_damaged(e.value) for e in entries.values())
        return YMap(entries, source, frozenset(refused), damaged, bool(start.flow_style))


def _damaged(node: YNode) -> bool:
    return not isinstance(node, YScalar) and node.damaged


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE_TAG) :] if tag.startswith(_CORE_TAG) else tag
