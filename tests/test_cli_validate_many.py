"""``validate`` of several folders (issue 24): a summary line per folder, then the total."""

from __future__ import annotations

import re

from test_offices import TODAY, make_district, province  # noqa: F401 - the fixture

SUMMARY = re.compile(r"(\d+) files?, (\d+) notices?, (\d+) tasks?: (\d+) errors?, (\d+) warnings?")


def numbers(line: str) -> tuple[int, ...]:
    found = SUMMARY.search(line)
    assert found, line
    return tuple(int(n) for n in found.groups())


def test_validate_of_several_folders_sums_up_each_folder_then_all(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_district(cchc, tmp_path, "vinh-linh")
    gio = make_district(cchc, tmp_path, "gio-linh")
    (gio / "notices" / "broken.yaml").write_text("id: [x\n", encoding="utf-8")
    alone = {
        name: numbers(cchc("validate", "--data", name, "--lang", "en", "--as-of", TODAY).stdout)
        for name in ("vinh-linh", "gio-linh")
    }
    result = cchc(
        "validate", "--data", "vinh-linh", "--data", str(gio), "--lang", "en", "--as-of", TODAY
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()[-3:]
    assert lines[0].startswith("vinh-linh (vinh-linh): ")
    assert lines[1].startswith(f"gio-linh ({gio}): ")
    assert lines[2].startswith("total: ")
    assert numbers(lines[0]) == alone["vinh-linh"]
    # Read together, Gio Linh's copy of the notice is also the same notice as Vĩnh
    # Linh's: one error more than alone, told in its folder.
    files, notices, tasks, errors, warnings = alone["gio-linh"]
    assert numbers(lines[1]) == (files, notices, tasks, errors + 1, warnings)
    each = [numbers(line) for line in lines[:2]]
    assert numbers(lines[2]) == tuple(map(sum, zip(*each, strict=True)))


def test_validate_of_one_folder_prints_one_summary_as_before(cchc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_district(cchc, tmp_path, "vinh-linh")
    result = cchc("validate", "--data", "vinh-linh", "--lang", "en", "--as-of", TODAY)
    assert result.exit_code == 0
    assert re.fullmatch(SUMMARY, result.stdout.splitlines()[-1])


def test_a_provinces_sources_are_summed_up_each(cchc, province, monkeypatch):  # noqa: F811
    monkeypatch.chdir(province)
    result = cchc("validate", "--data", ".", "--lang", "en", "--as-of", TODAY)
    lines = result.stdout.splitlines()[-4:]
    assert [line.partition(": ")[0] for line in lines] == [
        "quang-tri (.)",
        "vinh-linh (../vinh-linh)",
        "gio-linh (../gio-linh)",
        "total",
    ]
    each = [numbers(line) for line in lines[:3]]
    assert numbers(lines[3]) == tuple(map(sum, zip(*each, strict=True)))
    assert each[0][1:] == (0, 0, 0, 0)  # the province's own folder: no notice, all well
