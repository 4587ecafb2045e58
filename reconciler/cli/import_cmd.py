"""`interviews import`: write one spec file per live interview (reads the account only)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import MaxRpsOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import ParallelismOption
from reconciler.cli.options import settings_from_cli
from reconciler.cli.progress import ProgressReporter
from reconciler.registry import TYPES
from reconciler.render.escape import visible
from reconciler.spec.files import display_path
from reconciler.specwrite.importer import ImportFilter
from reconciler.specwrite.importer import ImportSelection
from reconciler.specwrite.importer import WriteOutcome
from reconciler.specwrite.importer import fetch_for_import
from reconciler.specwrite.importer import plan_imports
from reconciler.specwrite.importer import schema_location
from reconciler.specwrite.importer import schema_ref
from reconciler.specwrite.importer import write_imports
from reconciler.specwrite.importer import write_schema


class InterviewType(enum.StrEnum):  # registry.TYPES
    interview = "interview"
    coaching = "coaching"
    assessment = "assessment"


class Status(enum.StrEnum):  # registry.STATUSES
    draft = "draft"
    active = "active"
    archived = "archived"


@app.command("import")
def import_(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("interviews"),
    types: Annotated[
        list[InterviewType] | None, typer.Option("--type", help="Only this type (repeatable).")
    ] = None,
    statuses: Annotated[
        list[Status] | None, typer.Option("--status", help="Only this status (repeatable).")
    ] = None,
    filter_text: Annotated[
        str | None, typer.Option("--filter", help="Only interviews whose name contains this.")
    ] = None,
    adopt: Annotated[
        bool, typer.Option("--adopt", help="Add import_id: the next apply manages them.")
    ] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace existing files.")] = False,
    include_managed: Annotated[
        bool, typer.Option("--all", help="Also interviews that carry a marker already.")
    ] = False,
    include_archived: Annotated[
        bool,
        typer.Option(
            "--include-archived", help="Also archived interviews (also: --status archived)."
        ),
    ] = False,
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
    parallelism: ParallelismOption = None,
    max_rps: MaxRpsOption = None,
) -> int:
    """Write a spec file for each live interview that no repository manages yet."""
    settings = settings_from_cli(api_url, namespace, parallelism, max_rps, spec_path=out)
    wanted = ImportFilter(
        types=tuple(str(kind) for kind in types) if types else TYPES,
        statuses=tuple(str(status) for status in statuses or ()),
        text=filter_text,
    )
    with options.open_client(settings) as client, ProgressReporter() as progress:
        account = fetch_for_import(client, wanted, progress)
    schema = schema_location(out)
    selection = plan_imports(
        account, settings.namespace, adopt=adopt, include_managed=include_managed,
        include_archived=include_archived or Status.archived in (statuses or ()),
        schema_ref=schema_ref(out, schema),
    )  # fmt: skip
    outcomes = write_imports(selection.specs, out, overwrite=overwrite)
    wrote_schema = any(outcome.written for outcome in outcomes) and write_schema(schema)
    typer.echo(format_report(selection, outcomes, schema if wrote_schema else None))
    return 0


def format_report(
    selection: ImportSelection, outcomes: list[WriteOutcome], schema: Path | None = None
) -> str:
    lines = []
    if schema is not None:
        shown = visible(display_path(schema))
        lines.append(f"wrote {shown}: the spec schema the files' $schema comments point to")
    for outcome in outcomes:
        spec = outcome.spec
        if outcome.written:
            name, live_id = visible(spec.name), visible(spec.live_id)  # as typed in the app
            lines.append(f"wrote {visible(str(outcome.path))}  ({name}, {live_id})")
        else:
            lines.append(
                f"kept {visible(str(outcome.path))}: it exists (use --overwrite to replace it)"
            )
    written = sum(1 for outcome in outcomes if outcome.written)
    lines.append(f"Imported {written} interview(s); {len(outcomes) - written} file(s) kept.")
    if selection.skipped_managed:
        count = len(selection.skipped_managed)
        lines.append(f"Left out {count} interview(s) that carry a marker (use --all).")
    if selection.skipped_archived:
        count = len(selection.skipped_archived)
        lines.append(f"Left out {count} archived interview(s) (use --include-archived).")
    return "\n".join(lines)
