"""Interview documents: how write-side fields are stored and how reads project them.

A document holds the get response's keys (renamed fields under their read names) plus
private keys starting with `_` (create-only inputs, embed key, step ids) and the list
item's counters. Pure: no I/O.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Mapping
from typing import Any
from typing import Final

from reconciler.emulator.catalog import MERCHANT_ID
from reconciler.emulator.catalog import TEMPLATES_BY_ID
from reconciler.emulator.catalog import speech_language

Document = dict[str, Any]

# Write name -> read name of fields stored as they are sent.
STORED_AS: Final = {
    **{
        name: name
        for name in (
            "name",
            "code",
            "cover_image_url",
            "description",
            "interview_department",
            "interview_salary",
            "interview_available_till",
            "recruiter_profile_id",
            "tags",
            "visibility",
            "type",
            "type_credit",
            "coach_plan",
            "interview_template_id",
            "knowledge_base_store_id",
            "mojito_language_code",
            "recording",
            "recording_full_session",
            "result_view",
            "candidate_video_introduction",
            "interview_conversation_speed",
            "max_followups",
            "max_duration",
            "questions_random_subset",
            "required_pronunciation",
            "result_enable_edit_transcript",
            "candidate_expectations",
            "candidate_expectations_json",
            "pdf_export_auto_config",
        )
    },
    "location": "interview_location",
    "description_long": "interview_description_long",
}
CREATION_KNOBS: Final = (
    "interview_type",
    "interview_tone",
    "interview_length",
    "additional_context",
    "include_rapport_question",
    "include_closing_prompt",
    "seniority_level",
    "hiring_for_company",
)
CREATE_ONLY: Final = (
    "welcome_message",
    "thank_you_message",
    "instructional_video",
    "instructional_video_custom_text",
    "use_enhanced_expectations",
    "disable_deduplication",
)
# The API stores a blank string as null for these (update rule 1).
BLANK_IS_NULL: Final = frozenset({"code", "location", "interview_department", "interview_salary"})
GET_KEYS: Final = (
    "name", "created_at", "updated_at", "calc_definition_json", "questions", "is_multistage",
    "status", "visibility", "stage", "type", "code", "interview_location", "cover_image_url",
    "merchant_id", "interview_template_id", "interview_template_type", "is_voice_only",
    "knowledge_base_store_id", "mojito_language_code", "speech_language_code",
    "speech_language_name", "recording", "recording_full_session", "type_credit",
    "result_view", "candidate_video_introduction", "description",
    "interview_description_long", "candidate_expectations", "candidate_expectations_json",
    "result_scoring", "creation_parameters", "interview_department", "interview_salary",
    "interview_available_till", "recruiter_profile_id", "slug", "tags", "coach_plan",
    "interview_conversation_speed", "max_followups", "max_duration",
    "questions_random_subset", "required_pronunciation", "result_enable_edit_transcript",
    "pdf_export_auto_config",
)  # fmt: skip
DEFAULT_MAX_DURATION: Final = 1200


def new_document(kind: str, status: str, stamp: str) -> Document:
    """An empty interview of a type and status, with the API's defaults."""
    document: Document = {key: None for key in GET_KEYS}
    document.update(
        id=str(uuid.uuid4()),
        merchant_id=MERCHANT_ID,
        type=kind,
        status=status,
        type_credit=type_credit_for(kind),
        created_at=stamp,
        updated_at=stamp,
        is_multistage=False,
        tags=[],
        questions=[],
        max_duration=DEFAULT_MAX_DURATION,
        required_pronunciation=False,
        result_enable_edit_transcript=True,
        creation_parameters=_default_creation_parameters(),
        interview_count=0,
        interview_last=None,
        emoji=None,
        _create_only={},
        _embed=None,
        _steps={"welcome": str(uuid.uuid4()), "thank_you": str(uuid.uuid4())},
    )
    return document


def _default_creation_parameters() -> dict[str, Any]:
    parameters: dict[str, Any] = {knob: None for knob in CREATION_KNOBS}
    parameters.update(
        interview_type="pre-screening",
        include_rapport_question=False,
        include_closing_prompt=True,
        knowledge_base_store_id=None,
    )
    return parameters


def type_credit_for(kind: str) -> str | None:
    """The credit bucket the API derives from the type (update rule 6)."""
    return None if kind in ("interview", "assessment") else "interview_coach_manager"


def write_field(document: Document, key: str, value: Any) -> None:
    """Store one write-side field (create or update body) in the document."""
    if key in BLANK_IS_NULL and isinstance(value, str) and not value.strip():
        value = None
    if key in STORED_AS:
        document[STORED_AS[key]] = value
        if key == "knowledge_base_store_id":
            document["creation_parameters"]["knowledge_base_store_id"] = value
    elif key in CREATION_KNOBS:
        document["creation_parameters"][key] = value
    elif key in CREATE_ONLY:
        document["_create_only"][key] = value
    elif key == "interview_attempts":
        document["result_scoring"] = {**(document["result_scoring"] or {}), "max_retries": value}
    elif key == "custom_scoring":
        _merge_scoring(document, value)


def _merge_scoring(document: Document, value: Mapping[str, Any] | None) -> None:
    current = dict(document["result_scoring"] or {})
    if value is None:
        kept = {k: v for k, v in current.items() if k == "max_retries"}
        document["result_scoring"] = kept or None
    else:
        document["result_scoring"] = {**current, **value}


def finish_create(document: Document, is_embedded: bool | None) -> None:
    """Derived values set once at create: slug, instructional step, embed key."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(document["name"]).lower()).strip("-")
    document["slug"] = f"{slug or 'interview'}-{document['id'][:8]}"
    if document["_create_only"].get("instructional_video"):
        document["_steps"]["instructional"] = str(uuid.uuid4())
    if is_embedded:
        set_embed(document, True)


def set_embed(document: Document, enabled: bool) -> dict[str, str] | None:
    """Ensure (or remove) the iframe embed key; return it when enabled."""
    if not enabled:
        document["_embed"] = None
        return None
    if document["_embed"] is None:
        document["_embed"] = {
            "embed_id": str(uuid.uuid4()),
            "embed_signing_key": secrets.token_hex(16),
        }
    return dict(document["_embed"])


def step_ids(document: Document) -> list[str]:
    """Every step in order: welcome, instructional video, questions, thank-you."""
    steps = document["_steps"]
    middle = [steps["instructional"]] if steps.get("instructional") else []
    questions = [question["id"] for question in document["questions"]]
    return [steps["welcome"], *middle, *questions, steps["thank_you"]]


def get_view(document: Document) -> dict[str, Any]:
    """The job-interview-get response: every documented key, derived ones filled in."""
    view = {key: document.get(key) for key in GET_KEYS}
    template = TEMPLATES_BY_ID.get(document["interview_template_id"] or "")
    view["interview_template_type"] = template.type if template else None
    view["is_voice_only"] = (template.type == "interactive_elevenlabs") if template else None
    code, name = speech_language(document["mojito_language_code"])
    view["speech_language_code"], view["speech_language_name"] = code, name
    view["questions"] = [dict(question) for question in document["questions"]]
    return view


def list_item(document: Document) -> dict[str, Any]:
    """One merchant-interview-list entry."""
    template = TEMPLATES_BY_ID.get(document["interview_template_id"] or "")
    keys = ("id", "merchant_id", "name", "emoji", "type", "status", "visibility")
    item = {key: document.get(key) for key in keys}
    item.update(
        type_avatar=template.type if template else None,
        mojito_language_code=document["mojito_language_code"],
        speech_language_code=speech_language(document["mojito_language_code"])[0],
        environment="production",
        is_ats=False,
        is_multi_stage=False,
        recording=document["recording"],
        recording_full_session=document["recording_full_session"],
        billing_single_position=False,
        billing_single_position_end_at=None,
        cover_image_url=document["cover_image_url"],
        interview_count=document["interview_count"],
        interview_last=document["interview_last"],
        calc_duration=document["max_duration"],
        created_at=document["created_at"],
        updated_at=document["updated_at"],
    )
    return item
