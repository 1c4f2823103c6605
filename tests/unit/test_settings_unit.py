"""store/settings.py and store/config.py: each setting's value and origin, in one order."""

from datetime import date

import pytest

from cchc_cli.core.errors import EXIT_USAGE, OptionError
from cchc_cli.core.model import Config, SmtpSettings
from cchc_cli.store.config import load_config, read_config
from cchc_cli.store.settings import (
    ENVIRONMENT,
    OPTIONS,
    RUN_ONLY,
    Setting,
    data_folder,
    language,
    pick,
    resolve,
    shown_rows,
    switch,
)


@pytest.mark.parametrize(
    ("given", "environ", "configured", "expected"),
    [
        ("true", {"CCHC_GIT_COMMIT": "0"}, "false", Setting("git_commit", "true", "--commit")),
        (None, {"CCHC_GIT_COMMIT": "0"}, "true", Setting("git_commit", "0", "CCHC_GIT_COMMIT")),
        (None, {"CCHC_GIT_COMMIT": ""}, "true", Setting("git_commit", "true", "config.yaml")),
        (None, {}, "true", Setting("git_commit", "true", "config.yaml")),
        (None, {}, None, Setting("git_commit", "false", "default")),
        (None, {"OTHER": "1"}, None, Setting("git_commit", "false", "default")),
    ],
)
def test_pick_takes_the_first_of_command_line_environment_file_default(
    given, environ, configured, expected
):
    assert pick("git_commit", given, environ, configured, "false") == expected


def test_a_setting_without_option_or_variable_says_command_line_and_ignores_the_environment():
    assert pick("office", "VP", {}, None).origin == "command line"
    assert pick("office", None, {"CCHC_OFFICE": "x"}, "VP") == Setting(
        "office", "VP", "config.yaml"
    )


def test_every_option_and_variable_belongs_to_a_known_setting():
    assert set(OPTIONS) <= set(ENVIRONMENT)
    assert all(v.startswith("CCHC_") for v in ENVIRONMENT.values())
    assert all(o.startswith("--") for o in OPTIONS.values())
    assert set(RUN_ONLY) == {"today", "no_cache"}


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("t", True),
        ("yes", True),
        ("Y", True),
        ("on", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("f", False),
        ("NO", False),
        ("n", False),
        ("off", False),
        ("", False),
        ("  ", False),
    ],
)
def test_switch_words(word, value):
    assert switch(Setting("no_cache", word, "CCHC_NO_CACHE")) is value


@pytest.mark.parametrize("word", ["2", "yess", "có", "-1", "enabled"])
def test_switch_refuses_anything_else_naming_its_origin(word):
    with pytest.raises(OptionError) as caught:
        switch(Setting("git_commit", word, "config.yaml"))
    err = caught.value
    assert (err.option, err.key, err.args_, err.exit_code) == (
        "config.yaml",
        "cli.bad-switch",
        {"value": word},
        EXIT_USAGE,
    )


@pytest.mark.parametrize("word", ["EN", "vn", "", "vi-VN"])
def test_language_accepts_only_vi_and_en(word):
    with pytest.raises(OptionError) as caught:
        language(Setting("language", word, "--lang"))
    assert caught.value.args_ == {"value": word, "allowed": "vi, en"}


@pytest.mark.parametrize(
    ("given", "environ", "expected"),
    [
        (None, {}, Setting("data", "data", "default")),
        ("data", {"CCHC_DATA": "/srv/cchc"}, Setting("data", "/srv/cchc", "CCHC_DATA")),
        ("./data", {}, Setting("data", "./data", "--data")),
        (None, {"CCHC_DATA": ""}, Setting("data", "data", "default")),
        ("/tmp/x", {"CCHC_DATA": "/srv/cchc"}, Setting("data", "/tmp/x", "--data")),
    ],
)
def test_data_folder_order(given, environ, expected):
    assert data_folder(given, environ) == expected


def rows(settings):
    return {key: (value, origin) for key, value, origin in shown_rows(settings)}


def test_resolve_with_nothing_anywhere_gives_every_default():
    shown = rows(resolve(Config(), set(), {}, {}))
    assert shown["language"] == ("vi", "default")
    assert shown["timezone"] == ("Asia/Ho_Chi_Minh", "default")
    assert shown["reminder_days"] == ("3", "default")
    assert shown["git_commit"] == ("false", "default")
    assert shown["office_email"] == ("", "default")
    assert shown["smtp.security"] == ("starttls", "default")
    assert shown["smtp.password_env"] == ("CCHC_SMTP_PASSWORD", "default")
    assert shown["smtp.password"] == ("", "CCHC_SMTP_PASSWORD")
    assert "data" not in shown


def test_resolve_shows_what_the_file_writes_as_text():
    config = Config(
        holidays=(date(2024, 1, 1), date(2024, 4, 30)),
        office_email=("vp@x.vn", "nv@x.vn"),
        git_commit=True,
        reminder_days=5,
    )
    in_file = {"holidays", "office_email", "git_commit", "reminder_days"}
    shown = rows(resolve(config, in_file, {}, {}))
    assert shown["holidays"] == ("2024-01-01, 2024-04-30", "config.yaml")
    assert shown["office_email"] == ("vp@x.vn, nv@x.vn", "config.yaml")
    assert shown["git_commit"] == ("true", "config.yaml")
    assert shown["reminder_days"] == ("5", "config.yaml")


def test_a_key_the_file_does_not_write_is_a_default_even_if_the_config_has_a_value():
    shown = rows(resolve(Config(reminder_days=3), set(), {}, {}))
    assert shown["reminder_days"] == ("3", "default")


def test_the_command_line_beats_the_environment_beats_the_file_in_resolve():
    config = Config(language="en", git_commit=True)
    environ = {"CCHC_LANG": "vi", "CCHC_GIT_COMMIT": "no"}
    settings = resolve(config, {"language", "git_commit"}, environ, {"language": "en"})
    assert settings["language"] == Setting("language", "en", "--lang")
    assert settings.language == "en"
    assert settings["git_commit"] == Setting("git_commit", "no", "CCHC_GIT_COMMIT")
    assert settings.git_commit is False


def test_run_only_settings_come_from_the_command_line_or_environment_only():
    settings = resolve(Config(), set(), {"CCHC_TODAY": "2023-12-01"}, {"no_cache": "true"})
    assert settings["today"] == Setting("today", "2023-12-01", "CCHC_TODAY")
    assert settings["no_cache"] == Setting("no_cache", "true", "--no-cache")
    assert "today" not in rows(settings)


def test_the_data_setting_given_is_shown_first():
    data = Setting("data", "/srv/cchc", "CCHC_DATA")
    settings = resolve(Config(), set(), {}, {}, data)
    assert shown_rows(settings)[0] == ("data", "/srv/cchc", "CCHC_DATA")


def test_smtp_settings_combine_file_and_environment_key_by_key():
    config = Config(
        smtp=SmtpSettings(host="f.example.org", port=465, security="ssl", user="u", sender="s@x")
    )
    in_file = {"smtp", "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.sender"}
    environ = {"CCHC_SMTP_PORT": "2525", "CCHC_SMTP_USER": "env-user"}
    smtp = resolve(config, in_file, environ, {}).smtp
    assert smtp == SmtpSettings(
        host="f.example.org",
        port=2525,
        security="ssl",
        user="env-user",
        password_env="CCHC_SMTP_PASSWORD",
        sender="s@x",
    )


def test_the_password_is_read_from_the_variable_the_file_names():
    config = Config(smtp=SmtpSettings(password_env="VP_MAIL_PW"))
    environ = {"VP_MAIL_PW": "pw", "CCHC_SMTP_PASSWORD": "other"}
    settings = resolve(config, {"smtp", "smtp.password_env"}, environ, {})
    assert settings.password() == "pw"
    assert rows(settings)["smtp.password"] == ("(set)", "VP_MAIL_PW")
    assert rows(settings)["smtp.password_env"] == ("VP_MAIL_PW", "config.yaml")


def test_an_empty_password_variable_is_no_password():
    assert resolve(Config(), set(), {"CCHC_SMTP_PASSWORD": ""}, {}).password() is None


def test_office_email_splits_on_commas_and_drops_blanks():
    settings = resolve(Config(), set(), {"CCHC_OFFICE_EMAIL": " a@x.vn ,, b@x.vn ,"}, {})
    assert settings.office_email == ("a@x.vn", "b@x.vn")


def test_the_editor_is_visual_then_editor():
    assert resolve(Config(), set(), {"VISUAL": "vim", "EDITOR": "nano"}, {}).editor == "vim"
    assert resolve(Config(), set(), {"EDITOR": "nano"}, {}).editor == "nano"
    assert resolve(Config(), set(), {"VISUAL": ""}, {}).editor is None


def test_a_port_that_is_not_a_number_is_a_usage_error_naming_the_variable():
    settings = resolve(Config(), set(), {"CCHC_SMTP_PORT": "587a"}, {})
    with pytest.raises(OptionError) as caught:
        settings.smtp  # noqa: B018
    assert caught.value.option == "CCHC_SMTP_PORT"


def test_an_unknown_security_in_the_environment_is_a_usage_error():
    settings = resolve(Config(), set(), {"CCHC_SMTP_SECURITY": "tls"}, {})
    with pytest.raises(OptionError) as caught:
        settings.smtp  # noqa: B018
    assert caught.value.option == "CCHC_SMTP_SECURITY"


@pytest.mark.parametrize("port", ["0", "65536", "²", "9" * 5000])
def test_a_port_out_of_range_in_the_environment_is_a_usage_error(port):
    settings = resolve(Config(), set(), {"CCHC_SMTP_PORT": port}, {})
    with pytest.raises(OptionError) as caught:
        settings.smtp  # noqa: B018
    assert caught.value.option == "CCHC_SMTP_PORT"


def test_good_smtp_values_in_the_environment_are_taken():
    env = {"CCHC_SMTP_PORT": "465", "CCHC_SMTP_SECURITY": "ssl"}
    smtp = resolve(Config(), set(), env, {}).smtp
    assert (smtp.port, smtp.security) == (465, "ssl")


# -- config.yaml -----------------------------------------------------------------


def write(tmp_path, text):
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path, text):
    _, diagnostics, exists = load_config(write(tmp_path, text))
    assert exists
    return [(d.source.line, d.source.col, d.key) for d in diagnostics]


def test_no_config_file_is_every_default_and_no_problem(tmp_path):
    assert load_config(tmp_path) == (Config(), [], False)


def test_a_full_config_file_is_read_into_its_values(tmp_path):
    config, diagnostics, _ = load_config(
        write(
            tmp_path,
            "office: Văn phòng HĐND và UBND huyện Vĩnh Linh\n"
            "language: en\n"
            "git_commit: true\n"
            "timezone: Asia/Bangkok\n"
            "reminder_days: 7\n"
            "holidays: [2024-01-01, 30/04/2024]\n"
            "working_days: [2024-05-04]\n"
            "office_email: [vp@example.org]\n"
            "max_file_mb: 2\n"
            "smtp:\n"
            "  host: smtp.example.org\n"
            "  port: 465\n"
            "  security: ssl\n"
            "  user: cchc@example.org\n"
            "  password_env: VP_PW\n"
            '  sender: "VP <cchc@example.org>"\n',
        )
    )
    assert diagnostics == []
    assert config == Config(
        timezone="Asia/Bangkok",
        reminder_days=7,
        holidays=(date(2024, 1, 1), date(2024, 4, 30)),
        working_days=(date(2024, 5, 4),),
        office="Văn phòng HĐND và UBND huyện Vĩnh Linh",
        git_commit=True,
        language="en",
        office_email=("vp@example.org",),
        smtp=SmtpSettings(
            host="smtp.example.org",
            port=465,
            security="ssl",
            user="cchc@example.org",
            password_env="VP_PW",
            sender="VP <cchc@example.org>",
        ),
        max_file_mb=2,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("language: fr\n", [(1, 11, "config.bad-language")]),
        ("git_commit: yes please\n", [(1, 13, "config.bad-choice")]),
        ("timezone: Mars/Olympus\n", [(1, 11, "config.bad-timezone")]),
        ("reminder_days: -1\n", [(1, 16, "config.bad-number")]),
        ("reminder_days: 367\n", [(1, 16, "config.bad-number")]),
        ("max_file_mb: 0\n", [(1, 14, "config.bad-number")]),
        ("office_email: [not-an-address]\n", [(1, 16, "units.bad-email")]),
        ("holidays: [2024-02-30]\n", [(1, 12, "date.bad-day")]),
        ("smtp:\n  port: 70000\n", [(2, 9, "config.bad-number")]),
        ("smtp:\n  security: tls\n", [(2, 13, "config.bad-choice")]),
        ("smtp:\n  password: hunter2\n", [(2, 3, "config.password-in-file")]),
        ("smtp:\n  sender: Văn phòng\n", [(2, 11, "units.bad-email")]),
        ("- a\n- b\n", [(1, 1, "yaml.not-a-mapping")]),
    ],
)
def test_config_problems_point_at_the_value(tmp_path, text, expected):
    assert problems(tmp_path, text) == expected


def test_a_bad_value_leaves_the_default_in_force(tmp_path):
    config, _, _ = load_config(write(tmp_path, "reminder_days: many\nlanguage: fr\n"))
    assert (config.reminder_days, config.language) == (3, None)


def test_read_config_lists_smtp_keys_with_their_prefix(tmp_path):
    _, keys = read_config(write(tmp_path, "smtp:\n  host: h\n  user: u\noffice: VP\n"))
    assert keys == {"smtp", "smtp.host", "smtp.user", "office"}


def test_an_empty_config_file_leaves_every_default_in_force(tmp_path):
    config, _, exists = load_config(write(tmp_path, ""))
    assert (config, exists) == (Config(), True)
