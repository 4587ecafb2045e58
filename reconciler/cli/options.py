"""Options shared by every command that talks to the API, and the one way to build a client.

Each option defaults to None so that `load_settings` can tell "not given" from a value and
apply its precedence: flag > environment > reconciler.toml > default. reconciler.toml is
the nearest one from the spec folder upwards, so the folder a command runs from does not
matter; commands without a spec folder look from the current one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reconciler.api import JobMojitoClient
from reconciler.config import DEFAULT_API_URL
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.errors import ConfigError

ApiUrlOption = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        help=(
            f"JobMojito API base URL [env: JOBMOJITO_API_URL; default: {DEFAULT_API_URL}; "
            "never read from reconciler.toml]. Credentials: JOBMOJITO_TOKEN (or SUPABASE_JWT), "
            "or a service user (JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD); JOBMOJITO_API_KEY "
            "when the gateway wants one."
        ),
        show_default=False,
    ),
]
NamespaceOption = Annotated[
    str | None,
    typer.Option(
        "--namespace",
        help=(
            "Namespace of this repository's markers [env: IAC_NAMESPACE; else namespace in "
            "the nearest reconciler.toml from the spec folder up; required]."
        ),
        show_default=False,
    ),
]
ParallelismOption = Annotated[
    int | None,
    typer.Option(
        "--parallelism",
        help="Requests in flight at most [env: IAC_PARALLELISM; default: 8].",
        show_default=False,
    ),
]
SpecFolderOption = Annotated[Path, typer.Option("--path", help="Folder of spec files.")]
DEFAULT_SPEC_FOLDER = Path("interviews")
SpecFolderArgument = Annotated[
    Path | None,
    typer.Argument(help="Folder of spec files [default: interviews].", show_default=False),
]
OldSpecFolderOption = Annotated[
    Path | None,
    typer.Option("--path", hidden=True, help="Deprecated: give the folder as an argument."),
]
MaxRpsOption = Annotated[
    float | None,
    typer.Option(
        "--max-rps",
        help="A hard ceiling on requests per second [env: IAC_MAX_RPS; default: none].",
        show_default=False,
    ),
]


def spec_folder(command: str, given: Path | None, old_option: Path | None) -> Path:
    """The spec folder of a command that takes it as its last argument, as `plan` and
    `apply` do; `--path` still works, with a warning, and may not disagree with it."""
    if old_option is None:
        return DEFAULT_SPEC_FOLDER if given is None else given
    if given is not None and given != old_option:
        raise ConfigError(
            f"{command}: the spec folder is given twice ({given} and --path {old_option}); "
            "give it once, as the last argument"
        )
    typer.echo(
        f"warning: {command} --path is deprecated; give the spec folder as the last "
        f"argument: interviews {command} ... {old_option}",
        err=True,
    )
    return old_option


def settings_from_cli(
    api_url: str | None = None,
    namespace: str | None = None,
    parallelism: int | None = None,
    max_rps: float | None = None,
    *,
    spec_path: Path | None = None,
    require_token: bool = True,
    require_namespace: bool = True,
) -> Settings:
    """Settings for a command on the specs at `spec_path` (None: the current folder)."""
    return load_settings(
        Path.cwd() if spec_path is None else spec_path,
        api_url=api_url,
        namespace=namespace,
        parallelism=parallelism,
        max_rps=max_rps,
        require_token=require_token,
        require_namespace=require_namespace,
    )


def open_client(settings: Settings) -> JobMojitoClient:
    """The client every command uses. CLI tests replace this function to serve a fake API."""
    return JobMojitoClient(settings)
