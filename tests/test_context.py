"""The run context, the shared options, the error hierarchy, and the logic the CLI
hands to the layers below it (notice files, commit messages, reference matching,
sending mail), each tested directly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.cli.context import argv_option, build_run, help_lang
from cchc_cli.core.dates import DateError, PartialDate, parse_date
from cchc_cli.core.deadlines import DeadlineError, parse_deadline
from cchc_cli.core.errors import EXIT_DATA, EXIT_USAGE, CchcError, DataFolderError, UsageError
from cchc_cli.core.model import SmtpSettings
from cchc_cli.services.git import commit_message
from cchc_cli.services.mail import Delivery, MailError, deliver, missing_settings
from cchc_cli.store import notices
from cchc_cli.store.loader import check_folder
from cchc_cli.views.i18n import Lang
from cchc_cli.views.query import ref_matches

ROOT = Path(__file__).resolve().parent.parent
DUE = ("due", "--before", "2023-12-10", "--as-of", "2023-11-20")

# -- shared options, before or after the command name -----------------------------------


def test_shared_options_work_after_the_command_name(cchc, data_dir):
    result = cchc(*DUE, "--data", "data", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Ref ")


def test_shared_options_work_before_the_command_name(cchc, data_dir, tmp_path):
    after = cchc(*DUE, "--lang", "en", "--data", str(data_dir))
    before = cchc("--lang", "en", "--data", str(data_dir), *DUE)
    assert before.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    assert cchc("--as-of", "2023-11-20", "due", "--before", "2023-12-10").stdout == (
        cchc(*DUE).stdout
    )


def test_an_option_after_the_command_name_wins_over_one_before(cchc, data_dir):
    result = cchc("--lang", "vi", *DUE, "--lang", "en")
    assert result.stdout.startswith("Ref ")


def test_the_language_of_a_run_is_always_a_lang(data_dir):
    run = build_run({}, {})
    assert run.lang is Lang.VI
    assert build_run({"lang": Lang.EN}, {}).lang is Lang.EN
    assert build_run({}, {"CCHC_LANG": "en"}).lang is Lang.EN
    (data_dir / "config.yaml").write_text("language: en\n", "utf-8")
    assert build_run({}, {}).lang is Lang.EN
    assert build_run({"lang": Lang.VI}, {}).lang is Lang.VI


def test_the_run_loads_the_data_only_when_asked(data_dir):
    run = build_run({"as_of": "2023-11-20"}, {})
    assert run._dataset is None
    assert str(run.today) == "2023-11-20"
    assert run._dataset is not None
    run.finish()  # no errors in the bundled data: no exit


def test_help_language_uses_the_same_order(tmp_path):
    (tmp_path / "config.yaml").write_text("language: en\n", "utf-8")
    data = str(tmp_path)
    assert help_lang(["--help", "--data", data], {}) is Lang.EN
    assert help_lang(["--help", "--data", data], {"CCHC_LANG": "vi"}) is Lang.VI
    assert help_lang(["--help", "--data", data, "--lang", "vi"], {"CCHC_LANG": "en"}) is Lang.VI
    assert argv_option(["due", "--lang=en"], "--lang") == "en"
    assert argv_option(["due", "--lang"], "--lang") is None


# -- one error hierarchy ---------------------------------------------------------------


def test_every_error_a_user_can_cause_is_a_cchc_error_with_its_exit_code(tmp_path):
    with pytest.raises(DataFolderError) as folder:
        check_folder(tmp_path / "missing")
    assert isinstance(folder.value, CchcError)
    assert (folder.value.key, folder.value.exit_code) == ("data.missing", EXIT_USAGE)
    assert folder.value.args_ == {"path": str(tmp_path / "missing")}
    with pytest.raises(DateError) as day:
        parse_date("2023-13-01")
    assert isinstance(day.value, CchcError) and isinstance(day.value, ValueError)
    assert day.value.exit_code == EXIT_DATA
    with pytest.raises(DeadlineError) as deadline:
        parse_deadline("khi nào xong", None)
    assert isinstance(deadline.value, CchcError)
    assert deadline.value.key == "deadline.unreadable"
    mail = MailError("mail.unreachable", Delivery(), host="h", reason="r")
    assert isinstance(mail, CchcError) and mail.args_ == {"host": "h", "reason": "r"}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_stdout_names_stdout_and_the_reason(data_dir):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cchc_cli", "status", "--as-of", "2023-11-20", "--lang", "en"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "cchc: error: <stdout>: No space left on device\n"


def test_an_unreadable_data_folder_is_one_line_and_exit_2(cchc, tmp_path):
    result = cchc("list", "--data", str(tmp_path / "nowhere"), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("cchc: error: ")


# -- notice files for new and import ---------------------------------------------------


def test_a_new_id_comes_from_the_number_or_the_date():
    assert notices.new_id("123/TB-UBND", PartialDate(2023, 11, 7)) == "tb-123-2023"
    assert notices.new_id("", PartialDate(2023, 11, 7)) == "tb-2023-11"
    assert notices.new_id(None, PartialDate(2023, None, None)) == "tb-2023"
    assert notices.new_id(None, None) == "tb-0"


def test_an_id_that_cannot_be_a_file_name_or_is_taken_is_refused():
    notices.check_id("tb-12-2025", ["tb-1-2025"])
    for bad in ("../x", "a/b", "", ".hidden", "x y", "x" * 101):
        with pytest.raises(UsageError) as caught:
            notices.check_id(bad, [])
        assert caught.value.key == "new.bad-id"
    with pytest.raises(CchcError) as taken:
        notices.check_id("tb-1-2025", ["tb-1-2025"])
    assert (taken.value.key, taken.value.exit_code) == ("import.taken", EXIT_DATA)


def test_create_never_replaces_a_file(tmp_path):
    path = notices.notice_path(tmp_path, "tb-1")
    assert notices.create(path, "id: tb-1\n") == path
    assert path.read_text("utf-8") == "id: tb-1\n"
    with pytest.raises(CchcError) as caught:
        notices.create(path, "id: other\n")
    assert caught.value.key == "import.exists"
    assert path.read_text("utf-8") == "id: tb-1\n"


def test_new_refuses_an_id_outside_the_notices_folder(cchc, data_dir):
    result = cchc("new", "--title", "X", "--id", "../../escape", "--lang", "en")
    assert result.exit_code == 2
    assert "cannot be a file name" in result.stderr
    assert not (data_dir.parent / "escape.yaml").exists()


# -- commit messages, references, mail -------------------------------------------------


def test_the_commit_message_names_command_task_units_and_user():
    message = commit_message("done", "cchc-2023-11/8.2", ["vinh-ha", "vinh-tu"], "lan", "Đã ghi")
    assert message == "cchc done cchc-2023-11/8.2: vinh-ha, vinh-tu (lan)\n\nĐã ghi"
    assert commit_message("cancel", "a/1", [], "lan", "x") == "cchc cancel a/1 (lan)\n\nx"


def test_one_reference_matcher_for_full_and_short_forms():
    assert ref_matches("cchc-2023-11", "2.3", "cchc-2023-11/2.3")
    assert ref_matches("cchc-2023-11", "2.3", "cchc-2023/2.3")
    assert ref_matches("cchc-2023-11", "2.3", " 2.3 ")
    assert not ref_matches("cchc-2023-11", "2.3", "2.30")
    assert not ref_matches("cchc-2023-11", "2.3", "tb-1/2.3")


def test_log_filters_with_the_same_matcher(cchc, data_dir):
    assert cchc("done", "2.3", "--as-of", "2023-11-24").exit_code == 0
    assert cchc("note", "7.1", "Đang làm", "--as-of", "2023-11-24").exit_code == 0
    shown = cchc("log", "cchc-2023/2.3", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert '"cchc-2023-11/2.3"' in shown.stdout and "7.1" not in shown.stdout


def test_mail_says_which_settings_are_missing():
    assert missing_settings(SmtpSettings(), (), False) == [
        "smtp.sender",
        "office_email",
        "smtp.host",
    ]
    assert missing_settings(SmtpSettings(sender="a@x.vn"), ("b@x.vn",), True) == []


def test_send_wants_the_password_when_a_user_is_set(tmp_path):
    settings = SmtpSettings(host="127.0.0.1", user="cchc", sender="a@x.vn")
    with pytest.raises(CchcError) as caught:
        deliver(tmp_path, [], settings, None, parse_date("2023-11-20"), "Asia/Ho_Chi_Minh")
    assert caught.value.args_ == {"variable": "CCHC_SMTP_PASSWORD"}
    # Nothing to send: no connection is even tried.
    delivery = deliver(tmp_path, [], settings, "pw", parse_date("2023-11-20"), "Asia/Ho_Chi_Minh")
    assert (delivery.sent, delivery.failed) == ([], [])


def test_help_lists_the_commands_in_the_order_a_clerk_meets_them():
    from typer.main import get_command

    from cchc_cli.cli.app import app

    names = list(get_command(app).commands)  # type: ignore[attr-defined]
    assert names[:8] == ["validate", "list", "show", "due", "overdue", "status", "units", "done"]
    assert names[-4:] == ["init", "new", "config", "cache"]
