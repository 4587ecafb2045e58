"""`interviews plan`: what apply would change in the account, and why. Never writes to it."""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from reconciler.apply.applier import refusals
from reconciler.basediff import plan_against_base
from reconciler.cli import options
from reconciler.cli import refresh
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import MaxRpsOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import ParallelismOption
from reconciler.cli.options import settings_from_cli
from reconciler.cli.progress import ProgressReporter
from reconciler.cli.tokenlife import DEFAULT_MIN_TOKEN_LIFE
from reconciler.cli.tokenlife import MinTokenLifeOption
from reconciler.cli.tokenlife import check_token_life
from reconciler.plan.model import Plan
from reconciler.render import render_json
from reconciler.render import render_markdown
from reconciler.render import render_text
from reconciler.render.escape import visible
from reconciler.workflow import plan_from_specs

EXIT_REFUSED = 1
EXIT_CHANGES = 2


class PlanFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def plan(
    path: Annotated[Path, typer.Argument(help="Folder of spec files.")] = Path("interviews"),
    output_format: Annotated[
        PlanFormat, typer.Option("--format", help="text for people, markdown for a PR, json.")
    ] = PlanFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the JSON plan here, for `apply FILE`.")
    ] = None,
    detailed_exitcode: Annotated[
        bool,
        typer.Option(
            "--detailed-exitcode",
            help="Exit 2 when there are changes, 0 when none (1 when apply would refuse).",
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REF",
            help="Mark changes the specs at git REF would make too: not made by this change.",
        ),
    ] = None,
    refresh_only: Annotated[
        bool,
        typer.Option("--refresh-only", help="Write drift into the spec files instead."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Plan for `apply --force`: accept the archive/recreate threshold (never "
            "protect). With --refresh-only: rewrite files with uncommitted changes too.",
        ),
    ] = False,
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
    parallelism: ParallelismOption = None,
    max_rps: MaxRpsOption = None,
    min_token_life: MinTokenLifeOption = DEFAULT_MIN_TOKEN_LIFE,
) -> int:
    """Show what apply would create, update, recreate, re-state or archive, and why.

    Reads the spec files and the live account; never changes the account. Exit codes: 0
    (with --detailed-exitcode: no changes), 2 (with --detailed-exitcode: changes), 1 error
    or a plan apply would refuse (the plan is printed, then one line per refusal).
    """
    settings = settings_from_cli(api_url, namespace, parallelism, max_rps, spec_path=path)
    check_token_life(settings, min_token_life, refuse=False)
    if refresh_only:
        return refresh.run(path, settings, force=force)
    with options.open_client(settings) as client, ProgressReporter() as progress:
        if base is None:
            made = plan_from_specs(path, client, settings, progress=progress)
        else:
            made = plan_against_base(path, base, client, settings, progress=progress)
    refused = refusals(made, force=force)
    if out is not None:
        out.write_text(plan_document(made, refused), encoding="utf-8")
    typer.echo(render(made, output_format, refused), nl=False)
    if refused:
        for reason in refused:
            typer.echo(f"error: apply will refuse this plan: {visible(reason)}", err=True)
        return EXIT_REFUSED
    return EXIT_CHANGES if detailed_exitcode and made.has_changes else 0


def render(made: Plan, output_format: PlanFormat, refused: Sequence[str] = ()) -> str:
    if output_format is PlanFormat.json:
        return plan_document(made, refused)
    if output_format is PlanFormat.markdown:
        return render_markdown(made)
    return render_text(made, color=use_color())


def plan_document(made: Plan, refused: Sequence[str]) -> str:
    """The JSON plan document, with what apply would refuse under this command's --force.

    `refusals` stays outside the checksum: it depends on the flag, not on the plan, and
    `apply FILE` judges the plan again with its own --force.
    """
    document = json.loads(render_json(made))
    document["refusals"] = list(refused)
    return json.dumps(document, sort_keys=True, indent=2) + "\n"


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
