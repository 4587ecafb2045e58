"""Run `interviews` as a user does, in a new process, and time it.

The wall time includes the process start (the interpreter, imports, reading the config),
because a user waits for that too. CPU time and peak memory come from the child's own
resource usage (`os.wait4`). I/O: a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from benchmarks.served import TOKEN

NAMESPACE: Final = "bench"


@dataclass(frozen=True)
class Finished:
    """One finished command: its exit code, wall and CPU seconds, peak RSS, its stderr, and
    when it started (`time.time()`, to place the server's timestamps in the run)."""

    exit_code: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    stderr: str
    started_at: float


def run_cli(
    args: list[str], *, api_url: str | None = None, env: Mapping[str, str] | None = None
) -> Finished:
    """`interviews ARGS` against `api_url`, with the bench namespace and token."""
    child_env = {
        **os.environ,
        "IAC_NAMESPACE": NAMESPACE,
        "JOBMOJITO_TOKEN": TOKEN,
        "NO_COLOR": "1",
        **(env or {}),
    }
    if api_url is not None:
        child_env["JOBMOJITO_API_URL"] = api_url
    command = [sys.executable, "-m", "reconciler", *args]
    started_at, started = time.time(), time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen(command, stdout=devnull, stderr=subprocess.PIPE, env=child_env)
        assert child.stderr is not None
        stderr = child.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        child.stderr.close()
    wall = time.perf_counter() - started
    return Finished(
        exit_code=os.waitstatus_to_exitcode(status),
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        stderr=stderr,
        started_at=started_at,
    )


def require(finished: Finished, expected: int, what: str) -> Finished:
    """`finished`, or a RuntimeError with its stderr when it exited otherwise."""
    if finished.exit_code != expected:
        raise RuntimeError(
            f"{what} exited {finished.exit_code}, expected {expected}:\n{finished.stderr[-2000:]}"
        )
    return finished
