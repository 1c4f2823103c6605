"""core.wrapping.wrap gives the lines textwrap.wrap gives, on any text."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cchc_cli.core import wrapping

#: Letters, Vietnamese marks composed and not, and every character that changes how
#: textwrap cuts: spaces, hyphens, tabs, newlines, other whitespace (no-break, ideographic,
#: the line separator), punctuation that ends a sentence.
LETTERS = ["a", "đ", "Hoà", "ư\u0301", "xã", "15/12/2023", "UBND", ",", ".", "!", "?", "[/]"]
BREAKS = [" ", " ", " ", "  ", "-", "--", "\t", "\n", "\r", "\x0b", "\x0c"]
OTHER_SPACES = ["\u00a0", "\u3000", "\u2028", "\u200b", "\x85"]
PIECES = st.sampled_from([*LETTERS, *BREAKS, *OTHER_SPACES, "x" * 30, "y" * 75, "Thị trấn Hồ Xá"])
TEXTS = st.lists(PIECES, max_size=60).map("".join)
INDENTS = st.sampled_from(["", " ", "  ", "    ", "\t", "- "])


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=90), INDENTS, INDENTS)
def test_the_lines_are_textwraps(text, width, first, rest):
    # textwrap itself never returns when an indent leaves no room (CPython's own loop).
    assume(width > max(len(first), len(rest)))
    expected = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
    assert wrapping.wrap(text, width, first, rest) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "Hoà", "đôn đốc", "x" * 20]), max_size=40))
def test_plain_prose_is_wrapped_without_textwrap(words):
    text = " ".join(w for w in words if w)
    expected = textwrap.wrap(text, 72, initial_indent="  ", subsequent_indent="    ")
    real = textwrap.wrap
    try:
        textwrap.wrap = _refused
        got = wrapping.wrap(text, 72, "  ", "    ")
    finally:
        textwrap.wrap = real
    assert got == expected


def _refused(*args, **kwargs):
    raise AssertionError("plain prose went the slow way")


def test_the_edges():
    for text in ["", " ", "a", "a b", " a", "a ", "a  b", "a-b", "x" * 80]:
        for width in (3, 4, 10, 80):
            assert wrapping.wrap(text, width, "  ", "  ") == textwrap.wrap(
                text, width, initial_indent="  ", subsequent_indent="  "
            )
