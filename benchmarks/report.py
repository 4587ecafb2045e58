"""The benchmark report: the machine it ran on, and the figures as a table. Pure but for
`machine()`, which asks git and the OS."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from reconciler.spec import yamlread

COLUMNS = (
    ("what", "what", "{}"),
    ("managed", "managed", "{:,}"),
    ("unmanaged", "unmanaged", "{:,}"),
    ("latency_ms", "latency ms", "{:g}"),
    ("parallelism", "parallel", "{}"),
    ("wall_s", "wall s", "{:.2f}"),
    ("requests", "requests", "{:,}"),
    ("ideal_s", "ideal s", "{:.2f}"),
    ("ratio", "wall/ideal", "{:.2f}"),
    ("cpu_ms_per_managed", "CPU ms/interview", "{:.2f}"),
    ("probe_ms", "probe ms", "{:.1f}"),
)


def machine() -> dict[str, Any]:
    """Where the figures come from: CPU count, load at the start, Python, commit."""
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "commit": _commit(),
        # PyYAML's C loader is there only where PyYAML was built with libyaml
        "spec_reader": "PyYAML C loader" if yamlread.C_LOADER else "PyYAML pure-Python loader",
    }


def _commit() -> str:
    try:
        run = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=10"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return run.stdout.strip()


def render_table(report: Mapping[str, Any]) -> str:
    """The report as plain text: a header, the validate line, the runs table, memory."""
    lines = [_header(report["machine"], report["client"])]
    if "validate" in report:
        lines.append(_validate_line(report["validate"]))
    runs = [*report.get("plan", []), *report.get("apply", [])]
    if runs:
        lines.extend(["", *_table(runs), ""])  # a blank line ends the Markdown table
    for skipped in report.get("skipped", []):
        lines.append(f"skipped: {skipped}")
    if "memory" in report:
        memory = report["memory"]
        lines.append(
            f"memory: plan of {memory['managed']:,} managed among {memory['unmanaged']:,} "
            f"unmanaged: peak RSS {memory['peak_rss_mib']:.1f} MiB"
        )
    lines.append(f"benchmark duration: {report['duration_s']:.0f} s")
    return "\n".join(lines) + "\n"


def _header(machine: Mapping[str, Any], client: Mapping[str, Any]) -> str:
    load = ", ".join(f"{value:.2f}" for value in machine["load_average"])
    return (
        f"commit {machine['commit']}, {machine['cpus']} CPUs (load {load} at start), "
        f"Python {machine['python']}, specs read by the {machine.get('spec_reader', '?')}\n"
        f"client max_rps {client['max_rps']:,.0f} (never the bottleneck); "
        f"emulator in its own process over HTTP on loopback"
    )


def _validate_line(validate: Mapping[str, Any]) -> str:
    return (
        f"validate: {validate['files']:,} files x {validate['questions']} questions: "
        f"{validate['cpu_s']:.2f} s CPU ({validate['wall_s']:.2f} s wall), "
        f"{validate['files_per_s']:,.0f} files/s, {validate['cpu_ms_per_spec']:.2f} ms per spec"
    )


def _table(runs: Sequence[Mapping[str, Any]]) -> list[str]:
    cells = [[title for _, title, _ in COLUMNS]]
    for run in runs:
        cells.append([_cell(run.get(key), style) for key, _, style in COLUMNS])
    widths = [max(len(row[index]) for row in cells) for index in range(len(COLUMNS))]
    cells.insert(1, ["-" * width for width in widths])
    return [_row(row, widths) for row in cells]


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """A Markdown table row, padded so that it reads as a table in a terminal too."""
    padded = (cell.rjust(width) for cell, width in zip(cells, widths, strict=True))
    return "| " + " | ".join(padded) + " |"


def _cell(value: Any, style: str) -> str:
    return "-" if value is None else style.format(value)
