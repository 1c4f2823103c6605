import unicodedata
from pathlib import Path

import pytest

from cchc_cli.core.units import Resolver, derive_short
from cchc_cli.store.registry import load_registry
from cchc_cli.store.yamlsrc import parse

ROOT = Path(__file__).resolve().parent.parent


def registry_from(text: str):
    node, problems = parse(text, "units.yaml")
    assert problems == []
    return load_registry(node, "units.yaml")


@pytest.fixture(scope="module")
def bundled():
    text = (ROOT / "data" / "units.yaml").read_text(encoding="utf-8")
    registry, problems = registry_from(text)
    assert problems == []
    return registry


@pytest.fixture(scope="module")
def resolver(bundled):
    return Resolver(bundled)


def test_bundled_registry_has_every_unit_of_vinh_linh(bundled):
    kinds = [u.kind for u in bundled.units.values()]
    assert kinds.count("commune") == 15
    assert kinds.count("town") == 3
    assert kinds.count("department") == 12
    assert "doan-thanh-nien" in bundled.units
    assert len(bundled.members["xa-thi-tran"]) == 18
    assert "noi-vu" in bundled.members["phong-ban"]
    assert bundled.members["chu-dau-tu"] == ("ban-qlda",)
    assert bundled.valid_from.iso() == "2020-01-01"
    assert bundled.valid_until.iso() == "2025-06-30"


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ("noi-vu", "noi-vu"),
        ("Phòng Nội vụ", "noi-vu"),
        ("phòng nội vụ", "noi-vu"),
        ("noi vu", "noi-vu"),
        ("NOI VU", "noi-vu"),
        (unicodedata.normalize("NFD", "Phòng Nội vụ"), "noi-vu"),
        ("Phòng Văn hoá và Thông tin", "vh-tt"),
        ("Phòng Văn hóa và Thông tin", "vh-tt"),
        ("VP HĐND&UBND", "vp-hdnd-ubnd"),
        ("Văn phòng HĐND và UBND", "vp-hdnd-ubnd"),
        ("HĐND-UBND", "vp-hdnd-ubnd"),
        ("Kinh tế - Hạ tầng", "kt-ht"),
        ("Kinh tế và Hạ tầng", "kt-ht"),
        ("Phòng Tài chính – Kế hoạch", "tc-kh"),
        ("Vĩnh Hoà", "vinh-hoa"),
        ("Xã Vĩnh Hòa", "vinh-hoa"),
        ("vinh thuy", "vinh-thuy"),
        ("Vĩnh Thuỷ", "vinh-thuy"),
        ("Giao duc va dao tao", "gd-dt"),
        ("Huyện đoàn", "doan-thanh-nien"),
        ("huyen doan", "doan-thanh-nien"),
        ("UBND các xã, thị trấn", "xa-thi-tran"),
        ("Chủ tịch UBND các xã, thị trấn", "xa-thi-tran"),
        ("Thủ trưởng các phòng, ban, đơn vị", "phong-ban"),
        ("các Chủ đầu tư", "chu-dau-tu"),
    ],
)
def test_resolve_by_id_name_or_alias_whatever_the_marks(resolver, written, ident):
    assert resolver.lookup(written).ident == ident


def test_unknown_name_comes_with_the_closest_suggestion(resolver):
    found = resolver.lookup("Phòng Nội vu 2")
    assert found.ident is None
    assert found.suggestion == "Phòng Nội vụ"


def test_loose_key_shared_by_two_units_is_ambiguous_not_a_guess():
    registry, problems = registry_from(
        "units:\n"
        "  - {id: vinh-ha, name: Xã Vĩnh Hà, kind: commune}\n"
        "  - {id: vinh-ha-2, name: Xã Vĩnh Hạ, kind: commune}\n"
    )
    assert problems == []
    resolver = Resolver(registry)
    assert resolver.lookup("Xã Vĩnh Hà").ident == "vinh-ha"
    assert resolver.lookup("Xã Vĩnh Hạ").ident == "vinh-ha-2"
    found = resolver.lookup("xa vinh ha")
    assert found.ident is None
    assert found.candidates == ("vinh-ha", "vinh-ha-2")


def test_expand_gives_group_members_in_registry_order_once(bundled):
    units = bundled.expand(["xa-thi-tran", "ho-xa", "noi-vu"])
    assert units[0] == "noi-vu"
    assert units.count("ho-xa") == 1
    assert len(units) == 19


def problems_of(text: str) -> list[tuple[int, int, str]]:
    node, problems = parse(text, "units.yaml")
    _, more = load_registry(node, "units.yaml")
    return [(d.source.line, d.source.col, d.key) for d in problems + more]


def test_group_cycles_are_reported_once_with_their_path():
    text = (
        "groups:\n"
        "  - {id: a, name: A, includes: [b]}\n"
        "  - {id: b, name: B, includes: [a]}\n"
        "  - {id: c, name: C, includes: [c]}\n"
        "units:\n"
        "  - {id: x, name: X, kind: commune, groups: [a]}\n"
    )
    node, _ = parse(text, "units.yaml")
    registry, problems = load_registry(node, "units.yaml")
    assert [(d.key, d.args["cycle"]) for d in problems] == [
        ("units.group-cycle", "a → b → a"),
        ("units.group-cycle", "c → c"),
    ]
    assert registry.members["b"] == ("x",)


def test_registry_errors_point_at_their_place():
    text = (
        "valid_from: 2020-01-01\n"
        "groups:\n"
        "  - {id: g, name: G}\n"
        "units:\n"
        "  - {id: Nội-vụ, name: A, kind: department}\n"
        "  - {id: b, name: B, kind: departement}\n"
        "  - {id: c, name: C, kind: commune, groups: [gg]}\n"
        "  - {id: c, name: D, kind: commune}\n"
        "  - {id: e, name: E, kind: commune, email: [not-an-address]}\n"
        "  - {id: f, name: g, kind: commune}\n"
        "  - {id: h, kind: commune, nmae: H}\n"
    )
    assert problems_of(text) == [
        (5, 10, "units.bad-id"),
        (6, 28, "units.bad-kind"),
        (7, 46, "units.unknown-group-suggest"),
        (8, 10, "units.duplicate-id"),
        (9, 45, "units.bad-email"),
        (11, 5, "schema.missing"),
        (11, 28, "schema.unknown-key-suggest"),
        (10, 5, "units.alias-clash"),
    ]


# -- short names (issue 20) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Phòng Nội vụ", "P. Nội vụ"),
        ("Xã Vĩnh Tú", "X. Vĩnh Tú"),
        ("Thị trấn Hồ Xá", "TT. Hồ Xá"),
        ("Ủy ban nhân dân huyện", "UBND huyện"),
        ("Uỷ ban nhân dân huyện", "UBND huyện"),
        ("Ban Chỉ đạo Cải cách hành chính huyện", "BCĐ Cải cách hành chính huyện"),
        ("Văn phòng HĐND và UBND huyện", "VP HĐND và UBND huyện"),
        ("Thanh tra huyện", "Thanh tra huyện"),
        # A name that is only the word is not shortened to nothing.
        ("Phòng", "Phòng"),
        (unicodedata.normalize("NFD", "Xã Vĩnh Ô"), "X. Vĩnh Ô"),
    ],
)
def test_a_short_name_is_derived_the_way_offices_abbreviate(name, short):
    assert derive_short(name) == short


def test_every_bundled_unit_has_a_written_short_name_and_no_two_share_one(bundled):
    shorts = [bundled.short_of(u) for u in (*bundled.units, *bundled.groups)]
    assert len(set(shorts)) == len(shorts)
    assert bundled.short_of("noi-vu") == "P. Nội vụ"
    assert bundled.short_of("ho-xa") == "TT. Hồ Xá"
    assert bundled.short_of("xa-thi-tran") == "Các xã, TT"
    text = (ROOT / "data" / "units.yaml").read_text(encoding="utf-8")
    assert text.count("    short: ") == len(shorts)


def test_a_unit_without_a_short_name_gets_the_derived_one():
    registry, problems = registry_from(
        "units:\n"
        "  - {id: a, name: Xã Vĩnh Tú, kind: commune}\n"
        "  - {id: b, name: Phòng Nội vụ, short: Nội vụ, kind: department}\n"
    )
    assert problems == []
    assert registry.short_of("a") == "X. Vĩnh Tú"
    assert registry.short_of("b") == "Nội vụ"
    assert registry.short_of("unknown") == "unknown"


def test_a_derived_short_name_two_units_would_share_falls_back_to_their_names():
    registry, problems = registry_from(
        "units:\n"
        "  - {id: a, name: Phòng Nội vụ, kind: department}\n"
        "  - {id: b, name: P. Nội vụ, kind: department, aliases: [PNV]}\n"
    )
    assert problems == []
    assert registry.short_of("a") == "Phòng Nội vụ"
    assert registry.short_of("b") == "P. Nội vụ"


def test_a_short_name_written_empty_or_twice_is_an_error_at_its_place():
    text = (
        "groups:\n"
        "  - {id: g, name: Nhóm G, short: X. A}\n"
        "units:\n"
        "  - {id: a, name: Xã A, short: '', kind: commune}\n"
        "  - {id: b, name: Xã B, short: x. a, kind: commune}\n"
        "  - {id: c, name: Xã C, short: '   ', kind: commune}\n"
    )
    assert problems_of(text) == [
        (4, 32, "units.empty-short"),
        (5, 32, "units.duplicate-short"),
        (6, 32, "units.empty-short"),
    ]


def test_a_bad_short_name_is_reported_by_validate_with_its_line(cchc, data_dir):
    path = data_dir / "units.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("short: P. Tư pháp", "short: P. Nội vụ"), encoding="utf-8")
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert "units.yaml:" in result.stdout + result.stderr
    assert "the short name 'P. Nội vụ' of 'tu-phap' is also that of 'noi-vu'" in (
        result.stdout + result.stderr
    )
