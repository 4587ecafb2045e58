"""`interviews plan --refresh-only`: live values back into the spec files (not a command of
its own: `plan` calls `run`). Reads the account, writes files, never writes to the API."""

from __future__ import annotations

from pathlib import Path

import typer

from reconciler.cli import options
from reconciler.config import Settings
from reconciler.specwrite.refresh import RefreshReport
from reconciler.specwrite.refresh import refresh_specs


def run(path: Path, settings: Settings) -> int:
    with options.open_client(settings) as client:
        report = refresh_specs(path, client, settings)
    typer.echo(format_report(report))
    return 0


def format_report(report: RefreshReport) -> str:
    lines = [f"rewrote {item.file}: {', '.join(item.fields)}" for item in report.rewritten]
    lines.extend(
        f"left alone {change.key}: a {change.kind.value} cannot be written back to the spec"
        for change in report.left_alone
    )
    if not report.rewritten:
        lines.append("No spec file rewritten: no live interview differs in place.")
    else:
        lines.append(
            f"Rewrote {len(report.rewritten)} spec file(s) from JobMojito; review with git diff."
        )
    return "\n".join(lines)
