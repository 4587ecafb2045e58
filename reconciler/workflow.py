"""The main job, end to end: load -> fetch -> plan, and the checks around a saved plan.

Library code: it returns values and raises ReconcilerErrors; the CLI prints.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from typing import Final

from reconciler.config import Settings
from reconciler.errors import ApiError
from reconciler.errors import InvalidSpecError
from reconciler.errors import PlanError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.discovery import names_a_template
from reconciler.plan.model import Plan
from reconciler.plan.model import checksum_of
from reconciler.plan.planner import LiveAccount
from reconciler.plan.planner import Planner
from reconciler.plan.planner import PlanSettings
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
    """Load the specs while discovery reads the account, and plan each interview as its
    definition arrives.

    Reading the account is mostly waiting on the API, and loading the specs and planning
    are CPU work: side by side, a plan takes little more than the reads. Reads change
    nothing, so they may start before the specs are known to be valid. A spec problem is
    still reported first (before any failure of the API), and it stops the reads.
    """
    stopped = threading.Event()
    arrived: queue.SimpleQueue[LiveInterview | None] = queue.SimpleQueue()

    def reading(phase: str, done: int, total: int) -> None:
        if stopped.is_set():
            raise _ReadsStopped
        if progress is not None:
            progress(phase, done, total)

    def discovering() -> LiveAccount:
        try:
            return discover(client, progress=reading, templates=False, arrived=arrived.put)
        finally:
            arrived.put(None)  # the end of the reads, whatever their outcome

    with (
        _quick_thread_switches(),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="discovery") as pool,
    ):
        account = pool.submit(discovering)
        try:
            desired = load_specs(spec_path)
            templates = _templates_for(desired, client, account)
            planner = _planner(desired, templates, settings, account)
            while (live := arrived.get()) is not None:
                planner.read(live)
            found = replace(account.result(), templates=templates)
        except BaseException:
            stopped.set()  # then the pool waits for the reads in flight, and no more
            raise
    plan = planner.finish(found)
    return replace(plan, source=str(spec_path))


@contextmanager
def _quick_thread_switches() -> Iterator[None]:
    """While the specs load and plan beside the reads, a thread that an answer woke takes
    the interpreter within 0.5 ms instead of the default 5: each read hands over between
    threads a few times, and behind CPU work each handover waited the whole interval."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, _SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


_SWITCH_INTERVAL_S: Final = 0.0005


def _planner(
    desired: Sequence[DesiredInterview],
    templates: Sequence[Template],
    settings: Settings,
    account: Future[LiveAccount],
) -> Planner:
    """The planner of these specs; when a spec names a template the account lacks and
    discovery fails too, discovery's failure is the one reported, as for the templates."""
    try:
        return Planner(desired, templates, plan_settings(settings))
    except InvalidSpecError:
        account.result()
        raise


def _templates_for(
    desired: Sequence[DesiredInterview], client: ApiReader, account: Future[LiveAccount]
) -> tuple[Template, ...]:
    """The account's templates when a spec names one, listed once while discovery reads.
    When both fail, discovery's failure is the one reported: it came first."""
    if not names_a_template(desired):
        return ()
    try:
        return tuple(client.list_templates())
    except ApiError:
        account.result()
        raise


class _ReadsStopped(Exception):
    """Raised inside discovery's progress report to stop its reads early."""


def read_saved_plan(path: Path) -> dict[str, Any]:
    """A plan file written by `plan --out`, after checking that it was not altered."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanError(f"{path}: not a readable plan file ({exc})") from exc
    if not isinstance(document, dict) or "checksum" not in document:
        raise PlanError(f"{path}: not a plan file (no checksum); write one with `plan --out`")
    # `refusals` depends on plan's --force, not on the plan: the checksum leaves it out.
    body = {key: value for key, value in document.items() if key not in ("checksum", "refusals")}
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
