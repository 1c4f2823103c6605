"""due, overdue and status on the reference notice at fixed dates, with exact outputs."""

from __future__ import annotations

import json

import pytest

from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def mark_progress(data_dir, after: str, lines: str) -> None:
    """Add progress lines to the reference notice after the task line ``after``."""
    path = data_dir / "notices" / NOTICE
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    path.write_text(text.replace(after, after + lines), encoding="utf-8")


# -- due ---------------------------------------------------------------------------


def test_due_before_lists_exactly_the_tasks_of_the_issue(data_dir, golden):
    result = cchc("due", "--before", "2023-12-10", "--as-of", "2023-11-20")
    assert result.exit_code == 0
    golden("due-before-2023-12-10.vi.txt", result.stdout)
    rows = [line for line in result.stdout.splitlines() if line.startswith("cchc-")]
    refs = [line.split()[0].split("/")[1] for line in rows]
    # chậm nhất 24/11, trước 25/11, trước 24/11 (both), the three trước 10/12:
    # by last day, then notice, then task id. Not 14/12, not 31/12.
    assert refs == ["7.1", "8.2", "1.2", "2.3", "2.2", "4", "6"]


def test_due_json_is_one_object_per_task_and_unit(data_dir):
    result = cchc("due", "--before", "10/12/2023", "--as-of", "20/11/2023", "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == 1 + 18 + 31 + 1 + 3
    first = records[0]
    assert first == {
        "ref": "cchc-2023-11/7.1",
        "notice": "cchc-2023-11",
        "id": "7.1",
        "unit": "gd-dt",
        "unit_name": "Phòng Giáo dục và Đào tạo",
        "status": "in_progress",
        "deadline": "trước ngày 24/11/2023",
        "last_day": "2023-11-23",
        "days_left": 3,
        "text": first["text"],
    }
    assert [r["last_day"] for r in records] == sorted(r["last_day"] for r in records)


def test_due_within_days_from_today_includes_overdue_ones(data_dir):
    result = cchc("due", "--within", "0", "--as-of", "2023-11-24", "--format", "json")
    pairs = {(r["ref"].split("/")[1], r["days_left"]) for r in json.loads(result.stdout)}
    assert pairs == {("7.1", -1), ("8.2", -1), ("1.2", 0), ("2.3", 0)}


def test_due_by_is_inclusive_and_takes_relative_dates(data_dir):
    by = cchc("due", "--by", "eom", "--as-of", "2023-11-20", "--format", "json")
    before = cchc("due", "--before", "2023-12-01", "--as-of", "2023-11-20", "--format", "json")
    assert json.loads(by.stdout) == json.loads(before.stdout)
    assert {r["id"] for r in json.loads(by.stdout)} == {"7.1", "8.2", "1.2", "2.3"}


def test_due_leaves_out_units_that_are_done_and_names_those_still_open(data_dir, golden):
    mark_progress(
        data_dir,
        "    target: cập nhật, phê duyệt thông tin CBCCVC đạt 100%\n",
        "    done:\n"
        + "".join(f"      {u}: 2023-11-21\n" for u in ("ho-xa", "ben-quan", "cua-tung"))
        + "      vinh-ha: {on: 2023-11-22, evidence: Báo cáo 15/BC-UBND}\n",
    )
    result = cchc("due", "--before", "2023-11-24", "--as-of", "2023-11-22", "--unit", "xa-thi-tran")
    assert result.exit_code == 0
    golden("due-partly-done.vi.txt", result.stdout)


def test_due_with_nothing_due_says_so(data_dir):
    result = cchc("due", "--before", "2023-11-01", "--as-of", "2023-10-01")
    assert (result.exit_code, result.stdout) == (0, "Không có nhiệm vụ nào đến hạn.\n")
    result = cchc("due", "--before", "2023-11-01", "--as-of", "2023-10-01", "-f", "json")
    assert result.stdout == "[]\n"


def test_as_of_comes_from_cchc_today(data_dir):
    a = cchc("due", "--within", "3", "-f", "json", CCHC_TODAY="2023-11-20")
    b = cchc("due", "--within", "3", "-f", "json", "--as-of", "2023-11-20")
    assert a.exit_code == 0 and a.stdout == b.stdout
    assert len(json.loads(a.stdout)) == 1 + 18  # 7.1 and 8.2, last day 23/11


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--before", "tuần sau"],
            "cchc: lỗi: --before: 'tuần sau' không phải là ngày; dùng 2023-12-10, 10/12/2023,",
        ),
        (
            ["due", "--before", "31/11/2023"],
            "cchc: lỗi: --before: không có ngày 31/11/2023: tháng 11/2023 chỉ có 30 ngày",
        ),
        (
            ["overdue", "--as-of", "2023-13-01"],
            "cchc: lỗi: --as-of: không có tháng 13",
        ),
        (
            ["due", "--before", "2023-12-10", "--within", "3"],
            "cchc: lỗi: chỉ dùng một trong --before, --within",
        ),
    ],
)
def test_bad_command_line_values_are_usage_errors(data_dir, args, message):
    result = cchc(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_negative_within_is_refused(data_dir):
    result = cchc("due", "--within", "-1")
    assert result.exit_code == 2


# -- overdue -------------------------------------------------------------------------


def test_overdue_groups_by_unit_in_vietnamese_order(data_dir, golden):
    mark_progress(
        data_dir,
        "    target: cập nhật, phê duyệt thông tin CBCCVC đạt 100%\n",
        "    done: {"
        + ", ".join(
            f"{u}: 2023-11-22"
            for u in (
                "ho-xa",
                "ben-quan",
                "cua-tung",
                "hien-thanh",
                "kim-thach",
                "trung-nam",
                "vinh-chap",
                "vinh-giang",
                "vinh-ha",
                "vinh-hoa",
                "vinh-khe",
                "vinh-lam",
                "vinh-long",
                "vinh-o",
                "vinh-son",
                "vinh-thai",
            )
        )
        + "}\n",
    )
    result = cchc(
        "overdue", "--as-of", "2023-11-25", "--notice", "cchc-2023-11", "--unit", "xa-thi-tran"
    )
    assert result.exit_code == 0
    golden("overdue-communes.vi.txt", result.stdout)


def test_overdue_english_on_one_department(data_dir, golden):
    result = cchc("overdue", "--as-of", "2023-12-15", "--unit", "gd-dt", "--lang", "en")
    assert result.exit_code == 0
    golden("overdue-gd-dt.en.txt", result.stdout)


def test_overdue_json_has_days_overdue_per_unit(data_dir):
    result = cchc("overdue", "--as-of", "2023-12-15", "--unit", "noi vu", "-f", "json")
    records = json.loads(result.stdout)
    assert [(r["id"], r["unit"], r["days_overdue"], r["status"]) for r in records] == [
        ("1.2", "noi-vu", 21, "overdue"),
        ("2.3", "noi-vu", 21, "overdue"),
        ("2.2", "noi-vu", 6, "overdue"),
    ]


def test_overdue_with_nothing_overdue_says_so(data_dir):
    result = cchc("overdue", "--as-of", "2023-11-22")
    assert (result.exit_code, result.stdout) == (0, "Không có nhiệm vụ nào quá hạn.\n")


# -- status --------------------------------------------------------------------------


def test_status_per_unit(data_dir, golden):
    mark_progress(
        data_dir,
        "    deadline: trước ngày 25/11/2023\n",
        "    done: {noi-vu: 2023-11-24}\n",
    )
    mark_progress(
        data_dir,
        "    target: cập nhật, phê duyệt đạt 100%; đối soát chính xác 100%\n",
        "    done: {gd-dt: {on: 2023-11-27, evidence: Báo cáo 88/BC-GDĐT}}\n",
    )
    result = cchc("status", "--as-of", "2023-11-30")
    assert result.exit_code == 0
    golden("status.vi.txt", result.stdout)


def test_status_json_has_the_documented_keys(data_dir):
    mark_progress(
        data_dir, "    deadline: trước ngày 25/11/2023\n", "    done: {noi-vu: 2023-11-24}\n"
    )
    result = cchc("status", "--as-of", "2023-11-30", "--unit", "noi-vu", "-f", "json")
    assert json.loads(result.stdout) == [
        {
            "unit": "noi-vu",
            "name": "Phòng Nội vụ",
            "total": 7,
            "done_on_time": 1,
            "done_late": 0,
            "done_no_deadline": 0,
            "in_progress": 1,
            "overdue": 1,
            "ongoing": 4,
            "cancelled": 0,
            "completion_rate": 14.3,
            "overdue_rate": 33.3,
        }
    ]


def test_status_by_notice_in_english(data_dir, golden):
    result = cchc("status", "--as-of", "2023-12-15", "--by", "notice", "--lang", "en")
    assert result.exit_code == 0
    golden("status-by-notice.en.txt", result.stdout)


def test_status_counts_cancelled_tasks_apart(data_dir):
    mark_progress(
        data_dir,
        "    deadline: trước ngày 25/11/2023\n",
        "    cancelled: {reason: Đã giao Phòng Nội vụ tại Thông báo khác, on: 2023-11-23}\n",
    )
    result = cchc("status", "--as-of", "2023-11-30", "--unit", "noi-vu", "-f", "json")
    (record,) = json.loads(result.stdout)
    assert (record["cancelled"], record["total"], record["overdue"]) == (1, 6, 1)


def test_status_csv_has_a_bom_and_one_row_per_unit(data_dir):
    result = cchc("status", "--as-of", "2023-11-30", "-f", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "\ufeffunit,name,total,done_on_time,done_late,done_no_deadline,in_progress,"
        "overdue,ongoing,cancelled,completion_rate,overdue_rate"
    )
    assert len(lines) == 1 + 31


def test_extension_shows_in_due_and_moves_the_task_out_of_overdue(data_dir):
    mark_progress(
        data_dir,
        "    deadline: trước ngày 24/11/2023\n"
        "    target: cập nhật, phê duyệt đạt 100%; đối soát chính xác 100%\n",
        "    extensions:\n"
        "      - {to: 2023-12-05, reason: Chờ tập huấn, decision: Công văn 2201/UBND-NV,\n"
        "         on: 2023-11-22}\n",
    )
    overdue = cchc("overdue", "--as-of", "2023-11-30", "--unit", "gd-dt", "-f", "json")
    assert [r["id"] for r in json.loads(overdue.stdout)] == ["1.2"]
    due = cchc(
        "due", "--by", "2023-12-05", "--as-of", "2023-11-30", "--unit", "gd-dt", "-f", "json"
    )
    records = {r["id"]: r for r in json.loads(due.stdout)}
    assert sorted(records) == ["1.2", "7.1"]
    record = records["7.1"]
    assert (record["last_day"], record["days_left"]) == ("2023-12-05", 5)
    assert record["deadline"] == "trước ngày 24/11/2023"


# -- time zone -------------------------------------------------------------------------


def test_config_time_zone_is_read_and_checked(data_dir):
    (data_dir / "config.yaml").write_text("timezone: Asia/Saigon\n", encoding="utf-8")
    assert cchc("validate").exit_code == 0
    (data_dir / "config.yaml").write_text("timezone: Asia/Vinh_Linh\ntz: x\n", encoding="utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "data/config.yaml:1:11: error: unknown time zone 'Asia/Vinh_Linh'; "
        "for example: Asia/Ho_Chi_Minh",
        "data/config.yaml:2:1: error: unknown key 'tz'; allowed keys: office, issuing_body,"
        " language, timezone, reminder_days, holidays, working_days,"
        " deadline_next_working_day, office_email, smtp, max_file_mb, git_commit, writers,"
        " document, office_id, sources",
    ]


# -- as of a day: every view sees the same data ------------------------------------------


def test_status_before_the_notice_was_issued_counts_none_of_it_like_report(data_dir):
    status = json.loads(cchc("status", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert status == []
    document = json.loads(cchc("report", "--period", "2023-10", "-f", "json").stdout)
    assert document["totals"]["total"] == 0
    # The notice of "11/2023": it may have been issued on 01/11.
    counted = json.loads(cchc("status", "--as-of", "2023-11-01", "-f", "json").stdout)
    assert sum(r["total"] for r in counted) == 159


@pytest.mark.parametrize("command", ["due", "overdue"])
def test_due_and_overdue_before_the_notice_was_issued_list_nothing(data_dir, command):
    early = ["--as-of", "2023-10-31", "-f", "json"]
    result = cchc(command, *early, *(["--by", "2024-12-31"] if command == "due" else []))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    late = cchc("overdue", "--as-of", "2023-12-31", "--notice", "cchc", "-f", "json")
    assert len(json.loads(late.stdout)) > 0


def test_export_and_remind_before_the_notice_was_issued_have_nothing(data_dir):
    exported = cchc("export", "-f", "json", "--as-of", "2023-10-31")
    assert json.loads(exported.stdout) == []
    later = cchc("remind", "--as-of", "2023-11-23", "--lang", "en")
    assert "cchc-2023-11/" in later.stdout
    # A notice of 01/12/2023 with a task due 02/12: reminded from 01/12, not before.
    (data_dir / "notices" / "tb-12.yaml").write_text(
        "id: tb-12\ndate: 2023-12-01\ntitle: T\ntasks:\n"
        "  - id: '1'\n    assignees: [noi-vu]\n    text: X\n"
        "    deadline: chậm nhất ngày 02/12/2023\n",
        "utf-8",
    )
    before = cchc("remind", "--as-of", "2023-11-30", "--unit", "noi-vu", "--lang", "en")
    assert "tb-12/1" not in before.stdout
    after = cchc("remind", "--as-of", "2023-12-01", "--unit", "noi-vu", "--lang", "en")
    assert "tb-12/1" in after.stdout


def test_show_as_of_hides_what_was_recorded_later(data_dir):
    mark_progress(
        data_dir,
        '  - id: "8.2"\n',
        "    extensions:\n"
        "      - {to: 2023-12-20, reason: Chờ số liệu, on: 2023-12-05}\n"
        "    cancelled: {reason: Không còn phù hợp, on: 2023-12-10}\n"
        "    notes:\n"
        "      - {on: 2023-12-06, text: đã đạt 40%}\n",
    )
    late = json.loads(cchc("show", "8.2", "--as-of", "2023-12-11", "-f", "json").stdout)
    assert (len(late["extensions"]), late["cancelled"]["reason"], len(late["notes"])) == (
        1,
        "Không còn phù hợp",
        1,
    )
    early = cchc("show", "8.2", "--as-of", "2023-12-04", "-f", "json")
    record = json.loads(early.stdout)
    assert (record["extensions"], record["cancelled"], record["notes"]) == ([], None, [])
    assert record["last_day"] == "2023-11-23"
    text = cchc("show", "8.2", "--as-of", "2023-12-04").stdout
    assert "Chờ số liệu" not in text and "Không còn phù hợp" not in text and "40%" not in text


def test_show_before_the_notice_was_issued_says_so(data_dir):
    result = cchc("show", "8.2", "--as-of", "2023-10-31", "--lang", "en", "-f", "json")
    record = json.loads(result.stdout)
    assert (record["issued"], record["statuses"], record["task_done"]) == (False, {}, False)
    text = cchc("show", "8.2", "--as-of", "2023-10-31", "--lang", "en").stdout
    assert "the notice was not issued yet (it exists from 2023-11-01)" in text


def test_due_for_one_commune_counts_the_groups_open_members_right(data_dir):
    # Wide enough for the full names (80 columns gets "Các xã, TT (18/18 chưa xong)…").
    wide = {"COLUMNS": "250"}
    result = cchc("due", "--unit", "ho xa", "--as-of", "2023-11-20", "--by", "2023-12-31", **wide)
    rows = [line for line in result.stdout.splitlines() if line.startswith("cchc-")]
    assert len(rows) == 4
    # All 18 communes have still to do these tasks: never "1/18".
    assert all("UBND các xã, thị trấn (18/18 chưa xong): Thị trấn Hồ Xá" in r for r in rows)
    mark_progress(data_dir, '  - id: "8.2"\n', "    done:\n      vinh-ha: 2023-11-19\n")
    result = cchc("due", "--unit", "ho xa", "--as-of", "2023-11-20", "--by", "2023-11-30", **wide)
    row = next(r for r in result.stdout.splitlines() if r.startswith("cchc-2023-11/8.2"))
    assert "UBND các xã, thị trấn (17/18 chưa xong): Thị trấn Hồ Xá" in row


def test_a_unit_reopened_later_was_done_as_of_the_days_before(data_dir):
    (data_dir / "progress").mkdir(exist_ok=True)
    (data_dir / "progress" / "noi-vu.yaml").write_text(
        "- {task: cchc-2023-11/2.3, done: 2023-11-23}\n"
        "- {task: cchc-2023-11/2.3, reopened: 2023-11-28, reason: Thiếu tài liệu}\n",
        "utf-8",
    )

    def status_of(day: str) -> str:
        result = cchc("export", "-f", "json", "--as-of", day, "--unit", "noi-vu")
        assert result.exit_code == 0, result.stderr
        (found,) = [r for r in json.loads(result.stdout) if r["id"] == "2.3"]
        return found["status"]

    # done 23/11 (last day 24/11); the reopening of 28/11 had not happened on 26/11
    assert [status_of(d) for d in ("2023-11-22", "2023-11-26", "2023-11-29")] == [
        "in_progress",
        "done_on_time",
        "overdue",
    ]
