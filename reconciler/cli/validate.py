"""`interviews validate [PATH]`: check the spec files offline, report every problem."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli.app import app
from reconciler.render.escape import visible
from reconciler.render.escape import workflow_message
from reconciler.render.escape import workflow_property
from reconciler.spec.loader import SpecScan
from reconciler.spec.loader import scan_specs

EXIT_VALID = 0
EXIT_INVALID = 1


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(scan: SpecScan, verbose: bool) -> str:
    """The human report: one line per problem, then a summary line."""
    lines = [visible(str(problem)) for problem in scan.problems]
    if verbose:
        lines.extend(_derived_key_lines(scan))
    counts = f"{_plural(len(scan.interviews), 'interview')} in {_plural(len(scan.files), 'file')}"
    if scan.problems:
        lines.append(f"invalid: {_plural(len(scan.problems), 'problem')} ({counts} valid)")
    else:
        lines.append(f"valid: {counts}")
    return "\n".join(lines)


def _derived_key_lines(scan: SpecScan) -> list[str]:
    lines = []
    for interview in scan.interviews:
        for question in interview.questions or ():
            if question.key_derived:
                where, key = visible(str(question.location)), visible(question.key)
                lines.append(f"{where}: question key derived: {key}")
    return lines


def format_github(scan: SpecScan) -> str:
    """One `::error file=...,line=...,col=...::message` line per problem (GitHub shows each
    on the file's line), then the summary line of the text report."""
    lines = [
        f"::error file={workflow_property(p.file)},line={p.line},col={p.col}::"
        + workflow_message(f"{p.message} ({p.hint})" if p.hint else p.message)
        for p in scan.problems
    ]
    return "\n".join([*lines, format_text(scan, verbose=False).rsplit("\n", 1)[-1]])


def format_json(scan: SpecScan) -> str:
    """The machine report: {"valid", "files", "interviews", "problems": [...]}."""
    document = {
        "valid": not scan.problems,
        "files": len(scan.files),
        "interviews": len(scan.interviews),
        "problems": [
            {"file": p.file, "line": p.line, "col": p.col, "message": p.message, "hint": p.hint}
            for p in scan.problems
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


@app.command()
def validate(
    path: Annotated[Path, typer.Argument(help="Spec file or folder.")] = Path("interviews"),
    output: Annotated[
        OutputFormat,
        typer.Option("--format", help="Report as text, json or github (annotations)."),
    ] = OutputFormat.TEXT,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list derived question keys.")
    ] = False,
) -> int:
    """Check the spec files (schema and rules) without contacting JobMojito."""
    scan = scan_specs(path)
    if output is OutputFormat.JSON:
        text = format_json(scan)
    elif output is OutputFormat.GITHUB:
        text = format_github(scan)
    else:
        text = format_text(scan, verbose)
    typer.echo(text)
    return EXIT_INVALID if scan.problems else EXIT_VALID
