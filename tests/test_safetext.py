import pytest

from cchc_cli.core.safetext import for_terminal, one_line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "\x1b]8;;https://x.example\x07a\x1b]8;;\x07",
            "\\x1b]8;;https://x.example\\x07a\\x1b]8;;\\x07",
        ),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),
        ("\x00\x7f\r", "\\x00\\x7f\\x0d"),
        ("abc\u202edef\u2066\u2069", "abc\\u202edef\\u2066\\u2069"),
        ("a\u2028b", "a\\u2028b"),
    ],
)
def test_every_control_is_shown_not_obeyed(text, shown):
    assert for_terminal(text) == shown


def test_vietnamese_tabs_and_line_feeds_are_kept_as_they_are():
    text = "Phòng Nội vụ\tđã báo cáo\nđúng hạn [xem phụ lục]"
    assert for_terminal(text) is text


def test_a_quoted_value_stays_on_its_line():
    assert one_line("x\nfake.yaml:1:1: error: y") == "x\\nfake.yaml:1:1: error: y"


def test_bytes_that_were_not_utf8_are_shown_as_the_bytes():
    assert for_terminal("ab\udcff\udcfe") == "ab\\xff\\xfe"


def test_bidi_marks_and_invisible_tags_are_shown():
    assert for_terminal("a\u200fb\u061c\U000e0041") == "a\\u200fb\\u061c\\U000e0041"
