"""A notice's text as the lines a reader sees: the first step of the structural reader.

Text arrives typed, exported from Word, pulled out of a PDF or re-typed from a
scan, and each way leaves its marks. This module undoes them and nothing more
(what the lines mean is :mod:`cchc_cli.services.structure`'s job):

- characters: NFC, soft hyphens, zero-width and bidi controls dropped, every kind
  of space as a space, Word's symbol-font bullets as "•", Markdown emphasis
  (``**24/11/2023**``) removed, letter-spaced titles ("T H Ô N G  B Á O") closed
  up, a space before a comma or a closing bracket removed;
- page furniture: page numbers ("2", "- 2 -", "Trang 2/5") and running heads
  repeated at the edges of pages (form feeds mark pages; without them a line
  repeated next to page numbers) are dropped;
- two columns: the header (issuer | motto, number | place and date) and the
  closing (Nơi nhận | signature) are often set side by side; a gap of three
  spaces or more there splits a line, and each column is read top to bottom,
  the left one first;
- wrapped lines are joined: a line that goes on in lower case, one that ends
  with a word a sentence cannot end with ("với", "của", "và"...), one cut by a
  soft hyphen, and, where the text is wrapped at a fixed width (a PDF, a
  scan), one that reaches that width without closing its sentence.

Every pass is linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from cchc_cli.core.vntext import fold
from cchc_cli.services.lexicon import simple


@dataclass(frozen=True)
class Line:
    """One line as read: its text (one space between words) and its surroundings."""

    text: str
    #: A blank line (or a page break) came before it.
    blank_before: bool = False
    #: "head" (before the title), "body", or "close" (from "Nơi nhận" or the signature).
    zone: str = "body"


#: Vietnamese capital and small letters, for regular expressions ("[À-Ỹ]" mixes them).
UPPER = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha() and c.isprintable()
)
LOWER = "a-z" + "".join(
    c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower() and c.isalpha() and c.isprintable()
)
#: Unicode's format characters (category Cf): soft hyphens, zero-width spaces and
#: joiners, bidi controls, the BOM, tags. Invisible, and never part of a notice.
_FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: Word's bullets in the Symbol and Wingdings fonts arrive as private-use characters.
_BULLETS = re.compile("[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071]")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<=\S)\*(?!\w)")
_SPACE_BEFORE = re.compile(r"\s+([,;)\]%])|([(\[])\s+")
_GAP = re.compile(r"\S+(?: {1,2}\S+)*")  # runs of text separated by three spaces or more
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?|(?:trang|page)\s*\d{1,3}(?:\s*(?:/|tren|of)\s*\d{1,3})?"
    r"|\d{1,3}\s*/\s*\d{1,3}"
)
_RULE = re.compile(r"[\s_\-–—=*.~…]{3,}")
_LABEL = re.compile(
    r"(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s|(?:\d{1,2}|[a-zđ])\s*/\s"
    r"|[-–—+•●▪◦○·*]\s?\S"
)
#: Words a sentence does not end with: the line after them goes on.
_OPEN_WORDS = frozenset(
    {
        "và",
        "với",
        "của",
        "các",
        "cho",
        "tại",
        "theo",
        "về",
        "để",
        "đến",
        "từ",
        "trong",
        "trên",
        "dưới",
        "những",
        "một",
        "hoặc",
        "hay",
        "bằng",
        "như",
        "đối",
        "giữa",
        "là",
        "thì",
        "mà",
        "nhằm",
        "gồm",
        "do",
        "vào",
    }
)
_TERMINAL = tuple(".;:!?")
#: How paragraphs of a notice begin, which a wrapped line does not.
_OPENER = re.compile(
    r"(?:(?:sang|chieu|toi|vao) )?ngay \d|can cu\b|thuc hien (?:cong van|ke hoach|chi thi"
    r"|quyet dinh|nghi quyet|thong bao)|tham du\b|sau khi\b|tren day\b|noi nhan\b"
    r"|tai (?:cuoc|buoi|phien|hoi)"
)
#: At least this share of the lines near the widest ones: the text is wrapped at a width.
_WRAPPED_SHARE = 0.35


def clean(line: str) -> str:
    """One line's characters as a reader sees them; runs of spaces are kept (columns)."""
    line = unicodedata.normalize("NFC", line)
    if not line.isascii() and _FORMAT.search(line):
        # A soft hyphen at the end says the word goes on in the next line: kept for that.
        cut = line.rstrip().endswith("\u00ad")
        line = _FORMAT.sub("", line) + "\u00ad" * cut
    line = _BULLETS.sub("•", _SPACES.sub(" ", line.replace("\t", "    ")))
    if "*" in line or "_" in line:
        line = _EMPHASIS.sub("", line)
    return _unspace_letters(line)


def _unspace_letters(line: str) -> str:
    """ "T H Ô N G  B Á O" -> "THÔNG BÁO": letters set one space apart, words two."""
    words = line.split()
    if len(words) < 4 or any(len(w) != 1 for w in words):
        return line
    return " ".join(part.replace(" ", "") for part in re.split(r"\s{2,}", line.strip()))


def tidy(line: str) -> str:
    """One space between words, none before a comma or inside brackets."""
    line = " ".join(line.split())
    return _SPACE_BEFORE.sub(lambda m: m[1] or m[2], line) if " " in line else line


def read_lines(text: str) -> list[Line]:
    """The notice's lines, furniture dropped, columns read in order, wrapped lines joined."""
    pages = [[clean(raw) for raw in page.splitlines()] for page in text.split("\f")]
    raw = _without_furniture(pages)
    title = _title_index(raw)
    closing = _closing_index(raw, title)
    lines: list[Line] = []
    lines += _columns(raw[:title], "head")
    lines += [Line(tidy(text), blank, "body") for text, blank in raw[title:closing]]
    lines += _columns(raw[closing:], "close")
    return _unwrap([line for line in lines if line.text])


# -- page furniture ---------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text))


def _without_furniture(pages: list[list[str]]) -> list[tuple[str, bool]]:
    """(text, blank line before) of every line that is not a page number or running head."""
    edges: Counter[str] = Counter()
    if len(pages) > 1:
        for page in pages:
            filled = [line for line in page if line.strip()]
            edges.update({_key(line) for line in filled[:2] + filled[-2:]})
    out: list[tuple[str, bool]] = []
    near_number: Counter[str] = Counter()
    blank = False
    for number, page in enumerate(pages):
        blank = blank or number > 0
        indexes = [i for i, line in enumerate(page) if line.strip()]
        edge = set(indexes[:2] + indexes[-2:])
        for index, line in enumerate(page):
            stripped = line.strip()
            if not stripped or _RULE.fullmatch(stripped):
                blank = True
                continue
            if len(stripped) <= 16 and _PAGE_NUMBER.fullmatch(simple(stripped)):
                for other in page[max(0, index - 2) : index + 3]:
                    if other.strip() and other is not line:
                        near_number[_key(other)] += 1
                blank = True
                continue
            if index in edge and edges[_key(line)] >= 2 and len(stripped) > 3:
                blank = True
                continue
            out.append((line, blank))
            blank = False
    if not near_number:
        return out
    # Without form feeds, a running head is a line seen twice or more beside page numbers.
    counts = Counter(_key(text) for text, _ in out)
    heads = {k for k, n in near_number.items() if n >= 2 and counts[k] >= 2}
    return [(t, b) for t, b in out if _key(t) not in heads] if heads else out


# -- zones and columns ------------------------------------------------------------------

_TITLE = re.compile(r"thong bao\b")
_HEADER_LINE = re.compile(
    r"so\b.{0,12}/|.{0,40}\bngay (?:\d{1,2} )?thang (?:\d{1,2} )?nam \d{4}$|cong hoa|doc lap"
)
_SIGNED = re.compile(r"(?:TL|KT|TM|TUQ|Q)\.\s*[A-ZĐÀ-Ỹ]")


def _title_index(raw: list[tuple[str, bool]]) -> int:
    """Where the title ("THÔNG BÁO") is among the first lines; without one, the line
    after the header's last line (number, date, motto); 0 when neither is there."""
    for index, (text, _) in enumerate(raw[:40]):
        stripped = text.strip()
        if stripped.isupper() and _TITLE.match(fold(stripped)):
            return index
    found = [
        i
        for i, (text, _) in enumerate(raw[:12])
        if len(text) < 120 and _HEADER_LINE.match(fold(text))
    ]
    return found[-1] + 1 if found else 0


def _closing_index(raw: list[tuple[str, bool]], start: int) -> int:
    """Where the closing begins: "Nơi nhận", or a signature line (TL./KT./TM.) before it."""
    for index in range(start, len(raw)):
        text = raw[index][0].strip()
        if fold(text[:12]).startswith("noi nhan") or (_SIGNED.match(text) and text.isupper()):
            return index
    return len(raw)


def _columns(raw: list[tuple[str, bool]], zone: str) -> list[Line]:
    """Lines set side by side, read as two columns: the left one, then the right one."""
    segments = [[(m.start(), m[0]) for m in _GAP.finditer(text)] for text, _ in raw]
    # The right column starts after the widest gap between where segments start (a
    # column's lines are centred, so each starts a little apart); "Số:   /TB-UBND", a
    # blank number, is one column.
    starts = sorted({start for line in segments for start, _ in line})
    gap, threshold = max(((b - a, b) for a, b in pairwise(starts)), default=(0, 0))
    if gap < 10 or threshold < 20:
        threshold = 1 << 30
    left: list[Line] = []
    right: list[Line] = []
    for (_, blank), line in zip(raw, segments, strict=True):
        for side, chosen in ((left, [t for s, t in line if s < threshold]),
                             (right, [t for s, t in line if s >= threshold])):  # fmt: skip
            if chosen:
                side.append(Line(tidy(" ".join(chosen)), blank, zone))
    if right:
        right[0] = replace(right[0], blank_before=True)
    return left + right


# -- wrapped lines ----------------------------------------------------------------------


def starts_item(text: str) -> bool:
    """The line begins with a list label ("1.", "a)", "II.", "-", "+", "•")."""
    return _LABEL.match(text) is not None


def _wrap_width(lines: list[Line]) -> int | None:
    """The width the text was wrapped at, or None when paragraphs are lines."""
    lengths = sorted(len(line.text) for line in lines if line.zone == "body")
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width > 130 or width < 30:
        return None
    near = sum(1 for n in lengths if n >= 0.7 * width)
    return width if near >= _WRAPPED_SHARE * len(lengths) else None


def _continues(previous: str, line: Line, width: int | None) -> bool:
    """``line`` is the rest of the sentence ``previous`` began."""
    if _glued(previous):
        return not starts_item(line.text)
    first = line.text[0]
    item = starts_item(line.text)
    if previous.endswith((".", "!", "?")):
        return False
    # After ";" or ":" a line in lower case goes on ("... thực hiện;" / "tổng hợp ...").
    if not item and (first.islower() or first in ",)%"):
        return True
    if previous.endswith(_TERMINAL):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if not item and first.isdigit():
        return True
    heading = previous.isupper()  # "II. NHIỆM VỤ THỜI GIAN TỚI" ends its line
    if (
        not item
        and not heading
        and (last_word in _OPEN_WORDS or previous.endswith((",", " -", "–", "(")))
    ):
        return True
    if width is None or line.blank_before or len(previous) < 0.8 * width:
        return False
    if _OPENER.match(fold(line.text[:40])):
        return False  # "Ngày 16/10/2023, ...", "Căn cứ ...": a paragraph starts here
    # A line cut at the width: only a numbered label starts a new item for sure.
    return not item or line.text[0] in "-–+"


def _unwrap(lines: list[Line]) -> list[Line]:
    width = _wrap_width(lines)
    out: list[Line] = []
    parts: list[str] = []
    for line in lines:
        if out and out[-1].zone == line.zone and line.zone != "head":
            previous = parts[-1]
            if _continues(previous, line, width):
                if _glued(previous):
                    parts[-1] = previous.rstrip("\u00ad") + line.text
                else:
                    parts.append(line.text)
                continue
        if out:
            out[-1] = replace(out[-1], text=_joined(parts))
        out.append(line)
        parts = [line.text]
    if out:
        out[-1] = replace(out[-1], text=_joined(parts))
    return [replace(line, text=line.text.replace("\u00ad", "")) for line in out]


def _glued(previous: str) -> bool:
    """A word cut at the end of the line: by a soft hyphen, or a number such as "05/CT-"."""
    return previous.endswith("\u00ad") or (
        previous.endswith("-") and len(previous) > 1 and previous[-2].isalnum()
    )


def _joined(parts: list[str]) -> str:
    return " ".join(parts) if len(parts) > 1 else parts[0]
