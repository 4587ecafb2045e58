"""One measured command against a served emulator, with its floor.

The floor is what no client could beat: the requests the server answered, each taking the
injected latency, `parallelism` at a time; or, under a rate limit, the answered requests
past the first second's burst at the limit's pace. A run's ratio is its wall time
(process start included) over that floor.

A run's `phases` say where its wall time went, from the server's timestamps of the first
request and last answer of each kind: `start_s` from the process start to its first
request; `list_s` the list calls; `reads_s` the job-interview-gets, beside `reads_floor_s`,
their own floor; `tail_s` from the last answer to the exit (planning, output, exit).
I/O: child processes (the tool), loopback HTTP (the counts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks.cli import Finished
from benchmarks.cli import require
from benchmarks.cli import run_cli
from benchmarks.served import counts


@dataclass(frozen=True)
class Run:
    """The figures of one measured command (a row of the table)."""

    what: str
    interviews: int
    latency_ms: float
    parallelism: int
    rate_limit: float
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    requests: int
    limited: int
    walls_s: tuple[float, ...]
    phases: dict[str, float] | None = None
    """See the module docstring; None when the server answered nothing."""

    @property
    def floor_s(self) -> float:
        by_latency = self.requests * self.latency_ms / 1000 / self.parallelism
        # the emulator's bucket holds one second's worth of requests: those go at once
        by_limit = (
            max(0, self.requests - self.rate_limit) / self.rate_limit if self.rate_limit else 0.0
        )
        return max(by_latency, by_limit)

    @property
    def ratio(self) -> float | None:
        return self.wall_s / self.floor_s if self.floor_s > 0 else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rate_limit"] = self.rate_limit or None
        data["floor_s"] = round(self.floor_s, 3)
        ratio = self.ratio
        data["ratio"] = None if ratio is None else round(ratio, 3)
        for name in ("wall_s", "cpu_s", "peak_rss_mib"):
            data[name] = round(data[name], 3)
        data["walls_s"] = [round(wall, 3) for wall in self.walls_s]
        if self.phases is not None:
            data["phases"] = {name: round(value, 3) for name, value in self.phases.items()}
        return data


def measure(
    what: str,
    args: list[str],
    url: str,
    *,
    interviews: int,
    latency_ms: float,
    parallelism: int,
    rate_limit: float = 0,
    expected_exit: int = 0,
    repeat: int = 1,
) -> Run:
    """Run `interviews ARGS` `repeat` times (it must not change the account when repeated
    more than once); the run of median wall time, with every repetition's wall time."""
    runs = []
    for _ in range(repeat):
        counts(url, reset=True)
        env = {"IAC_PARALLELISM": str(parallelism)}
        finished = require(run_cli(args, api_url=url, env=env), expected_exit, " ".join(args))
        served = counts(url)
        runs.append((finished, served))
    runs.sort(key=lambda pair: pair[0].wall_s)
    finished, served = runs[(len(runs) - 1) // 2]
    return Run(
        what=what,
        interviews=interviews,
        latency_ms=latency_ms,
        parallelism=parallelism,
        rate_limit=rate_limit,
        wall_s=finished.wall_s,
        cpu_s=finished.cpu_s,
        peak_rss_mib=finished.peak_rss_mib,
        requests=served["answered"],
        limited=served["limited"],
        walls_s=tuple(pair[0].wall_s for pair in runs),
        phases=phases_of(finished, served.get("phases", {}), latency_ms, parallelism),
    )


def phases_of(
    finished: Finished, served: Mapping[str, Mapping[str, float]], latency_ms: float,
    parallelism: int,
) -> dict[str, float] | None:  # fmt: skip
    """Where the run's wall time went, from the server's first arrival and last answer of
    each kind of request (benchmarks/served.py); None when it answered nothing."""
    if not served:
        return None
    first = min(kind["first"] for kind in served.values())
    last = max(kind["last"] for kind in served.values())
    phases = {"start_s": first - finished.started_at}
    if "list" in served:
        phases["list_s"] = served["list"]["last"] - served["list"]["first"]
    if "get" in served:
        gets = served["get"]
        phases["reads_s"] = gets["last"] - gets["first"]
        phases["reads_floor_s"] = gets["count"] * latency_ms / 1000 / parallelism
    phases["tail_s"] = finished.started_at + finished.wall_s - last
    return phases


def median_wall(args: list[str], times: int) -> tuple[float, tuple[float, ...]]:
    """Median wall seconds of an offline command (no API), run `times` times."""
    walls = tuple(require(run_cli(args), 0, " ".join(args)).wall_s for _ in range(times))
    return median(walls), walls


def plan_args(specs: Path) -> list[str]:
    return ["plan", str(specs), "--detailed-exitcode"]


def apply_args(specs: Path) -> list[str]:
    return ["apply", str(specs), "--auto-approve"]
