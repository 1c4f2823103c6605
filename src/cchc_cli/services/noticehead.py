"""The header and the closing of a notice (stage 1, with :mod:`cchc_cli.services.structure`).

The header is read wherever its pieces stand: the issuer's two lines ("ỦY BAN
NHÂN DÂN" / "HUYỆN VĨNH LINH") or one; "Số: 95/TB-UBND" and "Vĩnh Linh, ngày
28 tháng 11 năm 2023" on one line, in two columns, split over lines or in a
table; the title after "THÔNG BÁO" (on its line or the next ones); the meeting's
date and the chair from the first paragraph. The closing is the signature
block (``TL.``, ``KT.``, ``TM.`` and the title under it, then the name) and the
"Nơi nhận" list, whichever comes first.

Every repetition a later part of its pattern must stop is bounded, so a line
that repeats a pattern's start is read in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_cli.core.dates import DateError, PartialDate, make_date
from cchc_cli.core.vntext import fold
from cchc_cli.services.noticelines import LOWER, UPPER, Line, starts_item


@dataclass
class Header:
    issuer: str | None = None
    number: str = ""
    place: str | None = None
    date: PartialDate | None = None
    #: The date of issue as written when it is no real date ("ngày 31 tháng 02 năm 2023").
    date_problem: str | None = None
    title: str | None = None
    meeting: tuple[int, int, int] | None = None
    meeting_problem: str | None = None
    chair: tuple[str, str] | None = None


@dataclass
class Closing:
    #: (name, title, on behalf: "TL. CHỦ TỊCH"), as far as written.
    signer: tuple[str, str | None, str | None] | None = None
    recipients: list[str] = field(default_factory=list)


_NUMBER = re.compile(r"S[ốỐ]\s*:?\s*((?:\d{1,6}\s*)?/\s*[^\s,;]{1,40}|\d{1,6}(?=\s|$))", re.I)
_WORD = rf"[{UPPER}][{LOWER}{UPPER}.]*"
_PLACE = rf"(?P<place>{_WORD}(?:[ -]{_WORD}){{0,4}})"
_ISSUED = re.compile(
    rf"(?:{_PLACE}\s*,?\s*)?(?i:ngày)\s*(?P<day>\d{{1,2}})?\s*(?i:tháng)\s*"
    r"(?P<month>\d{1,2})?\s*(?i:năm)\s*(?P<year>\d{4})"
)
_ISSUED_DIGITS = re.compile(
    rf"{_PLACE}\s*,\s*(?i:ngày)\s*(?P<day>\d{{1,2}})\s*[/.-]\s*(?P<month>\d{{1,2}})\s*[/.-]"
    r"\s*(?P<year>\d{4})"
)
_TITLE = re.compile(r"(?:THÔNG BÁO|KẾT LUẬN|KẾ HOẠCH|CHƯƠNG TRÌNH)\b\s*[:.]?\s*(?P<rest>.*)")
_MOTTO = re.compile(r"cong hoa|doc lap|tu do|hanh phuc")
_OPENER = re.compile(r"(?:ngay|sang|chieu|toi|vao|can cu|thuc hien|hom nay|tai|chu tich)\b")
_MEETING = re.compile(
    r"ngày\s+(\d{1,2})\s*(?:[/.-]\s*|\s+tháng\s+)(\d{1,2})\s*(?:[/.-]\s*|\s+năm\s+)(\d{4})",
    re.IGNORECASE,
)
_HOST = re.compile(
    rf"(?:UBND|[UỦ][yỷ] ban nhân dân)\s+(?:huyện|thị xã|thành phố)(?:\s+{_WORD}){{1,4}}"
)
# A name has no dash, so the dash (or comma) that ends it is the first one.
_CHAIR = re.compile(
    rf"[đĐ]ồng chí\s+(?P<name>[{UPPER}][^,;\-–()]{{1,60}}?)"
    r"\s*(?:[-–,]|\()\s*"
    r"(?P<title>(?:Phó\s+)?Chủ tịch\s+[^,;()]{1,120}?)"
    r"(?=\)|,|;|\.\s|\.?$|\s+(?:chủ trì|kết luận|đã)\b)"
)


def read_header(lines: list[Line]) -> tuple[Header, int]:
    """The header, and the index of the body's first line."""
    header = Header()
    title_at = _title_line(lines)
    head = [line.text for line in lines[: title_at if title_at is not None else 0]]
    if title_at is None:
        head = [line.text for line in lines if line.zone == "head"]
    start = len(head) if title_at is None else title_at
    scan = head or [line.text for line in lines[:6]]
    _number_and_date(scan, header)
    header.issuer = _issuer(head)
    if title_at is not None:
        start = _title(lines, title_at, header)
    else:
        # A notice sent as a letter: "V/v kết luận của ..." under the number.
        about = next((t for t in head if re.match(r"V/v\b", t, re.I)), None)
        # Or under the date, the line a reader meets first in a letter's body.
        for index in range(start, min(start + 2, len(lines))):
            if about is None and re.match(r"V/v\b", lines[index].text, re.I):
                about, start = lines[index].text, index + 1
        header.title = about[3:].strip(" :.") if about else None
    start = _after_address(lines, start)
    _preamble(lines[start : start + 12], header)
    return header, start


def _after_address(lines: list[Line], start: int) -> int:
    """Past the addressees of a letter ("Kính gửi:" and the lines listing them), which
    name who receives it, not what anyone must do."""
    for index in range(start, min(start + 4, len(lines))):
        if not fold(lines[index].text[:12]).startswith("kinh gui"):
            continue
        end = index + 1
        while (
            end < len(lines)
            and re.match(r"[-–+•]\s*\S", lines[end].text)
            and len(lines[end].text) <= 160
        ):
            end += 1
        return end
    return start


def _title_line(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines[:40]):
        if starts_item(line.text):
            return None
        m = _TITLE.match(line.text)
        if m and line.text.split(" ", 2)[:2] == line.text.upper().split(" ", 2)[:2]:
            return index
    return None


def _number_and_date(head: list[str], header: Header) -> None:
    rest = []
    for text in head:
        if not header.number and (m := _NUMBER.match(text)):
            number = " ".join(m[1].split()).replace(" /", "/").replace("/ ", "/")
            header.number = "" if number.startswith("/") else number
            text = text[m.end() :]
        rest.append(text)
    # The place and date on one line, or split over two ("..., ngày 28 tháng 11" / "năm 2023").
    for index, text in enumerate(rest):
        for candidate in (text, f"{text} {rest[index + 1]}" if index + 1 < len(rest) else ""):
            m = _ISSUED_DIGITS.search(candidate) or _ISSUED.search(candidate)
            if m is not None:
                _issued(m, header)
                return


def _issued(m: re.Match[str], header: Header) -> None:
    header.place = m["place"]
    day = int(m["day"]) if m["day"] else None
    month = int(m["month"]) if m["month"] else None
    try:
        header.date = _partial_date(int(m["year"]), month, day if month else None)
    except (DateError, ValueError):
        written = m[0][m.end("place") - m.start() if m["place"] else 0 :]
        header.date_problem = written.lstrip(" ,")


def _partial_date(year: int, month: int | None, day: int | None) -> PartialDate:
    """The date of issue as far as it is written; :class:`DateError` if it is no real date."""
    make_date(year, month or 1, day or 1)  # the checks every date in cchc gets
    return PartialDate(year, month, day)


def _issuer(head: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN" + "HUYỆN VĨNH LINH" -> "UBND huyện Vĩnh Linh"."""
    words: list[str] = []
    for text in head:
        folded = fold(text)
        if _MOTTO.search(folded) or _NUMBER.match(text) or not text.isupper():
            if words:
                break
            continue
        words.append(text)
    if not words:
        return None
    # "UBND HUYỆN VĨNH LINH" over "VĂN PHÒNG HĐND VÀ UBND": the office under it issues.
    office = [w for w in words[1:] if not re.match(r"(?:HUYỆN|THỊ XÃ|THÀNH PHỐ|XÃ)\b", w)]
    body = _committee(" ".join(w for w in words if w not in office))
    if office:
        named = _sentence_case(" ".join(office))
        place = body.partition(" ")[2] if body and body.startswith("UBND ") else ""
        return f"{named} {place}".strip()
    return body


def _committee(written: str) -> str:
    """ "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" -> "UBND huyện Vĩnh Linh"."""
    m = re.match(r"(?:ỦY|UỶ|UY) BAN NHÂN DÂN\s*|UBND\s*", written)
    if m is None:
        return written
    rest = written[m.end() :].split()
    if not rest:
        return "UBND"
    return " ".join(["UBND", rest[0].lower(), *(w.capitalize() for w in rest[1:])])


def _sentence_case(written: str) -> str:
    """ "VĂN PHÒNG HĐND VÀ UBND" -> "Văn phòng HĐND và UBND": acronyms stay."""
    out = [w if _acronym(w) else w.lower() for w in written.split()]
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _acronym(word: str) -> bool:
    """ "HĐND", "UBND", "TN&MT": capitals that are no Vietnamese word."""
    if word in ("HĐND", "UBND"):
        return True
    return len(word) > 1 and not any(c in "AEIOUYĂÂÊÔƠƯ" for c in fold(word).upper())


def _title(lines: list[Line], at: int, header: Header) -> int:
    """Read the title at line ``at``; the index of the line after it."""
    m = _TITLE.match(lines[at].text)
    whole = lines[at].text.startswith("KẾT LUẬN")
    parts = [lines[at].text] if whole else [m["rest"]] if m and m["rest"] else []
    index = at + 1
    while index < len(lines) and len(parts) < 4:
        text = lines[index].text
        if starts_item(text) or (parts and not (text.isupper() or text.startswith("("))):
            break
        if not parts and _OPENER.match(fold(text[:20])) and not (text.isupper() or _plan(text)):
            break
        parts.append(text)
        index += 1
    header.title = " ".join(parts) or None
    return index


def _plan(text: str) -> bool:
    """A plan's title that says what it carries out ("Thực hiện các nhiệm vụ trọng tâm quý
    II"), not the preamble that cites a document ("Thực hiện Công văn số 12/UBND ...:")."""
    folded = fold(text)
    short = len(text.split()) <= 30 and not text.rstrip().endswith((":", ","))
    return folded.startswith("thuc hien ") and short and not re.search(r"\bso\b|\d/", folded)


def _preamble(lines: list[Line], header: Header) -> None:
    """The meeting's date, its host and its chair, from the paragraphs before the items."""
    for line in lines:
        if starts_item(line.text):
            break
        text = line.text
        if header.meeting is None and header.meeting_problem is None:
            m = _MEETING.search(text[:160])
            # The meeting's date opens its paragraph ("Ngày ...", "Chiều ngày ..."): a
            # date after "số 208/KH-UBND" is another document's.
            if m and m.start() < 30 and "số" not in text[: m.start()].lower():
                day, month, year = int(m[1]), int(m[2]), int(m[3])
                try:
                    make_date(year, month, day)
                    header.meeting = (year, month, day)
                except (DateError, ValueError):
                    header.meeting_problem = f"{m[1]}/{m[2]}/{m[3]}"
                if host := _HOST.search(text[m.end() : m.end() + 300]):
                    header.issuer = header.issuer or host[0]
        if header.chair is None and (m := _CHAIR.search(text)):
            header.chair = (m["name"].strip(), m["title"].strip())


# -- the closing ---------------------------------------------------------------------------

_SIGNED = re.compile(r"(TL|KT|TM|TUQ|Q)\.\s*(.+)")
_SIGNER_TITLE = re.compile(
    r"(?:PHÓ )?(?:CHỦ TỊCH|CHÁNH VĂN PHÒNG|TRƯỞNG (?:PHÒNG|BAN)|GIÁM ĐỐC)\b[^,;:]{0,40}"
)


def _signer_title(text: str) -> bool:
    return text.isupper() and _SIGNER_TITLE.fullmatch(text) is not None


_NAME = re.compile(rf"[{UPPER}][{LOWER}]*(?: [{UPPER}][{LOWER}]*){{1,5}}")


def read_closing(lines: list[Line]) -> Closing:
    """The signature block and the recipients, in whatever order they come."""
    closing = Closing()
    texts = [line.text for line in lines]
    start = next((i for i, t in enumerate(texts) if fold(t[:24]).startswith("noi nhan")), None)
    taken: set[int] = set()
    if start is not None:
        taken = _recipients(texts, start, closing)
    rest = [(i, t) for i, t in enumerate(texts) if i not in taken]
    signed = next((i for i, t in rest if _SIGNED.fullmatch(t) and t.isupper()), None)
    if signed is not None:
        # "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH": both say on whose behalf.
        marks = [signed]
        while marks[-1] + 1 < len(texts) and _SIGNED.fullmatch(texts[marks[-1] + 1]):
            marks.append(marks[-1] + 1)
        on_behalf: str | None = " ".join(_marked(texts[i]) for i in marks)
        after = [t for i, t in rest if i > marks[-1]]
    else:
        # Signed in one's own name: "CHỦ TỊCH" or "TRƯỞNG BAN", then the name.
        own = next((i for i, t in rest if _signer_title(t)), None)
        if own is None:
            return closing
        on_behalf = None
        after = [t for i, t in rest if i >= own]
    title = after[0] if after and after[0].isupper() else None
    names = [t for t in after[1 if title else 0 :] if _NAME.fullmatch(t) and not t.isupper()]
    names = names or [t for t in after[1 if title else 0 :] if _NAME.fullmatch(t.title())]
    if title or names:
        closing.signer = (names[-1] if names else "", title, on_behalf)
    return closing


def _marked(text: str) -> str:
    m = _SIGNED.fullmatch(text)
    return f"{m[1]}. {m[2]}" if m else text


def _goes_on(previous: str, text: str) -> bool:
    """A line that continues a recipient ("TN&MT;" after "KT&HT, TC-KH,"), not a title."""
    return not text.isupper() or previous.endswith(",") or text.endswith((";", ",", "."))


def _recipients(texts: list[str], start: int, closing: Closing) -> set[int]:
    """Read the list after "Nơi nhận"; the indexes of the lines it took."""
    recipients: list[list[str]] = []
    taken = {start}
    first = texts[start].partition(":")[2].strip()
    if first:
        recipients.append([first.lstrip("-–+• ")])
    for index in range(start + 1, len(texts)):
        text = texts[index]
        if _SIGNED.fullmatch(text) and text.isupper():
            break
        if text[:1] in "-–+•":
            recipients.append([text[1:].strip()])
        elif recipients and _goes_on(recipients[-1][-1], text):
            recipients[-1].append(text)  # joined once at the end: never quadratic
        else:
            break
        taken.add(index)
    closing.recipients = [" ".join(parts).rstrip(";.,") for parts in recipients]
    return taken
