"""Exports for other tools: deadlines as iCalendar, every pair's status as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from icalendar import Calendar

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def events(path) -> dict:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_has_one_event_per_open_pair_with_a_deadline(cchc, data_dir, tmp_path):
    path = tmp_path / "noi-vu.ics"
    result = cchc(
        "export", "-f", "ics", "--unit", "noi vu", "-o", str(path), "--as-of", "2023-11-20"
    )
    assert result.exit_code == 0, result.stderr
    found = events(path)
    assert sorted(found) == [
        "cchc-2023-11-1.2-noi-vu@cchc",
        "cchc-2023-11-2.2-noi-vu@cchc",
        "cchc-2023-11-2.3-noi-vu@cchc",
    ]
    event = found["cchc-2023-11-2.2-noi-vu@cchc"]
    assert event.decoded("dtstart") == date(2023, 12, 9)
    assert event.decoded("dtend") == date(2023, 12, 10)
    # What to do and for whom, short enough for a phone, cut between words.
    assert str(event["summary"]) == "Phối hợp với Đoàn thanh niên huyện hoàn… – P. Nội vụ"
    assert (str(event["status"]), event["sequence"]) == ("CONFIRMED", 0)
    description = str(event["description"])
    assert description.startswith("Phối hợp với Đoàn thanh niên huyện hoàn thành báo cáo")
    assert "Thời hạn: trước ngày 10/12/2023 (hạn cuối 09/12/2023)" in description
    assert "Trạng thái: Đang thực hiện trong hạn" in description
    assert description.endswith("Mã: cchc-2023-11/2.2 – Phòng Nội vụ")
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-3)


def test_the_summary_is_in_the_interface_language(cchc, data_dir):
    result = cchc("export", "-f", "ics", "--unit", "kt-ht", "--as-of", "2023-11-20", "--lang", "en")
    calendar = Calendar.from_ical(result.stdout_bytes)
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]).endswith("– P. KT&HT")
    assert "Status: In progress, within the deadline" in str(event["description"])


def test_uids_are_stable_so_a_calendar_updates_instead_of_duplicating(cchc, data_dir, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cchc("export", "-f", "ics", "-o", str(first), "--as-of", "2023-11-20")
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    line = (
        "    deadline: trước ngày 24/11/2023\n"
        "    target: cập nhật, phê duyệt đạt 100%; đối soát chính xác 100%\n"
    )
    assert text.count(line) == 1
    extended = text.replace(line, line + "    extensions: [{to: 2023-12-01, reason: Chờ}]\n")
    path.write_text(extended, "utf-8")
    cchc("export", "-f", "ics", "-o", str(second), "--as-of", "2023-11-20", "--alarm-days", "1")
    before, after = events(first), events(second)
    assert set(before) == set(after)
    assert len(before) == 94  # every pair with a deadline: nothing is done yet
    moved = after["cchc-2023-11-7.1-gd-dt@cchc"]
    assert moved.decoded("dtstart") == date(2023, 12, 1)
    assert moved.walk("VALARM")[0].decoded("trigger") == timedelta(days=-1)


def test_done_and_cancelled_pairs_stay_with_a_status_and_a_higher_sequence(
    cchc, data_dir, tmp_path
):
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    args = ("export", "-f", "ics", "--unit", "noi-vu", "--as-of", "2023-11-21")
    assert cchc(*args, "-o", before).exit_code == 0
    assert cchc("done", "2.3", "--on", "2023-11-20", "--as-of", "2023-11-21").exit_code == 0
    cancel = ("cancel", "2.2", "--reason", "Bỏ", "--as-of", "2023-11-21")
    assert cchc(*cancel).exit_code == 0
    assert cchc(*args, "-o", after).exit_code == 0
    old, new = events(before), events(after)
    # Same UIDs: the calendar that imported the first file updates these events.
    assert (
        sorted(new)
        == sorted(old)
        == [
            "cchc-2023-11-1.2-noi-vu@cchc",
            "cchc-2023-11-2.2-noi-vu@cchc",
            "cchc-2023-11-2.3-noi-vu@cchc",
        ]
    )
    done = new["cchc-2023-11-2.3-noi-vu@cchc"]
    assert done["sequence"] > old["cchc-2023-11-2.3-noi-vu@cchc"]["sequence"]
    assert str(done["summary"]).startswith("Đã xong: Tiếp tục đôn đốc các đơn vị")
    assert "Trạng thái: Hoàn thành đúng hạn ngày 20/11/2023" in str(done["description"])
    assert done.walk("VALARM") == []  # nothing left to remind of
    dropped = new["cchc-2023-11-2.2-noi-vu@cchc"]
    assert (str(dropped["status"]), dropped["sequence"]) == ("CANCELLED", 1)
    assert str(dropped["summary"]).startswith("Đã hủy: ")
    assert "Trạng thái: Đã hủy: Bỏ" in str(dropped["description"])
    untouched = new["cchc-2023-11-1.2-noi-vu@cchc"]
    assert (str(untouched["status"]), untouched["sequence"]) == ("CONFIRMED", 0)


def test_reopening_a_completion_raises_the_sequence_again(cchc, data_dir, tmp_path):
    def sequence(day: str) -> int:
        out = tmp_path / f"{day}.ics"
        cchc("export", "-f", "ics", "--unit", "noi-vu", "--as-of", day, "-o", out)
        return events(out)["cchc-2023-11-2.3-noi-vu@cchc"]["sequence"]

    assert cchc("done", "2.3", "--on", "2023-11-22", "--as-of", "2023-11-22").exit_code == 0
    reopen = ("reopen", "2.3", "--reason", "Thiếu tài liệu", "--as-of", "2023-11-23")
    assert cchc(*reopen).exit_code == 0
    assert cchc("done", "2.3", "--on", "2023-11-24", "--as-of", "2023-11-24").exit_code == 0
    # Done, reopened, done again: each state newer than the one a calendar holds.
    assert [sequence(d) for d in ("2023-11-21", "2023-11-22", "2023-11-23", "2023-11-24")] == [
        0, 1, 2, 3,
    ]  # fmt: skip


def test_an_extension_says_so_in_the_summary_and_the_description(cchc, data_dir, tmp_path):
    extend = ("extend", "2.2", "--unit", "noi-vu", "--to", "2023-12-20", "--reason", "Chờ số liệu")
    assert cchc(*extend, "--decision", "CV 12/UBND", "--as-of", "2023-11-21").exit_code == 0
    out = tmp_path / "x.ics"
    cchc("export", "-f", "ics", "--unit", "noi-vu", "--as-of", "2023-11-22", "-o", out)
    event = events(out)["cchc-2023-11-2.2-noi-vu@cchc"]
    assert event.decoded("dtstart") == date(2023, 12, 20)
    assert str(event["summary"]).endswith("– P. Nội vụ (gia hạn)")
    assert (
        "Gia hạn đến 20/12/2023 (hạn ban đầu 09/12/2023); lý do: Chờ số liệu; văn bản: CV 12/UBND"
        in str(event["description"])
    )
    assert event["sequence"] == 1


def test_two_offices_with_the_same_notice_ids_get_different_uids(cchc, data_dir, tmp_path):
    config = data_dir / "config.yaml"
    base = config.read_text("utf-8")
    found = []
    for office in (
        "Văn phòng HĐND và UBND huyện Vĩnh Linh",
        "Văn phòng HĐND và UBND huyện Gio Linh",
    ):
        config.write_text(base + f"office: {office}\n", "utf-8")
        out = tmp_path / "x.ics"
        cchc("export", "-f", "ics", "--unit", "noi-vu", "--as-of", "2023-11-20", "-o", out)
        found.append(sorted(events(out)))
    assert found[0][0] == "cchc-2023-11-1.2-noi-vu@van-phong-hdnd-va-ubnd-huyen-vinh-linh"
    assert found[1][0] == "cchc-2023-11-1.2-noi-vu@van-phong-hdnd-va-ubnd-huyen-gio-linh"
    # The office's address, where it has one, tells two offices of one province apart.
    config.write_text(base + "office_email: [vanphong.vinhlinh@quangtri.gov.vn]\n", "utf-8")
    out = tmp_path / "y.ics"
    cchc("export", "-f", "ics", "--unit", "noi-vu", "--as-of", "2023-11-20", "-o", out)
    assert sorted(events(out))[0] == "cchc-2023-11-1.2-noi-vu@vanphong.vinhlinh.quangtri.gov.vn"


def test_hostile_text_is_shown_not_written_into_the_calendar(cchc, data_dir):
    (data_dir / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n"
        "    text: \"=cmd|' /C calc'!A0 \\e[2J \\u202eabc [/] ; , \\x07 x\"\n"
        "    deadline: trước ngày 10/12/2023\n",
        "utf-8",
    )
    result = cchc("export", "-f", "ics", "--notice", "tb-x", "--as-of", "2023-11-20")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    description = str(event["description"])
    assert description.startswith("=cmd|' /C calc'!A0 \\x1b[2J \\u202eabc [/] ; , \\x07 x")


def test_ics_to_standard_output(cchc, data_dir):
    result = cchc("export", "-f", "ics", "--unit", "kt-ht", "--as-of", "2023-11-20")
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        "cchc-2023-11-1.2-kt-ht@cchc",
        "cchc-2023-11-4-kt-ht@cchc",
    ]


def test_json_export_has_every_pair_and_its_status(cchc, data_dir):
    result = cchc("export", "-f", "json", "--as-of", "2023-11-25")
    records = json.loads(result.stdout)
    assert len(records) == 159
    (pair,) = [r for r in records if r["ref"] == "cchc-2023-11/8.2" and r["unit"] == "vinh-ha"]
    assert pair == {
        "ref": "cchc-2023-11/8.2",
        "notice": "cchc-2023-11",
        "id": "8.2",
        "unit": "vinh-ha",
        "unit_name": "Xã Vĩnh Hà",
        "status": "overdue",
        "deadline": "trước ngày 24/11/2023",
        "deadline_kind": "before",
        "original_last_day": "2023-11-23",
        "last_day": "2023-11-23",
        "days_left": -2,
        "days_overdue": 2,
        "done_on": None,
        "evidence": None,
        "cancelled": None,
        "text": pair["text"],
    }


def test_csv_export_is_excel_ready(cchc, data_dir, tmp_path):
    out = tmp_path / "export.csv"
    result = cchc("export", "-f", "csv", "-o", str(out), "--unit", "gd-dt", "--as-of", "2023-11-25")
    assert result.exit_code == 0
    content = out.read_text("utf-8")
    assert content.startswith("\ufeffMã nhiệm vụ,Thông báo,Nhiệm vụ số,Mã đơn vị,Đơn vị,")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [(r["Mã nhiệm vụ"], r["Tình trạng"]) for r in rows] == [
        ("cchc-2023-11/1.1", "Thường xuyên / không thời hạn"),
        ("cchc-2023-11/1.2", "Quá hạn chưa hoàn thành"),
        ("cchc-2023-11/1.3", "Thường xuyên / không thời hạn"),
        ("cchc-2023-11/7.1", "Quá hạn chưa hoàn thành"),
        ("cchc-2023-11/7.2", "Đang thực hiện trong hạn"),
    ]
    late = rows[1]
    # Dates ISO (a date in any spreadsheet), numbers as numbers, the whole text.
    assert (late["Hạn cuối"], late["Số ngày còn lại"], late["Số ngày quá hạn"]) == (
        "2023-11-24",
        "-1",
        "1",
    )
    assert late["Loại thời hạn"] == "chậm nhất ngày ghi"
    assert late["Nội dung"].endswith("về UBND huyện (qua Phòng Nội vụ).")


def test_csv_export_in_english_and_json_keeps_its_keys(cchc, data_dir):
    english = cchc(
        "export", "-f", "csv", "--unit", "gd-dt", "--as-of", "2023-11-25", "--lang", "en"
    )
    rows = list(csv.DictReader(io.StringIO(english.stdout.lstrip("\ufeff"))))
    assert list(rows[0])[:6] == ["Ref", "Notice", "Task", "Unit id", "Unit", "Status"]
    assert rows[1]["Status"] == "Overdue, not done"
    records = json.loads(cchc("export", "-f", "json", "--unit", "gd-dt", "--lang", "en").stdout)
    assert records[1]["status"] in ("overdue", "in_progress", "done_late", "done_on_time")
    assert "deadline_kind" in records[1]


def test_exports_carry_the_whole_text(cchc, data_dir):
    long = "Rà soát " + "rất dài " * 60 + "kết thúc."
    (data_dir / "notices" / "x.yaml").write_text(
        "id: tb-x\ndate: 2023-11-01\ntitle: T\ntasks:\n"
        f"  - id: '1'\n    assignees: [noi-vu]\n    text: {long}\n",
        "utf-8",
    )
    for fmt in ("csv", "json"):
        result = cchc("export", "-f", fmt, "--notice", "tb-x", "--as-of", "2023-11-20")
        assert long in result.stdout
    report = cchc("report", "--notice", "tb-x", "--period", "2024-03", "-f", "json")
    assert json.loads(report.stdout)["quiet"][0]["text"] == long
    csv_report = cchc("report", "--notice", "tb-x", "--period", "2024-03", "-f", "csv")
    assert long in csv_report.stdout
