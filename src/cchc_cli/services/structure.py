"""Stage 1 of reading a notice: its structure, with no idea yet of what is a task.

From the lines of :mod:`cchc_cli.services.noticelines` to a :class:`Layout`:

- the header (:mod:`cchc_cli.services.noticehead`): issuer, number, place and
  date, title, meeting, chair;
- the body as a tree of :class:`Node`: parts and items under every numbering a
  notice uses, ranked as Nghị định 30/2020 sets them out (Roman ``I.``, then
  ``1.``, ``1.1.``, ``a)``, ``-``, ``+``), bullets (``•``), and unnumbered lines
  that end with ":" ("Đối với Phòng Tài chính - Kế hoạch:", "... như sau:"),
  which hold the items after them whatever their numbering; a paragraph with no
  label belongs to the heading above it, or continues the item before it when
  it only adds to it ("Hoàn thành trước ngày ..."), else stands on its own;
- where the body ends: the closing formula ("Trên đây là ...", "... thông báo
  để ...", a paragraph ending "./."), then the signature and "Nơi nhận".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_cli.core.vntext import fold
from cchc_cli.services.noticehead import Closing, Header, read_closing, read_header
from cchc_cli.services.noticelines import Line

#: Counting words ("Một là", "Thứ hai"), one to ten.
_ORDINAL_VALUES = {
    "một": 1, "nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip
_ORDINALS = "một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười"
#: Kinds of label, from the outermost: the rank orders them.
RANKS = {
    "upper": 5.0,  # A., B.
    "roman": 10.0,  # I., II.
    "decimal": 20.0,  # 1., 2.  (also "1)")
    "ordinal": 25.0,  # Một là, Thứ hai, (inside a "1." part as often as alone)
    "multi": 30.0,  # 1.1., 2.3.1.
    "letter": 50.0,  # a), b), đ)
    "dash": 60.0,  # -
    "bullet": 60.0,  # •
    "plus": 70.0,  # +
}
#: A heading with nothing numbered after it holds the paragraphs that follow.
_PARAGRAPH_RANK = 80.0

_LABELS = [
    ("roman", re.compile(r"(?P<label>[IVXL]{1,6})\s*[.)\-–:/]\s*(?=\S)")),
    ("multi", re.compile(r"(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|(?=[A-ZĐÀ-Ỹ]))")),
    ("decimal", re.compile(r"(?P<label>\d{1,2})\s*(?:[.)](?:\s+|(?=[A-ZĐÀ-Ỹ]))|[/-]\s+)")),
    # "Một là, ...", "Thứ hai, ...": paragraphs counted in words.
    ("ordinal", re.compile(rf"(?P<label>{_ORDINALS}) là\s*[,:.]\s*(?=\S)", re.IGNORECASE)),
    ("ordinal", re.compile(rf"Thứ (?P<label>nhất|{_ORDINALS})\s*[,:.]\s*(?=\S)", re.IGNORECASE)),
    ("upper", re.compile(r"(?P<label>[A-H])\s*[.)]\s+(?=[A-ZĐÀ-Ỹ]{2})")),
    ("letter", re.compile(r"(?P<label>[a-zđ])\s*(?:[).]\s*(?=\S)|/\s+)")),
    ("dash", re.compile(r"[-–—]\s*(?=\S)")),
    ("plus", re.compile(r"\+\s*(?=\S)")),
    ("bullet", re.compile(r"[•●▪◦○·*→►✓]\s*(?=\S)")),
]
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass
class Node:
    """A part, an item or a paragraph of the body, with what it holds."""

    kind: str
    #: As written: "II", "1", "1.2", "a"; "" for bullets, headings and paragraphs.
    label: str
    text: str
    rank: float
    children: list[Node] = field(default_factory=list)
    #: Its place among the body's lines (0 for the root).
    line: int = 0

    @property
    def heading_like(self) -> bool:
        """Reads as a heading: ends with ":" or is a short line with no full stop."""
        text = self.text.rstrip()
        if text.endswith(":"):
            return True
        return not text.endswith((".", ";", "!", "?")) and len(text.split()) <= 30

    def walk(self) -> list[Node]:
        out: list[Node] = []
        stack = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


@dataclass
class Layout:
    """The notice's structure: what stage 2 (:mod:`cchc_cli.services.meaning`) reads."""

    header: Header
    body: Node
    closing: Closing


def label_of(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) of a line that starts with a list label."""
    for kind, pattern in _LABELS:
        m = pattern.match(text)
        if m is None:
            continue
        label = m.groupdict().get("label") or ""
        if label.lower() in _ORDINAL_VALUES:
            label = str(_ORDINAL_VALUES[label.lower()])
        if kind == "roman" and not _is_roman(label):
            continue
        # "a. " is a label; "v.v." or an initial is not: a letter and a dot then a
        # lower-case word is a sentence.
        if kind == "letter" and text[1] == "." and text[m.end() : m.end() + 1].islower():
            continue
        # A counting word is part of the sentence ("Thứ ba, các thành viên ..."): kept.
        rest = text.strip() if kind == "ordinal" else text[m.end() :].strip()
        if rest and m.end() < len(text.rstrip()):
            return kind, label, rest
    return None


def _is_roman(label: str) -> bool:
    values = [_ROMAN_VALUE[c] for c in label.lower()]
    return 0 < sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                   for i, v in enumerate(values)) <= 60  # fmt: skip


def read_layout(lines: list[Line]) -> Layout:
    """The header, the body's tree and the closing of a notice's lines."""
    header, start = read_header(lines)
    end = _body_end(lines, start)
    closing = read_closing(lines[end:])
    return Layout(header, body_tree(lines[start:end]), closing)


# -- the body ---------------------------------------------------------------------------

_CLOSING_START = re.compile(r"tren day la\b|tren day\b|.{0,80}\bthong bao (?:de|den|cho|toi)\b")
_ASSIGNING = re.compile(r"(?:giao|de nghi|yeu cau|chi dao)\b")


def _body_end(lines: list[Line], start: int) -> int:
    """Where the body stops: its closing formula, or the signature and recipients."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.zone == "close":
            return index
        text = line.text
        labelled = label_of(text) is not None
        folded = fold(text[:200])
        if not labelled and _CLOSING_START.match(folded) and not _ASSIGNING.match(folded):
            return index
        if text.endswith("./.") and index > start:
            return index + 1 if labelled else index
    return len(lines)


def body_tree(lines: list[Line]) -> Node:
    """The body's lines as a tree of parts, items and paragraphs."""
    root = Node("root", "", "", 0.0)
    stack = [root]
    labels = [label_of(line.text) for line in lines]
    #: The rank of each form of heading met: "Đối với Phòng X:" then "Đối với UBND các
    #: xã:" are siblings whatever their items are numbered with ("-" under one, "+"
    #: under the other), so the second must not nest under the first one's last item.
    forms: dict[str, float] = {}
    for index, line in enumerate(lines):
        found = labels[index]
        if found is not None and _field_of_item(found, stack[-1]):
            above = stack[-1].text.rstrip()
            stop = "" if above.endswith((".", ";", ":")) else "."
            stack[-1].text = f"{above}{stop} {found[2]}"
            continue
        if found is not None:
            kind, label, text = found
            node = Node(kind, label, text, RANKS[kind], line=index + 1)
        elif (line.text.endswith(":") and len(line.text.split()) <= 60) or _short_heading(
            line.text
        ):
            rank = _next_rank(labels, index)
            if line.text.endswith(":"):
                rank = forms.setdefault(_heading_form(line.text), rank)
            node = Node("heading", "", line.text, rank, line=index + 1)
        else:
            _paragraph(stack, Node("para", "", line.text, _PARAGRAPH_RANK, line=index + 1))
            continue
        while len(stack) > 1 and stack[-1].rank >= node.rank:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


#: A line of a plan's task that names one of its fields, not another task: "- Cơ quan
#: chủ trì: Phòng Tư pháp.", "- Thời gian hoàn thành: Tháng 6/2024."
_FIELD = re.compile(
    r"(?:(?:co quan|don vi|bo phan) )?(?:chu tri|phoi hop|thuc hien)"
    r"|thoi (?:gian|han)(?: hoan thanh| thuc hien)?|tien do(?: thuc hien| hoan thanh)?"
    r"|san pham(?: dau ra)?"
)


def _field_of_item(found: tuple[str, str, str], top: Node) -> bool:
    """A dash, plus or bullet line that gives a field of the item above ("- Cơ quan chủ
    trì: ...") adds to that item."""
    kind, _, text = found
    if kind not in ("dash", "plus", "bullet") or top.kind == "root" or ":" not in text[:40]:
        return False
    head = text.split(":", 1)[0]
    return _FIELD.fullmatch(fold(head).strip()) is not None


def _heading_form(text: str) -> str:
    """What makes two headings the same kind: their first two words ("doi voi")."""
    return " ".join(fold(text[:40]).split()[:2])


def _short_heading(text: str) -> bool:
    """A short line that closes no sentence: a unit's name set apart ("Phòng Nội vụ"), a
    heading in capitals ("KẾT LUẬN")."""
    return (
        len(text.split()) <= 12
        and not text.endswith((".", ";", ",", "!", "?", ")", "-"))
        and text[:1].isupper()
    )


def _next_rank(labels: list[tuple[str, str, str] | None], index: int) -> float:
    """The rank of a heading: just above the items that follow it."""
    for found in labels[index + 1 : index + 60]:
        if found is not None:
            return RANKS[found[0]] - 0.5
        break  # a paragraph follows: the heading holds paragraphs
    return _PARAGRAPH_RANK - 0.5


_ADDS_TO_ITEM = re.compile(
    r"(?:thoi han|thoi gian(?: hoan thanh| thuc hien)?\s*:|thoi gian (?:hoan thanh|thuc hien)"
    r"|han (?:chot|cuoi|hoan thanh)|hoan thanh (?:truoc|trong|cham|xong)|cham nhat|xong truoc"
    r"|ket qua (?:bao cao|gui)|bao cao ket qua (?:ve|truoc)|tien do\s*:)(?:\b|(?<=:))"
)


#: A label line under a task: "Thời gian: ...", "Tiến độ thực hiện: ..." (fold drops ":").
_LABEL_LINE = re.compile(r"\s*(?:thời gian|tiến độ)(?: hoàn thành| thực hiện)?\s*:", re.IGNORECASE)


def _adds_to_item(text: str, folded: str) -> bool:
    return bool(_ADDS_TO_ITEM.match(folded) or _LABEL_LINE.match(text))


def _paragraph(stack: list[Node], node: Node) -> None:
    """Place a paragraph with no label: under its heading, onto its item, or on its own."""
    top = stack[-1]
    folded = fold(node.text[:60])
    if top.kind != "root" and not top.children and top.heading_like:
        top.children.append(node)  # the text of "4. Phòng Kinh tế và Hạ tầng"
        return
    if top.kind != "root" and top.children and all(c.kind == "para" for c in top.children):
        last = top.children[-1]
        if _adds_to_item(node.text, folded) and not last.text.rstrip().endswith(":"):
            last.text = f"{last.text} {node.text}"  # "Thời gian: ..." of the paragraph above
            return
        top.children.append(node)  # a heading's second paragraph
        return
    if top.kind not in ("root", "heading") and _adds_to_item(node.text, folded):
        top.text = f"{top.text} {node.text}"  # "Hoàn thành trước ngày ..." of the item above
        return
    # After a list: the paragraph belongs to the nearest heading above the list.
    while len(stack) > 1 and not (stack[-1].heading_like and stack[-1].children):
        stack.pop()
    stack[-1].children.append(node)
