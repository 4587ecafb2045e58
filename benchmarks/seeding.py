"""Seed an emulator account file fast, in-process, before it is served over HTTP.

Seeding goes through the emulator's request function directly (httpx.MockTransport),
not over HTTP and without latency: it is set-up, not measurement. Managed interviews are
made by the reconciler itself (plan + apply at 0 ms), so their markers match the specs
exactly; unmanaged ones are created from the same kind of spec without any marker.
I/O: the SQLite file and the spec folder.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx

from benchmarks.emulator_process import TOKEN
from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.plan.discovery import discover
from reconciler.plan.markers import is_marker
from reconciler.plan.model import Plan
from reconciler.plan.model import Step
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.spec.loader import load_specs

NAMESPACE = "bench"
CLIENT_MAX_RPS = 1_000_000.0
IN_PROCESS_URL = "http://127.0.0.1:9"  # never dialled: the transport answers in-process


def bench_settings(api_url: str, parallelism: int) -> Settings:
    """Client settings for a measured run: the rate limit far above anything reachable."""
    return Settings(
        api_url=api_url,
        token=Secret(TOKEN),
        namespace=NAMESPACE,
        parallelism=parallelism,
        max_rps=CLIENT_MAX_RPS,
    )


def seed_account(data: Path, managed_specs: Path | None, unmanaged_specs: Path | None) -> None:
    """Create the interviews of both folders in the account stored at `data`."""
    emulator = Emulator(data, token=TOKEN)
    http = httpx.Client(transport=emulator.transport())
    try:
        with JobMojitoClient(bench_settings(IN_PROCESS_URL, 1), http=http) as client:
            if unmanaged_specs is not None:
                _apply(client, _without_markers(_plan(client, unmanaged_specs)))
            if managed_specs is not None:
                _apply(client, _plan(client, managed_specs))
    finally:
        http.close()
        emulator.close()


def _plan(client: JobMojitoClient, specs: Path) -> Plan:
    return make_plan(load_specs(specs), discover(client), PlanSettings(NAMESPACE))


def _apply(client: JobMojitoClient, plan: Plan) -> None:
    result = apply_plan(plan, client)
    if not result.ok:
        raise RuntimeError(f"seeding failed: {result.having('failed')[0].message}")


def _without_markers(plan: Plan) -> Plan:
    """The plan's creates with every reconciler tag removed: interviews nobody manages."""
    changes = tuple(
        replace(change, steps=tuple(_untagged(step) for step in change.steps))
        for change in plan.changes
    )
    return replace(plan, changes=changes)


def _untagged(step: Step) -> Step:
    tags = [str(tag) for tag in step.body.get("tags") or ()]
    return replace(step, body={**step.body, "tags": [tag for tag in tags if not is_marker(tag)]})
