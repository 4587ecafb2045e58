"""`interviews templates`: list the account's templates, the first step when writing a spec.

`format_*` functions are pure and return the whole output; the command prints it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from typing import Annotated
from typing import Final

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import MaxRpsOption
from reconciler.cli.options import ParallelismOption
from reconciler.live import Template
from reconciler.registry import LEGACY_TEMPLATE_TYPES
from reconciler.render.escape import visible

# What a template of each type gives the candidate (API-FACTS 8.2).
MODALITIES: Final = {
    "interactive_elevenlabs": "voice only",
    "interactive_heygen": "interactive avatar",
    "offline_heygen": "pre-recorded avatar",
    **{legacy: "legacy: not usable" for legacy in LEGACY_TEMPLATE_TYPES},
}
HEADERS: Final = ("NAME", "ID", "TYPE", "LANGUAGE", "MODALITY")


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", help="text (aligned columns) or json.")
]


@app.command()
def templates(
    output_format: FormatOption = OutputFormat.TEXT,
    api_url: ApiUrlOption = None,
    parallelism: ParallelismOption = None,
    max_rps: MaxRpsOption = None,
) -> None:
    """List the account's templates (name, id, type, language, modality).

    A spec names its template with `template: <NAME>` or `interview_template_id: <ID>`.
    """
    settings = options.settings_from_cli(
        api_url, parallelism=parallelism, max_rps=max_rps, require_namespace=False
    )
    with options.open_client(settings) as client:
        found = client.list_templates()
    if output_format is OutputFormat.JSON:
        typer.echo(format_json(found))
    else:
        typer.echo(format_text(found), nl=False)


def modality(template_type: str) -> str:
    return MODALITIES.get(template_type, f"unknown type {template_type!r}")


def format_text(found: Sequence[Template]) -> str:
    """Aligned columns, sorted by name; a note instead of an empty table."""
    if not found:
        return "No templates in this account.\n"
    rows = [HEADERS, *(_row(template) for template in _sorted(found))]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "".join(line.rstrip() + "\n" for line in lines)


def format_json(found: Sequence[Template]) -> str:
    """A JSON array of objects with the columns' values, sorted by name."""
    items = [dict(zip((h.lower() for h in HEADERS), _row(t), strict=True)) for t in _sorted(found)]
    return json.dumps(items, indent=2)


def _sorted(found: Sequence[Template]) -> list[Template]:
    return sorted(found, key=lambda template: (template.name.casefold(), template.id))


def _row(template: Template) -> tuple[str, str, str, str, str]:
    return (
        visible(template.name or "-"),
        visible(template.id),
        visible(template.type),
        visible(template.mojito_language_code or "-"),
        visible(modality(template.type)),
    )
