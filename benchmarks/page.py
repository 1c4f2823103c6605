"""What the report page costs on top of the report, phase by phase, on generated data.

    python benchmarks/page.py                   # 2,000 and 20,000 tasks
    python benchmarks/page.py --sizes 20000 --runs 5

For each size it generates a data folder (benchmarks/generate.py), reads it once,
then times in the same process (median of --runs, the garbage collector off as
the CLI runs): the report itself (`build`), the trend of twelve periods (each one
the report's own pair selection as of that period's end, over the data already
read), the page's list of pairs, and writing the page; then the page's size.
Whole-process timings of `cchc report --format html` are in benchmarks/bench.py's
territory; this one says where the page's own time goes.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # (this folder on the path first)

from cchc_cli.store.loader import load
from cchc_cli.views.i18n import Lang
from cchc_cli.views.page import render
from cchc_cli.views.pagedata import page_for
from cchc_cli.views.query import select
from cchc_cli.views.report import build, report_period
from cchc_cli.views.trend import trend

PERIOD = "2024-06"
TODAY = date(2026, 1, 1)


def median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(tasks: int, runs: int, folder: Path) -> dict[str, float]:
    data = folder / f"data-{tasks}"
    generate(data, tasks)
    start = time.perf_counter()
    dataset = load(data)
    chosen = select(dataset)
    read = time.perf_counter() - start
    period, day, running = report_period(PERIOD, TODAY)
    built = build(dataset, chosen, day, None, False, running)
    page = page_for(dataset, chosen, built, period, day, None, Lang.VI)
    size = len(render(page, Lang.VI).encode("utf-8")) / 1e6
    return {
        "read (no cache)": read,
        "report (build)": median(runs, lambda: build(dataset, chosen, day, None, False, running)),
        "trend, 12 periods": median(runs, lambda: trend(dataset, chosen, period, day, None)),
        "page data (trend + pairs)": median(
            runs, lambda: page_for(dataset, chosen, built, period, day, None, Lang.VI)
        ),
        "page written": median(runs, lambda: render(page, Lang.VI)),
        "page MB": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    gc.disable()
    with tempfile.TemporaryDirectory() as work:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"{size} tasks")
            for name, value in bench(size, args.runs, Path(work)).items():
                unit = "" if name.endswith("MB") else " s"
                print(f"  {name:28s} {value:7.2f}{unit}")


if __name__ == "__main__":
    main()
