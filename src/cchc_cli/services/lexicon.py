"""The words that tell, in a notice, an instruction from a report of results.

Folded (no marks, "đ" as "d", lower case: :func:`cchc_cli.core.vntext.fold`), so
"Uỷ"/"Ủy" and NFD text read the same. Shared by the roles
(:mod:`cchc_cli.services.roles`) and the meaning reader
(:mod:`cchc_cli.services.meaning`).
"""

from __future__ import annotations

import re
import unicodedata

#: Phrases filed by their first word, longest first: a look-up per word, not a scan.
Phrases = dict[str, tuple[tuple[str, ...], ...]]


def _phrases(text: str) -> Phrases:
    found = sorted({tuple(p.split()) for p in text.split(",") if p.strip()}, key=len, reverse=True)
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in found:
        table.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in table.items()}


#: Verbs that give a task to the units named after them, said by the chairman.
ASSIGN = _phrases(
    "giao, giao cho, giao nhiem vu cho, de nghi, yeu cau, chi dao, phan cong, dong y giao,"
    " dong y de nghi, uy quyen cho, dong y cho"
)
#: Words before a unit that belong to no name ("Thủ trưởng các phòng ...").
FILLERS = _phrases(
    "cac, thu truong, chu tich, pho chu tich, lanh dao, dong chi, truong, pho truong, giam doc,"
    " chanh, rieng, cho, toan the, tat ca, ca, cung, cung voi, va, doi voi,"
    " thuong truc, cac dong chi, ban lanh dao, thanh vien, cac thanh vien"
)
#: The chairman or the committee speaking: "Chủ tịch UBND huyện giao ...".
SPEAKER = re.compile(
    r"(?:(?:thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)"
    r"|(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi) la)\s*[,:.]\s*)?(?:(?:(?:pho )?chu tich "
    r"|lanh dao |thuong truc )?(?:ubnd|uy ban nhan dan) (?:huyen|tinh)(?: vinh linh)?(?: da)? )?"
)
#: The first word(s) of a unit's name, for names the registry does not know.
UNIT_HEADS = _phrases(
    "phong, ban, ubnd, uy ban nhan dan, uy ban, xa, thi tran, trung tam, doan, hoi, van phong,"
    " thanh tra, chi cuc, cong an, ban chi huy, benh vien, truong, doi, hat, chi nhanh, kho bac,"
    " bao hiem, dien luc, mat tran, lien doan, huyen doan, ngan hang, hoi dong, to cong tac,"
    " ban quan ly, ban chi dao, cong ty, hop tac xa, vien kiem sat, toa an, chi cuc thue,"
    " bao hiem xa hoi, kho bac nha nuoc, ban chi huy quan su, trung tam y te, so, cong chuc,"
    " tram, tram y te"
)
#: Councils, boards and teams, named by their work in lower case and by the level they
#: serve: "Hội đồng bồi thường, hỗ trợ và tái định cư huyện".
BODIES = _phrases(
    "hoi dong, ban chi dao, ban chi huy, ban quan ly, ban, tieu ban, to cong tac, to giup viec,"
    " chi nhanh,"
    " doan kiem tra, doan cong tac, doan giam sat"
)
#: Villages and quarters, below a commune: "Trưởng các thôn", "các thôn, khu phố".
VILLAGES = _phrases("thon, khu pho, to dan pho, khom, thon ban")
#: Heads of a list of names: "các phòng: Tài chính - Kế hoạch, ...", "UBND các xã: ...".
LIST_HEADS = {"phong": "Phòng", "xa": "xã", "thi tran": "thị trấn", "ban": "Ban"}
#: Verbs and verbal phrases an instruction starts with (after its units).
VERBS = _phrases(
    "chu tri, phoi hop, tham muu, khan truong, tiep tuc, trien khai, thuc hien, hoan thanh,"
    " to chuc, ra soat, bao cao, tong hop, xay dung, theo doi, don doc, kiem tra, huong dan,"
    " chi dao, chuan bi, cap nhat, day manh, tang cuong, nang cao, tap trung, bo tri, dam bao,"
    " bao dam, phan cong, giai quyet, xu ly, cung cap, tiep nhan, tuyen truyen, pho bien,"
    " quan ly, ban hanh, trinh, de xuat, tham dinh, danh gia, cham diem, giai ngan, lap,"
    " soan thao, sua doi, bo sung, phe duyet, doi soat, so hoa, ap dung, niem yet, cong khai,"
    " ket thuc, khac phuc, chan chinh, quan triet, rut kinh nghiem, chu dong, nghien cuu,"
    " khao sat, thong ke, thu thap, dieu chinh, hoan thien, van dong, ho tro, duy tri,"
    " thanh lap, kien toan, giam sat, tap huan, boi duong, dao tao, cu, gui, nop, dang ky,"
    " tiep thu, lam viec, lam, thong bao, phat dong, phat huy, nghiem tuc, kip thoi, quyet liet,"
    " uu tien, khong de, tranh, can, phai, yeu cau, de nghi, giao, thuong xuyen, sap xep,"
    " dieu dong, mua sam, thanh toan, quyet toan, nghiem thu, ban giao, khoi cong, thi cong,"
    " dau tu, di doi, boi thuong, xac minh, tich cuc, khan cap, som, cham dut, dinh chi,"
    " thu hoi, luu y, rut ngan, day nhanh, bam sat, ra quyet dinh, tiep, phan bo, cai thien,"
    " ky, xac dinh, lua chon, dieu tra, kiem ke, do dac, cap, cap giay, thuc thi, dua,"
    " len ke hoach, sao luu, luu tru, tao lap, su dung, van hanh, lien he, tiep dan, doi thoai,"
    " phuc vu, tham gia, ung dung, chuyen, chuyen doi, nhap, ra, mo, dong, hop, xin, bao dam,"
    " phan dau, chiu trach nhiem, chap hanh, tuan thu, dam nhiem, dam nhan, quyet tam, dang tai,"
    " ket noi, tich hop, lap dat, sua chua, nang cap, cai tao, don dep, ve sinh, phun, tiem,"
    " kiem soat, ngan chan, phong chong, xu phat, cuong che, thu, chi, tra, chi tra, hoan tra"
)
#: Words that make a sentence a report of what was (not) done rather than an instruction.
DESCRIPTION = frozenset({"da", "chua", "con", "dang", "duoc", "bi"})
#: Words of a report on results: a sentence with them and no verb of action up front
#: says what happened, not what to do.
RESULTS = re.compile(
    r"\b(?:da|chua|con|van con|dang|duoc|bi|dat \d|thap hon|cao hon|tang \d|giam \d|so voi"
    r"|nguyen nhan|ket qua|uoc dat|tuy nhien)\b"
)
#: Part and section headings that review results: their items are no tasks.
REVIEW_HEADING = re.compile(
    r"(?:nhung |mot so |cac )?(?:ket qua|danh gia|tinh hinh|ton tai|han che|uu diem|khuyet diem"
    r"|nguyen nhan|mat (?:duoc|lam duoc)|thuan loi|kho khan|kiem diem|thuc trang|nhan xet"
    r"|tom tat|boi canh|muc dich|muc tieu|quan diem)\b"
)
#: In a heading that reviews results, words that say it assigns as well.
MORE_TO_DO = re.compile(
    r"\b(?:giai phap|phuong huong|thoi gian toi|nhiem vu (?:trong tam|thoi gian|tiep theo|nam"
    r"|quy|thang|tuan)|de nghi|giao nhiem vu|khac phuc)\b"
)
#: Part headings that assign: their items are tasks.
ASSIGN_HEADING = re.compile(
    r".{0,40}?\b(?:nhiem vu|giai phap|ket luan|chi dao|giao|de nghi|yeu cau|to chuc thuc hien"
    r"|thoi gian toi|trien khai|phan cong|phuong huong|cong viec|ke hoach|trong tam)\b"
)
#: Adverbs that may open an instruction before its verb.
ADVERBS = _phrases(
    "tiep tuc, khan truong, kip thoi, chu dong, nghiem tuc, tich cuc, thuong xuyen, tap trung,"
    " quyet liet, khan cap, som, can, phai, khong, cung, dong thoi, sau do, truoc mat"
)


def _simple_table() -> dict[int, str]:
    table = {}
    for code in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        lower = char.lower()
        if len(lower) == 1:
            base = unicodedata.normalize("NFD", lower)[0]
            table[code] = "d" if base == "đ" else base
    return table


_SIMPLE = _simple_table()


def simple(text: str) -> str:
    """Lower case without marks, "đ" as "d", one character for one: positions in it are
    positions in ``text``."""
    return text.translate(_SIMPLE)


def starts_with(words: list[str] | tuple[str, ...], index: int, phrases: Phrases) -> int:
    """The length of the longest of ``phrases`` at ``words[index]``, or 0."""
    if not 0 <= index < len(words):
        return 0
    for phrase in phrases.get(words[index], ()):
        size = len(phrase)
        if size == 1 or tuple(words[index : index + size]) == phrase:
            return size
    return 0
