"""Literal desired and live values for planner tests (no loader, no API).

`live_like(target)` writes what a faithful server returns for an interview created from
the target: the get response shape, with renamed fields, nulls where unset, and markers.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.compare import COMPARED_FIELDS
from reconciler.plan.compare import desired_value
from reconciler.plan.compare import plain
from reconciler.plan.planner import LiveAccount
from reconciler.plan.planner import PlanSettings
from reconciler.plan.targets import DesiredTarget
from reconciler.plan.targets import build_targets
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location

NAMESPACE = "acme"
SETTINGS = PlanSettings(namespace=NAMESPACE)
AVA = Template("7a1c0001-0000-4000-8000-000000000001", "Ava", "interactive_heygen", "active", "en")
GRACE = Template(
    "7a1c0001-0000-4000-8000-000000000006", "Grace (studio)", "offline_heygen", "active", "en"
)
TEMPLATES = (AVA, GRACE)
_ids = itertools.count(1)

GET_KEYS = [
    "name",
    "created_at",
    "updated_at",
    "calc_definition_json",
    "questions",
    "is_multistage",
    "status",
    "visibility",
    "stage",
    "type",
    "code",
    "interview_location",
    "cover_image_url",
    "merchant_id",
    "interview_template_id",
    "interview_template_type",
    "is_voice_only",
    "knowledge_base_store_id",
    "mojito_language_code",
    "speech_language_code",
    "speech_language_name",
    "recording",
    "recording_full_session",
    "type_credit",
    "result_view",
    "candidate_video_introduction",
    "description",
    "interview_description_long",
    "candidate_expectations",
    "candidate_expectations_json",
    "result_scoring",
    "creation_parameters",
    "interview_department",
    "interview_salary",
    "interview_available_till",
    "recruiter_profile_id",
    "slug",
    "tags",
    "coach_plan",
    "interview_conversation_speed",
    "max_followups",
    "max_duration",
    "questions_random_subset",
    "required_pronunciation",
    "result_enable_edit_transcript",
    "pdf_export_auto_config",
]


def question(key: str, text: str, *, follows: str | None = None, **values: Any) -> DesiredQuestion:
    return DesiredQuestion(
        key=key,
        values=MappingProxyType({"question": text, **values}),
        location=Location("interviews/x.yaml", 1, 1),
        follows=follows,
    )


def spec(
    key: str = "support-screen",
    *,
    questions: tuple[DesiredQuestion, ...] | None = None,
    protect: bool = False,
    import_id: str | None = None,
    **values: Any,
) -> DesiredInterview:
    base: dict[str, Any] = {
        "name": "Support specialist screen",
        "location": "Remote",
        "mojito_language_code": "en",
        "description": "First-round screen",
        "status": "active",
    }
    base.update(values)
    if questions is None and "generate" not in base:
        questions = (question("why", "Why support?"), question("hard", "A hard customer?"))
    return DesiredInterview(
        key=key,
        file=f"interviews/{key}.yaml",
        values=MappingProxyType(base),
        questions=questions,
        location=Location(f"interviews/{key}.yaml", 1, 1),
        template=None if "interview_template_id" in base else "Ava",
        protect=protect,
        import_id=import_id,
    )


def target_of(desired: DesiredInterview) -> DesiredTarget:
    targets, problems = build_targets([desired], TEMPLATES, NAMESPACE)
    assert not problems, problems
    return targets[0]


def live_like(
    desired: DesiredInterview,
    *,
    live_id: str | None = None,
    summary: Mapping[str, Any] | None = None,
    **overrides: Any,
) -> LiveInterview:
    """The live interview a faithful server holds after creating `desired` (then overrides)."""
    target = target_of(desired)
    definition: dict[str, Any] = dict.fromkeys(GET_KEYS)
    definition.update(is_multistage=False, updated_at="2026-11-01T10:00:00.000Z")
    for field in COMPARED_FIELDS:
        value = target.fields.get(field.spec, UNMANAGED)
        if value is UNMANAGED:
            continue
        assert field.read is not None
        _put(definition, field.read, value)
    definition["tags"] = [*(desired.values.get("tags") or ()), *target.markers.tags()]
    definition["interview_template_type"] = AVA.type if target.template_id == AVA.id else GRACE.type
    definition["questions"] = _live_questions(desired)
    definition.update(overrides)
    ident = live_id or f"00000000-0000-4000-8000-{next(_ids):012d}"
    status = definition["status"]
    return LiveInterview(ident, {"id": ident, "status": status, **(summary or {})}, definition)


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        if not isinstance(document.get(part), dict):
            document[part] = {}
        document = document[part]
    document[path[-1]] = value


def _live_questions(desired: DesiredInterview) -> list[dict[str, Any]] | None:
    if desired.questions is None:
        return [{"id": "g1", "question": "Generated question?", "external_id": None}]
    ids = {q.key: f"q-{q.key}" for q in desired.questions}
    items = []
    for q in desired.questions:
        item: dict[str, Any] = {"id": ids[q.key], "external_id": q.key, "extra_server_key": 7}
        for field in QUESTION_FIELDS:
            value = desired_value_q(q, field.spec, field.default)
            item[field.write_name] = None if value is UNMANAGED else plain(value)
        item["is_conditional"] = q.follows is not None
        item["conditional_question_main_id"] = ids[q.follows] if q.follows else None
        items.append(item)
    return items


def desired_value_q(q: DesiredQuestion, name: str, default: Any) -> Any:
    return q.values.get(name, default)


def account(*lives: LiveInterview) -> LiveAccount:
    return LiveAccount(interviews=tuple(lives), templates=TEMPLATES)


__all__ = ["account", "desired_value", "live_like", "question", "spec", "target_of"]
