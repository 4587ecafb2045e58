"""`interviews pull KEY...`: write the live questions of `generate:` interviews into their specs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import SpecFolderOption
from reconciler.cli.options import settings_from_cli
from reconciler.render.escape import visible
from reconciler.specwrite.pull import pull_specs


@app.command()
def pull(
    keys: Annotated[list[str], typer.Argument(help="Keys of `generate:` interviews.")],
    path: SpecFolderOption = Path("interviews"),
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
) -> int:
    """Replace `generate:` by the live (AI-generated) questions, so they become managed."""
    settings = settings_from_cli(api_url, namespace, spec_path=path)
    with options.open_client(settings) as client:
        done = pull_specs(path, keys, client, settings)
    for file, count in done:
        typer.echo(
            f"rewrote {visible(str(file))}: {count} question(s) pulled; review with git diff"
        )
    return 0
