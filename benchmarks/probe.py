"""A fixed CPU workload that tells how fast the machine is at the moment of a run.

Why: on the shared 2-CPU VM the benchmarks run on, the same plan's CPU time varies by a
third between runs, with the machine's speed and not with the code (the same workload
took 9 ms in one process and 16 ms in the next). Each plan repetition is preceded by this
probe, and the table shows its median beside the run's CPU figures: a row measured while
the probe was 20 % slower than usual has CPU figures about 20 % higher.

The workload uses only the standard library (JSON, dicts, sorting, the kinds of work a
plan does), so its cost does not change when the project's code does.
"""

from __future__ import annotations

import json
import time
from typing import Final

_QUESTIONS: Final = [
    {"question": f"Question {n} " * 8, "key": f"q-{n}", "weight": n, "tags": ["a", str(n)]}
    for n in range(40)
]
_TEXT: Final = json.dumps({"name": "Probe", "questions": _QUESTIONS})
ROUNDS: Final = 60
TRIES: Final = 3


def probe_ms() -> float:
    """CPU milliseconds of the fixed workload: the least of a few tries (noise only adds)."""
    return min(_once() for _ in range(TRIES))


def _once() -> float:
    started = time.process_time()
    for _ in range(ROUNDS):
        document = json.loads(_TEXT)
        flat = {
            f"{q['key']}.{name}": value for q in document["questions"] for name, value in q.items()
        }
        sorted(flat)
        json.dumps(document, sort_keys=True)
    return (time.process_time() - started) * 1000
