"""The emulator in its own process, counting what it answers.

    python -m benchmarks.served DATA --latency-ms MS [--rate-limit RPS]

Serves the account stored in the SQLite file DATA on a free loopback port and prints
`listening on URL`. Besides the API it answers `GET /__bench/counts` with the requests it
answered (`answered`) and those it refused for the rate limit (`limited`), and
`POST /__bench/counts` resets both: the floor of a run is computed from the requests it
really needed, counted by the server, not from what the client believes it sent.
The counts also carry, per kind of request (`list` of interviews, `get`, `other`), how
many there were, when the first arrived and when the last was answered (`time.time()`,
comparable with the benchmark's own clock on the same machine): the phases of a run
(benchmarks/measure.py).

`running_emulator` starts it and stops it. The counting path is benchmark code; the
emulator itself stays the API's stand-in. I/O: a child process, its pipes, loopback HTTP.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from typing import Final

import httpx

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import serve

TOKEN: Final = "bench-token-not-secret"
COUNTS_PATH: Final = "/__bench/counts"
_LISTENING: Final = "listening on "
_START_TIMEOUT_S: Final = 30.0
_KINDS: Final = {"merchant-interview-list": "list", "job-interview-get": "get"}


def request_kind(path: str) -> str:
    """`list` (of interviews), `get` or `other`: the phase of a plan a request belongs to."""
    return _KINDS.get(path.rsplit("/", 1)[-1], "other")


class CountingEmulator(Emulator):
    """The emulator, with a count of its answers by outcome."""

    def __init__(self, data: Path, faults: FaultConfig) -> None:
        super().__init__(data, token=TOKEN, faults=faults)
        self._lock = threading.Lock()
        self._answered = 0
        self._limited = 0
        self._phases: dict[str, dict[str, float]] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == COUNTS_PATH:
            return self._counts(request.method)
        arrived = time.time()
        response = super().handle(request)
        answered = time.time()
        with self._lock:
            if response.status_code == 429:
                self._limited += 1
            else:
                self._answered += 1
            phase = self._phases.setdefault(
                request_kind(request.url.path), {"count": 0, "first": arrived, "last": answered}
            )
            phase["count"] += 1
            phase["first"] = min(phase["first"], arrived)
            phase["last"] = max(phase["last"], answered)
        return response

    def _counts(self, method: str) -> httpx.Response:
        with self._lock:
            counts = {"answered": self._answered, "limited": self._limited, "phases": self._phases}
            if method == "POST":
                self._answered = self._limited = 0
                self._phases = {}
        return httpx.Response(200, json=counts)


@contextmanager
def running_emulator(data: Path, latency_ms: float, rate_limit: float = 0) -> Iterator[str]:
    """Serve the account stored in `data` from a child process; yields the base URL."""
    command = [
        sys.executable, "-m", "benchmarks.served", str(data),
        "--latency-ms", f"{latency_ms:g}", "--rate-limit", f"{rate_limit:g}",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # the URL line must not wait in a buffer
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        yield _read_url(child)
    finally:
        child.terminate()
        child.wait(timeout=_START_TIMEOUT_S)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def counts(url: str, *, reset: bool = False) -> dict[str, Any]:
    """What the served emulator has answered since the last reset (see the module doc)."""
    response = httpx.request("POST" if reset else "GET", url + COUNTS_PATH, timeout=10)
    response.raise_for_status()
    found: dict[str, Any] = response.json()
    return found


def _read_url(child: subprocess.Popen[str]) -> str:
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        if _LISTENING in line:
            return line.split(_LISTENING, 1)[1].strip()
    raise RuntimeError(f"the emulator did not start: {child.stderr.read().strip()}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.served")
    parser.add_argument("data", type=Path)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--rate-limit", type=float, default=0.0, help="0: no limit")
    args = parser.parse_args(argv)
    faults = FaultConfig(latency_ms=args.latency_ms, rate_limit_rps=args.rate_limit or None)
    emulator = CountingEmulator(args.data, faults)
    server = serve(emulator, port=0)
    print(f"{_LISTENING}{server.url}", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        emulator.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
