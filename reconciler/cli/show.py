"""`interviews show KEY`: the live definition beside the spec, as the planner sees both."""

from __future__ import annotations

import enum
import json
from typing import Annotated
from typing import Final

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import OldSpecFolderOption
from reconciler.cli.options import SpecFolderArgument
from reconciler.cli.options import settings_from_cli
from reconciler.cli.options import spec_folder
from reconciler.render.common import value_text
from reconciler.render.escape import visible
from reconciler.specwrite.show import Row
from reconciler.specwrite.show import SideBySide
from reconciler.specwrite.show import show_interview

CELL: Final = 40
HEADERS: Final = ("FIELD", "SPEC", "LIVE", "")


class ShowFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def show(
    key: Annotated[str, typer.Argument(help="Key of the interview.")],
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help="text (columns) or json.")
    ] = ShowFormat.text,
    folder: SpecFolderArgument = None,
    old_path: OldSpecFolderOption = None,
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
) -> int:
    """Show an interview's spec values beside its live values, marking differences."""
    path = spec_folder("show", folder, old_path)
    settings = settings_from_cli(api_url, namespace, spec_path=path)
    with options.open_client(settings) as client:
        found = show_interview(path, key, client, settings)
    if output_format is ShowFormat.json:
        typer.echo(json.dumps(found.to_dict(), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        typer.echo(format_text(found))
    return 0


def format_text(found: SideBySide) -> str:
    lines = [f"{visible(found.key)}  (live id {visible(found.live_id)})", ""]
    lines.extend(_table(HEADERS, found.fields))
    lines.append("")
    if not found.questions_managed:
        lines.append("Questions are generated (generate:) and not managed; `pull` writes them.")
    lines.extend(_table(("QUESTION", "SPEC", "LIVE", ""), found.questions))
    return "\n".join(lines)


def _table(headers: tuple[str, ...], rows: tuple[Row, ...]) -> list[str]:
    cells = [headers] + [
        (visible(row.name), _cell(row.spec), _cell(row.live), "*" if row.differs else "")
        for row in rows
    ]
    widths = [max(len(line[index]) for line in cells) for index in range(3)]
    return [
        "  ".join(
            cell.ljust(width) for cell, width in zip(line, [*widths, 0], strict=True)
        ).rstrip()
        for line in cells
    ]


def _cell(value: object) -> str:
    return visible(value_text(value, limit=CELL))
