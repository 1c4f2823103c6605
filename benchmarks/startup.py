"""Start-up time of two trees of cchc, interleaved A B A B so load on the machine hits
both alike.

    python benchmarks/startup.py OLD_SRC NEW_SRC [RUNS]

Each SRC is a folder holding the ``cchc_cli`` package (``src`` of a checkout). Runs
``cchc --version`` and a warm ``cchc due`` on the bundled data; prints the median and
the quartiles of CPU time in milliseconds.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "--version": ["--version"],
    "due": ["due", "--before", "2023-12-10", "--as-of", "2023-11-20", "--data", "data"],
}


def once(src: str, args: list[str]) -> float:
    """CPU time (user + system) of one run in ms: steadier than wall time on a busy box."""
    # Bytecode is cached as after any install: a session that sets
    # PYTHONDONTWRITEBYTECODE would time the compiler on every run instead.
    env = {**os.environ, "PYTHONPATH": src}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        # `-m cchc_cli` works for every layout the package has had; a run that fails
        # would time an error message, so it stops the benchmark.
        [sys.executable, "-m", "cchc_cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent * 1000


def main() -> None:
    old, new = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    for name, args in COMMANDS.items():
        once(old, args), once(new, args)  # warm the caches (files, cchc's own)
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(runs):
            times["old"].append(once(old, args))
            times["new"].append(once(new, args))
        for label, values in times.items():
            q = statistics.quantiles(values, n=4)
            print(f"{name:10} {label}: median {q[1]:6.1f} ms  (quartiles {q[0]:.1f}-{q[2]:.1f})")


if __name__ == "__main__":
    main()
