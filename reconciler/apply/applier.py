"""Execute a plan: each change's API steps in order, changes of different interviews in
parallel under the client's shared limiter (DESIGN.md sections 6-8).

Every step is safe to repeat, except creates, which the API does not make idempotent. When
a create's outcome is unknown (timeout, reset, 5xx after sending), the applier looks for the
interview by its markers, in every status but deleted and for a bounded time, before it
sends the create again; a generated create (the AI writes its questions inside the call)
is never sent again. Every create is read back: when its markers did not come back
verbatim, the interview is archived and the apply sends no further create or update, since
the next plan could not recognise what they made or touched. A failed step inside
draft -> update -> active sets the status back.
A failed change does not stop the others; its remaining steps are reported as not attempted.
Each failure says what may help (`Remedy`): repeating the apply, fixing the spec, the token.
Ctrl-C lets the steps in flight finish, starts no new one, and reports the rest as not
attempted, so the summary tells what was done.
"""

from __future__ import annotations

import threading
import time
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
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import ReconcilerError
from reconciler.errors import TransportError
from reconciler.errors import UnsafePlanError
from reconciler.plan.markers import is_marker
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
Remedy = Literal["retry", "fix_spec", "auth", "read"]
"""What may help after a failed step: `retry` (it may pass: transport failures, timeouts,
429, 5xx, an interview gone since the plan, an interrupted run), `fix_spec` (the API
refused the request: a 4xx other than those), `auth` (the token), `read` (the message says
what to do)."""
CREATE_ATTEMPTS = 4
CREATE_RECOVERY_S = 60.0
"""How long an ambiguous create is looked for by its markers before it counts as not made:
a slow API may store the interview well after the connection gave up."""
_FIRST_POLL_S = 0.5
_MAX_POLL_S = 8.0


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
    remedy: Remedy | None = None
    """For a failed step, and a step not attempted because the run was interrupted."""


@dataclass(frozen=True)
class ApplyResult:
    """Every step's outcome, and what the run learnt that the user should read (`notes`):
    restores after a half-done publish, API behaviour that differs from the documented."""

    steps: tuple[StepResult, ...]
    notes: tuple[str, ...] = ()
    blocker: str | None = None
    """Why running apply again would not help, when the run found such a cause."""
    interrupted: bool = False
    """Ctrl-C stopped the run: the steps not attempted were never sent."""

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
    recovery_s: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> ApplyResult:
    """Run every change of `plan`; never raises for API failures (see ApplyResult).

    `recovery_s` (default CREATE_RECOVERY_S) bounds the search for an ambiguous create;
    `sleep` waits between its looks."""
    recovery = CREATE_RECOVERY_S if recovery_s is None else recovery_s
    runner = _Runner(plan.namespace, client, on_step, audit, recovery, sleep)
    outcomes = _run_until_done_or_interrupted(client, runner, plan.changes)
    steps: list[StepResult] = []
    for change, outcome in zip(plan.changes, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, ReconcilerError):
                raise outcome  # a bug, not an API failure: let the CLI boundary show it
            outcome = runner.all_failed(change, outcome)
        steps.extend(outcome)
    return ApplyResult(
        tuple(steps), tuple(runner.notes), runner.markers_lost, runner.stopped.is_set()
    )


def _run_until_done_or_interrupted(
    client: ApiWriter, runner: _Runner, changes: tuple[Change, ...]
) -> list[list[StepResult] | BaseException]:
    """Every change's outcome. The changes run on a thread of their own so that Ctrl-C,
    which Python delivers to the main thread, only stops the runner: the steps in flight
    finish and are reported, the others are reported as not attempted. A second Ctrl-C
    stops at once."""
    box: list[list[list[StepResult] | BaseException]] = []
    failure: list[BaseException] = []
    finished = threading.Event()

    def run() -> None:
        try:
            box.append(client.map_parallel_settled(runner.run_change, changes))
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)
        finally:
            finished.set()

    threading.Thread(target=run, name="apply", daemon=True).start()
    # An Event, not Thread.join: a join that Ctrl-C interrupted may later return at once
    # while the thread still runs (Python before 3.13).
    try:
        finished.wait()
    except KeyboardInterrupt:
        runner.stopped.set()
        finished.wait()
    if failure:
        raise failure[0]
    return box[0]


def remedy_of(error: ReconcilerError) -> Remedy:
    """What may help after `error` (see Remedy)."""
    if isinstance(error, AuthError) or (isinstance(error, ApiError) and error.status == 403):
        return "auth"
    if isinstance(error, TransportError):
        return "retry"
    if isinstance(error, ApiError) and error.status is not None:
        if error.status in (404, 408, 409, 429) or error.status >= 500:
            return "retry"
        return "fix_spec" if 400 <= error.status < 500 else "read"
    return "read"


class MarkersNotKeptError(ReconcilerError):
    """A create's marker tags did not come back verbatim when the interview was read."""

    def __init__(self, message: str, live_id: str) -> None:
        self.live_id = live_id
        super().__init__(message)


class _HeldBack(ReconcilerError):
    """A step not sent because an earlier one showed that the API does not keep markers."""


class _Runner:
    def __init__(
        self,
        namespace: str,
        client: ApiWriter,
        on_step: StepListener | None,
        audit: AuditLog | None,
        recovery_s: float = CREATE_RECOVERY_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.namespace = namespace
        self.client = client
        self.on_step = on_step
        self.audit = audit
        self.recovery_s = recovery_s
        self.sleep = sleep
        self.notes: list[str] = []
        self._lock = threading.Lock()
        self._markers_lost: str | None = None
        """Why tag-writing steps are held back, once a create's markers did not persist."""
        self._keys_checked = False
        self.stopped = threading.Event()
        """Set on Ctrl-C: no further step is sent."""

    def run_change(self, change: Change) -> list[StepResult]:
        results: list[StepResult] = []
        created: str | None = None
        for index, step in enumerate(change.steps):
            target = step.target_id or created
            if self.stopped.is_set():
                results.extend(self._interrupted(change, index, target))
                return results
            try:
                new_id = self._run_step(change, step, target)
            except ReconcilerError as exc:
                outcome: Outcome = "not_attempted" if isinstance(exc, _HeldBack) else "failed"
                made = exc.live_id if isinstance(exc, MarkersNotKeptError) else None
                remedy = None if outcome == "not_attempted" else remedy_of(exc)
                results.append(
                    self._report(change, index, step, outcome, made or target, str(exc), remedy)
                )
                if made is not None:
                    results.append(self._withdraw(change, index, made))
                results.extend(
                    self._report(change, later, change.steps[later], "not_attempted", None, "")
                    for later in range(index + 1, len(change.steps))
                )
                results.extend(self._restore(change, index, target, outcome))
                return results
            created = new_id or created
            results.append(self._report(change, index, step, "done", new_id or target, ""))
        return results

    def _interrupted(self, change: Change, first: int, target: str | None) -> list[StepResult]:
        """The steps from `first` on, not attempted since the run was interrupted; a
        half-done publish gets its status set back first (see `_restore`)."""
        results = [
            self._report(change, later, change.steps[later], "not_attempted", None, "", "retry")
            for later in range(first, len(change.steps))
        ]
        return [*self._restore(change, first, target, "not_attempted"), *results]

    def all_failed(self, change: Change, error: ReconcilerError) -> list[StepResult]:
        remedy = remedy_of(error)
        return [
            self._report(change, index, step, "failed", step.target_id, str(error), remedy)
            for index, step in enumerate(change.steps)
        ]

    def _run_step(self, change: Change, step: Step, target: str | None) -> str | None:
        if step.action in (Action.CREATE, Action.CREATE_FROM_ARRAY):
            return self._create(change, step)
        if target is None:
            raise ReconcilerError(f"{change.key}: no interview id for {step.action.value}")
        if step.action is Action.UPDATE:
            self._hold_back_if_markers_lost(step)
            self.client.update_interview({"position_id": target, **step.body})
            if "questions" in step.body:
                self._check_question_keys(target, step)
        else:
            self.client.set_state(
                target, status=step.body.get("status"), is_embedded=step.body.get("is_embedded")
            )
        return None

    def _hold_back_if_markers_lost(self, step: Step) -> None:
        """Creates and updates write the whole tag list. Once the API is seen not to keep
        markers verbatim, another create would make an interview the next plan cannot
        recognise (and creates again, every apply), and an update would replace the good
        markers of an interview made earlier. Set-state steps carry no tags and go on."""
        with self._lock:
            reason = self._markers_lost
        if reason is not None and (step.action is not Action.UPDATE or "tags" in step.body):
            raise _HeldBack(f"not sent: {reason}")

    def _create(self, change: Change, step: Step) -> str:
        """Create, looking for the interview by its markers after an ambiguous failure
        before any retry; then read it back to check that its markers were kept."""
        generated = step.action is Action.CREATE
        send = (
            self.client.create_interview if generated else self.client.create_interview_from_array
        )
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            self._hold_back_if_markers_lost(step)
            try:
                new_id = str(send(step.body)["interview_def_set_id"])
            except AmbiguousOutcomeError as exc:
                found = self._await_created(change, step)
                if found is not None:
                    new_id = found
                elif generated:
                    raise ReconcilerError(
                        f"{change.key}: the create had no clear outcome ({exc}) and the "
                        f"interview did not appear within {self.recovery_s:g} s. A generated "
                        "interview is not created again automatically (each create runs "
                        "the AI); run plan again to see whether it was made."
                    ) from None
                elif attempt == CREATE_ATTEMPTS:
                    raise
                else:
                    continue
            self._verify_markers(change, step, new_id)
            return new_id
        raise AssertionError("unreachable")

    @property
    def markers_lost(self) -> str | None:
        with self._lock:
            return self._markers_lost

    def _verify_markers(self, change: Change, step: Step, new_id: str) -> None:
        sent = [str(tag) for tag in step.body.get("tags") or ()]
        received = [str(tag) for tag in self.client.get_interview(new_id).get("tags") or ()]
        if all(tag in received for tag in sent if is_marker(tag)):
            return
        reason = (
            "the API did not keep the marker tags of a new interview verbatim, so the next "
            "plan could not recognise what this apply creates or updates"
        )
        with self._lock:
            self._markers_lost = self._markers_lost or reason
        raise MarkersNotKeptError(
            f"{change.key}: interview {new_id} was created, but its marker tags did not come "
            f"back verbatim: sent {sent}, received {received}. No further interview is "
            "created or updated in this apply; check how the API stores tags before "
            "applying again.",
            new_id,
        )

    def _withdraw(self, change: Change, index: int, new_id: str) -> StepResult:
        """Archive an interview the next plan could not recognise as ours: left live, it
        would be a second live copy beside the one the next apply creates."""
        withdraw = Step(Action.SET_STATE, {"status": "archived"}, new_id)
        try:
            self.client.set_state(new_id, status="archived")
        except ReconcilerError as exc:
            message = f"could not archive it ({exc}): archive it by hand"
            return self._report(change, index, withdraw, "failed", new_id, message)
        message = "archived: its marker tags did not come back verbatim"
        return self._report(change, index, withdraw, "done", new_id, message)

    def _check_question_keys(self, target: str, step: Step) -> None:
        """Once per apply: whether the API kept the question keys an update sent. If not,
        plans pair questions by position and text (plan/questions.py); say so once."""
        with self._lock:
            if self._keys_checked:
                return
            self._keys_checked = True
        sent = {str(q["external_id"]) for q in step.body["questions"] if q.get("external_id")}
        try:
            questions = self.client.get_interview(target).get("questions") or ()
        except ReconcilerError:  # the update was made; a later one checks instead
            with self._lock:
                self._keys_checked = False
            return
        kept = {str(q.get("external_id")) for q in questions if isinstance(q, dict)}
        if sent and not sent & kept:
            with self._lock:
                self.notes.append(
                    "warning: the API did not keep question keys (external_id); plans match "
                    "questions by position and text instead, so a question moved and "
                    "edited at once shows as removed and added."
                )

    def _await_created(self, change: Change, step: Step) -> str | None:
        """Look for the interview an ambiguous create made, with doubling pauses that add
        up to `recovery_s`: the API may store it well after the connection gave up."""
        waited, pause = 0.0, _FIRST_POLL_S
        while True:
            found = self._find_created(change, step)
            if found is not None:
                return found
            if waited >= self.recovery_s:
                return None
            pause = min(pause, self.recovery_s - waited)
            self.sleep(pause)
            waited += pause
            pause = min(pause * 2, _MAX_POLL_S)

    def _find_created(self, change: Change, step: Step) -> str | None:
        """The interview an ambiguous create made, if it exists: same name, any status but
        deleted, carrying exactly the identity and sync markers the create request sent."""
        sent = {str(tag) for tag in step.body.get("tags") or ()}
        wanted = read_markers(sent)
        if wanted is None:
            return None
        sent_type = step.body.get("type")
        for kind in (sent_type,) if sent_type in TYPES else TYPES:
            for item in self.client.list_interviews(type=kind):
                if not _could_be_created(item, step, change.live_id):
                    continue
                tags = self.client.get_interview(str(item["id"])).get("tags") or ()
                found = read_markers(str(tag) for tag in tags)
                if found == wanted:
                    return str(item["id"])
        return None

    def _restore(
        self, change: Change, failed: int, target: str | None, outcome: Outcome
    ) -> list[StepResult]:
        """After a step of draft -> update -> active failed or was held back, set the
        status back: the planner takes that path only for an active interview, which must
        not be left a draft."""
        if failed == 0 or target is None or not _is_publish_path(change.steps):
            return []
        restore = Step(Action.SET_STATE, {"status": "active"}, target)
        verb = "failed" if outcome == "failed" else "was not sent"
        failure = f"{change.steps[failed].action.value} {verb}"
        try:
            self.client.set_state(target, status="active")
        except ReconcilerError as exc:
            message = f"could not set the status back to active after {failure}: {exc}"
            with self._lock:
                self.notes.append(f"{change.key}: {message}; it is left in draft")
            return [self._report(change, failed, restore, "failed", target, message)]
        message = f"status set back to active after {failure}"
        with self._lock:
            self.notes.append(f"{change.key}: {message}")
        return [self._report(change, failed, restore, "done", target, message)]

    def _report(
        self,
        change: Change,
        index: int,
        step: Step,
        outcome: Outcome,
        live_id: str | None,
        message: str,
        remedy: Remedy | None = None,
    ) -> StepResult:
        result = StepResult(
            change.key,
            change.kind.value,
            index,
            step.action.value,
            outcome,
            live_id,
            message,
            remedy,
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
                error=None if outcome == "done" else message or None,
                **({"note": message} if outcome == "done" and message else {}),
            )
        if self.on_step is not None:
            with self._lock:
                self.on_step(result)
        return result


def _could_be_created(item: Mapping[str, Any], step: Step, old_id: str | None) -> bool:
    return (
        item.get("name") == step.body.get("name")
        and item.get("status") != "deleted"
        and str(item.get("id")) != old_id
    )


def _is_publish_path(steps: tuple[Step, ...]) -> bool:
    """Whether the steps are set-state draft, update, set-state (compare_interview)."""
    return (
        len(steps) == 3
        and steps[0].action is Action.SET_STATE
        and steps[0].body.get("status") == "draft"
        and steps[1].action is Action.UPDATE
        and steps[2].action is Action.SET_STATE
    )


def _sent_fields(step: Step) -> set[str]:
    return {name for name in step.body if name not in ("position_id",)}
