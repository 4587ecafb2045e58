"""Benchmark: `validate` (load + schema + rules) of many spec files, on one core.

    python -m benchmarks.bench_validate [FILES] [QUESTIONS]     (from the repository root)

Writes FILES spec files (default 1,000) of QUESTIONS questions each (default 20) to a
temporary folder, then times `scan_specs` over the folder (single-threaded, so one core),
best of three runs, and prints files/s and ms per spec from the CPU time, which a busy
shared machine disturbs less than the wall clock. Goal: 1,000 x 20 in under 1.5 s.
`python -m benchmarks.run --only validate` runs the same measurement into the common table.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.specs import write_specs
from reconciler.spec import yamlread
from reconciler.spec.loader import scan_specs

GOAL_SECONDS = 1.5
RUNS = 3


def time_scan(folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one validate run (CPU time is steadier on a busy box)."""
    wall, cpu = time.perf_counter(), time.process_time()
    scan = scan_specs(folder)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if scan.problems:
        raise SystemExit(f"benchmark specs are invalid: {scan.problems[0]}")
    return wall, cpu


def measure_validate(files: int, questions: int, *, runs: int = RUNS) -> dict[str, Any]:
    """Best of `runs` validate runs over `files` fresh specs, after one warm-up run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_specs(folder, range(files), questions)
        time_scan(folder)  # warm-up: imports, schema compilation, caches, file cache
        wall, cpu = min(time_scan(folder) for _ in range(runs))
    return {
        "files": files,
        "questions": questions,
        "runs": runs,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "files_per_s": round(files / cpu, 1),
        "cpu_ms_per_spec": round(cpu / files * 1000, 3),
        "spec_reader": "PyYAML C loader" if yamlread.C_LOADER else "PyYAML pure-Python loader",
    }


def main(argv: list[str]) -> int:
    files = int(argv[0]) if argv else 1000
    questions = int(argv[1]) if len(argv) > 1 else 20
    result = measure_validate(files, questions)
    print(f"validate: {files} files x {questions} questions, best of {RUNS} runs:")
    print(f"  {result['wall_s']:.3f} s wall clock, {result['cpu_s']:.3f} s CPU")
    print(f"  {result['files_per_s']:,.0f} files/s, {result['cpu_ms_per_spec']:.2f} ms per spec")
    if files == 1000 and questions == 20:
        verdict = "met" if result["cpu_s"] < GOAL_SECONDS else "missed"
        print(f"  goal: under {GOAL_SECONDS} s for 1,000 x 20: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
