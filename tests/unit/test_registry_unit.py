"""store/registry.py: units.yaml into the registry, nested groups, and every slip named."""

from __future__ import annotations

import pytest

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.diagnostics import Source, sort_diagnostics, warning
from cchc_cli.store.registry import load_registry
from cchc_cli.store.yamlsrc import parse


def load(text: str):
    node, problems = parse(text, "units.yaml")
    assert problems == []
    return load_registry(node, "units.yaml")


def slips(text: str) -> list[tuple[int, int, str]]:
    _, diagnostics = load(text)
    return [(d.source.line, d.source.col, d.key) for d in diagnostics]


NESTED = (
    "valid_from: 2020-01-01\n"
    "valid_until: 2025-06\n"
    "groups:\n"
    "  - {id: xa, name: Các xã}\n"
    "  - {id: thi-tran, name: Các thị trấn}\n"
    "  - {id: xa-thi-tran, name: 'Các xã, thị trấn', includes: [xa, thi-tran]}\n"
    "  - {id: tat-ca, name: Tất cả, includes: [xa-thi-tran, phong-ban]}\n"
    "  - {id: phong-ban, name: 'Các phòng, ban'}\n"
    "units:\n"
    "  - {id: ho-xa, name: Thị trấn Hồ Xá, kind: town, groups: [thi-tran]}\n"
    "  - {id: noi-vu, name: Phòng Nội vụ, kind: department, groups: [phong-ban]}\n"
    "  - {id: vinh-ha, name: Xã Vĩnh Hà, kind: commune, groups: [xa]}\n"
    "  - id: vinh-hoa\n"
    "    name: Xã Vĩnh Hòa\n"
    "    kind: commune\n"
    "    groups: xa\n"
    "    aliases: [Vĩnh Hòa, '  Vĩnh   Hoà xã ']\n"
    "    email: vinhhoa@example.org\n"
)


def test_groups_include_groups_and_members_come_in_registry_order():
    registry, problems = load(NESTED)
    assert problems == []
    assert registry.members == {
        "xa": ("vinh-ha", "vinh-hoa"),
        "thi-tran": ("ho-xa",),
        "xa-thi-tran": ("ho-xa", "vinh-ha", "vinh-hoa"),
        "tat-ca": ("ho-xa", "noi-vu", "vinh-ha", "vinh-hoa"),
        "phong-ban": ("noi-vu",),
    }
    assert registry.groups["tat-ca"].includes == ("xa-thi-tran", "phong-ban")


def test_a_single_group_or_address_may_be_written_without_a_list_and_aliases_are_tidied():
    registry, _ = load(NESTED)
    unit = registry.units["vinh-hoa"]
    assert unit.groups == ("xa",)
    assert unit.emails == ("vinhhoa@example.org",)
    assert unit.aliases == ("Vĩnh Hòa", "Vĩnh Hoà xã")
    assert unit.source == Source("units.yaml", 13, 5)


def test_the_validity_may_be_partial():
    registry, _ = load(NESTED)
    assert registry.valid_from == PartialDate(2020, 1, 1)
    assert registry.valid_until == PartialDate(2025, 6)


def test_expanding_a_nested_group_gives_every_unit_below_it():
    registry, _ = load(NESTED)
    assert registry.expand(["tat-ca"]) == ("ho-xa", "noi-vu", "vinh-ha", "vinh-hoa")
    assert registry.expand(["xa", "vinh-ha"]) == ("vinh-ha", "vinh-hoa")
    assert registry.expand(["unknown"]) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "units:\n  - {id: a, name: A, kind: xã}\n",
            [(2, 28, "units.bad-kind")],
        ),
        (
            "groups:\n  - {id: a, name: A}\nunits:\n  - {id: a, name: B, kind: commune}\n",
            [(4, 10, "units.duplicate-id")],
        ),
        (
            "groups:\n  - {id: xa, name: X, includes: [xaa, zzz]}\nunits: []\n",
            [(2, 34, "units.unknown-group-suggest"), (2, 39, "units.unknown-group")],
        ),
        (
            "units:\n  - {id: a, name: '', kind: commune}\n",
            [(2, 19, "schema.empty")],
        ),
        (
            "units:\n  - {id: a, name: A, kind: commune, email: [a@b]}\n",
            [(2, 45, "units.bad-email")],
        ),
        (
            "units:\n  - just a name\n",
            [(2, 5, "schema.expected-mapping")],
        ),
        ("groups: []\n", [(1, 1, "schema.missing")]),
        ("units: {a: 1}\n", [(1, 8, "schema.expected-list")]),
        (
            "units:\n"
            "  - {id: a, name: Xã Vĩnh Hòa, kind: commune}\n"
            "  - {id: b, name: B, kind: commune, aliases: [Xã Vĩnh Hoà]}\n",
            [(3, 5, "units.alias-clash")],
        ),
    ],
)
def test_registry_slips_are_named_where_they_are(text, expected):
    assert slips(text) == expected


def test_a_unit_with_a_slip_still_exists_so_tasks_naming_it_are_not_reported_again():
    registry, problems = load(
        "units:\n  - {id: a, name: A, kind: xã, groups: [nope], email: [bad]}\n"
    )
    assert [d.key for d in problems] == [
        "units.bad-kind",
        "units.unknown-group",
        "units.bad-email",
    ]
    assert registry.units["a"].kind == "xã"
    assert registry.units["a"].groups == ()


def test_an_alias_clash_names_both_units_and_the_alias():
    _, (clash,) = load(
        "units:\n"
        "  - {id: a, name: Phòng Nội vụ, kind: department}\n"
        "  - {id: b, name: Sở Nội vụ, kind: agency, aliases: [PHÒNG NỘI VỤ]}\n"
    )
    assert clash.args == {"alias": "PHÒNG NỘI VỤ", "id": "b", "other": "a"}


def test_a_unit_repeating_its_own_name_as_an_alias_is_no_clash():
    _, problems = load("units:\n  - {id: a, name: Hồ Xá, kind: town, aliases: [Hồ Xá, HỒ XÁ]}\n")
    assert problems == []


def test_a_cycle_longer_than_two_is_reported_once_and_the_groups_still_work():
    registry, problems = load(
        "groups:\n"
        "  - {id: a, name: A, includes: [b]}\n"
        "  - {id: b, name: B, includes: [c]}\n"
        "  - {id: c, name: C, includes: [a]}\n"
        "units:\n"
        "  - {id: x, name: X, kind: commune, groups: [c]}\n"
    )
    assert [(d.key, d.args["cycle"]) for d in problems] == [("units.group-cycle", "a → b → c → a")]
    assert registry.members == {"a": ("x",), "b": ("x",), "c": ("x",)}


def test_a_file_that_is_not_a_mapping_gives_an_empty_registry():
    node, _ = parse("- a\n", "units.yaml")
    registry, (problem,) = load_registry(node, "units.yaml")
    assert (registry.units, registry.groups, problem.key) == ({}, {}, "yaml.not-a-mapping")
    assert load_registry(None, "units.yaml")[1] == []


def test_diagnostics_sort_in_file_order_errors_before_warnings_at_one_place():
    _, problems = load(
        "units:\n  - {id: b, name: B, kind: nope}\n  - {id: a, name: A, kind: nope}\n"
    )
    same_place = warning(problems[0].source, "units.bad-kind")
    ordered = sort_diagnostics([problems[1], same_place, problems[0]])
    assert ordered[0] is problems[0] and ordered[1] is same_place
    assert [(d.source.line, d.severity.value) for d in ordered] == [
        (2, "error"),
        (2, "warning"),
        (3, "error"),
    ]


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (Source("units.yaml", 3, 7), "units.yaml:3:7"),
        (Source("units.yaml"), "units.yaml"),
        (Source("notices/tb 1.yaml", 1, 1), "notices/tb 1.yaml:1:1"),
    ],
)
def test_a_source_is_shown_as_path_line_col(source, shown):
    assert str(source) == shown
