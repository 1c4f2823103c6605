"""views/remind.py and views/ics.py: who is reminded of what, the text, the messages and
the calendars, from statuses built in memory (no data folder, no clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from cchc_cli.core.deadlines import NO_DEADLINE, parse_deadline
from cchc_cli.core.model import Completion, Notice, PartialDate, Registry, Task, Unit
from cchc_cli.core.status import statuses
from cchc_cli.core.workdays import WorkCalendar
from cchc_cli.views.i18n import Lang
from cchc_cli.views.ics import exported, uid
from cchc_cli.views.remind import (
    UnitReminder,
    calendars,
    collect,
    heading,
    messages,
    notice_names,
    report_text,
    unit_block,
)

TODAY = date(2023, 12, 4)  # a Monday

REGISTRY = Registry(
    {
        "vinh-o": Unit("vinh-o", "Xã Vĩnh Ô", "commune", emails=("vinho@example.org",)),
        "noi-vu": Unit("noi-vu", "Phòng Nội vụ", "department", emails=("nv@example.org",)),
        "doan": Unit("doan", "Đoàn thanh niên huyện", "organization"),
        "ho-xa": Unit("ho-xa", "Thị trấn Hồ Xá", "town"),
    },
    {},
    {},
)
ALL = ("vinh-o", "noi-vu", "doan", "ho-xa")


def task(ident: str, deadline: str | None, done: dict[str, date] | None = None, units=ALL):
    return Task(
        notice="tb-1",
        id=ident,
        text=f"Nhiệm vụ {ident}",
        assigned=tuple(units),
        assignees=tuple(units),
        deadline=parse_deadline(deadline, 2023) if deadline else NO_DEADLINE,
        done={u: Completion(u, on) for u, on in (done or {}).items()},
    )


TASKS = [
    task("1", "chậm nhất ngày 01/12/2023"),  # 3 days overdue
    task("2", "chậm nhất ngày 20/11/2023", units=("noi-vu",)),  # 14 days overdue
    task("3", "chậm nhất ngày 04/12/2023", units=("noi-vu",)),  # last day today
    task("4", "chậm nhất ngày 07/12/2023", units=("noi-vu",)),  # 3 days left: inside
    task("5", "chậm nhất ngày 08/12/2023", units=("noi-vu",)),  # 4 days left: outside
    task("6", "thường xuyên"),  # ongoing: never reminded
    task("7", "chậm nhất ngày 01/12/2023", done={"ho-xa": date(2023, 11, 30)}, units=("ho-xa",)),
]


@pytest.fixture
def found() -> list[UnitReminder]:
    return collect(statuses(TASKS, TODAY), TODAY, 3, REGISTRY)


def refs(items) -> list[str]:
    return [i.task.id for i in items]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 4, 26), True),  # Friday
        (date(2024, 5, 3), True),  # Friday
        (date(2024, 5, 5), False),  # Sunday
        (date(2024, 4, 29), False),  # Monday off in exchange for Saturday 4 May (public)
        (date(2024, 5, 4), True),  # that Saturday, worked
        (date(2024, 4, 30), False),  # a public holiday on a Tuesday
        (date(2024, 5, 1), False),
        (date(2024, 5, 8), False),  # the office's own day off
    ],
)
def test_working_days_are_monday_to_friday_but_holidays(day, working):
    calendar = WorkCalendar.of(holidays=(date(2024, 5, 8),))
    assert calendar.is_working_day(day) is working


def test_a_weekend_day_worked_in_exchange_is_a_working_day():
    saturday = date(2024, 6, 1)
    assert WorkCalendar.of((), (saturday,)).is_working_day(saturday) is True
    assert WorkCalendar.of((saturday,), (saturday,)).is_working_day(saturday) is True


def test_units_come_in_vietnamese_order_of_their_names(found):
    # Đoàn (đ) < Phòng (p) < Thị trấn (t) < Xã (x); ids and code points would differ
    assert [r.unit for r in found] == ["doan", "noi-vu", "ho-xa", "vinh-o"]


def test_overdue_comes_most_overdue_first_then_what_is_due_soonest_first(found):
    noi_vu = next(r for r in found if r.unit == "noi-vu")
    assert refs(noi_vu.overdue) == ["2", "1"]
    assert refs(noi_vu.upcoming) == ["3", "4"]
    assert refs(noi_vu.items) == ["2", "1", "3", "4"]


def test_ongoing_done_and_far_tasks_are_not_reminded(found):
    reminded = {i.task.id for r in found for i in r.items}
    assert reminded == {"1", "2", "3", "4"}


def test_the_window_is_inclusive_of_its_last_day():
    found = collect(statuses(TASKS, TODAY), TODAY, 4, REGISTRY)
    noi_vu = next(r for r in found if r.unit == "noi-vu")
    assert refs(noi_vu.upcoming) == ["3", "4", "5"]
    assert collect(statuses(TASKS, TODAY), TODAY, 0, REGISTRY)[1].upcoming[0].task.id == "3"


def test_nothing_open_is_nothing_to_report():
    done = [task("1", "chậm nhất ngày 01/12/2023", done={u: TODAY for u in ALL})]
    found = collect(statuses(done, TODAY), TODAY, 3, REGISTRY)
    assert found == []
    assert report_text(found, REGISTRY, TODAY, 3, Lang.VI, {}) == ""


def test_one_units_block_in_english(found):
    doan = found[0]
    block = unit_block(doan, REGISTRY, Lang.EN, {"tb-1": "12/TB-UBND: Kết luận"})
    assert block == [
        "Đoàn thanh niên huyện: 1 overdue, 0 due soon",
        "- tb-1/1: 3 days overdue",
        "  Deadline: chậm nhất ngày 01/12/2023 (last day 2023-12-01)",
        "  Notice: 12/TB-UBND: Kết luận",
        "  Nhiệm vụ 1",
    ]


def test_one_units_block_in_vietnamese_says_days_left_and_dates_day_first(found):
    noi_vu = found[1]
    block = unit_block(noi_vu, REGISTRY, Lang.VI, {})
    assert block[0] == "Phòng Nội vụ: 2 quá hạn, 2 sắp đến hạn"
    assert block[1] == "- tb-1/2: quá hạn 14 ngày"
    assert block[2] == "  Thời hạn: chậm nhất ngày 20/11/2023 (hạn cuối 20/11/2023)"
    assert block[3] == "  Thông báo: tb-1"  # no name given: the id
    assert "- tb-1/3: hôm nay là hạn cuối" in block
    assert "- tb-1/4: còn 3 ngày" in block


def test_one_day_overdue_is_singular_in_english():
    one = collect(statuses(TASKS[:1], date(2023, 12, 2)), date(2023, 12, 2), 3, REGISTRY)
    assert unit_block(one[0], REGISTRY, Lang.EN, {})[1] == "- tb-1/1: 1 day overdue"


def test_long_task_text_is_wrapped_to_78_columns_and_cut():
    long = task("9", "chậm nhất ngày 01/12/2023", units=("doan",))
    long = Task(**{**long.__dict__, "text": "Rà soát " * 60})
    found = collect(statuses([long], TODAY), TODAY, 3, REGISTRY)
    block = unit_block(found[0], REGISTRY, Lang.VI, {})
    body = block[4:]
    assert all(len(line) <= 78 for line in block)
    assert len(body) == 2 and body[-1].endswith("…")


def test_the_heading_counts_over_all_units(found):
    assert heading(found, TODAY, 3, Lang.EN) == (
        "Reminders for 2023-12-04: 5 overdue, 2 due within 3 days"
    )
    assert heading(found, TODAY, 3, Lang.VI) == (
        "Nhắc việc ngày 04/12/2023: 5 quá hạn, 2 đến hạn trong 3 ngày tới"
    )


def test_the_report_is_the_heading_then_each_unit_after_a_blank_line(found):
    text = report_text(found, REGISTRY, TODAY, 3, Lang.EN, {})
    lines = text.splitlines()
    assert lines[0].startswith("Reminders for 2023-12-04")
    assert lines[1] == ""
    assert lines[2] == "Đoàn thanh niên huyện: 1 overdue, 0 due soon"
    assert text.endswith("\n") and text.count("\n\n") == 4


def notice(number: str | None) -> Notice:
    return Notice("tb-1", "Kết luận phiên họp", PartialDate(2023, 11), (), number=number)


def test_a_notice_is_named_by_its_number_and_title_or_the_title_alone():
    assert notice_names([notice("412/TB-UBND")]) == {"tb-1": "412/TB-UBND: Kết luận phiên họp"}
    assert notice_names([notice(None)]) == {"tb-1": "Kết luận phiên họp"}
    assert notice_names([notice("")]) == {"tb-1": "Kết luận phiên họp"}


# -- messages ----------------------------------------------------------------------

SENDER = "Văn phòng <cchc@vinhlinh.example>"
OFFICE = ("vp@vinhlinh.example",)


def test_each_unit_with_an_address_gets_one_message_and_the_office_a_summary(found):
    out = messages(found, REGISTRY, TODAY, 3, Lang.EN, SENDER, OFFICE, {})
    assert [o.key for o in out] == ["unit:noi-vu", "unit:vinh-o", "office"]
    assert [o.to for o in out] == [("nv@example.org",), ("vinho@example.org",), OFFICE]


def test_a_unit_message_has_its_subject_greeting_and_automatic_headers(found):
    message = messages(found, REGISTRY, TODAY, 3, Lang.EN, SENDER, OFFICE, {})[0].message
    assert message["Subject"] == "Reminder 2023-12-04 - Phòng Nội vụ: 2 overdue, 2 due soon"
    assert message["From"] == SENDER
    assert message["To"] == "nv@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@vinhlinh.example>")
    body = message.get_content()
    assert body.startswith("To: Phòng Nội vụ\n\nPhòng Nội vụ: 2 overdue, 2 due soon\n")
    assert body.endswith("please do not reply to it.\n")


def test_the_summary_names_units_without_an_address(found):
    office = messages(found, REGISTRY, TODAY, 3, Lang.EN, SENDER, OFFICE, {})[-1].message
    assert office["Subject"] == ("Reminders 2023-12-04 - summary: 4 units, 5 overdue, 2 due soon")
    body = office.get_content()
    assert "Units with no e-mail address in the registry (to be told directly): " in body
    no_address = body.split("\n\n")[1]
    assert "Đoàn thanh niên huyện, Thị trấn Hồ Xá" in no_address.replace("\n", " ")


def test_a_signature_goes_above_the_footer(found):
    out = messages(found, REGISTRY, TODAY, 3, Lang.VI, SENDER, OFFICE, {}, signature="VP UBND")
    body = out[0].message.get_content().splitlines()
    assert body[-2] == "VP UBND"
    assert body[-1].startswith("Thư này do cchc gửi tự động")


def test_calendars_are_attached_to_the_units_that_have_one(found):
    out = messages(
        found, REGISTRY, TODAY, 3, Lang.EN, SENDER, OFFICE, {}, calendars={"noi-vu": b"BEGIN"}
    )
    attached = [list(o.message.iter_attachments()) for o in out]
    assert [len(a) for a in attached] == [1, 0, 0]
    assert attached[0][0].get_filename() == "cchc-noi-vu.ics"
    assert attached[0][0].get_content_type() == "text/calendar"


def test_calendars_are_made_for_reminded_units_with_an_address_only(found):
    items = statuses(TASKS, TODAY)
    made = calendars(items, found, REGISTRY, Lang.EN, datetime(2023, 12, 4, tzinfo=UTC))
    assert sorted(made) == ["noi-vu", "vinh-o"]
    events = Calendar.from_ical(made["noi-vu"]).walk("VEVENT")
    # every open pair of the unit with a last day, reminded or not (task 5 too)
    assert sorted(str(e["uid"]) for e in events) == [
        f"tb-1-{n}-noi-vu@cchc" for n in ("1", "2", "3", "4", "5")
    ]
    name = Calendar.from_ical(made["noi-vu"])["x-wr-calname"]
    assert name == "Task deadlines - Phòng Nội vụ"


def test_an_event_is_all_day_on_the_last_day_with_an_alarm_days_before(found):
    items = [i for i in statuses(TASKS[3:4], TODAY)]
    made = calendars(items, found, REGISTRY, Lang.EN, datetime(2023, 12, 4, tzinfo=UTC), 2)
    (event,) = Calendar.from_ical(made["noi-vu"]).walk("VEVENT")
    assert event.decoded("dtstart") == date(2023, 12, 7)
    assert event.decoded("dtend") == date(2023, 12, 8)
    assert str(event["summary"]) == "Nhiệm vụ 4 – Phòng Nội vụ"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger").days == -2


def test_uids_are_stable_and_safe_for_any_notice_id():
    weird = Task("tb 1/ư", "2.3", "x", ("a b",), ("a b",))
    (item,) = statuses([weird], TODAY)
    assert uid(item) == "tb_1_-2.3-a_b@cchc"
    assert uid(item) == uid(statuses([weird], TODAY)[0])


def test_pairs_with_a_last_day_are_exported_done_ones_too():
    items = statuses(TASKS, TODAY)
    kept = exported(items)
    # 6 has no deadline; 7 is done and stays, so a calendar learns that it is.
    assert {i.task.id for i in kept} == {"1", "2", "3", "4", "5", "7"}
