"""Merging two people's progress on the same notice file: a git merge driver.

Two offices mark different communes done on the same task in their clones; both
add lines at the same place, which git's line merge calls a conflict. Git first
tries its own merge here; where that conflicts, the three versions are read as
notices, and when "theirs" only added progress (completions, notes, extensions,
a cancellation) that does not contradict "ours", those additions are made on
"ours" with the same checked text edits as `cchc done` and friends. Anything
else stays a conflict, marked as git marks it, for a person to resolve.

Set up once per clone (git does not let a repository configure its own drivers):

    git config merge.cchc.driver "cchc merge-file %O %A %B %P"

and in the data repository's .gitattributes (cchc init writes it):

    notices/**/*.yaml merge=cchc
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

from cchc_cli.core.model import Notice, Registry, Task
from cchc_cli.core.units import Resolver
from cchc_cli.store.edit import (
    AddNote,
    Cancel,
    Change,
    Done,
    Extend,
    content,
    run_steps,
    verify_change,
)
from cchc_cli.store.loader import NOTICES_DIR, UNITS_FILE, read_notice
from cchc_cli.store.registry import load_registry
from cchc_cli.store.yamlsrc import parse, read_file

BOM = "\ufeff"


def data_folder(path_in_tree: Path) -> Path:
    """The data folder a notice path belongs to: the parent of its ``notices``."""
    for parent in path_in_tree.parents:
        if parent.name == NOTICES_DIR:
            return parent.parent
    return Path(".")


def _registry(data_dir: Path) -> Registry:
    path = data_dir / UNITS_FILE
    text, _ = read_file(path, str(path))
    node, _ = parse(text, str(path)) if text else (None, [])
    registry, _ = load_registry(node, str(path))
    return registry


def _read(text: str, shown: str, registry: Registry, resolver: Resolver) -> Notice | None:
    notice, problems, _ = read_notice(text.lstrip(BOM), shown, registry, resolver)
    if notice is None or any(d.is_error for d in problems):
        return None
    return notice


_PROGRESS = ("done", "notes", "extensions", "cancelled")


def _without_progress(task: Task) -> Task:
    return dataclasses.replace(task, done={}, notes=(), extensions=(), cancelled=None)


def theirs_additions(base: Notice, ours: Notice, theirs: Notice) -> list[tuple[str, Change]] | None:
    """The changes that bring "theirs"' additions to "ours", or None if they cannot merge."""
    if content(dataclasses.replace(base, tasks=())) != content(
        dataclasses.replace(theirs, tasks=())
    ):
        return None
    base_tasks = {t.id: t for t in base.tasks}
    ours_tasks = {t.id: t for t in ours.tasks}
    if [t.id for t in theirs.tasks] != [t.id for t in base.tasks]:
        return None
    changes: list[tuple[str, Change]] = []
    for task in theirs.tasks:
        old, mine = base_tasks[task.id], ours_tasks.get(task.id)
        if content(_without_progress(task)) != content(_without_progress(old)):
            return None  # they changed the task itself: a person decides
        if mine is None:
            return None
        added = {u: c for u, c in task.done.items() if u not in old.done}
        if any(u not in task.done for u in old.done):
            return None  # a reopen: not merged automatically
        for unit, completion in added.items():
            if unit in mine.done:
                if content(mine.done[unit]) != content(completion):
                    return None  # both marked it, differently
                continue
            done = Done(
                "done",
                (unit,),
                on=completion.on,
                evidence=completion.evidence,
                note=completion.note,
            )
            changes.append((task.id, done))
        for note in task.notes[len(old.notes) :]:
            if content(note) not in [content(n) for n in mine.notes]:
                changes.append((task.id, AddNote("note", note_=note)))
        for extension in task.extensions[len(old.extensions) :]:
            if content(extension) not in [content(e) for e in mine.extensions]:
                changes.append((task.id, Extend("extend", extension=extension)))
        if task.cancelled and not old.cancelled:
            if mine.cancelled and content(mine.cancelled) != content(task.cancelled):
                return None
            if not mine.cancelled:
                changes.append((task.id, Cancel("cancel", cancellation=task.cancelled)))
    return changes


def merge_texts(base: str, ours: str, theirs: str, shown: str, registry: Registry) -> str | None:
    """ "Ours" with "theirs"' progress added, or None where a person must decide."""
    resolver = Resolver(registry)
    notices = [_read(t, shown, registry, resolver) for t in (base, ours, theirs)]
    if any(n is None for n in notices):
        return None
    base_notice, ours_notice, theirs_notice = notices
    assert base_notice and ours_notice and theirs_notice
    changes = theirs_additions(base_notice, ours_notice, theirs_notice)
    if changes is None:
        return None
    bom = BOM if ours.startswith(BOM) else ""
    text = ours.lstrip(BOM)
    for task_id, change in changes:
        current = _read(text, shown, registry, resolver)
        if current is None:
            return None
        task = next(t for t in current.tasks if t.id == task_id)
        try:
            change.check(task, registry)
            new_text, _ = run_steps(text, shown, change.steps(task), registry, resolver)
            verify_change(new_text, shown, current, task, change, registry, resolver)
        except Exception:  # any refusal means: leave it to a person
            return None
        text = new_text
    return bom + text


def merge_file(base: Path, ours: Path, theirs: Path, path_in_tree: Path) -> int:
    """The driver: write the merge into ``ours``; 0 when clean, 1 when conflicted."""
    files = [base, ours, theirs]
    texts = [p.read_bytes().decode("utf-8", errors="surrogateescape") for p in files]
    first = subprocess.run(
        ["git", "merge-file", "-p", str(ours), str(base), str(theirs)],
        capture_output=True,
        check=False,
    )
    if first.returncode == 0:
        ours.write_bytes(first.stdout)
        return 0
    try:
        registry = _registry(data_folder(path_in_tree))
        merged = merge_texts(*texts, str(path_in_tree), registry)
    except Exception:  # a driver must never leave git without an answer
        merged = None
    if merged is not None:
        ours.write_bytes(merged.encode("utf-8", errors="surrogateescape"))
        return 0
    ours.write_bytes(first.stdout)  # git's own conflict markers
    return 1
