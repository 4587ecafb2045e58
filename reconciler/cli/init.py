"""`interviews init [DIR] [--namespace NAME]`: scaffold a GitOps repository or an account."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli.app import app
from reconciler.config import CONFIG_FILE_NAME
from reconciler.render.escape import visible
from reconciler.scaffold import InitResult
from reconciler.scaffold import init_repository


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="The repository root, or an account folder such as accounts/eu (a "
            "reconciler.toml and interviews/ of its own, planned by the account workflows)."
        ),
    ] = Path("."),
    namespace: Annotated[
        str | None,
        typer.Option(
            "--namespace",
            help="Namespace of this repository's (or account's) markers; default: the "
            "folder's name.",
        ),
    ] = None,
) -> None:
    """Set up a git repository to manage interviews: reconciler.toml, an example spec, the
    spec schema, and the plan and apply workflows with the interviews-as-code action.

    Never replaces a file: what is already there is kept, and listed.
    """
    typer.echo(format_result(init_repository(folder, namespace)))


def format_result(result: InitResult) -> str:
    lines = [f"wrote {visible(path)}" for path in result.written]
    lines += [f"kept  {visible(path)} (already there)" for path in result.kept]
    lines += [
        f"left out {visible(path)} (its folder already holds specs)" for path in result.skipped
    ]
    where = f"account {result.account!r}" if result.account else "this repository"
    if any(path.endswith(CONFIG_FILE_NAME) for path in result.written):
        lines.append(f"namespace {result.namespace!r} for {where}")
    if result.written:
        specs = "" if result.account is None else f" {visible(shlex.quote(result.specs))}"
        lines.append(
            f"next: `interviews validate{specs}` and `interviews lint{specs}`, then commit; "
            "add the JOBMOJITO_* secrets (see the workflows' comments) before the first pull "
            "request"
        )
    else:
        lines.append("nothing to write: every file was already there")
    return "\n".join(lines)
