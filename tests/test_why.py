"""`cchc why`, the office calendar in the data folder, and the cache (issue 18): what a
clerk sees, in both languages, on a terminal and piped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cchc_cli.store.cache import FileCache
from cchc_cli.store.loader import load
from cchc_cli.views.i18n import Lang, t

COUNTED = """\
id: tb-45
number: 45/TB-UBND
date: 2023-12-28
meeting_date: 2023-12-27
title: Kết luận giao ban
tasks:
  - id: "1"
    assignees: [noi-vu]
    text: Rà soát thủ tục hành chính
    deadline: trong thời hạn 10 ngày làm việc kể từ ngày ký
  - id: "2"
    assignees: [tu-phap]
    text: Báo cáo kết quả
    deadline: trong 15 ngày kể từ ngày nhận được thông báo này
    deadline_from: 2024-01-02
  - id: "3"
    assignees: [noi-vu]
    text: Nộp hồ sơ
    deadline: chậm nhất ngày 06/01
  - id: "4"
    assignees: [xa-thi-tran]
    text: Tổng hợp số liệu
    deadline: trong vòng 05 ngày
"""


@pytest.fixture(autouse=True)
def _user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def counted(data_dir: Path) -> Path:
    (data_dir / "notices" / "tb-45.yaml").write_text(COUNTED, "utf-8")
    return data_dir


def last_days(data_dir: Path, cached: bool = True) -> dict[str, object]:
    dataset = load(data_dir, FileCache.open(data_dir) if cached else None)
    return {t.id: t.deadline.last_day for t in dataset.tasks if t.notice == "tb-45"}


def test_counted_deadlines_in_a_notice_file(counted):
    days = last_days(counted, cached=False)
    assert [str(days[k]) for k in "1234"] == [
        "2024-01-12",  # 10 working days after 28/12/2023: 01/01 and weekends skipped
        "2024-01-17",  # 15 days after deadline_from 02/01/2024
        "2024-01-06",  # a yearless date after the notice: next year's
        "2024-01-02",  # 5 days after 28/12: 02/01/2024
    ]


def test_a_change_of_holidays_in_config_changes_the_last_day_on_a_warm_run(counted):
    assert str(last_days(counted)["1"]) == "2024-01-12"
    assert str(last_days(counted)["1"]) == "2024-01-12"  # warm
    config = counted / "config.yaml"
    config.write_text("holidays: [2024-01-02, 2024-01-03]\n", "utf-8")
    assert str(last_days(counted)["1"]) == "2024-01-16"
    config.write_text("holidays: [2024-01-02, 2024-01-03]\nworking_days: [2024-01-06]\n", "utf-8")
    assert str(last_days(counted)["1"]) == "2024-01-15"
    config.write_text("deadline_next_working_day: true\n", "utf-8")
    days = last_days(counted)
    assert str(days["3"]) == "2024-01-08"  # Saturday 06/01 moves to Monday
    assert str(days["1"]) == "2024-01-12"


def test_the_office_rule_is_off_by_default_and_warns_of_a_weekend(counted, cchc):
    result = cchc("validate", "--lang", "en")
    assert "tb-45.yaml:19:15: warning: the last day (2024-01-06) is a Saturday" in result.stdout


def test_the_office_rule_is_checked(counted, cchc):
    (counted / "config.yaml").write_text("deadline_next_working_day: yes\n", "utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert "config.yaml:1:28: error:" in result.stdout


def test_deadline_from_on_a_fixed_deadline_is_a_warning(counted, cchc):
    text = COUNTED.replace(
        "    deadline: chậm nhất ngày 06/01\n",
        "    deadline: chậm nhất ngày 06/01\n    deadline_from: 2024-01-02\n",
    )
    (counted / "notices" / "tb-45.yaml").write_text(text, "utf-8")
    result = cchc("validate", "--lang", "en")
    assert "tb-45.yaml:20:20: warning: 'deadline_from' is only used" in result.stdout


def test_a_count_from_a_partial_date_of_issue_is_an_error_saying_what_to_write(counted, cchc):
    text = COUNTED.replace("date: 2023-12-28", "date: 2023-12")
    (counted / "notices" / "tb-45.yaml").write_text(text, "utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if ":10:30:" in x)
    assert "has no day (2023-12)" in line and "deadline_from" in line


# -- cchc why -----------------------------------------------------------------------------


def test_why_explains_a_count_of_working_days_step_by_step(counted, cchc, golden):
    result = cchc("why", "tb-45/1", "--as-of", "2024-01-05")
    assert result.exit_code == 0, result.stderr
    golden("why-working-days.vi.txt", result.stdout)
    english = cchc("why", "tb-45/1", "--as-of", "2024-01-05", "--lang", "en")
    golden("why-working-days.en.txt", english.stdout)
    said = " ".join(english.stdout.split())  # wrapped at the width: compare the words
    assert "Civil Code 2015, Art. 147" in said
    assert "2024-01-01 (New Year's Day)" in said


def test_why_names_deadline_from_and_the_move_over_a_weekend(counted, cchc):
    result = cchc("why", "tb-45/2", "--lang", "en", "--as-of", "2024-01-05")
    out = " ".join(result.stdout.split())
    assert "counted from the day in 'deadline_from', 2024-01-02" in out
    assert "Last day: 2024-01-17 (Wednesday)" in out


def test_why_shows_the_year_chosen_for_a_date_without_one(counted, cchc):
    result = cchc("why", "tb-45/3", "--lang", "en", "--as-of", "2024-01-05")
    out = " ".join(result.stdout.split())
    assert "no year written: 2024, the first year in which the day written" in out
    assert "the date of issue 2023-12-28" in out
    assert "kept as written (deadline_next_working_day in config.yaml is off)" in out


def test_why_with_a_unit_shows_its_own_extension(counted, cchc):
    assert (
        cchc(
            "extend",
            "tb-45/4",
            "--unit",
            "vinh-ha",
            "--to",
            "2024-01-10",
            "--reason",
            "Chờ số liệu",
            "--as-of",
            "2024-01-02",
        ).exit_code
        == 0
    )
    plain = cchc("why", "tb-45/4", "--lang", "en", "--as-of", "2024-01-05")
    assert "none in force" in plain.stdout
    unit = cchc("why", "tb-45/4", "--unit", "Vĩnh Hà", "--lang", "en", "--as-of", "2024-01-05")
    out = " ".join(unit.stdout.split())
    assert "extended for Xã Vĩnh Hà only, to 2024-01-10: Chờ số liệu" in out
    assert "Last day: 2024-01-10 (Wednesday), as extended; originally 2024-01-02" in out
    # An extension recorded later has not happened yet on an earlier day.
    before = cchc("why", "tb-45/4", "--unit", "vinh-ha", "--lang", "en", "--as-of", "2024-01-01")
    assert "none in force" in before.stdout


def test_why_as_json(counted, cchc):
    result = cchc("why", "tb-45/1", "--format", "json", "--as-of", "2024-01-05")
    document = json.loads(result.stdout)
    assert document["kind"] == "working_days_from"
    assert document["last_day"] == "2024-01-12"
    assert [s["key"] for s in document["steps"]] == [
        "why.anchor.issue",
        "why.rule.working-days",
        "why.skipped",
    ]


def test_why_a_task_without_a_deadline(data_dir, cchc):
    result = cchc("why", "2.4", "--lang", "en", "--as-of", "2023-11-25")
    assert result.exit_code == 0
    assert "the task gives no deadline" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["why", "9.9"], "9.9"),
        (["why", "2.2", "--unit", "tu-phap"], "is not assigned"),
        (["why", "2.2", "--unit", "nowhere"], "nowhere"),
    ],
)
def test_why_refuses_what_is_not_there(data_dir, cchc, args, message):
    result = cchc(*args, "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


HOSTILE = "trước ngày 10/12/2023 \x1b[31m[/]\u202e\x07 (theo [bold]KH)"


def test_why_shows_hostile_text_as_text(data_dir, cchc):
    path = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    escaped = HOSTILE.replace("\x1b", "\\e").replace("\u202e", "\\u202e").replace("\x07", "\\a")
    text = path.read_text("utf-8").replace(
        "deadline: trước ngày 10/12/2023", f'deadline: "{escaped}"', 1
    )
    path.write_text(text, "utf-8")
    result = cchc("why", "2.2", "--as-of", "2023-11-25")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "[/]" in result.stdout and "[bold]KH" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("columns", [80, 160])
def test_why_on_a_terminal(counted, columns):
    from test_hostile import run_on_terminal

    path = counted / "notices" / "tb-45.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "deadline: trong vòng 05 ngày", 'deadline: "trong vòng 05 ngày \\e]0;pwned\\a[/]"'
        ),
        "utf-8",
    )
    code, screen = run_on_terminal(["why", "tb-45/4", "--as-of", "2024-01-05"], counted, columns)
    assert code == 0, screen
    visible = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    assert "\x1b" not in visible and "\x07" not in visible
    assert "\\x1b]0;pwned" in visible and "[/]" in visible
    assert "Hạn cuối" in visible and "02/01/2024" in visible
    assert max(len(line) for line in visible.splitlines()) <= columns


def test_remind_working_days_knows_public_holidays(data_dir, cchc):
    # 02/09/2024 (Quốc khánh) is a Monday: nobody works, nobody is reminded.
    holiday = cchc("remind", "--as-of", "2024-09-02", "--working-days")
    assert (holiday.exit_code, holiday.stdout) == (0, "")
    # Saturday 04/05/2024 was worked in exchange for Monday 29/04.
    worked = cchc("remind", "--as-of", "2024-05-04", "--working-days")
    assert worked.stdout == cchc("remind", "--as-of", "2024-05-04").stdout
    assert cchc("remind", "--as-of", "2024-04-29", "--working-days").stdout == ""


def test_deadline_from_survives_the_cache(counted):
    cold = {t.id: t.deadline_from for t in load(counted).tasks if t.notice == "tb-45"}
    load(counted, FileCache.open(counted))
    warm = {t.id: t.deadline_from for t in last_days_tasks(counted)}
    assert cold == warm and str(warm["2"]) == "2024-01-02"


def last_days_tasks(data_dir: Path):
    return [t for t in load(data_dir, FileCache.open(data_dir)).tasks if t.notice == "tb-45"]


IMPORTED = (
    "Số: 88/TB-UBND\n"
    "Vĩnh Linh, ngày 28 tháng 12 năm 2023\n"
    "THÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND huyện tại hội nghị giao ban\n"
    "1. Phòng Nội vụ\n"
    "- Thực hiện Kế hoạch số 12/KH-UBND ngày 02/02/2023, rà soát thủ tục trong thời hạn"
    " 10 ngày làm việc kể từ ngày ký.\n"
    "- Khẩn trương hoàn thiện hồ sơ trình UBND huyện.\n"
    "- Báo cáo kết quả trước ngày 10/01.\n"
)


def test_import_reads_deadlines_with_the_notice_s_date_and_flags_those_naming_no_day(
    data_dir, cchc
):
    source = data_dir.parent / "tb-88.txt"
    source.write_text(IMPORTED, "utf-8")
    result = cchc("import", str(source), "--dry-run")
    assert result.exit_code == 0, result.stderr
    draft = result.stdout
    assert (
        "deadline: trong thời hạn 10 ngày làm việc kể từ ngày ký"
        "  # working_days_from: 2024-01-12" in draft
    )
    assert "deadline: trước ngày 10/01  # before: 2024-01-09" in draft
    # The urgent task without a day: a REVIEW item, right above its text.
    review = t("import.no-day", Lang.VI)
    assert f"# REVIEW: {review}\n    text: >-\n      Khẩn trương" in draft
    assert "2023-02-02" not in draft  # the plan's date is no deadline
