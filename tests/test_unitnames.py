"""Units named in a notice's text (services/unitnames, and the runs of names of
services/roles), tested directly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cchc_cli.core.vntext import fold
from cchc_cli.services.roles import Words, roles, run_at
from cchc_cli.services.unitnames import UnitNames
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def run(names: UnitNames, text: str) -> tuple[list[str], list[str]]:
    found = run_at(names, Words(text), 0)
    return found.units, found.unknown


def test_the_longest_name_at_a_word_in_any_spelling(names):
    words = fold("Phòng Văn hoá và Thông tin huyện").split()
    assert names.match_at(words, 0) == (6, "vh-tt")
    assert names.match_at(fold("PHONG NOI VU").split(), 0) == (3, "noi-vu")
    assert names.match_at(fold("Rà soát").split(), 0) is None


def test_names_and_aliases_one_after_another(names):
    assert run(names, "Phòng Văn hoá và Thông tin, Phòng Nội vụ và VP HĐND&UBND") == (
        ["vh-tt", "noi-vu", "vp-hdnd-ubnd"],
        [],
    )


def test_a_list_under_one_head_names_each_unit(names):
    assert run(names, "các Phòng: Nội vụ, Tư pháp và Y tế")[0] == ["noi-vu", "tu-phap", "y-te"]
    # A registry name with "và" inside is tried whole before "và" splits the list.
    assert run(names, "các phòng: Tài chính - Kế hoạch, Kinh tế và Hạ tầng")[0] == [
        "tc-kh",
        "kt-ht",
    ]
    assert run(names, "UBND các xã: Vĩnh Hà, Vĩnh Ô, Vĩnh Khê")[0] == [
        "vinh-ha",
        "vinh-o",
        "vinh-khe",
    ]


def test_acronyms_are_known_where_written_in_capitals(names):
    assert run(names, "TCKH chủ trì")[0] == ["tc-kh"]


def test_unknown_names_are_kept_as_written_split_at_commas_and_va(names):
    found = run(names, "Phòng Ngoại giao, Ban Đối ngoại huyện và Phòng Nội vụ")
    assert found == (["noi-vu"], ["Phòng Ngoại giao", "Ban Đối ngoại huyện"])
    assert run(names, "UBND các xã: Vĩnh Hà, Vĩnh Xuân") == (["vinh-ha"], ["xã Vĩnh Xuân"])


def test_a_name_of_another_kind_is_no_registry_unit(names):
    assert run(names, "Trung tâm Y tế huyện") == ([], ["Trung tâm Y tế huyện"])


def test_words_that_are_no_unit_are_no_unknown_units(names):
    assert run(names, "Tiếp tục theo dõi, đôn đốc thực hiện") == ([], [])
    assert run(names, "UBND huyện giao") == ([], [])
    assert run(names, "Số 12/KH-UBND") == ([], [])


def test_reading_roles_is_linear_in_the_text(names):
    text = "Phòng Nội vụ, phòng xyz abc, UBND xã, phối hợp với Phòng Tư pháp, " * 10_000
    start = time.perf_counter()
    found = roles(names, text)
    assert time.perf_counter() - start < 20  # about 1 s; quadratic was hours
    assert found.subject.units == ["noi-vu"]
    assert found.partners.units == ["tu-phap"]


def test_the_start_of_a_group_s_name_is_the_group_unless_members_follow(names):
    assert run(names, "UBND các xã tổ chức tuyên truyền") == (["xa-thi-tran"], [])
    assert run(names, "các phòng, ban triển khai")[0] == ["phong-ban"]
    assert run(names, "UBND các xã: Vĩnh Hà, Vĩnh Ô")[0] == ["vinh-ha", "vinh-o"]
    assert run(names, "Chủ tịch UBND huyện") == ([], [])
