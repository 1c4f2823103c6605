import os

import pytest

from cchc_cli.store import fileio
from cchc_cli.store.fileio import atomic_write


def test_atomic_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o604)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_mode & 0o777 == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.yaml"]


def test_a_failed_write_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "n.yaml"
    path.write_bytes(b"old\n")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.yaml"]


def test_the_data_is_synced_before_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(fileio.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(
        fileio.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))
    )
    atomic_write(tmp_path / "n.yaml", b"x")
    assert calls == ["fsync", "replace", "fsync"]


UMASK_SCRIPT = """
import os, sys
from pathlib import Path
os.umask(int(sys.argv[1], 8))
from cchc_cli.cli.app import main
sys.argv = ["cchc", *sys.argv[2:]]
main()
"""


def cchc_under_umask(umask: str, *args: str, cwd) -> None:
    import subprocess
    import sys

    env = {**os.environ, "EDITOR": "", "VISUAL": ""}
    done = subprocess.run(
        [sys.executable, "-c", UMASK_SCRIPT, umask, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize(("umask", "expected"), [("022", 0o644), ("027", 0o640), ("077", 0o600)])
def test_files_cchc_creates_honour_the_umask(tmp_path, umask, expected):
    """init, new and import: readable by the cron job's user under umask 022, as the
    files an editor saves (they were 0600 whatever the umask)."""
    cchc_under_umask(umask, "init", "data", cwd=tmp_path)
    data = tmp_path / "data"
    cchc_under_umask(umask, "new", "--data", "data", "--title", "Kết luận", "--id", "tb-new",
                     cwd=tmp_path)  # fmt: skip
    source = tmp_path / "tb.txt"
    source.write_text(
        "Số: 12/TB-UBND\nVĩnh Linh, ngày 01 tháng 3 năm 2024\n\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND huyện\n\n"
        "Chủ tịch UBND huyện giao nhiệm vụ như sau:\n\n"
        "1. Phòng Nội vụ\n- Rà soát thủ tục hành chính, hoàn thành trước ngày 15/3/2024.\n",
        "utf-8",
    )
    cchc_under_umask(umask, "import", "--data", "data", str(source), "--id", "tb-imp",
                     cwd=tmp_path)  # fmt: skip
    created = [p for p in data.rglob("*") if p.is_file() and ".cchc" not in p.parts]
    names = {p.relative_to(data).as_posix() for p in created}
    assert {"units.yaml", "notices/tb-new.yaml", "notices/tb-imp.yaml"} <= names
    assert {p.relative_to(data).as_posix(): p.stat().st_mode & 0o777 for p in created} == {
        name: expected for name in names
    }


def test_a_new_file_gets_the_mode_the_umask_leaves(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "n.yaml", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "n.yaml").stat().st_mode & 0o777 == 0o640
