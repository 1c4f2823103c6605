"""Time cchc as a clerk and a cron job run it, beside Taskwarrior, interleaved.

    python benchmarks/bench.py                                  # both sets, 2k/20k/100k
    python benchmarks/bench.py --sets generated --sizes 20000 --runs 7 --markdown out.md

Two data sets, each at every size (tasks):

- **generated** (benchmarks/generate.py): ten tasks per notice, a tenth given to
  the 18 communes, a fifth done: about 2.7 (task, unit) pairs per task;
- **copies**: the reference notice copied into N files (17 tasks each, most
  given to every unit): about 9 pairs per task, the tougher set.

Every comparison is timed **interleaved** (A B A B ...), never one command's
runs after the other's: on a shared machine load comes and goes, and timing B
after A once turned a ratio of 0.80 into 0.52. Reported: the median wall time
of the runs, the largest resident size (``wait4``), lines printed. Pairs:

- ``cchc due --before D`` / ``task due.before:D list`` (Taskwarrior), and
  ``cchc overdue`` / ``task due.before:ASOF list``: the same assignments are imported
  into Taskwarrior once per set and size (one Taskwarrior task per pair for the
  generated set, one per task for the copies, as the issue measured);
- ``cchc done REF`` / ``task N done``: a different open task in each run;
- ``cchc due`` piped / the same on a terminal (``script``, 80 columns);
- ``cchc status``, ``validate``, ``show`` against ``python -c pass`` (the floor);
- cold runs (right after ``cchc cache clear``), due and status interleaved, up to 3
  rounds; then the ``status`` after them, which makes the tally (once).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "notices" / "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
#: (as of, D) per data set: D is a day many deadlines fall before.
DAYS = {"generated": ("2024-06-01", "2024-06-15"), "copies": ("2023-11-25", "2023-12-10")}
#: cchc as a process, from the environment this script runs in.
CCHC = [sys.executable, "-m", "cchc_cli"]


@dataclass
class Timing:
    seconds: float
    peak_mb: float
    lines: int


def run(command: list[str], env: dict[str, str], codes: tuple[int, ...] = (0, 1)) -> Timing:
    """One whole process: wall time, peak resident memory, lines printed.

    Exit 1 is allowed by default: a read command's exit 1 only says the data
    has errors; ``done`` must exit 0. The peak memory is measured by
    ``/usr/bin/time`` (a small process): a child forked from this script would
    count this script's own memory, as it was before ``exec``, as its peak.
    """
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak:
        timed = [TIME, "-q", "-f", "%M", "-o", peak.name, *command] if TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(timed, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().count(b"\n")
        kb = int(peak.read().split()[-1]) if TIME else usage.ru_maxrss
    if code not in codes:
        raise SystemExit(f"{shlex.join(command)} exited {code}")
    return Timing(elapsed, kb / 1024, lines)


TIME = shutil.which("time", path="/usr/bin:/bin")


def on_terminal(command: list[str]) -> list[str]:
    """``command`` run on a pseudo-terminal of 80 columns, as a clerk at a terminal runs it."""
    inner = f"stty cols 80 rows 50 2>/dev/null; {shlex.join(command)}"
    return ["script", "-qec", inner, "/dev/null"]


def interleaved(commands: dict[str, Callable[[int], Timing]], runs: int) -> dict[str, Timing]:
    """Each command ``runs`` times, A B A B ...; the median time and largest memory of each."""
    timings: dict[str, list[Timing]] = {name: [] for name in commands}
    for i in range(runs):
        for name, once in commands.items():
            timings[name].append(once(i))
    return {
        name: Timing(
            statistics.median(t.seconds for t in found),
            max(t.peak_mb for t in found),
            found[-1].lines,
        )
        for name, found in timings.items()
    }


# -- data sets -----------------------------------------------------------------------


def make_copies(out: Path, tasks: int) -> None:
    """The reference notice copied into ``tasks / 17`` files, each with its own id."""
    if out.exists():
        shutil.rmtree(out)
    (out / "notices").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "units.yaml", out / "units.yaml")
    shutil.copy(ROOT / "data" / "config.yaml", out / "config.yaml")
    text = REFERENCE.read_text(encoding="utf-8")
    per_notice = len(re.findall(r"^  - id:", text, re.MULTILINE))
    for number in range(1, max(1, round(tasks / per_notice)) + 1):
        copy = text.replace("id: cchc-2023-11\n", f"id: cchc-2023-11-{number:05d}\n", 1)
        folder = out / "notices" / f"{number // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"tb-{number:05d}.yaml").write_text(copy, encoding="utf-8")


def make_set(name: str, tasks: int, work: Path) -> Path:
    data = work / f"{name}-{tasks}"
    if name == "generated":
        generate(data, tasks)  # afresh: `done` below changes the files
    else:
        make_copies(data, tasks)
    return data


def cchc_env(data: Path) -> dict[str, str]:
    env = {**os.environ, "CCHC_DATA": str(data), "CCHC_LANG": "vi", "COLUMNS": "80"}
    for name in ("CCHC_NO_CACHE", "CCHC_TODAY", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    # Bytecode cached as after any install: without it every run times the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# -- Taskwarrior ---------------------------------------------------------------------


def taskwarrior_env(name: str, tasks: int, data: Path, work: Path, as_of: str) -> dict[str, str]:
    """Taskwarrior's data for the set, imported once (an import takes minutes)."""
    taskdata = work / f"taskwarrior-{name}-{tasks}"
    rc = work / f"taskrc-{name}-{tasks}"
    env = {**os.environ, "TASKDATA": str(taskdata), "TASKRC": str(rc)}
    if not taskdata.exists():
        taskdata.mkdir(parents=True)
        rc.write_text(
            "confirmation=no\nverbose=nothing\ngc=off\nrecurrence=off\nhooks=off\n"
            "report.list.filter=status:pending\nbulk=0\n",
            encoding="utf-8",
        )
        records = _records(data, as_of, per_pair=name == "generated")
        batch = work / f"import-{name}-{tasks}.json"
        batch.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        subprocess.run(["task", "import", str(batch)], env=env, capture_output=True, check=True)
    return env


def _records(data: Path, as_of: str, per_pair: bool) -> list[dict[str, object]]:
    """Pending if open on the day, completed if done; due on the last day."""
    from datetime import date

    from cchc_cli.core.status import DONE, Status, statuses
    from cchc_cli.store.loader import load

    today = date.fromisoformat(as_of)
    records: list[dict[str, object]] = []
    items = statuses(load(data).tasks, today)
    seen: set[str] = set()
    for item in items:
        if item.status is Status.CANCELLED:
            continue
        if not per_pair:
            if item.task.ref in seen:
                continue
            seen.add(item.task.ref)
        record: dict[str, object] = {
            "description": f"{item.task.ref} {item.unit}: {item.task.text[:60]}",
            "status": "completed" if item.status in DONE else "pending",
            "entry": "20230101T000000Z",
            "project": item.task.notice,
            "tags": [item.unit],
        }
        if item.last_day:
            record["due"] = f"{item.last_day:%Y%m%d}T235959Z"
        if item.done_on:
            record["end"] = f"{item.done_on:%Y%m%d}T120000Z"
        records.append(record)
    return records


def _pending_ids(env: dict[str, str], count: int) -> list[str]:
    out = subprocess.run(
        ["task", "status:pending", "_ids"], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return out[::-3][:count]


def _open_tasks(data: Path, as_of: str, count: int) -> list[str]:
    """References of tasks of notices out by ``as_of``, not done by anyone, for `done --all`."""
    from datetime import date

    from cchc_cli.core.asof import assigned_on
    from cchc_cli.store.loader import load

    day = date.fromisoformat(as_of)
    tasks = [
        t
        for n in load(data).notices
        if assigned_on(n) <= day
        for t in n.tasks
        if not t.done and not t.cancelled
    ]
    # Every third one from the end, so that two runs never touch neighbouring lines.
    return [t.ref for t in reversed(tasks)][::3][:count]


# -- one set at one size ---------------------------------------------------------------


def bench(name: str, tasks: int, runs: int, work: Path, peer: bool) -> list[tuple[str, Timing]]:
    as_of, before = DAYS[name]
    data = make_set(name, tasks, work)
    env = cchc_env(data)
    due = [*CCHC, "due", "--before", before, "--as-of", as_of]
    overdue = [*CCHC, "overdue", "--as-of", as_of]
    status = [*CCHC, "status", "--as-of", as_of]
    rows: list[tuple[str, Timing]] = []

    # Cold: every file parsed, the cache built; interleaved too, up to 3 rounds (one cold
    # run on a shared machine told little: 1.87 s, then 1.47 s on a quiet one).
    def cold(command: list[str]) -> Callable[[int], Timing]:
        def once(i: int) -> Timing:
            subprocess.run([*CCHC, "cache", "clear"], env=env, capture_output=True, check=True)
            return run(command, env)

        return once

    colds = {"cold `cchc due --before D`": cold(due), "cold `cchc status`": cold(status)}
    rows += interleaved(colds, min(runs, 3)).items()
    # A cold run counts over the pair rows it wrote; the next count makes the tally
    # (store/tally.py): that run, once, costs what the first run saved.
    rows.append(("`cchc status` after the cold one (tally made)", run(status, env)))
    run(due, env)  # warm from here on

    refs = _open_tasks(data, as_of, runs + 1)
    if len(refs) < runs + 1:
        raise SystemExit(f"{data}: too few open tasks on {as_of} for `done`")
    show = [*CCHC, "show", refs[-1]]
    if peer and shutil.which("task"):
        tw = taskwarrior_env(name, tasks, data, work, as_of)
        ids = _pending_ids(tw, runs)
        commands: dict[str, Callable[[int], Timing]] = {
            "`cchc due --before D`": lambda i: run(due, env),
            "`task due.before:D list`": lambda i: run(["task", f"due.before:{before}", "list"], tw),
            "`cchc overdue`": lambda i: run(overdue, env),
            # Taskwarrior's +OVERDUE is judged on today's clock: due before the day instead.
            "`task due.before:ASOF list`": lambda i: run(
                ["task", f"due.before:{as_of}", "list"], tw
            ),
            "`cchc done REF --all` (cache updated)": lambda i: run(
                [*CCHC, "done", refs[i], "--all", "--as-of", as_of], env, (0,)
            ),
            "`task N done`": lambda i: run(["task", ids[i], "done"], tw, (0,)),
        }
    else:
        commands = {
            "`cchc due --before D`": lambda i: run(due, env),
            "`cchc overdue`": lambda i: run(overdue, env),
            "`cchc done REF --all` (cache updated)": lambda i: run(
                [*CCHC, "done", refs[i], "--all", "--as-of", as_of], env, (0,)
            ),
        }
    rows += interleaved(commands, runs).items()
    terminal = interleaved(
        {
            "`cchc due --before D` piped": lambda i: run(due, env),
            "`cchc due --before D` on a terminal (script)": lambda i: run(on_terminal(due), env),
        },
        runs,
    )
    rows += terminal.items()
    floor = interleaved(
        {
            "`cchc status`": lambda i: run(status, env),
            "`cchc validate`": lambda i: run([*CCHC, "validate"], env),
            "`cchc show REF`": lambda i: run(show, env),
            "`cchc --version`": lambda i: run([*CCHC, "--version"], env),
            "`python -c pass` (floor)": lambda i: run([sys.executable, "-c", "pass"], env),
        },
        runs,
    )
    rows += floor.items()
    return rows


# -- report --------------------------------------------------------------------------


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}, load {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="generated,copies")
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--big-runs", type=int, default=3, help="runs at 50,000 tasks and more (short)"
    )
    parser.add_argument("--no-peer", action="store_true", help="leave Taskwarrior out")
    parser.add_argument(
        "--peer-max",
        type=int,
        default=20_000,
        help="no Taskwarrior above this size (imports are slow)",
    )
    parser.add_argument(
        "--copies-max", type=int, default=20_000, help="largest size of the copies set"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cchc-bench")
    parser.add_argument("--markdown", type=Path, help="also write the results here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Machine: {machine()}. Medians of interleaved runs ({args.runs}; {args.big_runs}"
        " at 50,000 tasks and more).",
        "",
        "| set | tasks | command | s | peak MB | lines |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    print("\n".join(lines), flush=True)
    for name in args.sets.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            if name == "copies" and size > args.copies_max:
                continue
            runs = args.runs if size < 50_000 else args.big_runs
            peer = not args.no_peer and size <= args.peer_max
            for label, timing in bench(name, size, runs, args.work, peer):
                line = (
                    f"| {name} | {size:,} | {label} | {timing.seconds:.3f} |"
                    f" {timing.peak_mb:.0f} | {timing.lines:,} |"
                )
                lines.append(line)
                print(line, flush=True)
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
