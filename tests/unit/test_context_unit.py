"""cli/context.py: options read before parsing, the run, and the one error handler,
exercised through a throwaway Typer app so no real command is needed."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cchc_cli.cli.context import (
    EXIT_BROKEN_PIPE,
    Run,
    argv_option,
    build_run,
    command,
    help_lang,
)
from cchc_cli.core.diagnostics import Source, error, warning
from cchc_cli.core.errors import EXIT_OVERDUE, CchcError, OptionError, UsageError
from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import OutputFormat

# -- reading options before Typer does --------------------------------------------


@pytest.mark.parametrize(
    ("argv", "value"),
    [
        (["due", "--lang", "en"], "en"),
        (["due", "--lang=en"], "en"),
        (["--lang=", "due"], ""),
        (["--lang", "vi", "due", "--lang", "en"], "vi"),  # the first one found
        (["due", "--lang"], None),  # no value after it
        (["due", "--language", "en"], None),  # another option's name
        (["due", "--langx=en"], None),
        ([], None),
        (["--data", "/srv/a=b"], None),
    ],
)
def test_argv_option_finds_both_spellings(argv, value):
    assert argv_option(argv, "--lang") == value


def test_argv_option_keeps_an_equals_sign_inside_the_value():
    assert argv_option(["--data=/srv/a=b"], "--data") == "/srv/a=b"


@pytest.fixture
def english_folder(tmp_path: Path) -> str:
    (tmp_path / "config.yaml").write_text("# office\nlanguage: 'en'  # for the IT person\n")
    return str(tmp_path)


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        (["--help"], {}, Lang.VI),  # no config.yaml in ./data: the default
        (["--help", "--lang", "en"], {}, Lang.EN),
        (["due", "--help"], {"CCHC_LANG": "en"}, Lang.EN),
        (["due", "--help", "--lang=vi"], {"CCHC_LANG": "en"}, Lang.VI),
        (["due"], {}, Lang.VI),  # no help asked for: not even looked at
        (["--help", "--lang", "fr"], {}, Lang.VI),  # unknown: the default
    ],
)
def test_help_lang_without_a_config_file(argv, environ, lang, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert help_lang(argv, environ) is lang


def test_help_lang_reads_the_language_of_config_yaml_in_the_data_folder(english_folder):
    assert help_lang(["--help", "--data", english_folder], {}) is Lang.EN
    assert help_lang(["--help", f"--data={english_folder}"], {}) is Lang.EN
    assert help_lang(["--help"], {"CCHC_DATA": english_folder}) is Lang.EN
    assert help_lang([], {"CCHC_DATA": english_folder}) is Lang.EN  # bare `cchc` shows help


def test_help_lang_the_environment_beats_config_yaml(english_folder):
    assert help_lang(["--help", "--data", english_folder], {"CCHC_LANG": "vi"}) is Lang.VI


def test_help_lang_survives_an_unreadable_config(tmp_path):
    (tmp_path / "config.yaml").write_bytes(b"\xff\xfelanguage: en\n")
    (tmp_path / "other").mkdir()
    assert help_lang(["--help", "--data", str(tmp_path)], {}) is Lang.VI
    # config.yaml a folder: not readable as a file, no traceback either
    (tmp_path / "other" / "config.yaml").mkdir()
    assert help_lang(["--help", "--data", str(tmp_path / "other")], {}) is Lang.VI


# -- building the run ---------------------------------------------------------------


def test_build_run_without_any_folder_uses_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = build_run({}, {})
    assert (run.data, run.lang, run.fmt, run.commit, run.no_cache, run.as_of) == (
        Path("data"),
        Lang.VI,
        OutputFormat.TABLE,
        False,
        False,
        None,
    )


def test_build_run_takes_each_shared_option(tmp_path):
    run = build_run(
        {
            "data": tmp_path,
            "lang": Lang.EN,
            "no_cache": True,
            "as_of": "2023-11-20",
            "fmt": OutputFormat.JSON,
            "commit": True,
        },
        {},
    )
    assert (run.data, run.lang, run.fmt, run.commit, run.no_cache, run.as_of) == (
        tmp_path,
        Lang.EN,
        OutputFormat.JSON,
        True,
        True,
        "2023-11-20",
    )


def test_build_run_takes_the_environment_below_the_command_line(tmp_path):
    environ = {
        "CCHC_DATA": str(tmp_path),
        "CCHC_LANG": "en",
        "CCHC_NO_CACHE": "1",
        "CCHC_TODAY": "2024-01-02",
        "CCHC_GIT_COMMIT": "yes",
    }
    run = build_run({}, environ)
    assert (run.data, run.lang, run.no_cache, run.as_of, run.commit) == (
        tmp_path,
        Lang.EN,
        True,
        "2024-01-02",
        True,
    )
    assert build_run({"lang": Lang.VI}, environ).lang is Lang.VI


def test_build_run_refuses_a_bad_language_in_the_environment(tmp_path):
    with pytest.raises(OptionError) as caught:
        build_run({"data": tmp_path}, {"CCHC_LANG": "english"})
    assert (caught.value.option, caught.value.exit_code) == ("CCHC_LANG", 2)


def test_build_run_reads_git_commit_from_config_yaml(tmp_path):
    (tmp_path / "config.yaml").write_text("git_commit: true\n")
    assert build_run({"data": tmp_path}, {}).commit is True
    assert build_run({"data": tmp_path}, {"CCHC_GIT_COMMIT": "0"}).commit is False


def test_a_bad_today_in_the_environment_names_the_variable(tmp_path, monkeypatch):
    (tmp_path / "units.yaml").write_text("units:\n  - {id: a, name: A, kind: commune}\n")
    (tmp_path / "notices").mkdir()
    run = build_run({"data": tmp_path, "no_cache": True}, {"CCHC_TODAY": "someday"})
    with pytest.raises(OptionError) as caught:
        run.today  # noqa: B018
    assert caught.value.option == "CCHC_TODAY"
    given = {"data": tmp_path, "no_cache": True, "as_of": "someday"}
    with pytest.raises(OptionError) as caught:
        build_run(given, {"CCHC_TODAY": "2023-12-01"}).today  # noqa: B018
    assert caught.value.option == "--as-of"


def test_run_today_reads_relative_as_of_against_the_office_clock(tmp_path):
    (tmp_path / "units.yaml").write_text("units:\n  - {id: a, name: A, kind: commune}\n")
    (tmp_path / "notices").mkdir()
    run = build_run({"data": tmp_path, "no_cache": True, "as_of": "tomorrow"}, {})
    assert (run.today - run.clock_today()).days == 1
    assert build_run({"data": tmp_path, "as_of": "31/12/2023"}, {}).today == date(2023, 12, 31)


def test_a_diagnostic_line_is_path_line_col_severity_message(tmp_path):
    run = build_run({"data": tmp_path, "lang": Lang.EN}, {})
    line = run.diagnostic_line(error(Source("notices/a.yaml", 3, 7), "yaml.empty"))
    assert line == "notices/a.yaml:3:7: error: the file is empty"
    assert run.diagnostic_line(warning(Source("units.yaml"), "yaml.empty")) == (
        "units.yaml: warning: the file is empty"
    )


# -- the one error handler ----------------------------------------------------------


class Boom(OSError):
    pass


def app_raising(exc: BaseException) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A group, so the commands keep their names."""

    @command("fail", target=app)
    def fail_cmd(run: Run) -> None:
        raise exc

    @command("ok", target=app)
    def ok_cmd(run: Run) -> None:
        typer.echo(f"{run.lang.value} {run.fmt.value}")

    return app


def invoke(exc: BaseException, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app_raising(exc), ["fail", *args], env=env)


def test_a_data_error_is_one_line_on_stderr_and_exit_1(tmp_path):
    result = invoke(CchcError("yaml.empty"), "--data", str(tmp_path), "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "cchc: error: the file is empty\n",
    )


def test_the_error_speaks_vietnamese_by_default(tmp_path):
    result = invoke(CchcError("yaml.empty"), "--data", str(tmp_path))
    assert result.stderr == "cchc: lỗi: tệp rỗng\n"


def test_a_usage_error_exits_2(tmp_path):
    result = invoke(UsageError("yaml.empty"), "--data", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2


def test_an_option_error_is_prefixed_with_the_option(tmp_path):
    err = OptionError("--before", "cli.bad-date", text="soon")
    result = invoke(err, "--data", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: error: --before: ")
    assert "soon" in result.stderr


def test_an_errors_own_exit_code_is_kept(tmp_path):
    class Overdue(CchcError):
        exit_code = EXIT_OVERDUE

    assert invoke(Overdue("yaml.empty"), "--data", str(tmp_path)).exit_code == 3


def test_the_diagnostics_behind_an_error_come_first(tmp_path):
    err = CchcError("yaml.empty")
    err.diagnostics = [error(Source("a.yaml", 2, 5), "yaml.empty")]
    result = invoke(err, "--data", str(tmp_path), "--lang", "en")
    assert result.stderr == (
        "a.yaml:2:5: error: the file is empty\ncchc: error: the file is empty\n"
    )


def test_an_os_error_names_its_path_and_the_systems_reason(tmp_path):
    err = PermissionError(errno.EACCES, "Permission denied", "/srv/data/notices/a.yaml")
    result = invoke(err, "--data", str(tmp_path), "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        1,
        "cchc: error: /srv/data/notices/a.yaml: Permission denied\n",
    )


def test_an_os_error_without_a_reason_uses_its_text(tmp_path):
    result = invoke(Boom("disk on fire"), "--data", str(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    assert "disk on fire" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_pipe_exits_141_silently(tmp_path):
    result = invoke(BrokenPipeError(), "--data", str(tmp_path), "--lang", "en")
    assert (result.exit_code, result.stderr) == (EXIT_BROKEN_PIPE, "")


def test_an_error_while_building_the_run_is_handled_in_vietnamese(tmp_path):
    result = invoke(CchcError("yaml.empty"), "--data", str(tmp_path), env={"CCHC_LANG": "xx"})
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: lỗi: CCHC_LANG: ")


def test_shared_options_reach_the_run(tmp_path):
    app = app_raising(CchcError("yaml.empty"))
    result = CliRunner().invoke(
        app, ["ok", "--data", str(tmp_path), "--lang", "en", "--format", "json"]
    )
    assert (result.exit_code, result.stdout) == (0, "en json\n")


def test_a_command_keeps_its_name_and_help():
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Group."""

    @command("hello", target=app, shared=("lang",))
    def hello(run: Run, name: str = "x") -> None:
        """Say hello."""
        typer.echo(f"{name} {run.lang.value}")

    assert hello.__doc__ == "Say hello."
    result = CliRunner().invoke(app, ["hello", "--name", "Hà", "--lang", "en"])
    assert (result.exit_code, result.stdout) == (0, "Hà en\n")
    # An option the command did not take is refused by Typer.
    assert CliRunner().invoke(app, ["hello", "--data", "d"]).exit_code == 2


# -- what a run says ----------------------------------------------------------------


def broken_folder(tmp_path: Path) -> Path:
    (tmp_path / "units.yaml").write_text("units:\n  - {id: a, name: A, kind: commune}\n")
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "tb-1.yaml").write_text(
        "id: tb-1\ntitle: T\ndate: 2023-11-31\ntasks:\n  - id: '1'\n    assignees: [a]\n"
        "    text: x\n",
        encoding="utf-8",
    )
    return tmp_path


def test_the_datasets_errors_are_told_once_on_stderr_and_the_run_ends_with_exit_1(tmp_path, capsys):
    run = build_run({"data": broken_folder(tmp_path), "lang": Lang.EN, "no_cache": True}, {})
    run.dataset  # noqa: B018
    run.dataset  # noqa: B018
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{tmp_path / 'notices' / 'tb-1.yaml'}:3:7: error: ")
    assert err[-1].startswith("the data has 1 error")
    assert err[-1].endswith("(run 'cchc validate')")
    assert len(err) == 2
    with pytest.raises(SystemExit) as ended:
        run.finish()
    assert ended.value.code == 1


def test_one_error_in_the_data_is_singular_in_english(tmp_path, capsys):
    run = build_run({"data": broken_folder(tmp_path), "lang": Lang.EN, "no_cache": True}, {})
    run.dataset  # noqa: B018
    assert capsys.readouterr().err.splitlines()[-1].startswith("the data has 1 error;")


def test_a_run_that_never_read_the_data_ends_quietly(tmp_path):
    build_run({"data": broken_folder(tmp_path)}, {}).finish()


def test_read_gives_the_dataset_without_telling_its_errors(tmp_path, capsys):
    run = build_run({"data": broken_folder(tmp_path), "no_cache": True}, {})
    assert run.read().has_errors
    assert capsys.readouterr().err == ""


def test_warn_say_and_tell(tmp_path, capsys):
    run = build_run({"data": tmp_path, "lang": Lang.EN}, {})
    run.warn("careful")
    run.say("yaml.empty")
    run.tell("yaml.empty")  # not a terminal: silent
    out = capsys.readouterr()
    assert (out.out, out.err) == ("the file is empty\n", "cchc: warning: careful\n")


def test_emit_uses_the_runs_format(tmp_path, capsys):
    from cchc_cli.views.render import Column, Report, Section

    run = build_run({"data": tmp_path, "fmt": OutputFormat.JSON}, {})
    run.emit(Report([Section("r", [Column("ref", "label.ref")], [{"ref": "tb-1/1"}])]))
    assert capsys.readouterr().out == '[\n  {\n    "ref": "tb-1/1"\n  }\n]\n'
    run.emit(
        Report([Section("r", [Column("ref", "label.ref")], [{"ref": "tb-1/1"}])]),
        OutputFormat.CSV,
    )
    assert capsys.readouterr().out == "\ufeffref\r\ntb-1/1\r\n"


def test_run_task_finds_a_task_by_a_short_reference(tmp_path):
    (tmp_path / "units.yaml").write_text("units:\n  - {id: a, name: A, kind: commune}\n")
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "tb-1.yaml").write_text(
        "id: tb-1\ntitle: T\ndate: 2023-11-22\ntasks:\n  - id: '1.2'\n    assignees: [a]\n"
        "    text: Báo cáo\n",
        encoding="utf-8",
    )
    run = build_run({"data": tmp_path, "no_cache": True}, {})
    assert run.task("1.2").ref == "tb-1/1.2"
