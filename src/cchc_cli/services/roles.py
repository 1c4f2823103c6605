"""Who does what in a sentence of a notice: the units it assigns, the lead, the
coordinating units and the unit to report to.

A unit is responsible where the sentence puts it as the one who acts: at its
start ("Phòng Tư pháp: chủ trì ...", "Đối với xã Vĩnh Ô: ..."), or after the
chairman's verb of assignment ("Giao Phòng Văn hóa và Thông tin chủ trì ...",
"Đề nghị UBND các xã: Vĩnh Hà, Vĩnh Ô, Vĩnh Khê ..."). Units named elsewhere
are objects ("hướng dẫn các xã ..."), partners ("phối hợp với Phòng Nội vụ") or
where reports go ("báo cáo về UBND huyện (qua Phòng Nội vụ)"), never assignees.

The runs of names themselves are read by :mod:`cchc_cli.services.unitruns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_cli.services.lexicon import (
    ADVERBS,
    ASSIGN,
    SPEAKER,
    VERBS,
    simple,
    starts_with,
)
from cchc_cli.services.unitnames import UnitNames, Words
from cchc_cli.services.unitruns import Run, run_at

__all__ = ["Roles", "Run", "Words", "assigned_within", "roles", "run_at"]

# -- roles -------------------------------------------------------------------------------


@dataclass
class Roles:
    """What a sentence says of its units."""

    #: The units that act, where the sentence names them (else the heading's stand).
    subject: Run = field(default_factory=Run)
    #: The sentence says the acting unit leads ("chủ trì").
    leads: bool = False
    partners: Run = field(default_factory=Run)
    report_to: str | None = None
    #: Where the instruction starts, after its units (a character offset).
    predicate: int = 0


_LEAD = re.compile(r"[\s,:;-]*(?:la don vi |lam )?(?:chu tri|dau moi)\b")
_WITH = re.compile(r"\b(?:phoi hop (?:voi|cung)|cung voi|phoi hop:)\s*")
_PARTNER_AFTER = re.compile(r"\s*(?:cung )?phoi hop\b(?! voi)")
_DETAIL = re.compile(
    r"\b(?:(?:don vi|co quan|bo phan) (?P<role>chu tri|thuc hien|phoi hop|thuc hien chinh)"
    r"|chu tri)\s*:\s*"
)
_REPORT = re.compile(
    r"\(\s*qua\s+|\b(?:bao cao|gui)\b[^.;]{0,80}?\b(?:ve|cho|den|len|toi)\s+(?=\S)|\bgui\s+(?=\S)"
)


def roles(names: UnitNames, text: str, inherited: bool = False) -> Roles:
    """The roles ``text`` gives; ``inherited``: a heading above names units already."""
    words = Words(text)
    plain = simple(text)
    found = Roles()
    if len(words):
        found.subject, found.predicate = _subject(names, words, plain, inherited)
        # "UBND các xã (trừ các xã đã hoàn thành) rà soát ...": the aside is no predicate.
        opened = plain[: found.predicate].rstrip().endswith("(")
        aside = re.match(r"\s*\(?[^()]{0,120}\)\s*", plain[found.predicate :])
        if found.subject and aside and (opened or aside[0].lstrip().startswith("(")):
            found.predicate += aside.end()
    rest = plain[found.predicate :]
    found.leads = _LEAD.match(rest) is not None or bool(re.match(r"chu tri\b", plain))
    for m in _DETAIL.finditer(plain):
        run = run_at(names, words, words.index_at(m.end()))
        role = m["role"] or "chu tri"  # "Chủ trì: Phòng X" as a plan's line writes it
        if role == "phoi hop":
            found.partners.units += run.units
        elif run and not found.subject:
            found.subject = run
            found.leads = role == "chu tri"
    for m in _WITH.finditer(plain):
        run = run_at(names, words, words.index_at(m.end()))
        found.partners.units += run.units
        found.partners.unknown += run.unknown
    _partners_before_verb(names, words, plain, found)
    if not found.subject and not inherited:
        _named_later(names, words, plain, found)
    found.report_to = _report_to(names, words, plain)
    subject = set(found.subject.units)
    found.partners.units = [u for u in dict.fromkeys(found.partners.units) if u not in subject]
    return found


#: Where a sentence that starts with its work names who does it: "..., giao Phòng X
#: chủ trì", "(Phòng X chủ trì; ...)", "... do Phòng X chủ trì thực hiện".
_LATER = re.compile(r"(?:,|;|\.)\s*(?:giao(?: cho)?|phan cong)\s+|\(\s*|\bdo\s+")
_DOES = re.compile(r"\s*(?:chu tri|thuc hien|phu trach|dam nhiem|lam dau moi)\b")


def _named_later(names: UnitNames, words: Words, plain: str, found: Roles) -> None:
    """The acting units of a sentence whose units come after its work, if it names them
    so; the lead when "chủ trì" follows them."""
    for m in _LATER.finditer(plain):
        run = run_at(names, words, words.index_at(m.end()))
        if not run or run.start != words.index_at(m.end()):
            continue
        after = plain[_offset(words, run.end) :] if run.end < len(words) else ""
        giving = m[0].strip(" ,;.(").startswith(("giao", "phan"))
        if giving or _DOES.match(after):
            found.subject = run
            found.leads = found.leads or after.lstrip().startswith("chu tri")
            return


def assigned_within(names: UnitNames, text: str) -> bool:
    """The sentence gives work to a unit somewhere in it ("..., đồng thời giao Phòng X ...")."""
    words = Words(text)
    for index in range(len(words)):
        size = starts_with(words.folded, index, ASSIGN)
        if not size:
            continue
        run = run_at(names, words, index + size)
        after = run.end + starts_with(words.folded, run.end, ADVERBS)
        if run.units and starts_with(words.folded, after, VERBS):
            return True  # "giao Phòng Tư pháp rà soát ...": a unit, then what it must do
    return False


def _subject(names: UnitNames, words: Words, plain: str, inherited: bool) -> tuple[Run, int]:
    index = 0
    if m := SPEAKER.match(plain):
        after = words.index_at(m.end())
        # "Chủ tịch UBND huyện giao ...", "Thứ hai, Phòng ...": past who speaks and the count.
        counted = re.match(r"(?:thu \w+|\w+ la)\s*[,:.]", plain) is not None
        if starts_with(words.folded, after, ASSIGN) or counted:
            index = after
    verb = starts_with(words.folded, index, ASSIGN)
    if verb and not (inherited and words.folded[index] == "chi"):
        run = run_at(names, words, index + verb) or _relayed(names, words, index + verb)
        if run:
            return run, _offset(words, run.end)
        return Run(), 0
    run = run_at(names, words, index)
    if run and run.start - index <= 4:
        return run, _offset(words, run.end)
    # "Đối với các chương trình ..., đề nghị các phòng: ...": the units after the topic.
    if m := re.match(r"(?:doi voi|ve|rieng) [^,:;.]{1,120}?[,:]\s*", plain):
        after = words.index_at(m.end())
        verb = starts_with(words.folded, after, ASSIGN)
        run = run_at(names, words, after + verb)
        if run and run.start - after - verb <= 4:
            return run, _offset(words, run.end)
    return Run(), 0


def _relayed(names: UnitNames, words: Words, index: int) -> Run:
    """The units the one asked must direct, when the one asked is no unit: the issuer or a
    person ("Đề nghị UBND huyện chỉ đạo Phòng Tài chính - Kế hoạch ...", "Giao đồng chí
    Phó Chủ tịch phụ trách chỉ đạo Phòng Nông nghiệp ..."). Empty when no such order
    follows in the next few words."""
    for position in range(index, min(index + 14, len(words))):
        if position > index and words.before[position][:1] in (".", ";", ":", "("):
            break
        size = starts_with(words.folded, position, ASSIGN)
        if size and words.folded[position] in ("chi", "giao"):
            run = run_at(names, words, position + size)
            if run.units and run.start == position + size:
                return run
            break
    return Run()


def _offset(words: Words, index: int) -> int:
    return words.spans[index][0] if index < len(words) else len(words.text)


def _partners_before_verb(names: UnitNames, words: Words, plain: str, found: Roles) -> None:
    """ "Phòng A chủ trì, Phòng B và UBND các xã phối hợp": B and the communes coordinate."""
    for m in re.finditer(r"[,;]\s*", plain[found.predicate : found.predicate + 400]):
        index = words.index_at(found.predicate + m.end())
        run = run_at(names, words, index)
        if run and _PARTNER_AFTER.match(plain, _offset(words, run.end)):
            found.partners.units += run.units
            found.partners.unknown += run.unknown


def _report_to(names: UnitNames, words: Words, plain: str) -> str | None:
    """The unit reports go to: "(qua Phòng Nội vụ)" first, else "báo cáo/gửi về ..."."""
    chosen: str | None = None
    for m in _REPORT.finditer(plain):
        run = run_at(names, words, words.index_at(m.end()))
        units = [u for u in run.units if u in names.unit_ids]
        if units and words.index_at(m.end()) == run.start:
            if m[0].startswith("("):
                return units[0]
            chosen = chosen or units[0]
    return chosen
