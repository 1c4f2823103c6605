"""The one writer of new YAML text: scalars, flow sequences and mappings, folded text.

Every value that cchc writes into a notice (``new``, ``import``, the edits) goes
through here, so that what is written reads back, through
:mod:`cchc_cli.store.yamlsrc` and through any YAML 1.1 or 1.2 loader (the tests
read it with ruamel's in both modes; PyYAML and editors' plugins resolve as one of
them), as exactly the value meant:

- text is written plain where that is safe, so Vietnamese stays readable, and
  double-quoted otherwise: empty text, spaces at either end, an indicator
  character first, ``": "`` or ``" #"`` inside, a flow indicator (``, [ ] { }``)
  or a ``:`` inside a flow collection, and any word a YAML 1.1 or 1.2 resolver
  would read as something else than text (``yes``, ``on``, ``~``, ``null``,
  ``2023``, ``1_000``, ``0x1F``, ``.inf``, ``2023-12-01``, ``1:30``, ``<<``...);
- inside double quotes only what must be escaped is: ``"`` and ``\\``, line
  breaks of any kind (``\\n``, ``\\r``, U+0085, U+2028, U+2029), tabs, and
  characters YAML does not allow in a file (controls, NUL, U+FEFF,
  U+FFFE/U+FFFF, lone surrogates). Letters are never escaped;
- a date is written ISO and unquoted (``2023-12-01``), as the format wants it;
  a partial date of issue as ``2023-11`` or ``2023``;
- a key is written plain unless YAML 1.2 would read it as something else
  than text: keys are the format's field names (``on``, ``evidence``), read by
  cchc's own reader, and stay as the format documents them;
- ``None`` is written ``""``: the empty text, which the format reads as "given,
  but blank" (``number: ""``). A YAML null is never written: the schema refuses
  it where a value is required. In a flow mapping a ``None`` value leaves the
  key out instead.

Text that is not NFC keeps its code points here; :mod:`cchc_cli.store.yamlsrc`
normalizes it when reading, as it does every file.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from ruamel.yaml.resolver import VersionedResolver

from cchc_cli.core.dates import PartialDate

Value = str | date | PartialDate | int | bool | None

#: Characters that may not start a plain scalar (YAML's indicators); "-", "?"
#: and ":" could in some positions, but quoting them is never wrong.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Flow indicators, and ":" and "?", which some parsers take for a key inside a flow
#: collection even when YAML 1.2 would not.
_FLOW_UNSAFE = frozenset(",[]{}:?")
#: What a one-line scalar must escape: characters outside YAML's "printable"
#: set (C0 and C1 controls, surrogates, U+FFFE, U+FFFF), the line breaks (tab,
#: U+0085, U+2028 and U+2029 among them) and the byte-order mark, which readers
#: may drop. Written as the characters, not as the complement of the printable
#: ranges: compiling that took 8 ms, at every start of a command that writes.
_NON_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")
#: Line breaks and tabs YAML readers treat as such in a plain scalar.
_BREAKS = frozenset("\n\r\t\x85\u2028\u2029")
_STR_TAG = "tag:yaml.org,2002:str"
#: ruamel's implicit resolvers of YAML 1.1 and 1.2 (first character -> (tag,
#: pattern) pairs), read once: asking the resolver object each time costs ten
#: times more, for nothing.
_Table = dict[str | None, list[tuple[str, re.Pattern[str]]]]
_RESOLVERS: tuple[_Table, ...] = tuple(
    VersionedResolver(version=v).versioned_resolver for v in ((1, 1), (1, 2))
)
#: Words YAML 1.1's specification reads as booleans that ruamel's resolver
#: leaves as text (PyYAML does too, but other loaders follow the spec).
_SPEC_BOOLS = frozenset({"y", "Y", "n", "N"})
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\0": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
#: The width the importer has always folded text to.
_WIDTH = 80


def scalar(value: Value) -> str:
    """One YAML scalar that reads back as exactly ``value`` (see the module's rules)."""
    return _scalar(value, flow=False)


def quoted(text: str) -> str:
    """``text`` always double-quoted: for ids such as ``"2.1"`` that the format asks to quote."""
    return '"' + "".join(_escape(c) for c in text) + '"'


def comment(text: str) -> str:
    """``text`` fit for a ``# ...`` comment: one line, whitespace runs as one space, and
    what YAML does not allow in a file shown as an escape (``\\x1B``)."""
    return _NON_PRINTABLE.sub(lambda m: _escape(m[0]), " ".join(text.split()))


def flow_seq(values: Iterable[Value]) -> str:
    """``[noi-vu, "Phòng A, B"]``: a one-line sequence; ``[]`` when empty."""
    return "[" + ", ".join(_scalar(v, flow=True) for v in values) + "]"


def flow_map(pairs: Mapping[str, object]) -> str:
    """``{on: 2023-12-01, evidence: "Số 12, ngày 01/12"}``: one line, key order kept.

    Values that are ``None`` are left out; a list or tuple is written as a flow
    sequence, a mapping as a nested flow mapping.
    """
    return (
        "{"
        + ", ".join(f"{_key(k)}: {_flow_value(v)}" for k, v in pairs.items() if v is not None)
        + "}"
    )


def block_text(key: str, text: str, indent: int = 0) -> str:
    """``key: >-`` and ``text`` folded into lines under it, at ``indent`` + 2 spaces.

    Lines break only at single spaces, so they fold back to ``text``; text that
    would not fold back (line breaks, runs of spaces, spaces at either end,
    characters that need escapes) is written ``key: "..."`` on one line instead.
    Lines end without a newline; the caller joins them.
    """
    head = " " * indent + _key(key) + ":"
    if not _foldable(text):
        return f"{head} {scalar(text)}"
    body = " " * (indent + 2)
    lines = textwrap.wrap(
        text,
        _WIDTH - len(body),
        initial_indent=body,
        subsequent_indent=body,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return "\n".join([f"{head} >-", *lines])


# -- the rules -------------------------------------------------------------------------


def _scalar(value: object, flow: bool) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        raise TypeError("a date and time has no form in the notice format; pass a date")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, str):
        return value if _plain_ok(value, flow) else quoted(value)
    raise TypeError(f"no YAML scalar for {type(value).__name__}")


def _plain_ok(text: str, flow: bool, resolvers: tuple[_Table, ...] = _RESOLVERS) -> bool:
    if not text or text[0] in _INDICATORS or text[0] == " " or text[-1] == " ":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if text.startswith(("---", "...")) or _NON_PRINTABLE.search(text):
        return False
    if flow and any(c in _FLOW_UNSAFE for c in text):
        return False
    if len(resolvers) > 1 and text in _SPEC_BOOLS:
        return False
    return all(_is_text(r, text) for r in resolvers)


def _is_text(table: _Table, text: str) -> bool:
    """What ruamel's ``resolve`` answers for a plain scalar (``text`` is not empty)."""
    for tag, pattern in [*table.get(text[0], ()), *table.get(None, ())]:
        if pattern.match(text):
            return str(tag) == _STR_TAG
    return True


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if not _NON_PRINTABLE.match(char):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _key(key: str) -> str:
    # Keys are the format's field names, read by cchc's own reader: `on` (a
    # boolean to YAML 1.1 only) stays plain, as the format documents it.
    return key if _plain_ok(key, flow=True, resolvers=_RESOLVERS[1:]) else quoted(key)


def _flow_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return flow_seq(value)
    if isinstance(value, Mapping):
        return flow_map(value)
    return _scalar(value, flow=True)


def _foldable(text: str) -> bool:
    # textwrap breaks at (and drops) any white space, YAML folds only ASCII spaces:
    # text with another space (NBSP, an ideographic space) is written quoted.
    return (
        bool(text)
        and text == text.strip(" ")
        and "  " not in text
        and not any(c in _BREAKS or (c.isspace() and c != " ") for c in text)
        and not _NON_PRINTABLE.search(text)
    )
