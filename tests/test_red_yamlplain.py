"""Red team: the plain YAML reader against the full parser, on generated text.

:func:`cchc_cli.store.yamlplain.plain_tree` must give, for every text it accepts, the
very tree the full parser gives (values, styles, positions), and no diagnostics may
be lost: a text the full parser finds a problem in is never accepted. Hypothesis
writes line-based YAML from pieces a clerk's editor or a hostile file may hold.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_cli.store import yamlplain, yamlsrc
from cchc_cli.store.yamlplain import plain_tree

KEYS = ["id", "a", "b", "text", "tasks", "1", "1.1", "x-y", "_k", "yes", "null", "on", "Null", "~"]
SCALARS = [
    "plain",
    "Hoà",
    "Hoa\u0300",
    "a#b",
    "a # c",
    "a:b",
    "a :b",
    "a: b",
    "a:",
    "x ,y",
    "50%",
    "~",
    "null",
    "NULL",
    "''",
    '""',
    "'it''s'",
    "'a'b",
    '"a\\"b"',
    '"a # b"',
    "'a' # c",
    '"x" y',
    "[a, b]",
    "[a,b] # c",
    "[ ]",
    "[]",
    "[a,]",
    "[a, [b]]",
    "[a b, c]",
    "[~, null]",
    "[a] b",
    "[a]#c",
    "{a: b}",
    "{}",
    "|",
    "|-",
    ">",
    ">-",
    "|+",
    "|2",
    "> # c",
    "&x a",
    "*x",
    "!!str a",
    "-1",
    "- a",
    "-",
    "?a",
    "@a",
    "`a",
    "%a",
    "2023-11-24",
    "0x1F",
    "1e3",
    "true",
    "'\u2028'",
    "a\u00a0b",
    "\u200b",
    "💥",
    "a  b",
    "#c",
    "...",
    "---",
]


BLOCK_LINES = ["một", "hai ba", "x: y", "# not a comment", "- a", "a  b", "'q'", "[a]", "Hoa\u0300"]


def _value(draw, indent: int, depth: int) -> list[str]:
    """The lines of a value after ``key:`` (the first element ends that line)."""
    kind = draw(st.sampled_from(["scalar"] * 4 + ["map", "seq", "seq0", "block"]))
    if depth > 3:
        kind = "scalar"
    if kind == "scalar":
        return [" " + draw(st.sampled_from(SCALARS))]
    if kind == "block":
        head = draw(st.sampled_from(["|", "|-", ">", ">-", "> # c", "|+"]))
        inner = indent + draw(st.sampled_from([1, 2, 4]))
        body = [
            " " * inner + draw(st.sampled_from(BLOCK_LINES)) for _ in range(draw(st.integers(1, 3)))
        ]
        if draw(st.booleans()):
            body.insert(
                draw(st.integers(1, len(body))),
                draw(st.sampled_from(["", " " * inner + "  more", "#c"])),
            )
        return [" " + head, *body]
    if kind == "map":
        return ["", *_mapping(draw, indent + draw(st.sampled_from([1, 2, 4])), depth + 1)]
    step = 0 if kind == "seq0" else draw(st.sampled_from([1, 2]))
    lines = [""]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            inner = _mapping(draw, indent + step + 2, depth + 1)
            lines.append(" " * (indent + step) + "- " + inner[0].lstrip(" "))
            lines += inner[1:]
        else:
            lines.append(" " * (indent + step) + "- " + draw(st.sampled_from(SCALARS)))
    return lines


def _mapping(draw, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4))
    for key in keys:
        value = _value(draw, indent, depth)
        lines.append(" " * indent + key + ":" + value[0])
        lines += value[1:]
        if draw(st.integers(0, 9)) == 0:
            lines.append(" " * draw(st.sampled_from([0, indent, indent + 2])) + "# c")
    return lines


@st.composite
def documents(draw) -> str:
    lines = _mapping(draw, 0, 0)
    if draw(st.integers(0, 3)) == 0:
        # one stray change: a line moved in or out, a piece of text replaced
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["in", "out", "piece", "dup"]))
        if change == "in":
            lines[at] = " " + lines[at]
        elif change == "out" and lines[at].startswith(" "):
            lines[at] = lines[at][1:]
        elif change == "dup":
            lines.insert(at, lines[at])
        else:
            lines[at] = lines[at] + draw(st.sampled_from([" x", ":", " #", ",", "]", "'", "\\"]))
    return "\n".join(lines) + "\n"


def full_parse(text: str, path: str = "p.yaml"):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlplain, "plain_tree", lambda text, path: None)
        return yamlsrc.parse(text, path)


@settings(
    max_examples=int(os.environ.get("CCHC_RED_EXAMPLES", "1500")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(documents())
def test_what_the_plain_reader_takes_the_full_parser_reads_the_same(text):
    tree = plain_tree(text, "p.yaml")
    if tree is None:
        return
    assert (tree, []) == full_parse(text)
