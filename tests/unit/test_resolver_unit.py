"""core/units.py: what a clerk writes for a unit, and what it resolves to."""

import unicodedata
from pathlib import Path

import pytest

from cchc_cli.core.model import Group, Registry, Unit
from cchc_cli.core.units import ID_PATTERN, Lookup, Resolver
from cchc_cli.core.vntext import fold
from cchc_cli.store.registry import load_registry
from cchc_cli.store.yamlsrc import parse


def registry(*units: Unit, groups: tuple[Group, ...] = ()) -> Registry:
    members = {g.id: tuple(u.id for u in units if g.id in u.groups) for g in groups}
    return Registry({u.id: u for u in units}, {g.id: g for g in groups}, members)


VINH_LINH = registry(
    Unit("vinh-ha", "Xã Vĩnh Hà", "commune", groups=("xa",)),
    Unit("vinh-hoa", "Xã Vĩnh Hòa", "commune", aliases=("Vĩnh Hoà",), groups=("xa",)),
    Unit("vinh-thuy", "Xã Vĩnh Thủy", "commune", groups=("xa",)),
    Unit("ho-xa", "Thị trấn Hồ Xá", "town", groups=("xa",)),
    Unit("noi-vu", "Phòng Nội vụ", "department", aliases=("Nội vụ",)),
    Unit("doan", "Đoàn thanh niên huyện", "organization", aliases=("Huyện đoàn",)),
    Unit("vp", "Văn phòng HĐND và UBND", "department", aliases=("VP HĐND&UBND", "HĐND-UBND")),
    groups=(Group("xa", "Các xã, thị trấn", aliases=("UBND các xã, thị trấn",)),),
)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(VINH_LINH)


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        # by id, name, alias
        ("vinh-hoa", "vinh-hoa"),
        ("Xã Vĩnh Hòa", "vinh-hoa"),
        ("Vĩnh Hoà", "vinh-hoa"),
        # tone on the other vowel: the strict key still matches the name
        ("Xã Vĩnh Hoà", "vinh-hoa"),
        ("Xã Vĩnh Thuỷ", "vinh-thuy"),
        # case, decomposed input, extra spaces and punctuation
        ("XÃ VĨNH HÒA", "vinh-hoa"),
        (unicodedata.normalize("NFD", "Xã Vĩnh Thủy"), "vinh-thuy"),
        ("  Phòng   Nội vụ ", "noi-vu"),
        ("phòng nội vụ.", "noi-vu"),
        # đ is not decomposable: folding maps it by hand
        ("Đoàn thanh niên huyện", "doan"),
        ("doan thanh nien huyen", "doan"),
        ("huyen doan", "doan"),
        ("DOAN THANH NIEN HUYEN", "doan"),
        # no marks at all
        ("xa vinh thuy", "vinh-thuy"),
        ("thi tran ho xa", "ho-xa"),
        ("noi vu", "noi-vu"),
        # the same office written three ways
        ("VP HĐND&UBND", "vp"),
        ("HĐND-UBND", "vp"),
        ("vp hdnd ubnd", "vp"),
        # groups resolve like units
        ("xa", "xa"),
        ("Các xã, thị trấn", "xa"),
        ("ubnd cac xa thi tran", "xa"),
    ],
)
def test_written_names_resolve_to_their_unit(resolver, written, ident):
    assert resolver.lookup(written) == Lookup(ident)


def test_the_strict_key_wins_over_a_loose_clash():
    # "Vĩnh Hà" and "Vĩnh Hạ" fold to the same words; their tones tell them apart.
    two = Resolver(
        registry(
            Unit("vinh-ha", "Vĩnh Hà", "commune"),
            Unit("vinh-ha-2", "Vĩnh Hạ", "commune"),
        )
    )
    assert two.lookup("Vĩnh Hà").ident == "vinh-ha"
    assert two.lookup("Vĩnh Hạ").ident == "vinh-ha-2"
    assert two.lookup("VĨNH HẠ").ident == "vinh-ha-2"


def test_a_loose_key_that_fits_two_units_lists_both_in_id_order():
    two = Resolver(
        registry(
            Unit("z-ha", "Vĩnh Hạ", "commune"),
            Unit("a-ha", "Vĩnh Hà", "commune"),
        )
    )
    assert two.lookup("vinh ha") == Lookup(None, candidates=("a-ha", "z-ha"))


def test_a_strict_key_shared_by_two_units_is_ambiguous_too():
    two = Resolver(
        registry(
            Unit("tc", "Phòng Tài chính", "department", aliases=("Tài chính",)),
            Unit("kbnn", "Kho bạc", "agency", aliases=("Tài chính",)),
        )
    )
    assert two.lookup("Tài chính") == Lookup(None, candidates=("kbnn", "tc"))


def test_an_exact_id_wins_even_when_it_is_another_units_alias():
    two = Resolver(
        registry(
            Unit("noi-vu", "Phòng Nội vụ", "department"),
            Unit("nv", "Nội vụ tỉnh", "agency", aliases=("noi-vu",)),
        )
    )
    assert two.lookup("noi-vu").ident == "noi-vu"


def test_an_unknown_name_suggests_the_closest_name_as_written(resolver):
    found = resolver.lookup("Xã Vĩnh Thủyy")
    assert found == Lookup(None, suggestion="Xã Vĩnh Thủy")


def test_an_unknown_name_without_anything_close_gets_no_suggestion(resolver):
    assert resolver.lookup("Sở Giao thông vận tải tỉnh Quảng Trị") == Lookup(None)


def test_an_empty_name_resolves_to_nothing(resolver):
    assert resolver.lookup("").ident is None


def test_an_empty_registry_resolves_nothing():
    assert Resolver(registry()).lookup("noi vu") == Lookup(None)


@pytest.mark.parametrize(
    ("ident", "valid"),
    [
        ("noi-vu", True),
        ("vinh-hoa", True),
        ("tc_kh", True),
        ("ubnd.huyen", True),
        ("a1", True),
        ("Noi-vu", False),
        ("nội-vụ", False),
        ("-noi", False),
        ("noi-", False),
        ("noi--vu", False),
        ("noi vu", False),
        ("", False),
    ],
)
def test_unit_ids_are_lower_case_ascii_words_joined_by_one_separator(ident, valid):
    assert bool(ID_PATTERN.fullmatch(ident)) is valid


def test_registry_expand_gives_group_members_and_units_in_registry_order_once():
    assert VINH_LINH.expand(["noi-vu", "xa", "vinh-ha"]) == (
        "vinh-ha",
        "vinh-hoa",
        "vinh-thuy",
        "ho-xa",
        "noi-vu",
    )


def test_registry_names_units_groups_and_leaves_unknown_ids_as_they_are():
    assert VINH_LINH.name_of("noi-vu") == "Phòng Nội vụ"
    assert VINH_LINH.name_of("xa") == "Các xã, thị trấn"
    assert VINH_LINH.name_of("so-gtvt") == "so-gtvt"


# -- every unit of the bundled registry, however it is written -----------------------


_BUNDLED = Path(__file__).resolve().parents[2] / "data" / "units.yaml"
_node, _ = parse(_BUNDLED.read_text(encoding="utf-8"), "units.yaml")
BUNDLED, _ = load_registry(_node, "units.yaml")
BUNDLED_RESOLVER = Resolver(BUNDLED)
NAMES = [(u.id, written) for u in BUNDLED.units.values() for written in (u.name, *u.aliases)]

# The old and new tone placements of the same syllable, as clerks type both.
_OTHER_PLACEMENT = {
    "òa": "oà",
    "óa": "oá",
    "ỏa": "oả",
    "õa": "oã",
    "ọa": "oạ",
    "òe": "oè",
    "óe": "oé",
    "ủy": "uỷ",
    "úy": "uý",
    "ùy": "uỳ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}


def other_placement(text: str) -> str:
    for old, new in _OTHER_PLACEMENT.items():
        text = text.replace(old, new).replace(old.capitalize(), new.capitalize())
    return text


VARIANTS = {
    "as-written": lambda s: s,
    "upper": str.upper,
    "lower": str.lower,
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "other-tone-placement": other_placement,
    "all-at-once": lambda s: unicodedata.normalize("NFD", other_placement(s).upper()),
    "padded": lambda s: f"  {s}  ",
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("ident", "written"), NAMES)
def test_every_bundled_name_resolves_to_its_unit_however_it_is_written(ident, written, variant):
    assert BUNDLED_RESOLVER.lookup(VARIANTS[variant](written)).ident == ident


@pytest.mark.parametrize(("ident", "written"), NAMES)
def test_every_bundled_name_typed_without_marks_finds_its_unit_or_asks_which(ident, written):
    found = BUNDLED_RESOLVER.lookup(fold(written))
    assert found.ident == ident or ident in found.candidates
