"""`interviews lint [PATH] [--format text|json|sarif|github]`: content rules over the spec files.

Exit 0 when there are no errors (warnings only is fine), 1 on errors; spec files that do
not load are reported like `validate` does (the error boundary prints every problem).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli.app import app
from reconciler.lint import Finding
from reconciler.lint import has_errors
from reconciler.lint import lint_interviews
from reconciler.lint.render import render_github
from reconciler.lint.render import render_json
from reconciler.lint.render import render_sarif
from reconciler.lint.render import render_text
from reconciler.spec.loader import load_specs

EXIT_CLEAN = 0
EXIT_ERRORS = 1


class LintFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


RENDERERS: dict[LintFormat, Callable[[Sequence[Finding]], str]] = {
    LintFormat.TEXT: render_text,
    LintFormat.JSON: render_json,
    LintFormat.SARIF: render_sarif,
    LintFormat.GITHUB: render_github,
}


@app.command()
def lint(
    path: Annotated[Path, typer.Argument(help="Spec file or folder.")] = Path("interviews"),
    output: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            help="text, json, sarif (for GitHub code scanning) or github (annotations).",
        ),
    ] = LintFormat.TEXT,
) -> int:
    """Check question content: protected characteristics, personal data, duplicates, ..."""
    findings = lint_interviews(load_specs(path))
    typer.echo(RENDERERS[output](findings), nl=False)
    return EXIT_ERRORS if has_errors(findings) else EXIT_CLEAN
