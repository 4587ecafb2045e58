"""The throwaway interview `doctor --write-check` creates, and the requests it sends. Pure.

It carries the tool's markers, in a namespace of its own, so no repository's plan ever
adopts or prunes it, and a name no one mistakes for a real interview.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from typing import Final

from reconciler.live import Template
from reconciler.plan.markers import Markers
from reconciler.plan.markers import fingerprint
from reconciler.plan.requests import local_handle

NAMESPACE: Final = "interviews-as-code-doctor"
FIRST: Final = "doctor-first"
SECOND: Final = "doctor-second"
QUESTIONS: Final = {
    FIRST: "Which coffee drinks can you make?",
    SECOND: "Which one do you like best, and why?",
}
CHANGED_SECOND: Final = "Which one do you like best, and how do you make it?"
DESCRIPTION: Final = (
    "A throwaway interview made by `interviews doctor --write-check` to check how the API "
    "stores what interviews-as-code sends. Safe to delete."
)
CHANGED_DESCRIPTION: Final = DESCRIPTION + " (updated by the check)"
PROBE_FIELD: Final = "iac_doctor_unknown_field"
"""A body field no API knows: the API should refuse it (422)."""
EXTRA_KEY: Final = "doctor-extra"
NOT_A_UUID: Final = "doctor-extra-handle"


@dataclass(frozen=True)
class Throwaway:
    """The interview to create: its name, the tags sent with it, the create body."""

    name: str
    tags: tuple[str, ...]
    body: Mapping[str, Any]


def throwaway(template: Template, now: datetime) -> Throwaway:
    """A create-from-array body for a draft, unlisted interview with two questions, the
    second following the first, and markers of every kind that carries a value."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    name = f"interviews-as-code doctor check {stamp} — safe to delete"
    markers = Markers(
        NAMESPACE, f"check-{stamp.lower()}", fingerprint=fingerprint(["doctor", stamp]),
        sync=fingerprint(["doctor-sync", stamp]),
    )  # fmt: skip
    tags = ("doctor-check", *markers.tags())
    first, second = local_handle(FIRST), local_handle(SECOND)
    body = {
        "name": name,
        "location": "Nowhere (a check by interviews-as-code)",
        "interview_template_id": template.id,
        "mojito_language_code": template.mojito_language_code or "en",
        "description": DESCRIPTION,
        "status": "draft",
        "type": "interview",
        "visibility": "merchant_unlisted",
        "interview_attempts": 2,  # so that result_scoring.max_retries can be seen
        "interview_type": "pre-screening",
        "interview_tone": "relaxed",
        "tags": list(tags),
        "questions": [
            {"id": first, "external_id": FIRST, "question": QUESTIONS[FIRST],
             "is_conditional": False},
            {"id": second, "external_id": SECOND, "question": QUESTIONS[SECOND],
             "is_conditional": True, "conditional_question_main_id": first},
        ],
    }  # fmt: skip
    return Throwaway(name, tags, body)


def update_body(
    live_id: str, tags: Sequence[str], questions: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Change the description and the second question's text, as apply sends an update:
    the changed fields, the tags, and the complete ordered question list with live ids."""
    entries = []
    for index, question in enumerate(questions):
        entry = {
            "id": question.get("id"),
            "external_id": question.get("external_id") or (FIRST, SECOND)[index],
            "question": CHANGED_SECOND if index == 1 else question.get("question"),
            "is_conditional": bool(question.get("is_conditional")),
        }
        if question.get("conditional_question_main_id"):
            entry["conditional_question_main_id"] = question["conditional_question_main_id"]
        entries.append(entry)
    return {
        "position_id": live_id,
        "description": CHANGED_DESCRIPTION,
        "tags": list(tags),
        "questions": entries,
    }


def extra_question_body(live_id: str, questions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The live questions plus one whose `id` handle is not a UUID."""
    kept = [
        {"id": q.get("id"), "question": q.get("question"), "external_id": q.get("external_id")}
        for q in questions
    ]
    extra = {"id": NOT_A_UUID, "external_id": EXTRA_KEY, "question": "One more thing?"}
    return {"position_id": live_id, "questions": [*kept, extra]}
