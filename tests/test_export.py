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
    assert str(event["summary"]) == "cchc-2023-11/2.2 - Phòng Nội vụ"
    description = str(event["description"])
    assert description.startswith("Phối hợp với Đoàn thanh niên huyện hoàn thành báo cáo")
    assert description.endswith("Thời hạn: trước ngày 10/12/2023 (hạn cuối 09/12/2023)")
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-3)


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


def test_done_and_cancelled_pairs_leave_the_calendar(cchc, data_dir, tmp_path):
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    text = text.replace(
        "    deadline: trước ngày 25/11/2023\n",
        "    deadline: trước ngày 25/11/2023\n    done: {noi-vu: 2023-11-20}\n",
    )
    anchor = (
        "với thanh niên. Hoàn thành trước ngày 10/12/2023.\n    deadline: trước ngày 10/12/2023\n"
    )
    assert text.count(anchor) == 1
    text = text.replace(anchor, anchor + "    cancelled: {reason: Bỏ}\n")
    path.write_text(text, "utf-8")
    out = tmp_path / "x.ics"
    cchc("export", "-f", "ics", "--unit", "noi-vu", "-o", str(out), "--as-of", "2023-11-21")
    assert sorted(events(out)) == ["cchc-2023-11-1.2-noi-vu@cchc"]


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
    assert content.startswith("\ufeffref,notice,id,unit,unit_name,status,")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [(r["ref"], r["status"]) for r in rows] == [
        ("cchc-2023-11/1.1", "ongoing"),
        ("cchc-2023-11/1.2", "overdue"),
        ("cchc-2023-11/1.3", "ongoing"),
        ("cchc-2023-11/7.1", "overdue"),
        ("cchc-2023-11/7.2", "in_progress"),
    ]
