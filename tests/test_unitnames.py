"""Units named in a notice's text (services/unitnames), tested directly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cchc_cli.services.unitnames import UnitNames, expand_shared_prefix
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def names() -> UnitNames:
    return UnitNames(load(ROOT / "data").registry)


def test_names_and_aliases_in_any_spelling_longest_first(names):
    assert names.find("Phòng Văn hoá và Thông tin, Phòng Nội vụ") == (["vh-tt", "noi-vu"], [])
    assert names.find("PHONG NOI VU") == (["noi-vu"], [])


def test_a_shared_prefix_names_each_unit():
    assert expand_shared_prefix("các Phòng: Nội vụ, Tư pháp và Y tế") == (
        "Phòng Nội vụ, Phòng Tư pháp, Phòng Y tế"
    )


def test_unknown_names_are_kept_as_written_split_at_commas_and_va(names):
    found = names.find("Phòng Ngoại giao (cũ), Ban Đối ngoại huyện và Phòng Nội vụ")
    assert found == (["noi-vu"], ["Phòng Ngoại giao (cũ)", "Ban Đối ngoại huyện"])


def test_fillers_before_an_unknown_name_are_dropped(names):
    assert names.find("Đề nghị các Phòng Ngoại giao") == ([], ["Phòng Ngoại giao"])


def test_words_that_are_no_unit_are_not_unknown_units(names):
    assert names.find("Tiếp tục theo dõi, đôn đốc thực hiện") == ([], [])


def test_an_item_s_leading_units(names):
    assert names.leading("UBND cấp xã: chỉ đạo niêm yết thủ tục") == ["xa-thi-tran"]
    assert names.leading("Phòng Tư pháp chủ trì rà soát") == ["tu-phap"]
    assert names.leading("Rà soát thủ tục") == []


def test_finding_is_linear_in_the_text(names):
    text = "Phòng Nội vụ, phòng xyz abc, UBND xã " * 20_000  # 740 KB
    start = time.perf_counter()
    units, unknown = names.find(text)
    assert time.perf_counter() - start < 20  # about 1 s; quadratic was hours
    assert units == ["noi-vu"]
    assert len(unknown) == 40_000
