"""The main job, end to end: load -> fetch -> plan, and the checks around a saved plan.

Library code: it returns values and raises ReconcilerErrors; the CLI prints.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from reconciler.config import Settings
from reconciler.errors import PlanError
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.model import Plan
from reconciler.plan.model import checksum_of
from reconciler.plan.planner import LiveAccount
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview


def plan_settings(settings: Settings) -> PlanSettings:
    return PlanSettings(
        namespace=settings.namespace,
        max_destructive_share=settings.max_destructive_share,
        min_managed_for_threshold=settings.min_managed_for_threshold,
    )


def plan_from_specs(
    spec_path: Path, client: ApiReader, settings: Settings, *, progress: Progress | None = None
) -> Plan:
    """Load the specs while the account is read, then plan."""
    desired, account = load_while_discovering(spec_path, client, progress=progress)
    plan = make_plan(desired, account, plan_settings(settings))
    return replace(plan, source=str(spec_path))


def load_while_discovering(
    spec_path: Path, client: ApiReader, *, progress: Progress | None = None
) -> tuple[tuple[DesiredInterview, ...], LiveAccount]:
    """The specs and the live account, the reads running while the specs load.

    Loading is CPU work and discovery mostly waits on the network, so together they take
    about as long as discovery alone (the benchmarks of issue 8). Reads change nothing,
    so starting them before the specs are known valid is safe. Spec problems still come
    first: they stop the reads not yet started and are raised instead of any API error.
    """
    cancel = threading.Event()
    outcome: list[LiveAccount | BaseException] = []

    def read_account() -> None:
        try:
            outcome.append(discover(client, progress=progress, cancel=cancel))
        except BaseException as exc:  # handed to the loading thread below
            outcome.append(exc)

    reader = threading.Thread(target=read_account, name="discovery", daemon=True)
    reader.start()
    try:
        desired = load_specs(spec_path)
    except BaseException:
        cancel.set()  # a spec error or Ctrl-C: start no more reads
        raise
    finally:
        reader.join()
    account = outcome[0]
    if isinstance(account, BaseException):
        raise account
    return desired, account


def read_saved_plan(path: Path) -> dict[str, Any]:
    """A plan file written by `plan --out`, after checking that it was not altered."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanError(f"{path}: not a readable plan file ({exc})") from exc
    if not isinstance(document, dict) or "checksum" not in document:
        raise PlanError(f"{path}: not a plan file (no checksum); write one with `plan --out`")
    body = {key: value for key, value in document.items() if key != "checksum"}
    if checksum_of(body) != document["checksum"]:
        raise PlanError(f"{path}: the plan file was altered after it was written (checksum)")
    return document


def stale_reasons(saved: Mapping[str, Any], fresh: Plan) -> list[str]:
    """What moved between a saved plan and the same plan made now (empty: not stale)."""
    reasons: list[str] = []
    if saved.get("namespace") != fresh.namespace:
        reasons.append(
            f"namespace is {fresh.namespace!r}, the plan was for {saved.get('namespace')!r}"
        )
    reasons += _moved("spec of", saved.get("desired_fingerprints", {}), fresh.desired_fingerprints)
    reasons += _moved("live interview", saved.get("live_fingerprints", {}), fresh.live_fingerprints)
    # `preexisting` says where a change came from (`plan --base`), not what apply does.
    fresh = replace(fresh, preexisting=tuple(saved.get("preexisting", ())))
    if not reasons and saved.get("checksum") != fresh.checksum:
        reasons.append("the plan made now differs from the saved one")
    return reasons


def _moved(what: str, before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    found = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            found.append(f"{what} {name} is gone")
        elif name not in before:
            found.append(f"{what} {name} is new")
        elif before[name] != after[name]:
            found.append(f"{what} {name} changed")
    return found
