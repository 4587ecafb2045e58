"""What "converged" means after apply runs, checked on the emulator's own store."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from reconciler.emulator import Emulator
from reconciler.plan.markers import read_markers


def current_by_key(emulator: Emulator, namespace: str) -> dict[str, list[str]]:
    """Ids of non-archived, non-deleted interviews carrying our marker, per key."""
    found: dict[str, list[str]] = defaultdict(list)
    for live_id in emulator.interview_ids():
        definition = emulator.raw_definition(live_id)
        markers = read_markers(definition.get("tags") or ())
        if markers is None or markers.namespace != namespace:
            continue
        if definition.get("status") not in ("archived", "deleted"):
            found[markers.key].append(live_id)
    return found


def assert_converged(emulator: Emulator, folder: Path, namespace: str) -> None:
    """Exactly one non-archived interview per spec key, and none without a spec."""
    keys = {path.stem for path in folder.glob("*.yaml")}
    found = current_by_key(emulator, namespace)
    assert set(found) == keys, sorted(set(found) ^ keys)
    duplicates = {key: ids for key, ids in found.items() if len(ids) != 1}
    assert not duplicates, duplicates
