"""The data path's shortcuts (issue 17) keep every answer the long way gave."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from cchc_cli.store import loader as loader_module
from cchc_cli.store.loader import load, scan_notices

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"


def test_a_folder_without_links_is_read_without_resolving_each_file(data_dir, monkeypatch):
    notices = data_dir / "notices"
    text = (notices / NOTICE).read_text("utf-8")
    for i in range(5):
        (notices / f"copy-{i}.yaml").write_text(text.replace("cchc-2023-11", f"c{i}"), "utf-8")
    calls = []
    real = Path.resolve

    def resolve(self, *args, **kwargs):
        calls.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", resolve)
    dataset = load(data_dir)
    assert len(dataset.index) == 6
    assert not [p for p in calls if p.parent == notices]


def test_only_the_links_among_the_notices_are_listed_as_linked(data_dir, tmp_path):
    notices = data_dir / "notices"
    (notices / "inside.yaml").symlink_to(notices / NOTICE)
    (notices / "sub").mkdir()
    (notices / "sub" / "out.yaml").symlink_to(tmp_path / "nowhere.yaml")
    files, linked = scan_notices(data_dir)
    assert linked == {notices / "inside.yaml", notices / "sub" / "out.yaml"}
    assert set(files) == linked | {notices / NOTICE}


def test_a_notices_folder_that_is_a_link_out_of_the_data_folder_is_not_read(
    cchc, data_dir, tmp_path
):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data_dir / "notices", elsewhere)
    (data_dir / "notices").symlink_to(elsewhere)
    result = cchc("validate", "--lang", "en", "--no-cache")
    assert result.exit_code == 1
    target = elsewhere / NOTICE
    assert (
        f"data/notices/{NOTICE}: error: is a link out of the data folder ({target}); not read"
        in result.stdout.splitlines()
    )
    assert load(data_dir).index == ()


def test_a_notices_folder_that_is_a_link_inside_the_data_folder_is_read(cchc, data_dir):
    shutil.move(data_dir / "notices", data_dir / "kept")
    (data_dir / "notices").symlink_to(Path("kept"))
    assert [e.id for e in load(data_dir).index] == ["cchc-2023-11"]
    assert cchc("validate", "--no-cache").exit_code == 0


def test_a_progress_folder_that_is_a_link_out_of_the_data_folder_is_not_read(
    cchc, data_dir, tmp_path
):
    elsewhere = tmp_path / "progress-elsewhere"
    elsewhere.mkdir()
    line = "- {task: cchc-2023-11/2.3, done: 2023-11-24}\n"
    (elsewhere / "noi-vu.yaml").write_text(line, "utf-8")
    shutil.rmtree(data_dir / "progress")
    (data_dir / "progress").symlink_to(elsewhere)
    for cache in ((), ("--no-cache",)):
        result = cchc("validate", "--lang", "en", *cache)
        assert result.exit_code == 1
        assert (
            "data/progress/noi-vu.yaml: error: is a link out of the data folder"
            f" ({elsewhere / 'noi-vu.yaml'}); not read" in result.stdout.splitlines()
        )


def test_a_run_tunes_the_garbage_collector_and_a_library_import_does_not():
    code = (
        "import gc, sys; before = gc.get_threshold(); import cchc_cli.cli as c;"
        " assert gc.get_threshold() == before, 'import alone changed it';"
        " sys.argv = ['cchc', '--version']\n"
        "try: c.main()\n"
        "except SystemExit: pass\n"
        "print(gc.get_threshold() == c.RUN_THRESHOLD, gc.get_freeze_count() > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[-2:] == ["True", "True"]


def test_loader_module_still_lists_notice_files(data_dir):
    assert loader_module.notice_files(data_dir) == [data_dir / "notices" / NOTICE]
