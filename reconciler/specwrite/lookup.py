"""One interview by key, on both sides: its spec and its live interview. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from reconciler.errors import OperationError
from reconciler.live import LiveInterview
from reconciler.plan.markers import read_markers
from reconciler.spec.model import DesiredInterview


def spec_for_key(desired: Sequence[DesiredInterview], key: str) -> DesiredInterview:
    for interview in desired:
        if interview.key == key:
            return interview
    raise OperationError(f'no spec file has the key "{key}"; `interviews validate -v` lists them')


def live_for_key(interviews: Sequence[LiveInterview], namespace: str, key: str) -> LiveInterview:
    """The live interview carrying the key's marker: the newest one not archived, if any."""
    found = [
        live
        for live in interviews
        if (markers := read_markers(live.tags)) is not None
        and (markers.namespace, markers.key) == (namespace, key)
        and live.status != "deleted"
    ]
    if not found:
        raise OperationError(
            f'"{key}" is not in JobMojito yet (no interview carries its marker in namespace '
            f'"{namespace}"); run `interviews apply` first'
        )
    return max(found, key=lambda live: (live.status != "archived", _updated_at(live)))


def _updated_at(live: LiveInterview) -> str:
    return str(live.definition.get("updated_at") or live.summary.get("updated_at") or "")
