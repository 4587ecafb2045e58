"""Start `benchmarks.plan_memory` in a fresh process and read back what it measured.

I/O: a child process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]


def measure_memory(specs: Path, url: str) -> dict[str, Any]:
    """Peak RSS of a `plan` of `specs` against `url`, in a process that does nothing else."""
    command = [sys.executable, "-m", "benchmarks.plan_memory", str(specs), url]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPOSITORY)
    if done.returncode != 0:
        raise RuntimeError(f"the memory run failed: {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result
