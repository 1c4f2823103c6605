"""views/ics.py: what a calendar event says, its SEQUENCE, and whose UID it is."""

from __future__ import annotations

from datetime import date

from cchc_cli.core.deadlines import parse_deadline
from cchc_cli.core.model import (
    Cancellation,
    Completion,
    Config,
    DocumentSettings,
    Extension,
    Registry,
    Task,
    Unit,
)
from cchc_cli.core.status import unit_status
from cchc_cli.views.i18n import Lang
from cchc_cli.views.ics import office_id, sequence, start_of, summary, uid

REGISTRY = Registry(
    {"noi-vu": Unit("noi-vu", "Phòng Nội vụ", "department"),
     "vinh-ha": Unit("vinh-ha", "Xã Vĩnh Hà", "commune")},
    {}, {},
)  # fmt: skip


def task(**changes) -> Task:
    base = Task(
        notice="tb-1",
        id="2",
        text="Rà soát, cập nhật thông tin cán bộ, công chức trên hệ thống quản lý",
        assigned=("noi-vu", "vinh-ha"),
        assignees=("noi-vu", "vinh-ha"),
        deadline=parse_deadline("chậm nhất ngày 24/11/2023", 2023),
    )
    return Task(**{**base.__dict__, **changes})


def test_the_start_of_the_text_is_cut_between_words():
    # 40 columns: "…, công" would end at the 40th; the last word that fits whole ends it.
    assert start_of("Rà soát, cập nhật thông tin cán bộ, công chức trên hệ thống") == (
        "Rà soát, cập nhật thông tin cán bộ…"
    )
    assert start_of("Rà soát, cập nhật thông tin cán bộ, công", 40) == (
        "Rà soát, cập nhật thông tin cán bộ, công"
    )
    assert start_of("Ngắn gọn") == "Ngắn gọn"
    assert start_of("x" * 100) == "x" * 39 + "…"
    assert start_of("a\x1b[2J b") == "a\\x1b[2J b"


def test_the_summary_says_what_and_for_whom_and_what_became_of_it():
    open_ = unit_status(task(), "noi-vu", date(2023, 11, 20))
    assert summary(open_, REGISTRY, Lang.VI) == "Rà soát, cập nhật thông tin cán bộ… – Phòng Nội vụ"
    done = unit_status(
        task(done={"noi-vu": Completion("noi-vu", date(2023, 11, 21))}),
        "noi-vu",
        date(2023, 11, 22),
    )
    assert summary(done, REGISTRY, Lang.EN).startswith("Done: Rà soát")
    extended = task(extensions=(Extension(date(2023, 12, 1), "Chờ", unit="vinh-ha"),))
    assert summary(
        unit_status(extended, "vinh-ha", date(2023, 11, 20)), REGISTRY, Lang.VI
    ).endswith("– Xã Vĩnh Hà (gia hạn)")
    # An extension for another unit says nothing about this one.
    assert "gia hạn" not in summary(
        unit_status(extended, "noi-vu", date(2023, 11, 20)), REGISTRY, Lang.VI
    )


def test_the_sequence_counts_each_change_of_the_pair_only():
    day = date(2023, 12, 20)
    assert sequence(unit_status(task(), "noi-vu", day)) == 0
    mine = Extension(date(2023, 12, 1), "Chờ", on=date(2023, 11, 20), unit="noi-vu")
    everyone = Extension(date(2023, 12, 10), "Chờ", on=date(2023, 11, 25))
    changed = task(extensions=(mine, everyone))
    assert sequence(unit_status(changed, "noi-vu", day)) == 2
    assert sequence(unit_status(changed, "vinh-ha", day)) == 1
    # As of a day before the second extension, it has not happened yet.
    assert sequence(unit_status(changed, "noi-vu", date(2023, 11, 22))) == 1
    reopened = task(
        done={"noi-vu": Completion("noi-vu", date(2023, 11, 23))},
        withdrawn=((Completion("noi-vu", date(2023, 11, 21)), date(2023, 11, 22)),),
    )
    assert sequence(unit_status(reopened, "noi-vu", day)) == 3  # done, reopened, done
    assert sequence(unit_status(reopened, "vinh-ha", day)) == 0
    cancelled = task(cancelled=Cancellation("Bỏ", on=date(2023, 11, 30)))
    assert sequence(unit_status(cancelled, "noi-vu", day)) == 1
    assert sequence(unit_status(cancelled, "noi-vu", date(2023, 11, 29))) == 0


def test_an_office_is_its_mailbox_else_its_name_made_ascii():
    assert office_id(Config(), ("VanPhong@VinhLinh.QuangTri.gov.vn",)) == (
        "vanphong.vinhlinh.quangtri.gov.vn"
    )
    assert office_id(Config(office="Văn phòng HĐND & UBND huyện Đakrông")) == (
        "van-phong-hdnd-ubnd-huyen-dakrong"
    )
    named = Config(office="A", document=DocumentSettings(body="Phòng Nội vụ"))
    assert office_id(named) == "phong-noi-vu"
    assert office_id(Config(office="!!!")) == "cchc"
    assert office_id(Config()) == "cchc"
    item = unit_status(task(), "noi-vu", date(2023, 11, 20))
    assert uid(item, "phong-noi-vu") == "tb-1-2-noi-vu@phong-noi-vu"
