"""`interviews pull KEY...`: write the live questions of `generate:` interviews into their specs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import OldSpecFolderOption
from reconciler.cli.options import settings_from_cli
from reconciler.cli.options import spec_folder
from reconciler.render.escape import visible
from reconciler.specwrite.pull import pull_specs


@app.command()
def pull(
    arguments: Annotated[
        list[str],
        typer.Argument(
            metavar="KEY",
            help=(
                "Keys of `generate:` interviews, then optionally the folder of spec files "
                "[default: interviews]: a last argument that names an existing folder."
            ),
            show_default=False,
        ),
    ],
    old_path: OldSpecFolderOption = None,
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
) -> int:
    """Replace `generate:` by the live (AI-generated) questions, so they become managed."""
    keys, folder = keys_and_folder(arguments)
    path = spec_folder("pull", folder, old_path)
    settings = settings_from_cli(api_url, namespace, spec_path=path)
    with options.open_client(settings) as client:
        done = pull_specs(path, keys, client, settings)
    for file, count in done:
        typer.echo(
            f"rewrote {visible(str(file))}: {count} question(s) pulled; review with git diff"
        )
    return 0


def keys_and_folder(arguments: list[str]) -> tuple[list[str], Path | None]:
    """Keys, and the spec folder when the last of several arguments names one (a key
    is never a path, and a lone argument is the key to pull)."""
    if len(arguments) > 1 and Path(arguments[-1]).is_dir():
        return arguments[:-1], Path(arguments[-1])
    return arguments, None
