"""Text from data made safe to show on a terminal: every control character visible.

A task's text, a unit's name or a path is written by whoever wrote the file. On
a terminal, an escape sequence in it would act instead of being shown: ``ESC ]
8`` makes a hidden link, ``ESC ] 0`` retitles the window, ``ESC [ 2 J`` clears
the screen, a right-to-left override (U+202E) reverses what follows so that a
file name or an amount reads differently from what it is. :func:`for_terminal`
replaces each such character by its escape as Python writes it (``\\x1b``,
``\\u202e``), so the reader sees that it is there and nothing acts on it.

Kept as they are: line feed and tab (multi-line notes and aligned text need
them) and every printable character, Vietnamese included.
"""

from __future__ import annotations

import re

#: C0 controls but tab and line feed, DEL, C1 controls (U+0080-U+009F, which
#: some terminals obey as CSI/OSC), the line and paragraph separators, and the
#: bidirectional embeddings, overrides and isolates (Trojan Source, CVE-2021-42574).
#: And lone surrogates: a command-line argument that is not UTF-8 (``\xff``)
#: reaches Python as U+DCFF, which no terminal can print.
#: Also the bidi marks (U+200E, U+200F, U+061C), which reorder what is around
#: them, and the invisible tag characters (U+E0000-U+E007F), which smuggle text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff\U000e0000-\U000e007f]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte as it was on the command line
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control, separator and bidi override shown as its escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """:func:`for_terminal`, and line breaks too: for a value quoted inside a message."""
    return for_terminal(text).replace("\n", "\\n")
