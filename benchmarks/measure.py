"""One measured run of `plan` or `apply` against an emulator served over HTTP.

Each run uses a fresh client (its own connection pool and request counters) with the
given parallelism and a rate limit far above reach, and reports wall time, client CPU
time, requests made (`client.stats`) and the ideal: requests x latency / parallelism.
I/O: HTTP to the emulator, the spec folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from statistics import median_low
from typing import Any
from typing import TypeVar

from benchmarks.probe import probe_ms
from benchmarks.seeding import NAMESPACE
from benchmarks.seeding import bench_settings
from reconciler.api import JobMojitoClient
from reconciler.api.stats import RequestStats
from reconciler.apply.applier import apply_plan
from reconciler.plan.discovery import discover
from reconciler.plan.model import Plan
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.spec.loader import load_specs
from reconciler.workflow import plan_from_specs

T = TypeVar("T")


@dataclass
class Timing:
    """Wall and CPU seconds of named phases, in the order they ran."""

    wall_s: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)

    def run(self, phase: str, work: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.wall_s[phase] = time.perf_counter() - wall
        self.cpu_s[phase] = time.process_time() - cpu
        return result


@dataclass(frozen=True)
class Run:
    """The figures of one measured run (a row of the table)."""

    what: str
    managed: int
    unmanaged: int
    latency_ms: float
    parallelism: int
    wall_s: float
    cpu_s: float
    requests: int
    retries: int
    phases_wall_s: dict[str, float]
    phases_cpu_s: dict[str, float]
    samples: tuple[tuple[float, float], ...] = ()
    """(wall s, CPU s) of every repetition when the run was repeated; this is the median."""
    probe_ms: float | None = None
    """The machine's speed just before: benchmarks/probe.py (median over repetitions)."""

    @property
    def ideal_s(self) -> float:
        return self.requests * self.latency_ms / 1000 / self.parallelism

    @property
    def ratio(self) -> float | None:
        """Wall over ideal; None at 0 ms, where the ideal is zero."""
        return self.wall_s / self.ideal_s if self.ideal_s > 0 else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        ratio = self.ratio
        data.update(ideal_s=self.ideal_s, ratio=None if ratio is None else round(ratio, 3))
        data["cpu_ms_per_managed"] = self.cpu_s / self.managed * 1000 if self.managed else None
        rounded: dict[str, Any] = _rounded(data)
        return rounded


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time, carrying every repetition's figures. Repeating is
    worth it: on a shared 2-CPU VM the same plan's CPU time varies by a third between
    runs, and the median of a few is stable where one run is not."""
    ordered = sorted(runs, key=lambda run: run.wall_s)
    middle = ordered[(len(ordered) - 1) // 2]
    probes = [run.probe_ms for run in runs if run.probe_ms is not None]
    probe = median_low(probes) if probes else None
    return replace(middle, samples=tuple((run.wall_s, run.cpu_s) for run in runs), probe_ms=probe)


def measure_plan(
    specs: Path, url: str, *, latency_ms: float, parallelism: int, unmanaged: int
) -> Run:
    """What `interviews plan` runs (load, discovery and planning overlapped), timed, after
    a probe of the machine's speed."""
    probe = probe_ms()
    settings = bench_settings(url, parallelism)
    timing = Timing()
    with JobMojitoClient(settings) as client:
        plan = timing.run("plan", lambda: plan_from_specs(specs, client, settings))
        stats = client.stats
    if plan.has_changes:
        raise RuntimeError(f"the seeded account should plan no changes, got {len(plan.changes)}")
    managed = len(plan.desired_fingerprints)
    run = _run("plan", managed, unmanaged, latency_ms, parallelism, timing, stats)
    return replace(run, probe_ms=probe)


def plan_now(specs: Path, client: JobMojitoClient) -> Plan:
    return make_plan(load_specs(specs), discover(client), PlanSettings(NAMESPACE))


def measure_apply(what: str, specs: Path, url: str, *, latency_ms: float, parallelism: int) -> Run:
    """Plan (not counted), then apply that plan: only apply's requests and time count."""
    settings = bench_settings(url, parallelism)
    timing = Timing()
    with JobMojitoClient(settings) as client:
        plan = plan_now(specs, client)
        before = client.stats.requests
        result = timing.run("apply", lambda: apply_plan(plan, client))
        requests = client.stats.requests - before
        retries = client.stats.retries
    if not result.ok:
        raise RuntimeError(f"apply failed: {result.having('failed')[0].message}")
    return Run(
        what, len(plan.changes), 0, latency_ms, parallelism,
        timing.wall_s["apply"], timing.cpu_s["apply"], requests, retries,
        timing.wall_s, timing.cpu_s,
    )  # fmt: skip


def _run(
    what: str,
    managed: int,
    unmanaged: int,
    latency_ms: float,
    parallelism: int,
    timing: Timing,
    stats: RequestStats,
) -> Run:
    return Run(
        what, managed, unmanaged, latency_ms, parallelism,
        sum(timing.wall_s.values()), sum(timing.cpu_s.values()),
        stats.requests, stats.retries, timing.wall_s, timing.cpu_s,
    )  # fmt: skip


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value
