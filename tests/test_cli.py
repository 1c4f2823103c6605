"""The commands as a clerk runs them, through Typer's runner, with exact outputs."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cchc_cli.cli.app import app

# -- list ------------------------------------------------------------------------


def test_list_prints_every_task_as_plain_text_when_piped(cchc, data_dir, golden):
    result = cchc("list")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    golden("list.vi.txt", result.stdout)


def test_list_in_english(cchc, data_dir, golden):
    result = cchc("list", "--lang", "en")
    assert result.exit_code == 0
    golden("list.en.txt", result.stdout)


def test_lang_and_data_come_from_the_environment(cchc, data_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    result = cchc("list", CCHC_DATA=str(data_dir), CCHC_LANG="en")
    assert result.exit_code == 0
    assert result.stdout.startswith("Ref ")


def test_list_json_has_the_documented_keys_and_expanded_assignees(cchc, data_dir):
    result = cchc("list", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 17
    by_ref = {r["ref"]: r for r in records}
    task = by_ref["cchc-2023-11/2.2"]
    assert task == {
        "ref": "cchc-2023-11/2.2",
        "notice": "cchc-2023-11",
        "id": "2.2",
        "assigned": ["noi-vu"],
        "assignees": ["noi-vu"],
        "lead": None,
        "with": ["doan-thanh-nien"],
        "text": task["text"],
        "deadline": "trước ngày 10/12/2023",
        "deadline_kind": "before",
        "last_day": "2023-12-09",
        "target": None,
        "report_to": None,
    }
    assert len(by_ref["cchc-2023-11/8.2"]["assignees"]) == 18
    assert by_ref["cchc-2023-11/1.1"]["last_day"] is None
    assert by_ref["cchc-2023-11/2.1"]["lead"] == "noi-vu"


def test_list_csv_is_utf8_with_a_bom_and_the_json_columns(cchc, data_dir):
    result = cchc("list", "--format", "csv", "--notice", "cchc-2023-11")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "\ufeffref,notice,id,assigned,assignees,lead,with,deadline,deadline_kind,last_day,text,"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 17
    assert rows[4]["ref"] == "cchc-2023-11/2.2"
    assert rows[4]["with"] == "doan-thanh-nien"
    assert rows[4]["last_day"] == "2023-12-09"
    assert rows[14]["assignees"].split("; ")[:2] == ["ho-xa", "ben-quan"]


@pytest.mark.parametrize(
    ("unit", "refs"),
    [
        ("noi vu", ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"]),
        ("Phòng Văn hoá và Thông tin", ["1.1", "1.2", "1.3", "6"]),
        ("VP HĐND&UBND", ["1.1", "1.2", "1.3", "3.1", "3.2"]),
        ("vinh hoa", ["1.1", "1.2", "1.3", "8.1", "8.2", "8.3"]),
        ("Ban QLDA", ["1.1", "1.2", "1.3", "5"]),
        ("các Chủ đầu tư", ["1.1", "1.2", "1.3", "5"]),
        ("UBND các xã, thị trấn", ["1.1", "1.2", "1.3", "8.1", "8.2", "8.3"]),
        ("doan-thanh-nien", ["2.2"]),  # coordinating (issue 20), marked by its role
    ],
)
def test_list_by_unit_resolves_names_and_groups(cchc, data_dir, unit, refs):
    result = cchc("list", "--unit", unit, "--format", "json")
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == refs


def test_list_search_ignores_marks_and_case(cchc, data_dir):
    result = cchc("list", "--search", "CHU KY SO", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["6"]
    result = cchc("list", "--search", "văn bản đến chờ xử lý", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["6", "7.2", "8.3"]


def test_list_with_nothing_found_prints_only_the_header(cchc, data_dir):
    result = cchc("list", "--search", "không có nội dung này")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["Mã  Đơn vị thực hiện  Thời hạn  Hạn cuối  Nội dung"]


def test_unknown_unit_is_a_usage_error_with_a_suggestion(cchc, data_dir):
    result = cchc("list", "--unit", "Phòng Nội vu 2")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "cchc: lỗi: không có đơn vị 'Phòng Nội vu 2' trong danh mục đơn vị; "
        "có phải là 'Phòng Nội vụ'?\n"
    )


def test_unknown_notice_is_a_usage_error(cchc, data_dir):
    result = cchc("list", "--notice", "tb-99", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "cchc: error: no notice 'tb-99'\n")


def test_bad_format_is_a_usage_error(cchc, data_dir):
    result = cchc("list", "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_data_folder_is_a_usage_error(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cchc("list")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: lỗi: không tìm thấy thư mục dữ liệu 'data' (chỉ định bằng --data hoặc CCHC_DATA)\n"
    )


def test_a_folder_that_is_not_a_data_folder_is_a_usage_error(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = cchc("validate", "--data", "empty", "--lang", "en")
    assert result.exit_code == 2
    assert "is not a cchc data folder" in result.stderr
    (tmp_path / "file.yaml").write_text("id: x\n", encoding="utf-8")
    result = cchc("validate", "--data", "file.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: error: 'file.yaml' is not a cchc data folder: it has no units.yaml and no notices/\n"
    )


def test_read_commands_report_data_errors_and_show_the_rest(cchc, data_dir):
    (data_dir / "notices" / "broken.yaml").write_text(
        "id: tb-1\ndate: 2023-12-01\ntitle: T\ntasks:\n"
        "  - {id: '1', assignees: [noi-vu], text: A, deadline: trước ngày 31/11/2023}\n"
        "  - {id: '2', assignees: [noi-vu], text: B}\n",
        encoding="utf-8",
    )
    result = cchc("list", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "data/notices/broken.yaml:5:66: error: không có ngày 31/11/2023: "
        "tháng 11/2023 chỉ có 30 ngày",
        "dữ liệu có 1 lỗi; các phần lỗi không được hiển thị (chạy 'cchc validate')",
    ]
    refs = [r["ref"] for r in json.loads(result.stdout)]
    assert "tb-1/2" in refs and "tb-1/1" not in refs
    assert len(refs) == 18


# -- show --------------------------------------------------------------------------


def test_show_prints_the_notice_header_the_task_and_its_source(cchc, data_dir, golden):
    result = cchc("show", "cchc-2023-11/2.2", "--as-of", "2023-11-30")
    assert result.exit_code == 0
    golden("show-2.2.vi.txt", result.stdout)


def test_show_in_english(cchc, data_dir, golden):
    result = cchc("show", "8.2", "--lang", "en", "--as-of", "2023-11-20")
    assert result.exit_code == 0
    golden("show-8.2.en.txt", result.stdout)


def test_show_json_is_the_task_record_with_its_progress(cchc, data_dir):
    result = cchc("show", "1.2", "--format", "json", "--as-of", "2023-11-25")
    record = json.loads(result.stdout)
    assert record["as_of"] == "2023-11-25"
    assert record["task_done"] is False
    assert set(record["statuses"].values()) == {"overdue"}
    assert len(record["statuses"]) == 31
    assert record["ref"] == "cchc-2023-11/1.2"
    assert record["report_to"] == "noi-vu"
    assert record["done"] == {} and record["extensions"] == [] and record["cancelled"] is None
    assert record["source"] == "data/notices/tb-ket-luan-cchc-vinh-linh-2023-11.yaml:41:5"


def test_show_accepts_any_unambiguous_reference(cchc, data_dir):
    for ref in ("cchc-2023-11/7.1", "cchc-2023/7.1", "7.1"):
        result = cchc("show", ref, "--format", "json")
        assert json.loads(result.stdout)["ref"] == "cchc-2023-11/7.1", ref


def test_show_an_ambiguous_reference_lists_the_candidates(cchc, data_dir):
    source = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = source.read_text(encoding="utf-8").replace("id: cchc-2023-11", "id: cchc-2023-12")
    (data_dir / "notices" / "copy.yaml").write_text(text, encoding="utf-8")
    result = cchc("show", "7.1", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == "cchc: error: '7.1' could be: cchc-2023-11/7.1, cchc-2023-12/7.1\n"


def test_show_an_unknown_reference_suggests_the_closest(cchc, data_dir):
    result = cchc("show", "cchc-2023-11/7,2", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: error: no task 'cchc-2023-11/7,2'; did you mean 'cchc-2023-11/7.2'?\n"
    )


def test_show_lists_completions_and_units_still_open(cchc, data_dir, golden):
    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = notice.read_text(encoding="utf-8")
    marked = text.replace(
        "    target: cập nhật, phê duyệt thông tin CBCCVC đạt 100%\n",
        "    target: cập nhật, phê duyệt thông tin CBCCVC đạt 100%\n"
        "    done:\n"
        "      vinh-ha: 2023-11-22\n"
        "      Vĩnh Hoà: {on: 24/11/2023, evidence: Báo cáo số 12/BC-UBND}\n"
        "    extensions:\n"
        "      - {to: 2023-11-30, reason: Chờ tập huấn phần mềm, decision: Công văn 2200/UBND-NV}\n"
        "    notes:\n"
        "      - {on: 2023-11-27, text: đã đạt 40%}\n",
    )
    assert marked != text
    notice.write_text(marked, encoding="utf-8")
    result = cchc("show", "8.2", "--as-of", "2023-11-25")
    assert result.exit_code == 0, result.stderr
    golden("show-8.2-progress.vi.txt", result.stdout)


# -- units -------------------------------------------------------------------------


def test_units_lists_the_registry_and_its_groups(cchc, data_dir, golden):
    result = cchc("units")
    assert result.exit_code == 0
    golden("units.vi.txt", result.stdout)


def test_units_json_has_units_and_groups_with_members(cchc, data_dir):
    document = json.loads(cchc("units", "--format", "json").stdout)
    assert len(document["units"]) == 32
    assert document["units"][1] == {
        "id": "noi-vu",
        "name": "Phòng Nội vụ",
        "short": "P. Nội vụ",
        "kind": "department",
        "groups": ["phong-ban"],
        "aliases": ["Nội vụ", "P. Nội vụ", "PNV"],
        "email": [],
    }
    groups = {g["id"]: g for g in document["groups"]}
    assert groups["xa-thi-tran"]["count"] == 18


# -- validate ----------------------------------------------------------------------


def test_validate_the_bundled_data_passes_with_warnings(cchc, data_dir, golden):
    result = cchc("validate")
    assert result.exit_code == 0
    golden("validate.vi.txt", result.stdout)


def test_validate_strict_fails_on_warnings(cchc, data_dir):
    result = cchc("validate", "--strict")
    assert result.exit_code == 1
    assert result.stdout.endswith("0 lỗi, 6 cảnh báo\n")


# -- help --------------------------------------------------------------------------

COMMANDS = [
    "validate",
    "list",
    "show",
    "units",
    "due",
    "overdue",
    "status",
    "why",
    "done",
    "add",
    "reopen",
    "extend",
    "cancel",
    "note",
    "undo",
    "log",
    "migrate",
    "check-scope",
    "remind",
    "report",
    "export",
    "letter",
    "import",
    "init",
    "new",
    "config",
]


def test_the_cache_commands_have_help_text(cchc):
    result = cchc("cache", "--help")
    assert result.exit_code == 0
    assert "Xóa bộ nhớ đệm" in " ".join(result.stdout.split())


def test_the_command_list_is_complete():
    shown = [c for c in app.registered_commands if not c.hidden]
    assert sorted(c.name or c.callback.__name__ for c in shown) == sorted(COMMANDS)
    hidden = [c.name for c in app.registered_commands if c.hidden]
    assert hidden == []  # no merge driver any more: progress files merge with plain git


def test_every_command_is_listed_with_help_text(cchc):
    result = cchc("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_text(cchc, command):
    registered = {c.name or c.callback.__name__: c for c in app.registered_commands}
    assert registered[command].help, command
    result = cchc(command, "--help")
    assert result.exit_code == 0
    assert registered[command].help.split(";")[0][:30] in " ".join(result.stdout.split())


def test_show_json_says_the_task_is_done_once_every_assignee_is(cchc, data_dir):
    notice = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = notice.read_text(encoding="utf-8")
    line = "    deadline: trước ngày 25/11/2023\n"
    notice.write_text(text.replace(line, line + "    done: {noi-vu: 2023-11-24}\n"), "utf-8")
    before = json.loads(cchc("show", "2.3", "-f", "json", "--as-of", "2023-11-23").stdout)
    after = json.loads(cchc("show", "2.3", "-f", "json", "--as-of", "2023-11-24").stdout)
    assert (before["task_done"], after["task_done"]) == (False, True)
    assert after["statuses"] == {"noi-vu": "done_on_time"}
    assert after["done"] == {"noi-vu": {"on": "2023-11-24", "evidence": None, "note": None}}
