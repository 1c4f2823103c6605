"""The text of a Word document as a reader sees it, numbering included.

python-docx gives each paragraph's text, but the "1.", "a)" and bullets of
Word's automatic lists live in the numbering definitions, not in the text. A
notice's sections are exactly such lists, so they are rendered here from the
paragraph's (or its style's) numbering: decimal, letters, Roman numerals,
bullets, with the counters Word keeps per list and level.

A .docx is a zip of XML parts that arrives from outside, so :func:`read_docx`
looks at it before python-docx parses it: at most :data:`MAX_XML_BYTES` of XML
once unpacked, :data:`MAX_XML_ELEMENTS` tags and :data:`MAX_PARAGRAPHS`
paragraphs (a notice takes a few hundred KB and a few thousand tags), whatever
the file's size on disk (a zip bomb of 4 million empty paragraphs is 467 KB).
A file that is no zip, a truncated one, or parts that are not XML are a clear
error, never a traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from cchc_cli.core.errors import CchcError

#: Unpacked XML of all the parts together, in bytes.
MAX_XML_BYTES = 32 * 1024 * 1024
#: XML tags (counted as "<") of all the parts together: a 300-page document has
#: about 250,000. python-docx takes some 100 ms a thousand paragraphs.
MAX_XML_ELEMENTS = 500_000
#: Paragraphs (``<w:p>`` in any prefix) of all the parts together, as the importer's.
MAX_PARAGRAPHS = 20_000
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
#: Every part unpacked (images included), in bytes: python-docx holds them all.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Word's own bound on a list's start value; larger ones are read as 1.
MAX_START = 32767
LEVELS = 9

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def read_docx(path: str | Path, limit: int, data: bytes | None = None) -> str:
    """The text of the Word document at ``path``, numbering included.

    :class:`CchcError` ("import.unreadable", "import.docx-too-large",
    "import.too-large") when it cannot be read, is too large unpacked, or gives
    more than ``limit`` characters of text. ``data``, when given, are the file's
    bytes, already read (``path`` then only names it in messages).
    """
    package: str | Path | io.BytesIO = path if data is None else io.BytesIO(data)
    try:
        _check_package(package, path)
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        try:
            if isinstance(package, io.BytesIO):
                package.seek(0)
            document = Document(package if isinstance(package, io.BytesIO) else str(package))
            return document_text(document, limit, str(path))
        except (
            PackageNotFoundError,
            SyntaxError,  # a part that is not XML (lxml's XMLSyntaxError)
            KeyError,  # a relationship to a part that is not there
            ValueError,  # a value python-docx cannot read (numbers, enums)
            AttributeError,  # a part of the wrong kind where a document is expected
            NotImplementedError,
        ) as err:
            raise CchcError("import.unreadable", path=str(path), reason=_reason(err)) from None
    except (
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,  # a compression method or zip version zipfile does not read
        RuntimeError,  # an encrypted part
        ValueError,  # a name in the zip's directory that is not UTF-8
    ) as err:
        # Truncated or damaged: the zip's directory, a part's data or its CRC.
        raise CchcError("import.unreadable", path=str(path), reason=_reason(err)) from None


def _check_package(package_file: str | Path | io.BytesIO, path: str | Path) -> None:
    """Refuse a package that would unpack to more than the limits, before unpacking it."""
    too_large = CchcError(
        "import.docx-too-large",
        path=str(path),
        limit=MAX_XML_BYTES // (1024 * 1024),
        elements=MAX_XML_ELEMENTS,
    )
    with zipfile.ZipFile(package_file) as package:
        members = package.infolist()
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise too_large
        xml = [m for m in members if m.filename.endswith((".xml", ".rels"))]
        if sum(m.file_size for m in xml) > MAX_XML_BYTES:
            raise too_large
        counts = [0, 0]  # tags, paragraphs
        for member in xml:
            # zipfile never unpacks more than the size the entry declares (and
            # then checks the CRC), so reading is bounded by the sum above; a
            # megabyte at a time, cut before a "<" so no tag is split.
            with package.open(member) as part:
                rest = b""
                while chunk := part.read(1 << 20):
                    data = rest + chunk
                    cut = max(data.rfind(b"<"), 0)
                    rest = data[cut:]
                    _count(data[:cut], counts, path, too_large)
                _count(rest, counts, path, too_large)


def _count(data: bytes, counts: list[int], path: str | Path, too_large: CchcError) -> None:
    counts[0] += data.count(b"<")
    counts[1] += len(_PARAGRAPH.findall(data))
    if counts[0] > MAX_XML_ELEMENTS:
        raise too_large
    if counts[1] > MAX_PARAGRAPHS:
        raise CchcError("import.too-many-paragraphs", path=str(path), limit=MAX_PARAGRAPHS)


def _reason(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return " ".join(text.split())[:200]


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
            level = _number(lvl.get(f"{W}ilvl", "0"), -1)
            if not 0 <= level < LEVELS:
                continue  # Word has nine levels; anything else is not Word's
            first = _number(start.get(f"{W}val") if start is not None else "1", 1)
            levels[level] = (
                fmt.get(f"{W}val") or "decimal" if fmt is not None else "decimal",
                text.get(f"{W}val") or "" if text is not None else "%1.",
                first if 0 <= first <= MAX_START else 1,
            )
        abstract[node.get(f"{W}abstractNumId")] = levels
    nums = {}
    for node in root.findall(f"{W}num"):
        ref = node.find(f"{W}abstractNumId")
        if ref is not None:
            nums[node.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
    return nums


def _number(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


#: What a paragraph or style says of its numbering: (numId, level), or OFF.
_Numbering = tuple[str, int] | None
OFF = ("0", 0)


def _numbering(paragraph: Any, by_style: dict[str | None, _Numbering]) -> _Numbering:
    """(numId, level) of a paragraph, from itself or its style's chain.

    The style's answer is worked out once per style: python-docx finds a
    paragraph's style by walking every style of the document (2 ms a paragraph).
    """
    found = _num_pr(paragraph._p.pPr)
    if found is None:
        style_id = paragraph._p.style
        if style_id not in by_style:
            by_style[style_id] = _style_numbering(paragraph.style)
        found = by_style[style_id]
    return None if found == OFF else found


def _style_numbering(style: Any) -> _Numbering:
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)  # a crafted file can base a style on itself
        found = _num_pr(style.element.pPr)
        if found is not None:
            return found
        style = style.base_style
    return None


def _num_pr(pPr: Any) -> _Numbering:
    numPr = pPr.numPr if pPr is not None else None
    if numPr is None or numPr.numId is None:
        return None
    num_id = str(numPr.numId.val)
    if num_id == "0":
        return OFF  # numbering switched off for this paragraph
    level = int(numPr.ilvl.val) if numPr.ilvl is not None else 0
    return num_id, level if 0 <= level < LEVELS else 0


def document_text(document: Any, limit: int | None = None, path: str = "-") -> str:
    """The text of the body in document order, one paragraph a line, tables included;
    :class:`CchcError` past ``limit`` characters."""
    from docx.text.paragraph import Paragraph

    lines = _Lines(document, limit, path)
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            lines.paragraph(Paragraph(block, document))
        elif block.tag == f"{W}tbl":
            _table(block, document, lines)
    return "\n".join(lines.out)


class _Lines:
    """The lines read so far, with Word's list counters and the size limit."""

    def __init__(self, document: Any, limit: int | None, path: str) -> None:
        self.levels = _levels(document)
        self.counters: dict[str, list[int]] = {}
        self.by_style: dict[str | None, _Numbering] = {}
        self.out: list[str] = []
        self.size = 0
        self.limit = limit
        self.path = path

    def paragraph(self, paragraph: Any) -> None:
        text = paragraph.text
        found = _numbering(paragraph, self.by_style)
        levels = self.levels
        if found and found[0] in levels and found[1] in levels[found[0]]:
            text = f"{self._label(found)} {text}"
        self.add(text)

    def _label(self, found: tuple[str, int]) -> str:
        num_id, level = found
        fmt, pattern, _ = self.levels[num_id][level]
        counts = self.counters.setdefault(num_id, [0] * LEVELS)
        counts[level] += 1
        for deeper in range(level + 1, LEVELS):
            counts[deeper] = 0
        if fmt == "bullet":
            # As typed where it is a mark a notice types ("+" items sit under "-"
            # ones); a symbol font's glyph tells nothing, its level does.
            return _TYPED_BULLETS.get(pattern.strip()) or ("-" if level == 0 else "+")
        label = pattern
        for depth in range(level + 1):
            lvl_fmt, _, lvl_start = self.levels[num_id].get(depth, ("decimal", "", 1))
            value = counts[depth] + lvl_start - 1 if counts[depth] else lvl_start
            label = label.replace(f"%{depth + 1}", _format(value, lvl_fmt))
        return label

    def add(self, text: str) -> None:
        self.out.append(text)
        self.size += len(text) + 1
        if self.limit is not None and self.size > self.limit:
            raise CchcError("import.too-large", path=self.path, limit=self.limit)


#: Bullets a notice types, as the text reader knows them (:mod:`structure`).
_TYPED_BULLETS = {"-": "-", "–": "-", "+": "+", "•": "•", "*": "-"}


# -- tables -------------------------------------------------------------------------------

#: Column headings of a table of tasks (folded): what each column is.
_COLUMNS = (
    ("number", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("task", re.compile(r"noi dung|nhiem vu|cong viec")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do")),
    ("partners", re.compile(r"phoi hop")),
    ("units", re.compile(r"don vi|co quan|chu tri|thuc hien|trach nhiem")),
)


def _table(table: Any, document: Any, lines: _Lines) -> None:
    """A table in reading order: a table of tasks row by row, each row an item that says
    its units and deadline in words; any other (the header's or the signature's two
    columns) column by column, as a reader takes in each side."""
    grid = [_row_cells(tr, document) for tr in table.findall(f"{W}tr")]
    columns = _task_columns([c or [] for c in grid[0]]) if grid else None
    # A cell merged down repeats the one above it in a table of tasks, as a reader sees one
    # lead unit written once for two tasks; elsewhere it is empty.
    rows: list[list[list[Any]]] = []
    for cells in grid:
        above = rows[-1] if rows and columns is not None else []
        rows.append([(above[i] if i < len(above) else []) if c is None else c
                     for i, c in enumerate(cells)])  # fmt: skip
    if columns is not None:
        for row in rows[1:]:
            lines.add(_task_row(rows[0], row, columns))
        return
    width = max((len(row) for row in rows), default=0)
    for column in range(width):
        for row in rows:
            if column < len(row):
                for paragraph in row[column]:
                    lines.paragraph(paragraph)


def _row_cells(tr: Any, document: Any) -> list[list[Any] | None]:
    """A row's cells by column of the grid: a cell spanning columns leaves the next ones
    empty; a cell merged down ("vMerge" continued) is None."""
    cells: list[list[Any] | None] = []
    for tc in tr.findall(f"{W}tc"):
        properties = tc.find(f"{W}tcPr")
        span = properties.find(f"{W}gridSpan") if properties is not None else None
        merged = properties.find(f"{W}vMerge") if properties is not None else None
        if merged is not None and merged.get(f"{W}val") in (None, "continue"):
            cells.append(None)
        else:
            cells.append(_cell_paragraphs(tc, document))
        width = _number(span.get(f"{W}val") if span is not None else None, 1)
        cells += [[] for _ in range(min(width, 64) - 1)]
    return cells


def _cell_paragraphs(cell: Any, document: Any) -> list[Any]:
    from docx.text.paragraph import Paragraph

    # A nested table's paragraphs are read in place, in order.
    return [Paragraph(p, document) for p in cell.iter(f"{W}p")]


def _task_columns(heading: list[list[Any]]) -> dict[int, str] | None:
    """Column index -> role, when the first row names the columns of a table of tasks."""
    from cchc_cli.core.vntext import fold

    roles: dict[int, str] = {}
    for index, cell in enumerate(heading):
        text = fold(" ".join(p.text for p in cell))
        for role, pattern in _COLUMNS:
            if pattern.search(text) and role not in roles.values():
                roles[index] = role
                break
    return roles if "task" in roles.values() and len(roles) >= 2 else None


def _task_row(heading: list[list[Any]], row: list[list[Any]], columns: dict[int, str]) -> str:
    """ "3. <task>. Đơn vị chủ trì: Phòng Nội vụ. Thời hạn: Trước 15/12/2023." """
    parts: dict[str, str] = {}
    for index, cell in enumerate(row):
        text = " ".join(" ".join(p.text.split()) for p in cell).strip()
        role = columns.get(index)
        if role and text:
            name = " ".join(" ".join(p.text for p in heading[index]).split())
            parts[role] = text if role in ("number", "task") else f"{name}: {text}"
    number = parts.pop("number", "").rstrip(".")
    task = parts.pop("task", "")
    if number and not task and len(row) > 1:
        return f"{number}. " + " ".join(parts.values())
    sentences = [task.rstrip("."), *(v.rstrip(".") for v in parts.values())]
    body = ". ".join(s for s in sentences if s) + "."
    return f"{number}. {body}" if number else f"- {body}"
