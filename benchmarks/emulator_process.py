"""The emulator in its own process, so that client and server do not share a GIL.

`running_emulator` starts `python -m reconciler emulator` on a SQLite file (seeded
beforehand, see `benchmarks.seeding`) with injected latency on a free port, reads the URL
it prints, and stops it afterwards. I/O: a child process and its pipes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

TOKEN: Final = "bench-token-not-secret"
_LISTENING: Final = "listening on "
_START_TIMEOUT_S: Final = 30.0


@contextmanager
def running_emulator(data: Path, latency_ms: float) -> Iterator[str]:
    """Serve the account stored in `data`; yields the base URL."""
    command = [
        sys.executable, "-m", "reconciler", "emulator",
        "--data", str(data), "--latency-ms", f"{latency_ms:g}",
        "--port", "0", "--token", TOKEN,
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


def _read_url(child: subprocess.Popen[str]) -> str:
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        if _LISTENING in line:
            return line.split(_LISTENING, 1)[1].strip()
    raise RuntimeError(f"the emulator did not start: {child.stderr.read().strip()}")
