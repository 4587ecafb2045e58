"""job-interview-update and job-interview-set-state: in-place changes to a stored interview.

Every check runs before anything is written, so a refused request changes nothing.
`updated_at` moves only when the stored interview actually changed.
"""

from __future__ import annotations

import copy
from typing import Any
from typing import Final

from reconciler.emulator import records
from reconciler.emulator import rules
from reconciler.emulator.catalog import TEMPLATES_BY_ID
from reconciler.emulator.context import Context
from reconciler.emulator.creates import check_knowledge_base
from reconciler.emulator.creates import check_template
from reconciler.emulator.questions import QuestionsDiff
from reconciler.emulator.questions import apply_question_list
from reconciler.emulator.questions import derive_expectations
from reconciler.emulator.validation import ApiProblem
from reconciler.emulator.validation import invalid
from reconciler.emulator.validation import validate_body

JSON = dict[str, Any]
_NOT_FIELDS: Final = frozenset({"position_id", "regenerate_candidate_expectations"})
_SPECIAL: Final = frozenset({*_NOT_FIELDS, "status", "questions"})


def update(context: Context, body: JSON) -> JSON:
    """Partial update; the question list, when sent, is applied as a diff."""
    if isinstance(body, dict) and "mojito_language_code" in body:
        raise invalid("mojito_language_code", "cannot be changed")
    validate_body(body, rules.UPDATE_BODY)
    with context.store.lock:
        document = _existing(context, body["position_id"], missing_status=404)
        _check_references(body)
        changed = copy.deepcopy(document)
        diff = _apply_questions(changed, body)
        _apply_fields(changed, body)
        regenerated = _regenerate_expectations(changed, body)
        _save_if_changed(context, document, changed)
    answer: JSON = {
        "position_id": body["position_id"],
        "is_multistage": False,
        "updated_fields": _updated_fields(body, regenerated),
    }
    if diff is not None:
        answer["questions_diff"] = _diff_view(changed, diff)
    return answer


def set_state(context: Context, body: JSON) -> JSON:
    """Change the status and/or the embed key. Unknown ids are 500s, as the spec says."""
    validate_body(body, rules.SET_STATE_BODY)
    status, embedded = body.get("status"), body.get("is_embedded")
    if status is None and embedded is None:
        raise invalid("status", "or is_embedded must be given")
    with context.store.lock:
        document = _existing(context, body["position_id"], missing_status=500)
        changed = copy.deepcopy(document)
        if status is not None:
            changed["status"] = status
        embed = None if embedded is None else records.set_embed(changed, embedded)
        _save_if_changed(context, document, changed)
    return dict(embed) if embed is not None else {"success": True}


def _existing(context: Context, position_id: str, *, missing_status: int) -> records.Document:
    document = context.store.get(position_id)
    if document is None:
        raise ApiProblem(missing_status, f"no interview or position with id {position_id}")
    return document


def _check_references(body: JSON) -> None:
    if "interview_template_id" in body:
        check_template(body["interview_template_id"])
    check_knowledge_base(body.get("knowledge_base_store_id"))


def _apply_questions(document: records.Document, body: JSON) -> QuestionsDiff | None:
    if "questions" not in body:
        return None
    questions, diff = apply_question_list(document["questions"], body["questions"])
    template = TEMPLATES_BY_ID.get(body.get("interview_template_id") or "") or TEMPLATES_BY_ID.get(
        document["interview_template_id"] or ""
    )
    if diff.changed and document["status"] == "active" and template and template.is_offline:
        raise invalid(
            "questions",
            f"of an active interview with a pre-rendered ({template.type}) template cannot "
            "change; set it to draft first",
        )
    document["questions"] = questions
    return diff


def _apply_fields(document: records.Document, body: JSON) -> None:
    for key, value in body.items():
        if key not in _SPECIAL:
            records.write_field(document, key, value)
    if "type" in body and "type_credit" not in body:
        document["type_credit"] = records.type_credit_for(body["type"])
    if "status" in body:
        document["status"] = body["status"]


def _regenerate_expectations(document: records.Document, body: JSON) -> bool:
    wanted = body.get("regenerate_candidate_expectations") and "questions" in body
    if not wanted or document["type"] != "interview" or "candidate_expectations_json" in body:
        return False
    texts = [question["question"] for question in document["questions"]]
    document["candidate_expectations_json"] = derive_expectations(texts)
    return True


def _save_if_changed(context: Context, before: records.Document, after: records.Document) -> None:
    if after != before:
        after["updated_at"] = context.store.stamp()
        context.store.put(after)


def _updated_fields(body: JSON, regenerated: bool) -> list[str]:
    fields = [key for key in body if key not in _NOT_FIELDS]
    if regenerated:
        fields.append("candidate_expectations_json")
    return fields


def _diff_view(document: records.Document, diff: QuestionsDiff) -> JSON:
    return {
        "kept": diff.kept,
        "added": diff.added,
        "removed": diff.removed,
        "replaced": diff.replaced,
        "question_ids": records.step_ids(document),
        "reactivated": diff.changed and document["status"] == "active",
    }
