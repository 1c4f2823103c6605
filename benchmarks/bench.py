"""Time cchc as a clerk and a cron job run it, on generated data of growing size.

    python benchmarks/bench.py                     # 2,000, 20,000 and 100,000 tasks
    python benchmarks/bench.py --sizes 2000,20000 --runs 7 --markdown results.md

For each size it generates a data folder (benchmarks/generate.py), then times
each command as a whole process (start-up included), cold (no cache) and warm
(median of --runs), with the peak memory of the process. Where Taskwarrior is
installed (``apt-get install taskwarrior``), the same assignments are imported
into it and ``task due.before:D list`` is timed beside ``cchc due --before D``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

AS_OF = "2024-06-01"
BEFORE = "2024-06-15"


@dataclass
class Timing:
    seconds: float
    peak_mb: float
    lines: int


def run(command: list[str], env: dict[str, str], codes: tuple[int, ...] = (0, 1)) -> Timing:
    """One whole process: wall time, peak resident memory, lines printed.

    Exit 1 is allowed by default: generated data has warnings, not errors, but a
    read command's exit 1 only says the data has errors; ``done`` must exit 0.
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().count(b"\n")
    if process.returncode not in codes:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return Timing(elapsed, usage.ru_maxrss / 1024, lines)


#: cchc as a process, from the environment this script runs in.
CCHC = [sys.executable, "-m", "cchc_cli"]


COMMANDS = {
    "due --before": ["due", "--before", BEFORE, "--as-of", AS_OF],
    "overdue": ["overdue", "--as-of", AS_OF],
    "status": ["status", "--as-of", AS_OF],
    "list --format json": ["list", "--format", "json"],
    "validate": ["validate"],
}


def bench_size(tasks: int, runs: int, work: Path) -> dict[str, dict[str, Timing]]:
    data = work / f"data-{tasks}"
    generate(data, tasks)  # afresh: `done` below changes the files
    env = {**os.environ, "CCHC_DATA": str(data), "CCHC_LANG": "vi"}
    env.pop("CCHC_NO_CACHE", None)
    base = CCHC
    results: dict[str, dict[str, Timing]] = {}
    for name, args in COMMANDS.items():
        subprocess.run([*base, "cache", "clear"], env=env, capture_output=True, check=True)
        cold = run([*base, *args], env)
        warm_runs = [run([*base, *args], env) for _ in range(runs)]
        results[name] = {"cold": cold, "warm": _median(warm_runs)}
    # `done` on tasks not done yet, one per run; the cache is warm, and updated by each.
    refs = _open_single_tasks(data, runs + 1)
    subprocess.run([*base, "list", "-f", "json"], env=env, capture_output=True, check=True)
    done_runs = [run([*base, "done", ref, "--as-of", AS_OF], env, (0,)) for ref in refs[:runs]]
    subprocess.run([*base, "cache", "clear"], env=env, capture_output=True, check=True)
    done_cold = run([*base, "done", refs[runs], "--as-of", AS_OF], env, (0,))
    results["done (one task)"] = {"cold": done_cold, "warm": _median(done_runs)}
    return results


def _median(timings: list[Timing]) -> Timing:
    return Timing(
        statistics.median(t.seconds for t in timings),
        max(t.peak_mb for t in timings),
        timings[0].lines,
    )


def _open_single_tasks(data: Path, count: int) -> list[str]:
    """References of tasks given to one unit and not done, for `done` to mark."""
    from cchc_cli.store.loader import load

    tasks = [t for t in load(data).tasks if len(t.assignees) == 1 and not t.done]
    # Every third one from the end, so that two runs never touch neighbouring lines.
    return [t.ref for t in reversed(tasks)][::3][:count]


# -- Taskwarrior ---------------------------------------------------------------------


def taskwarrior(tasks: int, runs: int, work: Path) -> dict[str, Timing] | None:
    """The same open assignments in Taskwarrior, and its `due.before:D list`."""
    if shutil.which("task") is None:
        print("Taskwarrior is not installed (apt-get install taskwarrior): skipped")
        return None
    data = work / f"data-{tasks}"
    taskdata = work / f"taskwarrior-{tasks}"
    rc = work / f"taskrc-{tasks}"
    env = {**os.environ, "TASKDATA": str(taskdata), "TASKRC": str(rc)}
    if not taskdata.exists():
        # Imported once per size and kept in --work (an import takes minutes).
        taskdata.mkdir(parents=True)
        rc.write_text(
            "confirmation=no\nverbose=nothing\ngc=off\nrecurrence=off\nhooks=off\n"
            "report.list.filter=status:pending\n",
            encoding="utf-8",
        )
        records = _taskwarrior_records(data)
        batch = work / f"import-{tasks}.json"
        batch.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        subprocess.run(["task", "import", str(batch)], env=env, capture_output=True, check=True)
    command = ["task", f"due.before:{BEFORE}", "list"]
    run(command, env)
    timings = [run(command, env) for _ in range(runs)]
    return {"task due.before:D list": _median(timings)}


def _taskwarrior_records(data: Path) -> list[dict[str, object]]:
    """Every (task, unit) pair: pending if open on AS_OF, completed if done."""
    from datetime import date

    from cchc_cli.core.status import DONE, Status, statuses
    from cchc_cli.store.loader import load

    today = date.fromisoformat(AS_OF)
    records: list[dict[str, object]] = []
    for item in statuses(load(data).tasks, today):
        if item.status is Status.CANCELLED:
            continue
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
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cchc-bench")
    parser.add_argument("--markdown", type=Path, help="also write the results here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Machine: {machine()}. As of {AS_OF}; D = {BEFORE}. Medians of {args.runs} runs.",
        "",
        "| tasks | command | cold (s) | warm (s) | peak MB | lines |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size in (int(s) for s in args.sizes.split(",")):
        results = bench_size(size, args.runs, args.work)
        for name, timing in results.items():
            cold, warm = timing["cold"], timing["warm"]
            peak = max(cold.peak_mb, warm.peak_mb)
            lines.append(
                f"| {size:,} | `cchc {name}` | {cold.seconds:.2f} | {warm.seconds:.3f} |"
                f" {peak:.0f} | {warm.lines:,} |"
            )
        peer = taskwarrior(size, args.runs, args.work)
        if peer:
            theirs = peer["task due.before:D list"]
            ours = results["due --before"]["warm"].seconds
            lines.append(
                f"| {size:,} | `task due.before:D list` | | {theirs.seconds:.3f} |"
                f" {theirs.peak_mb:.0f} | {theirs.lines:,} |"
            )
            ratio = ours / theirs.seconds
            lines.append(f"| {size:,} | ratio cchc / Taskwarrior (due, warm) | | {ratio:.2f} | | |")
        print("\n".join(lines[-(len(results) + (2 if peer else 0)) :]), flush=True)
    report = "\n".join(lines) + "\n"
    print()
    print(report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
