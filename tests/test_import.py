"""From the notice as received (text, Word, standard input) to a draft notice file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.services.importer import read
from cchc_cli.store.edit import content
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
# The reference notice as the office received it (a copy of ../shared/seed/).
SEED = ROOT / "tests" / "fixtures" / "tb-ket-luan-cchc-vinh-linh-2023-11.txt"
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


@pytest.fixture
def seed(tmp_path) -> Path:
    if SEED.exists():
        return SEED
    pytest.fail(f"the reference notice is missing: {SEED}")


def imported(cchc, data_dir: Path, source: Path) -> list:
    # import refuses a notice already there: the hand-written one steps aside meanwhile.
    by_hand = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    aside = by_hand.rename(data_dir / "by-hand.yaml")
    out = data_dir / "notices" / "imported.yaml"
    result = cchc("import", str(source), "-o", str(out), "--id", "imported")
    aside.rename(by_hand)
    assert result.exit_code == 0, result.stderr
    dataset = load(data_dir)
    return sorted((t for t in dataset.tasks if t.notice == "imported"), key=lambda t: t.source.line)


FIELDS = ("id", "text", "assigned", "assignees", "lead", "with_", "deadline")


def test_the_reference_notice_imports_as_the_hand_written_file(cchc, data_dir, seed):
    tasks = imported(cchc, data_dir, seed)
    by_hand = [t for t in load(data_dir).tasks if t.notice == "cchc-2023-11"]
    assert len(tasks) == len(by_hand) == 17
    for mine, theirs in zip(tasks, by_hand, strict=True):
        for name in FIELDS:
            assert content(getattr(mine, name)) == content(getattr(theirs, name)), (mine.id, name)


def test_the_reference_notice_header(cchc, data_dir, seed):
    imported(cchc, data_dir, seed)
    (notice,) = [n for n in load(data_dir).notices if n.id == "imported"]
    assert (notice.number, notice.issuer, notice.place) == (
        None,
        "UBND huyện Vĩnh Linh",
        "Vĩnh Linh",
    )
    assert notice.date.iso() == "2023-11"
    assert notice.meeting_date.isoformat() == "2023-11-22"
    assert notice.title.startswith("Kết luận của Chủ tịch UBND huyện Thái Văn Thành tại phiên họp")
    assert (notice.chair.name, notice.chair.title) == ("Thái Văn Thành", "Chủ tịch UBND huyện")
    assert (notice.signer.name, notice.signer.title, notice.signer.on_behalf) == (
        "Hoàng Thị Phụng",
        "CHÁNH VĂN PHÒNG",
        "TL. CHỦ TỊCH",
    )
    assert notice.recipients[3] == "Chánh, các Phó Chánh VP, CV, Bộ phận 1 Cửa, bộ phận tiếp dân"
    assert notice.recipients[-1] == "Lưu: VT, VP"


OWN = """UBND HUYỆN VĨNH LINH
Số: 145/TB-UBND
Vĩnh Linh, ngày 05 tháng 3 năm 2024

THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại buổi làm việc về chuyển đổi số

Ngày 01/3/2024, UBND huyện Vĩnh Linh tổ chức buổi làm việc về chuyển đổi số.

I. Kết quả đạt được
- Các đơn vị đã triển khai phần mềm.

II. Tồn tại, hạn chế
- Một số đơn vị còn chậm, chưa hoàn thành trước ngày 01/3/2024.

Chủ tịch UBND huyện giao nhiệm vụ như sau:

1. Các Phòng: Nội vụ, Tư pháp và Y tế
a) Rà soát thủ tục hành chính thuộc thẩm quyền, hoàn thành trước ngày 15/3.
b) Cập nhật dữ liệu lên Cổng dịch vụ công chậm nhất ngày 20.3.2024.
đ) Báo cáo kết quả trước 14 giờ, ngày 25/3/2024.

2. Phòng Văn hoá và Thông tin
- Chủ trì, phối hợp với Phòng Nội vụ tổ chức tập huấn chữ ký số trong tháng 4/2024.
- Theo dõi, đôn đốc các đơn vị thực hiện thường xuyên.
- Tổng hợp kết quả số hóa hồ sơ trong quý II/2024, đạt 80%.

3. Phòng Ngoại giao và UBND các xã, thị trấn
- Triển khai kế hoạch năm trong năm 2024.
- Hoàn thành việc rà soát trước ngày 01/02/2024.

Trên đây là kết luận của Chủ tịch UBND huyện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def test_a_notice_in_every_style(cchc, data_dir, tmp_path):
    source = tmp_path / "tb-145.txt"
    source.write_text(OWN, "utf-8")
    result = cchc("import", str(source), "--dry-run")
    assert result.exit_code == 0
    assert result.stderr == "Đã đọc 8 nhiệm vụ, 7 thời hạn; 3 mục cần xem lại.\n"
    draft = read(OWN, load(data_dir).registry)
    tasks = {t.id: t for t in draft.tasks}
    assert list(tasks) == ["1.a", "1.b", "1.đ", "2.1", "2.2", "2.3", "3.1", "3.2"]
    assert tasks["1.a"].assigned == ["noi-vu", "tu-phap", "y-te"]
    written = {i: (t.deadline.text, t.deadline.kind.value, str(t.deadline.last_day))
               for i, t in tasks.items()}  # fmt: skip
    assert written == {
        "1.a": ("trước ngày 15/3", "before", "2024-03-14"),
        "1.b": ("chậm nhất ngày 20.3.2024", "no_later_than", "2024-03-20"),
        "1.đ": ("trước 14 giờ, ngày 25/3/2024", "before_time", "2024-03-25"),
        "2.1": ("trong tháng 4/2024", "within_month", "2024-04-30"),
        "2.2": ("thường xuyên", "ongoing", "None"),
        "2.3": ("trong quý II/2024", "within_quarter", "2024-06-30"),
        "3.1": ("trong năm 2024", "end_of_year", "2024-12-31"),
        "3.2": ("trước ngày 01/02/2024", "before", "2024-01-31"),
    }
    assert (tasks["2.1"].lead, tasks["2.1"].with_) == ("vh-tt", ["noi-vu"])
    assert tasks["2.3"].target == "đạt 80%"
    assert tasks["3.1"].assigned == ["xa-thi-tran"]
    assert tasks["3.1"].unknown == ["Phòng Ngoại giao"]
    assert "import.deadline-before-issue" in tasks["3.2"].review
    assert (draft.number, draft.date.iso(), draft.meeting) == (
        "145/TB-UBND",
        "2024-03-05",
        (2024, 3, 1),
    )
    assert draft.signer == ("Nguyễn Văn An", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")


def test_the_draft_validates_but_for_the_flagged_items(cchc, data_dir, tmp_path):
    source = tmp_path / "tb-145.txt"
    source.write_text(OWN, "utf-8")
    result = cchc("import", str(source))
    assert result.exit_code == 0, result.stderr
    target = data_dir / "notices" / "tb-145-2024.yaml"
    text = target.read_text("utf-8")
    assert text.count("# REVIEW:") == 3
    assert (
        "# REVIEW: đơn vị không có trong danh mục, giữ nguyên như văn bản: Phòng Ngoại giao" in text
    )
    checked = cchc("validate", "--lang", "en")
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert errors == [
        "data/notices/tb-145-2024.yaml:63:30: error: unknown unit 'Phòng Ngoại giao': not in the"
        " units registry; did you mean 'Phòng Nội vụ'?",
        "data/notices/tb-145-2024.yaml:69:30: error: unknown unit 'Phòng Ngoại giao': not in the"
        " units registry; did you mean 'Phòng Nội vụ'?",
    ]
    again = cchc("import", str(source), "--lang", "en")
    assert again.exit_code == 1
    assert again.stderr.endswith(
        "cchc: error: notice tb-145-2024 exists already; if this is another notice, "
        "give it another --id\n"
    )
    out = data_dir / "notices" / "tb-145-2024.yaml"
    same_file = cchc("import", str(source), "--id", "tb-145-b", "-o", str(out), "--lang", "en")
    assert same_file.exit_code == 1
    assert same_file.stderr.endswith("exists already; choose another --output or --id\n")


def test_a_word_document_gives_the_same_draft_as_the_text(cchc, data_dir, tmp_path):
    from docx import Document

    document = Document()
    for line in OWN.splitlines():
        document.add_paragraph(line)
    docx = tmp_path / "tb-145.docx"
    document.save(docx)
    text = tmp_path / "tb-145.txt"
    text.write_text(OWN, "utf-8")
    from_word = cchc("import", str(docx), "--dry-run", "--id", "x")
    from_text = cchc("import", str(text), "--dry-run", "--id", "x")
    assert from_word.exit_code == from_text.exit_code == 0
    assert from_word.stdout.replace("tb-145.docx", "tb-145.txt") == from_text.stdout


def test_standard_input(cchc, data_dir):
    result = cchc("import", "-", "--dry-run", input=OWN.encode("utf-8"))
    assert result.exit_code == 0
    assert "id: tb-145-2024" in result.stdout


def test_a_legacy_encoded_or_unreadable_file_is_a_clear_error(cchc, data_dir, tmp_path):
    legacy = tmp_path / "cu.txt"
    legacy.write_bytes("Số: 12/TB-UBND\n".encode() + "Báo cáo\n".encode("cp1258"))
    result = cchc("import", str(legacy), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cchc: error: {legacy} is not UTF-8 (line 2, column 2); save it again as UTF-8\n"
    )
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    result = cchc("import", str(broken), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cchc: error: cannot read {broken}:")


def test_a_text_with_no_numbered_assignment_is_refused(cchc, data_dir, tmp_path):
    source = tmp_path / "thu.txt"
    source.write_text("Kính gửi anh chị,\nĐây không phải là thông báo kết luận.\n", "utf-8")
    result = cchc("import", str(source), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cchc: error: no assigned task found in {source}: tasks are items or paragraphs that "
        "assign work to a unit (Giao, Đề nghị, Yêu cầu ...) or stand under a unit's name\n"
    )
    assert sorted(p.name for p in (data_dir / "notices").iterdir()) == [NOTICE]


LETTERED = """Số: 88/TB-UBND
Vĩnh Linh, ngày 10 tháng 6 năm 2024
THÔNG BÁO
Kết luận của Phó Chủ tịch UBND huyện tại hội nghị sơ kết cải cách hành chính
Ngày 07/6/2024, UBND huyện Vĩnh Linh tổ chức hội nghị sơ kết.
1. Giao nhiệm vụ cụ thể
a) UBND cấp xã: chỉ đạo Bộ phận một cửa niêm yết thủ tục, hoàn thành trước ngày 30/6/2024.
b) Phòng Tư pháp: chủ trì rà soát văn bản chậm nhất trong ngày 15/7/2024.
c) Văn phòng HĐND và UBND huyện phối hợp với Phòng Nội vụ tổng hợp báo cáo đến hết ngày 31/7/2024.
2. Phòng Tài chính - Kế hoạch
Bố trí kinh phí cho chuyển đổi số trong quý III năm 2024.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình
"""


def test_lettered_items_that_name_their_units(data_dir):
    draft = read(LETTERED, load(data_dir).registry)
    tasks = {t.id: t for t in draft.tasks}
    assert list(tasks) == ["1.a", "1.b", "1.c", "2"]
    assert tasks["1.a"].assigned == ["xa-thi-tran"]
    assert (tasks["1.b"].assigned, tasks["1.b"].lead) == (["tu-phap"], "tu-phap")
    assert (tasks["1.c"].assigned, tasks["1.c"].with_) == (["vp-hdnd-ubnd"], ["noi-vu"])
    assert tasks["1.c"].deadline.text == "đến hết ngày 31/7/2024"
    assert tasks["1.b"].deadline.text == "chậm nhất trong ngày 15/7/2024"
    assert (tasks["2"].assigned, tasks["2"].deadline.text) == (["tc-kh"], "trong quý III năm 2024")
    assert str(tasks["2"].deadline.last_day) == "2024-09-30"
    assert all(not t.review for t in draft.tasks)
    assert draft.signer == ("Lê Văn Bình", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    assert draft.issuer == "UBND huyện Vĩnh Linh"


def test_word_s_automatic_numbering_is_read_as_a_reader_sees_it(cchc, data_dir, tmp_path):
    from docx import Document

    document = Document()
    for line in LETTERED.splitlines():
        if line[:2] in ("1.", "2.") and line[2] == " ":
            document.add_paragraph(line[3:], style="List Number")  # "1." drawn by Word
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    docx = tmp_path / "tb-88.docx"
    document.save(docx)
    text = tmp_path / "tb-88.txt"
    text.write_text(LETTERED, "utf-8")
    from_word = cchc("import", str(docx), "--dry-run")
    from_text = cchc("import", str(text), "--dry-run")
    assert from_word.exit_code == 0, from_word.stderr
    assert from_word.stdout.replace("tb-88.docx", "tb-88.txt") == from_text.stdout
    assert '  - id: "1.c"' in from_word.stdout


# -- the draft, whole ------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden" / "import"
REVIEW_KEYS = (
    "import.no-assignees",
    "import.unknown-unit",
    "import.bad-deadline",
    "import.deadline-before-issue",
)


def draft_text(text: str, ident: str, source: str) -> str:
    from cchc_cli.services.importer import to_yaml
    from cchc_cli.views.i18n import Lang, t

    draft = read(text, load(ROOT / "data").registry)
    reviews = {key: t(key, Lang.VI, arg="{arg}") for key in REVIEW_KEYS}
    return to_yaml(draft, ident, source, reviews)


@pytest.mark.parametrize(
    ("name", "text"), [("own", OWN), ("lettered", LETTERED)], ids=["own", "lettered"]
)
def test_the_draft_is_written_as_the_golden_file(name, text):
    golden = GOLDEN / f"{name}.yaml"
    assert draft_text(text, f"tb-{name}", f"{name}.txt") == golden.read_text("utf-8")


def test_the_reference_notice_s_draft_is_written_as_the_golden_file(seed):
    golden = GOLDEN / "reference.yaml"
    written = draft_text(seed.read_text("utf-8"), "imported", seed.name)
    assert written == golden.read_text("utf-8")


def test_unit_names_with_flow_characters_are_quoted_in_the_draft():
    from cchc_cli.services.importer import Draft, DraftTask, to_yaml
    from cchc_cli.store.yamlsrc import parse

    names = ["Ban A, B", "Tổ [cũ]", "Hội {x}", "Đội: 1"]
    task = DraftTask("1.a", "Làm việc.", "1. Các đơn vị", ["noi-vu"], names)
    draft = Draft(number="12/TB", title="Tiêu đề", tasks=[task])
    written = to_yaml(draft, "x", "a.txt", {})
    assert '    assignees: [noi-vu, "Ban A, B", "Tổ [cũ]", "Hội {x}", "Đội: 1"]\n' in written
    node, problems = parse(written, "x.yaml")
    assert problems == []
    (task_node,) = node.entries["tasks"].value.items
    assignees = task_node.entries["assignees"].value.items
    assert [a.value for a in assignees] == ["noi-vu", *names]


def test_control_characters_and_line_breaks_in_the_text_stay_inside_their_values():
    from cchc_cli.services.importer import Draft, DraftTask, to_yaml
    from cchc_cli.store.yamlsrc import parse

    text = "Báo cáo\x1b]8;;http://x\x07 ngay\u2028id: injected"
    task = DraftTask("1", text, "1. Phòng\nid: y", ["noi-vu"])
    draft = Draft(title="Tiêu đề\x00", tasks=[task])
    written = to_yaml(draft, "x", "a\nb.txt", {})
    node, problems = parse(written, "x.yaml")
    assert problems == []
    assert node.entries["id"].value.value == "x"
    assert node.entries["title"].value.value == "Tiêu đề\x00"
    (task_node,) = node.entries["tasks"].value.items
    assert task_node.entries["text"].value.value == text
