"""A load after some notice files changed, answered from the snapshot patched for them
(:mod:`cchc_cli.store.snappatch`): exactly the cold load, whatever the changes."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from cchc_cli.store import snappatch
from cchc_cli.store.loader import load
from runner import cchc
from test_snapshot import age, cached_load, described

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
AS_OF = ("--as-of", "2023-12-15")
#: Few ids for many files: an edit often makes a notice found twice, or undoes one.
IDS = [f"n-{k}" for k in range(4)]
BROKEN = (
    "id: x\ndate: 2023-13-01\n",  # a notice's error
    "id: [unclosed\n",  # YAML that does not parse
    "",  # an empty file
)
#: What a patched load is compared on, through the command line too.
COMMANDS = (
    ("validate",),
    ("validate", "--strict", "--lang", "en"),
    ("due", "--before", "2024-03-01", *AS_OF),
    ("overdue", *AS_OF, "-f", "json"),
    ("status", *AS_OF),
    ("list", "-f", "csv"),
)


@pytest.fixture(autouse=True)
def _user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def patches(monkeypatch):
    """How each load that the snapshot did not answer was answered: True patched."""
    answers: list[bool] = []
    real = snappatch.patch

    def spy(listing, cache, read):
        found = real(listing, cache, read)
        answers.append(found is not None)
        return found

    monkeypatch.setattr(snappatch, "patch", spy)
    return answers


def with_id(text: str, ident: str) -> str:
    return text.replace("id: cchc-2023-11", f"id: {ident}", 1)


@pytest.fixture
def folder(data_dir: Path) -> Path:
    """The bundled folder with a progress event and five notices, one in a sub-folder."""
    assert cchc("done", "2.3", *AS_OF).exit_code == 0
    original = (data_dir / "notices" / NOTICE).read_text("utf-8")
    (data_dir / "notices" / "sub").mkdir()
    for k, name in enumerate(("a.yaml", "b.yaml", "sub/c.yaml", "d.yml")):
        (data_dir / "notices" / name).write_text(with_id(original, IDS[k % 3]), "utf-8")
    age(data_dir)
    return data_dir


def notices_in(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "notices").rglob("*") if p.suffix in (".yaml", ".yml"))


def change(data_dir: Path, chance: random.Random, original: str) -> None:
    """One change of a notice file: edited, broken, added, removed or moved."""
    files = notices_in(data_dir)
    what = chance.choice(("edit", "edit", "id", "break", "add", "remove", "move"))
    if what == "remove" and len(files) < 3:
        what = "add"
    target = chance.choice(files)
    if what == "edit":
        with target.open("a", encoding="utf-8") as file:
            file.write(f"# {chance.random()}\n")
    elif what == "id":  # the same size: only its content tells (racily clean)
        text = target.read_text("utf-8")
        for ident in [*IDS, "cchc-2023-11"]:
            text = text.replace(f"id: {ident}\n", f"id: {chance.choice(IDS)}\n", 1)
        target.write_text(text, "utf-8")
    elif what == "break":
        target.write_text(chance.choice(BROKEN), "utf-8")
    elif what == "add":
        name = f"{chance.choice(('', 'sub/', 'new/'))}x{chance.randrange(100)}.yaml"
        (data_dir / "notices" / name).parent.mkdir(exist_ok=True)
        (data_dir / "notices" / name).write_text(with_id(original, chance.choice(IDS)), "utf-8")
    elif what == "remove":
        target.unlink()
    else:
        moved = data_dir / "notices" / chance.choice(("", "sub", "new")) / f"m{target.name}"
        moved.parent.mkdir(exist_ok=True)
        os.replace(target, moved)


@pytest.mark.parametrize("seed", range(6))
def test_a_patched_load_is_the_cold_load(folder, patches, seed):
    chance = random.Random(seed)
    original = (folder / "notices" / NOTICE).read_text("utf-8")
    cached_load(folder)
    for _ in range(12):
        for _ in range(chance.choice((1, 1, 2, 3))):
            change(folder, chance, original)
        patches.clear()
        patched = cached_load(folder)
        assert described(patched) == described(load(folder))
        assert True in patches  # not the long way
        # And the snapshot stored from it answers the next load, the same again.
        assert described(cached_load(folder)) == described(patched)


@pytest.mark.parametrize("seed", range(2))
def test_every_command_after_a_patch_prints_what_no_cache_prints(folder, patches, seed):
    chance = random.Random(seed)
    original = (folder / "notices" / NOTICE).read_text("utf-8")
    assert cchc("validate").exit_code in (0, 1)
    for command in COMMANDS:
        change(folder, chance, original)
        patches.clear()
        cached = cchc(*command)
        assert patches == [True]
        uncached = cchc(*command, "--no-cache")
        assert (cached.stdout, cached.exit_code) == (uncached.stdout, uncached.exit_code)
        again = cchc(*command)  # from the patched snapshot, its validate lines made again
        assert (again.stdout, again.exit_code) == (uncached.stdout, uncached.exit_code)


def test_a_changed_units_file_takes_the_long_way(folder, patches):
    cached_load(folder)
    patches.clear()
    with (folder / "units.yaml").open("a", encoding="utf-8") as file:
        file.write("# changed\n")
    (folder / "notices" / "a.yaml").unlink()
    assert described(cached_load(folder)) == described(load(folder))
    assert patches == [False]


def test_a_link_among_the_changed_files_takes_the_long_way(folder, patches, tmp_path):
    cached_load(folder)
    patches.clear()
    outside = tmp_path / "outside.yaml"
    shutil.copy(folder / "notices" / "a.yaml", outside)
    (folder / "notices" / "link.yaml").symlink_to(outside)
    assert described(cached_load(folder)) == described(load(folder))
    assert patches == [False]


def test_a_patched_load_reads_only_the_changed_file(folder, patches, monkeypatch):
    cached_load(folder)
    patches.clear()
    (folder / "notices" / "b.yaml").write_text(
        with_id((folder / "notices" / NOTICE).read_text("utf-8"), "other"), "utf-8"
    )
    from cchc_cli.store import cache as cache_module

    asked: list[str] = []
    real = cache_module.FileCache.get

    def get(self, path, depends_on, **kwargs):
        asked.append(path.name)
        return real(self, path, depends_on, **kwargs)

    monkeypatch.setattr(cache_module.FileCache, "get", get)
    assert described(cached_load(folder)) == described(load(folder))
    assert patches == [True]
    assert asked == ["b.yaml"]


def test_a_patched_snapshot_does_not_write_validates_lines_again(folder, patches):
    """They were rendered for the diagnostics before the change: never read again."""
    import sqlite3

    assert cchc("validate").exit_code in (0, 1)  # the snapshot, that the lines are kept with
    assert cchc("validate").exit_code in (0, 1)

    def kept() -> list[str]:
        connection = sqlite3.connect(folder / ".cchc" / "cache.sqlite")
        try:
            return [part for (part,) in connection.execute("SELECT part FROM snapshot")]
        finally:
            connection.close()

    assert "lines:vi" in kept()
    with (folder / "notices" / "a.yaml").open("a", encoding="utf-8") as file:
        file.write("# changed\n")
    patches.clear()
    cchc("status", *AS_OF)
    assert patches == [True]
    assert not [part for part in kept() if part.startswith("lines:")]
