"""Benchmark: `validate` (load + schema + rules) of many spec files, on one core.

    python benchmarks/bench_validate.py [FILES] [QUESTIONS]

Writes FILES spec files (default 1,000) of QUESTIONS questions each (default 20) to a
temporary folder, then times `scan_specs` over the folder (single-threaded, so one core),
best of three runs, and prints files/s and ms per spec from the CPU time, which a busy
shared machine disturbs less than the wall clock. Goal: 1,000 x 20 in under 1.5 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reconciler.spec.loader import scan_specs

GOAL_SECONDS = 1.5
RUNS = 3

HEADER = """\
# yaml-language-server: $schema=../schemas/interview.schema.json
name: Customer Support Specialist {number}
location: Lisbon, Portugal (hybrid)
mojito_language_code: en
template: Emma (voice)
status: active
visibility: merchant_public
interview_type: pre-screening
description: >-
  Voice screen for customer support specialists handling chat and email.
interview_attempts: 2
max_followups: 1
tags: [support, screening]
questions:
"""

QUESTION = """\
  - key: question-{number}
    question: >-
      Tell me about situation {number}: a customer was upset about something that was
      not your fault. What did you say, and how did it end?
    duration: 120
    is_without_scoring: false
"""


def spec_text(number: int, questions: int) -> str:
    body = "".join(QUESTION.format(number=index) for index in range(questions))
    return HEADER.format(number=number) + body


def write_specs(folder: Path, files: int, questions: int) -> None:
    for number in range(files):
        path = folder / f"support-{number:05d}.yaml"
        path.write_text(spec_text(number, questions), encoding="utf-8")


def time_scan(folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one validate run (CPU time is steadier on a busy box)."""
    wall, cpu = time.perf_counter(), time.process_time()
    scan = scan_specs(folder)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if scan.problems:
        raise SystemExit(f"benchmark specs are invalid: {scan.problems[0]}")
    return wall, cpu


def main(argv: list[str]) -> int:
    files = int(argv[0]) if argv else 1000
    questions = int(argv[1]) if len(argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_specs(folder, files, questions)
        time_scan(folder)  # warm-up: imports, schema compilation, file cache
        wall, cpu = min(time_scan(folder) for _ in range(RUNS))
    best = cpu
    print(f"validate: {files} files x {questions} questions, best of {RUNS} runs:")
    print(f"  {wall:.3f} s wall clock, {cpu:.3f} s CPU")
    print(f"  {files / best:,.0f} files/s, {best / files * 1000:.2f} ms per spec (CPU)")
    if files == 1000 and questions == 20:
        verdict = "met" if best < GOAL_SECONDS else "missed"
        print(f"  goal: under {GOAL_SECONDS} s for 1,000 x 20: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
