"""`interviews doctor`: check what the tool assumes about the API, before the first apply."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.doctor import Check
from reconciler.doctor import run_doctor
from reconciler.doctor.render import format_json
from reconciler.doctor.render import format_line
from reconciler.doctor.render import format_summary
from reconciler.doctor.render import is_unsafe

EXIT_UNSAFE = 1


class DoctorFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def doctor(
    write_check: Annotated[
        bool,
        typer.Option(
            "--write-check",
            help="Also create a throwaway draft interview, read it back, update it and "
            "delete it (archive it where deletion is refused), to check how the API "
            "stores what apply sends.",
        ),
    ] = False,
    output_format: Annotated[
        DoctorFormat, typer.Option("--format", help="text (one line per check) or json.")
    ] = DoctorFormat.text,
    api_url: ApiUrlOption = None,
) -> int:
    """Check the API and the token against what plan and apply assume, before a first apply.

    Read-only by default: reachability, authentication, the token's expiry, templates,
    listing and paging, and the shape of a definition at every path the tool reads. One
    line per assumption: ok, warning (the API differs; the tool copes as the line says),
    FAILED (apply would be unsafe) or unknown (not observed). The throwaway interview of
    --write-check is named "interviews-as-code doctor check <time> — safe to delete" and
    carries markers of a namespace no repository uses. Exit codes: 0, or 1 when any check
    FAILED.
    """
    settings = options.settings_from_cli(api_url, require_namespace=False)
    checks: list[Check] = []
    as_text = output_format is DoctorFormat.text

    def report(check: Check) -> None:
        checks.append(check)
        if as_text:
            typer.echo(format_line(check))

    with options.open_client(settings) as client:
        try:
            run_doctor(client, settings, report, write_check=write_check)
        except KeyboardInterrupt:
            if not as_text:  # the checks made so far, the cleanup's among them
                for check in checks:
                    print(format_line(check), file=sys.stderr)
            raise
    if as_text:
        typer.echo(format_summary(checks))
    else:
        typer.echo(format_json(checks, write_check=write_check))
    if is_unsafe(checks):
        typer.echo("error: apply is not safe against this API yet: see the FAILED lines", err=True)
        return EXIT_UNSAFE
    return 0
