"""Run the benchmarks and print a table (or `--json`).

    python -m benchmarks.run [--quick] [--json] [--only PART ...]

From the repository root (`make bench`). Every figure is the wall time of the `interviews`
command a user runs, in a new process, against the emulator in another process with the
latency of a real API (150 ms per request, and 50 ms), compared with the floor of that run:
the requests the server answered x latency / parallelism, or the answered requests / the
rate limit. Parts:

- validate: `interviews validate` of one file (an editor or pre-commit hook waits on it);
- plan: `interviews plan` of 300 and 1,000 managed interviews, default parallelism;
- apply: `interviews apply` creating 100 interviews, then updating a tenth of them;
- ratelimit: apply, then plan, of 120 interviews against an emulator that answers 429 past
  50 and past 8 requests per second, which the tool is not told about;
- memory: the peak memory of a plan of 5,000 interviews.

`--quick` runs small sizes at low latency (well under a minute; the smoke test runs it).
The full run takes about ten minutes, most of it seeding accounts.
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks.accounts import Accounts
from benchmarks.measure import Run
from benchmarks.measure import apply_args
from benchmarks.measure import measure
from benchmarks.measure import median_wall
from benchmarks.measure import plan_args
from benchmarks.report import goals
from benchmarks.report import machine
from benchmarks.report import render_table
from benchmarks.served import running_emulator
from benchmarks.specs import write_specs

REPOSITORY = Path(__file__).resolve().parents[1]
PARTS = ("validate", "plan", "apply", "ratelimit", "memory")
PARALLELISM = 8  # the tool's default


@dataclass(frozen=True)
class Sizes:
    questions: int
    validate_runs: int
    plans: tuple[tuple[int, float], ...]
    """(interviews, latency ms) of each plan run."""
    plan_repeat: int
    apply_creates: int
    apply_latency_ms: float
    rate_limits: tuple[float, ...]
    rate_interviews: int
    rate_latency_ms: float
    memory_interviews: int


FULL = Sizes(
    questions=20,
    validate_runs=5,
    plans=((300, 150), (1000, 150), (300, 50), (1000, 50)),
    plan_repeat=3,
    apply_creates=100,
    apply_latency_ms=150,
    rate_limits=(50, 8),
    rate_interviews=120,
    rate_latency_ms=50,
    memory_interviews=5000,
)
QUICK = Sizes(
    questions=20,
    validate_runs=2,
    plans=((20, 20),),
    plan_repeat=1,
    apply_creates=10,
    apply_latency_ms=20,
    rate_limits=(10,),  # past its first second's burst, so the limit is met
    rate_interviews=20,
    rate_latency_ms=0,
    memory_interviews=30,
)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    sizes = QUICK if args.quick else FULL
    report = run_benchmarks(sizes, set(args.only or PARTS))
    sys.stdout.write(json.dumps(report, indent=2) + "\n" if args.json else render_table(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only these parts")
    return parser


def run_benchmarks(sizes: Sizes, parts: set[str]) -> dict[str, Any]:
    started = time.perf_counter()
    # As `pip install` does: a user's commands start from bytecode, not from source (an
    # environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every module in
    # every measured process).
    compileall.compile_dir(str(REPOSITORY / "reconciler"), quiet=1)
    report: dict[str, Any] = {"machine": machine(), "parallelism": PARALLELISM}
    with tempfile.TemporaryDirectory(prefix="iac-bench-") as tmp:
        accounts = Accounts(Path(tmp), sizes.questions)
        if "validate" in parts:
            report["validate"] = _validate(Path(tmp), sizes)
        runs: list[Run] = []
        if "plan" in parts:
            runs += _plans(accounts, sizes)
        if "apply" in parts:
            runs += _applies(accounts, sizes)
        if "ratelimit" in parts:
            runs += _rate_limited(accounts, sizes)
        if "memory" in parts:
            runs.append(_memory(accounts, sizes))
    report["runs"] = [run.to_dict() for run in runs]
    report["goals"] = goals(report)
    report["duration_s"] = round(time.perf_counter() - started, 1)
    return report


def _validate(folder: Path, sizes: Sizes) -> dict[str, Any]:
    _progress("validate of one file ...")
    specs = folder / "validate"
    write_specs(specs, range(1), sizes.questions)
    (spec,) = specs.iterdir()
    wall, walls = median_wall(["validate", str(spec)], sizes.validate_runs)
    start = median(_interpreter_start() for _ in range(sizes.validate_runs))
    return {
        "questions": sizes.questions,
        "wall_s": round(wall, 3),
        "walls_s": [round(each, 3) for each in walls],
        "interpreter_start_s": round(start, 3),
    }


def _interpreter_start() -> float:
    """A bare `python -c pass`: the part of any command's wall time that is not ours."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def _plans(accounts: Accounts, sizes: Sizes) -> list[Run]:
    runs = []
    for count in sorted({count for count, _ in sizes.plans}):
        _progress(f"seeding {count} interviews ...")
        specs, account = accounts.seeded(count)
        for latency in sorted({ms for each, ms in sizes.plans if each == count}, reverse=True):
            with running_emulator(account, latency) as url:
                run = measure(
                    "plan", plan_args(specs), url, interviews=count, latency_ms=latency,
                    parallelism=PARALLELISM, repeat=sizes.plan_repeat,
                )  # fmt: skip
            runs.append(_shown(run))
    return runs


def _applies(accounts: Accounts, sizes: Sizes) -> list[Run]:
    count, latency = sizes.apply_creates, sizes.apply_latency_ms
    specs, account = accounts.fresh_copy(count, "apply")
    edited = max(1, count // 10)
    with running_emulator(account, latency) as url:
        common: dict[str, Any] = {"latency_ms": latency, "parallelism": PARALLELISM}
        created = measure("apply create", apply_args(specs), url, interviews=count, **common)
        write_specs(specs, range(edited), sizes.questions, edit=" (edited)")
        updated = measure("apply update", apply_args(specs), url, interviews=edited, **common)
    return [_shown(created), _shown(updated)]


def _rate_limited(accounts: Accounts, sizes: Sizes) -> list[Run]:
    runs = []
    count, latency = sizes.rate_interviews, sizes.rate_latency_ms
    for limit in sizes.rate_limits:
        specs, account = accounts.fresh_copy(count, f"limit-{limit:g}")
        with running_emulator(account, latency, rate_limit=limit) as url:
            common: dict[str, Any] = {
                "interviews": count, "latency_ms": latency, "parallelism": PARALLELISM,
                "rate_limit": limit,
            }  # fmt: skip
            runs.append(_shown(measure("apply (limited)", apply_args(specs), url, **common)))
            runs.append(_shown(measure("plan (limited)", plan_args(specs), url, **common)))
    return runs


def _memory(accounts: Accounts, sizes: Sizes) -> Run:
    count = sizes.memory_interviews
    _progress(f"seeding {count} interviews for the memory run ...")
    specs, account = accounts.seeded(count)
    with running_emulator(account, 0) as url:
        run = measure(
            "plan (memory)", plan_args(specs), url, interviews=count, latency_ms=0,
            parallelism=PARALLELISM,
        )  # fmt: skip
    return _shown(run)


def _shown(run: Run) -> Run:
    ratio = "-" if run.ratio is None else f"{run.ratio:.2f}"
    _progress(
        f"{run.what} of {run.interviews} at {run.latency_ms:g} ms: {run.wall_s:.2f} s, "
        f"{run.requests} requests, floor {run.floor_s:.2f} s, ratio {ratio}, "
        f"peak {run.peak_rss_mib:.0f} MiB"
    )
    return run


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
