"""Execute a plan: each change's API steps in order, changes of different interviews in
parallel under the client's shared limiter (DESIGN.md sections 6-8).

Every step is safe to repeat, except creates, which the API does not make idempotent. When
a create's outcome is unknown (timeout, reset, 5xx after sending), the applier looks for the
interview by its marker before it tries again, so no duplicate is left behind. A failed
change does not stop the others; its remaining steps are reported as not attempted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import Literal
from typing import Protocol
from typing import TypeVar

from reconciler.apply.audit import AuditLog
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ReconcilerError
from reconciler.errors import UnsafePlanError
from reconciler.plan.markers import read_markers
from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import Plan
from reconciler.plan.model import Step
from reconciler.plan.safety import blocked_refusal
from reconciler.plan.safety import threshold_refusal
from reconciler.registry import TYPES

T = TypeVar("T")
R = TypeVar("R")
Outcome = Literal["done", "failed", "not_attempted"]
CREATE_ATTEMPTS = 4


class ApiWriter(Protocol):
    """The part of the API client the applier needs (JobMojitoClient provides it)."""

    def create_interview(self, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def create_interview_from_array(self, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def update_interview(self, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def set_state(
        self, position_id: str, *, status: str | None = None, is_embedded: bool | None = None
    ) -> dict[str, Any]: ...
    def list_interviews(
        self, *, type: str, status: str | None = None, page_size: int = 1000
    ) -> list[dict[str, Any]]: ...
    def get_interview(self, position_id: str) -> dict[str, Any]: ...
    def map_parallel_settled(
        self, fn: Callable[[T], R], items: Iterable[T]
    ) -> list[R | BaseException]: ...


@dataclass(frozen=True)
class StepResult:
    """What happened to one step of one change."""

    key: str
    kind: str
    index: int
    action: str
    outcome: Outcome
    live_id: str | None = None
    message: str = ""


@dataclass(frozen=True)
class ApplyResult:
    steps: tuple[StepResult, ...]

    def having(self, outcome: Outcome) -> tuple[StepResult, ...]:
        return tuple(step for step in self.steps if step.outcome == outcome)

    @property
    def ok(self) -> bool:
        return all(step.outcome == "done" for step in self.steps)


StepListener = Callable[[StepResult], None]


def refusals(plan: Plan, *, force: bool) -> list[str]:
    """Why apply refuses `plan`, one line per reason with the way forward; empty: it won't.

    `plan` exits 1 on the same list, so the pull-request check fails before the merge
    instead of the apply after it. Only the destructive-share threshold yields to `force`.
    """
    found = [blocked_refusal(change) for change in plan.changes if change.blocked]
    if not force:
        found.extend(threshold_refusal(plan.safety))
    return found


def check_safety(plan: Plan, *, force: bool) -> None:
    """Raise UnsafePlanError with every refusal of `plan` (see `refusals`)."""
    found = refusals(plan, force=force)
    if found:
        raise UnsafePlanError(found)


def apply_plan(
    plan: Plan,
    client: ApiWriter,
    *,
    on_step: StepListener | None = None,
    audit: AuditLog | None = None,
) -> ApplyResult:
    """Run every change of `plan`; never raises for API failures (see ApplyResult)."""
    runner = _Runner(plan.namespace, client, on_step, audit)
    outcomes = client.map_parallel_settled(runner.run_change, plan.changes)
    steps: list[StepResult] = []
    for change, outcome in zip(plan.changes, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, ReconcilerError):
                raise outcome  # a bug, not an API failure: let the CLI boundary show it
            outcome = runner.all_failed(change, outcome)
        steps.extend(outcome)
    return ApplyResult(tuple(steps))


class _Runner:
    def __init__(
        self,
        namespace: str,
        client: ApiWriter,
        on_step: StepListener | None,
        audit: AuditLog | None,
    ) -> None:
        self.namespace = namespace
        self.client = client
        self.on_step = on_step
        self.audit = audit
        self._lock = threading.Lock()

    def run_change(self, change: Change) -> list[StepResult]:
        results: list[StepResult] = []
        created: str | None = None
        for index, step in enumerate(change.steps):
            target = step.target_id or created
            try:
                new_id = self._run_step(change, step, target)
            except ReconcilerError as exc:
                results.append(self._report(change, index, step, "failed", target, str(exc)))
                results.extend(
                    self._report(change, later, change.steps[later], "not_attempted", None, "")
                    for later in range(index + 1, len(change.steps))
                )
                return results
            created = new_id or created
            results.append(self._report(change, index, step, "done", new_id or target, ""))
        return results

    def all_failed(self, change: Change, error: BaseException) -> list[StepResult]:
        return [
            self._report(change, index, step, "failed", step.target_id, str(error))
            for index, step in enumerate(change.steps)
        ]

    def _run_step(self, change: Change, step: Step, target: str | None) -> str | None:
        if step.action in (Action.CREATE, Action.CREATE_FROM_ARRAY):
            return self._create(change, step)
        if target is None:
            raise ReconcilerError(f"{change.key}: no interview id for {step.action.value}")
        if step.action is Action.UPDATE:
            self.client.update_interview({"position_id": target, **step.body})
        else:
            self.client.set_state(
                target, status=step.body.get("status"), is_embedded=step.body.get("is_embedded")
            )
        return None

    def _create(self, change: Change, step: Step) -> str:
        """Create, re-discovering by marker after an ambiguous failure before any retry."""
        send = (
            self.client.create_interview
            if step.action is Action.CREATE
            else self.client.create_interview_from_array
        )
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                return str(send(step.body)["interview_def_set_id"])
            except AmbiguousOutcomeError:
                found = self._find_created(change, step)
                if found is not None:
                    return found
                if attempt == CREATE_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def _find_created(self, change: Change, step: Step) -> str | None:
        """The interview an ambiguous create made, if it exists: same name, not archived,
        carrying exactly the identity and sync markers the create request sent."""
        sent = {str(tag) for tag in step.body.get("tags") or ()}
        wanted = read_markers(sent)
        if wanted is None:
            return None
        for kind in TYPES:
            for item in self.client.list_interviews(type=kind):
                if not _could_be_created(item, step, change.live_id):
                    continue
                tags = self.client.get_interview(str(item["id"])).get("tags") or ()
                found = read_markers(str(tag) for tag in tags)
                if found == wanted:
                    return str(item["id"])
        return None

    def _report(
        self,
        change: Change,
        index: int,
        step: Step,
        outcome: Outcome,
        live_id: str | None,
        message: str,
    ) -> StepResult:
        result = StepResult(
            change.key, change.kind.value, index, step.action.value, outcome, live_id, message
        )
        if self.audit is not None and outcome != "not_attempted":
            self.audit.record(
                namespace=self.namespace,
                key=change.key,
                id=live_id,
                change=change.kind.value,
                action=step.action.value,
                fields=sorted(_sent_fields(step)),
                outcome=outcome,
                error=message or None,
            )
        if self.on_step is not None:
            with self._lock:
                self.on_step(result)
        return result


def _could_be_created(item: Mapping[str, Any], step: Step, old_id: str | None) -> bool:
    return (
        item.get("name") == step.body.get("name")
        and item.get("status") in ("draft", "active")
        and str(item.get("id")) != old_id
    )


def _sent_fields(step: Step) -> set[str]:
    return {name for name in step.body if name not in ("position_id",)}
