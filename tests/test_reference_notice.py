"""The bundled reference notice, checked task by task against the signed text."""

from datetime import date
from pathlib import Path

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dataset():
    return load(ROOT / "data")


@pytest.fixture(scope="module")
def notice(dataset):
    (notice,) = dataset.notices
    return notice


PB, XA = "phong-ban", "xa-thi-tran"

# id: (assigned as written, lead, with, deadline as written, kind, last day)
EXPECTED = {
    "1.1": ((PB, XA), None, (), None, "ongoing", None),
    "1.2": ((PB, XA), None, (), "chậm nhất ngày 24/11/2023", "no_later_than", date(2023, 11, 24)),
    "1.3": ((PB, XA), None, (), None, "ongoing", None),
    "2.1": (("noi-vu",), "noi-vu", (), None, "ongoing", None),
    "2.2": (
        ("noi-vu",),
        None,
        ("doan-thanh-nien",),
        "trước ngày 10/12/2023",
        "before",
        date(2023, 12, 9),
    ),
    "2.3": (("noi-vu",), None, (), "trước ngày 25/11/2023", "before", date(2023, 11, 24)),
    "2.4": (("noi-vu",), None, (), None, "ongoing", None),
    "3.1": (
        ("vp-hdnd-ubnd",),
        None,
        (),
        "từ nay đến cuối năm 2023",
        "end_of_year",
        date(2023, 12, 31),
    ),
    "3.2": (("vp-hdnd-ubnd",), None, (), None, "ongoing", None),
    "4": (("kt-ht",), None, (), "trước ngày 10/12/2023", "before", date(2023, 12, 9)),
    "5": (("tc-kh", "chu-dau-tu"), None, (), "đến 31/12/2023", "until", date(2023, 12, 31)),
    "6": (("vh-tt",), None, (), "trước ngày 10/12/2023", "before", date(2023, 12, 9)),
    "7.1": (("gd-dt",), None, (), "trước ngày 24/11/2023", "before", date(2023, 11, 23)),
    "7.2": (("gd-dt",), None, (), "trước ngày 14/12/2023", "before", date(2023, 12, 13)),
    "8.1": ((XA,), None, (), "từ nay đến 14/12/2023", "until", date(2023, 12, 14)),
    "8.2": ((XA,), None, (), "trước ngày 24/11/2023", "before", date(2023, 11, 23)),
    "8.3": ((XA,), None, (), "trước ngày 14/12/2023", "before", date(2023, 12, 13)),
}


def test_the_notice_loads_without_errors(dataset):
    assert not dataset.has_errors
    assert [d.key for d in dataset.diagnostics] == [
        "notice.no-number",
        "notice.partial-date",
        "task.deadline-weekend",
        "task.deadline-weekend",
        "task.deadline-weekend",
        "task.deadline-weekend",
    ]


def test_the_header_is_encoded_as_published(notice):
    assert notice.id == "cchc-2023-11"
    assert notice.number is None
    assert notice.issuer == "UBND huyện Vĩnh Linh"
    assert notice.place == "Vĩnh Linh"
    assert notice.date == PartialDate(2023, 11)
    assert notice.meeting_date == date(2023, 11, 22)
    assert notice.title.startswith("Kết luận của Chủ tịch UBND huyện Thái Văn Thành")
    assert notice.title.endswith("mức độ hoàn thành nhiệm vụ của huyện năm 2023")
    assert notice.chair.name == "Thái Văn Thành"
    assert (notice.signer.name, notice.signer.on_behalf, notice.signer.title) == (
        "Hoàng Thị Phụng",
        "TL. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
    )
    assert len(notice.recipients) == 6
    assert notice.recipients[-1] == "Lưu: VT, VP"


def test_every_task_of_the_notice_is_there_in_order(notice):
    assert [t.id for t in notice.tasks] == list(EXPECTED)


@pytest.mark.parametrize("task_id", list(EXPECTED))
def test_task_assignees_and_deadline(notice, task_id):
    task = next(t for t in notice.tasks if t.id == task_id)
    assigned, lead, with_, written, kind, last_day = EXPECTED[task_id]
    assert task.assigned == assigned
    assert task.lead == lead
    assert task.with_ == with_
    assert task.deadline.text == written
    assert task.deadline.kind == kind
    assert task.last_day == last_day
    assert not task.done and not task.extensions and task.cancelled is None


def test_group_tasks_expand_to_their_member_units(notice):
    tasks = {t.id: t for t in notice.tasks}
    assert len(tasks["8.2"].assignees) == 18
    assert len(tasks["1.1"].assignees) == 13 + 18
    assert tasks["5"].assignees == ("tc-kh", "ban-qlda")


def test_targets_and_report_to(notice):
    tasks = {t.id: t for t in notice.tasks}
    assert tasks["1.2"].report_to == "noi-vu"
    assert tasks["5"].target == "giải ngân vốn đầu tư công đạt 100%"
    assert "100%" in tasks["7.1"].target


def test_task_texts_keep_the_notice_wording(notice):
    tasks = {t.id: t for t in notice.tasks}
    assert tasks["2.1"].text.startswith("Chủ trì, phối hợp với các đơn vị liên quan")
    assert "CHCC" in tasks["2.1"].text  # the notice's own typo, kept
    assert tasks["8.3"].text.endswith("Hoàn thành trước ngày 14/12/2023.")
