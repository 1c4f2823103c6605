"""``cchc add``: a task added to a notice already in the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.context import Run, command, h
from cchc_cli.cli.progress import CommitOpt, complete_unit, required, tidy_text
from cchc_cli.views.i18n import t

#: The draft's suffix: an editor opens it as plain text.
SUFFIX = ".txt"


def _complete_notice(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of notice ids."""
    from cchc_cli.cli.progress import completion_dataset

    dataset = completion_dataset(ctx)
    return [e.id for e in dataset.index if e.id.startswith(incomplete)] if dataset else []


@command(help=h("help.add"), shared=("data", "lang"))
def add(
    run: Run,
    notice: Annotated[
        str,
        typer.Argument(
            help=h("help.arg.notice"), show_default=False, autocompletion=_complete_notice
        ),
    ],
    text: Annotated[str | None, typer.Option("--text", help=h("help.opt.add-text"))] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", help=h("help.opt.add-unit"), autocompletion=complete_unit),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help=h("help.opt.add-with"), autocompletion=complete_unit),
    ] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help=h("help.opt.add-deadline"))
    ] = None,
    ident: Annotated[str | None, typer.Option("--id", help=h("help.opt.add-id"))] = None,
    commit: CommitOpt = False,
) -> None:
    from cchc_cli.core.errors import UsageError
    from cchc_cli.store.addtask import NewTask, add_task
    from cchc_cli.views.query import find_notice

    dataset = run.dataset
    found = find_notice(dataset, notice)
    path = next(e.path for e in dataset.index if e.id == found.id)
    if not unit:
        raise UsageError("add.no-unit")
    assignees = _unit_ids(run, unit)
    coordinating = _unit_ids(run, with_ or [])
    written = required(text, "--text") if text is not None else _from_editor(run, found.id)
    new = NewTask(written, assignees, coordinating, tidy_text(deadline), tidy_text(ident))
    done, entry = add_task(run.data, path, new, found.id, dataset.registry)
    for warning in done.warnings:
        typer.echo(run.diagnostic_line(warning), err=True)
    names = ", ".join(dataset.registry.name_of(u) for u in assignees)
    what = t("what.add", run.lang, ref=entry["ref"], units=names)
    run.say("edit.saved", path=path, what=what)
    if commit:
        from cchc_cli.services.git import commit_files, commit_message

        message = commit_message("add", entry["ref"], list(assignees), entry["user"], what)
        commit_files([Path(path)], message)


def _unit_ids(run: Run, written: list[str]) -> tuple[str, ...]:
    """Unit or group ids for what was typed (a group stays a group, as notices write it)."""
    from cchc_cli.core.units import Resolver
    from cchc_cli.views.query import resolve_units

    ids = []
    resolver = Resolver(run.dataset.registry)
    for word in written:
        found = resolver.lookup(word)
        if found.ident is None:
            resolve_units(run.dataset, word)  # raises the error that says why
            continue
        ids.append(found.ident)
    return tuple(dict.fromkeys(ids))


def _from_editor(run: Run, notice_id: str) -> str:
    """The task's text written in $VISUAL/$EDITOR (lines starting with # left out)."""
    import subprocess
    import tempfile

    from cchc_cli.cli.setup import editor_command
    from cchc_cli.core.errors import CchcError, UsageError
    from cchc_cli.core.vntext import tidy

    editor = editor_command(run.settings.editor)
    if not editor:
        raise UsageError("add.no-text")
    prompt = t("add.editor-prompt", run.lang, notice=notice_id)
    with tempfile.TemporaryDirectory(prefix="cchc-add-") as folder:
        draft = Path(folder) / f"{notice_id}-new-task{SUFFIX}"
        draft.write_text("".join(f"# {line}\n" for line in prompt.split("\n")), encoding="utf-8")
        try:
            finished = subprocess.run([*editor, str(draft)], check=False)
        except OSError as err:
            raise UsageError(
                "cli.bad-editor", editor=" ".join(editor), reason=err.strerror or str(err)
            ) from None
        if finished.returncode != 0:
            raise CchcError("add.editor-failed", editor=" ".join(editor), code=finished.returncode)
        try:
            written = draft.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise CchcError("add.editor-unreadable", path=draft) from None
    lines = [line for line in written.splitlines() if not line.lstrip().startswith("#")]
    text = tidy(" ".join(lines))
    if not text:
        raise CchcError("add.empty")
    return text
