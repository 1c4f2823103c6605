"""Stage 2 of the import, on its own: from a notice's tree to its tasks (services/meaning,
services/roles). The layouts are built from lines; the deadline finder is the real one
unless a test needs to see what it is given or make it report a limit with no day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.deadlines import Deadline, DeadlineError, DeadlineKind
from cchc_cli.services.meaning import deadline_in, mask_references, read_tasks
from cchc_cli.services.noticehead import Closing, Header
from cchc_cli.services.noticelines import Line
from cchc_cli.services.roles import roles
from cchc_cli.services.structure import Layout, body_tree
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
ISSUED = PartialDate(2023, 11, 28)


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def layout(body: str) -> Layout:
    lines = [Line(text) for text in body.strip().splitlines()]
    return Layout(Header(), body_tree(lines), Closing())


def tasks(names, body: str, finder=deadline_in):
    return read_tasks(layout(body), names, finder, ISSUED).tasks


def summary(names, body: str, finder=deadline_in) -> list[tuple]:
    """(id, assignees as written, last day) of each task."""
    return [
        (t.id, [*t.assigned, *t.unknown], str(t.deadline.last_day) if t.deadline else None)
        for t in tasks(names, body, finder)
    ]


# -- which items are tasks ------------------------------------------------------------------


def test_parts_that_review_results_hold_no_tasks(names):
    body = """
I. KẾT QUẢ ĐẠT ĐƯỢC
- Các đơn vị đã triển khai phần mềm.
II. TỒN TẠI, HẠN CHẾ
- Một số đơn vị còn chậm, chưa hoàn thành trước ngày 01/11/2023.
III. NHIỆM VỤ THỜI GIAN TỚI
- Phòng Nội vụ rà soát thủ tục trước ngày 15/12/2023.
"""
    assert summary(names, body) == [("1", ["noi-vu"], "2023-12-14")]


def test_an_item_that_assigns_outright_is_a_task_even_in_a_review_part(names):
    body = "II. Tồn tại, hạn chế\n- Đề nghị Phòng Tư pháp khắc phục ngay.\n- Còn chậm."
    assert summary(names, body) == [("1", ["tu-phap"], None)]


def test_a_numbered_part_that_reviews_holds_no_tasks(names):
    body = """
1. Đánh giá chung
Năm 2023, công tác CCHC có chuyển biến tích cực, đạt 85% kế hoạch.
2. Nhiệm vụ thời gian tới
a) Phòng Nội vụ tham mưu kế hoạch.
"""
    assert summary(names, body) == [("2.a", ["noi-vu"], None)]


def test_lead_ins_ending_with_a_colon_are_no_tasks_their_items_are(names):
    body = """
1. Phòng Tài chính - Kế hoạch
- Chủ trì, phối hợp với các đơn vị thực hiện các nội dung sau:
+ Rà soát nguồn vốn.
+ Tổng hợp nhu cầu kinh phí.
- Tham mưu điều chuyển vốn.
"""
    assert [t[0] for t in summary(names, body)] == ["1.1.1", "1.1.2", "1.2"]


def test_an_item_with_details_under_it_is_one_task(names):
    body = """
1. Giao Phòng Nội vụ chủ trì tổ chức Hội nghị tổng kết công tác CCHC năm 2023.
- Thời gian: trong tháng 12/2023.
- Địa điểm: Hội trường UBND huyện.
"""
    (task,) = tasks(names, body)
    assert (task.id, task.assigned, task.lead) == ("1", ["noi-vu"], "noi-vu")
    assert task.text.endswith("Địa điểm: Hội trường UBND huyện.")
    assert str(task.deadline.last_day) == "2023-12-31"


def test_the_preamble_and_the_closing_words_are_no_tasks(names):
    body = """
Ngày 22/11/2023, UBND huyện tổ chức phiên họp; Chủ tịch UBND huyện kết luận như sau:
1. Phòng Nội vụ
- Rà soát thủ tục.
Năm 2023 là năm bản lề, vì vậy UBND huyện yêu cầu Thủ trưởng các phòng, ban nỗ lực.
"""
    assert summary(names, body) == [("1.1", ["noi-vu"], None)]


def test_paragraphs_that_assign_are_tasks_without_any_numbering(names):
    body = """
Chủ tịch UBND huyện có ý kiến chỉ đạo như sau:
Giao Phòng Nội vụ hướng dẫn lập Danh mục hồ sơ trong tháng 12/2023.
Đề nghị UBND các xã, thị trấn bố trí kho lưu trữ.
Phòng Tài chính - Kế hoạch bố trí kinh phí chỉnh lý tài liệu.
"""
    assert summary(names, body) == [
        ("1", ["noi-vu"], "2023-12-31"),
        ("2", ["xa-thi-tran"], None),
        ("3", ["tc-kh"], None),
    ]


def test_an_item_that_may_not_be_a_task_is_kept_and_flagged(names):
    (task,) = tasks(names, "1. Phòng Giáo dục và Đào tạo\n- Công tác phổ cập giáo dục.")
    assert task.review == ["import.maybe-task"]


def test_an_item_of_an_assigning_list_no_rule_reads_is_flagged_not_dropped(names):
    body = """
1. Phòng Tư pháp rà soát văn bản trước ngày 15/12/2023.
2. Các thành viên Ban Chỉ đạo theo lĩnh vực được phân công kiểm tra, đôn đốc việc thực hiện.
3. Phòng Nội vụ tổng hợp, báo cáo trước ngày 20/12/2023.
"""
    reading = read_tasks(layout(body), names, deadline_in, ISSUED)
    assert [t.id for t in reading.tasks] == ["1", "3"]
    assert len(reading.doubtful) == 1 and "Ban Chỉ đạo" in reading.doubtful[0][1]


def test_a_paragraph_outside_the_items_that_looks_like_an_assignment_is_flagged(names):
    body = """
Các đơn vị cần quán triệt; đồng thời giao Phòng Nội vụ rà soát trước ngày 15/12/2023.
1. Phòng Tư pháp
- Kiểm tra văn bản.
"""
    reading = read_tasks(layout(body), names, deadline_in, ISSUED)
    assert [t.id for t in reading.tasks] == ["1.1"]
    assert len(reading.doubtful) == 1 and "giao Phòng Nội vụ" in reading.doubtful[0][1]


# -- who --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "lead", "partners"),
    [
        ("Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với Phòng Nội vụ tổ chức tập huấn.",
         ["vh-tt"], True, ["noi-vu"]),
        ("Phòng Nông nghiệp và PTNT chủ trì, phối hợp với UBND các xã, thị trấn rà soát.",
         ["nn-ptnt"], True, ["xa-thi-tran"]),
        ("UBND các xã: Vĩnh Hà, Vĩnh Ô, Vĩnh Khê khẩn trương hoàn thành.",
         ["vinh-ha", "vinh-o", "vinh-khe"], False, []),
        ("Giao các phòng: Tài chính - Kế hoạch, Kinh tế và Hạ tầng thẩm định dự toán.",
         ["tc-kh", "kt-ht"], False, []),
        ("Đề nghị Thủ trưởng các phòng, ban, đơn vị và Chủ tịch UBND các xã, thị trấn quán triệt.",
         ["phong-ban", "xa-thi-tran"], False, []),
        ("Chủ tịch UBND huyện giao Phòng Nội vụ tổng hợp.", ["noi-vu"], False, []),
        ("Đối với xã Vĩnh Ô: hoàn thành hồ sơ.", ["vinh-o"], False, []),
        ("Phòng Tư pháp: chủ trì rà soát văn bản.", ["tu-phap"], True, []),
        ("Các xã Vĩnh Hà, Vĩnh Khê và thị trấn Hồ Xá khẩn trương bàn giao mặt bằng.",
         ["vinh-ha", "vinh-khe", "ho-xa"], False, []),
        ("Phòng Kinh tế - Hạ tầng chủ trì, Phòng Tư pháp và UBND thị trấn Hồ Xá phối hợp kiểm tra.",
         ["kt-ht"], True, ["tu-phap", "ho-xa"]),
        ("Đối với các chương trình mục tiêu, đề nghị các phòng: Y tế, Nội vụ rà soát.",
         ["y-te", "noi-vu"], False, []),
        ("VP HĐND&UBND làm đầu mối số hóa tài liệu.", ["vp-hdnd-ubnd"], True, []),
        ("Hướng dẫn UBND các xã Vĩnh Thái, Vĩnh Tú hoàn thiện hồ sơ.", [], False, []),
        ("Chỉ đạo, hướng dẫn các trường học thu học phí.", [], False, []),
    ],
)  # fmt: skip
def test_who_acts_who_leads_and_who_coordinates(names, text, subject, lead, partners):
    found = roles(names, text)
    assert found.subject.units == subject
    assert found.leads is lead
    assert found.partners.units == partners


def test_units_the_registry_does_not_know_are_kept_as_written(names):
    found = roles(names, "Trung tâm Y tế huyện phối hợp với Bảo hiểm xã hội huyện tiêm chủng.")
    assert (found.subject.units, found.subject.unknown) == ([], ["Trung tâm Y tế huyện"])
    assert found.partners.unknown == ["Bảo hiểm xã hội huyện"]


@pytest.mark.parametrize(
    ("text", "report_to"),
    [
        ("Báo cáo kết quả về UBND huyện (qua Phòng Nội vụ) chậm nhất ngày 20/12/2023.", "noi-vu"),
        ("Gửi hồ sơ về Phòng Nông nghiệp và PTNT trước ngày 15/02/2024.", "nn-ptnt"),
        ("Báo cáo Chủ tịch UBND huyện trước ngày 25/12/2023.", None),
        ("Báo cáo kết quả thực hiện đến ngày 15/12/2023.", None),
    ],
)
def test_where_reports_go(names, text, report_to):
    assert roles(names, text).report_to == report_to


def test_units_in_the_item_else_its_heading_else_its_part(names):
    body = """
II. Phòng Kinh tế và Hạ tầng
1. UBND các xã, thị trấn
- Các xã Vĩnh Hà, Vĩnh Khê khẩn trương hoàn thành giải phóng mặt bằng.
- Tập trung thu ngân sách.
2. Rà soát các công trình giao thông.
"""
    assert summary(names, body) == [
        ("1.1", ["vinh-ha", "vinh-khe"], None),
        ("1.2", ["xa-thi-tran"], None),
        ("2", ["kt-ht"], None),
    ]


def test_a_task_with_no_unit_anywhere_is_flagged(names):
    (task,) = tasks(names, "II. NHIỆM VỤ\n1. Tổ chức Tháng hành động về dân số.")
    assert task.assigned == [] and "import.no-assignees" in task.review


def test_the_heading_s_lead_and_partners_reach_its_items(names):
    body = "Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp thực hiện các việc sau:\n- Rà soát.\n"
    (task,) = tasks(names, body)
    assert (task.assigned, task.lead, task.with_) == (["noi-vu"], "noi-vu", ["tu-phap"])


# -- by when ------------------------------------------------------------------------------


class Recording:
    """A finder that notes every sentence it is given and answers with the real one."""

    def __init__(self) -> None:
        self.given: list[str] = []

    def __call__(self, sentence: str, issued: PartialDate | None):
        self.given.append(sentence)
        return deadline_in(sentence, issued)


def test_a_heading_s_deadline_reaches_its_items(names):
    body = "Đối với các nhiệm vụ sau, hoàn thành trước 30/12/2023:\n- Phòng Nội vụ rà soát.\n"
    (task,) = tasks(names, body)
    assert (str(task.deadline.last_day), task.deadline_from) == (
        "2023-12-29",
        "Đối với các nhiệm vụ sau, hoàn thành trước 30/12/2023:",
    )


def test_an_item_s_own_deadline_wins_over_its_heading_s(names):
    body = "Trong tháng 12/2023, thực hiện:\n- Phòng Nội vụ rà soát trước ngày 10/12/2023.\n"
    assert summary(names, body) == [("1", ["noi-vu"], "2023-12-09")]


def test_a_paragraph_after_the_items_does_not_take_the_lead_in_s_deadline(names):
    body = (
        "Đối với các nhiệm vụ sau, hoàn thành trước 30/12/2023:\n- Phòng Nội vụ rà soát.\n"
        "Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc.\n"
    )
    assert summary(names, body) == [("1", ["noi-vu"], "2023-12-29"), ("2", ["vp-hdnd-ubnd"], None)]


@pytest.mark.parametrize(
    ("text", "given"),
    [
        (
            "Thực hiện Chỉ thị số 05/CT-UBND ngày 15 tháng 3 năm 2023 của UBND tỉnh.",
            "Thực hiện {} của UBND tỉnh.",
        ),
        (
            "Tổng hợp số liệu tính đến ngày 31/12/2023, báo cáo trong tháng 01/2024.",
            "Tổng hợp {}, báo cáo trong tháng 01/2024.",
        ),
        (
            "Đến ngày 15/9/2024, giải ngân đạt 52%; tiếp tục đôn đốc.",
            "{} giải ngân đạt 52%; tiếp tục đôn đốc.",
        ),
        (
            "Theo Kế hoạch ngày 02/02/2023 của UBND huyện, gửi trước ngày 10/12/2023.",
            "Theo {} của UBND huyện, gửi trước ngày 10/12/2023.",
        ),
    ],
    ids=["document-number", "cut-off", "cut-off-first", "document-type"],
)
def test_dates_of_other_documents_and_cut_offs_are_not_given_to_the_finder(text, given):
    masked = mask_references(text)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == " ".join(given.replace("{}", "").split())


def test_a_deadline_that_follows_a_document_s_date_is_given_to_the_finder():
    text = "Thực hiện Công văn số 2036/UBND-NV, hoàn thành trước ngày 10/12/2023."
    assert mask_references(text) == text


def test_what_the_finder_is_given(names):
    finder = Recording()
    body = "1. Phòng Nội vụ\n- Thực hiện Chỉ thị số 05/CT-UBND ngày 15 tháng 3 năm 2023.\n"
    (task,) = tasks(names, body, finder)
    assert task.deadline is None  # not "trong tháng 3 năm 2023"
    assert all("15 tháng 3" not in sentence for sentence in finder.given)


def no_day(sentence: str, issued: PartialDate | None):
    """The deadline engine of issue 18 as it answers a limit that names no day."""
    if "sớm" in sentence or "trong tuần này" in sentence:
        raise DeadlineError("deadline.no-day", 0, text=sentence)
    return deadline_in(sentence, issued)


def test_a_limit_that_names_no_day_is_flagged_never_silent(names):
    body = "1. Phòng Kinh tế và Hạ tầng\n- Hoàn thiện hồ sơ, sớm trình UBND huyện.\n"
    (task,) = tasks(names, body, no_day)
    assert task.deadline is None
    assert task.review == ["import.bad-deadline:deadline.no-day"]


def test_several_deadlines_in_one_item_are_flagged(names):
    body = (
        "1. Phòng Nội vụ\n"
        "- Xây dựng kế hoạch trước ngày 15/12/2023. Tổ chức thực hiện trong quý I/2024.\n"
    )
    (task,) = tasks(names, body)
    assert str(task.deadline.last_day) == "2023-12-14"
    assert task.review == ["import.several-deadlines:trong quý I/2024"]


def test_a_deadline_before_the_notice_is_flagged(names):
    (task,) = tasks(names, "1. Phòng Nội vụ\n- Báo cáo trước ngày 01/11/2023.\n")
    assert task.review == ["import.deadline-before-issue"]


def test_the_finder_gets_the_notice_s_date_of_issue(names):
    seen = []

    def finder(sentence: str, issued: PartialDate | None):
        seen.append(issued)
        return Deadline("x", DeadlineKind.NO_LATER_THAN, date(2023, 12, 1))

    tasks(names, "1. Phòng Nội vụ\n- Rà soát.\n", finder)
    assert set(seen) == {ISSUED}


# -- what else -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("phấn đấu đạt tỷ lệ 100% từ nay đến 31/12/2023.", "đạt tỷ lệ 100%"),
        ("tỷ lệ hồ sơ đúng hạn đạt tối thiểu 95%.", "đạt tối thiểu 95%"),
        ("giải ngân đạt 52,7% kế hoạch.", "đạt 52,7%"),
        ("đạt từ 80% trở lên.", "đạt từ 80% trở lên"),
    ],
)
def test_the_target(names, text, target):
    (task,) = tasks(names, f"1. Phòng Nội vụ\n- Thực hiện {text}\n")
    assert task.target == target


def test_ids_keep_their_part_only_where_numbers_restart(names):
    body = "I. Y tế\n1. Phòng Y tế rà soát.\nII. Giáo dục\n1. Phòng Giáo dục và Đào tạo rà soát.\n"
    assert [t[0] for t in summary(names, body)] == ["I.1", "II.1"]
    body = "I. NHIỆM VỤ\n1. Phòng Y tế rà soát.\n2. Phòng Giáo dục và Đào tạo rà soát.\n"
    assert [t[0] for t in summary(names, body)] == ["1", "2"]


def test_a_unit_s_name_set_apart_on_its_line_heads_the_paragraphs_under_it(names):
    body = """
Chủ tịch UBND huyện kết luận như sau:
Phòng Nội vụ
Tham mưu kiện toàn Ban Chỉ đạo cải cách hành chính trong tháng 12/2023.
Theo dõi việc thực hiện.
Phòng Tư pháp
Rà soát văn bản quy phạm pháp luật trước ngày 15/12/2023.
"""
    assert summary(names, body) == [
        ("1.1", ["noi-vu"], "2023-12-31"),
        ("1.2", ["noi-vu"], None),
        ("2", ["tu-phap"], "2023-12-14"),
    ]


@pytest.mark.parametrize(
    ("written", "assignees"),
    [
        ("1. Yêu cầu P.TC-KH chủ trì rà soát kinh phí.", ["tc-kh"]),
        ("1. Yêu cầu P. TC-KH chủ trì rà soát kinh phí.", ["tc-kh"]),
        ("1. Giao P.KT&HT, P.TN&MT kiểm tra hiện trường.", ["kt-ht", "tn-mt"]),
        # A short form the registry lacks is flagged whole, not as "P".
        ("1. Giao P.QLĐT kiểm tra hiện trường.", ["P.QLĐT"]),
    ],
)
def test_p_dot_is_read_as_phong(names, written, assignees):
    ((_, units, _),) = summary(names, written)
    assert units == assignees


@pytest.mark.parametrize(
    ("written", "assignees"),
    [
        ("1. UBND các xã có rừng: Vĩnh Hà, Vĩnh Ô kiện toàn Ban chỉ huy.", ["vinh-ha", "vinh-o"]),
        (
            "1. Các xã vùng biển: Vĩnh Thái, Vĩnh Giang kiện toàn Ban chỉ huy.",
            ["vinh-thai", "vinh-giang"],
        ),
        ("1. Các phòng chuyên môn: Nội vụ, Tư pháp rà soát văn bản.", ["noi-vu", "tu-phap"]),
        (
            "1. Giao các xã trọng điểm: Vĩnh Thái, Vĩnh Giang kiện toàn Ban chỉ huy.",
            ["vinh-thai", "vinh-giang"],
        ),
        # No list after the qualifier: the whole group.
        ("1. UBND các xã, thị trấn có rừng kiện toàn Ban chỉ huy.", ["xa-thi-tran"]),
    ],
)
def test_a_group_with_a_qualifier_then_its_members_gives_the_members(names, written, assignees):
    ((_, units, _),) = summary(names, written)
    assert sorted(units) == sorted(assignees)


def test_a_lower_case_word_that_folds_like_a_verb_does_not_cut_a_name(names):
    """ "Hạt Kiểm lâm": "lâm" folds as "làm" (a verb that ends a name) but is not it."""
    (task,) = tasks(
        names,
        "1. Phòng Nông nghiệp và PTNT chủ trì, phối hợp với Hạt Kiểm lâm Vĩnh Linh"
        " tham mưu phương án.",
    )
    assert any("Hạt Kiểm lâm Vĩnh Linh" in r for r in task.review)


COMMUNES = [
    "ben-quan", "cua-tung", "hien-thanh", "ho-xa", "kim-thach", "trung-nam", "vinh-chap",
    "vinh-giang", "vinh-ha", "vinh-hoa", "vinh-khe", "vinh-lam", "vinh-long", "vinh-o",
    "vinh-son", "vinh-thai", "vinh-thuy", "vinh-tu",
]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "left_out"),
    [
        ("1. UBND các xã, thị trấn (trừ xã Vĩnh Ô) rà soát đất công ích.", ["vinh-o"]),
        (
            "1. UBND các xã, thị trấn (trừ xã Vĩnh Ô, thị trấn Cửa Tùng) rà soát đất công ích.",
            ["vinh-o", "cua-tung"],
        ),
        ("1. UBND các xã, thị trấn (ngoại trừ Vĩnh Hà) rà soát đất công ích.", ["vinh-ha"]),
    ],
)
def test_a_group_but_some_members_gives_the_others(names, written, left_out):
    ((_, units, _),) = summary(names, written)
    assert sorted(units) == sorted(c for c in COMMUNES if c not in left_out)


def test_an_aside_after_the_units_does_not_hide_the_task(names):
    ((_, units, _),) = summary(
        names, "1. UBND các xã, thị trấn (trừ các xã đã hoàn thành) rà soát đất công ích."
    )
    assert units == ["xa-thi-tran"]


@pytest.mark.parametrize(
    ("written", "assignees"),
    [
        (
            "1. Rà soát văn bản, giao Phòng Tư pháp chủ trì, hoàn thành trước 15/12/2023.",
            ["tu-phap"],
        ),
        ("1. Rà soát văn bản (Phòng Tư pháp chủ trì; hoàn thành trước 15/12/2023).", ["tu-phap"]),
        ("1. Tổ chức rà soát văn bản do Phòng Tư pháp chủ trì thực hiện.", ["tu-phap"]),
        # Named later but not as the one who acts: no unit (flagged), not a guess.
        ("1. Kiểm tra (theo Kế hoạch của Phòng Nội vụ) việc rà soát văn bản.", []),
        ("1. Tổ chức hội nghị do UBND huyện tổ chức, mời Phòng Tư pháp tham dự.", []),
    ],
)
def test_units_named_after_the_work_are_its_assignees(names, written, assignees):
    ((_, units, _),) = summary(names, written)
    assert units == assignees
