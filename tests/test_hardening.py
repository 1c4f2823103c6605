"""Whatever a clerk's editor produces, cchc answers with a message, never a traceback,
and never leaves a file half-written."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.store import loader as loader_module
from cchc_cli.store.edit import content
from cchc_cli.store.loader import load

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
REFERENCE = (ROOT / "data" / "notices" / NOTICE).read_text("utf-8")


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2, 3), result.exit_code
    assert "Traceback" not in result.stderr


# -- files a clerk can produce -----------------------------------------------------------


def test_a_50_mb_file_is_refused_with_its_size_and_the_limit_is_configurable(cchc, data_dir):
    big = data_dir / "notices" / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    result = cchc("validate", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "data/notices/big.yaml: error: the file is too big (50.0 MB, the limit is 10 MB); "
        "if it really is a notice, raise max_file_mb in config.yaml"
    )
    (data_dir / "config.yaml").write_text("max_file_mb: 60\n", "utf-8")
    result = cchc("validate", "--lang", "en")
    assert "too big" not in result.stdout
    assert "big.yaml:1:1: error: YAML syntax error" in result.stdout or "big.yaml" in result.stdout


def test_an_unreadable_file_is_named_with_the_reason(cchc, data_dir, monkeypatch):
    real = os.open

    def refuse(path, *args, **kwargs):
        if Path(path).name == NOTICE:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    # Every data file is opened by one reader (root ignores chmod, so refuse here).
    monkeypatch.setattr(os, "open", refuse)
    result = cchc("validate", "--lang", "en", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"data/notices/{NOTICE}: error: cannot read the file: Permission denied"
    )


def test_a_link_out_of_the_data_folder_is_not_followed(cchc, data_dir, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(REFERENCE.replace("cchc-2023-11", "secret"), "utf-8")
    (data_dir / "notices" / "link.yaml").symlink_to(outside)
    (data_dir / "notices" / "inside.yaml").symlink_to(data_dir / "notices" / NOTICE)
    result = cchc("validate", "--lang", "en", "--no-cache")
    assert result.exit_code == 1
    assert (
        f"data/notices/link.yaml: error: is a link out of the data folder ({outside}); not read"
        in (result.stdout.splitlines())
    )
    assert "secret" not in cchc("list", "-f", "json", "--no-cache").stdout


def test_a_file_saved_while_it_is_read_is_read_again(data_dir, monkeypatch):
    path = data_dir / "notices" / NOTICE
    real = loader_module.load_notice
    calls = []

    def load_notice(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:
            # The editor finishes saving just after cchc read a half-written file.
            path.write_text(REFERENCE + "# saved\n", "utf-8")
        calls.append(1)
        return result

    monkeypatch.setattr(loader_module, "load_notice", load_notice)
    dataset = load(data_dir)
    assert len(calls) == 2
    assert len(dataset.tasks) == 17


def test_a_file_that_never_stops_changing_is_reported(data_dir, monkeypatch):
    path = data_dir / "notices" / NOTICE
    real = loader_module.load_notice
    count = iter(range(100))

    def load_notice(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text(REFERENCE + f"# {next(count)}\n", "utf-8")
        return result

    monkeypatch.setattr(loader_module, "load_notice", load_notice)
    dataset = load(data_dir)
    assert [d.key for d in dataset.diagnostics if d.is_error] == ["file.changing"]


# -- bad command lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show", "9.9"], 2),
        (["done", "cchc-2024/1.1"], 2),
        (["list", "--unit", "Phòng Ngoại giao"], 2),
        (["due", "--before", "32/12/2023"], 2),
        (["due", "--before", "tuần sau"], 2),
        (["overdue", "--as-of", "hôm kia"], 2),
        (["report", "--period", "2023-Q5"], 2),
        (["report", "--period", "2023-12..2023-11"], 2),
        (["remind", "--days", "-3"], 2),
        (["list", "--format", "xml"], 2),
        (["list", "--data", "/no/such/folder"], 2),
        (["status", "--data", "."], 2),
        (["extend", "2.3", "--to", "sau Tết", "--reason", "x"], 2),
        (["note", "2.3", ""], 2),
    ],
)
def test_bad_command_lines_get_a_message_and_exit_2(cchc, data_dir, args, code):
    result = cchc(*args)
    no_traceback(result)
    assert result.exit_code == code
    assert result.stderr.strip()


def test_an_unwritable_folder_for_an_edit_is_a_plain_error(cchc, data_dir, monkeypatch):
    from cchc_cli.store import progress_append

    real_open = progress_append.os.open
    folder = data_dir / "progress"

    def refuse(path, *args, **kwargs):
        if Path(path).parent.name == "progress":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(progress_append.os, "open", refuse)
    before = (data_dir / "notices" / NOTICE).read_bytes()
    result = cchc("done", "2.3", "--as-of", "2023-11-24", "--lang", "en")
    monkeypatch.setattr(progress_append.os, "open", real_open)
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == "cchc: error: data/progress/noi-vu.yaml: Permission denied\n"
    assert (data_dir / "notices" / NOTICE).read_bytes() == before
    assert not (folder / "noi-vu.yaml").exists()


# -- fuzzing -----------------------------------------------------------------------------

LINES = REFERENCE.splitlines(keepends=True)


@st.composite
def mutated(draw) -> str:
    """The reference notice after a few of the slips a hand edit makes."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "unicode", "cut"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif action == "indent":
            lines[index] = " " * draw(st.integers(0, 7)) + lines[index].lstrip(" ")
        elif action == "unicode":
            noise = draw(st.text(min_size=1, max_size=8))
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + noise + lines[index][at:]
        elif action == "cut":
            lines = lines[:index]
        if not lines:
            lines = ["\n"]
    return "".join(lines)


READ_COMMANDS = [
    ["validate"],
    ["list", "-f", "json"],
    ["due", "--as-of", "2023-11-20", "--before", "2023-12-10"],
    ["overdue", "--as-of", "2023-12-20"],
    ["status", "--as-of", "2023-12-20"],
    ["units"],
    ["show", "2.3"],
    ["remind", "--as-of", "2023-11-25"],
    ["report", "--period", "2023-11", "-f", "csv"],
    ["export", "-f", "json", "--as-of", "2023-11-25"],
]


@pytest.mark.slow
@given(text=mutated(), command=st.sampled_from(READ_COMMANDS))
def test_a_damaged_file_gets_diagnostics_never_a_crash(cchc, data_dir, text, command):
    (data_dir / "notices" / NOTICE).write_text(text, "utf-8", errors="surrogatepass")
    result = cchc(*command, "--no-cache")
    no_traceback(result)


@pytest.mark.slow
@given(text=mutated(), task=st.sampled_from(["2.3", "4", "6", "7.1", "3.2"]))
def test_an_edit_on_a_valid_file_changes_only_what_it_says(cchc, data_dir, text, task):
    path = data_dir / "notices" / NOTICE
    path.write_text(text, "utf-8", errors="surrogatepass")
    before = load(data_dir)
    if before.has_errors or task not in {t.id for t in before.tasks}:
        return
    result = cchc("done", task, "--on", "2023-11-24", "--as-of", "2023-11-30", "--no-cache")
    no_traceback(result)
    after = load(data_dir)
    if result.exit_code != 0:
        assert path.read_text("utf-8", errors="surrogatepass") == text
        return
    assert not after.has_errors
    changed = [t for t in after.tasks if content(t) != content(_twin(before, t))]
    assert [t.id for t in changed] == [task]
    (edited,) = changed
    assert {u: c.on.isoformat() for u, c in edited.done.items()} == {
        u: "2023-11-24" for u in edited.assignees
    }


def _twin(dataset, task):
    return next(t for t in dataset.tasks if t.id == task.id)


# -- crash safety --------------------------------------------------------------------------


@pytest.mark.slow
def test_killing_edits_at_random_leaves_every_file_whole(cchc, data_dir):
    lines = ["id: tb-k", "date: 2023-11-24", "title: Hai mươi nhiệm vụ", "tasks:"]
    for i in range(1, 31):
        lines += [f'  - id: "{i}"', "    assignees: [noi-vu]", f"    text: Việc số {i}"]
    path = data_dir / "notices" / "kill.yaml"
    original = "\n".join(lines) + "\n"
    path.write_text(original, "utf-8")
    env = {**os.environ, "CCHC_DATA": str(data_dir), "CCHC_TODAY": "2023-11-30"}
    rng = random.Random(8)
    killed = 0
    for i in range(1, 31):
        process = subprocess.Popen(
            [sys.executable, "-m", "cchc_cli", "done", f"tb-k/{i}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        text = path.read_text("utf-8")
        # Whole: it reads, validates, and is the file before or after one more line.
        dataset = load(data_dir)
        assert not dataset.has_errors, [d.key for d in dataset.diagnostics]
        assert text.count("\n") in range(original.count("\n"), original.count("\n") + 2 * i + 1)
        # A process killed mid-write may leave its temporary file: hidden, so
        # never read as a notice.
        leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        assert all(name.startswith(".") for name in leftovers)
    assert killed > 0
    # The next runs see a consistent world: the cache is rebuilt or right, the
    # journal readable, undo refuses or works, nothing raises.
    for args in (["validate"], ["list", "-f", "json"], ["log", "-f", "json"], ["undo"]):
        no_traceback(cchc(*args))
    done = json.loads(cchc("show", "tb-k/30", "-f", "json").stdout)["done"]
    fresh = load(data_dir)
    cached = json.loads(cchc("list", "--notice", "tb-k", "-f", "json").stdout)
    assert len(cached) == 30 == len([t for t in fresh.tasks if t.notice == "tb-k"])
    assert isinstance(done, dict)


@pytest.mark.slow
def test_a_reader_that_stops_early_gets_no_complaint(data_dir):
    """`cchc due | head -1`: no "Broken pipe" message, no traceback."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "200"}
    env.pop("CCHC_LANG", None)
    command = [sys.executable, "-m", "cchc_cli", "export", "-f", "json"]  # > a pipe buffer
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=data_dir.parent
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read().decode("utf-8")
        code = process.wait()
    assert error == ""
    assert code in (0, 141)
