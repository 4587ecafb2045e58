"""`interviews history [KEY] [--since REF] [--format text|markdown|json]`: the audit view."""

from __future__ import annotations

import enum
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli.app import app
from reconciler.history import CommitChanges
from reconciler.history import interview_history
from reconciler.history.render import render_json
from reconciler.history.render import render_markdown
from reconciler.history.render import render_text


class HistoryFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


RENDERERS: dict[HistoryFormat, Callable[[Sequence[CommitChanges]], str]] = {
    HistoryFormat.TEXT: render_text,
    HistoryFormat.MARKDOWN: render_markdown,
    HistoryFormat.JSON: render_json,
}


@app.command()
def history(
    key: Annotated[str | None, typer.Argument(help="Only this interview's changes.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only commits after this ref (tag, sha).")
    ] = None,
    output: Annotated[
        HistoryFormat, typer.Option("--format", help="text, markdown or json.")
    ] = HistoryFormat.TEXT,
    path: Annotated[Path, typer.Option("--path", help="The spec folder.")] = Path("interviews"),
) -> None:
    """Who changed which interview and question when, from git history alone."""
    typer.echo(RENDERERS[output](interview_history(path, key, since)), nl=False)
