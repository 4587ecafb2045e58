"""The benchmark report: the machine, the goals met or missed, and the runs as a table.
Pure but for `machine()`, which asks git and the OS."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

COLUMNS = (
    ("what", "what", "{}"),
    ("interviews", "interviews", "{:,}"),
    ("latency_ms", "latency ms", "{:g}"),
    ("rate_limit", "limit/s", "{:g}"),
    ("wall_s", "wall s", "{:.2f}"),
    ("requests", "requests", "{:,}"),
    ("limited", "429s", "{:,}"),
    ("floor_s", "floor s", "{:.2f}"),
    ("ratio", "wall/floor", "{:.2f}"),
    ("cpu_s", "CPU s", "{:.2f}"),
    ("peak_rss_mib", "peak MiB", "{:.0f}"),
)
PHASE_COLUMNS = (
    ("what", "what", "{}"),
    ("interviews", "interviews", "{:,}"),
    ("latency_ms", "latency ms", "{:g}"),
    ("wall_s", "wall s", "{:.2f}"),
    ("start_s", "to 1st request s", "{:.2f}"),
    ("list_s", "lists s", "{:.2f}"),
    ("reads_s", "reads s", "{:.2f}"),
    ("reads_floor_s", "reads floor s", "{:.2f}"),
    ("tail_s", "after last answer s", "{:.2f}"),
)
RATE_SLACK_S = 1.5
"""Added to a rate-limited floor: the process start and the first second of probing."""


def machine() -> dict[str, Any]:
    """Where the figures come from: CPU count, load at the start, Python, commit."""
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "commit": _commit(),
    }


def goals(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each goal the report has figures for: what it asks, the figure, met or not."""
    found = []
    runs = report.get("runs", [])
    for count, bound in ((1000, 1.15), (300, 1.25)):
        for run in _runs(runs, "plan", interviews=count, latency_ms=150):
            found.append(_goal(f"plan of {count:,} at 150 ms: wall/floor", run["ratio"], bound))
    for run in runs:
        if run["rate_limit"] and run["interviews"] >= 100:
            bound = 1.3 * (run["requests"] / run["rate_limit"] + RATE_SLACK_S)
            what = f"{run['what']} of {run['interviews']} under {run['rate_limit']:g}/s: wall s"
            found.append(_goal(what, run["wall_s"], round(bound, 2)))
    if "validate" in report:
        found.append(_goal("validate of one file: wall s", report["validate"]["wall_s"], 0.5))
    for run in _runs(runs, "plan (memory)", interviews=5000):
        found.append(_goal("plan of 5,000: peak MiB", run["peak_rss_mib"], 300))
    return found


def _runs(runs: Sequence[Mapping[str, Any]], what: str, **equal: Any) -> list[Mapping[str, Any]]:
    return [
        run
        for run in runs
        if run["what"] == what and all(run[name] == value for name, value in equal.items())
    ]


def _goal(what: str, figure: float, bound: float) -> dict[str, Any]:
    return {"goal": what, "figure": figure, "at_most": bound, "met": figure <= bound}


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
    """The report as Markdown that also reads as plain text."""
    lines = [_header(report)]
    if "validate" in report:
        validate = report["validate"]
        lines.append(
            f"validate of one file ({validate['questions']} questions): "
            f"{validate['wall_s']:.2f} s wall, of which the bare interpreter start "
            f"{validate['interpreter_start_s']:.2f} s"
        )
    if report.get("runs"):
        lines.extend(["", *_table(report["runs"], COLUMNS), ""])
        phased = [{**run, **run["phases"]} for run in report["runs"] if run.get("phases")]
        if phased:
            lines.append("Where the wall time went (server timestamps; benchmarks/measure.py):")
            lines.extend(["", *_table(phased, PHASE_COLUMNS), ""])
    if report.get("goals"):
        lines.extend(["", *_goal_table(report["goals"]), ""])
    lines.append(f"benchmark duration: {report['duration_s']:.0f} s")
    return "\n".join(lines) + "\n"


def _header(report: Mapping[str, Any]) -> str:
    found = report["machine"]
    load = ", ".join(f"{value:.2f}" for value in found["load_average"])
    return (
        f"commit {found['commit']}, {found['cpus']} CPUs (load {load} at start), "
        f"Python {found['python']}; parallelism {report['parallelism']}; "
        f"the emulator in its own process over loopback HTTP"
    )


def _goal_table(found: Sequence[Mapping[str, Any]]) -> list[str]:
    columns = (
        ("goal", "goal", "{}"),
        ("figure", "figure", "{:g}"),
        ("at_most", "at most", "{:g}"),
        ("met", "met", "{}"),
    )
    rows = [{**goal, "met": "yes" if goal["met"] else "NO"} for goal in found]
    return _table(rows, columns)


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str, str]]) -> list[str]:
    cells = [[title for _, title, _ in columns]]
    for row in rows:
        cells.append([_cell(row.get(key), style) for key, _, style in columns])
    widths = [max(len(row[index]) for row in cells) for index in range(len(columns))]
    cells.insert(1, ["-" * width for width in widths])
    return [_row(row, widths) for row in cells]


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """A Markdown table row, padded so that it reads as a table in a terminal too."""
    padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
    return "| " + " | ".join(padded) + " |"


def _cell(value: Any, style: str) -> str:
    if value is None:
        return "-"
    return style.format(value)
