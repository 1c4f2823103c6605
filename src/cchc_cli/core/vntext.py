"""Vietnamese text: normalization, matching keys, collation and display width.

Three keys, from strict to loose:

- ``nfc``: what is stored and shown. Files typed on different systems arrive
  composed or decomposed; everything is normalized to NFC on load.
- ``match_key``: case-insensitive, punctuation-insensitive, and insensitive to
  where the tone mark sits ("Hòa"/"Hoà", "Thủy"/"Thuỷ", "Ủy"/"Uỷ"), but still
  telling "Hà" from "Hạ".
- ``fold``: every mark removed and "đ" mapped to "d", so that "noi vu" finds
  "Nội vụ". Used when the stricter key finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Combining marks that carry the tone (thanh điệu), in dictionary order:
# ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_RANK = {mark: rank for rank, mark in enumerate(_TONES, start=1)}

# Vietnamese alphabet order, with the letters that carry a vowel modifier
# (breve, circumflex, horn) written decomposed as NFD gives them.
_ALPHABET = [
    "a",
    "a\u0306",
    "a\u0302",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "e\u0302",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "o\u0302",
    "o\u031b",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "u\u031b",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
_NON_WORD = re.compile(r"[^\w]+")


def nfc(text: str) -> str:
    """The canonical stored form: Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """Text as stored: NFC, runs of white space as one space, no space at the ends."""
    return " ".join(nfc(text).split())


def _words(text: str) -> list[str]:
    # Split the composed form: decomposed marks are not word characters.
    return _split(nfc(text).casefold())


def _split(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(text) if w and w != "_"]


def match_key(text: str) -> str:
    """Key for exact matching that ignores case, punctuation and tone placement.

    Each word is decomposed and its tone mark moved to the end of the word, so
    the two placements of the same tone give the same key.
    """
    keys = []
    for word in _words(text):
        word = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in word if c in _TONE_RANK)
        base = "".join(c for c in word if c not in _TONE_RANK)
        keys.append(base + tones)
    return " ".join(keys)


class _Unmarked(dict[int, int | None]):
    """``str.translate``'s table that drops every combining mark and keeps every other
    character, filled as characters are first met: a Python test per character was
    most of a ``list --search`` over 20,000 tasks."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNMARKED = _Unmarked()


def fold(text: str) -> str:
    """Key for loose matching: no marks at all, "đ" as "d", lower case."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    stripped = decomposed.translate(_UNMARKED)
    if stripped.isascii():
        # What Vietnamese text is once its marks are gone: NFC changes no ASCII text
        # and this one is already case-folded, so only the split into words is left.
        return " ".join(_split(stripped))
    return " ".join(_words(stripped))


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Vietnamese alphabetical order: a ă â b c d đ e ê ..., then by tone.

    Letters decide first (so "anh" < "ăn" < "ân" and "dung" < "đa"); tones only
    break ties between words spelled with the same letters.
    """
    letters: list[int] = []
    tones: list[int] = []
    decomposed = unicodedata.normalize("NFD", text.casefold())
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        i += 1
        tone = 0
        # NFD puts a dot below before a circumflex ("ậ" is a, dot, circumflex),
        # so collect every mark that follows the letter before looking it up.
        while i < len(decomposed) and unicodedata.combining(decomposed[i]):
            mark = decomposed[i]
            i += 1
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            elif mark in _MODIFIERS:
                base += mark
        rank = _LETTER_RANK.get(base)
        if rank is None:
            # Digits, spaces and punctuation sort before letters, by code point.
            rank = -0x110000 + ord(base[0])
        letters.append(rank)
        tones.append(tone)
    return tuple(letters), tuple(tones), text


# Characters that do not take exactly one column: combining marks (zero) and
# East Asian wide or full-width ones (two). Text without any, which is all NFC
# Vietnamese, is as wide as it is long.
_NOT_ONE_COLUMN = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff"
    "\U00020000-\U0003fffd]"
)
# Latin with every Vietnamese letter composed, punctuation (dashes, quotes, "…"),
# symbols and box drawing ("░"): none of it is in the class above. Compiling that
# class takes about 5 ms (re walks each of its code points), so text made only of
# these, which is nearly all text, never needs it.
_PLAIN = re.compile("[\x00-\u02ff\u1e00-\u1eff\u2010-\u205f\u2070-\u20cf\u2100-\u2e7f]*")


def one_column_each(text: str) -> bool:
    """Whether every character of ``text`` takes one column: its width is its length.
    A property of each character, so a whole column of cells is checked joined."""
    if text.isascii() or _PLAIN.fullmatch(text):
        return True
    return re.search(_NOT_ONE_COLUMN, text) is None


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns the text takes on a terminal: combining marks take none, wide characters two."""
    if one_column_each(text):
        return len(text)
    return sum(_char_width(char) for char in text)


def shorten(text: str, width: int) -> str:
    """Cut text to at most ``width`` columns, ending with an ellipsis if cut."""
    if display_width(text) <= width:
        return text
    if width <= 0:
        # Not even the ellipsis fits (text[:-1] + "…" would be nearly the whole text).
        return ""
    if one_column_each(text):
        return text[: width - 1].rstrip() + "…"
    out = []
    used = 0
    for char in text:
        w = _char_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out).rstrip() + "…"


def shorten_each(texts: list[str], width: int) -> list[str]:
    """:func:`shorten` of each text, each distinct text once; when every character of
    them takes one column (checked once, all joined), cut by length alone."""
    distinct = set(texts)
    if width > 0 and one_column_each("".join(distinct)):
        cut = {
            text: text if len(text) <= width else text[: width - 1].rstrip() + "…"
            for text in distinct
        }
    else:
        cut = {text: shorten(text, width) for text in distinct}
    return [cut[text] for text in texts]


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, for "did you mean"; None if none is close."""
    import difflib  # only for a word that matched nothing

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
