"""``textwrap.wrap`` for plain prose, several times faster.

A reminder wraps the text of every task it names (8,000 at 20,000 tasks: 0.3-0.8 s
in ``textwrap``, whose chunking regular expression and general line builder are
made for text with tabs, hyphens and words longer than a line). Text made of words
that fit, separated by single spaces, is wrapped here by the same greedy rule;
anything else goes to ``textwrap`` itself, so the lines are always the ones
``textwrap.wrap`` gives (tests/test_wrapping.py checks it on random text).
"""

from __future__ import annotations

import re
import textwrap

#: What sends a text to ``textwrap``: a hyphen (it breaks after some), a whitespace
#: character other than the space (tabs are expanded, other whitespace replaced or,
#: being blank to ``str.strip``, dropped at a line's edges), or two spaces together.
_NOT_PLAIN = re.compile(r"[^\S ]|-|  ")


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=..., subsequent_indent=...)``."""
    if not text:
        return []
    room = width - max(len(initial_indent), len(subsequent_indent))
    if (
        text[0] == " "
        or text[-1] == " "
        or _NOT_PLAIN.search(text)
        or room <= 0
        or max(map(len, words := text.split(" "))) > room
    ):
        return textwrap.wrap(
            text, width, initial_indent=initial_indent, subsequent_indent=subsequent_indent
        )
    lines: list[str] = []
    indent = initial_indent
    line = words[0]
    for word in words[1:]:
        if len(indent) + len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(indent + line)
            indent, line = subsequent_indent, word
    lines.append(indent + line)
    return lines
