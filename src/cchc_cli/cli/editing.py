"""Recording progress, free of Typer: the edit commands' shared steps and ``done``.

``done`` is the edit run most often (a clerk ticks off tasks all day), so the express
lane (:mod:`cchc_cli.cli.express`) runs it as well as the Typer app
(:mod:`cchc_cli.cli.progress`, which declares its options); both run this body.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cchc_cli.cli.runner import Run
from cchc_cli.views.i18n import t

if TYPE_CHECKING:
    from cchc_cli.core.model import Task
    from cchc_cli.store.edit import Change
    from cchc_cli.store.loader import Dataset

#: What every edit command takes besides its own options.
EDIT = ("data", "lang", "no_cache", "as_of")


def tidy_text(text: str | None) -> str | None:
    """Free text as the file will read it back (NFC, single spaces); empty is absent."""
    from cchc_cli.core.vntext import tidy

    return tidy(text) or None if text is not None else None


def required(text: str, option: str) -> str:
    from cchc_cli.core.errors import UsageError

    tidied = tidy_text(text)
    if not tidied:
        raise UsageError("schema.empty", key=option)
    return tidied


def write(run: Run, task: Task, change: Change, what: str, commit: bool) -> None:
    """Make the change, say what was written where, and commit it if the settings say."""
    write_all(run, [(task, change)], what, commit)


def write_all(run: Run, changes: list[tuple[Task, Change]], what: str, commit: bool) -> None:
    """Several tasks' changes as one edit: one journal entry, one commit, all or nothing."""
    from cchc_cli.store.edit import apply_all

    dataset = run.dataset
    outcome = apply_all(run.data, changes, dataset.config.timezone, dataset)
    run.say("edit.saved", path=", ".join(outcome.paths), what=what)
    if commit:
        from cchc_cli.services.git import commit_files, commit_message

        units = list(outcome.entry.get("units", []))
        ref = outcome.entry["ref"]
        message = commit_message(changes[0][1].command, ref, units, outcome.entry["user"], what)
        commit_files([Path(p) for p in outcome.paths], message)


def unit_names(dataset: Dataset, units: tuple[str, ...]) -> str:
    return ", ".join(dataset.registry.name_of(u) for u in units)


def done(
    run: Run,
    refs: list[str],
    unit: list[str] | None = None,
    every: bool = False,
    on: str | None = None,
    evidence: str | None = None,
    note: str | None = None,
    commit: bool = False,
) -> None:
    from cchc_cli.core.dateargs import parse_date_arg
    from cchc_cli.store.edit import Done, units_to_mark
    from cchc_cli.views.query import resolve_unit_list

    dataset, today = run.dataset, run.today
    requested = resolve_unit_list(dataset, unit or [])
    # Every reference is resolved (and every one checked) before anything is written;
    # a recurring task's plain reference is its oldest instance open for those units.
    tasks = list({task.ref: task for task in (run.task(r, requested) for r in refs)}.values())
    day = parse_date_arg(on, today, "--on") if on else today
    if day > today:
        run.warn(t("edit.future", run.lang, on=day, today=today))
    evidence, note = tidy_text(evidence), tidy_text(note)
    values = {"on": day.isoformat(), "evidence": evidence, "note": note}
    changes: list[tuple[Task, Change]] = []
    said = []
    for task in tasks:
        units = units_to_mark(task, requested, every, dataset.registry)
        changes.append((task, Done("done", units, values, on=day, evidence=evidence, note=note)))
        said.append(
            t("what.done", run.lang, ref=task.ref, units=unit_names(dataset, units), on=day)
        )
    write_all(run, changes, "; ".join(said), commit)
