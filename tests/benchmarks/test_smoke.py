"""The benchmark runner's quick mode runs end to end and reports every figure.

No timing assertions: the figures depend on the machine. This only guards the script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
RUN_KEYS = {
    "what", "managed", "unmanaged", "latency_ms", "parallelism", "wall_s", "cpu_s",
    "requests", "retries", "ideal_s", "ratio", "cpu_ms_per_managed",
    "phases_wall_s", "phases_cpu_s", "samples", "probe_ms",
}  # fmt: skip


def test_quick_run_reports_every_part_as_json() -> None:
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--json", "--repeat", "2"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {
        "machine", "client", "sizes", "repeat", "skipped", "validate", "plan", "apply",
        "memory", "duration_s",
    }  # fmt: skip
    assert {"cpus", "commit", "load_average", "python", "platform", "spec_reader"} <= set(
        report["machine"]
    )
    assert {"files", "files_per_s", "cpu_ms_per_spec", "spec_reader"} <= set(report["validate"])
    assert report["plan"] and report["apply"]
    for run in [*report["plan"], *report["apply"]]:
        assert set(run) == RUN_KEYS
        assert run["requests"] > 0
    assert all(len(run["samples"]) == 2 for run in report["plan"])
    assert all(run["probe_ms"] > 0 for run in report["plan"])
    assert all(run["probe_ms"] is None for run in report["apply"])
    assert all(run["wall_s"] in [wall for wall, _ in run["samples"]] for run in report["plan"])
    assert {"managed", "unmanaged", "peak_rss_mib", "requests"} <= set(report["memory"])
