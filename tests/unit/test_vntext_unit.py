"""Vietnamese text keys, collation and display width, against hand-worked values."""

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from cchc_cli.core.vntext import (
    display_width,
    fold,
    match_key,
    nfc,
    shorten,
    sort_key,
    suggest,
    tidy,
)

# The 18 communes and towns of huyện Vĩnh Linh and its district offices
# (../shared/DOMAIN.md), sorted by hand in Vietnamese alphabetical order:
# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; letters first,
# tones only break ties; a space sorts before every letter.
UNITS_IN_VIETNAMESE_ORDER = [
    "Bến Quan",
    "Cửa Tùng",
    "Đoàn thanh niên huyện",  # đ after d, before e: after "Cửa", before "Hiền"
    "Hiền Thành",
    "Hồ Xá",  # i < ô
    "Kim Thạch",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Nội vụ",  # n-ô-i before n-ô-n-g: the tone plays no part
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",  # c < n
    "Phòng Tư pháp",  # a < ư
    "Phòng Văn hóa và Thông tin",
    "Phòng Y tế",
    "Thanh tra huyện",
    "Trung Nam",  # h < r
    "Văn phòng HĐND và UBND",  # ă < i
    "Vĩnh Chấp",
    "Vĩnh Giang",
    "Vĩnh Hà",
    "Vĩnh Hòa",  # a < o
    "Vĩnh Khê",
    "Vĩnh Lâm",  # â < o
    "Vĩnh Long",
    "Vĩnh Ô",
    "Vĩnh Sơn",
    "Vĩnh Thái",
    "Vĩnh Thủy",  # a < u
    "Vĩnh Tú",  # h < u
]


def test_real_unit_names_sort_in_the_hand_worked_vietnamese_order():
    shuffled = UNITS_IN_VIETNAMESE_ORDER[:]
    random.Random(13).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == UNITS_IN_VIETNAMESE_ORDER


def test_code_point_order_would_get_the_same_names_wrong():
    # The reason sort_key exists: plain sorting puts "Đoàn" and "Vĩnh Ô" elsewhere.
    assert sorted(UNITS_IN_VIETNAMESE_ORDER) != UNITS_IN_VIETNAMESE_ORDER


def test_decomposed_names_sort_like_composed_ones():
    decomposed = [unicodedata.normalize("NFD", n) for n in UNITS_IN_VIETNAMESE_ORDER]
    random.Random(7).shuffle(decomposed)
    assert [nfc(n) for n in sorted(decomposed, key=sort_key)] == UNITS_IN_VIETNAMESE_ORDER


def test_upper_case_names_sort_like_lower_case_ones():
    upper = [n.upper() for n in UNITS_IN_VIETNAMESE_ORDER]
    assert sorted(upper[::-1], key=sort_key) == upper


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("d", "đ"),
        ("đ", "e"),
        ("e", "ê"),
        ("ê", "g"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("ơ", "p"),
        ("u", "ư"),
        ("ư", "v"),
        ("Đ", "e"),
        ("y", "z"),
    ],
)
def test_each_modified_letter_follows_its_base_letter(first, second):
    assert sort_key(first) < sort_key(second)


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("ma", "mà"),  # ngang < huyền
        ("mà", "mả"),  # huyền < hỏi
        ("mả", "mã"),  # hỏi < ngã
        ("mã", "má"),  # ngã < sắc
        ("má", "mạ"),  # sắc < nặng
        ("mạ", "mac"),  # letters decide before tones
        ("Hà", "Hạ"),
    ],
)
def test_tones_rank_ngang_huyen_hoi_nga_sac_nang_and_only_break_ties(lower, higher):
    assert sort_key(lower) < sort_key(higher)


def test_digits_and_spaces_sort_before_letters():
    assert sorted(["b", "1", "a", " ", "đ"], key=sort_key) == [" ", "1", "a", "b", "đ"]


def test_a_shorter_name_sorts_before_its_longer_form():
    assert sorted(["Vĩnh Linh huyện", "Vĩnh Linh"], key=sort_key) == [
        "Vĩnh Linh",
        "Vĩnh Linh huyện",
    ]


def test_dot_below_with_circumflex_counts_as_the_circumflex_letter_and_the_nang_tone():
    letters, tones, _ = sort_key("ậ")
    assert letters == sort_key("â")[0]
    assert tones == sort_key("ạ")[1]


vietnamese_letters = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy "
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ",
    max_size=20,
)


@given(st.lists(vietnamese_letters, max_size=8), st.randoms())
def test_collation_is_a_total_order_independent_of_input_order(names, rnd):
    shuffled = names[:]
    rnd.shuffle(shuffled)
    assert sorted(names, key=sort_key) == sorted(shuffled, key=sort_key)


@given(vietnamese_letters)
def test_sort_key_ignores_the_normal_form(text):
    decomposed = unicodedata.normalize("NFD", text)
    assert sort_key(decomposed)[:2] == sort_key(text)[:2]


@given(vietnamese_letters, vietnamese_letters)
def test_equal_match_keys_have_equal_letters_in_the_collation(a, b):
    # Tone placement may differ ("Hòa"/"Hoà"), the letters may not.
    if match_key(a) == match_key(b) and " ".join(a.split()) == a and " ".join(b.split()) == b:
        assert sort_key(a)[0] == sort_key(b)[0]


# -- matching keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phòng Nội vụ", "phong noi vu"),
        ("ĐOÀN THANH NIÊN", "doan thanh nien"),
        ("đường", "duong"),
        ("Vĩnh Thủy", "vinh thuy"),
        ("Vĩnh Thuỷ", "vinh thuy"),
        ("VP HĐND&UBND", "vp hdnd ubnd"),
        ("Kinh tế - Hạ tầng", "kinh te ha tang"),
        ("  Ủy  ban,  nhân-dân ", "uy ban nhan dan"),
        ("Số: 123/TB-UBND", "so 123 tb ubnd"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_fold_gives_lower_case_ascii_words(text, folded):
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese_letters)
def test_fold_does_not_depend_on_the_normal_form(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


@given(vietnamese_letters)
def test_equal_match_keys_imply_equal_folds(text):
    other = unicodedata.normalize("NFD", text.upper())
    assert match_key(other) == match_key(text)
    assert fold(other) == fold(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hòa", "Hoà"),
        ("Thủy", "Thuỷ"),
        ("Ủy", "Uỷ"),
        ("Khỏe", "Khoẻ"),
        ("Quý", "Qúy"),
        ("Văn phòng HĐND và UBND", "văn phòng hđnd và ubnd"),
        ("Kinh tế - Hạ tầng", "Kinh tế – Hạ tầng"),
        ("Kinh tế - Hạ tầng", "Kinh tế Hạ tầng"),
    ],
)
def test_match_key_equates_what_clerks_write_for_the_same_name(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vĩnh Hà", "Vĩnh Hạ"),
        ("Vĩnh Hà", "Vĩnh Ha"),
        ("Vĩnh Sơn", "Vĩnh Son"),
        ("Đà", "Dà"),
        ("Kinh tế và Hạ tầng", "Kinh tế - Hạ tầng"),  # "và" is a word: an alias decides
    ],
)
def test_match_key_keeps_tones_letters_and_words_apart(a, b):
    assert match_key(a) != match_key(b)


def test_match_key_of_hoa_puts_the_tone_at_the_end_of_the_word():
    assert match_key("Hòa") == unicodedata.normalize("NFD", "hoa") + "\u0300"


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        (" a \t b\n", "a b"),
        (unicodedata.normalize("NFD", "Nội  vụ"), "Nội vụ"),
        ("", ""),
        ("\u00a0Hồ Xá\u00a0", "Hồ Xá"),
    ],
)
def test_tidy_composes_and_collapses_white_space(text, tidied):
    assert tidy(text) == tidied


# -- display width ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("Nội vụ", 6),
        (unicodedata.normalize("NFD", "Nội vụ"), 6),
        ("e\u0301", 1),
        ("\u0301", 0),
        ("中文", 4),
        ("中文a", 5),
        ("a\u200bb", 2),  # zero-width space
        ("ｈ", 2),  # full-width Latin
        ("Vĩnh Thủy", 9),
    ],
)
def test_display_width_counts_terminal_columns(text, width):
    assert display_width(text) == width


@given(vietnamese_letters)
def test_display_width_of_decomposed_vietnamese_is_that_of_the_composed_text(text):
    assert display_width(unicodedata.normalize("NFD", text)) == len(nfc(text))


@given(st.text(alphabet="aăđệ中ｈ\u0301\u0323 -", max_size=30))
def test_display_width_agrees_with_rich(text):
    assert display_width(text) == cell_len(text)


@pytest.mark.parametrize(
    ("text", "width", "short"),
    [
        ("ngắn", 10, "ngắn"),
        ("ngắn", 4, "ngắn"),
        ("dài hơn", 4, "dài…"),
        ("một hai ba", 5, "một…"),  # the space before the cut goes
        ("abc", 1, "…"),
        ("中文中文中文", 5, "中文…"),
        ("中文中文中文", 6, "中文…"),
        (unicodedata.normalize("NFD", "Phòng Nội vụ"), 7, unicodedata.normalize("NFD", "Phòng…")),
    ],
)
def test_shorten_cuts_at_columns_and_ends_with_an_ellipsis(text, width, short):
    assert shorten(text, width) == short


@given(st.text(alphabet="aăđệ中\u0301 ", max_size=30), st.integers(min_value=1, max_value=20))
def test_shorten_never_exceeds_the_width_and_keeps_what_fits(text, width):
    short = shorten(text, width)
    assert display_width(short) <= width
    if display_width(text) <= width:
        assert short == text
    else:
        assert short.endswith("…")


def test_shorten_to_zero_columns_gives_nothing_wider_than_zero():
    assert display_width(shorten("abcdef", 0)) == 0
    assert shorten("Hồ Xá", -1) == ""
    assert shorten("ab", 1) == "…"


# -- suggestions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "choices", "suggested"),
    [
        ("vinh hoa", ["vinh ha", "kim thach"], "vinh ha"),
        ("noi vu", ["noi vu", "noi vu 2"], "noi vu"),
        ("zzz", ["abc", "def"], None),
        ("abc", [], None),
    ],
)
def test_suggest_gives_the_closest_choice_or_none(word, choices, suggested):
    assert suggest(word, choices) == suggested


def test_suggest_accepts_any_iterable():
    assert suggest("ho xa", (c for c in ["ho xa", "hien thanh"])) == "ho xa"
