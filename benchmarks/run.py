"""Run the benchmarks of issue 8 and print a table (or `--json`).

    python -m benchmarks.run [--quick] [--json] [--only plan|apply|validate|memory] [--all]

From the repository root (`make bench`). It measures `validate` of many specs, `plan` of N
managed interviews among M unmanaged ones, `apply` creating interviews and then updating a
tenth of them, and the peak memory of a large `plan`. The emulator runs in its own process
over HTTP with injected latency, on accounts seeded in-process beforehand. `--quick` uses
small sizes (well under a minute); the full run takes several minutes. Runs whose ideal time
(requests x latency / parallelism) exceeds SLOW_IDEAL_S are skipped unless `--all`: they
wait on latency, one request at a time, and teach nothing new.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.bench_validate import measure_validate
from benchmarks.emulator_process import running_emulator
from benchmarks.measure import Run
from benchmarks.measure import measure_apply
from benchmarks.measure import measure_plan
from benchmarks.measure import median_run
from benchmarks.memory import measure_memory
from benchmarks.report import machine
from benchmarks.report import render_table
from benchmarks.seeding import CLIENT_MAX_RPS
from benchmarks.seeding import seed_account
from benchmarks.specs import write_specs

PARTS = ("validate", "plan", "apply", "memory")
SLOW_IDEAL_S = 120.0
REPEAT_IDEAL_S = 15.0  # runs waiting longer than this on latency alone are not repeated
UPDATE_SHARE = 0.10
EDIT = " (edited)"


@dataclass(frozen=True)
class Sizes:
    validate_files: int
    questions: int
    plan_managed: tuple[int, ...]
    unmanaged: int
    latencies_ms: tuple[float, ...]
    parallelisms: tuple[int, ...]
    apply_creates: int
    memory_managed: int


FULL = Sizes(1000, 20, (100, 1000, 5000), 500, (0, 50), (1, 8, 32), 1000, 5000)
QUICK = Sizes(40, 20, (20,), 10, (0, 20), (1, 8), 20, 30)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    sizes = _overridden(QUICK if args.quick else FULL, args)
    report = run_benchmarks(sizes, set(args.only or PARTS), run_all=args.all, repeat=args.repeat)
    sys.stdout.write(json.dumps(report, indent=2) + "\n" if args.json else render_table(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only these parts")
    parser.add_argument("--all", action="store_true", help="also run the slow sequential runs")
    parser.add_argument("--managed", type=int, action="append", help="plan sizes N instead")
    parser.add_argument("--latency-ms", type=float, action="append", help="latencies instead")
    parser.add_argument("--parallelism", type=int, action="append", help="parallelisms instead")
    parser.add_argument(
        "--repeat", type=int, default=3, help="plan runs per configuration; the median is shown"
    )
    return parser


def _overridden(sizes: Sizes, args: argparse.Namespace) -> Sizes:
    """`sizes` with the lists given on the command line (for a targeted run)."""
    return replace(
        sizes,
        plan_managed=tuple(args.managed or sizes.plan_managed),
        latencies_ms=tuple(args.latency_ms or sizes.latencies_ms),
        parallelisms=tuple(args.parallelism or sizes.parallelisms),
    )


def run_benchmarks(
    sizes: Sizes, parts: set[str], *, run_all: bool, repeat: int = 1
) -> dict[str, Any]:
    started = time.perf_counter()
    report: dict[str, Any] = {
        "machine": machine(),
        "client": {"max_rps": CLIENT_MAX_RPS},
        "sizes": sizes.__dict__,
        "repeat": repeat,
        "skipped": [],
    }
    if "validate" in parts:
        _progress("validate ...")
        report["validate"] = measure_validate(sizes.validate_files, sizes.questions)
    with tempfile.TemporaryDirectory(prefix="iac-bench-") as tmp:
        bench = _Bench(Path(tmp), sizes, run_all, report["skipped"], repeat)
        if "plan" in parts:
            report["plan"] = [run.to_dict() for run in bench.plan_runs()]
        if "apply" in parts:
            report["apply"] = [run.to_dict() for run in bench.apply_runs()]
        if "memory" in parts:
            report["memory"] = bench.memory()
    report["duration_s"] = round(time.perf_counter() - started, 1)
    return report


class _Bench:
    """The accounts and spec folders of one benchmark run, made once and reused."""

    def __init__(
        self, folder: Path, sizes: Sizes, run_all: bool, skipped: list[str], repeat: int
    ) -> None:
        self.folder = folder
        self.sizes = sizes
        self.run_all = run_all
        self.skipped = skipped
        self.repeat = repeat

    def plan_runs(self) -> list[Run]:
        runs = []
        for managed in self.sizes.plan_managed:
            specs, account = self.seeded(managed)
            for latency in self.sizes.latencies_ms:
                with running_emulator(account, latency) as url:
                    for parallelism in self.sizes.parallelisms:
                        total = managed + self.sizes.unmanaged
                        if self._too_slow("plan", managed, total, latency, parallelism):
                            continue
                        runs.append(_shown(self._plan_run(specs, url, total, latency, parallelism)))
        return runs

    def _plan_run(
        self, specs: Path, url: str, requests: int, latency: float, parallelism: int
    ) -> Run:
        """The median of `repeat` measured plans; once when latency alone takes long."""
        ideal = requests * latency / 1000 / parallelism
        times = max(1, self.repeat) if ideal <= REPEAT_IDEAL_S else 1
        unmanaged = self.sizes.unmanaged
        return median_run(
            [
                measure_plan(
                    specs, url, latency_ms=latency, parallelism=parallelism, unmanaged=unmanaged
                )
                for _ in range(times)
            ]
        )

    def apply_runs(self) -> list[Run]:
        runs = []
        count = self.sizes.apply_creates
        for latency in self.sizes.latencies_ms:
            for parallelism in self.sizes.parallelisms:
                if self._too_slow("apply", count, count, latency, parallelism):
                    continue
                runs.extend(self._apply_pair(count, latency, parallelism))
        return runs

    def memory(self) -> dict[str, Any]:
        managed = self.sizes.memory_managed
        specs, account = self.seeded(managed)
        _progress(f"memory: plan of {managed} managed in a fresh process ...")
        with running_emulator(account, 0) as url:
            result = measure_memory(specs, url)
        return {**result, "unmanaged": self.sizes.unmanaged}

    def seeded(self, managed: int) -> tuple[Path, Path]:
        """The spec folder and the account file for `managed` interviews (made once)."""
        specs, account = self.folder / f"specs-{managed}", self.folder / f"account-{managed}.db"
        if not account.exists():
            _progress(f"seeding {managed} managed + {self.sizes.unmanaged} unmanaged ...")
            unmanaged = self.folder / f"unmanaged-{managed}"
            write_specs(specs, range(managed), self.sizes.questions)
            write_specs(unmanaged, range(managed, managed + self.sizes.unmanaged), 20)
            seed_account(account, specs, unmanaged)
        return specs, account

    def _apply_pair(self, count: int, latency: float, parallelism: int) -> list[Run]:
        name = f"apply-{latency:g}-{parallelism}"
        specs, account = self.folder / f"specs-{name}", self.folder / f"account-{name}.db"
        write_specs(specs, range(count), self.sizes.questions)
        with running_emulator(account, latency) as url:
            created = measure_apply(
                "apply create", specs, url, latency_ms=latency, parallelism=parallelism
            )
            _shown(created)
            write_specs(specs, range(int(count * UPDATE_SHARE)), self.sizes.questions, edit=EDIT)
            updated = measure_apply(
                "apply update", specs, url, latency_ms=latency, parallelism=parallelism
            )
            _shown(updated)
        return [created, updated]

    def _too_slow(
        self, what: str, managed: int, requests: int, latency: float, parallelism: int
    ) -> bool:
        ideal = requests * latency / 1000 / parallelism
        if ideal <= SLOW_IDEAL_S or self.run_all:
            return False
        self.skipped.append(
            f"{what} of {managed:,} at {latency:g} ms, parallelism {parallelism}: "
            f"ideal about {ideal:.0f} s (--all runs it)"
        )
        return True


def _shown(run: Run) -> Run:
    ratio = "-" if run.ratio is None else f"{run.ratio:.2f}"
    spread = ""
    if len(run.samples) > 1:
        walls = sorted(wall for wall, _ in run.samples)
        spread = f" (median of {len(walls)}: {walls[0]:.2f}-{walls[-1]:.2f} s)"
    _progress(
        f"{run.what} {run.managed}+{run.unmanaged} at {run.latency_ms:g} ms, "
        f"parallelism {run.parallelism}: {run.wall_s:.2f} s{spread}, {run.requests} requests, "
        f"ratio {ratio}, CPU {run.cpu_s:.2f} s"
    )
    return run


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
