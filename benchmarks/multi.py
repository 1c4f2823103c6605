"""Many offices (issue 24): warm `status` and `due` over N district folders of T tasks
each, read through a province folder's `sources:`, beside one folder of 20,000 tasks.

    .venv/bin/python benchmarks/multi.py --folders 40 --tasks 2000 --runs 5

Each district folder is made by generate.py (its own seed); the province folder has
no notices of its own, only `sources:`. Times are whole processes, start-up included,
medians of ``--runs`` runs after one run that fills every folder's cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate

AS_OF = "2024-06-01"
BEFORE = "2024-06-15"


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def timed(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Medians of wall and CPU seconds of each command, run in turn (A B A B: on a
    shared machine the load changes; CPU time drifts less than wall time)."""
    full = [[sys.executable, "-m", "cchc_cli", *args, "--as-of", AS_OF] for args in commands]
    for command in full:
        run_once(command)  # fill the caches
    results: list[list[tuple[float, float]]] = [[] for _ in full]
    for _ in range(runs):
        for command, found in zip(full, results, strict=True):
            found.append(run_once(command))
    return [
        (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for found in results
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=40)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--single", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="make the folders here and keep them")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = options.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        province = root / "tinh"
        if not province.exists():
            names = [f"huyen-{n:02d}" for n in range(options.folders)]
            for n, name in enumerate(names):
                generate(root / name, options.tasks, seed=n)
            province.mkdir()
            (province / "notices").mkdir()
            shutil.copy(ROOT / "data" / "units.yaml", province / "units.yaml")
            sources = "".join(f"  - ../{name}\n" for name in names)
            (province / "config.yaml").write_text(f"sources:\n{sources}", "utf-8")
            generate(root / "one", options.single)
        total = options.folders * options.tasks
        print("| data | command | warm wall (s) | warm CPU (s) |\n| --- | --- | ---: | ---: |")
        datasets = (
            (f"1 folder × {options.single:,}", root / "one"),
            (f"{options.folders} folders × {options.tasks:,} = {total:,}", province),
        )
        for name, args in (("status", ["status"]), ("due --before", ["due", "--before", BEFORE])):
            commands = [[*args, "--data", str(data)] for _, data in datasets]
            for (label, _), (wall, cpu) in zip(
                datasets, timed(commands, options.runs), strict=True
            ):
                print(f"| {label} | `cchc {name}` | {wall:.3f} | {cpu:.3f} |", flush=True)


if __name__ == "__main__":
    main()
