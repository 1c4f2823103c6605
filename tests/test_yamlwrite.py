"""The one writer of new YAML: what it writes reads back as exactly what was meant."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.vntext import nfc
from cchc_cli.store.yamlsrc import YMap, YScalar, YSeq, parse
from cchc_cli.store.yamlwrite import block_text, comment, flow_map, flow_seq, quoted, scalar

#: Words and shapes that YAML 1.1 or 1.2 reads as something other than text.
YAML_WORDS = [
    "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~", "",
    "2023", "-1", "+7", "0x1F", "0o17", "0777", "0b101", "1_000", "1.5", ".5", "1e3",
    ".inf", "-.INF", ".nan", "2023-12-01", "2023-13-01", "2001-12-14t21:59:43.10-05:00",
    "190:20:30", "1:30", "<<", "=", "---", "...", "- a", "? a", ": a", "#a", "&a", "*a",
    "!a", "|", ">", "'a'", '"a"', "%a", "@a", "`a", "a: b", "a #b", "a:", "[a]", "{a}",
    "a, b", "a]", "a}", " a", "a ", "a\tb", "a\nb", "a\r\nb", "\x00", "\x85", "\u2028",
    "\u2029", "\ufeff", "\x7f", "\x1b[31m", "\ud7ff", "\ufffe", "Phòng Nội vụ",
    "Vĩnh Hoà", "Vi\u0303nh Linh", "123/TB-UBND", "trước ngày 10/12/2023", "a:b", "2.1",
]  # fmt: skip
TEXT = st.text() | st.sampled_from(YAML_WORDS) | st.lists(st.sampled_from(YAML_WORDS)).map("".join)


def through_yamlsrc(document: str) -> object:
    node, problems = parse(document, "t.yaml")
    assert problems == [], (document, problems)
    assert isinstance(node, YMap)
    return plain(node.entries["k"].value)


def plain(node: object) -> object:
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    assert isinstance(node, YMap)
    return {key: plain(entry.value) for key, entry in node.entries.items()}


def through_ruamel(document: str, version: str = "1.2") -> object:
    loaded = YAML(typ="safe", pure=True).load(io.StringIO(f"%YAML {version}\n---\n{document}"))
    return loaded["k"]


@given(TEXT)
@settings(max_examples=250)
@example("Phòng A, B")
def test_a_scalar_reads_back_as_the_same_text(text):
    document = f"k: {scalar(text)}\n"
    assert "\n" not in document[:-1]
    assert through_yamlsrc(document) == nfc(text)
    assert through_ruamel(document) == text
    assert through_ruamel(document, "1.1") == text


@given(st.lists(TEXT, max_size=6))
@settings(max_examples=200)
def test_a_flow_sequence_reads_back_as_the_same_list(values):
    document = f"k: {flow_seq(values)}\n"
    assert through_yamlsrc(document) == [nfc(v) for v in values]
    assert through_ruamel(document) == values
    assert through_ruamel(document, "1.1") == values


@given(st.dictionaries(TEXT, TEXT | st.none(), max_size=5))
@settings(max_examples=200)
def test_a_flow_mapping_reads_back_as_the_same_pairs_none_left_out(pairs):
    document = f"k: {flow_map(pairs)}\n"
    kept = {k: v for k, v in pairs.items() if v is not None}
    assert through_ruamel(document) == kept
    # Keys are the format's field names: YAML 1.1-only words such as `on` stay
    # plain, so only YAML 1.2 reads every key back; values are checked under 1.1
    # by the sequence test.
    # yamlsrc keys and values are NFC: two keys may then become one.
    if len({nfc(k) for k in kept}) == len(kept):
        assert through_yamlsrc(document) == {nfc(k): nfc(v) for k, v in kept.items()}


@given(TEXT, st.integers(min_value=0, max_value=8))
@settings(max_examples=200)
def test_block_text_reads_back_as_the_same_text(text, indent):
    document = "k:\n" + block_text("t", text, indent + 2) + "\n"
    node, problems = parse(document, "t.yaml")
    assert problems == []
    assert node.entries["k"].value.entries["t"].value.value == nfc(text)
    loaded = YAML(typ="safe", pure=True).load(io.StringIO(document))
    assert loaded["k"]["t"] == text


@given(TEXT)
@settings(max_examples=200)
def test_a_comment_stays_a_comment(text):
    document = f"k: v  # {comment(text)}\n# {comment(text)}\n"
    assert through_yamlsrc(document) == "v"
    assert through_ruamel(document) == "v"


def test_a_comment_shows_what_a_file_may_not_hold_as_escapes():
    assert comment("Phòng\x00 Nội vụ\x1b[2J\n  mới") == "Phòng\\0 Nội vụ\\x1B[2J mới"


# -- what it looks like --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Phòng Nội vụ", "Phòng Nội vụ"),
        ("trước ngày 10/12/2023", "trước ngày 10/12/2023"),
        ("123/TB-UBND", "123/TB-UBND"),
        ("Lưu: VT", '"Lưu: VT"'),
        ("yes", '"yes"'),
        ("on", '"on"'),
        ("2023", '"2023"'),
        ("2.10", '"2.10"'),
        ("1_000", '"1_000"'),
        ("0x1F", '"0x1F"'),
        (".inf", '".inf"'),
        ("2023-12-01", '"2023-12-01"'),
        ("", '""'),
        (None, '""'),
        (" a", '" a"'),
        ('"hi" \\', '"\\"hi\\" \\\\"'),
        ("a\tb\nc\u2028\x85\x00\x1b\ufeff", '"a\\tb\\nc\\L\\N\\0\\x1B\\uFEFF"'),
        (date(2023, 12, 1), "2023-12-01"),
        (PartialDate(2023, 11, None), "2023-11"),
        (7, "7"),
        (True, "true"),
    ],
)
def test_scalar_is_plain_when_safe_and_quoted_otherwise(value, written):
    assert scalar(value) == written


def test_vietnamese_letters_are_never_escaped():
    assert scalar("Lưu: Văn thư, Đoàn") == '"Lưu: Văn thư, Đoàn"'


def test_a_flow_sequence_quotes_what_a_flow_context_would_split():
    names = ["noi-vu", "Ban A, B", "Ban [cũ]", "Tổ {x}", "a:b", date(2024, 1, 2)]
    assert flow_seq(names) == '[noi-vu, "Ban A, B", "Ban [cũ]", "Tổ {x}", "a:b", 2024-01-02]'
    assert flow_seq([]) == "[]"


def test_a_flow_mapping_keeps_key_order_and_leaves_out_none():
    pairs = {"on": date(2023, 12, 1), "evidence": "Số 12, ngày 01/12", "by": None, "n": 2}
    assert flow_map({"2023": "yes", "a b": "c"}) == '{"2023": "yes", a b: c}'
    assert flow_map(pairs) == '{on: 2023-12-01, evidence: "Số 12, ngày 01/12", n: 2}'
    assert flow_map({"units": ["a", "b, c"], "x": {"y": "z"}}) == '{units: [a, "b, c"], x: {y: z}}'
    assert flow_map({}) == "{}"


def test_block_text_folds_long_text_at_spaces_and_quotes_what_would_not_fold():
    text = "Chủ trì, phối hợp với Phòng Nội vụ tổ chức tập huấn chữ ký số trong tháng 4/2024."
    assert block_text("text", text, 4) == (
        "    text: >-\n"
        "      Chủ trì, phối hợp với Phòng Nội vụ tổ chức tập huấn chữ ký số trong\n"
        "      tháng 4/2024."
    )
    assert block_text("text", "a  b\nc", 2) == '  text: "a  b\\nc"'


def test_ids_can_always_be_quoted():
    assert quoted("2.a") == '"2.a"'
    assert quoted('a"b') == '"a\\"b"'


def test_values_with_no_form_in_the_format_are_refused():
    with pytest.raises(TypeError):
        scalar(datetime(2023, 1, 1, 12, 0))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        scalar(1.5)  # type: ignore[arg-type]


def test_exactly_what_yaml_cannot_hold_on_one_line_is_escaped():
    # YAML 1.2's printable set, minus the line breaks and tab, and the BOM.
    printable = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in [*range(0x10000), 0x10000, 0x1F600, 0x10FFFF]:  # all of the BMP
        char = chr(code)
        plain = bool(printable.match(char)) and char not in "\u2028\u2029\ufeff"
        assert (quoted(char) == f'"{char}"') == (plain and char not in '"\\'), hex(code)


@pytest.mark.parametrize("text", ["\xa0", "a\xa0b", "Hồ\u3000Xá", "x\u2009y"])
def test_block_text_keeps_spaces_other_than_ascii(text):
    document = "k:\n" + block_text("t", text, 2) + "\n"
    node, problems = parse(document, "t.yaml")
    assert problems == []
    assert node.entries["k"].value.entries["t"].value.value == nfc(text)
