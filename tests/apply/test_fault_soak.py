"""Apply under injected faults (429, 500, 502 HTML, resets before and after commit) and
latency converges within three runs, with no duplicate and no token in any output.

Size: IAC_SOAK_SCALE multiplies the 50 interviews (default 1)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.apply.audit import AuditLog
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.errors import ReconcilerError
from reconciler.render import render_json
from reconciler.render import render_markdown
from reconciler.render import render_text
from reconciler.workflow import plan_from_specs
from tests.apply.conftest import TOKEN
from tests.apply.invariants import assert_converged
from tests.apply.specgen import mutate_mixed
from tests.apply.specgen import write_specs

SCALE = int(os.environ.get("IAC_SOAK_SCALE", "1"))
TOTAL = 50 * SCALE
RUNS = 3


def _apply_once(
    folder: Path, client: JobMojitoClient, settings: Settings, audit: AuditLog | None = None
) -> tuple[bool, str]:
    """One `apply`: plan (which may itself fail under faults) and execute; plus its output."""
    try:
        made = plan_from_specs(folder, client, settings)
    except ReconcilerError as exc:
        return False, str(exc)
    # Creates the faults lost are looked for without real pauses (the bound still holds).
    result = apply_plan(made, client, audit=audit, sleep=lambda _: None)
    text = render_text(made) + render_markdown(made) + render_json(made)
    text += "".join(f"{s.key} {s.outcome} {s.message}\n" for s in result.steps)
    return result.ok, text


@pytest.mark.slow
def test_fault_soak_converges_within_three_runs(
    tmp_path: Path,
    emulator: Emulator,
    settings: Settings,
    client: JobMojitoClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "interviews"
    write_specs(folder, range(TOTAL))
    assert _apply_once(folder, client, settings)[0]
    mutate_mixed(folder, TOTAL)
    emulator.set_faults(FaultConfig(rate=0.2, latency_ms=(0, 2), retry_after_s=0, seed=7))
    captured = []
    runs = 0
    for _ in range(RUNS):
        runs += 1
        ok, output = _apply_once(folder, client, settings, AuditLog(tmp_path / "audit.jsonl"))
        captured.append(output)
        if ok:
            break
    emulator.set_faults(None)
    faulted = sum(1 for request in emulator.requests if request.fault)
    print(f"fault soak: {TOTAL} interviews, {faulted} faults met, converged in {runs} run(s)")
    assert faulted > 20, "the soak must actually meet faults"
    final = plan_from_specs(folder, client, settings)
    assert final.changes == (), [(c.kind, c.key, c.reason) for c in final.changes]
    assert_converged(emulator, folder, settings.namespace)
    audit_lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert '"outcome": "failed"' in audit_lines or '"outcome": "done"' in audit_lines
    everything = "".join(captured) + caplog.text + audit_lines
    assert TOKEN not in everything
