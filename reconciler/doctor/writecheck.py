"""`doctor --write-check`: create a throwaway interview, read it back, update it, probe how
the API treats what it does not know, and delete it again (archive it where deletion is
refused), also when a check fails or the user presses Ctrl-C.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from typing import Any
from typing import Final

from reconciler.api import JobMojitoClient
from reconciler.doctor import throwaway as made
from reconciler.doctor.model import Check
from reconciler.doctor.model import Report
from reconciler.doctor.model import failed
from reconciler.doctor.model import ok
from reconciler.doctor.model import unknown
from reconciler.doctor.model import warning
from reconciler.doctor.readback import BUSY
from reconciler.doctor.readback import check_question_ids
from reconciler.doctor.readback import check_question_keys
from reconciler.doctor.readback import check_status
from reconciler.doctor.readback import check_tags
from reconciler.doctor.shape import check_shape
from reconciler.doctor.throwaway import Throwaway
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ApiError
from reconciler.live import Template

_CREATE: Final = "create"
_UPDATE_FIELD: Final = "update of a field"
_UPDATE_QUESTION: Final = "update of a question"


@dataclass(frozen=True)
class Timing:
    """How long to wait for the API: for a create whose answer was lost to show up, and
    for a new interview to leave `preparing`."""

    search_s: float = 30.0
    preparing_s: float = 60.0
    poll_s: float = 0.5
    sleep: Callable[[float], None] = time.sleep


@dataclass
class _Made:
    """The throwaway interview's fate so far, for the cleanup."""

    sent: bool = False
    live_id: str | None = None
    searched: bool = False


def run_write_checks(
    client: JobMojitoClient,
    template: Template,
    report: Report,
    *,
    timing: Timing | None = None,
    read_shape: bool = False,
) -> None:
    """Every write check, reported one by one; the cleanup is reported last, always.
    `read_shape` also checks the read-back definition's shape (when no other was read)."""
    timing = timing or Timing()
    probe = made.throwaway(template, datetime.now(UTC))
    state = _Made()
    try:
        _run(client, probe, state, report, timing, read_shape)
    except ApiError as exc:
        report(failed("write check", f"stopped: {exc}", "apply would meet the same error"))
    finally:
        cleaned = _cleanup(client, probe, state, timing)
        if cleaned is not None:
            report(cleaned)


def _run(
    client: JobMojitoClient,
    probe: Throwaway,
    state: _Made,
    report: Report,
    timing: Timing,
    read_shape: bool,
) -> None:
    report(_create(client, probe, state, timing))
    if state.live_id is None:
        return
    status_check, definition = _read_when_ready(client, state.live_id, timing)
    report(status_check)
    if definition is None:
        return
    report(check_tags(probe.tags, definition.get("tags")))
    questions = _questions(definition)
    report(check_question_keys(questions))
    report(check_question_ids(questions))
    if read_shape:
        for check in check_shape(definition):
            report(check)
    for check in _update(client, state.live_id, probe.tags, questions):
        report(check)
    report(_unknown_field(client, state.live_id))
    report(_non_uuid_question_id(client, state.live_id))


def _create(client: JobMojitoClient, probe: Throwaway, state: _Made, timing: Timing) -> Check:
    state.sent = True
    started = time.monotonic()
    try:
        answer = client.create_interview_from_array(probe.body)
    except AmbiguousOutcomeError as exc:
        return _lost_create(client, probe, state, timing, exc)
    except ApiError as exc:
        state.sent = False  # the API refused it: nothing was made
        return failed(_CREATE, str(exc), "apply's creates would be refused the same way")
    live_id = answer.get("interview_def_set_id")
    if not isinstance(live_id, str) or not live_id:
        state.live_id = _search(client, probe.name, state, timing)
        return failed(
            _CREATE, "job-interview-create-from-array answered without interview_def_set_id",
            "apply cannot tell which interview it created, so it cannot check its markers",
        )  # fmt: skip
    state.live_id = live_id
    took = time.monotonic() - started
    return ok(_CREATE, f"job-interview-create-from-array answered in {took:.1f} s ({live_id})")


def _lost_create(
    client: JobMojitoClient,
    probe: Throwaway,
    state: _Made,
    timing: Timing,
    exc: AmbiguousOutcomeError,
) -> Check:
    state.live_id = _search(client, probe.name, state, timing)
    if state.live_id is not None:
        return warning(
            _CREATE, f"no clear answer ({exc}), but the interview was stored "
            f"({state.live_id})", "apply looks for a create without a clear answer by its "
            "markers before it sends it again, so no duplicate is made; raise "
            "create_timeout_s if creates take this long",
        )  # fmt: skip
    return failed(
        _CREATE, f"no clear answer ({exc}), and no interview named {probe.name!r} "
        f"appeared within {timing.search_s:g} s", "apply looks for such a create by its "
        "markers for a bounded time, then sends it again: a create stored later than that "
        "would be a duplicate",
    )  # fmt: skip


def _search(client: JobMojitoClient, name: str, state: _Made, timing: Timing) -> str | None:
    """The id of the interview named `name` (any status but deleted), looked for until
    `timing.search_s` has passed."""
    state.searched = True
    deadline = time.monotonic() + timing.search_s
    while True:
        items = client.list_interviews(type="interview", filter_text=name)
        for item in items:
            if item.get("name") == name and item.get("status") != "deleted":
                return str(item["id"])
        if time.monotonic() >= deadline:
            return None
        timing.sleep(timing.poll_s)


def _read_when_ready(
    client: JobMojitoClient, live_id: str, timing: Timing
) -> tuple[Check, dict[str, Any] | None]:
    name = "status after create"
    started = time.monotonic()
    try:
        definition = client.get_interview(live_id)
        was_busy = definition.get("status") == BUSY
        while definition.get("status") == BUSY and time.monotonic() - started < timing.preparing_s:
            timing.sleep(timing.poll_s)
            definition = client.get_interview(live_id)
    except ApiError as exc:
        return failed(name, f"job-interview-get of the new interview failed: {exc}",
                      "apply reads every create back and would stop here"), None  # fmt: skip
    return check_status(definition.get("status"), was_busy, time.monotonic() - started), definition


def _update(
    client: JobMojitoClient,
    live_id: str,
    tags: Sequence[str],
    before: Sequence[Mapping[str, Any]],
) -> list[Check]:
    action = "apply's updates would be refused the same way"
    if len(before) != 2:
        found = "not tried: the new interview did not read back with its two questions"
        return [unknown(_UPDATE_FIELD, found), unknown(_UPDATE_QUESTION, found)]
    try:
        client.update_interview(made.update_body(live_id, tags, before))
        after = client.get_interview(live_id)
    except ApiError as exc:
        return [failed(_UPDATE_FIELD, str(exc), action), failed(_UPDATE_QUESTION, str(exc), action)]
    return [_field_updated(after), _question_updated(before, _questions(after))]


def _field_updated(after: Mapping[str, Any]) -> Check:
    if after.get("description") == made.CHANGED_DESCRIPTION:
        return ok(_UPDATE_FIELD, "job-interview-update changed description")
    return failed(
        _UPDATE_FIELD, f"description read back as {after.get('description')!r} after "
        "job-interview-update changed it", "apply's updates would not take effect, and "
        "every plan would show the same changes again",
    )  # fmt: skip


def _question_updated(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]
) -> Check:
    texts = [q.get("question") for q in after]
    if texts != [made.QUESTIONS[made.FIRST], made.CHANGED_SECOND]:
        return failed(
            _UPDATE_QUESTION, f"questions read back as {texts} after the second was changed",
            "apply's question changes would not take effect as planned",
        )  # fmt: skip
    if after[0].get("id") != before[0].get("id"):
        return warning(
            _UPDATE_QUESTION, "the unchanged question got a new id",
            "results may no longer line up with unchanged questions after an update; "
            "plans are not affected",
        )  # fmt: skip
    return ok(_UPDATE_QUESTION, "the changed question's text was updated; the unchanged "
              "one kept its id")  # fmt: skip


def _unknown_field(client: JobMojitoClient, live_id: str) -> Check:
    name = "unknown fields refused"
    try:
        client.update_interview({"position_id": live_id, made.PROBE_FIELD: "probe"})
    except ApiError as exc:
        if exc.status == 422:
            return ok(name, "job-interview-update refused a body field it does not know (422)")
        return unknown(name, f"job-interview-update answered otherwise than 422: {exc}")
    return warning(
        name, "job-interview-update accepted a body field it does not know, without error",
        "a misspelt or renamed field would be dropped without an error: it would not take "
        "effect, and the plan after apply would show it as changed again",
    )  # fmt: skip


def _non_uuid_question_id(client: JobMojitoClient, live_id: str) -> Check:
    name = "question ids that are not UUIDs"
    try:
        questions = _questions(client.get_interview(live_id))
        client.update_interview(made.extra_question_body(live_id, questions))
    except ApiError as exc:
        if exc.status == 422:
            return ok(name, "refused (422): the tool sends only UUIDs (derived from the "
                      "question keys), so its creates and updates are accepted")  # fmt: skip
        return unknown(name, f"job-interview-update answered otherwise than 422: {exc}")
    return ok(name, "accepted as handles; the tool sends UUIDs either way")


def _cleanup(
    client: JobMojitoClient, probe: Throwaway, state: _Made, timing: Timing
) -> Check | None:
    """Delete the throwaway interview (archive it where deletion is refused)."""
    name = "cleanup"
    if state.live_id is None and state.sent and not state.searched:
        try:
            state.live_id = _search(client, probe.name, state, Timing(search_s=0))
        except ApiError as exc:
            return failed(
                name, f"looking for the interview named {probe.name!r} failed: {exc}",
                "look for it in the JobMojito app and delete it: its name says it is safe",
            )  # fmt: skip
    if state.live_id is None:
        if not state.sent:
            return None
        return failed(
            name, f"no interview named {probe.name!r} was found to delete",
            "if one appears later, delete it in the JobMojito app: its name says it is safe",
        )  # fmt: skip
    live_id = state.live_id
    try:
        client.set_state(live_id, status="deleted")
        return ok(name, f"the throwaway interview {live_id} was set to deleted")
    except ApiError as refused:
        try:
            client.set_state(live_id, status="archived")
        except ApiError as exc:
            return failed(
                name, f"the throwaway interview {live_id} ({probe.name!r}) is left: deleting "
                f"it failed ({refused}), archiving it failed ({exc})", "delete it in the "
                "JobMojito app, or send job-interview-set-state with "
                f'{{"position_id": "{live_id}", "status": "deleted"}}',
            )  # fmt: skip
        return ok(name, f"deleting was refused ({refused}); the throwaway interview {live_id} "
                  "was archived")  # fmt: skip


def _questions(definition: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    questions = definition.get("questions")
    if not isinstance(questions, list):
        return []
    return [question for question in questions if isinstance(question, Mapping)]
