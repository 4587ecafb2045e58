"""`interviews show KEY`: the live definition beside the spec, as the planner sees both."""

from __future__ import annotations

import enum
import json
import sys
import textwrap
from collections.abc import Sequence
from itertools import zip_longest
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
from reconciler.plan.questions import is_position_key
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
    """Both tables, every value in full: long values wrap inside their column, so two
    wordings that differ late are still told apart."""
    lines = [f"{visible(found.key)}  (live id {visible(found.live_id)})", ""]
    lines.extend(_table(HEADERS, [(visible(row.name), row) for row in found.fields]))
    lines.append("")
    if not found.questions_managed:
        lines.append("Questions are generated (generate:) and not managed; `pull` writes them.")
    labelled = [(_question_label(index, row), row) for index, row in enumerate(found.questions)]
    lines.extend(_table(("QUESTION", "SPEC", "LIVE", ""), labelled))
    return "\n".join(lines)


def _question_label(index: int, row: Row) -> str:
    """`2 upset-customer`, numbered from 1 in spec order; a live question the spec lacks
    is named by its place in the live interview, and one made in JobMojito says so."""
    if row.spec is not None:
        return f"{index + 1} {visible(row.name)}"
    if is_position_key(row.name):
        return f"{row.name.removeprefix('#')} (made in JobMojito)"
    return f"- {visible(row.name)} (not in the spec)"


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, Row]]) -> list[str]:
    cells = [[[header] for header in headers]]
    for name, row in rows:
        cells.append([[name], _wrapped(row.spec), _wrapped(row.live), ["*" if row.differs else ""]])
    widths = [max(len(line) for entry in cells for line in entry[index]) for index in range(3)]
    lines = []
    for entry in cells:
        for parts in zip_longest(*entry, fillvalue=""):
            padded = [part.ljust(width) for part, width in zip(parts, [*widths, 0], strict=True)]
            lines.append("  ".join(padded).rstrip())
    return lines


def _wrapped(value: object) -> list[str]:
    """The whole value (as JSON), in lines of at most CELL characters."""
    text = visible(value_text(value, limit=sys.maxsize))
    return textwrap.wrap(text, CELL, break_on_hyphens=False) or [""]
