"""The Typer application object. Command modules register themselves on `app`."""

from __future__ import annotations

import typer

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


@app.callback()
def _group() -> None:
    """Keeps `interviews COMMAND` a group of commands even when only the command that runs
    is registered (cli/commands.py): Typer runs a lone command without its name."""
