"""Benchmark: `validate` (load + schema + rules) of many spec files, on one core.

    python -m benchmarks.bench_validate [FILES] [QUESTIONS]     (from the repository root)

Writes FILES spec files (default 1,000) of QUESTIONS questions each (default 20) to a
temporary folder, then times `scan_specs` over the folder (single-threaded, so one core),
best of three runs, and prints files/s and ms per spec from the CPU time, which a busy
shared machine disturbs less than the wall clock. With the C spec reader built, PyYAML's
path is timed alternately with it, for the ratio. Goal: 1,000 x 20 in under 1.5 s.
`python -m benchmarks.run --only validate` runs the same measurement into the common table.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.specs import write_specs
from reconciler.spec import yamlfast
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
    """Best of `runs` validate runs over `files` fresh specs, after one warm-up run.

    Where the C spec reader is on, PyYAML's path is timed too, alternately with it (the
    VM's speed moves between runs), as the baseline of its ratio."""
    readers = ("c", "pyyaml") if yamlfast.enabled() else ("pyyaml",)
    timings: dict[str, list[tuple[float, float]]] = {reader: [] for reader in readers}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_specs(folder, range(files), questions)
        for reader in readers:  # warm-up: imports, schema compilation, caches, file cache
            with _spec_reader(reader):
                time_scan(folder)
        for _ in range(runs):
            for reader in readers:
                with _spec_reader(reader):
                    timings[reader].append(time_scan(folder))
    wall, cpu = min(timings[readers[0]])
    result: dict[str, Any] = {
        "files": files,
        "questions": questions,
        "runs": runs,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "files_per_s": round(files / cpu, 1),
        "cpu_ms_per_spec": round(cpu / files * 1000, 3),
        "spec_reader": "C reader" if readers[0] == "c" else "PyYAML",
    }
    if "c" in timings:
        pyyaml_cpu = min(timings["pyyaml"])[1]
        result["pyyaml_cpu_s"] = round(pyyaml_cpu, 4)
        result["c_reader_ratio"] = round(cpu / pyyaml_cpu, 3)
    return result


@contextmanager
def _spec_reader(reader: str) -> Iterator[None]:
    """The C reader ("c") or PyYAML's path ("pyyaml") for the loads inside."""
    before = os.environ.get(yamlfast.READER_VARIABLE)
    if reader == "pyyaml":
        os.environ[yamlfast.READER_VARIABLE] = "pyyaml"
    else:
        os.environ.pop(yamlfast.READER_VARIABLE, None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(yamlfast.READER_VARIABLE, None)
        else:
            os.environ[yamlfast.READER_VARIABLE] = before


def main(argv: list[str]) -> int:
    files = int(argv[0]) if argv else 1000
    questions = int(argv[1]) if len(argv) > 1 else 20
    result = measure_validate(files, questions)
    print(f"validate: {files} files x {questions} questions, best of {RUNS} runs:")
    print(f"  {result['wall_s']:.3f} s wall clock, {result['cpu_s']:.3f} s CPU")
    print(f"  {result['files_per_s']:,.0f} files/s, {result['cpu_ms_per_spec']:.2f} ms per spec")
    if "pyyaml_cpu_s" in result:
        print(
            f"  PyYAML's path alternately: {result['pyyaml_cpu_s']:.3f} s CPU "
            f"(the C reader takes {result['c_reader_ratio']:.2f}x)"
        )
    if files == 1000 and questions == 20:
        verdict = "met" if result["cpu_s"] < GOAL_SECONDS else "missed"
        print(f"  goal: under {GOAL_SECONDS} s for 1,000 x 20: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
