import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.vntext import display_width, fold, match_key, nfc, shorten, sort_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vĩnh Hòa", "Vĩnh Hoà"),
        ("Vĩnh Thủy", "Vĩnh Thuỷ"),
        ("Ủy ban", "Uỷ ban"),
        ("PHÒNG NỘI VỤ", "phòng nội vụ"),
        ("Tài chính – Kế hoạch", "Tài chính - Kế hoạch"),
    ],
)
def test_match_key_ignores_tone_placement_case_and_punctuation(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_tells_different_tones_apart():
    assert match_key("Vĩnh Hà") != match_key("Vĩnh Hạ")


def test_match_key_is_the_same_for_composed_and_decomposed_text():
    text = "Phòng Văn hóa và Thông tin"
    assert match_key(unicodedata.normalize("NFD", text)) == match_key(text)


def test_fold_removes_every_mark_and_maps_d_with_stroke():
    assert fold("Phòng Nội vụ") == "phong noi vu"
    assert fold("ĐOÀN thanh niên") == "doan thanh nien"
    assert fold("Giáo dục và Đào tạo") == "giao duc va dao tao"


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Vĩnh Linh")
    assert nfc(decomposed) == "Vĩnh Linh"
    assert len(nfc(decomposed)) == len("Vĩnh Linh")


def test_sort_key_follows_the_vietnamese_alphabet():
    words = ["đa", "dung", "ân", "ăn", "anh", "ê", "em", "ơn", "ông", "ôn", "uyên", "ưu", "bé"]
    assert sorted(words, key=sort_key) == [
        "anh",
        "ăn",
        "ân",
        "bé",
        "dung",
        "đa",
        "em",
        "ê",
        "ôn",
        "ông",
        "ơn",
        "uyên",
        "ưu",
    ]


def test_sort_key_orders_tones_after_letters():
    assert sorted(["á", "ả", "a", "ạ", "à", "ã"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]


def test_sort_key_handles_dot_below_before_circumflex_in_nfd():
    # NFD writes "ậ" as a + dot below + circumflex: it is still the letter â.
    assert sort_key("ậ")[0] == sort_key("â")[0]
    assert sorted(["Vĩnh Lâm", "Vĩnh Long", "Vĩnh Hà"], key=sort_key) == [
        "Vĩnh Hà",
        "Vĩnh Lâm",
        "Vĩnh Long",
    ]


def test_display_width_counts_columns_not_code_points():
    assert display_width("Nội vụ") == 6
    assert display_width(unicodedata.normalize("NFD", "Nội vụ")) == 6
    assert display_width("中文") == 4


def test_shorten_cuts_with_an_ellipsis_only_when_needed():
    assert shorten("ngắn", 10) == "ngắn"
    assert shorten("một hai ba bốn năm", 10) == "một hai b…"
    assert display_width(shorten("một hai ba bốn năm", 10)) == 10


@given(st.text())
def test_keys_never_fail_and_fold_is_ascii_for_vietnamese(text):
    match_key(text)
    sort_key(text)
    fold(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ ĐÂ"))
def test_fold_of_vietnamese_letters_is_plain_ascii(text):
    assert fold(text).isascii()


def _fold_one_char_at_a_time(text):
    """fold as first written: each character of the decomposed text tested in Python."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(
        w
        for w in re.split(r"[^\w]+", unicodedata.normalize("NFC", stripped).casefold())
        if w and w != "_"
    )


_MARKS_AND_LETTERS = st.text(
    alphabet=st.sampled_from(
        "aăâđeêoôơuưyAĐ \u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b\u0308\u20dd"
        "\u0651\u093c\u3099\U0001d167\u1100\u1161\u11a8\u212b\u2126ß\u0130İ_-/\n"
    )
)


@given(st.one_of(st.text(), _MARKS_AND_LETTERS))
def test_fold_by_table_equals_testing_each_character(text):
    # The table (``str.translate``) is filled as characters are met: the same answer
    # whatever came before, for marks of any script, Hangul jamo and singletons.
    assert fold(text) == _fold_one_char_at_a_time(text)


@given(st.one_of(st.text(), _MARKS_AND_LETTERS), st.one_of(st.text(), _MARKS_AND_LETTERS))
def test_fold_of_parts_joined_is_the_folds_joined(a, b):
    # `list --search` folds each notice's number and title once, not once per task.
    assert fold(f"{a} \n {b}") == " ".join(part for part in (fold(a), fold(b)) if part)
