"""The text of a Word document as a reader sees it, numbering included.

python-docx gives each paragraph's text, but the "1.", "a)" and bullets of
Word's automatic lists live in the numbering definitions, not in the text. A
notice's sections are exactly such lists, so they are rendered here from the
paragraph's (or its style's) numbering: decimal, letters, Roman numerals,
bullets, with the counters Word keeps per list and level.
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letter(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _format(value: int, kind: str) -> str:
    return {
        "decimal": str(value),
        "lowerLetter": _letter(value),
        "upperLetter": _letter(value).upper(),
        "lowerRoman": _roman(value),
        "upperRoman": _roman(value).upper(),
    }.get(kind, str(value))


def _levels(document: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> level -> (format, label pattern, start), from numbering.xml."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for node in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in node.findall(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            start = lvl.find(f"{W}start")
            levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "%1.",
                int(start.get(f"{W}val")) if start is not None else 1,
            )
        abstract[node.get(f"{W}abstractNumId")] = levels
    nums = {}
    for node in root.findall(f"{W}num"):
        ref = node.find(f"{W}abstractNumId")
        if ref is not None:
            nums[node.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
    return nums


def _numbering(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, from itself or its style's chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for pPr in candidates:
        numPr = pPr.numPr if pPr is not None else None
        if numPr is not None and numPr.numId is not None:
            num_id = str(numPr.numId.val)
            if num_id == "0":
                return None  # numbering switched off for this paragraph
            level = numPr.ilvl.val if numPr.ilvl is not None else 0
            return num_id, int(level)
    return None


def document_text(document: Any) -> str:
    levels = _levels(document)
    counters: dict[str, list[int]] = {}
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text
        found = _numbering(paragraph)
        if found and found[0] in levels and found[1] in levels[found[0]]:
            num_id, level = found
            fmt, pattern, _ = levels[num_id][level]
            counts = counters.setdefault(num_id, [0] * 9)
            counts[level] += 1
            for deeper in range(level + 1, 9):
                counts[deeper] = 0
            if fmt == "bullet":
                label = "-"
            else:
                label = pattern
                for depth in range(level + 1):
                    lvl_fmt, _, lvl_start = levels[num_id].get(depth, ("decimal", "", 1))
                    value = counts[depth] + lvl_start - 1 if counts[depth] else lvl_start
                    label = label.replace(f"%{depth + 1}", _format(value, lvl_fmt))
            text = f"{label} {text}"
        lines.append(text)
    return "\n".join(lines)
