"""Issue 20's verbs: several tasks done at once, log by period and unit, completion
that offers only what makes sense."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from cchc_cli.cli.progress import complete_open_ref, complete_unit
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def _progress(data: Path, unit: str) -> str:
    path = data / "progress" / f"{unit}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _journal(data: Path) -> list[dict]:
    path = data / ".cchc" / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- done REF REF ... ----------------------------------------------------------------


def test_done_with_several_references_is_one_journal_entry(data_dir):
    result = cchc("done", "2.3", "7.1", "--as-of", "2023-11-30")
    assert result.exit_code == 0, result.stderr
    assert "cchc-2023-11/2.3" in _progress(data_dir, "noi-vu")
    assert "cchc-2023-11/7.1" in _progress(data_dir, "gd-dt")
    entries = _journal(data_dir)
    assert len(entries) == 1
    assert entries[0]["refs"] == ["cchc-2023-11/2.3", "cchc-2023-11/7.1"]
    shown = json.loads(cchc("show", "7.1", "-f", "json", "--as-of", "2023-11-30").stdout)
    assert "gd-dt" in shown["done"]


def test_undo_takes_back_every_task_of_a_done_with_several_references(data_dir):
    assert cchc("done", "2.3", "7.1", "--as-of", "2023-11-30").exit_code == 0
    assert cchc("undo").exit_code == 0
    assert _progress(data_dir, "noi-vu") == ""
    assert _progress(data_dir, "gd-dt") == ""


def test_done_with_one_bad_reference_writes_nothing(data_dir):
    result = cchc("done", "2.3", "9.9", "--as-of", "2023-11-30")
    assert result.exit_code == 2
    assert "9.9" in result.stderr
    assert _progress(data_dir, "noi-vu") == ""
    assert _journal(data_dir) == []


def test_done_with_one_task_already_done_writes_nothing_for_the_others(data_dir):
    assert cchc("done", "7.1", "--as-of", "2023-11-30").exit_code == 0
    before = _progress(data_dir, "gd-dt")
    result = cchc("done", "2.3", "7.1", "--as-of", "2023-11-30")
    assert result.exit_code == 1
    assert "7.1" in result.stderr
    assert _progress(data_dir, "noi-vu") == ""
    assert _progress(data_dir, "gd-dt") == before
    assert len(_journal(data_dir)) == 1


def test_done_with_the_same_task_twice_marks_it_once(data_dir):
    result = cchc("done", "2.3", "cchc-2023-11/2.3", "--as-of", "2023-11-30")
    assert result.exit_code == 0, result.stderr
    assert _progress(data_dir, "noi-vu").count("cchc-2023-11/2.3") == 1


def test_done_with_several_references_is_one_commit(data_dir):
    run = lambda *a: subprocess.run(a, cwd=data_dir, check=True, capture_output=True)  # noqa: E731
    run("git", "init", "-q")
    run(
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@x",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "0",
    )
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}
    result = cchc("done", "2.3", "7.1", "--commit", "--as-of", "2023-11-30", **env)
    assert result.exit_code == 0, result.stderr
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=data_dir, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(log) == 2
    assert log[0].startswith("cchc done cchc-2023-11/2.3 cchc-2023-11/7.1")


# -- log --since/--until/--unit ------------------------------------------------------


def _two_edits(data_dir: Path) -> None:
    assert cchc("done", "2.3", "--as-of", "2023-11-30").exit_code == 0
    assert cchc("done", "8.1", "--unit", "Vĩnh Tú", "--as-of", "2023-11-30").exit_code == 0
    path = data_dir / ".cchc" / "journal.jsonl"
    entries = _journal(data_dir)
    entries[0]["time"] = "2023-11-20T09:00:00+07:00"
    # 23:30 UTC on 27/11 is 28/11 in the office.
    entries[1]["time"] = "2023-11-27T23:30:00+00:00"
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def _logged(*args: str) -> list[str]:
    result = cchc("log", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [e["ref"] + " " + ",".join(e["units"]) for e in json.loads(result.stdout)]


def test_log_since_keeps_the_edits_of_that_day_and_after(data_dir):
    _two_edits(data_dir)
    assert _logged("--since", "28/11/2023") == ["cchc-2023-11/8.1 vinh-tu"]
    assert _logged("--since", "2023-11-20") == [
        "cchc-2023-11/2.3 noi-vu",
        "cchc-2023-11/8.1 vinh-tu",
    ]


def test_log_until_counts_days_in_the_offices_time_zone(data_dir):
    _two_edits(data_dir)
    assert _logged("--until", "27/11/2023") == ["cchc-2023-11/2.3 noi-vu"]
    assert _logged("--since", "-7d", "--as-of", "2023-12-04") == ["cchc-2023-11/8.1 vinh-tu"]


def test_log_unit_takes_a_name_or_a_group(data_dir):
    _two_edits(data_dir)
    assert _logged("--unit", "vinh tu") == ["cchc-2023-11/8.1 vinh-tu"]
    assert _logged("--unit", "noi vu") == ["cchc-2023-11/2.3 noi-vu"]
    assert _logged("--unit", "Phòng Tư pháp") == []


def test_log_refuses_a_period_with_no_day(data_dir):
    result = cchc("log", "--since", "2023-12-02", "--until", "2023-12-01")
    assert result.exit_code == 2
    assert "--since" in result.stderr and "Traceback" not in result.stderr


def test_log_refuses_a_bad_date_with_the_option_named(data_dir):
    result = cchc("log", "--since", "31/11/2023")
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: lỗi: --since")


def test_log_leaves_an_entry_with_an_unreadable_time_out_of_a_period(data_dir):
    _two_edits(data_dir)
    path = data_dir / ".cchc" / "journal.jsonl"
    entries = _journal(data_dir)
    entries[0]["time"] = "[bold]not a time"
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    assert _logged("--since", "2000-01-01") == ["cchc-2023-11/8.1 vinh-tu"]
    assert len(_logged()) == 2


# -- completion ----------------------------------------------------------------------


class _Context:
    def __init__(self, info_name: str = "done", **params: object) -> None:
        self.info_name = info_name
        self.params = {"data": "data", **params}

    def find_root(self) -> _Context:
        return self


def test_completion_of_done_offers_only_tasks_still_open(data_dir):
    assert "7.1" in complete_open_ref(_Context(), "7.")  # type: ignore[arg-type]
    assert cchc("done", "7.1", "--as-of", "2023-11-30").exit_code == 0
    offered = complete_open_ref(_Context(), "7.")  # type: ignore[arg-type]
    assert "7.1" not in offered and "cchc-2023-11/7.1" not in offered
    assert "7.2" in offered


def test_completion_of_unit_on_a_task_offers_its_assignees_still_open(data_dir):
    assert cchc("done", "8.1", "--unit", "vinh-tu", "--as-of", "2023-11-30").exit_code == 0
    offered = complete_unit(_Context(refs=["8.1"]), "vinh-t")  # type: ignore[arg-type]
    assert offered == ["vinh-thai", "vinh-thuy"]
    assert complete_unit(_Context(refs=["2.3"]), "") == ["noi-vu"]  # type: ignore[arg-type]
    reopen = _Context("reopen", ref="8.1")
    assert complete_unit(reopen, "") == ["vinh-tu"]  # type: ignore[arg-type]


def test_completion_through_the_shell_offers_open_assignees_for_done(data_dir):
    assert cchc("done", "8.1", "--unit", "vinh-tu", "--as-of", "2023-11-30").exit_code == 0
    result = cchc(
        _CCHC_COMPLETE="complete_bash", COMP_WORDS="cchc done 8.1 --unit vinh-t", COMP_CWORD="4"
    )
    assert result.stdout.split() == ["vinh-thai", "vinh-thuy"]


# -- the data folder, found as git finds its repository ------------------------------


def test_the_data_folder_is_found_from_inside_it_and_its_notices(data_dir, monkeypatch):
    expected = cchc("due", "--by", "2023-12-31", "--as-of", "2023-12-01", "-f", "json").stdout
    assert expected.startswith("[")
    for inside in (data_dir, data_dir / "notices"):
        monkeypatch.chdir(inside)
        result = cchc("due", "--by", "2023-12-31", "--as-of", "2023-12-01", "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected


def test_a_folder_found_upward_wins_over_cchc_data(data_dir, monkeypatch, tmp_path):
    monkeypatch.chdir(data_dir / "notices")
    result = cchc("config", "-f", "json", CCHC_DATA=str(tmp_path / "elsewhere"))
    row = next(r for r in json.loads(result.stdout) if r["setting"] == "data")
    assert row["value"] == str(data_dir.resolve())
    assert "units.yaml" in row["source"]


def test_an_explicit_data_option_wins_over_the_folder_found_upward(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir / "notices")
    result = cchc("config", "--data", "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_cchc_data_and_then_dot_data_when_nothing_is_found_upward(data_dir, tmp_path):
    rows = json.loads(cchc("config", "-f", "json", "--lang", "en").stdout)
    assert rows[0] == {"setting": "data", "value": "data", "source": "default"}
    rows = json.loads(cchc("config", "-f", "json", CCHC_DATA=str(data_dir)).stdout)
    assert rows[0] == {"setting": "data", "value": str(data_dir), "source": "CCHC_DATA"}


def test_config_says_in_english_why_a_folder_was_chosen(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir)
    result = cchc("config", "--lang", "en")
    assert "the nearest folder holding units.yaml, from the current folder upward" in result.stdout


def test_a_folder_or_a_pipe_named_units_yaml_does_not_make_a_data_folder(tmp_path):
    from cchc_cli.store.discover import find_upward

    (tmp_path / "a" / "units.yaml").mkdir(parents=True)
    assert find_upward(tmp_path / "a") is None
    (tmp_path / "b").mkdir()
    os.mkfifo(tmp_path / "b" / "units.yaml")
    assert find_upward(tmp_path / "b") is None
    (tmp_path / "c" / "d").mkdir(parents=True)
    (tmp_path / "c" / "units.yaml").write_text("units: []\n")
    assert find_upward(tmp_path / "c" / "d") == Path("..")


def test_edits_made_from_inside_the_notices_folder_land_in_the_data_folder(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir / "notices")
    assert cchc("done", "2.3", "--as-of", "2023-11-30").exit_code == 0
    assert "cchc-2023-11/2.3" in _progress(data_dir, "noi-vu")
    assert not (data_dir / "notices" / "progress").exists()


# -- options before or after the command name ----------------------------------------


def test_shared_options_are_taken_before_the_command_name(data_dir):
    after = cchc("due", "--lang", "en", "--as-of", "2023-12-01", "-f", "json")
    before = cchc("--lang", "en", "--as-of", "2023-12-01", "-f", "json", "due")
    assert before.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    assert json.loads(before.stdout)


def test_an_option_after_the_name_wins_over_the_same_before_it(data_dir):
    result = cchc("-f", "json", "--lang", "vi", "units", "--lang", "en", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert not result.stdout.lstrip("\ufeff").startswith("[")


def test_format_before_a_command_with_a_format_of_its_own_is_refused(data_dir):
    result = cchc("--lang", "en", "-f", "json", "report", "--period", "2023-11")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: error: report has a --format of its own: write --format after the command name\n"
    )


# -- show on a group task ------------------------------------------------------------


def test_show_on_a_group_task_lists_each_member_with_status_and_dates(data_dir):
    assert (
        cchc(
            "done",
            "8.2",
            "--unit",
            "Vĩnh Tú",
            "--evidence",
            "[bold]BC 7[/]",
            "--as-of",
            "2023-11-22",
        ).exit_code
        == 0
    )
    extended = cchc(
        "extend",
        "8.2",
        "--unit",
        "vinh-ha",
        "--to",
        "2023-12-15",
        "--reason",
        "Mất điện",
        "--as-of",
        "2023-11-22",
    )
    assert extended.exit_code == 0, extended.stderr
    result = cchc("show", "8.2", "--as-of", "2023-11-30", COLUMNS="160")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = lines[lines.index("Từng đơn vị được giao") + 2 :]
    assert len(rows) == 18
    tu = next(r for r in rows if r.startswith("Xã Vĩnh Tú"))
    assert tu.split() == [
        "Xã",
        "Vĩnh",
        "Tú",
        "Hoàn",
        "thành",
        "đúng",
        "hạn",
        "23/11/2023",
        "22/11/2023",
        "[bold]BC",
        "7[/]",
    ]
    ha = next(r for r in rows if r.startswith("Xã Vĩnh Hà"))
    assert "15/12/2023" in ha and "trong hạn" in ha
    kt = next(r for r in rows if r.startswith("Xã Kim Thạch"))
    assert "Quá hạn chưa hoàn thành" in kt and "23/11/2023" in kt


def test_show_json_gives_each_member(data_dir):
    result = cchc("show", "8.2", "-f", "json", "--as-of", "2023-11-30")
    members = json.loads(result.stdout)["members"]
    assert len(members) == 18
    assert members[0] == {
        "unit": "ho-xa",
        "name": "Thị trấn Hồ Xá",
        "status": "overdue",
        "last_day": "2023-11-23",
        "done_on": None,
        "evidence": None,
    }


def test_show_on_a_task_of_one_unit_has_no_members_table(data_dir):
    result = cchc("show", "2.3", "--as-of", "2023-11-30")
    assert "Từng đơn vị được giao" not in result.stdout


def test_show_lists_the_coordinating_units(data_dir):
    result = cchc("show", "2.2", "--lang", "en", "--as-of", "2023-11-30", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "\nIn coordination with,Đoàn thanh niên huyện\n" in result.stdout


def test_the_status_words_of_list_are_the_clis_choices():
    from cchc_cli.cli.read import ListStatus
    from cchc_cli.views.listing import STATUS_WORDS

    assert sorted(STATUS_WORDS) == sorted(s.value for s in ListStatus)


# -- list --status, --search, --unit with coordinating units -------------------------


def _refs(*args: str) -> list[str]:
    result = cchc("list", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [r["ref"].rpartition("/")[2] for r in json.loads(result.stdout)]


def test_list_status_overdue_open_done_cancelled(data_dir):
    assert _refs("--status", "overdue", "--as-of", "2023-12-01") == ["1.2", "2.3", "7.1", "8.2"]
    assert cchc("done", "7.1", "--as-of", "2023-11-20").exit_code == 0
    assert cchc("cancel", "2.3", "--reason", "Gộp", "--as-of", "2023-11-25").exit_code == 0
    assert _refs("--status", "overdue", "--as-of", "2023-12-01") == ["1.2", "8.2"]
    assert _refs("--status", "done", "--as-of", "2023-12-01") == ["7.1"]
    assert _refs("--status", "done_on_time", "--as-of", "2023-12-01") == ["7.1"]
    assert _refs("--status", "cancelled", "--as-of", "2023-12-01") == ["2.3"]
    opened = _refs("--status", "open", "--as-of", "2023-12-01")
    assert "7.1" not in opened and "2.3" not in opened and "8.2" in opened
    # As it stood before the completion and the cancellation were recorded:
    assert _refs("--status", "done", "--as-of", "2023-11-19") == []


def test_list_status_of_a_group_task_for_one_unit_counts_that_units_pair(data_dir):
    assert cchc("done", "8.2", "--unit", "Vĩnh Tú", "--as-of", "2023-11-20").exit_code == 0
    assert "8.2" in _refs("--status", "overdue", "--as-of", "2023-12-01")
    assert "8.2" not in _refs("--status", "done", "--as-of", "2023-12-01")
    assert "8.2" not in _refs("--status", "overdue", "--unit", "vinh tu", "--as-of", "2023-12-01")
    assert "8.2" in _refs("--status", "done", "--unit", "vinh tu", "--as-of", "2023-12-01")


def test_list_status_refuses_an_unknown_word(data_dir):
    result = cchc("list", "--status", "late", "--lang", "en")
    assert result.exit_code == 2
    assert "overdue" in result.stderr and "Traceback" not in result.stderr


def test_list_search_looks_at_the_deadline_phrase_notes_and_evidence(data_dir):
    assert _refs("--search", "tu nay den 14/12") == ["8.1"]
    assert (
        cchc("note", "2.3", "Đã gửi Sở Nội vụ [bold]bản thảo[/]", "--as-of", "2023-11-25").exit_code
        == 0
    )
    assert _refs("--search", "ban thao") == ["2.3"]
    assert (
        cchc("done", "7.1", "--evidence", "Công văn 1234/PGDĐT", "--as-of", "2023-11-20").exit_code
        == 0
    )
    assert _refs("--search", "1234/pgddt") == ["7.1"]


def test_list_search_looks_at_the_notices_number_and_title(data_dir):
    notice = data_dir / "notices" / NOTICE
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace('number: ""', 'number: "412/TB-UBND"', 1), encoding="utf-8")
    everything = _refs()
    assert _refs("--search", "412/tb") == everything
    assert _refs("--search", "CHỈ SỐ chcc") == everything
    assert _refs("--search", "413/TB") == []


def test_list_unit_shows_the_tasks_it_coordinates_marked_as_such(data_dir):
    result = cchc("list", "--unit", "Huyện đoàn", COLUMNS="160")
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0].split()[:3] == ["Mã", "Vai", "trò"]
    assert any(r.startswith("cchc-2023-11/2.2") and "phối hợp" in r for r in rows)
    records = json.loads(cchc("list", "--unit", "Huyện đoàn", "-f", "json").stdout)
    roles = {r["ref"]: r["role"] for r in records}
    assert roles["cchc-2023-11/2.2"] == "with"
    english = cchc("list", "--unit", "Huyện đoàn", "--lang", "en", COLUMNS="160").stdout
    assert "coordinating" in english


def test_list_unit_marks_nothing_on_the_tasks_it_is_assigned(data_dir):
    records = json.loads(cchc("list", "--unit", "noi vu", "-f", "json").stdout)
    assert {r["role"] for r in records} == {"assigned"}
    assert "cchc-2023-11/2.2" in {r["ref"] for r in records}


def test_list_without_unit_has_no_role_column(data_dir):
    records = json.loads(cchc("list", "-f", "json").stdout)
    assert "role" not in records[0]


# -- typer's and click's own words in the interface's language -----------------------


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["due", "--bogus"], "không có tùy chọn --bogus", "No such option: --bogus"),
        (
            ["due", "--befor", "x"],
            "không có tùy chọn --befor (có thể là: --before, --format)",
            "No such option: --befor (Possible options: --before, --format)",
        ),
        (["done"], "thiếu đối số 'refs'", "Missing argument 'refs'."),
        (["dne"], "không có lệnh 'dne'; có phải: 'done', 'new', 'due'?", "No such command 'dne'."),
        (
            ["due", "--within", "x"],
            "giá trị không hợp lệ cho '--within': 'x' không phải số nguyên",
            "Invalid value for '--within': 'x' is not a valid int range.",
        ),
        (
            ["due", "--within", "-1"],
            "giá trị không hợp lệ cho '--within': -1 nằm ngoài khoảng 0<=x<=109572",
            "Invalid value for '--within': -1 is not in the range 0<=x<=109572.",
        ),
        (
            ["list", "-f", "xml"],
            "giá trị không hợp lệ cho '--format' / '-f': 'xml' không phải một trong "
            "'table', 'json', 'csv'",
            "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv'.",
        ),
        (["status", "extra"], "thừa đối số: extra", "Got unexpected extra argument(s) (extra)"),
        (["due", "--before"], "tùy chọn '--before' cần một giá trị", "Option '--before' requires"),
        (["done", "2.3", "--all=3"], "tùy chọn '--all' không nhận giá trị", "Option '--all' does"),
        (["cache", "x"], "không có lệnh 'x'", "No such command 'x'."),
    ],
)
def test_usage_errors_are_one_line_in_the_interfaces_language(data_dir, args, vi, en):
    result = cchc(*args)
    assert result.exit_code == 2
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"cchc: lỗi: {vi}")
    assert all(line.startswith("Xem 'cchc") for line in rest)
    assert "Error" not in result.stderr and "╭" not in result.stderr
    english = cchc(*args, CCHC_LANG="en")
    assert english.exit_code == 2
    assert english.stderr.startswith(f"cchc: error: {en}")
    assert "Traceback" not in english.stderr


def test_a_usage_error_speaks_the_language_given_after_the_mistake(data_dir):
    result = cchc("due", "--bogus", "--lang", "en")
    assert result.stderr.startswith("cchc: error: No such option: --bogus")
    assert "Try 'cchc due --help' for help." in result.stderr


def test_a_usage_error_speaks_the_language_of_config_yaml(data_dir):
    with open(data_dir / "config.yaml", "a", encoding="utf-8") as config:
        config.write("language: en\n")
    assert cchc("due", "--bogus").stderr.startswith("cchc: error: No such option")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_text_in_a_usage_error_is_shown_as_text(data_dir, lang):
    result = cchc("show", "2.3", "extra[/]\x1b[31m\nline", "--lang", lang)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "[/]" in result.stderr
    assert len(result.stderr.splitlines()) == 2


def _help(*args: str, **env: str) -> str:
    import sys

    environ = {k: v for k, v in os.environ.items() if k not in ("CCHC_LANG", "COLUMNS")}
    done = subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args],
        capture_output=True,
        text=True,
        env={**environ, **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_help_screens_own_words_are_vietnamese_by_default(data_dir):
    shown = _help("done", "--help")
    assert "Cách dùng: " in shown and " done [OPTIONS]" in shown
    assert "In hướng dẫn này rồi thoát." in shown
    assert "Tùy chọn" in shown and "Đối số" in shown
    assert "Show this message" not in shown and "Options" not in shown
    root = _help("--help")
    assert "Cài gợi ý hoàn thành lệnh" in root and "Install completion" not in root


def test_the_help_screens_own_words_are_english_with_lang_en(data_dir):
    shown = _help("done", "--help", "--lang", "en")
    assert "Usage: " in shown and " done [OPTIONS]" in shown
    assert "Show this message and exit." in shown


def test_install_completion_works_in_a_real_bash(data_dir, tmp_path):
    import shutil
    import sys

    cchc_script = Path(sys.executable).parent / "cchc"
    bash = shutil.which("bash")
    assert bash is not None and cchc_script.exists()
    assert cchc("done", "8.1", "--unit", "vinh-tu", "--as-of", "2023-11-30").exit_code == 0
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "SHELL": bash}
    env["PATH"] = f"{cchc_script.parent}{os.pathsep}{env.get('PATH', '')}"
    installed = subprocess.run(
        [str(cchc_script), "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir.parent,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    script = home / ".bash_completions" / "cchc.sh"
    assert installed.stdout.startswith(f"Đã cài gợi ý hoàn thành lệnh cho bash vào {script}")
    assert f"source '{script}'" in (home / ".bashrc").read_text()
    line = (
        f"source '{script}'; COMP_WORDS=(cchc done 8.1 --unit vinh-t); COMP_CWORD=4; "
        '_cchc_completion cchc; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    offered = subprocess.run(
        [bash, "--norc", "-c", line], capture_output=True, text=True, env=env, cwd=data_dir.parent
    )
    assert offered.stdout.split() == ["vinh-thai", "vinh-thuy"]
    line = line.replace(
        "(cchc done 8.1 --unit vinh-t); COMP_CWORD=4", "(cchc done 7.); COMP_CWORD=2"
    )
    offered = subprocess.run(
        [bash, "--norc", "-c", line], capture_output=True, text=True, env=env, cwd=data_dir.parent
    )
    assert offered.stdout.split() == ["7.1", "7.2"]


# -- import of many files ------------------------------------------------------------

CORPUS = Path(__file__).parent / "import_corpus"


def test_import_of_many_files_writes_each_and_tells_each_failure(data_dir):
    (data_dir.parent / "bad.txt").write_text("không có gì\n", encoding="utf-8")
    files = [str(CORPUS / "01-so-95-doan-van.txt"), "bad.txt", str(CORPUS / "02-giao-ban-tuan.txt")]
    result = cchc("import", *files)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1].startswith("cchc: lỗi: bad.txt: không tìm thấy nhiệm vụ nào")
    assert lines[-1] == "cchc: lỗi: 1/3 tệp không nhập được (xem các dòng trên)"
    written = sorted(p.name for p in (data_dir / "notices").iterdir())
    assert written == [
        "tb-312-2023.yaml",
        "tb-95-2023.yaml",
        "tb-ket-luan-cchc-vinh-linh-2023-11.yaml",
    ]
    assert cchc("validate").exit_code == 0


def test_import_of_many_files_refuses_the_options_of_one(data_dir):
    one = str(CORPUS / "01-so-95-doan-van.txt")
    for extra in (["-o", "x.yaml"], ["--id", "tb-x"]):
        result = cchc("import", one, one, *extra)
        assert result.exit_code == 2
        assert "--output và --id chỉ dùng khi nhập một tệp" in result.stderr
    assert cchc("import", one, "-").exit_code == 2
    assert len(list((data_dir / "notices").iterdir())) == 1


def test_the_same_notice_twice_in_one_import_is_written_once(data_dir):
    one = str(CORPUS / "01-so-95-doan-van.txt")
    result = cchc("import", one, one)
    assert result.exit_code == 1
    assert len(list((data_dir / "notices").iterdir())) == 2


# -- on a terminal, at 80 and 160 columns --------------------------------------------


@pytest.mark.parametrize("columns", [80, 160])
def test_new_views_fit_the_terminal(data_dir, columns):
    import re

    from test_hostile import run_on_terminal

    sgr = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
    for args, wanted in (
        (["list", "--unit", "Huyện đoàn"], "phối hợp"),
        (["show", "8.2", "--as-of", "2023-12-01"], "Từng đơn vị được giao"),
        (["list", "--status", "overdue", "--as-of", "2023-12-01"], "23/11/2023"),
        (["log", "--since", "2023-11-01"], "Chưa có thao tác nào."),
    ):
        code, shown = run_on_terminal(args, data_dir, columns)
        assert code == 0, shown
        plain = sgr.sub("", shown)
        assert wanted in plain
        assert "Traceback" not in plain
        from rich.cells import cell_len

        assert max(cell_len(line) for line in plain.replace("\r", "").split("\n")) <= columns
