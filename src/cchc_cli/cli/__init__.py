"""The command line: parse arguments, call the core, render, exit.

:func:`main` is the program's entry point. It tunes Python's cyclic garbage
collector before anything else is imported: a run builds tens of thousands of
small objects that all live until the run ends and hold no cycles worth
collecting, yet the collector walks them all again and again (measured: 144 ms
of a warm `due` at 20,000 tasks, 2.6 s at 100,000, the only cost that grew
faster than the data). Importing the package for tests leaves the collector
alone.

Then one of two lanes runs the command: the express lane (:mod:`.express`) for a
well-formed use of a hot command, without importing Typer, click or rich; the Typer
app (:mod:`.groups`) for everything else, help and every error of usage included.
"""

from __future__ import annotations

import gc

#: Allocations between two young collections while a command runs (700 by
#: default), then young collections per middle one and middle ones per full one:
#: building 20,000 tasks' objects triggers a few young collections and no full one.
RUN_THRESHOLD = (100_000, 50, 1000)


def tune_gc() -> None:
    """Keep what the imports built out of every collection, and collect rarely."""
    gc.set_threshold(*RUN_THRESHOLD)


def main() -> None:
    tune_gc()
    from cchc_cli.cli.express import express

    # Modules and classes live for the whole run: never scan them.
    gc.freeze()
    express()
    from cchc_cli.cli.groups import main as run_app

    # Nor the command tree.
    gc.freeze()
    run_app()


__all__ = ["main"]
