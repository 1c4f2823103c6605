"""Many offices in one picture (issue 24): several data folders read together.

A province folder made by `cchc init` names two districts' folders in `sources:`;
the districts use the same unit ids and the same notice ids (the bundled notice),
and one has recorded completions the other has not.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA
from test_hostile import run_on_terminal

TODAY = "2023-12-20"
COUNTS = (
    "done_on_time",
    "done_late",
    "done_no_deadline",
    "in_progress",
    "overdue",
    "ongoing",
    "cancelled",
    "total",
)


def make_district(cchc, root: Path, name: str, office: str | None = None) -> Path:
    folder = root / name
    assert cchc("init", str(folder)).exit_code == 0
    shutil.copy(DATA / "units.yaml", folder / "units.yaml")
    for notice in (DATA / "notices").glob("*.yaml"):
        shutil.copy(notice, folder / "notices" / notice.name)
    if office:
        with open(folder / "config.yaml", "a", encoding="utf-8") as handle:
            handle.write(f"office: {office}\n")
    return folder


@pytest.fixture
def province(cchc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tinh/ (sources: vinh-linh, gio-linh), two districts with the same unit ids."""
    monkeypatch.chdir(tmp_path)
    make_district(cchc, tmp_path, "vinh-linh", "Văn phòng HĐND và UBND huyện Vĩnh Linh")
    gio = make_district(cchc, tmp_path, "gio-linh", "Văn phòng HĐND và UBND huyện Gio Linh")
    # Gio Linh has work done that Vĩnh Linh has not: the numbers differ.
    for ref, unit in (("2.3", "noi-vu"), ("7.1", "gd-dt"), ("1.1", "xa-thi-tran")):
        done = cchc("done", ref, "--unit", unit, "--on", "2023-11-23", "--data", str(gio))
        assert done.exit_code == 0, done.stderr
    tinh = tmp_path / "tinh"
    assert cchc("init", str(tinh)).exit_code == 0
    with open(tinh / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("office: Sở Nội vụ tỉnh Quảng Trị\noffice_id: quang-tri\n")
        handle.write("sources:\n  - ../vinh-linh\n  - ../gio-linh\n")
    return tinh


def as_json(result) -> object:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def status_json(cchc, *data: Path, by: str = "unit") -> list[dict]:
    folders = [a for d in data for a in ("--data", str(d))]
    return as_json(cchc("status", *folders, "--by", by, "-f", "json", "--as-of", TODAY))


def report_json(cchc, *args: str) -> dict:
    return as_json(cchc("report", *args, "-f", "json", "--as-of", TODAY))


# -- the numbers -------------------------------------------------------------------------


def test_status_of_the_province_is_each_districts_own_status_side_by_side(cchc, province):
    root = province.parent
    together = status_json(cchc, province)
    for district in ("vinh-linh", "gio-linh"):
        alone = status_json(cchc, root / district)
        mine = [r for r in together if r["office_id"] == district]
        assert [r["unit"] for r in mine] == [f"{district}/{r['unit']}" for r in alone]
        for a, b in zip(alone, mine, strict=True):
            assert {k: a[k] for k in COUNTS} == {k: b[k] for k in COUNTS}
    # The same unit id in two offices is two rows, kept apart.
    assert {"vinh-linh/noi-vu", "gio-linh/noi-vu"} <= {r["unit"] for r in together}


def test_report_has_a_row_per_office_equal_to_each_folders_own_report(cchc, province):
    root = province.parent
    together = report_json(cchc, "--data", str(province))
    rows = {r["unit"]: r for r in together["units"]}
    assert list(rows) == ["vinh-linh", "gio-linh"]
    total: Counter[str] = Counter()
    for district in ("vinh-linh", "gio-linh"):
        alone = report_json(cchc, "--data", str(root / district))
        assert {k: rows[district][k] for k in COUNTS} == {k: alone["totals"][k] for k in COUNTS}
        assert rows[district]["office"].startswith("Văn phòng HĐND và UBND huyện")
        total.update({k: alone["totals"][k] for k in COUNTS})
    assert {k: together["totals"][k] for k in COUNTS} == dict(total)
    # The districts differ (Gio Linh recorded work): a sum, not a copy.
    assert rows["vinh-linh"]["done_on_time"] != rows["gio-linh"]["done_on_time"]


def test_report_by_unit_has_a_row_per_office_and_unit(cchc, province):
    root = province.parent
    together = report_json(cchc, "--data", str(province), "--by", "unit")
    units = [r["unit"] for r in together["units"]]
    offices = [r["office_id"] for r in together["units"]]
    assert offices == sorted(offices, key=["vinh-linh", "gio-linh"].index)  # office by office
    for district in ("vinh-linh", "gio-linh"):
        alone = report_json(cchc, "--data", str(root / district))
        mine = [r for r in together["units"] if r["office_id"] == district]
        assert [r["unit"] for r in mine] == [f"{district}/{r['unit']}" for r in alone["units"]]
        for a, b in zip(alone["units"], mine, strict=True):
            assert {k: a[k] for k in COUNTS} == {k: b[k] for k in COUNTS}
    assert len(units) == len(set(units))


def test_repeated_data_reads_as_sources_do(cchc, province):
    root = province.parent
    given = status_json(cchc, root / "vinh-linh", root / "gio-linh")
    assert given == status_json(cchc, province)


def test_report_csv_and_table_carry_the_office(cchc, province):
    csv = cchc("report", "--data", str(province), "-f", "csv", "--as-of", TODAY)
    assert csv.exit_code == 0, csv.stderr
    assert "vinh-linh" in csv.stdout and "gio-linh" in csv.stdout
    table = cchc("report", "--data", str(province), "--as-of", TODAY, "--lang", "en")
    header = next(line for line in table.stdout.splitlines() if "No." in line)
    assert header.split()[0] == "Office"
    # The heading is the province's own (the folder the command was run for).
    assert table.stdout.startswith("Sở Nội vụ tỉnh Quảng Trị")


# -- every row says its office -----------------------------------------------------------


def test_export_json_and_csv_carry_the_office(cchc, province):
    rows = as_json(cchc("export", "-f", "json", "--data", str(province), "--as-of", TODAY))
    assert {r["office_id"] for r in rows} == {"vinh-linh", "gio-linh"}
    for row in rows:
        assert row["unit"].startswith(row["office_id"] + "/")
        assert row["ref"].startswith(row["office_id"] + ":")
    names = {r["office_id"]: r["office"] for r in rows}
    assert names["gio-linh"] == "Văn phòng HĐND và UBND huyện Gio Linh"
    csv = cchc("export", "-f", "csv", "--data", str(province), "--as-of", TODAY, "--lang", "en")
    header = csv.stdout.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Office,Office name,")


def test_due_overdue_list_say_each_rows_office(cchc, province):
    for args in (
        ("due", "--within", "30", "--as-of", TODAY),
        ("overdue", "--as-of", TODAY),
        ("list",),
    ):
        rows = as_json(cchc(*args, "-f", "json", "--data", str(province)))
        assert rows and all(r["office_id"] in ("vinh-linh", "gio-linh") for r in rows), args
        table = cchc(*args, "--data", str(province), "--lang", "en")
        assert table.exit_code == 0
        assert "gio-linh" in table.stdout and "vinh-linh" in table.stdout


def test_one_folder_output_is_unchanged(cchc, province):
    alone = province.parent / "vinh-linh"
    rows = status_json(cchc, alone)
    assert "office_id" not in rows[0] and rows[0]["unit"] == "ban-qlda"
    table = cchc("status", "--data", str(alone), "--as-of", TODAY)
    assert "Cơ quan" not in table.stdout


def test_unit_filter_takes_an_office_or_a_qualified_unit(cchc, province):
    base = ("overdue", "-f", "json", "--data", str(province), "--as-of", TODAY)
    office = as_json(cchc(*base, "--unit", "gio-linh"))
    assert office and {r["office_id"] for r in office} == {"gio-linh"}
    unit = as_json(cchc(*base, "--unit", "vinh-linh/noi-vu"))
    assert unit and {r["unit"] for r in unit} == {"vinh-linh/noi-vu"}
    both = cchc(*base[:-4], "--data", str(province), "--unit", "noi-vu")
    assert both.exit_code == 2
    assert "gio-linh/noi-vu" in both.stderr and "vinh-linh/noi-vu" in both.stderr


# -- references ----------------------------------------------------------------------------


def test_a_qualified_reference_names_one_offices_task(cchc, province):
    shown = cchc("show", "gio-linh:cchc-2023-11/2.3", "--data", str(province), "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    assert "gio-linh:cchc-2023-11/2.3" in shown.stdout
    short = cchc("show", "gio-linh:2.3", "--data", str(province), "--lang", "en")
    assert short.stdout == shown.stdout
    assert shown.stdout.startswith(
        "Office:         Văn phòng HĐND và UBND huyện Gio Linh (gio-linh)"
    )
    record = as_json(cchc("show", "gio-linh:2.3", "--data", str(province), "-f", "json"))
    assert (record["office_id"], record["ref"]) == ("gio-linh", "gio-linh:cchc-2023-11/2.3")


def test_an_unqualified_reference_two_offices_have_lists_both(cchc, province):
    result = cchc("show", "cchc-2023-11/2.3", "--data", str(province), "--lang", "en")
    assert result.exit_code == 2
    assert "gio-linh:cchc-2023-11/2.3" in result.stderr
    assert "vinh-linh:cchc-2023-11/2.3" in result.stderr
    notice = cchc("status", "--notice", "cchc-2023-11", "--data", str(province))
    assert notice.exit_code == 2 and "gio-linh:cchc-2023-11" in notice.stderr


def test_one_folder_accepts_a_reference_qualified_by_its_own_office(cchc, province):
    gio = province.parent / "gio-linh"
    shown = cchc("show", "gio-linh:cchc-2023-11/2.3", "--data", str(gio))
    assert shown.exit_code == 0, shown.stderr
    done = cchc(
        "done", "gio-linh:2.2", "--unit", "noi-vu", "--on", "2023-12-01", "--data", str(gio)
    )
    assert done.exit_code == 0, done.stderr
    other = cchc("done", "vinh-linh:2.2", "--unit", "noi-vu", "--data", str(gio), "--lang", "en")
    assert other.exit_code == 2
    assert "office 'vinh-linh'" in other.stderr and "--data" in other.stderr


def test_edit_commands_refuse_several_folders(cchc, province):
    root = province.parent
    before = (root / "gio-linh" / "progress").exists()
    result = cchc(
        "done", "gio-linh:2.2", "--unit", "noi-vu",
        "--data", str(root / "gio-linh"), "--data", str(root / "vinh-linh"), "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "one data folder, not 2" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (root / "gio-linh" / "progress").exists() == before


def test_edit_command_in_the_province_folder_edits_that_folder_only(cchc, province):
    # sources: is for reading; the province's own folder has no task 2.2.
    result = cchc("done", "2.2", "--unit", "noi-vu", "--data", str(province), "--lang", "en")
    assert result.exit_code == 2
    assert not (province / "progress").exists()


# -- diagnostics -------------------------------------------------------------------------


def test_a_folder_with_errors_does_not_hide_the_others(cchc, province):
    root = province.parent
    bad = root / "gio-linh" / "notices" / "broken.yaml"
    bad.write_text("id: [x\n", encoding="utf-8")
    result = cchc("status", "--data", str(province), "-f", "json", "--as-of", TODAY)
    assert result.exit_code == 1
    assert "gio-linh/notices/broken.yaml:" in result.stderr  # the folder is named
    rows = json.loads(result.stdout)
    assert {r["office_id"] for r in rows} == {"vinh-linh", "gio-linh"}
    validate = cchc("validate", "--data", str(province))
    assert validate.exit_code == 1
    assert "gio-linh/notices/broken.yaml:" in validate.stdout


def test_a_missing_source_is_reported_where_it_is_written(cchc, province):
    config = province / "config.yaml"
    text = config.read_text("utf-8").replace(
        "  - ../gio-linh\n", "  - ../cam-lo\n  - ../gio-linh\n"
    )
    config.write_text(text, "utf-8")
    line = text.splitlines().index("  - ../cam-lo") + 1
    result = cchc("status", "--data", "tinh", "-f", "json", "--lang", "en", "--as-of", TODAY)
    assert result.exit_code == 1
    assert f"tinh/config.yaml:{line}:5: error: source folder 'cam-lo' does not exist" in (
        result.stderr
    )
    assert {r["office_id"] for r in json.loads(result.stdout)} == {"vinh-linh", "gio-linh"}


def test_a_source_that_is_no_data_folder_is_reported(cchc, province, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("x", "utf-8")
    with open(province / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("  - ../empty\n  - ../a-file\n")
    result = cchc("overdue", "--data", "tinh", "--lang", "en", "--as-of", TODAY)
    assert result.exit_code == 1
    assert "'empty' is not a cchc data folder" in result.stderr
    assert "'a-file' is not a cchc data folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_on_the_command_line_must_exist(cchc, province):
    result = cchc("status", "--data", str(province), "--data", "nowhere", "--lang", "en")
    assert result.exit_code == 2
    assert "data folder 'nowhere' not found" in result.stderr


def test_sources_that_name_each_other_are_read_once(cchc, province):
    vinh = province.parent / "vinh-linh"
    with open(vinh / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("sources: [../tinh, ../gio-linh, .]\n")
    rows = status_json(cchc, province)
    assert Counter(r["unit"] for r in rows)["vinh-linh/noi-vu"] == 1


def test_two_folders_with_the_same_office_id_are_kept_apart(cchc, province, tmp_path):
    other = tmp_path / "elsewhere" / "vinh-linh"
    other.parent.mkdir()
    make_district(cchc, other.parent, "vinh-linh")
    result = cchc(
        "status", "--data", str(province), "--data", str(other), "-f", "json",
        "--as-of", TODAY, "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0
    offices = {r["office_id"] for r in json.loads(result.stdout)}
    assert offices == {"vinh-linh", "gio-linh", "vinh-linh-2"}
    told = cchc("validate", "--data", str(province), "--data", str(other), "--lang", "en")
    assert "office id 'vinh-linh' is also another folder's" in told.stdout


def test_a_bad_office_id_is_an_error_of_config(cchc, province):
    with open(province / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n")
    text = (province / "config.yaml").read_text("utf-8").replace("quang-tri", "Quảng Trị/x")
    (province / "config.yaml").write_text(text, "utf-8")
    result = cchc("validate", "--data", str(province), "--lang", "en")
    assert result.exit_code == 1
    assert "office_id 'Quảng Trị/x' takes lower-case letters" in result.stdout


# -- each folder its own cache -----------------------------------------------------------


def test_each_folder_keeps_its_own_cache(cchc, province):
    root = province.parent
    first = status_json(cchc, province)
    for district in ("vinh-linh", "gio-linh"):
        assert (root / district / ".cchc").is_dir()
    # A change in one district is seen (its cache is checked like any other).
    marked = cchc(
        "done", "2.2", "--unit", "noi-vu", "--on", "2023-12-01", "--data", str(root / "vinh-linh")
    )  # fmt: skip
    assert marked.exit_code == 0
    again = status_json(cchc, province)
    assert again != first
    assert again == as_json(
        cchc("status", "--data", str(province), "--no-cache", "-f", "json", "--as-of", TODAY)
    )


# -- hostile offices ---------------------------------------------------------------------

HOSTILE_OFFICE = '"Phòng [bold]X[/] \\e[31mđỏ\\e[0m [link=http://x]y"'


@pytest.mark.parametrize("columns", [80, 160])
def test_hostile_office_names_are_shown_as_text_on_a_terminal(cchc, province, columns):
    root = province.parent
    weird = root / "Huyện [bold]Lạ[red]"
    make_district(cchc, root, weird.name)
    with open(weird / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"office: {HOSTILE_OFFICE}\n")
    with open(province / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write('  - "../Huyện [bold]Lạ[red]"\n')
    for args in (["status"], ["report"], ["overdue"], ["due", "--within", "30"]):
        code, shown = run_on_terminal(
            [*args, "--data", str(province), "--as-of", TODAY], province, columns
        )
        assert code == 0, shown
        assert "Traceback" not in shown
        # The office's escape is not sent to the terminal (rich's own colours are).
        assert "\x1b[31mđỏ" not in shown and "\x1b[0m [link" not in shown
        assert "\x1b]8;" not in shown  # no hyperlink from [link=...]
    report = as_json(cchc("report", "--data", str(province), "-f", "json", "--as-of", TODAY))
    names = {r["office_id"]: r["office"] for r in report["units"]}
    assert names["huyen-bold-la-red"] == "Phòng [bold]X[/] \x1b[31mđỏ\x1b[0m [link=http://x]y"


def test_the_same_folder_twice_reads_as_one_folder(cchc, province):
    alone = province.parent / "vinh-linh"
    twice = status_json(cchc, alone, province.parent / "vinh-linh" / ".")
    assert twice == status_json(cchc, alone)


def test_sources_all_missing_leave_the_folder_itself_and_the_error(cchc, province):
    vinh = province.parent / "vinh-linh"
    with open(vinh / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("sources: [../nowhere]\n")
    result = cchc("status", "--data", "vinh-linh", "-f", "json", "--as-of", TODAY, "--lang", "en")
    assert result.exit_code == 1
    assert "vinh-linh/config.yaml:" in result.stderr and "'nowhere' does not exist" in result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["unit"] == "ban-qlda" and "office_id" not in rows[0]


def test_data_may_be_repeated_before_the_command_name(cchc, province):
    root = province.parent
    before = cchc(
        "--data", str(root / "vinh-linh"), "--data", str(root / "gio-linh"),
        "status", "-f", "json", "--as-of", TODAY,
    )  # fmt: skip
    assert as_json(before) == status_json(cchc, root / "vinh-linh", root / "gio-linh")


def test_an_output_file_may_not_overwrite_a_source_folders_data(cchc, province):
    units = province.parent / "gio-linh" / "units.yaml"
    before = units.read_bytes()
    for command in (("report", "-f", "csv"), ("export", "-f", "csv")):
        result = cchc(*command, "--data", str(province), "-o", str(units), "--as-of", TODAY)
        assert result.exit_code == 2, command
        assert units.read_bytes() == before


def test_hostile_sources_are_reported_never_a_traceback(cchc, province):
    long = "a" * 5000
    with open(province / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write(f'  - "bad\\0name"\n  - "{long}"\n  - /dev/zero\n  - ""\n  - "\\e[31mred"\n')
    result = cchc("status", "--data", "tinh", "--lang", "en", "-f", "json", "--as-of", TODAY)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("sources must be one line of text") == 2
    assert "cannot read the source folder 'tinh/aaaa" in result.stderr
    assert "'/dev/zero' is not a cchc data folder" in result.stderr
    assert "\x1b" not in result.stderr
    assert {r["office_id"] for r in json.loads(result.stdout)} == {"vinh-linh", "gio-linh"}


def test_remind_names_each_offices_units_apart(cchc, province):
    result = cchc("remind", "--data", str(province), "--as-of", "2023-12-12", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Phòng Nội vụ (vinh-linh):" in result.stdout
    assert "Phòng Nội vụ (gio-linh):" in result.stdout
    assert "gio-linh:cchc-2023-11/" in result.stdout


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "md"])
def test_report_of_several_offices_in_every_format(cchc, province, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = cchc("report", "--data", "tinh", "-f", fmt, "-o", str(out), "--as-of", TODAY)
    assert result.exit_code == 0, result.stderr
    content = out.read_bytes()
    if fmt in ("html", "md"):
        text = content.decode("utf-8")
        assert "Văn phòng HĐND và UBND huyện Gio Linh" in text and "vinh-linh" in text
    else:
        assert content.startswith(b"PK")
