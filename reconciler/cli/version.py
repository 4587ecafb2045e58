"""`interviews version`."""

from __future__ import annotations

import typer

from reconciler import __version__
from reconciler.cli.app import app


@app.command()
def version() -> None:
    """Print the version of interviews-as-code."""
    typer.echo(__version__)
