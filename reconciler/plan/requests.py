"""Request bodies for the API steps of a change, built from the registry. Pure.

The planner puts complete bodies into the plan's steps, so the plan a reviewer reads (and
saves with `--out`) is exactly what `apply` sends.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from reconciler.plan.compare import COMPARED_BY_SPEC
from reconciler.plan.compare import desired_value
from reconciler.plan.compare import plain
from reconciler.plan.markers import Markers
from reconciler.plan.model import Action
from reconciler.plan.model import Step
from reconciler.registry import CREATE
from reconciler.registry import FROM_ARRAY
from reconciler.registry import INTERVIEW_BY_SPEC
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED
from reconciler.registry import Field
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion

# Create requests accept only these statuses and video-introduction values.
_CREATE_STATUSES = ("draft", "active")
_CREATE_VIDEO_INTRO = ("optional", "required")


def create_action(interview: DesiredInterview) -> Action:
    """Option A (`generate:`) uses job-interview-create; own questions use create-from-array."""
    return Action.CREATE if interview.questions is None else Action.CREATE_FROM_ARRAY


def create_steps(
    interview: DesiredInterview, template_id: str, markers: Markers
) -> tuple[Step, ...]:
    """The create call, then an update for what the create endpoint cannot take."""
    action = create_action(interview)
    endpoint = CREATE if action is Action.CREATE else FROM_ARRAY
    body: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field in INTERVIEW_FIELDS:
        value = _sendable(interview, field)
        if value is UNMANAGED or value is None:
            continue
        if endpoint in field.creates:
            body[field.write_name] = value
        elif field.in_update and value != _created_default(field):
            after[field.write_name] = value
    body["interview_template_id"] = template_id
    body["tags"] = [*body.get("tags", ()), *markers.tags()]
    if body.get("status") not in _CREATE_STATUSES:
        body["status"] = "draft"
    if body.get("candidate_video_introduction") not in _CREATE_VIDEO_INTRO:
        body.pop("candidate_video_introduction", None)
    if interview.questions is not None:
        body["questions"] = question_entries(interview.questions, {}, omit_nulls=True)
    steps = [Step(action, body)]
    if after:
        steps.append(Step(Action.UPDATE, after))
    return tuple(steps)


def update_body(
    interview: DesiredInterview,
    changed: Sequence[str],
    template_id: str,
    markers: Markers,
    live_ids: Mapping[str, str] | None,
) -> dict[str, Any]:
    """job-interview-update with only the changed fields, the markers, and the questions
    (the complete ordered list) when `live_ids` is given because questions changed."""
    body: dict[str, Any] = {}
    for name in changed:
        field = COMPARED_BY_SPEC[name]
        if name in ("status", "tags"):
            continue
        value = template_id if name == "interview_template_id" else _sendable(interview, field)
        body[field.write_name] = None if value is UNMANAGED else value
    body["tags"] = [*_user_tags(interview), *markers.tags()]
    if live_ids is not None and interview.questions is not None:
        body["questions"] = question_entries(interview.questions, live_ids, omit_nulls=False)
    return body


def question_entries(
    questions: Sequence[DesiredQuestion], live_ids: Mapping[str, str], *, omit_nulls: bool
) -> list[dict[str, Any]]:
    """Questions in the create-from-array format; every managed attribute explicit on
    update, because the API carries omitted attributes over from a replaced question."""
    handles = {
        question.key: live_ids.get(question.key) or local_handle(question.key)
        for question in questions
    }
    entries: list[dict[str, Any]] = []
    for question in questions:
        entry: dict[str, Any] = {"id": handles[question.key], "external_id": question.key}
        for field in QUESTION_FIELDS:
            raw = question.values.get(field.spec, UNMANAGED)
            value = field.default if raw is UNMANAGED else raw
            if value is UNMANAGED or (omit_nulls and value is None):
                continue
            entry[field.write_name] = plain(value)
        entry["is_conditional"] = question.follows is not None
        entry["conditional_question_main_id"] = (
            handles[question.follows] if question.follows is not None else None
        )
        if omit_nulls and entry["conditional_question_main_id"] is None:
            del entry["conditional_question_main_id"]
        entries.append(entry)
    return entries


def local_handle(question_key: str) -> str:
    """The `id` a new question is sent with: only a handle for `conditional_question_main_id`
    within one request, but written as a UUID, because every stored id is one and the API
    may refuse any other form. Derived from the key, so a plan is the same every time."""
    return str(uuid.uuid5(_HANDLE_NAMESPACE, question_key))


_HANDLE_NAMESPACE = uuid.UUID("5f1c2a0e-7d3b-4c7e-9a41-2b8e6d0f3c15")


def _sendable(interview: DesiredInterview, field: Field) -> Any:
    value = desired_value(interview, field)
    if value is UNMANAGED:
        return UNMANAGED
    return plain(value)


def _user_tags(interview: DesiredInterview) -> list[str]:
    tags = interview.values.get("tags") or ()
    return sorted({str(tag) for tag in tags})


def _created_default(field: Field) -> Any:
    """What an interview has right after creation for a field its create endpoint lacks."""
    if field is INTERVIEW_BY_SPEC["max_duration"]:
        return field.default
    return UNMANAGED
