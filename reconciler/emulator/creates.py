"""The three create endpoints: job-interview-create (generated questions),
job-interview-create-from-array (caller's questions) and
job-interview-create-for-candidate-with-token (positions: emulator/positions.py). Writes
through the store only.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any
from typing import Final

from reconciler.emulator import positions
from reconciler.emulator import records
from reconciler.emulator import rules
from reconciler.emulator.candidates import count_candidates
from reconciler.emulator.catalog import KNOWLEDGE_BASE_STORES
from reconciler.emulator.catalog import TEMPLATES
from reconciler.emulator.catalog import TEMPLATES_BY_ID
from reconciler.emulator.context import Context
from reconciler.emulator.questions import build_questions
from reconciler.emulator.questions import derive_expectations
from reconciler.emulator.questions import generate_questions
from reconciler.emulator.questions import question_count
from reconciler.emulator.validation import ApiProblem
from reconciler.emulator.validation import invalid
from reconciler.emulator.validation import validate_body

JSON = dict[str, Any]
_SET_APART: Final = frozenset({"type", "status", "is_embedded", "merchant_id", "questions"})


def check_template(template_id: str, *, status: int = 422) -> None:
    """Unknown templates answer `status`; legacy ones can no longer be used (422)."""
    template = TEMPLATES_BY_ID.get(template_id)
    if template is None:
        raise ApiProblem(
            status, f"interview_template_id {template_id} is not a known template; "
            "see merchant-avatar-list", "interview_template_id"
        )  # fmt: skip
    if template.is_legacy:
        raise invalid(
            "interview_template_id",
            f"names a legacy {template.type} template, which new interviews cannot use",
        )


def check_knowledge_base(store_id: str | None, *, status: int = 422) -> None:
    if store_id is not None and store_id not in KNOWLEDGE_BASE_STORES:
        raise ApiProblem(
            status, f"knowledge_base_store_id {store_id} is not a known knowledge-base store",
            "knowledge_base_store_id",
        )  # fmt: skip


def create(context: Context, body: JSON) -> JSON:
    """job-interview-create: questions and expectations are generated."""
    validate_body(body, rules.CREATE_BODY)
    check_template(body["interview_template_id"])
    check_knowledge_base(body.get("knowledge_base_store_id"))
    requested = _interview_length(body.get("interview_length"))
    document = _document_from(context, body)
    _fill_generated_text(document)
    seed_text = str(document["description"])
    count = question_count(requested, document["max_duration"], seed_text)
    texts = generate_questions(document["name"], seed_text, count)
    document["questions"] = build_questions([{"question": text} for text in texts])
    if document["type"] == "interview":
        document["candidate_expectations_json"] = derive_expectations(texts)
    return _store_new(context, document, body, questions_generated=count)


def create_from_array(context: Context, body: JSON) -> JSON:
    """job-interview-create-from-array: unresolved ids are 500s here, as the spec says."""
    validate_body(body, rules.CREATE_FROM_ARRAY_BODY)
    check_template(body["interview_template_id"], status=500)
    check_knowledge_base(body.get("knowledge_base_store_id"), status=500)
    document = _document_from(context, body)
    document["questions"] = build_questions(body["questions"])
    if document["type"] == "interview" and "candidate_expectations_json" not in body:
        texts = [question["question"] for question in document["questions"]]
        document["candidate_expectations_json"] = derive_expectations(texts)
    return _store_new(context, document, body)


def create_for_candidate(context: Context, body: JSON) -> JSON:
    """Enrol one candidate in an existing position's active interview, or in a new one."""
    validate_body(body, rules.CANDIDATE_BODY)
    found = positions.existing(context, body)
    if found is None:
        document = _new_interview(context, body)
        position = positions.record(context, body, document)
    else:
        position, document = found
    count_candidates(context.store, document["id"], 1, context.store.stamp())
    answer: JSON = {
        "status": "ai_accept",
        "position_def_set_id": position["id"],
        "interview_def_set_id": document["id"],
        "profile_interview_id": str(uuid.uuid4()),
        "interview_url": f"{context.base_url}/i/{secrets.token_urlsafe(16)}",
    }
    if body.get("is_embedded"):
        answer.update(_embed_of(context, document))
    return answer


def _interview_length(value: float | str | None) -> int | None:
    if value is None:
        return None
    try:
        length = float(value)
    except ValueError:
        length = 0
    if not (1 <= length <= 40 and length == int(length)):
        raise invalid("interview_length", "must be a whole number of questions from 1 to 40")
    return int(length)


def _document_from(context: Context, body: JSON) -> records.Document:
    document = records.new_document(body["type"], body["status"], context.store.stamp())
    for key, value in body.items():
        if key not in _SET_APART:
            records.write_field(document, key, value)
    if document["max_duration"] is None:  # an explicit null means the default, too
        document["max_duration"] = records.DEFAULT_MAX_DURATION
    return document


def _fill_generated_text(document: records.Document) -> None:
    name, location = document["name"], document["interview_location"]
    if not (document["description"] or "").strip():
        document["description"] = f"{name} in {location}."
    wants_long = document["type"] in ("interview", "assessment")
    if wants_long and not (document["interview_description_long"] or "").strip():
        document["interview_description_long"] = f"## {name}\n\n{document['description']}"
    if not (document["candidate_expectations"] or "").strip():
        document["candidate_expectations"] = f"Relevant experience for the {name} role."


def _store_new(context: Context, document: records.Document, body: JSON, **extra: Any) -> JSON:
    records.finish_create(document, body.get("is_embedded"))
    context.store.put(document)
    answer: JSON = {"interview_def_set_id": document["id"], **extra}
    if "questions_generated" in extra:
        answer["max_duration"] = document["max_duration"]
    if document["_embed"] is not None:
        answer.update(document["_embed"])
    return answer


def _new_interview(context: Context, body: JSON) -> records.Document:
    """The interview of a new position, made from the body's position fields."""
    for name in ("position_name", "position_location", "position_country_code"):
        if not (body.get(name) or "").strip():
            raise invalid(name, "is required when position_def_set_id is not given")
    if body.get("mojito_language_code") is None:
        raise invalid("mojito_language_code", "is required when position_def_set_id is not given")
    template_id = body.get("interview_template_id") or TEMPLATES[0].id
    check_template(template_id)
    document = records.new_document("interview", "active", context.store.stamp())
    for key, value in body.items():
        if not key.startswith(("candidate_", "position_")) and key not in _SET_APART:
            records.write_field(document, key, value)
    copied = {
        "name": body["position_name"],
        "location": body["position_location"],
        "description": body.get("position_description"),
        "description_long": body.get("position_description_long"),
        "interview_template_id": template_id,
        "mojito_language_code": body["mojito_language_code"],
        "visibility": "merchant_invite",
        "result_view": body.get("result_view") or "minimal",
    }
    for key, value in copied.items():
        records.write_field(document, key, value)
    _fill_generated_text(document)
    count = question_count(None, document["max_duration"], document["description"])
    texts = generate_questions(document["name"], document["description"], count)
    document["questions"] = build_questions([{"question": text} for text in texts])
    records.finish_create(document, False)
    context.store.put(document)
    return document


def _embed_of(context: Context, document: records.Document) -> dict[str, str]:
    with context.store.lock:
        embed = records.set_embed(document, True)
        context.store.replace_quietly(document)
    return embed or {}
