"""The grammar of written deadlines: which words and figures make a deadline phrase.

Phrases are matched on a *folded* copy of the text (:func:`fold`): lower case,
no tone marks, "đ" as "d", invisible characters (soft hyphens, zero-width
spaces, bidi controls) dropped, every run of spaces one space, every dash "-".
So "TRƯỚC NGÀY", "truoc ngay", "trứơc  ngày" and "trư\u00adớc ngày" all read
alike; a map keeps, for each folded character, where it came from, so the
phrase is copied from the text as written and errors point at its columns.

Each :class:`Rule` is one form; :func:`rules` gives them in priority order (where two
forms overlap, the earlier wins: "6 tháng đầu năm 2024" is a half-year, not a
count of six months). What the forms *mean* is :mod:`cchc_cli.core.deadline_rules`'.
All patterns are ASCII-only (:data:`re.ASCII`: "١٢" is no number) and linear
in the text: every repetition is bounded or cannot overlap what follows it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from cchc_cli.core.lazyclass import dataclass

#: Characters read as "/" besides itself.
_SLASHES = frozenset("\u2044\u2215\uff0f")


class _FoldTable(dict[int, str | None]):
    """``str.translate``'s table, filled one character at a time as they are met."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        folded: str | None
        if category in ("Cf", "Mn", "Me"):
            folded = None  # invisible, or a stray mark left after NFC
        elif char.isspace() or category in ("Zs", "Zl", "Zp", "Cc"):
            folded = " "
        elif category == "Pd":
            folded = "-"
        elif char in _SLASHES:
            folded = "/"
        else:
            folded = unicodedata.normalize("NFD", char.lower())[0]
            if folded == "đ":
                folded = "d"
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and the index in ``text`` of each folded character."""
    quick = text.translate(_TABLE)
    if len(quick) == len(text) and "  " not in quick and quick.strip(" ") == quick:
        return quick, list(range(len(text)))  # the usual case: one for one
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        base = _TABLE[ord(char)]
        if base is None or (base == " " and (not out or out[-1] == " ")):
            continue
        out.append(base)
        where.append(index)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def clean(text: str) -> str:
    """``text`` without its invisible characters (what a phrase copied from a sentence keeps)."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# -- the pieces ---------------------------------------------------------------------------

#: A day: ISO, day-first with "/", "." or "-", or "5 tháng 12 năm 2023"; the year optional.
DATE = (
    r"(?<![0-9])(?:"
    r"(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})"
    r"|(?P<d>[0-9]{1,2}) ?[/.\-] ?(?P<m>[0-9]{1,2})(?: ?[/.\-] ?(?P<y>[0-9]{4}))?"
    r"|(?P<wd>[0-9]{1,2}) ?thang ?(?P<wm>[0-9]{1,2})(?: ?(?:nam|/|-|\.) ?(?P<wy>[0-9]{4}))?"
    # A day of the month of issue or the next: "ngày 5 tháng sau", "ngày 25 tháng này"
    # ("ngày" written: "5 tháng sau" is five months on).
    r"|ngay (?P<rd>[0-9]{1,2}) thang (?P<rr>nay|toi|sau|ke tiep|tiep theo)\b"
    r")(?![0-9]| ?[/.\-] ?[0-9])"
)
#: A time of day: "14 giờ", "14h", "8h30", "8 giờ 30 phút", "8:30", "8 giờ sáng".
TIME = (
    r"(?P<hh>[0-9]{1,2}) ?(?:gio|h|:) ?(?:(?P<mm>[0-9]{1,2}) ?(?:phut|p|')?)?"
    r"(?: ?(?P<ap>sang|trua|chieu|toi|dem))?"
)
#: A part of the day before the date it names ("trong buổi sáng ngày 22/11", "chậm nhất
#: chiều ngày 24/11"): the model has no hours, so the day is the last day.
_PART_OF_DAY = r"(?:(?:buoi )?(?:sang|trua|chieu|toi) )?"
#: A weekday before the date it names ("thứ Sáu, ngày 15/12", "ngày thứ Hai (18/12)").
_WEEKDAY = r"(?:(?:ngay )?(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)(?: ?[,(])? ?)?"
_WHEN = _PART_OF_DAY + _WEEKDAY
#: Between a time and its day: ", ngày", " vào ngày", " ngày", ", thứ Sáu, ngày".
_ON = r"(?: ?,)? ?(?:(?:cua|vao|trong|la) )?" + _WEEKDAY + r"(?:ngay ?)?"
#: Earlier months of a list or range ("tháng 11, 12/2023", "tháng 10 đến tháng 12/2023",
#: "tháng 11-12/2023"): the last month named is the limit. Only taken when that month
#: has its year, so "trong tháng 11, 12 xã đã ..." stays November. At most five before
#: it: an unbounded list is tried again from each "tháng" (quadratic on hostile text).
_AND = r" ?(?:,|-|va|den|toi) ?"
_MONTHS_BEFORE = (
    r"(?P<mlist>(?:[0-9]{1,2}(?: ?[/.\-] ?[0-9]{4})?" + _AND + r"(?:thang ?)?){1,5}"
    r"(?=[0-9]{1,2} ?(?:/|-|\.|nam) ?[0-9]{4}))?"
)
MONTH = (
    r"thang ?"
    + _MONTHS_BEFORE
    + r"(?P<mo>[0-9]{1,2})(?: ?(?:/|-|\.|nam) ?(?P<my>[0-9]{4}))?(?![0-9]| ?[/.\-] ?[0-9])"
)
_ROMAN_Q = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
#: Earlier quarters of a list ("quý III và quý IV/2024", "quý III, IV/2024").
_QUARTERS_BEFORE = (
    r"(?P<qlist>(?:" + _ROMAN_Q + r"(?: ?[/.\-] ?[0-9]{4})?" + _AND + r"(?:quy ?)?){1,3}"
    r"(?=" + _ROMAN_Q + r" ?(?:/|-|\.|nam) ?[0-9]{4}))?"
)
QUARTER = (
    r"quy ?"
    + _QUARTERS_BEFORE
    + r"(?P<q>iv|iii|ii|i|[1-4])(?![a-z0-9])(?: ?(?:/|-|\.|nam) ?(?P<qy>[0-9]{4}))?(?![0-9])"
)
#: Earlier years of a list or range ("năm 2023 - 2024", "năm 2024 và năm 2025").
YEAR = (
    r"nam ?(?P<ylist>(?:[0-9]{4}"
    + _AND
    + r"(?:nam ?)?(?=[0-9]{4})){1,5})?(?P<yy>[0-9]{4})(?![0-9])"
)
#: "tháng này", "quý tới", "năm nay", "năm sau": counted from the date of issue.
THIS = r"(?P<this>thang|quy|nam) (?P<rel>nay|toi|sau|ke tiep|tiep theo)\b"
HALF = (
    r"(?:(?P<hn>[0-9]{1,2}|sau|chin|ba) thang|nua) (?P<hw>dau|cuoi) nam"
    r"(?: ?(?P<hy>[0-9]{4}))?(?![0-9])"
)
WEEK = (
    r"tuan (?:(?:thu|le) )?(?P<wk>dau tien|dau|cuoi cung|cuoi|[1-5]|nhat|mot|hai|ba|tu|bon)"
    r"(?: (?:cua|trong))? " + MONTH
)
#: Numbers in words, one to ninety-nine ("mười lăm", "hai mươi", "năm").
NUMBER_WORDS = (
    r"(?:(?:hai|ba|bon|nam|sau|bay|tam|chin) muoi|muoi)"
    r"(?: (?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin))?"
    r"|mot|hai|ba|bon|nam|sau|bay|tam|chin"
)
COUNT = (
    r"(?:(?P<n>[0-9]{1,7})(?: ?\([^)]{0,40}\))?"
    r"|(?P<nw>" + NUMBER_WORDS + r")(?: ?\( ?(?P<n2>[0-9]{1,7}) ?\))?)"
)
#: What a count starts from: "kể từ ngày ký", "tính từ ngày nhận được thông báo này".
FROM = (
    r"(?: ?,)?(?: (?P<from>ke tu|tinh tu|bat dau tu|tu|sau khi|sau)"
    r" (?P<event>(?:(?!\b(?:de|va|nham|dong thoi|tai|gui|theo|cho)\b)[^,.;()]){0,80}))?"
)


#: Words before a month, quarter or year that make it a time limit in a sentence
#: ("trong các tháng 11, 12/2023"; "từ" only before a range, see the finder).
_PERIOD_LEAD = (
    r"(?:trong|het|den het|den|(?:truoc khi )?(?:ket thuc|het))(?: (?:cac|hai|ba|nhung))?"
)
#: Not a period that starts the work: "(bắt đầu) từ tháng 4/2024" names when it begins,
#: no limit ("từ tháng 10 đến tháng 12/2023" is read at its "đến").
_NOT_FROM = r"(?<!tu )"
#: Nor the year of a month or quarter read apart ("từ tháng 4 năm 2024": no end of 2024).
_NOT_OF_PERIOD = (
    r"(?<!thang [0-9] )(?<!thang [0-9]{2} )(?<!quy [1-4] )"
    r"(?<!quy i )(?<!quy ii )(?<!quy iii )(?<!quy iv )"
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    #: Whether the form marks a deadline inside a longer sentence (``cchc import``).
    in_sentence: bool = True
    #: How surely the form is a deadline where a sentence has several (higher: surer).
    strength: int = 2


def _rule(name: str, pattern: str, in_sentence: bool = True, strength: int = 2) -> _Spec:
    return (name, pattern, in_sentence, strength)


_Spec = tuple[str, str, bool, int]


#: Strong leads: no sentence uses them but for a deadline.
_STRONG = (
    r"cham nhat|muon nhat|han chot|han cuoi|thoi han(?: hoan thanh| thuc hien| nop| gui"
    r"| bao cao)?|thoi gian hoan thanh|khong qua|khong muon hon|khong cham hon|han(?= ?:)"
)
#: Weak leads: words that also introduce a date that is not a deadline.
_WEAK = r"vao|trong|hoan thanh|xong|nop|gui"

#: The forms, compiled on first use (:func:`rules`): compiling them all takes about
#: 13 ms, which a run that reads no deadline (a warm cache) should not pay.
_SPECS: tuple[_Spec, ...] = (
    _rule("before-time", rf"\btruoc (?:(?:luc|le|dip) )?{TIME}{_ON}{DATE}", strength=3),
    _rule(
        "by-time",
        rf"\b(?:{_STRONG})(?: (?:la|vao|luc|trong)){{0,3}}(?: ?[:\-])? ?(?:luc )?{TIME}{_ON}{DATE}",
        strength=3,
    ),
    _rule(
        "before-day",
        rf"\btruoc(?: (?:ngay|dip|le|tet|quoc khanh|ngay le)){{0,3}} ?{_WEEKDAY}(?:ngay ?)?{DATE}",
        strength=3,
    ),
    _rule(
        "no-later-than",
        rf"\b(?:{_STRONG})(?: (?:la|vao|trong|ngay)){{0,3}}(?: ?[:\-])?(?: (?:la|vao|trong)){{0,3}}"
        rf" ?(?:vao (?:ngay )?)?{_WHEN}(?:ngay ?)?{DATE}",
        strength=3,
    ),
    # A strong lead with what is due between it and "là" or ":" ("Hạn chót nộp báo cáo là
    # ngày 08/12/2023", "Thời hạn gửi hồ sơ: 15/12/2023").
    _rule(
        "no-later-than",
        rf"\b(?:{_STRONG})(?: [a-z]+){{1,8}}?(?: la| ?:) ?{_WHEN}(?:ngay ?)?{DATE}",
        strength=3,
    ),
    # A strong lead, what is due, "là" or ":", then a time ("Hạn cuối nộp hồ sơ: 17 giờ 00
    # ngày 25/4/2024").
    _rule(
        "by-time",
        rf"\b(?:{_STRONG})(?: [a-z]+){{1,8}}?(?: la| ?:) ?(?:luc )?{TIME}{_ON}{DATE}",
        strength=3,
    ),
    # "trước buổi chiều ngày 25/11": before a part of that day, so that day is the last.
    _rule(
        "no-later-than",
        rf"\btruoc (?:buoi )?(?:sang|trua|chieu|toi) {_WEEKDAY}(?:ngay ?)?{DATE}",
        strength=3,
    ),
    _rule("until", rf"\b(?P<lead>den|toi|het)(?: het)?(?: ngay)? ?{_WHEN}(?:ngay ?)?{DATE}"),
    _rule(
        "on-day",
        rf"\b(?:{_WEAK})(?: (?:la|vao|trong)){{0,3}}(?: ?[:\-])? ?{_WHEN}(?:ngay ?)?{DATE}",
        strength=1,
    ),
    _rule("before-period", rf"\btruoc (?:(?:{MONTH})|(?:{QUARTER})|(?:{YEAR}))", strength=3),
    _rule("months-of-year", rf"\b{HALF}"),
    _rule("week", rf"\b{WEEK}"),
    _rule(
        "point",
        rf"\b(?P<before>truoc )?(?P<pt>dau|giua|cuoi) (?:(?:{MONTH})|(?:{QUARTER})|(?:{YEAR})"
        r"|(?P<bare>thang|quy|nam)(?! ?[0-9]))",
    ),
    _rule(
        "relative",
        rf"\b(?P<lead>trong(?: (?:vong|thoi han|thoi gian|pham vi|khoang))?|thoi han|toi da"
        rf"|khong qua|cham nhat(?: la)?|sau|han)(?: la)? ?{COUNT}"
        rf" (?P<unit>ngay lam viec|ngay|tuan le|tuan|thang|nam)(?: (?P<wd>lam viec))?"
        # "trong hai tháng 11 và 12/2023" names months, it counts none.
        rf"(?! ?[0-9]){FROM}",
    ),
    # "10 ngày làm việc kể từ ngày ký": no lead, but counted from an event.
    _rule(
        "relative",
        rf"(?<![0-9/.\-])\b{COUNT} (?P<unit>ngay lam viec|ngay|tuan le|tuan|thang|nam)"
        rf"(?: (?P<wd>lam viec))?(?! ?[0-9])(?: ?,)? (?P<from>ke tu|tinh tu)"
        r" (?P<event>(?:(?!\b(?:de|va|nham|dong thoi|tai|gui|theo|cho)\b)[^,.;()]){0,80})",
    ),
    _rule("month", rf"\b{_NOT_FROM}(?P<lead>{_PERIOD_LEAD} )?{MONTH}"),
    _rule("quarter", rf"\b{_NOT_FROM}(?P<lead>{_PERIOD_LEAD} )?{QUARTER}"),
    # Not "các (những) năm tiếp theo" (the years that follow: no one limit), nor the
    # month of a day ("ngày 5 tháng sau": a day form).
    _rule(
        "this-period",
        rf"\b(?<!cac )(?<!nhung )(?<![0-9] )(?P<lead>(?:trong|het|den het|ngay trong) )?{THIS}",
    ),
    _rule(
        "year",
        rf"\b{_NOT_FROM}{_NOT_OF_PERIOD}(?P<lead>(?:(?:{_PERIOD_LEAD})|tu nay den|ngay trong) )?"
        rf"{YEAR}",
    ),
    _rule(
        "span",
        r"\bgiai doan (?P<y1>[0-9]{4}) ?- ?(?P<y2>[0-9]{4})(?![0-9])",
        in_sentence=False,
    ),
    # A deadline field that is a count alone ("07 ngày", "10 ngày làm việc", "1 tuần", as a
    # table's "Thời hạn" column writes it): counted as "trong vòng ..." is. Only the whole
    # field: in a sentence "2 ngày" is as often how long something lasts.
    _rule(
        "relative",
        rf"^ ?{COUNT} (?P<unit>ngay lam viec|ngay|tuan le|tuan|thang|nam)"
        rf"(?: (?P<wd>lam viec))?(?! ?[0-9]){FROM} ?\.?$",
        in_sentence=False,
    ),
    # A month alone, as a table's column writes it ("12/2024", "12-2024"): only the whole
    # field; in a sentence it is as often part of a document's number or a date.
    _rule(
        "month",
        r"^ ?(?:(?:hoan thanh |xong )?(?:trong |het )?)?(?P<mo>[0-9]{1,2}) ?[/.\-] ?"
        r"(?P<my>[0-9]{4}) ?\.?$",
        in_sentence=False,
    ),
    # "(Hoàn thành) trong năm", "trong quý", "trong tháng" alone: that period of the date
    # of issue, as "trong năm nay" is. Only the whole field ("trong năm qua" in a sentence).
    _rule(
        "this-period",
        r"^ ?(?:(?:hoan thanh|xong|thuc hien) )?(?P<lead>trong )(?P<this>thang|quy|nam) ?\.?$",
        in_sentence=False,
    ),
)
#: A date alone, as a file may give it ("24/11/2023", "ngày 24/11/2023.").
_BARE = (
    rf" ?(?:vao (?:ngay )?)?{_WEEKDAY}(?:ngay ?)?{DATE}"
    # and its weekday after it: "15/12/2023 (thứ Sáu)", "ngày 15/12/2023, thứ Sáu"
    r"(?: ?[,(]? ?(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat) ?\)?| ?\))? ?\.?"
)
_ONGOING = (
    r"\b(?:thuong xuyen|khong (?:co )?thoi han|lien tuc|hang (?:ngay|tuan|thang|quy|nam)"
    r"|dinh ky|(?:cac|nhung) (?:nam|thang|quy|ky) (?:tiep theo|ke tiep|tiep|sau|toi))\b"
)
#: A time limit that names no day: urgency, a festival, "this week".
_VAGUE = (
    r"\b(?:som|khan truong|ngay lap tuc|cang som cang tot|thoi gian som nhat"
    r"|trong thoi gian (?:toi|ngan nhat)|(?:truoc|sau|dip|trong|den) tet|tet (?:nguyen dan|am lich"
    r"|duong lich)|trong tuan(?: nay| toi| sau)?|tuan (?:nay|toi|sau)|cuoi tuan|hom nay|ngay mai"
    r"|(?:sang|trua|chieu|toi) (?:nay|mai)"
    # A report at a meeting named by no day: "báo cáo tại giao ban tuần 47", "trình tại
    # cuộc họp lần sau" (not "Tại giao ban tuần 45, Chủ tịch ...": a meeting held).
    r"|(?:bao cao|trinh)(?: [a-z]+){0,4} tai (?:cuoc hop |phien hop |buoi hop |hoi nghi"
    r" |ky hop )?(?:giao ban )?"
    r"(?:tuan (?:[0-9]{1,2}|toi|sau)|(?:lan|ky) (?:toi|sau)|tiep theo)"
    r"|truoc mua mua|truoc (?:dip le|ky hop|hoi nghi|khai giang|le)|khi co yeu cau"
    r"|theo yeu cau|ngay sau khi|theo (?:lo trinh|tien do)|truoc khi"
    # A season or an event of the year: "trước năm học mới", "trước mùa mưa bão", "trước
    # vụ Đông Xuân", "trước (ngày, lễ) khai giảng", "trước thềm năm học mới".
    r"|(?:truoc|den|toi) (?:them |khi (?:vao |bat dau )?)?(?:nam hoc moi|nam hoc \d{4}"
    r"|mua (?:mua|bao|lu|kho|nang|mua bao|mua lu|du lich|thi)"
    r"|vu (?:dong xuan|he thu|mua|dong|san xuat)|(?:ngay |le )?khai giang|dip (?:nghi )?he))\b"
)


def rules() -> tuple[Rule, ...]:
    """Every form, compiled, in priority order."""
    return tuple(_compiled_rule(at) for at in range(len(_SPECS)))


@functools.cache
def _compiled_rule(at: int) -> Rule:
    """The form at ``at``, compiled when first tried: compiling all of them cost a run
    that parses one notice 25-45 ms, where its deadlines (most often "trước ngày ...")
    match one of the first few."""
    name, pattern, in_sentence, strength = _SPECS[at]
    return Rule(name, re.compile(pattern, re.ASCII), in_sentence, strength)


@functools.cache
def compiled(name: str) -> re.Pattern[str]:
    """One of the other patterns: ``bare``, ``ongoing`` or ``vague``."""
    return re.compile({"bare": _BARE, "ongoing": _ONGOING, "vague": _VAGUE}[name], re.ASCII)


@dataclass(frozen=True)
class Hit:
    """One form found in folded text: which rule, where, and its parts."""

    rule: Rule
    start: int
    end: int
    parts: dict[str, str | None]
    #: Where each part starts in the folded text.
    offsets: dict[str, int]

    @property
    def name(self) -> str:
        return self.rule.name

    def __getitem__(self, key: str) -> str | None:
        return self.parts.get(key)


def _hit(rule: Rule, m: re.Match[str]) -> Hit:
    parts = m.groupdict()
    offsets = {k: m.start(k) for k, v in parts.items() if v is not None}
    return Hit(rule, m.start(), m.end(), parts, offsets)


def hits(folded: str, in_sentence: bool = False) -> Iterator[Hit]:
    """Every form in ``folded``, rule by rule in priority order."""
    for rule in rules():
        if in_sentence and not rule.in_sentence:
            continue
        for m in rule.pattern.finditer(folded):
            yield _hit(rule, m)


def first_hit(folded: str) -> Hit | None:
    """The form a whole deadline field is read as: the first rule that matches."""
    for at in range(len(_SPECS)):
        rule = _compiled_rule(at)
        m = rule.pattern.search(folded)
        if m is not None:
            hit = _hit(rule, m)
            return None if of_a_season(hit, folded) else hit
    return None


#: A season or a crop of a year: "mùa mưa lũ năm 2024", "vụ Đông Xuân 2024 - 2025".
_SEASON = re.compile(
    r"\b(?:mua (?:mua|bao|lu|kho|nang|du lich|thi)|vu (?:dong xuan|he thu|mua|dong|san xuat)"
    r"|nam hoc)\b[^,.;:]{0,12}$",
    re.ASCII,
)


def of_a_season(hit: Hit, folded: str) -> bool:
    """A year that names a season's year, not a limit: "trước mùa mưa lũ năm 2024" is before
    the rains (no day), not before the year ends."""
    if hit.name != "year":
        return False
    year = hit.offsets.get("year", hit.start)
    return _SEASON.search(folded, max(0, year - 40), year) is not None


def bare_date(folded: str) -> Hit | None:
    bare = compiled("bare")
    m = bare.fullmatch(folded)
    return _hit(Rule("bare", bare), m) if m else None


_WORD_VALUES = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}


def number_in_words(words: str) -> int:
    """ "mười lăm" -> 15, "hai mươi mốt" -> 21, "năm" -> 5 (folded words, as NUMBER_WORDS)."""
    parts = words.split()
    if "muoi" not in parts:
        return _WORD_VALUES[parts[0]]
    at = parts.index("muoi")
    tens = _WORD_VALUES[parts[0]] if at == 1 else 1
    units = _WORD_VALUES.get(parts[at + 1], 0) if len(parts) > at + 1 else 0
    if len(parts) > at + 1 and parts[at + 1] == "mot" and tens == 1:
        units = 1
    return tens * 10 + units
