"""The text of a new notice (`cchc new`): every value stays inside its own key."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.store.loader import load
from cchc_cli.store.setup import new_notice
from cchc_cli.store.yamlsrc import YMap, parse


def header(text: str) -> dict[str, str | None]:
    node, problems = parse(text, "n.yaml")
    assert problems == []
    assert isinstance(node, YMap)
    return {k: e.value.value for k, e in node.entries.items() if k != "tasks"}


def test_a_new_notice_is_the_template_with_the_values_written_plain_where_safe():
    text = new_notice("tb-12-2025", "12/TB-UBND", date(2025, 8, 4), "Giao ban tuần", "noi-vu")
    assert text == (
        "# A new notice: fill in the header, then one entry per task (docs/format.md).\n"
        "id: tb-12-2025\n"
        'number: "12/TB-UBND"\n'
        "date: 2025-08-04\n"
        "title: Giao ban tuần\n"
        "tasks:\n"
        '  - id: "1.1"\n'
        "    assignees: [noi-vu]\n"
        "    text: Nội dung nhiệm vụ như trong thông báo.\n"
        "    deadline: trước ngày 03/09/2025\n"
    )


@pytest.mark.parametrize(
    "value",
    ["Kết luận: giao ban", 'a "b" \\', "x\ny: injected", "yes", "2025", "- a", "# a", " a "],
)
def test_a_value_as_typed_stays_inside_its_key(value):
    text = new_notice("x", value, date(2025, 8, 4), value, "noi-vu", chair=value, issuer=value)
    assert header(text) == {
        "id": "x",
        "number": value,
        "date": "2025-08-04",
        "title": value,
        "issuer": value,
        "chair": value,
    }


def test_the_new_notice_validates_in_a_data_folder(data_dir):
    path = data_dir / "notices" / "moi.yaml"
    path.write_text(
        new_notice("moi", "", date(2025, 8, 4), "Kết luận: x", "noi-vu", "Nguyễn Văn A"), "utf-8"
    )
    dataset = load(data_dir)
    assert [d for d in dataset.diagnostics if d.severity.value == "error"] == []
    (notice,) = [n for n in dataset.notices if n.id == "moi"]
    assert notice.title == "Kết luận: x"


def test_a_notice_of_the_last_days_there_are_gets_a_deadline_that_exists():
    text = new_notice("x", "1", date(9999, 12, 20), "T", "noi-vu")
    assert text.endswith("    deadline: trước ngày 31/12/9999\n")
