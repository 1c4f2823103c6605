"""One order for every setting: command line > environment > config.yaml > default."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_cli.core.errors import OptionError
from cchc_cli.core.model import Config, SmtpSettings
from cchc_cli.store.config import read_config
from cchc_cli.store.settings import (
    Setting,
    data_folder,
    language,
    pick,
    resolve,
    shown_rows,
    switch,
)

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def test_each_layer_wins_over_the_ones_below_it():
    environ = {"CCHC_LANG": "en"}
    assert pick("language", "vi", environ, "en", "vi") == Setting("language", "vi", "--lang")
    assert pick("language", None, environ, "vi", "vi") == Setting("language", "en", "CCHC_LANG")
    assert pick("language", None, {}, "en", "vi") == Setting("language", "en", "config.yaml")
    assert pick("language", None, {}, None, "vi") == Setting("language", "vi", "default")
    # An empty variable is no setting at all, as a shell's `VAR= cchc` means.
    assert pick("language", None, {"CCHC_LANG": ""}, "en").origin == "config.yaml"


def test_a_switch_reads_the_words_a_shell_user_writes():
    for word in ("1", "true", "yes", "on", "TRUE"):
        assert switch(Setting("git_commit", word, "CCHC_GIT_COMMIT")) is True
    for word in ("0", "false", "no", "off", ""):
        assert switch(Setting("git_commit", word, "CCHC_GIT_COMMIT")) is False
    with pytest.raises(OptionError) as caught:
        switch(Setting("git_commit", "maybe", "CCHC_GIT_COMMIT"))
    assert (caught.value.option, caught.value.key, caught.value.exit_code) == (
        "CCHC_GIT_COMMIT",
        "cli.bad-switch",
        2,
    )


def test_an_unknown_language_names_where_it_was_written():
    with pytest.raises(OptionError) as caught:
        language(Setting("language", "fr", "CCHC_LANG"))
    assert caught.value.option == "CCHC_LANG"
    assert language(Setting("language", "en", "default")) == "en"


def test_data_folder_data_counts_as_the_default():
    assert data_folder("data", {}) == Setting("data", "data", "default")
    assert data_folder(None, {"CCHC_DATA": "/srv/d"}) == Setting("data", "/srv/d", "CCHC_DATA")
    assert data_folder("x", {"CCHC_DATA": "/srv/d"}) == Setting("data", "x", "--data")


def test_resolve_takes_smtp_from_the_environment_and_hides_the_password():
    config = Config(smtp=SmtpSettings(host="file.example.org", user="u"))
    environ = {"CCHC_SMTP_HOST": "env.example.org", "CCHC_SMTP_PASSWORD": "secret"}
    settings = resolve(config, {"smtp.host", "smtp.user"}, environ, {})
    assert settings.smtp.host == "env.example.org"
    assert settings.smtp.user == "u"
    assert settings.password() == "secret"
    rows = {k: (v, o) for k, v, o in shown_rows(settings)}
    assert rows["smtp.host"] == ("env.example.org", "CCHC_SMTP_HOST")
    assert rows["smtp.user"] == ("u", "config.yaml")
    assert rows["smtp.password"] == ("(set)", "CCHC_SMTP_PASSWORD")
    assert "secret" not in json.dumps(rows)
    # Settings of one run (--as-of, --no-cache) are not the office's: not shown.
    assert "today" not in rows and "no_cache" not in rows


def test_office_email_from_the_environment_is_a_list():
    settings = resolve(Config(), set(), {"CCHC_OFFICE_EMAIL": "a@x.vn, b@x.vn"}, {})
    assert settings.office_email == ("a@x.vn", "b@x.vn")


def test_read_config_names_the_keys_the_file_writes(tmp_path):
    (tmp_path / "config.yaml").write_text("language: en\nsmtp:\n  host: h.example.org\n", "utf-8")
    config, keys = read_config(tmp_path)
    assert config.language == "en"
    assert keys == {"language", "smtp", "smtp.host"}
    assert read_config(tmp_path / "nowhere") == (Config(), set())


# -- the same order on the command line ---------------------------------------------


def test_config_and_done_agree_the_environment_beats_config_yaml(cchc, tmp_path, monkeypatch):
    """git_commit: true in the file, CCHC_GIT_COMMIT=0 in the environment: no commit."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    assert cchc("init", "data", "--from-units", ROOT / "data" / "units.yaml").exit_code == 0
    shutil.copy(ROOT / "data" / "notices" / NOTICE, tmp_path / "data" / "notices" / NOTICE)
    config = tmp_path / "data" / "config.yaml"
    config.write_text(config.read_text("utf-8") + "git_commit: true\n", "utf-8")

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@x.vn", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@x.vn", "commit", "-qm", "start")

    shown = json.loads(cchc("config", "-f", "json", CCHC_GIT_COMMIT="0").stdout)
    rows = {r["setting"]: (r["value"], r["source"]) for r in shown}
    assert rows["git_commit"] == ("0", "CCHC_GIT_COMMIT")

    result = cchc("done", "2.3", "--as-of", "2023-11-24", CCHC_GIT_COMMIT="0")
    assert result.exit_code == 0, result.stderr
    assert git("rev-list", "--count", "HEAD") == "1\n"
    assert git("status", "--porcelain").strip() == "?? data/progress/"  # appended, not committed

    # Without the variable the file's switch holds, and --commit beats a "0".
    result = cchc("note", "2.3", "Đã gửi báo cáo", "--as-of", "2023-11-24", "--commit")
    assert result.exit_code == 0, result.stderr
    assert git("rev-list", "--count", "HEAD") == "2\n"


def test_a_bad_switch_in_the_environment_is_a_usage_error(cchc, data_dir):
    result = cchc("list", "--no-cache", CCHC_NO_CACHE="sometimes")
    assert result.exit_code == 0  # --no-cache given: the variable is not looked at
    result = cchc("list", CCHC_NO_CACHE="sometimes", CCHC_LANG="en")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: error: CCHC_NO_CACHE: 'sometimes' is not yes or no; use 1/0, true/false, yes/no\n"
    )


def test_a_bad_language_in_the_environment_is_a_usage_error(cchc, data_dir):
    result = cchc("due", CCHC_LANG="fr")
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: lỗi: CCHC_LANG: ngôn ngữ 'fr' không hợp lệ")
    assert "Traceback" not in result.stderr
