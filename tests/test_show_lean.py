"""A warm ``show`` or ``done`` of a task named by its notice's id decodes that notice's
index entry only, not the whole index (2,000 entries at 20,000 tasks); a warm
``validate`` only those of the notices the progress files name."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner import cchc

ON = ("--as-of", "2023-11-24")


@pytest.fixture
def two_notices(data_dir: Path) -> Path:
    source = data_dir / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
    text = source.read_text(encoding="utf-8")
    assert "id: cchc-2023-11\n" in text
    other = text.replace("id: cchc-2023-11\n", "id: khac-2023-11\n")
    (data_dir / "notices" / "khac.yaml").write_text(other, encoding="utf-8")
    return data_dir


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many entries each decoding of the index made."""
    from cchc_cli.store import snapcodec, snaplazy

    made: list[int] = []
    real = snapcodec.index_from

    def spy(data):
        made.append(len(data["ids"]))
        return real(data)

    monkeypatch.setattr(snaplazy, "index_from", spy)
    return made


def same_as_without_cache(*args: str) -> None:
    warm = cchc(*args, *ON)
    cold = cchc(*args, *ON, "--no-cache")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


@pytest.mark.parametrize(
    "ref", ["khac-2023-11/2.3", "KHAC-2023-11/2.3", "khac/2.3", "cchc-2023-11/1.1"]
)
def test_show_decodes_the_notice_it_names_alone(two_notices, decoded, ref):
    assert cchc("status", *ON).exit_code == 0
    decoded.clear()
    shown = cchc("show", ref, *ON)
    assert shown.exit_code == 0
    assert decoded and set(decoded) == {1}
    assert ref.partition("/")[0].casefold()[:4] in shown.stdout
    same_as_without_cache("show", ref)


def test_a_ref_fitting_both_notices_still_reads_them_all(two_notices, decoded):
    assert cchc("status", *ON).exit_code == 0
    decoded.clear()
    ambiguous = cchc("show", "2.3", *ON)
    assert ambiguous.exit_code != 0
    assert "cchc-2023-11/2.3" in ambiguous.stderr and "khac-2023-11/2.3" in ambiguous.stderr
    same_as_without_cache("show", "2.3")
    for ref in ("nowhere/2.3", "khac-2023-11/9.9", "k/2.3"):
        same_as_without_cache("show", ref)


def test_done_by_a_full_reference_decodes_one_entry(two_notices, decoded):
    assert cchc("status", *ON).exit_code == 0
    decoded.clear()
    assert cchc("done", "khac-2023-11/2.3", "--all", *ON).exit_code == 0
    assert decoded and set(decoded) == {1}
    for args in (("show", "khac-2023-11/2.3"), ("status",), ("overdue",), ("validate",)):
        same_as_without_cache(*args)


def test_a_notice_named_every_way_is_found_as_without_the_cache(two_notices):
    """Its id, in another case, a prefix of it, one fitting both, none, its number."""
    assert cchc("status", *ON).exit_code == 0
    for written in ("khac-2023-11", "KHAC-2023-11", "khac", "c", "nowhere", "412/TB-UBND"):
        same_as_without_cache("status", "--notice", written)
        same_as_without_cache("list", "--notice", written)


def test_an_entry_decoded_alone_is_the_one_the_whole_index_holds_later(two_notices):
    """Some find an entry's place by identity (``e is notice``): the entry decoded
    alone must be the very one the index holds once decoded whole."""
    from cchc_cli.store.cache import FileCache
    from cchc_cli.store.loader import load
    from cchc_cli.store.snaplazy import LazyIndex, entries_at

    assert cchc("status", *ON).exit_code == 0
    index = load(two_notices, FileCache.open(two_notices)).index  # the snapshot stored
    index = load(two_notices, FileCache.open(two_notices)).index  # read back
    assert isinstance(index, LazyIndex) and not index.decoded
    second = entries_at(index, [1])[0]
    assert entries_at(index, [1, 1]) == [second, second]
    assert entries_at(index, [1])[0] is second
    assert not index.decoded
    assert index[1] is second
    assert index == load(two_notices).index


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validate_decodes_only_the_notices_progress_names(two_notices, decoded, lang):
    assert cchc("done", "khac-2023-11/2.3", "--all", *ON).exit_code == 0
    cchc("validate", "--lang", lang, *ON)  # its lines rendered and kept
    decoded.clear()
    warm = cchc("validate", "--lang", lang, *ON)
    assert set(decoded) <= {1}  # the one notice the progress files name
    cold = cchc("validate", "--lang", lang, *ON, "--no-cache")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    assert "34" in warm.stdout.splitlines()[-1]  # both notices' 17 tasks counted
