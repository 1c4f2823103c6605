"""The deadline inside a task's sentence, as ``cchc import`` needs it.

A sentence often holds dates that are not its deadline: the documents it
carries out ("thực hiện Chỉ thị số 05/CT-UBND ngày 15 tháng 3 năm 2023",
"Kế hoạch số 12/KH-UBND ngày 02/02/2023"), a cut-off day for figures ("tính
đến ngày 31/12/2023"), the meeting ("tại hội nghị ngày 22/11/2023"). The
finder therefore takes only the forms that mark a deadline (a lead word such as
"trước", "chậm nhất", "hạn chót", "trong tháng"...), never a bare date, and
drops a weakly marked day ("vào ngày ...") that follows a document number or a
meeting. Where several deadlines remain, the most surely marked wins, and among
equals the last one (a sentence ends with its final deadline: "báo cáo trước
ngày 10/12 và hoàn thành trước ngày 30/12").
"""

from __future__ import annotations

import bisect
import re

from cchc_cli.core.deadline_phrases import Hit, clean, compiled, fold, hits, of_a_season

#: Words before a phrase that a clerk copies with it ("từ nay đến hết ngày 31/12").
_LEADS = ("tu nay den ", "tu nay ", "den ")
#: A document number or a meeting just before a weakly marked day: a reference.
_REFERENCE = (
    r"[0-9]+ ?/ ?[a-z]|\b(?:chi thi|quyet dinh|ke hoach|cong van|thong bao|nghi quyet"
    r"|nghi dinh|thong tu|to trinh|huong dan|chuong trinh|de an|hoi nghi"
    # a document, not "bằng văn bản" (in writing); a meeting ("họp"), not "tổng hợp",
    # "phối hợp", "phù hợp", "thích hợp", "kết hợp"
    r"|(?<!bang )van ban"
    r"|(?<!tong )(?<!phoi )(?<!phu )(?<!thich )(?<!ket )hop"
    r"|ban hanh|ky)\b"
)
#: Leads that make a count of days a deadline inside a sentence ("trong 2 ngày" may
#: be how long a conference lasts; "trong vòng 2 ngày" is a time limit).
_COUNT_LEADS = ("trong vong", "trong thoi han", "thoi han", "toi da", "khong qua", "cham nhat")
#: Words that make a point or part of a period a time limit inside a sentence.
_PERIOD_LEADS = ("den ", "truoc ", "vao ", "trong ", "hoan thanh ", "xong ", "cham nhat ")
#: A field label before the phrase, as a table of tasks or a form writes it
#: ("Thời gian hoàn thành: Tháng 12/2023", "Thời hạn: Quý I/2024", "Tiến độ: năm 2024"):
#: whatever follows it is the time limit, so it marks a period as a lead word does.
_LABEL = re.compile(
    r"(?:thoi gian(?: hoan thanh| thuc hien)?|thoi han(?: hoan thanh| thuc hien)?"
    r"|tien do(?: hoan thanh| thuc hien)?|han(?: chot| cuoi| hoan thanh)?)\s*:\s*$"
)


#: Forms that name a period (not a day).
_PERIODS = ("month", "quarter", "year", "this-period", "point", "week", "months-of-year")
#: A clause that says what must not happen by then.
_NEGATED = re.compile(r"\b(?:khong de|tranh de|tranh)\b[^,.;:]{0,30}$")
#: A heading of the tasks of a period ("Nhiệm vụ trọng tâm tháng 11 năm 2023").
_TASKS_OF = ("nhiem vu ", "nhiem vu trong tam ", "nhiem vu chu yeu ", "nhiem vu trong tam cua ")


#: A report or a proposal made at a meeting of a named period ("tổng hợp báo cáo tại phiên
#: họp UBND huyện tháng 6/2024", "trình tại kỳ họp HĐND huyện cuối năm 2024"): the meeting's
#: period is the time limit. Without the verb the period dates a meeting that was held
#: ("Tại phiên họp tháng 11/2023, Chủ tịch kết luận"), so it is not taken.
_AT_MEETING = re.compile(
    r"\b(?:bao cao|trinh|de xuat|tham muu|bao cao ket qua)\b[^,.;:]{0,40}"
    r"\btai (?:cac )?(?:phien hop|ky hop|cuoc hop|buoi hop|hoi nghi|giao ban|phien giao ban)"
    r"\b(?:(?!\b(?:ve|ngay|so ket|tong ket)\b)[^,.;:()0-9]){0,60}$"
)
#: A report or a proposal to the committee or an office, just before a point of a period.
_REPORT_TO = re.compile(
    r"\b(?:bao cao|trinh)(?: (?:ve|len|cho))? (?:ubnd|uy ban|chu tich|phong|so|van phong)"
    r"\b[^,.;:0-9]{0,30}$"
)
#: The periods a meeting is dated by ("sơ kết 6 tháng đầu năm" names a review, not when).
_MEETING_PERIODS = ("month", "quarter", "year", "point")


#: A purpose clause after a deadline: the next step is someone else's.
_PURPOSE = re.compile(
    # "để tổng hợp", and with whoever does it: "để Phòng Nội vụ tổng hợp, báo cáo ..."
    r"\bde (?:(?!\b(?:va|hoan thanh)\b)[^,.;:0-9]){0,40}?"
    r"\b(?:tong hop|kip thoi tong hop|bao cao|tham muu|trinh|xay dung)\b"
)


def _acceptable(hit: Hit, folded: str) -> bool:
    if of_a_season(hit, folded):
        return False
    before = folded[max(0, hit.start - 60) : hit.start]
    if hit.name == "on-day":
        # "có ý kiến bằng văn bản ngay trong ngày 14/11": "ngay" (at once) makes it a limit.
        if before.endswith("ngay ") and folded.startswith("trong", hit.start):
            return True
        # Only the day's own clause: "trình kỳ họp, có ý kiến ... trong ngày 14/12" is a
        # limit; "Kế hoạch số 12/KH-UBND ngày 02/02/2023", "hội nghị vào ngày ..." are not.
        clause = re.split(r"[,;:.] ", before)[-1]
        return re.search(_REFERENCE, clause, re.ASCII) is None
    if hit.name == "until":
        return not before.endswith(("tinh ", "tinh den ", "tinh toi "))
    if _LABEL.search(before):
        return True
    if hit.name in _PERIODS and _NEGATED.search(before):
        return False  # "không để dồn vào cuối năm": when not to do it
    if (
        hit.name in _MEETING_PERIODS
        and _AT_MEETING.search(before)
        and not re.search(r"\b(?:thang|quy)\s*$", before)  # "6 tháng đầu năm": a span
    ):
        return True
    if hit.name == "month" and before.endswith(_TASKS_OF):
        return True  # "NHIỆM VỤ TRỌNG TÂM THÁNG 11 NĂM 2023": the tasks of that month
    if hit.name in ("month", "quarter", "year", "this-period"):
        lead = hit["lead"] or ""
        if lead.startswith("tu "):
            # "từ tháng 10 đến tháng 12/2023" ends a span; "từ tháng 01/2024" starts one.
            return re.search(r"\b(?:den|toi)\b", folded[hit.start : hit.end]) is not None
        return bool(lead)
    if hit.name == "point" and _REPORT_TO.search(before):
        return True  # "báo cáo UBND huyện cuối tháng 3/2024": the report is due then
    if hit.name in ("point", "week", "months-of-year"):
        # "xếp loại cuối năm", "sơ kết 6 tháng đầu năm": the name of a review, unless
        # a word makes it a time limit ("đến cuối năm", "trong 6 tháng đầu năm").
        return bool(hit["before"]) or before.endswith(_PERIOD_LEADS)
    if hit.name == "relative":
        lead = hit["lead"] or ""
        return (
            lead.startswith(_COUNT_LEADS) or bool(hit["from"]) or "lam viec" in (hit["unit"] or "")
        )
    return True


def choose(folded: str) -> Hit | None:
    """The deadline form of a folded sentence, or None."""
    taken: list[Hit] = []
    #: The taken hits' starts, sorted: they never overlap, so a new hit overlaps one only
    #: if it overlaps its neighbours (a scan of all of them was quadratic on long text).
    starts: list[int] = []
    for hit in hits(folded, in_sentence=True):
        if not _acceptable(hit, folded):
            continue
        at = bisect.bisect_left(starts, hit.start)
        neighbours = taken[max(0, at - 1) : at + 1]
        if any(hit.start < other.end and other.start < hit.end for other in neighbours):
            continue  # an earlier rule read these words already
        taken.insert(at, hit)
        starts.insert(at, hit.start)
    if not taken:
        return None
    # "gửi Phòng Nội vụ trước ngày 25/12 để tổng hợp, báo cáo UBND tỉnh trước ngày 31/12":
    # what follows "để ..." is the office's own next step, not this task's limit.
    first = taken[0]
    purpose = _PURPOSE.search(folded, first.end)
    if purpose is not None:
        taken = [first] + [h for h in taken[1:] if h.start < purpose.start()]
    return max(taken, key=lambda h: (h.rule.strength, h.start))


def phrase_bounds(hit: Hit, folded: str) -> tuple[int, int]:
    """Where the phrase a clerk would copy starts and ends in ``folded``."""
    start = hit.start
    leads: tuple[str, ...] = _LEADS if hit.name in ("until", "point", "year") else ()
    if hit.name in ("week", "months-of-year"):
        leads = ("trong ",)
    for lead in leads:
        if folded[:start].endswith(lead):
            start -= len(lead)
            break
    end = hit.end
    while end > start and folded[end - 1] == " ":
        end -= 1
    return start, end


def copied(text: str, where: list[int], start: int, end: int) -> str:
    """The part of ``text`` that folded characters ``start:end`` came from, without
    its invisible characters."""
    return clean(text[where[start] : where[end - 1] + 1])


def vague_or_ongoing(folded: str) -> tuple[str, re.Match[str]] | None:
    """A sentence's "thường xuyên" (ongoing) or "khẩn trương" (a limit with no day)."""
    if m := compiled("ongoing").search(folded):
        return "ongoing", m
    if m := compiled("vague").search(folded):
        return "vague", m
    return None


__all__ = ["choose", "copied", "fold", "phrase_bounds", "vague_or_ongoing"]
