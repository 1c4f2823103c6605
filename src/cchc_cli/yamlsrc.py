"""YAML files as a small tree of values that remember where they came from.

The files are composed (not constructed) with ruamel.yaml's C-backed parser:
composing gives every node its position and resolves nothing, so a date like
``2023-13-01`` stays text for :mod:`cchc_cli.dates` to judge with a position,
tags such as ``!!python/object`` are refused without ever being executed, and
an alias bomb is refused without being expanded.

Every scalar comes back as NFC text (or ``None`` for YAML null); types are the
schema's business, not the parser's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Source, error
from .vntext import nfc

_CORE_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE_TAG}{t}" for t in ("str", "null", "int", "float", "bool", "timestamp")}
_NULL_TAG = f"{_CORE_TAG}null"
_SEQ_TAG = f"{_CORE_TAG}seq"
_MAP_TAG = f"{_CORE_TAG}map"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    source: Source
    #: An item, or something inside one, was refused (a diagnostic says why).
    damaged: bool = False
    #: Written in flow style: ``[a, b]``.
    flow: bool = False


@dataclass(frozen=True)
class YEntry:
    key: str
    key_source: Source
    value: YNode


@dataclass(frozen=True)
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
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        start = err.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        prefix = data[line_start:start].decode("utf-8", errors="replace")
        if line == 1 and prefix.startswith("\ufeff"):
            prefix = prefix[1:]
        source = Source(path, line, len(prefix) + 1)
        return None, [error(source, "file.not-utf8", byte=f"0x{data[start]:02X}")]


def read_file(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file, or a diagnostic saying why it could not be read."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [error(Source(shown), "file.unreadable", reason=err.strerror or str(err))]
    return decode(data, shown)


def parse(text: str, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Compose one YAML document into a located tree; problems become diagnostics."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        node = YAML(typ="safe", pure=False).compose(io.StringIO(text))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = " ".join(p for p in (err.context, err.problem) if p)
        if mark is None:
            return None, [error(Source(path, 1, 1), "yaml.syntax", problem=problem)]
        return None, [_syntax_error(text, path, mark, problem)]
    except YAMLError as err:
        return None, [error(Source(path, 1, 1), "yaml.syntax", problem=str(err))]
    if node is None:
        return None, [error(Source(path, 1, 1), "yaml.empty")]
    builder = _Builder(path)
    try:
        tree = builder.build(node, _source(path, node))
    except _AliasFound as found:
        # Composing shares the anchored node; expanding it is how an alias
        # bomb eats memory, so a file with aliases is refused outright.
        return None, [error(found.source, "yaml.alias")]
    return tree, builder.diagnostics


class _AliasFound(Exception):
    def __init__(self, source: Source) -> None:
        super().__init__(str(source))
        self.source = source


def _syntax_error(text: str, path: str, mark: object, problem: str) -> Diagnostic:
    line, column = mark.line, mark.column  # type: ignore[attr-defined]
    source = Source(path, line + 1, column + 1)
    lines = text.splitlines()
    if line < len(lines) and "\t" in lines[line][: column + 1]:
        return error(source, "yaml.tab")
    return error(source, "yaml.syntax", problem=problem)


def _source(path: str, node: object) -> Source:
    mark = node.start_mark  # type: ignore[attr-defined]
    return Source(path, mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()

    def build(self, node: object, used_at: Source) -> YNode | None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        if id(node) in self._seen:
            raise _AliasFound(used_at)
        self._seen.add(id(node))
        source = _source(self.path, node)
        tag = node.tag  # type: ignore[attr-defined]
        if isinstance(node, ScalarNode):
            if tag not in _SCALAR_TAGS:
                self.diagnostics.append(error(source, "yaml.tag", tag=_short_tag(tag)))
                return None
            value = None if tag == _NULL_TAG else nfc(node.value)
            single = node.start_mark.line == node.end_mark.line
            return YScalar(value, source, node.style or "", single)
        if isinstance(node, SequenceNode):
            if tag != _SEQ_TAG:
                self.diagnostics.append(error(source, "yaml.tag", tag=_short_tag(tag)))
                return None
            built = [self.build(item, _source(self.path, item)) for item in node.value]
            items = tuple(i for i in built if i is not None)
            damaged = len(items) != len(built) or any(_damaged(i) for i in items)
            return YSeq(items, source, damaged, bool(node.flow_style))
        if isinstance(node, MappingNode):
            if tag != _MAP_TAG:
                self.diagnostics.append(error(source, "yaml.tag", tag=_short_tag(tag)))
                return None
            return self._mapping(node, source)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _mapping(self, node: object, source: Source) -> YMap:
        from ruamel.yaml.nodes import ScalarNode

        entries: dict[str, YEntry] = {}
        refused: set[str] = set()
        bad_key = False
        for key_node, value_node in node.value:  # type: ignore[attr-defined]
            key_source = _source(self.path, key_node)
            if not isinstance(key_node, ScalarNode) or key_node.value is None:
                self.diagnostics.append(error(key_source, "yaml.complex-key"))
                bad_key = True
                continue
            key = nfc(key_node.value)
            if key in entries:
                first = entries[key].key_source
                self.diagnostics.append(
                    error(key_source, "yaml.duplicate-key", key=key, line=first.line)
                )
                refused.add(key)
                continue
            value = self.build(value_node, key_source)
            if value is None:
                refused.add(key)
            else:
                entries[key] = YEntry(key, key_source, value)
        damaged = bad_key or bool(refused) or any(_damaged(e.value) for e in entries.values())
        flow = bool(node.flow_style)  # type: ignore[attr-defined]
        return YMap(entries, source, frozenset(refused), damaged, flow)


def _damaged(node: YNode) -> bool:
    return not isinstance(node, YScalar) and node.damaged


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE_TAG) :] if tag.startswith(_CORE_TAG) else tag
