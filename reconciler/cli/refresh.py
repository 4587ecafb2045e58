"""`interviews plan --refresh-only`: drift back into the spec files (not a command of its
own: `plan` calls `run`). Reads the account, writes files, never writes to the API."""

from __future__ import annotations

from pathlib import Path

import typer

from reconciler.cli import options
from reconciler.cli.progress import ProgressReporter
from reconciler.config import Settings
from reconciler.render.escape import visible
from reconciler.specwrite.refresh import Kept
from reconciler.specwrite.refresh import RefreshReport
from reconciler.specwrite.refresh import refresh_specs


def run(path: Path, settings: Settings, *, force: bool = False) -> int:
    with options.open_client(settings) as client, ProgressReporter() as progress:
        report = refresh_specs(path, client, settings, force=force, progress=progress)
    typer.echo(format_report(report))
    return 0


def format_report(report: RefreshReport) -> str:
    lines = [
        f"rewrote {visible(str(item.file))}: {visible(', '.join(item.fields))}"
        for item in report.rewritten
    ]
    lines.extend(_kept_line(item) for item in report.kept)
    lines.extend(
        f"left alone {visible(change.key)}: "
        f"a {change.kind.value} cannot be written back to the spec"
        for change in report.left_alone
    )
    if not report.rewritten:
        lines.append("No spec file rewritten: no value drifted in JobMojito.")
    else:
        lines.append(
            f"Rewrote {len(report.rewritten)} spec file(s) from JobMojito; review with git diff."
        )
    return "\n".join(lines)


def _kept_line(item: Kept) -> str:
    names = visible(", ".join(item.fields))
    if item.known:
        why = "edited in the spec since the last apply; apply sends it to JobMojito"
    else:
        why = (
            "no record of the values last applied tells a local edit from a change in "
            "JobMojito; copy the live value by hand if it is wanted"
        )
    return f"kept {visible(str(item.file))}: {names} ({why})"
