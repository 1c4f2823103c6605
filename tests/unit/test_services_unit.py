"""services/mail.py, services/git.py and store/notices.py, called directly: a real SMTP
server on 127.0.0.1 (aiosmtpd) and a real git repository in a temporary folder."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.errors import EXIT_USAGE, CchcError, UsageError
from cchc_cli.core.model import SmtpSettings
from cchc_cli.services.git import commit_file, commit_message
from cchc_cli.services.mail import (
    DEFAULT_PORTS,
    SENT_FILE,
    Delivery,
    MailError,
    deliver,
    missing_settings,
)
from cchc_cli.store import notices
from cchc_cli.store.fileio import state_dir
from cchc_cli.views.remind import Outgoing
from smtp_inbox import Inbox, free_port

DAY = date(2023, 12, 4)
TZ = "Asia/Ho_Chi_Minh"

# -- mail settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "office", "dry_run", "missing"),
    [
        (SmtpSettings(host="h", sender="s@x"), ("o@x",), False, []),
        (SmtpSettings(), (), False, ["smtp.sender", "office_email", "smtp.host"]),
        (SmtpSettings(), (), True, ["smtp.sender", "office_email"]),
        (SmtpSettings(sender="s@x"), ("o@x",), True, []),
        (SmtpSettings(host="h"), ("o@x",), False, ["smtp.sender"]),
        (SmtpSettings(host="h", sender="s@x"), (), False, ["office_email"]),
        (SmtpSettings(host="", sender=""), ("o@x",), False, ["smtp.sender", "smtp.host"]),
    ],
)
def test_missing_settings_lists_what_mail_needs_in_a_fixed_order(
    settings, office, dry_run, missing
):
    assert missing_settings(settings, office, dry_run) == missing


def test_the_default_ports_follow_the_security():
    assert DEFAULT_PORTS == {"starttls": 587, "ssl": 465, "none": 25}


# -- a real server ---------------------------------------------------------------


@pytest.fixture
def server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, SmtpSettings(host="127.0.0.1", port=controller.port, security="none")
    controller.stop()


def outgoing(key: str, to: str, subject: str = "Nhắc việc") -> Outgoing:
    message = EmailMessage()
    message["From"] = "cchc@vinhlinh.example"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{key.replace(':', '-')}@vinhlinh.example>"
    message.set_content("Kính gửi: Phòng Nội vụ\n", charset="utf-8")
    return Outgoing(key, (to,), message)


MAIL = [
    outgoing("unit:noi-vu", "nv@vinhlinh.example", "Nhắc việc - Phòng Nội vụ"),
    outgoing("office", "vp@vinhlinh.example", "Tổng hợp"),
]


def sent_log(data: Path) -> list[dict]:
    path = state_dir(data) / SENT_FILE
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_deliver_sends_each_message_to_its_addresses_and_records_it(server, tmp_path):
    inbox, settings = server
    delivery = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert delivery == Delivery(sent=["unit:noi-vu", "office"])
    assert [(to, str(m["Subject"])) for to, m in inbox.messages] == [
        (["nv@vinhlinh.example"], "Nhắc việc - Phòng Nội vụ"),
        (["vp@vinhlinh.example"], "Tổng hợp"),
    ]
    log = sent_log(tmp_path)
    assert [(e["day"], e["key"], e["to"]) for e in log] == [
        ("2023-12-04", "unit:noi-vu", ["nv@vinhlinh.example"]),
        ("2023-12-04", "office", ["vp@vinhlinh.example"]),
    ]
    assert log[0]["message_id"] == "<unit-noi-vu@vinhlinh.example>"
    assert log[0]["time"].endswith("+07:00")


def test_a_second_delivery_the_same_day_sends_nothing_and_says_so(server, tmp_path):
    inbox, settings = server
    deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    again = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert again == Delivery(skipped=["unit:noi-vu", "office"])
    assert len(inbox.messages) == 2


def test_forcing_sends_again_and_the_next_day_is_a_new_day(server, tmp_path):
    inbox, settings = server
    deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert deliver(tmp_path, MAIL, settings, None, DAY, TZ, force=True).sent == [
        "unit:noi-vu",
        "office",
    ]
    assert deliver(tmp_path, MAIL[:1], settings, None, date(2023, 12, 5), TZ).sent == [
        "unit:noi-vu"
    ]
    assert len(inbox.messages) == 5


def test_only_what_was_not_sent_goes_out_after_a_partial_run(server, tmp_path):
    _inbox, settings = server
    deliver(tmp_path, MAIL[:1], settings, None, DAY, TZ)
    delivery = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert (delivery.sent, delivery.skipped) == (["office"], ["unit:noi-vu"])


def test_a_refused_recipient_fails_that_message_only_and_is_not_recorded(server, tmp_path):
    inbox, settings = server
    inbox.refuse.add("nv@vinhlinh.example")
    delivery = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert delivery.sent == ["office"]
    ((key, reason),) = delivery.failed
    assert key == "unit:noi-vu"
    assert reason.startswith("nv@vinhlinh.example: 550 5.1.1")
    assert "Hộp thư không tồn tại" in reason
    assert [e["key"] for e in sent_log(tmp_path)] == ["office"]
    inbox.refuse.clear()
    assert deliver(tmp_path, MAIL, settings, None, DAY, TZ).sent == ["unit:noi-vu"]


def test_a_log_line_that_is_not_json_is_ignored(server, tmp_path):
    _inbox, settings = server
    log = state_dir(tmp_path) / SENT_FILE
    log.write_text('not json\n[1, 2]\n{"day": "2023-12-04", "key": "office"}\n{"da', "utf-8")
    delivery = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert (delivery.sent, delivery.skipped) == (["unit:noi-vu"], ["office"])


def test_a_log_entry_without_a_key_is_ignored(server, tmp_path):
    _inbox, settings = server
    log = state_dir(tmp_path) / SENT_FILE
    log.write_text('{"day": "2023-12-04"}\n', "utf-8")
    assert deliver(tmp_path, MAIL, settings, None, DAY, TZ).sent == ["unit:noi-vu", "office"]


def test_every_unusable_log_line_is_reported_by_number(server, tmp_path):
    _inbox, settings = server
    log = state_dir(tmp_path) / SENT_FILE
    lines = [
        '{"day": "2023-12-04"}',
        '{"day": "2023-12-04", "key": ["office"]}',
        "",
        '{"day": "2023-12-04", "key": "office"}',
        "null",
    ]
    log.write_text("\n".join(lines) + "\n", "utf-8")
    delivery = deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert (delivery.sent, delivery.skipped) == (["unit:noi-vu"], ["office"])
    assert delivery.bad_log_lines == [1, 2, 5]


def test_an_unreachable_server_fails_everything_pending_with_the_host(tmp_path):
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none")
    with pytest.raises(MailError) as caught:
        deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    err = caught.value
    assert (err.key, err.exit_code, err.args_["host"]) == ("mail.unreachable", 1, "127.0.0.1")
    assert [key for key, _ in err.delivery.failed] == ["unit:noi-vu", "office"]
    assert err.delivery.sent == []
    assert not (state_dir(tmp_path) / SENT_FILE).exists()


def test_nothing_pending_does_not_even_connect(tmp_path):
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none")
    assert deliver(tmp_path, [], settings, None, DAY, TZ) == Delivery()


def test_send_wants_a_password_when_a_user_is_set(tmp_path):
    settings = SmtpSettings(host="127.0.0.1", user="cchc", password_env="VP_PW")
    with pytest.raises(CchcError) as caught:
        deliver(tmp_path, MAIL, settings, None, DAY, TZ)
    assert (caught.value.key, caught.value.args_) == ("mail.no-password", {"variable": "VP_PW"})


def test_send_without_a_user_needs_no_password(server, tmp_path):
    _, settings = server
    assert deliver(tmp_path, MAIL[:1], settings, None, DAY, TZ).sent == ["unit:noi-vu"]


# -- git ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "ref", "units", "user", "what", "message"),
    [
        (
            "done",
            "cchc-2023-11/2.3",
            ["vinh-hoa", "vinh-tu"],
            "chuyenvien",
            "Đã ghi hoàn thành.",
            "cchc done cchc-2023-11/2.3: vinh-hoa, vinh-tu (chuyenvien)\n\nĐã ghi hoàn thành.",
        ),
        (
            "extend",
            "tb-1/1",
            [],
            "vp",
            "Gia hạn đến 31/12/2023.",
            "cchc extend tb-1/1 (vp)\n\nGia hạn đến 31/12/2023.",
        ),
        ("note", "tb-1/1", ["noi-vu"], "u", "", "cchc note tb-1/1: noi-vu (u)\n\n"),
    ],
)
def test_commit_message_is_a_summary_line_then_what_was_done(
    command, ref, units, user, what, message
):
    assert commit_message(command, ref, units, user, what) == message


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name, value in {
        "GIT_AUTHOR_NAME": "Chuyên viên",
        "GIT_AUTHOR_EMAIL": "cv@example.org",
        "GIT_COMMITTER_NAME": "Chuyên viên",
        "GIT_COMMITTER_EMAIL": "cv@example.org",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
    }.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "data" / "notices"
    folder.mkdir(parents=True)
    git(tmp_path / "data", "init", "-q")
    return folder


def test_commit_file_commits_that_file_alone_and_leaves_the_rest_staged(repo):
    (repo / "a.yaml").write_text("id: a\n")
    (repo / "b.yaml").write_text("id: b\n")
    git(repo, "add", "b.yaml")
    commit_file(repo / "a.yaml", "cchc done a/1 (cv)\n\nĐã ghi.")
    assert git(repo, "log", "--format=%B").strip() == "cchc done a/1 (cv)\n\nĐã ghi."
    assert git(repo, "show", "--name-only", "--format=").split() == ["notices/a.yaml"]
    assert git(repo, "diff", "--cached", "--name-only").split() == ["notices/b.yaml"]


def test_commit_file_with_nothing_changed_is_a_git_error_with_gits_last_line(repo):
    (repo / "a.yaml").write_text("id: a\n")
    commit_file(repo / "a.yaml", "first")
    with pytest.raises(CchcError) as caught:
        commit_file(repo / "a.yaml", "second")
    err = caught.value
    assert (err.key, err.args_["path"]) == ("git.failed", repo / "a.yaml")
    assert err.args_["reason"]  # git's own words, one line
    assert "\n" not in err.args_["reason"]


def test_commit_file_outside_a_repository_is_a_git_error(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "a.yaml").write_text("id: a\n")
    with pytest.raises(CchcError) as caught:
        commit_file(tmp_path / "a.yaml", "x")
    assert caught.value.key == "git.failed"
    assert "not a git repository" in caught.value.args_["reason"].lower()


def test_commit_file_without_git_on_the_path_is_a_git_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (tmp_path / "a.yaml").write_text("id: a\n")
    with pytest.raises(CchcError) as caught:
        commit_file(tmp_path / "a.yaml", "x")
    assert caught.value.key == "git.failed"


# -- new notice files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "issued", "ident"),
    [
        ("123/TB-UBND", PartialDate(2023, 11, 7), "tb-123-2023"),
        ("  45/TB-UBND", PartialDate(2024, 1, 2), "tb-2024-01"),  # the digits must lead
        ("07/TB-UBND", PartialDate(2023), "tb-07-2023"),
        ("/TB-UBND", PartialDate(2023, 11), "tb-2023-11"),  # "Số: /TB-UBND": no number
        ("", PartialDate(2023, 11, 22), "tb-2023-11"),
        (None, PartialDate(2023), "tb-2023"),
    ],
)
def test_new_id_from_the_number_else_the_month_else_the_year(number, issued, ident):
    assert notices.new_id(number, issued) == ident


@pytest.mark.parametrize(
    "ident",
    ["tb-123-2023", "TB.2023_11", "a", "9", "x" * 100],
)
def test_check_id_accepts_file_name_safe_ids(ident):
    notices.check_id(ident, ["other"])


@pytest.mark.parametrize(
    "ident",
    ["", "-tb", ".hidden", "../x", "tb/1", "tb 1", "tb-ư", "x" * 101, "tb\n1"],
)
def test_check_id_refuses_ids_that_cannot_be_a_file_name(ident):
    with pytest.raises(UsageError) as caught:
        notices.check_id(ident, [])
    assert (caught.value.key, caught.value.exit_code) == ("new.bad-id", EXIT_USAGE)


def test_check_id_refuses_an_id_taken_as_a_data_error():
    with pytest.raises(CchcError) as caught:
        notices.check_id("tb-1", iter(["tb-0", "tb-1"]))
    assert (caught.value.key, caught.value.exit_code) == ("import.taken", 1)


def test_notice_path_is_in_the_notices_folder(tmp_path):
    assert notices.notice_path(tmp_path, "tb-1") == tmp_path / "notices" / "tb-1.yaml"


def test_create_writes_the_whole_text_and_makes_the_folder(tmp_path):
    path = tmp_path / "notices" / "sub" / "tb-1.yaml"
    assert notices.create(path, "id: tb-1\ntitle: Kết luận\n") == path
    assert path.read_bytes() == "id: tb-1\ntitle: Kết luận\n".encode()
    assert [p.name for p in path.parent.iterdir()] == ["tb-1.yaml"]  # no temporary left


def test_create_never_writes_over_a_file(tmp_path):
    path = tmp_path / "tb-1.yaml"
    path.write_text("mine")
    with pytest.raises(CchcError) as caught:
        notices.create(path, "theirs")
    assert (caught.value.key, caught.value.args_) == ("import.exists", {"path": path})
    assert path.read_text() == "mine"


# -- logging in, and a server without STARTTLS -------------------------------------


class Accounts:
    """An authenticator that knows one account and remembers who logged in."""

    def __init__(self) -> None:
        self.logins: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"cchc",
            b"mat-khau-2023",
        ):
            self.logins.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


@pytest.fixture
def login_server():
    accounts = Accounts()
    controller = Controller(
        Inbox(),
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=accounts,
        auth_require_tls=False,
    )
    controller.start()
    yield (
        accounts,
        SmtpSettings(host="127.0.0.1", port=controller.port, security="none", user="cchc"),
    )
    controller.stop()


def test_the_user_logs_in_with_the_password_before_sending(login_server, tmp_path):
    accounts, settings = login_server
    delivery = deliver(tmp_path, MAIL[:1], settings, "mat-khau-2023", DAY, TZ)
    assert (delivery.sent, accounts.logins) == (["unit:noi-vu"], ["cchc"])


def test_a_password_with_vietnamese_letters_is_never_a_traceback(login_server, tmp_path):
    _, settings = login_server
    # Refused by the server and said in one line (a MailError) is fine; any other
    # exception reaches the user as a traceback.
    with contextlib.suppress(MailError):
        deliver(tmp_path, MAIL[:1], settings, "mật khẩu", DAY, TZ)


def test_a_non_ascii_password_is_a_mail_error_naming_the_variable(login_server, tmp_path):
    accounts, settings = login_server
    with pytest.raises(MailError) as caught:
        deliver(tmp_path, MAIL, settings, "mật khẩu", DAY, TZ)
    assert caught.value.key == "mail.password-not-ascii"
    assert caught.value.args_["variable"] == settings.password_env
    assert [key for key, _ in caught.value.delivery.failed] == ["unit:noi-vu", "office"]
    assert accounts.logins == []


def test_a_wrong_password_is_a_mail_error_and_nothing_is_sent(login_server, tmp_path):
    _, settings = login_server
    with pytest.raises(MailError) as caught:
        deliver(tmp_path, MAIL, settings, "sai", DAY, TZ)
    assert caught.value.key == "mail.unreachable"
    assert caught.value.args_["reason"].startswith("535")
    assert [key for key, _ in caught.value.delivery.failed] == ["unit:noi-vu", "office"]


def test_starttls_against_a_server_without_it_is_a_mail_error(server, tmp_path):
    _, settings = server
    plain_only = SmtpSettings(host=settings.host, port=settings.port, security="starttls")
    with pytest.raises(MailError) as caught:
        deliver(tmp_path, MAIL, plain_only, None, DAY, TZ)
    assert caught.value.key == "mail.unreachable"
    assert caught.value.delivery.sent == []
