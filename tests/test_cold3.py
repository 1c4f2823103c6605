"""A first run without a cache, third pass (issue 17): plain YAML read without the parser.

:mod:`cchc_cli.store.yamlplain` reads the plain YAML most files are written in; any
other text goes to the full parser. Every tree it gives must be the full parser's,
value for value and position for position, and a file it declines must still get
the full parser's diagnostics.
"""

import random
from pathlib import Path

import pytest

from cchc_cli.store import yamlplain, yamlsrc
from cchc_cli.store.yamlplain import plain_tree
from cchc_cli.store.yamlsrc import YMap, YScalar, YSeq

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ROOT / "data" / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"

PLAIN = """\
# a comment
id: tb-1            # and one after a value
number: "24/TB-UBND"
place: 'Vĩnh Linh'
date: 2023-06-22
missing: ~
title: >-
  Kết luận của Chủ tịch
  tại phiên họp số 24
chair:
  name: Thái Văn Thành
recipients:
  - Văn phòng
  - "Lưu: VT, VP"
tasks:
- id: "1.1"
  assignees: [xa-thi-tran, Sở Tài chính,  noi-vu]
  none: []
  text: |
    một
    hai

  # between tasks
  - id: "1.2"
"""


def full_parse(text: str, path: str = "p.yaml"):
    """What the full parser (events and builder) reads from ``text``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlplain, "plain_tree", lambda text, path: None)
        return yamlsrc.parse(text, path)


def test_plain_yaml_is_read_here_into_the_full_parsers_tree():
    text = PLAIN.replace("  # between tasks\n  - id", "- id")
    tree = plain_tree(text, "p.yaml")
    assert tree is not None
    assert (tree, []) == full_parse(text)
    assert isinstance(tree, YMap)
    tasks = tree.entries["tasks"].value
    assert isinstance(tasks, YSeq) and len(tasks.items) == 2
    first = tasks.items[0]
    assert isinstance(first, YMap)
    units = first.entries["assignees"].value
    assert isinstance(units, YSeq) and units.flow
    assert [(u.value, u.source.col) for u in units.items if isinstance(u, YScalar)] == [
        ("xa-thi-tran", 15),
        ("Sở Tài chính", 28),
        ("noi-vu", 43),
    ]
    text_node = first.entries["text"].value
    assert isinstance(text_node, YScalar)
    assert (text_node.value, text_node.style, text_node.single_line) == ("một\nhai\n", "|", False)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,  # "- id" under "tasks:" at two indentations: not one sequence
        "a: 1\na: 2\n",  # a duplicate key
        "a:\nb: 1\n",  # an empty value (null)
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "a: !!str 1\n",  # a tag
        "a:\tb\n",  # a tab
        "a: b \n",  # a trailing space
        "a: b\n  c\n",  # a plain scalar over two lines
        "a: >-\n  one\n\n  two\n",  # a blank line inside a block scalar
        "a: 'it''s'\n",  # an escaped quote
        'a: "tab\\t"\n',  # an escape
        "a: [x, [y]]\n",  # nested flow
        "a: {b: 1}\n",  # a flow mapping
        "a: b: c\n",  # a mapping on one line
        "a: 1",  # no line break at the end
        "--- \na: 1\n",  # a document marker
        "- a\n- b\n",  # not a mapping at the top
        "a: x\x01\n",  # a control character
        "\ufeffa: 1\n",  # a second byte order mark
    ],
)
def test_anything_else_goes_to_the_full_parser(text):
    assert plain_tree(text, "p.yaml") is None


def test_a_notice_with_an_error_in_the_middle_gives_the_exact_position():
    text = NOTICE.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("    deadline:"))
    lines[at] = lines[at] + "\n    deadline: again"
    broken = "\n".join(lines)
    assert plain_tree(broken, "n.yaml") is None
    tree, problems = yamlsrc.parse(broken, "n.yaml")
    assert [(p.key, p.source.line, p.source.col) for p in problems] == [
        ("yaml.duplicate-key", at + 2, 5)
    ]
    assert (tree, problems) == full_parse(broken, "n.yaml")


def known_files() -> list[Path]:
    found = [*ROOT.glob("tests/**/*.yaml"), *ROOT.glob("tests/**/*.yml")]
    return sorted(found + list(ROOT.glob("data/**/*.yaml")))


def test_every_yaml_file_of_the_repository_reads_the_same_either_way():
    fast = 0
    for path in known_files():
        data = path.read_bytes()
        text, _ = yamlsrc.decode(data, str(path))
        if text is None:
            continue
        tree = plain_tree(text, str(path))
        if tree is None:
            continue
        fast += 1
        assert (tree, []) == full_parse(text, str(path)), path
    assert fast >= 20  # the reference notice and most fixtures are plain


PIECES = [" ", "  ", "#", " #", ":", ": ", "-", "- ", "'", '"', "[", "]", ",", "\n", "\n\n"]
PIECES += [">", "|", ">-", "|-", "~", "null", "ă", "ế", "\u00a0", "{", "&a", "*a", "!x", "\\"]
PIECES += ["?", "%", "x", "e\u0301", "..."]


def test_mutated_files_read_the_same_either_way_whenever_read_here():
    """Random edits of plain files: each text read here gives the full parser's tree."""
    seeds = [PLAIN.replace("  # between tasks\n  - id", "- id"), NOTICE.read_text("utf-8")]
    rng = random.Random(17)
    fast = 0
    for _ in range(1500):
        text = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.6:
                text = text[:at] + rng.choice(PIECES) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 3) :]
        tree = plain_tree(text, "m.yaml")
        if tree is not None:
            fast += 1
            assert (tree, []) == full_parse(text, "m.yaml"), text
    assert fast > 300
