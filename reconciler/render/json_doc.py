"""The plan document (`schemas/plan.schema.json`). Pure: a function of the Plan, no I/O.

It is `Plan.to_dict()` with sorted keys, so the same plan always gives the same bytes,
and its `checksum` is what `apply --checksum` compares.
"""

from __future__ import annotations

import json

from reconciler.plan.model import Plan


def render_json(plan: Plan) -> str:
    """The plan document: sorted keys, two-space indent, ASCII only, a trailing newline."""
    return json.dumps(plan.to_dict(), sort_keys=True, indent=2) + "\n"
