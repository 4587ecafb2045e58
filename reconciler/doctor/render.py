"""Doctor's output: one text line per check, or one JSON document. Pure.

Everything a check found may quote the server, so each line goes through `visible`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from reconciler.doctor.model import Check
from reconciler.doctor.model import Status
from reconciler.render.escape import visible

_WIDTH = max(len(status.value) for status in Status) + 2


def format_line(check: Check) -> str:
    """`STATUS  name: found — action`, safe to print."""
    line = f"{check.status.value:<{_WIDTH}}{check.name}: {check.found}"
    if check.action:
        line += f" — {check.action}"
    return visible(line)


def format_summary(checks: Sequence[Check]) -> str:
    counts = Counter(check.status for check in checks)
    parts = [f"{counts[status]} {status.value}" for status in Status]
    return ", ".join(parts)


def is_unsafe(checks: Sequence[Check]) -> bool:
    """Whether any failure makes apply unsafe (doctor then exits 1)."""
    return any(check.status is Status.FAILED for check in checks)


def format_json(checks: Sequence[Check], *, write_check: bool) -> str:
    """The checks as a JSON document, keys sorted; `safe` is false when doctor exits 1."""
    counts = Counter(check.status for check in checks)
    document = {
        "checks": [check.to_dict() for check in checks],
        "safe": not is_unsafe(checks),
        "summary": {status.value: counts[status] for status in Status},
        "write_check": write_check,
    }
    return json.dumps(document, sort_keys=True, indent=2)
