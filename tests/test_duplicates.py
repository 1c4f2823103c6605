"""The same notice twice: found by validate, refused by import and new; references
that fit several tasks, and --notice by official number."""

from __future__ import annotations

import json
from pathlib import Path

from cchc_cli.core.dates import PartialDate
from cchc_cli.store.loader import load
from cchc_cli.store.validate import check_duplicate_notices, notice_key
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def write(data_dir, name: str, head: str) -> None:
    (data_dir / "notices" / name).write_text(
        head + "tasks:\n  - id: '1'\n    assignees: [noi-vu]\n    text: X\n", "utf-8"
    )


def test_same_number_and_date_whatever_the_case_and_spaces():
    day = PartialDate(2023, 11, 5)
    assert notice_key("412/TB-UBND", day, None, "A") == notice_key(" 412 / tb-ubnd", day, "B", "C")
    assert notice_key("412/TB-UBND", day, None, None) != notice_key("413/TB-UBND", day, None, None)
    assert notice_key("412/TB-UBND", day, None, None) != notice_key(
        "412/TB-UBND", PartialDate(2024, 11, 5), None, None
    )


def test_without_a_number_the_issuer_date_and_title_decide():
    day = PartialDate(2023, 11)
    one = notice_key("/TB-UBND", day, "UBND huyện Vĩnh Linh", "Kết luận  về CCHC")
    assert one == notice_key("", day, "UBND  huyện Vĩnh Linh", "kết luận về CCHC")
    assert one != notice_key("", day, "UBND huyện Vĩnh Linh", "Kết luận về chuyển đổi số")
    assert notice_key("", day, None, "Kết luận") is None  # too little to tell


def test_validate_finds_the_same_notice_twice_and_points_at_the_second(data_dir):
    write(data_dir, "a.yaml", "id: tb-a\nnumber: 412/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    write(data_dir, "b.yaml", "id: tb-b\nnumber: '412/tb-ubnd'\ndate: 01/12/2023\ntitle: B\n")
    write(data_dir, "c.yaml", "id: tb-c\nnumber: 413/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    found = check_duplicate_notices(load(Path("data")).notices)
    assert [(str(d.source), d.severity, d.key, d.args["id"]) for d in found] == [
        ("data/notices/b.yaml:2:9", "error", "notice.duplicate-number", "tb-a")
    ]
    assert found[0].args["first"] == "data/notices/a.yaml:1:5"


def test_a_draft_notice_imported_twice_is_the_same_notice(data_dir):
    # The reference notice has no number: its issuer, date and title tell. The
    # files are taken in order: the error is on the reference, naming the copy.
    copy = (data_dir / "notices" / NOTICE).read_text("utf-8")
    copy = copy.replace("id: cchc-2023-11", "id: tb-2023-11")
    (data_dir / "notices" / "copy.yaml").write_text(copy, "utf-8")
    found = check_duplicate_notices(load(Path("data")).notices)
    assert [(d.source.path, d.key, d.args["id"]) for d in found] == [
        (f"data/notices/{NOTICE}", "notice.duplicate-title", "tb-2023-11")
    ]


# -- naming notices and tasks ---------------------------------------------------------------


def test_notice_by_official_number_or_id_in_any_case(data_dir):
    write(data_dir, "a.yaml", "id: tb-412-2023\nnumber: 412/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    for written in ("412/TB-UBND", "412/tb-ubnd", " 412 / TB-UBND", "TB-412-2023", "TB-412"):
        result = cchc("list", "--notice", written, "-f", "json")
        assert result.exit_code == 0, (written, result.stderr)
        assert [r["ref"] for r in json.loads(result.stdout)] == ["tb-412-2023/1"]
    unknown = cchc("list", "--notice", "999/TB-UBND", "--lang", "en")
    assert (unknown.exit_code, unknown.stderr) == (2, "cchc: error: no notice '999/TB-UBND'\n")


def test_the_same_number_in_two_years_lists_both(data_dir):
    write(data_dir, "a.yaml", "id: tb-a\nnumber: 12/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    write(data_dir, "b.yaml", "id: tb-b\nnumber: 12/TB-UBND\ndate: 2024-12-01\ntitle: B\n")
    result = cchc("status", "--notice", "12/TB-UBND", "--lang", "en")
    assert result.exit_code == 2
    assert "tb-a, tb-b" in result.stderr


def test_a_short_reference_that_fits_several_tasks_lists_them(data_dir):
    write(data_dir, "a.yaml", "id: tb-a\nnumber: 1/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    write(data_dir, "b.yaml", "id: tb-b\nnumber: 2/TB-UBND\ndate: 2023-12-02\ntitle: B\n")
    result = cchc("show", "1", "--lang", "en")
    assert result.exit_code == 2
    assert "tb-a/1, tb-b/1" in result.stderr
    assert cchc("show", "TB-B/1", "-f", "json").exit_code == 0


def test_same_notice_finds_the_one_already_there(data_dir):
    from cchc_cli.store.validate import same_notice

    notices = load(Path("data")).notices
    reference = notices[0]
    key = notice_key("", reference.date, "UBND HUYỆN VĨNH LINH", reference.title.upper())
    assert same_notice(notices, key) is reference
    assert same_notice(notices, notice_key("1/TB-UBND", reference.date, None, None)) is None
    assert same_notice(notices, None) is None


# -- on the command line --------------------------------------------------------------------

# The reference notice as the office received it (a copy of ../shared/seed/).
SEED = Path(__file__).resolve().parent / "fixtures"


def test_validate_reports_the_duplicate_as_a_located_error(data_dir):
    write(data_dir, "a.yaml", "id: tb-a\nnumber: 412/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    write(data_dir, "b.yaml", "id: tb-b\nnumber: 412/TB-UBND\ndate: 2023-12-01\ntitle: B\n")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert (
        "data/notices/b.yaml:2:9: error: the same notice as 'tb-a' (data/notices/a.yaml:1:5): "
        "the same number 412/TB-UBND and date of issue 2023-12-01"
    ) in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "5 files, 3 notices, 19 tasks: 1 error, 6 warnings"


def test_import_refuses_the_same_notice_a_second_time(data_dir):
    source = SEED / "tb-ket-luan-cchc-vinh-linh-2023-11.txt"
    before = sorted(p.name for p in (data_dir / "notices").iterdir())
    result = cchc("import", str(source), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        "cchc: error: this notice is already there: 'cchc-2023-11' "
        "(data/notices/tb-ket-luan-cchc-vinh-linh-2023-11.yaml), the same issuer, date of "
        "issue and title; not written twice\n"
    )
    assert sorted(p.name for p in (data_dir / "notices").iterdir()) == before
    assert cchc("show", "2.3").exit_code == 0  # still one task 2.3
    assert cchc("import", str(source), "--dry-run").exit_code == 0  # looking is fine


def test_new_refuses_a_notice_already_there(data_dir, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    write(data_dir, "a.yaml", "id: tb-a\nnumber: 412/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    result = cchc(
        "new", "--title", "Khác", "--number", "412/tb-ubnd", "--date", "01/12/2023", "--lang", "en"
    )
    assert result.exit_code == 1
    assert "this notice is already there: 'tb-a'" in result.stderr
    assert not (data_dir / "notices" / "tb-412-2023.yaml").exists()
    other = cchc("new", "--title", "Khác", "--number", "413/TB-UBND", "--date", "01/12/2023")
    assert other.exit_code == 0, other.stderr


def test_duplicates_are_looked_for_only_among_notices_of_the_same_day(data_dir):
    import dataclasses

    from cchc_cli.store.validate import duplicate_notices

    write(data_dir, "a.yaml", "id: tb-a\nnumber: 1/TB-UBND\ndate: 2023-12-01\ntitle: A\n")
    write(data_dir, "b.yaml", "id: tb-b\nnumber: 1/TB-UBND\ndate: 2023-12-01\ntitle: B\n")
    write(data_dir, "c.yaml", "id: tb-c\nnumber: 1/TB-UBND\ndate: 2023-12-02\ntitle: C\n")
    dataset = load(Path("data"))
    read = []

    def reader(entries):
        read.extend(e.id for e in entries)
        return dataset.reader(entries)

    found = duplicate_notices(dataclasses.replace(dataset, reader=reader))
    assert sorted(read) == ["tb-a", "tb-b"]
    assert [d.args["id"] for d in found] == ["tb-a"]
