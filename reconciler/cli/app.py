"""The Typer application object. Command modules register themselves on `app`."""

from __future__ import annotations

from typing import Annotated

import typer

from reconciler import __version__

app = typer.Typer(
    name="interviews",
    help=(
        "Manage JobMojito interviews as YAML files in git.\n\n"
        "validate checks the spec files offline; plan shows what would change in the "
        "account; apply makes the account match the files."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def _group(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Keeps `interviews COMMAND` a group of commands even when only the command that runs
    is registered (cli/commands.py): Typer runs a lone command without its name."""
