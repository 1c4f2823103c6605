"""Runs of unit names in a sentence: the units a notice names one after the other.

A run of names is read as a list: known names longest first, lists under one
head ("các phòng: Tài chính - Kế hoạch, Kinh tế và Hạ tầng" is two units: a
registry name is tried whole before "và" splits it), a group less the members
it is given without ("các xã (trừ xã Vĩnh Ô)") or narrowed to the members in
brackets after it ("UBND các xã (Vĩnh Long, Vĩnh Thủy)"), and names the
registry does not know, kept as written when they look like a unit's ("Phòng
Ngoại giao"). Linear in the text: each word is looked at a bounded number of
times. Who acts, leads and coordinates is :mod:`cchc_cli.services.roles`'s.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from cchc_cli.services.lexicon import (
    ADVERBS,
    ASSIGN,
    BODIES,
    FILLERS,
    LIST_HEADS,
    UNIT_HEADS,
    VERBS,
    VILLAGES,
    starts_with,
)
from cchc_cli.services.unitnames import UnitNames, Words

#: The most words a name the registry does not know may have.
_UNKNOWN_WORDS = 12
#: One-word verbs and adverbs no unit's name has in lower case ("Sở Nội vụ sớm tổ chức",
#: but "Phòng Ngoại giao", "Công ty Cấp nước").
_ENDS_A_NAME = frozenset({"som", "gui", "nop", "lam", "trinh", "ky", "can", "phai", "xin", "tiep"})
_ENDS_A_NAME_WRITTEN = frozenset(
    {"sớm", "gửi", "nộp", "làm", "trình", "ký", "kí", "cần", "phải", "xin", "tiếp"}
)
_STOPS = frozenset({".", "(", ")", "!", "?"})


@dataclass
class Run:
    """Units named one after the other, and where in the text they stand."""

    units: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    #: Word indexes: the first name's first word, the word after the last name.
    start: int = 0
    end: int = 0

    def __bool__(self) -> bool:
        return bool(self.units or self.unknown)


def run_at(names: UnitNames, words: Words, index: int, excepting: bool = True) -> Run:
    """The names that follow one another from word ``index`` on (fillers skipped)."""
    run = Run(start=index, end=index)
    prefix: str | None = None
    prefix_written = ""
    head_start: int | None = None
    position = index
    while position < len(words):
        if position > index and words.before[position][:1] in _STOPS:
            break
        skipped = position
        found = _known(names, words, skipped, prefix)
        while found is None and (size := starts_with(words.folded, skipped, FILLERS)):
            skipped += size
            if skipped >= len(words):
                break
            found = _known(names, words, skipped, prefix)
        if skipped >= len(words):
            break
        if found is not None:
            size, ident = found
            if not run:
                run.start = skipped if head_start is None else head_start
            position = run.end = skipped + size
            group = excepting and ident in names.members
            but = _except(names, words, position) if group else None
            if but is not None:
                left_out, position = but
                run.units += [u for u in names.members[ident] if u not in left_out]
                continue
            listed = _listed(names, words, position, ident) if group else None
            if listed is not None:
                members, position = listed
                run.units += members
                run.end = position
                continue
            run.units.append(ident)
            continue
        head = _list_head(words, skipped)
        if head is not None:
            prefix, size = head
            if not run and head_start is None:
                head_start = skipped  # the run starts with its list's head ("các xã ...:")
            named = _head_end(words, skipped, prefix)
            prefix_written = words.written(named - len(prefix.split()), named)
            position = skipped + size
            continue
        size = _village(words, skipped)
        if size:
            # "Trưởng các thôn": the heads of the villages are who acts.
            if not run:
                run.start = position
            run.unknown.append(words.written(position, skipped + size))
            position = run.end = skipped + size
            continue
        size = _unknown(names, words, skipped, prefix)
        if size:
            if not run:
                run.start = skipped
            name = words.written(skipped, skipped + size)
            if prefix and not starts_with(words.folded, skipped, UNIT_HEADS):
                name = f"{prefix_written} {name}"
            run.unknown.append(name)
            position = run.end = skipped + size
            continue
        break
    run.units = list(dict.fromkeys(run.units))
    run.unknown = list(dict.fromkeys(run.unknown))
    return run


_EXCEPT = ("tru", "ngoai tru", "tru cac", "ngoai tru cac")


def _except(names: UnitNames, words: Words, index: int) -> tuple[set[str], int] | None:
    """The members a group is given without ("các xã (trừ xã Vĩnh Ô)", "..., trừ Phòng Y
    tế"), and where the words after them start; None when no such clause follows."""
    if index >= len(words) or words.before[index][-1:] not in ("(", ","):
        return None
    for phrase in sorted(_EXCEPT, key=len, reverse=True):
        size = len(phrase.split())
        if tuple(words.folded[index : index + size]) == tuple(phrase.split()):
            break
    else:
        return None
    # One level only: "trừ" inside the left-out list is not read again (no recursion on
    # "các xã (trừ các xã (trừ ...").
    left_out = run_at(names, words, index + size, excepting=False)
    units: set[str] = set()
    for ident in left_out.units:
        units.update(names.members.get(ident, (ident,)))
    if not units:
        return None
    return units, left_out.end


def _listed(names: UnitNames, words: Words, index: int, group: str) -> tuple[list[str], int] | None:
    """The members a group is narrowed to in brackets, perhaps after a few lower-case words
    ("UBND các xã (Vĩnh Long, Vĩnh Thủy)", "các xã, thị trấn ven biển (Vĩnh Thái, thị trấn
    Cửa Tùng)"), and where the words after the bracket start; None when the bracket holds
    anything but members of the group."""
    opened = index
    while opened < min(index + 4, len(words)) and not words.before[opened].endswith("("):
        if words.before[opened] or words.capital(opened):
            return None
        opened += 1
    if opened >= len(words) or not words.before[opened].endswith("("):
        return None
    inside = run_at(names, words, opened, excepting=False)
    members = set(names.members[group])
    if not inside.units or inside.unknown or not set(inside.units) <= members:
        return None
    if inside.end < len(words) and not words.before[inside.end].startswith(")"):
        return None
    return inside.units, inside.end


def _known(
    names: UnitNames, words: Words, index: int, prefix: str | None
) -> tuple[int, str] | None:
    """The longest registry name at ``index`` (with the list's head before it, if any)."""
    if prefix:
        head = prefix.split()
        found = names.match_at([*head, *words.folded[index : index + 12]], 0)
        if found is not None and found[0] > len(head):
            return found[0] - len(head), found[1]
    found = names.match_at(words.folded, index)
    if found is not None and not _of_another_level(words, index + found[0]):
        return found
    start, end = words.spans[index]
    token = words.text[start:end]
    if token.isupper() and len(token) > 1 and (ident := names.single.get(words.folded[index])):
        return 1, ident
    # "UBND các xã" for "UBND các xã, thị trấn", unless a list of its members follows.
    found = names.group_start_at(words.folded, index)
    if found is not None:
        after = index + found[0]
        # "UBND các xã, TT": "TT" is the "thị trấn" of the group's name, written short.
        short = after < len(words) and words.folded[after] == "tt"
        if short and "thi tran" in names.folded_names.get(found[1], ""):
            return found[0] + 1, found[1]
        # "UBND các xã (Vĩnh Long, ...)": the group, narrowed by the bracket after it.
        bracket = after < len(words) and words.before[after].endswith("(")
        listed = (
            after < len(words)
            and not bracket
            and (
                words.before[after].startswith(":")
                or words.capital(after)
                or _after_qualifier(words, after) is not None
            )
        )
        # "Thủ trưởng các phòng, ban, ngành": the kinds of unit the group is written with.
        more = 1 if words.folded[after : after + 1] == ["nganh"] else 0
        if words.folded[after : after + 2] == ["don", "vi"]:
            more = 2
        if not listed:
            return found[0] + more, found[1]
    # "Phòng" or "UBND xã" before a name the registry knows without it, when the name
    # is of that kind ("Trung tâm Y tế huyện" is no "Phòng Y tế").
    size = starts_with(words.folded, index, UNIT_HEADS)
    if size and index + size < len(words) and words.capital(index + size):
        found = names.match_at(words.folded, index + size)
        start, end = words.spans[index + size]
        if found is None and words.text[start:end].isupper():
            # "Phòng LĐTBXH": the head before a one-word abbreviation the registry knows.
            single = names.single.get(words.folded[index + size])
            found = (1, single) if single else None
        kind = " ".join(words.folded[index : index + size])
        if found is not None and _of_kind(names.folded_names.get(found[1], ""), kind):
            return size + found[0], found[1]
    return None


#: Words after a district unit's name that make it another level's body, as written:
#: "Thanh tra Sở", "Thanh tra tỉnh", "Thanh tra Bộ" are no "Thanh tra huyện".
_OTHER_LEVELS = frozenset({"Sở", "tỉnh", "Bộ"})


def _of_another_level(words: Words, index: int) -> bool:
    if index >= len(words) or words.before[index]:
        return False
    return unicodedata.normalize("NFC", words.written(index, index + 1)) in _OTHER_LEVELS


def _ends_a_name(words: Words, index: int) -> bool:
    """A one-word verb as written ("làm", not the "lâm" of "Hạt Kiểm lâm")."""
    if words.folded[index] not in _ENDS_A_NAME:
        return False
    written = unicodedata.normalize("NFC", words.written(index, index + 1).lower())
    return written in _ENDS_A_NAME_WRITTEN


def _of_kind(name: str, head: str) -> bool:
    if name.startswith(head):
        return True
    local = name.startswith(("xa ", "thi tran ", "ubnd "))
    return local and head in ("ubnd", "uy ban nhan dan", "ubnd xa", "ubnd thi tran")


def _list_head(words: Words, index: int) -> tuple[str, int] | None:
    """ "các phòng:", "UBND các xã:", "các xã Vĩnh Hà, ...": (the head, its length)."""
    position = index
    if tuple(words.folded[position : position + 2]) == ("chu", "tich"):
        position += 2
    if position < len(words) and words.folded[position] == "ubnd":
        position += 1
    plural = position < len(words) and words.folded[position] == "cac"
    position += plural
    # "các" already passed over as a filler ("Các xã vùng biển: ..."): for a qualifier only.
    passed = plural or (position > 0 and words.folded[position - 1] == "cac")
    for head in LIST_HEADS:
        size = len(head.split())
        if tuple(words.folded[position : position + size]) != tuple(head.split()):
            continue
        after = position + size
        if after >= len(words):
            return None
        if words.before[after].startswith(":") or (plural and words.capital(after)):
            return head, after - index
        # "UBND các xã có rừng: Vĩnh Hà, Vĩnh Ô": a qualifier, then the members.
        if passed and (listed := _after_qualifier(words, after)) is not None:
            return head, listed - index
    return None


def _head_end(words: Words, index: int, head: str) -> int:
    """Where the list's head word ends ("xã" of "UBND các xã có rừng:")."""
    size = len(head.split())
    for position in range(index, min(index + 8, len(words))):
        if tuple(words.folded[position : position + size]) == tuple(head.split()):
            return position + size
    return index + size


def _after_qualifier(words: Words, index: int) -> int | None:
    """Where the members start after a few lower-case words and a colon ("có rừng:",
    "vùng biển:", "trọng điểm:"), or None."""
    for position in range(index + 1, min(index + 5, len(words))):
        if not words.capital(position - 1) and words.before[position].startswith(":"):
            return position if words.capital(position) else None
        mark = words.before[position][:1]
        if mark and (mark in _STOPS or mark in ",;"):
            return None
    return None


def _name_goes_on(names: UnitNames, words: Words, index: int) -> bool:
    """After "và" in a name ("Văn hóa - Thể thao và Truyền thông"): a capital that starts
    no other unit's name."""
    if index >= len(words) or not words.capital(index):
        return False
    return not starts_with(words.folded, index, UNIT_HEADS) and not _known(
        names, words, index, None
    )


_LEVELS = frozenset({"huyen", "tinh", "xa"})


def _body_of_a_level(words: Words, index: int, head: int) -> int:
    """The length of a body's name that runs, through lower-case words and commas, to the
    level it serves ("... huyện", "... tỉnh Quảng Trị") and is followed by what it must
    do; 0 otherwise ("Ban hành quy chế ... của xã," is a verb, no board)."""
    body = starts_with(words.folded, index, BODIES)
    if not body or starts_with(words.folded, index, VERBS) > body:
        return 0
    for position in range(index + head, min(index + head + _UNKNOWN_WORDS + 2, len(words))):
        if words.before[position][:1] in tuple(".()!?;:"):
            return 0
        if words.folded[position] not in _LEVELS or words.capital(position):
            continue
        end = position + 1
        while end < min(position + 4, len(words)) and words.capital(end):
            if words.before[end]:
                break
            end += 1  # the place's name: "huyện Vĩnh Linh"
        acts = (
            words.folded[end : end + 1] == ["theo"]  # "theo chức năng, nhiệm vụ ..."
            or starts_with(words.folded, end, VERBS)
            or starts_with(words.folded, end, ADVERBS)
            or starts_with(words.folded, end, ASSIGN)
        )
        ends = end >= len(words) or words.before[end][:1] in tuple(".,;:()")
        return end - index if ends or (acts and not words.capital(end)) else 0
    return 0


def _village(words: Words, index: int) -> int:
    """The length of "thôn", "khu phố" written plural as a body ("các thôn, khu phố"): the
    villages of a commune, in no registry."""
    size = starts_with(words.folded, index, VILLAGES)
    if not size or index == 0 or words.folded[index - 1] != "cac" or words.capital(index + size):
        return 0
    more = index + size
    if more < len(words) and words.before[more] == ",":
        more += starts_with(words.folded, more, VILLAGES)
    return more - index


#: Titles before "UBND huyện" that make the capitals after it a person's name.
_TITLES = (("dong", "chi"), ("chu", "tich"))
#: Middle names that only a person's name has ("Lê Văn Hùng", "Hoàng Thị Phụng").
_MIDDLE = frozenset({"van", "thi"})


def _a_person(words: Words, index: int, start: int, end: int) -> bool:
    """ "đồng chí Phó Chủ tịch UBND huyện Lê Văn Hùng": the capitals from ``start`` to
    ``end`` after "UBND huyện" name the official a title before it names, not a place."""
    titled = tuple(words.folded[max(0, index - 2) : index]) in _TITLES
    person = end - start >= 3 or any(w in _MIDDLE for w in words.folded[start + 1 : end])
    return titled and person


def _unknown(names: UnitNames, words: Words, index: int, prefix: str | None) -> int:
    """The length in words of a name the registry does not know, or 0."""
    head = starts_with(words.folded, index, UNIT_HEADS)
    if head == 1 and words.folded[index] == "so" and words.written(index, index + 1) != "Sở":
        head = 0  # "Số" (a number) folds as "Sở" (a provincial department) does
    if not head and not (prefix and words.capital(index)):
        return 0
    position = index + head
    if head and (size := _body_of_a_level(words, index, head)):
        return size
    if head and position < len(words) and words.folded[index] not in ("ubnd", "uy", "xa", "thi"):
        # "Công an xã Vĩnh Thái", "Trạm Y tế thị trấn Hồ Xá": a body of a registry unit.
        place = names.match_at(words.folded, position)
        if place is not None and words.folded[position] in ("xa", "thi", "phong"):
            return position + place[0] - index
    if head and (position >= len(words) or not words.capital(position)):
        # "Công an huyện", "Bảo hiểm xã hội huyện": a head and the district's name (not
        # "UBND huyện", the notice's own issuer).
        district = position < len(words) and words.folded[position] in ("huyen", "tinh")
        # "Công an xã": a commune's own, in its notice (not "Công an xã Vĩnh Thái").
        local = words.folded[position : position + 1] == ["xa"] and not words.capital(position + 1)
        if (district or local) and words.folded[index] not in ("ubnd", "uy", "hoi"):
            return head + 1
        # "UBND huyện Vĩnh Linh": a committee named by its place (in another office's
        # notice), not the bare "UBND huyện" that issues it.
        end = position + 1
        while district and words.folded[index] == "ubnd" and end < len(words):
            stop = end > position + 1 and words.before[end][:1] in tuple(".()!?,;:")
            if stop or end > position + 3 or not words.capital(end):
                break
            end += 1
        if end > position + 1 and _a_person(words, index, position + 1, end):
            return 0
        return end - index if end > position + 1 else 0
    leveled = False
    while position < len(words) and position - index < _UNKNOWN_WORDS:
        before = words.before[position][:1]
        short = before == "." and words.folded[position - 1] == "phong"  # "P.NV"
        if position > index and before and before in ".()!?,;:" and not short:
            break
        # A verb ends the name; one-word verbs do not ("Phòng Ngoại giao").
        lower = not words.capital(position)
        if lower and leveled:
            # "Trung tâm Phát triển quỹ đất huyện | lập hồ sơ", "Trung tâm Văn hóa huyện
            # Vĩnh Linh | lập ...": the level, and its place's name, end it.
            break
        leveled = leveled or (
            position > index
            and words.folded[position] in ("huyen", "tinh")
            and not words.capital(position)
        )
        if lower and (
            starts_with(words.folded, position, VERBS) > 1
            or starts_with(words.folded, position, ADVERBS)
            or _ends_a_name(words, position)
        ):
            break
        if words.folded[position] == "va" and not _name_goes_on(names, words, position + 1):
            break
        position += 1
    return position - index


def owner_of(names: UnitNames, name: str) -> str | None:
    """The registry unit a body the registry does not know belongs to, by the unit's name
    inside its own ("Công an xã Vĩnh Thái", "Trạm Y tế xã Vĩnh Hà", "Tổ công tác của Phòng
    Nội vụ"): a unit's id, never a group's; the last such name, as the owner closes the
    body's ("Trạm Y tế xã Vĩnh Hà" is Vĩnh Hà's, not Phòng Y tế's); None when it names none."""
    words = Words(name)
    owner = None
    index = 1
    while index < len(words):
        found = names.match_at(words.folded, index)
        if found is not None and found[1] in names.unit_ids:
            owner = found[1]
            index += found[0]
            continue
        index += 1
    return owner
