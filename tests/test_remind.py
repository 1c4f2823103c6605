"""The nightly reminder: silence, grouping, boundary days, time zone, and mail that
really goes through an SMTP server started on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

import cchc_cli.cli.runner as cli
from cchc_cli.views.i18n import Lang
from smtp_inbox import Inbox, free_port

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def mark(data_dir: Path, after: str, lines: str) -> None:
    path = data_dir / "notices" / NOTICE
    text = path.read_text("utf-8")
    assert text.count(after) == 1
    path.write_text(text.replace(after, after + lines), "utf-8")


# -- printed -------------------------------------------------------------------------


def test_nothing_to_report_prints_nothing_and_exits_0(cchc, data_dir):
    result = cchc("remind", "--as-of", "2023-11-19")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_reminders_are_grouped_by_unit_in_vietnamese_order(cchc, data_dir, golden):
    mark(data_dir, "    deadline: trước ngày 25/11/2023\n", "    done: {noi-vu: 2023-11-24}\n")
    result = cchc("remind", "--as-of", "2023-11-25", "--notice", "cchc-2023-11", "--days", "15")
    assert result.exit_code == 0
    golden("remind.vi.txt", result.stdout)
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    lines = result.stdout.splitlines()
    units = [line.split(":")[0] for line in lines if line and line[0] not in " -"]
    assert units[1:4] == ["Ban Quản lý dự án đầu tư xây dựng huyện", "Phòng Giáo dục và Đào tạo",
                          "Phòng Kinh tế và Hạ tầng"]  # fmt: skip
    assert "cchc-2023-11/2.3" not in result.stdout  # done


def test_reminders_in_english(cchc, data_dir, golden):
    result = cchc("remind", "--as-of", "2023-12-12", "--unit", "gd-dt", "--lang", "en")
    assert result.exit_code == 0
    golden("remind-gd-dt.en.txt", result.stdout)


@pytest.mark.parametrize(
    ("as_of", "days", "shown"),
    [
        # 2.2, 4 and 6 have 09/12/2023 as their last day.
        ("2023-12-06", "2", False),  # 08/12 is the end of the window
        ("2023-12-06", "3", True),  # the last day is the end of the window
        ("2023-12-09", "0", True),  # the last day is today
        ("2023-12-10", "0", True),  # the day after: overdue
    ],
)
def test_boundary_days(cchc, data_dir, as_of, days, shown):
    result = cchc("remind", "--as-of", as_of, "--days", days, "--unit", "phong-ban")
    listed = {line.split(":")[0][2:] for line in result.stdout.splitlines() if line[:2] == "- "}
    expected = {"cchc-2023-11/2.2", "cchc-2023-11/4", "cchc-2023-11/6"}
    assert (expected <= listed) is shown
    assert not (expected & listed) or expected <= listed


def test_the_last_day_today_and_the_day_after_are_told_apart(cchc, data_dir):
    today = cchc("remind", "--as-of", "2023-12-09", "--days", "0", "--unit", "kt-ht")
    assert "- cchc-2023-11/4: hôm nay là hạn cuối" in today.stdout
    after = cchc("remind", "--as-of", "2023-12-10", "--days", "0", "--unit", "kt-ht")
    assert "- cchc-2023-11/4: quá hạn 1 ngày" in after.stdout


def test_a_server_in_utc_at_17_30_is_already_tomorrow_in_vietnam(cchc, data_dir, monkeypatch):
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2023, 12, 9, 17, 30, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(cli, "datetime", Clock)
    result = cchc("remind", "--days", "0", "--unit", "kt-ht")
    assert result.stdout.startswith("Nhắc việc ngày 10/12/2023")
    assert "- cchc-2023-11/4: quá hạn 1 ngày" in result.stdout


def test_errors_in_the_data_go_to_stderr_with_exit_1(cchc, data_dir):
    (data_dir / "notices" / "broken.yaml").write_text("id: x\ndate: 2023-13-01\n", "utf-8")
    result = cchc("remind", "--as-of", "2023-11-25", "--unit", "noi-vu")
    assert result.exit_code == 1
    assert "broken.yaml:2:7: error:" in result.stderr
    assert result.stdout.startswith("Nhắc việc ngày 25/11/2023")


def test_fail_on_overdue_exits_3_only_when_something_is_overdue(cchc, data_dir):
    assert cchc("remind", "--as-of", "2023-11-25", "--fail-on-overdue").exit_code == 3
    assert cchc("remind", "--as-of", "2023-11-22", "--fail-on-overdue").exit_code == 0


def test_working_days_skip_weekends_and_holidays(cchc, data_dir):
    saturday = cchc("remind", "--as-of", "2023-11-25", "--working-days")
    assert (saturday.exit_code, saturday.stdout) == (0, "")
    (data_dir / "config.yaml").write_text(
        "timezone: Asia/Ho_Chi_Minh\nholidays: [2023-11-27]\n", "utf-8"
    )
    holiday = cchc("remind", "--as-of", "2023-11-27", "--working-days")
    assert (holiday.exit_code, holiday.stdout) == (0, "")
    monday = cchc("remind", "--as-of", "2023-11-28", "--working-days")
    assert monday.stdout.startswith("Nhắc việc ngày 28/11/2023")


def test_the_window_comes_from_the_config(cchc, data_dir):
    (data_dir / "config.yaml").write_text("reminder_days: 20\n", "utf-8")
    result = cchc("remind", "--as-of", "2023-11-20", "--unit", "vh-tt")
    assert "cchc-2023-11/6" in result.stdout  # last day 09/12, 19 days away


def test_bad_settings_are_reported_by_validate(cchc, data_dir):
    (data_dir / "config.yaml").write_text(
        "reminder_days: ba\nholidays: [30/02/2024]\noffice_email: [not-an-address]\n"
        "smtp: {security: tls, password: secret, port: 99999}\n",
        "utf-8",
    )
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:6] == [
        "data/config.yaml:1:16: error: 'ba' must be a whole number from 0 to 366",
        "data/config.yaml:2:12: error: there is no day 30 in 2/2024: that month has 29 days",
        "data/config.yaml:3:16: error: 'not-an-address' is not an e-mail address",
        "data/config.yaml:4:18: error: 'tls' is not valid; use one of: starttls, ssl, none",
        "data/config.yaml:4:23: error: do not put the password in the config file; set it in an"
        " environment variable (password_env, default CCHC_SMTP_PASSWORD)",
        "data/config.yaml:4:47: error: '99999' must be a whole number from 1 to 65535",
    ]


# -- mailed --------------------------------------------------------------------------


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def configure(data_dir: Path, port: int) -> None:
    (data_dir / "config.yaml").write_text(
        "timezone: Asia/Ho_Chi_Minh\n"
        "office_email: [vanphong@vinhlinh.example]\n"
        "smtp:\n"
        "  host: 127.0.0.1\n"
        f"  port: {port}\n"
        "  security: none\n"
        '  sender: "Văn phòng HĐND và UBND huyện <cchc@vinhlinh.example>"\n',
        "utf-8",
    )
    units = data_dir / "units.yaml"
    text = units.read_text("utf-8")
    for unit, address in (("noi-vu", "noivu@vinhlinh.example"), ("gd-dt", "gddt@vinhlinh.example")):
        text = text.replace(f"  - id: {unit}\n", f"  - id: {unit}\n    email: [{address}]\n")
    units.write_text(text, "utf-8")


def test_email_goes_to_each_unit_and_a_summary_to_the_office(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, port)
    result = cchc("remind", "--email", "--as-of", "2023-11-25", "--notice", "cchc-2023-11")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    received = inbox.by_subject()
    assert len(received) == 3
    to, noivu = received["Nhắc việc 25/11/2023 - Phòng Nội vụ: 2 quá hạn, 0 sắp đến hạn"]
    assert to == ["noivu@vinhlinh.example"]
    assert noivu["From"] == "Văn phòng HĐND và UBND huyện <cchc@vinhlinh.example>"
    assert noivu["Auto-Submitted"] == "auto-generated"
    text = noivu.get_body(preferencelist=("plain",))
    assert text.get_content_charset() == "utf-8"
    body = text.get_content()
    (attached,) = list(noivu.iter_attachments())
    assert (attached.get_filename(), attached.get_content_type()) == (
        "cchc-noi-vu.ics",
        "text/calendar",
    )
    calendar = Calendar.from_ical(attached.get_content())
    events = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    # The office's own UIDs: its address (vanphong@vinhlinh.example) is in them.
    assert events == {
        "cchc-2023-11-1.2-noi-vu@vanphong.vinhlinh.example",
        "cchc-2023-11-2.2-noi-vu@vanphong.vinhlinh.example",
        "cchc-2023-11-2.3-noi-vu@vanphong.vinhlinh.example",
    }
    assert body.startswith("Kính gửi: Phòng Nội vụ\n\nPhòng Nội vụ: 2 quá hạn, 0 sắp đến hạn\n")
    assert "- cchc-2023-11/2.3: quá hạn 1 ngày" in body
    assert "Xã Vĩnh Hà" not in body
    to, _ = received["Nhắc việc 25/11/2023 - Phòng Giáo dục và Đào tạo: 2 quá hạn, 0 sắp đến hạn"]
    assert to == ["gddt@vinhlinh.example"]
    to, summary = received["Nhắc việc 25/11/2023 - tổng hợp: 31 đơn vị, 51 quá hạn, 0 sắp đến hạn"]
    assert to == ["vanphong@vinhlinh.example"]
    text = " ".join(summary.get_content().split())
    assert "chưa có địa chỉ thư điện tử trong danh mục (cần báo trực tiếp): Ban Quản lý" in text
    assert "Phòng Nội vụ," not in text.split("(cần báo trực tiếp):")[1].split("Ban Quản lý")[0]
    assert "Xã Vĩnh Tú: 2 quá hạn" in text


def test_a_second_run_the_same_day_sends_nothing_unless_forced(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, port)
    assert cchc("remind", "--email", "--as-of", "2023-11-25").exit_code == 0
    assert len(inbox.messages) == 3
    assert cchc("remind", "--email", "--as-of", "2023-11-25").exit_code == 0
    assert len(inbox.messages) == 3
    assert cchc("remind", "--email", "--as-of", "2023-11-26").exit_code == 0
    assert len(inbox.messages) == 6
    assert cchc("remind", "--email", "--as-of", "2023-11-26", "--force").exit_code == 0
    assert len(inbox.messages) == 9


def test_a_broken_sent_log_line_is_a_warning_with_its_line_not_a_traceback(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, port)
    log = data_dir / ".cchc" / "sent.jsonl"
    log.parent.mkdir(exist_ok=True)
    log.write_text('{"day": "2023-11-25"}\n', "utf-8")
    result = cchc("remind", "--email", "--as-of", "2023-11-25", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert len(inbox.messages) == 3
    assert "sent.jsonl:1: this line of the sent-mail log is not a usable entry" in result.stderr


def test_a_refused_recipient_is_reported_and_retried_next_run(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, port)
    inbox.refuse.add("gddt@vinhlinh.example")
    result = cchc("remind", "--email", "--as-of", "2023-11-25")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Đã gửi: Phòng Nội vụ, văn phòng (thư tổng hợp)"
    assert lines[1].startswith(
        "Chưa gửi được cho Phòng Giáo dục và Đào tạo: gddt@vinhlinh.example:"
    )
    assert "550" in lines[1]
    assert len(inbox.messages) == 2
    inbox.refuse.clear()
    assert cchc("remind", "--email", "--as-of", "2023-11-25").exit_code == 0
    assert [to for to, _ in inbox.messages[2:]] == [["gddt@vinhlinh.example"]]


def test_an_unreachable_server_is_reported_with_what_was_not_sent(cchc, data_dir):
    configure(data_dir, free_port())
    result = cchc("remind", "--email", "--as-of", "2023-11-25", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("cchc: error: cannot reach the mail server 127.0.0.1:")
    assert lines[1] == "Sent: none"
    assert [line.split(":")[0] for line in lines[2:]] == [
        "Not sent to Phòng Giáo dục và Đào tạo",
        "Not sent to Phòng Nội vụ",
        "Not sent to the office (summary)",
    ]


def test_dry_run_prints_the_messages_and_sends_nothing(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, port)
    result = cchc("remind", "--dry-run", "--as-of", "2023-11-25", "--unit", "noi-vu")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "From: Văn phòng HĐND và UBND huyện <cchc@vinhlinh.example>\n"
        "To: noivu@vinhlinh.example\n"
        "Subject: Nhắc việc 25/11/2023 - Phòng Nội vụ: 2 quá hạn, 0 sắp đến hạn\n"
    )
    assert "To: vanphong@vinhlinh.example" in result.stdout
    assert "[cchc-noi-vu.ics]" in result.stdout
    assert inbox.messages == []
    assert not (data_dir / ".cchc" / "sent.jsonl").exists()
    assert "Văn phòng HĐND và UBND huyện Vĩnh Linh\n" not in result.stdout


def test_mail_is_signed_with_the_office_name(cchc, data_dir, smtp):
    _, port = smtp
    configure(data_dir, port)
    config = data_dir / "config.yaml"
    config.write_text(
        "office: Văn phòng HĐND và UBND huyện Vĩnh Linh\n" + config.read_text("utf-8"), "utf-8"
    )
    result = cchc("remind", "--dry-run", "--as-of", "2023-11-25", "--unit", "noi-vu")
    # Once under the unit's message, once under the office's summary.
    assert result.stdout.count("\nVăn phòng HĐND và UBND huyện Vĩnh Linh\nThư này do cchc") == 2


def test_mail_settings_come_from_the_environment_too(cchc, data_dir, smtp):
    inbox, port = smtp
    configure(data_dir, 1)
    result = cchc(
        "remind", "--email", "--as-of", "2023-11-25", "--unit", "noi-vu",
        CCHC_SMTP_PORT=str(port), CCHC_OFFICE_EMAIL="truongphong@vinhlinh.example",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(to[0] for to, _ in inbox.messages) == [
        "noivu@vinhlinh.example",
        "truongphong@vinhlinh.example",
    ]


def test_missing_settings_and_password_are_clear_errors(cchc, data_dir):
    result = cchc("remind", "--email", "--as-of", "2023-11-25", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        "cchc: error: mailing is not configured in config.yaml (or the environment): "
        "smtp.sender, office_email, smtp.host missing\n"
    )
    (data_dir / "config.yaml").write_text(
        "office_email: [vp@x.example]\nsmtp: {host: 127.0.0.1, user: cchc, sender: a@x.example}\n",
        "utf-8",
    )
    result = cchc("remind", "--email", "--as-of", "2023-11-25", "--lang", "en")
    assert result.stderr == (
        "cchc: error: no SMTP password: set the environment variable CCHC_SMTP_PASSWORD\n"
    )


def test_calendars_go_only_to_reminded_units_with_an_address(data_dir):
    from cchc_cli.store.loader import load
    from cchc_cli.views.query import select_statuses
    from cchc_cli.views.remind import calendars, collect

    config = data_dir / "units.yaml"
    text = config.read_text("utf-8")
    # Give one reminded unit (the education office) an address; the others have none.
    config.write_text(
        text.replace("  - id: gd-dt\n", "  - id: gd-dt\n    email: gd@x.example\n", 1), "utf-8"
    )
    dataset = load(data_dir)
    today = datetime(2023, 11, 20).date()
    items = select_statuses(dataset, today)
    found = collect(items, today, 7, dataset.registry)
    assert "gd-dt" in {r.unit for r in found}
    stamp = datetime(2023, 11, 20, 1, 0, tzinfo=UTC)
    made = calendars(items, found, dataset.registry, Lang.VI, stamp)
    assert list(made) == ["gd-dt"]
    calendar = Calendar.from_ical(made["gd-dt"])
    assert "Phòng Giáo dục và Đào tạo" in str(calendar["X-WR-CALNAME"])
    assert calendar.walk("VEVENT")


def test_attach_report_sends_the_month_s_page_with_the_office_s_summary_only(cchc, data_dir, smtp):
    import json

    import pageparse

    inbox, port = smtp
    configure(data_dir, port)
    args = ("--as-of", "2023-11-25", "--notice", "cchc-2023-11")
    result = cchc("remind", "--email", "--attach-report", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    received = inbox.by_subject()
    _, summary = next(m for s, m in received.items() if "tổng hợp" in s)
    (page,) = [p for p in summary.iter_attachments() if p.get_content_type() == "text/html"]
    assert page.get_filename() == "bao-cao-2023-11.html"
    assert page.get_content_charset() == "utf-8"
    report = json.loads(cchc("report", "-f", "json", "--period", "2023-11", *args).stdout)
    document = pageparse.parse(page.get_content())
    assert pageparse.totals(document)["overdue"] == report["totals"]["overdue"] == 51
    for subject, (_, message) in received.items():
        if "tổng hợp" not in subject:
            types = [p.get_content_type() for p in message.iter_attachments()]
            assert types == ["text/calendar"], subject
