"""The cache's row per notice and its counts of pairs (issue 17, store/tally.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_cli.store.cache import FileCache
from cchc_cli.store.loader import load
from cchc_cli.store.tally import notice_row

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def copies(data_dir: Path, idents: tuple[str, ...]) -> None:
    """The reference notice as ``idents``, each with its own number and title."""
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    (notices / NOTICE).unlink()
    for ident in idents:
        copy = text.replace("cchc-2023-11", ident).replace('number: ""', f'number: "{ident}"')
        (notices / f"{ident}.yaml").write_text(copy, "utf-8")


def stored(data_dir: Path, table: str) -> set[tuple]:
    connection = sqlite3.connect(data_dir / ".cchc" / "cache.sqlite")
    try:
        return set(connection.execute(f"SELECT * FROM {table}"))
    finally:
        connection.close()


def test_each_notice_has_its_row_written_and_forgotten_with_its_pair_rows(cchc, data_dir):
    copies(data_dir, ("c-1", "c-2", "c-10"))
    assert cchc("status", "--data", data_dir).exit_code == 0
    dataset = load(data_dir)
    cache = FileCache.open(data_dir)
    assert cache is not None
    expected = {(cache.key_of(n.path), *notice_row(n)) for n in dataset.notices}
    cache.close()
    assert stored(data_dir, "notice_rows") == expected
    assert len(expected) == 3
    (data_dir / "notices" / "c-2.yaml").unlink()
    assert cchc("status", "--data", data_dir).exit_code == 0
    assert stored(data_dir, "notice_rows") == {r for r in expected if r[1] != "c-2"}
